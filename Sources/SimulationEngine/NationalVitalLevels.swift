import BaseData
import Foundation
import RegionalModels

/// China's realised births and deaths as an exogenous national path for the cohort block (MODEL-v3 §1.1:
/// national demographic paths after the vintage are inputs; docs/MODEL.md §14, "National vital levels").
///
/// The step of year t moves the population from the end of t to the end of t + 1, so its events are those of
/// calendar t + 1. A national cohort projection from the 2020 census profile (China, 141,178万) fits, for each
/// step t ≥ 2019 whose calendar year t + 1 has NBS crude rates, the levels `(ρ_nat(t), k_nat(t))` that make the
/// national births and deaths of the step equal the published crude rates (`CensusBackcast.fitLevels` on the
/// national structure), then moves the structure with them. The factors on every place's fertility and
/// mortality are `F(t) = ρ_nat(t)/ρ_nat,ref` and `G(t) = k_nat(t)/k_nat,ref`, the reference being the same fit
/// to the 2019 crude rates with the year-2019 schedules (as the provinces' levels are fitted; the 2020 profile
/// stands for the 2019 structure): places keep their 2019 level relative to China, and China's births and
/// deaths — the 2020–23 fall in births, the 2022–23 rise in deaths — are what happened. After the last
/// observed step the mean of the last three factors is held (M). Only with `national.path: realised`.
struct NationalVitalLevels: Sendable {
    var factors: [Int: (fertility: Double, mortality: Double)] = [:]
    var held: (fertility: Double, mortality: Double) = (1, 1)

    static let none = NationalVitalLevels()

    /// The factors of the step of `year`: fitted, else held after the last fitted step, else 1.
    func factor(_ year: Int) -> (fertility: Double, mortality: Double) {
        if let f = factors[year] { return f }
        guard let last = factors.keys.max(), year > last else { return (1, 1) }
        return held
    }

    /// Fits the factors on the national projection; `rates(t)` are the year's national schedules at level 1.
    static func fit(
        history h: HistoryData, profile: Cohorts, schedule: [Double], tfr: (Int) -> Double, mortality: (Int) -> [Double]
    ) throws -> NationalVitalLevels {
        let base = RunConventions.baseYear
        func crude(_ year: Int) -> (births: Double, deaths: Double)? {
            guard let b = h.national("birth_rate", year: year), let d = h.national("death_rate", year: year) else { return nil }
            return (b, d)
        }
        guard let c2019 = crude(base) else { return .none }
        let ref = try CensusBackcast.fitLevels([profile], crude: c2019, schedule: schedule, tfr: tfr(base), mortality: mortality(base))
        var out = NationalVitalLevels()
        var population = profile
        var year = base
        while let c = crude(year + 1) {
            let level = try CensusBackcast.fitLevels([population], crude: c, schedule: schedule, tfr: tfr(year), mortality: mortality(year))
            out.factors[year] = (level.fertility / ref.fertility, level.mortality / ref.mortality)
            if year >= DemographyData.censusYear {
                let rates = VitalRates(
                    fertility: schedule.map { $0 * tfr(year) * level.fertility }, mortality: mortality(year).map { $0 * level.mortality },
                    sexRatioAtBirth: DemographyConstants.sexRatioAtBirth)
                population = try CohortProjection.natural(population, rates: rates).next
            }
            year += 1
        }
        let tail = out.factors.keys.sorted().suffix(3).compactMap { out.factors[$0] }
        if !tail.isEmpty {
            let n = Double(tail.count)
            out.held = (tail.map(\.fertility).reduce(0, +) / n, tail.map(\.mortality).reduce(0, +) / n)
        }
        return out
    }
}
