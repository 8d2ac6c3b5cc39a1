import BaseData
import Foundation
import RegionalModels

/// The census decade replayed (MODEL-v3 §7.2, issue 16's in-sample check): every migration zone's 2010 census
/// population (2020 boundaries, the province's 2010 age–sex table) projected year by year to November 2020 with
/// the cohort-component step — fertility `TFR_nat(y)·ρ_p(y)·φ(x)` and mortality `k_p(y)·m(x)`, ρ and k fitted
/// each year to the province's crude birth and death rates on the province's zones together — and the zone's
/// census residual `NM` arriving (or leaving) with the Rogers–Castro ages, in each five-year window as its
/// province's residual of that window (`firstWindowShares`), evenly within it. The result is
/// compared with the 2020 census: zones that gain young migrants get more births than the crude-rate residual
/// assumed, so the match is a test of the residual, the vital rates and the age profile together.
enum CensusBackcast {
    struct Zone: Sendable {
        let id: String
        let members: [String]
        let census2010: Double, census2020: Double, model2020: Double
        /// The replayed population after each year's step (year → persons; the step of year y ends in November y).
        let path: [Int: Double]
        /// The census residual over the decade, persons.
        let netMigration: Double
        /// `(model − census)/census` of 2020.
        var error: Double { model2020 / census2020 - 1 }
    }

    static func run(structure cs: CircleStructure) throws -> [Zone] {
        try run(dataset: cs.dataset, jurisdictions: cs.jurisdictions, members: ZoneModel(structure: cs).members, census: cs.censusMigration)
    }

    static func run(dataset: BaseDataset, jurisdictions: [Jurisdiction], members: [[Int]], census cm: CensusMigration) throws -> [Zone] {
        let pop = dataset.population
        func sum(_ v: [Double]) -> [Double] { members.map { $0.reduce(0.0) { $0 + v[$1] } } }
        let profile = MigrationAgeProfile.rogersCastro()
        let schedule = try Demography.fertilitySchedule(pop)
        let tfr = Demography.nationalTFR(pop)
        let mortality = try Demography.nationalMortality(pop).rates
        var provinceOf: [Province] = [], cohorts: [Cohorts] = [], rates: [Province: [Int: (births: Double, deaths: Double)]] = [:]
        for p in Province.allCases {
            rates[p] = try CensusMigration.crudeRates(pop, province: p.rawValue)
        }
        var seeds: [Province: Cohorts] = [:]
        for p in Province.allCases { seeds[p] = try DemographyData.censusProfile(pop, region: p.rawValue, year: 2010) }
        for ms in members {
            let p = jurisdictions[ms[0]].province
            let size = ms.reduce(0.0) { $0 + cm.population2010[$1] }
            let seed = seeds[p]!
            provinceOf.append(p)
            cohorts.append(try Cohorts(values: seed.values.map { $0 / seed.total * size }))
        }
        let decade = sum(cm.netMigration)
        let firstWindow = try firstWindowShares(MigrationTrend(dataset: dataset))
        // The yearly arrivals of each zone in the first and in the second five-year window.
        let yearly = [true, false].map { first in
            decade.indices.map { z -> Double in
                let share = firstWindow[provinceOf[z]] ?? 0.5
                return decade[z] * (first ? share : 1 - share) / 5
            }
        }
        var path = [[Int: Double]](repeating: [:], count: members.count)
        for year in CensusMigration.years {
            let migration = yearly[year <= lastYearOfFirstWindow ? 0 : 1]
            cohorts = try step(cohorts, provinceOf: provinceOf, year: year, rates: rates, schedule: schedule,
                               tfr: tfr[year] ?? tfr[tfr.keys.max()!]!, mortality: mortality, migration: migration, profile: profile)
            for z in 0..<cohorts.count { path[z][year] = cohorts[z].total }
        }
        return members.enumerated().map { z, ms in
            Zone(id: ms.count == 1 ? jurisdictions[ms[0]].id : "cq-central", members: ms.map { jurisdictions[$0].id },
                 census2010: ms.reduce(0.0) { $0 + cm.population2010[$1] }, census2020: ms.reduce(0.0) { $0 + cm.population2020[$1] },
                 model2020: cohorts[z].total, path: path[z], netMigration: ms.reduce(0.0) { $0 + cm.netMigration[$1] })
        }
    }

    /// The last step of the first five-year window (2010 census → 2015).
    static let lastYearOfFirstWindow = 2015

    /// The share of the decade's net migration that arrives in the steps 2011–15, per province (the rest in
    /// 2016–20, evenly within each window): the province's census-survival residuals of the two windows
    /// (`MigrationTrend`: 2010 census → 2015, 2015 → 2020 census; Chongqing 128.3 then 85.3万: 60 %; Sichuan 33.5
    /// then 36.2万: 48 %). Every zone of a province follows its province's timing (M). Where the two windows'
    /// residuals differ in sign or are both zero the decade is spread evenly (0.5).
    static func firstWindowShares(_ trend: MigrationTrend) -> [Province: Double] {
        trend.residuals.mapValues { r in r.net1 * r.net2 > 0 ? r.net1 / (r.net1 + r.net2) : 0.5 }
    }

    /// One year of the replay: migration first, then the natural step with the province's levels of the year.
    static func step(
        _ cohorts: [Cohorts], provinceOf: [Province], year: Int, rates: [Province: [Int: (births: Double, deaths: Double)]],
        schedule: [Double], tfr: Double, mortality: [Double], migration: [Double], profile: [Double]
    ) throws -> [Cohorts] {
        var moved = cohorts
        for z in 0..<moved.count {
            if migration[z] >= 0 {
                let come = MigrationAgeProfile.distribute(migration[z], profile: profile)
                for i in 0..<moved[z].values.count { moved[z].values[i] += come.values[i] }
            } else {
                let leave = try MigrationAgeProfile.outRates(-migration[z], population: moved[z], profile: profile)
                for i in 0..<moved[z].values.count { moved[z].values[i] *= 1 - leave.values[i] }
            }
        }
        var levels: [Province: (fertility: Double, mortality: Double)] = [:]
        for p in Province.allCases {
            let mine = (0..<moved.count).filter { provinceOf[$0] == p }.map { moved[$0] }
            guard !mine.isEmpty, let crude = rates[p]?[year] else { continue }
            levels[p] = try fitLevels(mine, crude: crude, schedule: schedule, tfr: tfr, mortality: mortality)
        }
        return try (0..<moved.count).map { z in
            let l = levels[provinceOf[z]]!
            let v = VitalRates(
                fertility: schedule.map { $0 * tfr * l.fertility }, mortality: mortality.map { $0 * l.mortality },
                sexRatioAtBirth: DemographyConstants.sexRatioAtBirth)
            return try CohortProjection.natural(moved[z], rates: v).next
        }
    }

    /// ρ and k so that `TFR·ρ·Σ φ·P_F` births and `k·Σ m·P` deaths give the crude rates on these cohorts.
    static func fitLevels(
        _ cohorts: [Cohorts], crude: (births: Double, deaths: Double), schedule: [Double], tfr: Double, mortality: [Double]
    ) throws -> (fertility: Double, mortality: Double) {
        var total = 0.0, exposure = 0.0, expected = 0.0
        for c in cohorts {
            total += c.total
            for x in 0..<Cohorts.ages { exposure += schedule[x] * c[.female, x] }
            for k in 0..<c.values.count { expected += mortality[k] * c.values[k] }
        }
        guard exposure > 0, expected > 0 else { throw SimulationError.data("census backcast: no women or no deaths to fit") }
        return (crude.births / 1000 * total / (tfr * exposure), crude.deaths / 1000 * total / expected)
    }
}
