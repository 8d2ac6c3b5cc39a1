import Foundation

/// Results by sector × place × year (`chengyu run --out DIR --detail sectors` writes them as `sectors.csv`).
///
/// Filled by the engine from its run record. Layout: one flat array per year and quantity, **place-major with
/// the sector fastest**, the same order as the multi-regional system (`MRIODimensions.index(region:sector:)`
/// = `r·S + s`): `grossOutput[y][p · sectors.count + s]` is the gross output of sector `sectors[s]` in place
/// `places[p]` in year `years[y]`.
///
/// Units (the same as the trajectory's indicators `gross_output`, `gdp` and `employment`, so that the sums
/// over sectors reproduce a jurisdiction's `gross_output`, `gdp` and `employment` of the same year):
/// - `grossOutput`: gross output `x`, **100m yuan (亿元) at 2019 prices**;
/// - `valueAdded`: value added `v ⊙ x` (value-added coefficient × gross output), **100m yuan at 2019 prices**;
/// - `employment`: the jurisdiction's workers split over its sectors in proportion to the labour requirements
///   `ℓ ⊙ x` (labour coefficient × gross output), **persons**.
/// Values are finite; a place or sector that produces nothing has 0, never NaN.
public struct SectorDetail: Sendable, Codable, Hashable {
    /// A sector of the national table: two-digit code `"01"` … `"42"` and its names.
    public struct Sector: Sendable, Codable, Hashable {
        public let id: String
        public let nameEn: String
        public let nameZh: String
        public init(id: String, nameEn: String, nameZh: String) {
            self.id = id
            self.nameEn = nameEn
            self.nameZh = nameZh
        }
    }

    public static let grossOutputUnit = "100m yuan (2019 prices)"
    public static let valueAddedUnit = "100m yuan (2019 prices)"
    public static let employmentUnit = "persons"

    /// Sectors in matrix order (`S` of them).
    public let sectors: [Sector]
    /// Jurisdiction ids in matrix order (`R` of them), as in `Trajectory.places`.
    public let places: [String]
    /// Simulated years, as in `Trajectory.years`.
    public let years: [Int]
    /// `[year][place · S + sector]`, 100m yuan at 2019 prices.
    public let grossOutput: [[Double]]
    /// `[year][place · S + sector]`, 100m yuan at 2019 prices.
    public let valueAdded: [[Double]]
    /// `[year][place · S + sector]`, persons.
    public let employment: [[Double]]

    /// Every array must have `years.count` rows of `places.count · sectors.count` values; `shapeProblem` says
    /// which is wrong (the writers check it and refuse a malformed detail instead of crashing).
    public init(
        sectors: [Sector], places: [String], years: [Int], grossOutput: [[Double]], valueAdded: [[Double]], employment: [[Double]]
    ) {
        self.sectors = sectors
        self.places = places
        self.years = years
        self.grossOutput = grossOutput
        self.valueAdded = valueAdded
        self.employment = employment
    }

    /// The first inconsistency of the arrays' shapes, or nil.
    public var shapeProblem: String? {
        let n = places.count * sectors.count
        for (name, a) in [("grossOutput", grossOutput), ("valueAdded", valueAdded), ("employment", employment)] {
            if a.count != years.count { return "SectorDetail.\(name): \(a.count) years, expected \(years.count)" }
            if let bad = a.firstIndex(where: { $0.count != n }) {
                return "SectorDetail.\(name)[\(bad)]: \(a[bad].count) values, expected \(places.count) places × \(sectors.count) sectors = \(n)"
            }
        }
        return nil
    }

    /// Index of (place `p`, sector `s`) in a year's row.
    @inline(__always) public func index(place p: Int, sector s: Int) -> Int { p * sectors.count + s }
}
