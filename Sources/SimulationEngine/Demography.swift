import BaseData
import Foundation
import RegionalModels

/// Demographic constants, each with its source or marked as a modelling choice (MODEL-v3 §3).
enum DemographyConstants {
    /// Boys per girl at birth: 111.3 per 100 in the 2020 census (NBS, 7th census bulletin; population/README.md).
    static let sexRatioAtBirth = 1.113
    /// China's surveyed urban unemployment rate, 2019 average: 5.2 % (NBS, Statistical Communiqué 2019). The
    /// labour force of 2019 is employment / (1 − 0.052) in every jurisdiction (modelling choice: one rate).
    static let unemploymentRate2019 = 0.052
    /// Working ages of the indicators (15–64, the UN convention of the dependency ratio).
    static let workingAges = 15...64
    /// Provinces' crude birth and death rates are read for the base year (the vintage is ≥ 2019).
    static let vitalRateYear = 2019
}

/// The cohort-component block's inputs for one run (MODEL-v3 §3.1–3.3): the 2019 age–sex structure of every
/// jurisdiction, the fertility and mortality schedules with their national paths and provincial levels, the
/// migrants' age profile and labour-force participation.
///
/// - Fertility `f[r,x](t) = TFR_nat(t)·ρ_p·φ(x)`: φ the national 2020 age schedule (WPP 2024 ASFR, single ages
///   held within five-year groups, Σ = 1); TFR_nat the WPP 2024 path (estimates to 2023 from registered births,
///   medium variant after); ρ_p fitted so that the province's circle part has its 2019 crude birth rate. The
///   jurisdiction factor ρ_r of MODEL-v3 (census child–woman ratio) is 1: most jurisdictions lack 2020 age
///   groups (stated in docs/MODEL.md).
/// - Mortality `m[r,x,s](t) = k_p·m_nat,2015–20(x,s)·i(x,s)^(t−2019)`: WPP 2024 China rates by sex (five-year
///   groups held over single ages), k_p fitted to the province's 2019 crude death rate, `i` the annual change
///   of each rate from 2015–20 to 2020–25 (WPP; geometric over five years). A proportional scaling rather than
///   MODEL-v3's Brass logit (modelling choice: one parameter fitted to one crude rate either way).
/// - Labour force `LF[r](t) = ψ_r·Σ λ(x,s,t)·P[r,x,s]`: λ participation by age and sex with the statutory
///   retirement age of the 2024 decision (`ParticipationSchedule`; without its figures, 1 at ages 15–64, stated),
///   ψ_r so that the 2019 labour force is employment / (1 − u₂₀₁₉).
struct Demography: Sendable {
    let base: [Cohorts]
    let fertilitySchedule: [Double]
    let fertilityLevel: [Double]
    let mortality2019: [[Double]]
    let mortalityChange: [Double]
    let tfr: [Int: Double]
    let sexRatioAtBirth: Double
    let migrationProfile: [Double]
    /// λ(x, s, t) by year (`ParticipationSchedule.rates`), 2019 … `lastParticipationYear`; later years use the last.
    let participation: [Int: [Double]]
    let participationScale: [Double]
    static let lastParticipationYear = 2060
    /// China's realised births and deaths as factors on every place's levels (`national.path: realised`).
    var national = NationalVitalLevels.none
    /// The hukou stock's base ratio and conversion per jurisdiction (`HukouStock`).
    var hukou = HukouCalibration.none

    /// The vital rates of jurisdiction `r` in `year` (the rates of year t move the population from t to t + 1).
    func rates(region r: Int, year: Int) -> VitalRates {
        let years = tfr.keys.sorted()
        let t = tfr[year] ?? (year < years.first! ? tfr[years.first!]! : tfr[years.last!]!)
        let steps = Double(max(0, year - DemographyConstants.vitalRateYear))
        let f = national.factor(year)
        let level = t * fertilityLevel[r] * f.fertility
        return VitalRates(
            fertility: fertilitySchedule.map { $0 * level },
            mortality: zip(mortality2019[r], mortalityChange).map { $0 * pow($1, steps) * f.mortality },
            sexRatioAtBirth: sexRatioAtBirth)
    }

    /// `LF[r](t)` of every place (`labourForce(_:region:year:)`).
    func labourForces(_ cohorts: [Cohorts], year: Int) -> [Double] {
        cohorts.indices.map { labourForce(cohorts[$0], region: $0, year: year) }
    }

    /// `LF[r](t) = ψ_r·Σ λ(t)·P` (MODEL-v3 §3.3).
    func labourForce(_ c: Cohorts, region r: Int, year: Int) -> Double {
        let lambda = participation[min(max(year, DemographyConstants.vitalRateYear), Self.lastParticipationYear)]!
        var s = 0.0
        for k in 0..<c.values.count { s += lambda[k] * c.values[k] }
        return participationScale[r] * s
    }
}

extension Demography {
    /// Builds the block for a run: structures scaled to the base population, schedules from the data, the
    /// provincial levels fitted to the 2019 crude rates (times the window factor of `RelativeVitalLevels` when
    /// `levelWindowStart` is before 2019), participation scaled to 2019 employment, the hukou stock's calibration.
    static func build(
        structure cs: CircleStructure, population2019: [Double], employment2019: [Double], realisedNational: Bool = false,
        levelWindowStart: Int = RelativeVitalLevels.lastYear
    ) throws -> Demography {
        let pop = cs.dataset.population
        let base = zip(cs.ageStructures, population2019).map { c, p in (try? Cohorts(values: c.values.map { $0 * p })) ?? c }
        let schedule = try fertilitySchedule(pop)
        let tfr = nationalTFR(pop)
        guard let tfr2019 = tfr[DemographyConstants.vitalRateYear] else {
            throw SimulationError.data("population/vital_rates.csv: china tfr \(DemographyConstants.vitalRateYear) (wpp2024-estimate) is missing")
        }
        let (m2015, change) = try nationalMortality(pop)
        var level = [Double](repeating: 1, count: cs.dims.regions)
        var mortality = [[Double]](repeating: m2015, count: cs.dims.regions)
        for province in Province.allCases {
            let members = (0..<cs.dims.regions).filter { cs.jurisdictions[$0].province == province }
            guard !members.isEmpty else { continue }
            let fit = try provincialLevels(pop, province: province.rawValue, cohorts: members.map { base[$0] },
                                           schedule: schedule, tfr: tfr2019, mortality: m2015)
            let window = try RelativeVitalLevels.factor(
                pop, province: province.rawValue, from: levelWindowStart, schedule: schedule, mortality: m2015)
            for r in members {
                level[r] = fit.fertility * window.fertility
                mortality[r] = m2015.map { $0 * fit.mortality * window.mortality }
            }
        }
        let lambdas = participationRates(pop)
        let lambda = lambdas[DemographyConstants.vitalRateYear]!
        let scale = (0..<cs.dims.regions).map { r -> Double in
            var s = 0.0
            for k in 0..<lambda.count { s += lambda[k] * base[r].values[k] }
            return s > 0 ? employment2019[r] / (1 - DemographyConstants.unemploymentRate2019) / s : 0
        }
        var out = Demography(
            base: base, fertilitySchedule: schedule, fertilityLevel: level, mortality2019: mortality, mortalityChange: change,
            tfr: tfr, sexRatioAtBirth: DemographyConstants.sexRatioAtBirth,
            migrationProfile: MigrationAgeProfile.rogersCastro(), participation: lambdas, participationScale: scale)
        if realisedNational { out.national = try out.nationalLevels(cs.dataset) }
        out.hukou = try HukouCalibration.calibrate(cs.dataset, provinces: cs.jurisdictions.map(\.province))
        return out
    }

    /// The national vital levels (`NationalVitalLevels`) on China's 2020 census profile (141,178万).
    func nationalLevels(_ ds: BaseDataset) throws -> NationalVitalLevels {
        let profile = try DemographyData.censusProfile(ds.population)
        let total = ds.history.national("population_census", year: DemographyData.censusYear).map { $0 * 1e4 } ?? profile.total
        let scaled = try Cohorts(values: profile.values.map { $0 / profile.total * total })
        let years = tfr.keys.sorted()
        return try NationalVitalLevels.fit(
            history: ds.history, profile: scaled, schedule: fertilitySchedule,
            tfr: { y in tfr[y] ?? (y < years.first! ? tfr[years.first!]! : tfr[years.last!]!) },
            mortality: { y in
                let steps = Double(max(0, y - DemographyConstants.vitalRateYear))
                // Any jurisdiction's schedule: a constant level cancels in the ratios F and G.
                return zip(mortality2019[0], mortalityChange).map { $0 * pow($1, steps) }
            })
    }

    /// φ(x): China's 2020 ASFR (WPP 2024, per 1000 women, five-year groups 10–54) held over single ages and
    /// normalised to sum 1 over single ages.
    static func fertilitySchedule(_ pop: PopulationData) throws -> [Double] {
        let rows = pop.figures(region: "china", indicator: "asfr", year: DemographyData.censusYear).filter { $0.sex == "female" }
        var f = [Double](repeating: 0, count: Cohorts.ages)
        for r in rows { if let a = r.ageFrom, let b = r.ageTo { for x in a...min(b, 100) { f[x] = r.value } } }
        let sum = f.reduce(0, +)
        guard sum > 0 else { throw SimulationError.data("population/vital_rates.csv: china asfr 2020 by age group is missing") }
        return f.map { $0 / sum }
    }

    /// The national TFR path: WPP 2024 estimates (to 2023) and medium variant (2024 on), by year.
    static func nationalTFR(_ pop: PopulationData) -> [Int: Double] {
        var out: [Int: Double] = [:]
        for f in pop.figures where f.region == "china" && f.indicator == "tfr" && f.vintage.hasPrefix("wpp2024") { out[f.year] = f.value }
        return out
    }

    /// WPP 2024 China m(x) by sex for 2015–20 at single ages (both sexes, `Cohorts` layout) and the annual change
    /// of each rate to 2020–25, `(m₂₀₂₀₋₂₅/m₂₀₁₅₋₂₀)^(1/5)`.
    static func nationalMortality(_ pop: PopulationData) throws -> (rates: [Double], change: [Double]) {
        func rates(_ year: Int) throws -> [Double] {
            var out: [Double] = []
            for sex in ["male", "female"] {
                let rows = pop.figures(region: "china", indicator: "mx_5y_period", year: year).filter { $0.sex == sex }
                guard let single = DemographyData.singleAgeRates(rows) else {
                    throw SimulationError.data("population/vital_rates.csv: china mx_5y_period \(year) \(sex) does not cover ages 0…100+")
                }
                out += single
            }
            return out
        }
        let m15 = try rates(2015), m20 = try rates(2020)
        return (m15, zip(m15, m20).map { $0 > 0 ? pow($1 / $0, 0.2) : 1 })
    }

    /// ρ_p and k_p of one province: births `TFR·ρ·Σφ·P_F` and deaths `k·Σ m·P` over the circle part's 2019
    /// population equal the province's 2019 crude rates (`vital_rates.csv`, first releases).
    static func provincialLevels(
        _ pop: PopulationData, province: String, cohorts: [Cohorts], schedule: [Double], tfr: Double, mortality m: [Double]
    ) throws -> (fertility: Double, mortality: Double) {
        let year = DemographyConstants.vitalRateYear
        guard let crude = DemographyData.firstReleaseCrudeRates(pop, region: province, year: year) else {
            throw SimulationError.data("population/vital_rates.csv: \(province) birth_rate/death_rate \(year) (first-release) is missing")
        }
        return try CensusBackcast.fitLevels(cohorts, crude: crude, schedule: schedule, tfr: tfr, mortality: m)
    }

    /// λ(x, s, t) for 2019 … `lastParticipationYear`: `ParticipationSchedule` from `labour.csv`; where its figures
    /// are missing, 1 at ages 15–64 and 0 elsewhere in every year (stated fallback).
    static func participationRates(_ pop: PopulationData) -> [Int: [Double]] {
        let years = DemographyConstants.vitalRateYear...lastParticipationYear
        guard let schedule = ParticipationSchedule.from(pop) else {
            var flat = [Double](repeating: 0, count: 2 * Cohorts.ages)
            for k in 0..<2 { for x in DemographyConstants.workingAges { flat[k * Cohorts.ages + x] = 1 } }
            return Dictionary(uniqueKeysWithValues: years.map { ($0, flat) })
        }
        return Dictionary(uniqueKeysWithValues: years.map { ($0, schedule.rates(year: $0)) })
    }
}
