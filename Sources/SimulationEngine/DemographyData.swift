import BaseData
import Foundation
import RegionalModels

/// Reading the bundled population data (`population/`, MODEL-v3 §3) into the inputs of the cohort-component
/// block: the national 2020 census age–sex profile, the broad age groups of provinces and jurisdictions, the
/// vital-rate schedules and the participation rates. Every read names its figure when it is missing.
enum DemographyData {
    /// The census reference year of the age structures.
    static let censusYear = 2020

    /// Persons per unit of a count figure (`persons` or `10k persons`); nil for any other unit.
    static func persons(_ f: DataFigure) -> Double? {
        switch f.unit {
        case "persons": return f.value
        case "10k persons": return f.value * 1e4
        default: return nil
        }
    }

    /// First-release crude birth and death rates (per mille) of a region in a year, if both are published.
    static func firstReleaseCrudeRates(_ pop: PopulationData, region: String, year: Int) -> (births: Double, deaths: Double)? {
        guard let b = pop.value(region: region, indicator: "birth_rate", year: year, vintage: "first-release"),
              let d = pop.value(region: region, indicator: "death_rate", year: year, vintage: "first-release") else { return nil }
        return (b, d)
    }

    /// A region's 2020 census population by five-year group and sex (0–4 … 95–99, 100+; China, Chongqing and
    /// Sichuan publish it), split into single years (`AgeStructure.singleYears`): the seed of the age
    /// structures (MODEL-v3 §3.1).
    static func censusProfile(_ pop: PopulationData, region: String = "china", year: Int = censusYear) throws -> Cohorts {
        var values = [Double](repeating: 0, count: 2 * Cohorts.ages)
        for sex in Sex.allCases {
            let name = sex == .male ? "male" : "female"
            let groups = pop.figures(region: region, indicator: "population_census", year: year)
                .filter { $0.sex == name && $0.ageFrom != nil && $0.vintage == "census\(year)" }
                .filter { f in f.ageTo == nil ? f.ageFrom! >= 85 : (f.ageTo! - f.ageFrom! == 4) }
                .compactMap { f -> (from: Int, to: Int?, value: Double)? in persons(f).map { (f.ageFrom!, f.ageTo, $0) } }
                .sorted { $0.from < $1.from }
            guard groups.count >= 18, groups.first?.from == 0, groups.last?.to == nil else {
                throw SimulationError.data(
                    "population/census.csv: \(region) population_census \(year) by five-year age group and \(name) is incomplete (\(groups.count) groups; 0–4 … and an open group needed)")
            }
            let single = try withCause("splitting the national 2020 census groups (\(name))") { try AgeStructure.singleYears(groups: groups) }
            for a in 0..<Cohorts.ages { values[sex.rawValue * Cohorts.ages + a] = single[a] }
        }
        return try withCause("the \(year) age profile of \(region)") { try Cohorts(values: values) }
    }

    /// The broad age groups of a region's 2020 census as shares of its total (0–14, 15–59, 60–64, 65+ where 65+
    /// is published, else 60+), from counts or percentage shares; a complete partition is normalised to 1
    /// (published groups are rounded). Empty when the region publishes none.
    static func broadShares(_ pop: PopulationData, region: String) -> [(ages: ClosedRange<Int>, share: Double)] {
        let counts = pop.figures(region: region, indicator: "population_census", year: censusYear).filter { $0.sex == "total" }
        let total = counts.first { $0.ageFrom == nil }.flatMap(persons)
        var shares: [String: Double] = [:]
        for f in counts where f.ageFrom != nil {
            if let p = persons(f), let total, total > 0 { shares[key(f)] = p / total }
        }
        for f in pop.figures(region: region, indicator: "population_share_census", year: censusYear) where f.sex == "total" && f.ageFrom != nil {
            if shares[key(f)] == nil, f.unit == "percent" { shares[key(f)] = f.value / 100 }
        }
        var out: [(ages: ClosedRange<Int>, share: Double)] = []
        if let a = shares["0-14"] { out.append((0...14, a)) }
        if let b = shares["15-59"] { out.append((15...59, b)) }
        if let old = shares["60-"] {
            if let older = shares["65-"], older <= old {
                out.append((60...64, old - older)); out.append((65...100, older))
            } else {
                out.append((60...100, old))
            }
        }
        guard !out.isEmpty else { return [] }
        let covered = out.reduce(0) { $0 + $1.ages.count }
        let sum = out.reduce(0.0) { $0 + $1.share }
        if covered == 101 { return out.map { ($0.ages, $0.share / sum) } }
        // A partial set (e.g. only 60+): the rest of the ages as one group.
        if out.count == 1, out[0].ages.upperBound == 100, out[0].share < 1 {
            return [(0...(out[0].ages.lowerBound - 1), 1 - out[0].share), out[0]]
        }
        return []  // groups that do not partition the ages: none used
    }

    static func key(_ f: DataFigure) -> String { "\(f.ageFrom ?? -1)-\(f.ageTo.map(String.init) ?? "")" }

    /// The male share of a region's 2020 census population, where published.
    static func maleShare(_ pop: PopulationData, region: String) -> Double? {
        let rows = pop.figures(region: region, indicator: "population_census", year: censusYear).filter { $0.ageFrom == nil }
        guard let m = rows.first(where: { $0.sex == "male" }).flatMap(persons),
              let f = rows.first(where: { $0.sex == "female" }).flatMap(persons), m + f > 0 else { return nil }
        return m / (m + f)
    }

    /// A region's 2020 age–sex structure (shares summing to 1): the seed raked (IPF) to its broad groups and male
    /// share where published (MODEL-v3 §3.1), else the seed's own.
    static func structure(seed: Cohorts, pop: PopulationData, region: String) throws -> Cohorts {
        let total = seed.total
        var margins = broadShares(pop, region: region).map { AgeMargin(ages: $0.ages, sex: nil, total: $0.share * total) }
        if let m = maleShare(pop, region: region) {
            if margins.isEmpty { margins.append(AgeMargin(ages: 0...100, sex: nil, total: total)) }
            margins.append(AgeMargin(ages: 0...100, sex: .male, total: m * total))
            margins.append(AgeMargin(ages: 0...100, sex: .female, total: (1 - m) * total))
        }
        let raked = margins.isEmpty ? seed : try withCause("raking the 2020 age structure of \(region)") {
            try AgeStructure.rake(seed, to: margins)
        }
        return try Cohorts(values: raked.values.map { $0 / raked.total })
    }

    /// Single-age values from five-year-group rows of one indicator (ages `from…to`, open group last): each
    /// group's value held over its ages (rates), or nil when the rows do not cover 0…100.
    static func singleAgeRates(_ rows: [DataFigure]) -> [Double]? {
        var out = [Double](repeating: .nan, count: Cohorts.ages)
        for f in rows {
            guard let from = f.ageFrom else { continue }
            let to = min(f.ageTo ?? 100, 100)
            guard from <= to else { continue }
            for a in from...to { out[a] = f.value }
        }
        return out.contains { $0.isNaN } ? nil : out
    }
}
