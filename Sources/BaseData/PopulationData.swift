import Foundation

/// One figure of the 12-column format shared by `population/` (census counts, vital rates, labour, migration,
/// hukou) and `production/` (sector shares): a region, an indicator, a reference year, a sex and an age range,
/// the release it comes from.
public struct DataFigure: Sendable, Hashable, Codable {
    public var region: String
    /// `population_census`, `birth_rate`, `death_rate`, `tfr`, `asfr`, `asfr_share`, `mx_5y_period`,
    /// `life_expectancy`, `lfpr`, … with the unit in `unit` (README of the folder).
    public var indicator: String
    public var year: Int
    /// `total`, `male` or `female`.
    public var sex: String
    /// Completed years, inclusive; both nil = all ages; `ageTo` nil with `ageFrom` set = an open group.
    public var ageFrom: Int?
    public var ageTo: Int?
    public var value: Double
    public var unit: String
    public var vintage: String
    public var provenance: Provenance
    public var sourceIDs: [String]
    public var method: String
}

/// The bundled population data (`population/`, MODEL-v3 §3) with look-ups by region, indicator and year.
public struct PopulationData: Sendable {
    public let figures: [DataFigure]
    /// `region|indicator|year` → indices into `figures`, built once.
    private let index: [String: [Int]]

    public init(figures: [DataFigure]) {
        self.figures = figures
        var index: [String: [Int]] = [:]
        for (k, f) in figures.enumerated() { index["\(f.region)|\(f.indicator)|\(f.year)", default: []].append(k) }
        self.index = index
    }

    /// Every figure of one region, indicator and year (all sexes, ages and vintages), in file order.
    public func figures(region: String, indicator: String, year: Int) -> [DataFigure] {
        (index["\(region)|\(indicator)|\(year)"] ?? []).map { figures[$0] }
    }

    /// The figure of one region, indicator, year, sex and age range; `vintage` picks a release (nil: the first
    /// in file order). Ages nil = all ages.
    public func value(
        region: String, indicator: String, year: Int, sex: String = "total", ageFrom: Int? = nil, ageTo: Int? = nil,
        vintage: String? = nil
    ) -> Double? {
        figures(region: region, indicator: indicator, year: year).first {
            $0.sex == sex && $0.ageFrom == ageFrom && $0.ageTo == ageTo && (vintage == nil || $0.vintage == vintage)
        }?.value
    }

    /// Years with a figure of one region and indicator (all ages, `sex`), ascending.
    public func years(region: String, indicator: String, sex: String = "total") -> [Int] {
        Array(Set(figures.lazy.filter { $0.region == region && $0.indicator == indicator && $0.sex == sex && $0.ageFrom == nil }
            .map(\.year))).sorted()
    }
}

extension Loader {
    /// Loads `population/` (MODEL-v3 §3): its own `sources.csv` (ids may also be in the main or the history list),
    /// then every data file in the 12-column format, with the history rules (a unit, an estimate's method, ages
    /// that make sense, no reserved Chongqing district figure from 2021 on).
    mutating func loadPopulation(known: Set<String>?) -> PopulationData? {
        guard let src = table(.populationSources, sources: nil), let hist = table(.historySources, sources: nil) else { return nil }
        let ids = Set((0..<src.count).map { src.string($0, "source_id") } + (0..<hist.count).map { hist.string($0, "source_id") })
        let all = known.map { $0.union(ids) }
        var figures: [DataFigure] = []
        var complete = true
        for spec in DataFileSpec.populationFiles {
            guard let rows = loadDataFigures(spec, all) else { complete = false; continue }
            figures += rows
        }
        return complete ? PopulationData(figures: figures) : nil
    }

    /// The rows of a 12-column file under the history rules (reserved series, sex, age range, provenance, unit,
    /// method, plausible range); `check` adds a file's own rules, as (field, message) per row.
    mutating func loadDataFigures(
        _ spec: DataFileSpec, _ known: Set<String>?, check: (DataFigure) -> [(field: String, message: String)] = { _ in [] }
    ) -> [DataFigure]? {
        guard let t = table(spec, sources: known) else { return nil }
        var out: [DataFigure] = []
        for r in 0..<t.count {
            let region = t.string(r, "region_id"), indicator = t.string(r, "indicator")
            let year = Int(t.double(r, "year") ?? 0)
            if HistoryRules.isReserved(region: region, year: year) {
                diagnostics.append(t.diagnostic(r, "year", "\(region) \(year): Chongqing district and county figures from \(HistoryRules.firstReservedYear) on are reserved for an independent validation and may not be in the data"))
                continue
            }
            let sex = t.string(r, "sex")
            guard ["total", "male", "female"].contains(sex) else {
                diagnostics.append(t.diagnostic(r, "sex", "sex must be total, male or female, found '\(sex)'"))
                continue
            }
            let from = t.double(r, "age_from").map { Int($0) }, to = t.double(r, "age_to").map { Int($0) }
            if (from == nil && to != nil) || (from != nil && to != nil && to! < from!) {
                diagnostics.append(t.diagnostic(r, "age_to", "an age range needs age_from ≤ age_to (age_to empty: open group)"))
                continue
            }
            guard let p = historyRow(t, r, indicator: indicator), let value = t.double(r, "value") else { continue }
            let f = DataFigure(
                region: region, indicator: indicator, year: year, sex: sex, ageFrom: from, ageTo: to, value: value,
                unit: t.string(r, "unit"), vintage: t.string(r, "vintage"), provenance: p, sourceIDs: t.ids(r, "source_ids"),
                method: t.string(r, "method"))
            for problem in check(f) { diagnostics.append(t.diagnostic(r, problem.field, problem.message)) }
            out.append(f)
        }
        return out
    }
}
