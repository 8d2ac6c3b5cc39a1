import BaseData
import Foundation
import RegionalModels

/// Labour-force participation by single age, sex and year (MODEL-v3 §3.3): `λ(x, s, t)` over `Cohorts`'s layout,
/// the shape that `Demography.labourForce` scales to each place's 2019 labour force (so only relative rates and
/// their change over time matter).
///
/// - Ages 15–24: men 59.6 % (2010 census, WDI `SL.TLF.ACTI.1524.MA.NE.ZS`); women the same times the CHIP ratio of
///   women's to men's urban participation (64.5 / 82.2), (M).
/// - Ages 25 to the statutory retirement age: the urban rates of ages 16–60 in CHIP 2013 (men 82.2 %, women
///   64.5 %; Xu & Li 2019), held as core rates, (M): no age-specific census table is in the data.
/// - From the statutory retirement age to 64: `postRetirementFactor` (0.5, (M)) of the core rate (rural workers
///   and re-employed retirees keep working; no published rate by single age in the data); 0 from 65 (the
///   working ages of the indicators).
/// - The statutory retirement age follows the 2024 decision (`labour.csv`: men 60 → 63, women 55 → 58 and 50 → 55,
///   from 2025-01-01, one month of delay per four, or per two, months of calendar time): at mid-year t,
///   `R(t) = R₀ + min(R₁ − R₀, max(0, t + ½ − 2025)·12/step / 12)`. Women are half in the 50 and half in the 55
///   group, (M) (workers and cadres; no split in the data). The single age x (persons aged [x, x + 1)) takes the
///   core rate for the share of the year of age below R and the post-retirement rate for the rest.
struct ParticipationSchedule: Sendable, Equatable {
    struct Retirement: Sendable, Equatable {
        let before: Double, target: Double, calendarMonthsPerMonth: Double, start: Double, weight: Double
        /// The statutory age at time `t` (decimal year).
        func age(at t: Double) -> Double {
            let delayMonths = max(0, t - start) * 12 / calendarMonthsPerMonth
            return before + min(target - before, delayMonths / 12)
        }
    }

    let youth: (male: Double, female: Double)
    let core: (male: Double, female: Double)
    let postRetirementFactor: Double
    let men: [Retirement]
    let women: [Retirement]

    static func == (a: Self, b: Self) -> Bool {
        a.youth == b.youth && a.core == b.core && a.postRetirementFactor == b.postRetirementFactor && a.men == b.men && a.women == b.women
    }

    static let postRetirement = 0.5
    static let firstWorkingAge = 15, youthEnd = 24, lastWorkingAge = 64

    /// λ over `Cohorts`'s layout (males first) in `year`.
    func rates(year: Int) -> [Double] {
        var out = [Double](repeating: 0, count: 2 * Cohorts.ages)
        let t = Double(year) + 0.5
        for (k, (youthRate, coreRate, groups)) in [(youth.male, core.male, men), (youth.female, core.female, women)].enumerated() {
            for x in Self.firstWorkingAge...Self.lastWorkingAge {
                var v = 0.0
                for g in groups {
                    let working = min(1, max(0, g.age(at: t) - Double(x)))
                    let rate = x <= Self.youthEnd ? youthRate : coreRate
                    v += g.weight * (working * rate + (1 - working) * postRetirementFactor * coreRate)
                }
                out[k * Cohorts.ages + x] = v
            }
        }
        return out
    }

    /// The schedule from `labour.csv`; nil when a figure is missing (the caller falls back and says so).
    static func from(_ pop: PopulationData) -> ParticipationSchedule? {
        func value(_ indicator: String, sex: String? = nil) -> Double? {
            pop.figures.first { $0.region == "china" && $0.indicator == indicator && (sex == nil || $0.sex == sex) }?.value
        }
        let youthMale = pop.figures.filter { $0.region == "china" && $0.indicator == "lfpr" && $0.sex == "male" && $0.ageFrom == 15 }
            .max { $0.year < $1.year }?.value
        guard let ym = youthMale, let cm = value("lfpr_urban", sex: "male"), let cf = value("lfpr_urban", sex: "female"), cm > 0 else { return nil }
        func group(_ key: String, weight: Double) -> Retirement? {
            guard let b = value("statutory_retirement_age_\(key)_before"), let t = value("statutory_retirement_age_\(key)_target"),
                  let step = value("retirement_delay_step_\(key)"), step > 0 else { return nil }
            return Retirement(before: b, target: t, calendarMonthsPerMonth: step, start: 2025, weight: weight)
        }
        guard let m = group("men", weight: 1), let w55 = group("women_55", weight: 0.5), let w50 = group("women_50", weight: 0.5) else { return nil }
        return ParticipationSchedule(
            youth: (ym / 100, ym / 100 * cf / cm), core: (cm / 100, cf / 100), postRetirementFactor: postRetirement, men: [m], women: [w50, w55])
    }
}
