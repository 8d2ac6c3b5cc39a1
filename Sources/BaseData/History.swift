import Foundation

/// One observed regional figure (`history/regional_history.csv`): a region (`chongqing`, `sichuan`, `circle`
/// or a jurisdiction id), an indicator, a reference year and the release it comes from.
public struct Observation: Sendable, Hashable, Codable {
    public var region: String
    /// `gdp_current` (100m yuan), `gdp_real_growth` (percent), `population` (10k persons), `urbanisation`
    /// (percent), `rd_intensity` (percent), … with the unit in `unit`.
    public var indicator: String
    public var year: Int
    public var value: Double
    public var unit: String
    /// `first-release`, `final-verified`, `revised`, `census2020`, `yearbook`, `derived`, …
    public var vintage: String
    public var provenance: Provenance
    public var sourceIDs: [String]
    public var method: String
}

/// One figure of the national path (`history/national_path.csv`): realised, or a projection of a stated vintage.
public struct NationalFigure: Sendable, Hashable, Codable {
    public var year: Int
    public var indicator: String
    public var value: Double
    public var unit: String
    /// `realised`, `projection-2019` (published in 2019) or `projection-latest`.
    public var kind: String
    public var vintage: String
    public var provenance: Provenance
    public var sourceIDs: [String]
}

/// A realised transport event (`history/transport_events.csv`): an opening or a speed-up, dated.
public struct TransportEvent: Sendable, Hashable, Codable {
    public var id: String
    /// ISO date of the event; `year` is its year, `serviceYear` the first full year of service.
    public var date: String
    public var year: Int
    public var lineID: String
    public var nameZh: String
    public var fromID: String
    public var toID: String
    /// `opening` or `speed-up`.
    public var type: String
    public var designSpeedKmh: Double?
    public var fastestMinutes: Double?
    public var kilometres: Double?
    public var sourceIDs: [String]

    /// The first calendar year the event's service runs for most of the year: the next year when it happens
    /// after June 30 (the model's years are annual).
    public var serviceYear: Int {
        let parts = date.split(separator: "-")
        let month = parts.count > 1 ? Int(parts[1]) ?? 1 : 1
        return month > 6 ? year + 1 : year
    }
}

/// The bundled history 2015–2025 (`history/`, MODEL-v3 §1.2) with the vintage rule's accessors.
public struct HistoryData: Sendable {
    public let observations: [Observation]
    public let national: [NationalFigure]
    public let events: [TransportEvent]
    /// `region|indicator|year` → indices into `observations`, built once (look-ups in the run are O(1)).
    private let index: [String: [Int]]

    public init(observations: [Observation], national: [NationalFigure], events: [TransportEvent]) {
        self.observations = observations
        self.national = national
        self.events = events
        var index: [String: [Int]] = [:]
        for (k, o) in observations.enumerated() { index[Self.key(o.region, o.indicator, o.year), default: []].append(k) }
        self.index = index
    }

    static func key(_ region: String, _ indicator: String, _ year: Int) -> String { "\(region)|\(indicator)|\(year)" }

    /// Releases in order of preference for one (region, indicator, year): first releases first, the basis of
    /// the backtest (a forecaster in year t + 1 sees the first release).
    public static let vintagePreference = ["first-release", "yearbook", "final-verified", "revised", "census2020", "derived"]

    /// The preferred observation of `indicator` for `region` in `year`, or nil.
    public func observation(_ region: String, _ indicator: String, year: Int) -> Observation? {
        guard let all = index[Self.key(region, indicator, year)] else { return nil }
        return all.map { observations[$0] }.min { rank($0.vintage) < rank($1.vintage) }
    }

    func rank(_ vintage: String) -> Int { Self.vintagePreference.firstIndex(of: vintage) ?? Self.vintagePreference.count }

    /// The national figure of `indicator` in `year` of `kind` (preferring the first release), or nil.
    public func national(_ indicator: String, year: Int, kind: String = "realised") -> Double? {
        national.filter { $0.indicator == indicator && $0.year == year && $0.kind == kind }
            .min { rank($0.vintage) < rank($1.vintage) }?.value
    }

    /// The years with a realised national figure of `indicator`.
    public func realisedYears(_ indicator: String) -> [Int] {
        Array(Set(national.filter { $0.indicator == indicator && $0.kind == "realised" }.map(\.year))).sorted()
    }
}

/// Checks of the history files beyond the generic ones: plausible ranges per indicator and the reserved series.
enum HistoryRules {
    /// Chongqing district and county figures from 2021 on are reserved for an independent validation
    /// (DEVELOPERS.md, MODEL-v3 §1.1): no such row may be in the data.
    static let firstReservedYear = 2021

    static func isReserved(region: String, year: Int) -> Bool {
        region.hasPrefix("cq-") && year >= firstReservedYear
    }

    /// Plausible range of an indicator in its unit (nil: the generic range only).
    static func range(_ indicator: String, unit: String) -> ClosedRange<Double>? {
        // A change (growth, natural increase, net migration, a population change) may be negative.
        let signed = ["growth", "natural_increase", "change", "net_"].contains { indicator.contains($0) }
        switch unit {
        case "percent": return indicator.contains("growth") ? -30...40 : 0...100
        case "per mille": return signed ? -40...40 : 0...40
        case "100m yuan": return 0...2e6
        case "10k persons": return signed ? -2e5...2e5 : 0...2e5
        case "km": return 0...1e5
        case "minutes": return 10...2000
        default: return nil
        }
    }
}
