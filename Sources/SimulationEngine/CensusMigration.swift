import BaseData
import Foundation

/// The 2010 → 2020 inter-census net migration of every jurisdiction (MODEL-v3 §3.4; the census-survival residual
/// of UN Manual VI, 1970): `NM = P₂₀₂₀ − P₂₀₁₀ − (B − D)` on 2020 boundaries (`census2010-boundary2020` counts:
/// 万盛 in 綦江, 双桥 in 大足, 简阳 in 成都), with the decade's natural increase
/// `B − D = Σ_{y=2011}^{2020} (b_p(y) − d_p(y))/1000 · (P₂₀₁₀ + P₂₀₂₀)/2` from the province's crude rates (first
/// releases preferred; years without a figure linearly interpolated). Under the vintage rule the 2020 census is
/// admitted for this residual at every vintage (MODEL-v3 §1.1).
struct CensusMigration: Sendable {
    /// Persons, per jurisdiction, over the decade: the residual made consistent with the cohort model
    /// (`refined(members:dataset:jurisdictions:)`), the migration calibration's target.
    var netMigration: [Double]
    /// The crude-rate residual `P₂₀₂₀ − P₂₀₁₀ − (B − D)` before that refinement.
    let crudeNetMigration: [Double]
    let naturalIncrease: [Double]
    let population2010: [Double], population2020: [Double]
    /// Jurisdictions whose 2020 count is missing (estimated from the province's 2010 → 2020 ratio).
    let estimated: [String]

    static let years = 2011...2020

    init(dataset ds: BaseDataset, jurisdictions: [Jurisdiction]) throws {
        let pop = ds.population
        var nm: [Double] = [], ni: [Double] = [], p10: [Double] = [], p20: [Double] = [], est: [String] = []
        var rates: [Province: [Int: Double]] = [:]
        for p in Province.allCases { rates[p] = try Self.naturalIncreaseRates(pop, province: p.rawValue) }
        for j in jurisdictions {
            guard let a = Self.count(pop, j.id, 2010, vintage: "census2010-boundary2020") else {
                throw SimulationError.data("population/census.csv: \(j.id) population_census 2010 (census2010-boundary2020) is missing")
            }
            var b = Self.count(pop, j.id, 2020, vintage: "census2020")
            if b == nil {
                let prov = j.province.rawValue
                guard let pa = Self.count(pop, prov, 2010, vintage: "census2010"), let pb = Self.count(pop, prov, 2020, vintage: "census2020") else {
                    throw SimulationError.data("population/census.csv: \(j.id) 2020 and its province's census counts are missing")
                }
                b = a * pb / pa
                est.append(j.id)
            }
            let mean = (a + b!) / 2
            let natural = Self.years.reduce(0.0) { $0 + (rates[j.province]![$1] ?? 0) / 1000 * mean }
            p10.append(a); p20.append(b!); ni.append(natural); nm.append(b! - a - natural)
        }
        netMigration = nm; crudeNetMigration = nm; naturalIncrease = ni; population2010 = p10; population2020 = p20; estimated = est
    }

    /// The residual made consistent with the cohort model (MODEL-v3 §3.1, "iterated with §3.4"): the census
    /// decade is replayed (`CensusBackcast`) and each zone's net migration corrected by its 2020 miss, shared
    /// among the zone's members by their 2020 census counts, until every zone lands within 1e-6 of its census
    /// count (at most 20 rounds). A zone that gains young migrants has more births than the crude rates assumed,
    /// so its cohort-consistent net migration is smaller (成都 5.04 rather than 5.26 million).
    func refined(members: [[Int]], dataset: BaseDataset, jurisdictions: [Jurisdiction]) throws -> CensusMigration {
        var out = self
        for _ in 0..<20 {
            let zones = try CensusBackcast.run(dataset: dataset, jurisdictions: jurisdictions, members: members, census: out)
            var worst = 0.0
            for (z, ms) in members.enumerated() {
                let miss = zones[z].census2020 - zones[z].model2020
                worst = max(worst, abs(miss) / zones[z].census2020)
                let weight = ms.reduce(0.0) { $0 + population2020[$1] }
                for r in ms { out.netMigration[r] += miss * population2020[r] / weight }
            }
            if worst < 1e-6 { break }
        }
        return out
    }

    /// A census count in persons (total, all ages) of one vintage.
    static func count(_ pop: PopulationData, _ region: String, _ year: Int, vintage: String) -> Double? {
        // The count in persons before a rounded one in 10k persons of the same release.
        let rows = pop.figures(region: region, indicator: "population_census", year: year)
            .filter { $0.sex == "total" && $0.ageFrom == nil && $0.vintage == vintage }
        return (rows.first { $0.unit == "persons" } ?? rows.first).flatMap(DemographyData.persons)
    }

    /// `b − d` per mille of a province for 2010–2020 (`crudeRates`).
    static func naturalIncreaseRates(_ pop: PopulationData, province: String) throws -> [Int: Double] {
        try crudeRates(pop, province: province).mapValues { $0.births - $0.deaths }
    }

    /// Crude birth and death rates per mille of a province for 2010–2020: published pairs (first releases
    /// preferred over other vintages), the years between linearly interpolated, the ends held.
    static func crudeRates(_ pop: PopulationData, province: String) throws -> [Int: (births: Double, deaths: Double)] {
        let preference = ["first-release", "revised-census2020", "yearbook-2022", "sample-survey", "census2010"]
        var known: [Int: (births: Double, deaths: Double)] = [:]
        for year in 2010...2020 {
            func best(_ indicator: String) -> Double? {
                let rows = pop.figures(region: province, indicator: indicator, year: year).filter { $0.sex == "total" && $0.unit == "per mille" }
                return preference.lazy.compactMap { v in rows.first { $0.vintage == v }?.value }.first ?? rows.first?.value
            }
            if let b = best("birth_rate"), let d = best("death_rate") { known[year] = (b, d) }
        }
        let years = known.keys.sorted()
        guard let first = years.first, let last = years.last else {
            throw SimulationError.data("population/vital_rates.csv: no crude birth and death rates of \(province) for 2010–2020")
        }
        var out: [Int: (births: Double, deaths: Double)] = [:]
        for year in 2010...2020 {
            if let v = known[year] { out[year] = v; continue }
            if year < first { out[year] = known[first]; continue }
            if year > last { out[year] = known[last]; continue }
            let lo = years.last { $0 < year }!, hi = years.first { $0 > year }!
            let w = Double(year - lo) / Double(hi - lo)
            out[year] = (known[lo]!.births + (known[hi]!.births - known[lo]!.births) * w,
                         known[lo]!.deaths + (known[hi]!.deaths - known[lo]!.deaths) * w)
        }
        return out
    }
}
