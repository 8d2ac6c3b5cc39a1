import BaseData
import Foundation
import RegionalModels

/// A province's fertility and mortality relative to China's over a window of years ending in 2019 (MODEL-v3 §3.2:
/// ρ_p and the mortality level are fitted to the province's 2015–19 crude rates), the option
/// `demography.levelWindowStart` (default 2019: the 2019 rates alone; docs/MODEL.md §14 gives why).
///
/// The levels of the projection are fitted on the circle part's 2019 population to the province's 2019 crude rates
/// (`Demography.provincialLevels`); this type supplies the factor that turns that one-year fit into the window's
/// mean. For every year y of the window with first-release crude rates of both the province and China, the
/// province's level relative to China's, standardised for age,
///
///     R_b(y) = [CBR_p(y)/e_p(y)] / [CBR_nat(y)/e_nat(y)],  e = Σ φ(x)·P_F(x) / P   (fertility exposure)
///     R_d(y) = [CDR_p(y)/d_p(y)] / [CDR_nat(y)/d_nat(y)],  d = Σ m(x,s)·P(x,s) / P (expected deaths per head)
///
/// φ China's 2020 ASFR schedule, m WPP 2024's China rates of 2015–20, and each structure the region's two census
/// age–sex tables (2010, 2020) interpolated linearly by share at mid-year y (census day 1 November). The factor is
/// `mean_y R(y) / R(2019)`: the province keeps its 2019 crude rates' age pattern but its level relative to China
/// is the window's mean. Chongqing's and Sichuan's published years in 2015–19 are 2015 and 2019; Sichuan's 2015
/// births were 85 % of China's rate and its 2019 births 102 %. With a single year the factor is exactly 1.
enum RelativeVitalLevels {
    /// The last year of the window (the base year's rates, which the one-year fit uses).
    static let lastYear = 2019
    /// The two censuses whose structures are interpolated.
    static let censusYears = (2010, 2020)

    struct Year: Sendable, Equatable {
        let year: Int
        let fertility: Double, mortality: Double
    }

    /// The factor on the one-year (2019) fit of the province's fertility and mortality levels for the window
    /// `first…2019`; φ and m are the run's (`Demography.fertilitySchedule`, `Demography.nationalMortality`).
    static func factor(
        _ pop: PopulationData, province: String, from first: Int, schedule: [Double], mortality: [Double]
    ) throws -> (fertility: Double, mortality: Double) {
        guard first < lastYear else { return (1, 1) }
        let years = try relativeLevels(pop, province: province, window: first...lastYear, schedule: schedule, mortality: mortality)
        guard let last = years.first(where: { $0.year == lastYear }) else { return (1, 1) }
        let n = Double(years.count)
        let f = years.map(\.fertility).reduce(0, +) / n, m = years.map(\.mortality).reduce(0, +) / n
        return (f / last.fertility, m / last.mortality)
    }

    /// `R_b(y)` and `R_d(y)` for every year of the window with first-release crude rates of the province and China:
    /// the ratio of the two regions' levels `CensusBackcast.fitLevels` fits on their interpolated structures (at
    /// TFR 1, so each level is the crude rate over the exposure `Σ φ·P_F/P` or the expected deaths `Σ m·P/P`).
    static func relativeLevels(
        _ pop: PopulationData, province: String, window: ClosedRange<Int>, schedule: [Double], mortality: [Double]
    ) throws -> [Year] {
        let regions = [province, "china"]
        let censuses = try regions.map { r in
            try [censusYears.0, censusYears.1].map { try DemographyData.censusProfile(pop, region: r, year: $0) }
        }
        var out: [Year] = []
        for year in window {
            let crude = regions.map { DemographyData.firstReleaseCrudeRates(pop, region: $0, year: year) }
            guard let p = crude[0], let n = crude[1] else { continue }
            let w = min(max((Double(year) + 0.5 - (Double(censusYears.0) + 10.0 / 12)) / Double(censusYears.1 - censusYears.0), 0), 1)
            let levels = try zip(censuses, [p, n]).map { c, rates in
                try CensusBackcast.fitLevels(
                    [Cohorts(values: interpolated(c[0], c[1], weight: w))], crude: rates, schedule: schedule, tfr: 1, mortality: mortality)
            }
            out.append(Year(year: year, fertility: levels[0].fertility / levels[1].fertility, mortality: levels[0].mortality / levels[1].mortality))
        }
        return out
    }

    /// Shares of the total by age and sex, `(1 − w)·a/Σa + w·b/Σb`.
    static func interpolated(_ a: Cohorts, _ b: Cohorts, weight w: Double) -> [Double] {
        let ta = a.total, tb = b.total
        return zip(a.values, b.values).map { (1 - w) * $0 / ta + w * $1 / tb }
    }

}
