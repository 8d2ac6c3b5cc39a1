import BaseData
import Foundation
import RegionalModels

/// The contribution of technical progress of the circle as the official statistic computes it (MODEL-v3 §4.8;
/// `OfficialTechnicalProgress`): `E(t) = 1 − α_T·k̄/ȳ − (1 − α_T)·l̄/ȳ` on the circle's totals of real GDP,
/// capital and employment, ȳ, k̄, l̄ by the level method over the five years ending in t (W = 5: the 2025 goal
/// reads the window 2020 → 2025; a modelling choice until the window is checked in 中国科技统计年鉴).
///
/// The window's years before the run starts come from the pre-base rates: the circle's observed real growth
/// (the provinces' first releases weighted by the 2019 GDP of their circle parts, read under the vintage
/// rule), capital growth `k(t) = c + b·(2019 − t)` with c the engine's own 2019 rule `ι/κ_KY − δ_K` and b the
/// slowdown of the official capital input that Chongqing's two consecutive published figures imply
/// (`capitalTrend`), and China's employment growth 2014 → 2019 (NBS; the circle's is not loaded: stated).
///
/// α_T is calibrated once, as the issue asks, so that the 2014 → 2019 window gives the provinces' published 2019
/// contribution weighted by the 2019 GDP of their circle parts (Chongqing 58 %, Sichuan 58 %): the run's 2019
/// value equals that figure and every later value is simulated.
struct TechnicalProgressCalibration: Sendable {
    /// The output elasticity of capital of the official equation, fitted.
    let capitalElasticity: Double
    /// `b`, the yearly slowdown of pre-base capital growth (fraction per year; 0 where the data are missing).
    let capitalTrend: Double
    /// The circle's growth of real GDP, capital and employment by year before the run (2015…2019).
    let preBase: [Int: (output: Double, capital: Double, labour: Double)]
    /// The calibration target (fraction).
    let target2019: Double
    /// False when α_T stopped at an edge of `elasticityRange` (the 2019 value then misses the target).
    let fitted: Bool

    /// The admissible α_T: both factors keep a positive weight (modelling choice).
    static let elasticityRange = 0.05...0.95

    static let window = RunConventions.technicalProgressWindow
    static let calibrationYear = RunConventions.baseYear

    static func calibrate(
        structure cs: CircleStructure, gdp2019: [Double], capitalGrowth: Double, observations: inout VintagedObservations
    ) throws -> TechnicalProgressCalibration {
        let (weight, total) = CircleHistory.provinceWeights(structure: cs, gdp2019: gdp2019)
        let history = observations.history
        guard let e14 = history.national("employment_yearend", year: 2014), let e19 = history.national("employment_yearend", year: 2019) else {
            throw SimulationError.data("history/national_path.csv lacks China's year-end employment of 2014 or 2019 (technical-progress calibration)")
        }
        let labour = pow(e19 / e14, 1.0 / Double(window)) - 1
        let trend = try capitalTrend(capitalGrowth2019: capitalGrowth, observations: &observations) ?? 0
        var preBase: [Int: (output: Double, capital: Double, labour: Double)] = [:]
        for year in (calibrationYear - window + 1)...calibrationYear {
            let y = try CircleHistory.observedCircle(year, weight: weight, total: total, observations: &observations)
            preBase[year] = (y, capitalGrowth + trend * Double(calibrationYear - year), labour)
        }
        let target = try CircleHistory.observedCircle(
            calibrationYear, indicator: "tech_progress_contribution", weight: weight, total: total, observations: &observations)
        let years = preBase.keys.sorted()
        guard let y = OfficialTechnicalProgress.levelMethodRate(years.map { preBase[$0]!.output }),
              let k = OfficialTechnicalProgress.levelMethodRate(years.map { preBase[$0]!.capital })
        else {
            throw SimulationError.data("the circle's 2015–19 growth gives no level-method rate (technical-progress calibration)")
        }
        // Where the pre-base capital growth cannot give the published figure with an elasticity inside the range
        // (e.g. no capital growth, κ_KY = ι/δ_K ≈ 4.6, outside its sweep range), α_T stops at the range's edge and
        // the 2019 value misses the target (reported by `fitted`); a run never fails on it.
        let fit = OfficialTechnicalProgress.fitCapitalElasticity(target: target, output: y, capital: k, labour: labour)
        let alpha = min(max(fit ?? elasticityRange.upperBound, elasticityRange.lowerBound), elasticityRange.upperBound)
        return TechnicalProgressCalibration(
            capitalElasticity: alpha, capitalTrend: trend, preBase: preBase, target2019: target, fitted: fit == alpha)
    }

    /// The admissible slowdown b (fraction per year): from none to 5 pp a year.
    static let capitalTrendRange = 0.0...0.05

    /// `b` such that one elasticity reproduces both of Chongqing's consecutive published contributions (2018:
    /// 56.5 %, 2019: 58 %) from its first-release real growth over each window (2014…2018, 2015…2019), China's
    /// employment growth over the same windows and capital growth `c + b·(2019 − t)`: the official capital input
    /// slowed while growth slowed and the published figure rose (Chongqing is the one province with two published
    /// years and its growth sourced over both windows). Bisection on `capitalTrendRange`; nil where a datum is
    /// missing under the vintage or no b in the range fits (the run then holds c back to 2015).
    static func capitalTrend(capitalGrowth2019 c: Double, observations: inout VintagedObservations) throws -> Double? {
        let last = calibrationYear, first = last - 1
        guard let e1 = try observations.valueIfPresent("chongqing", "tech_progress_contribution", year: first),
              let e2 = try observations.valueIfPresent("chongqing", "tech_progress_contribution", year: last)
        else { return nil }
        var growth: [Int: Double] = [:]
        for year in (first - window + 1)...last {
            guard let g = try observations.valueIfPresent("chongqing", "gdp_real_growth", year: year) else { return nil }
            growth[year] = g / 100
        }
        let h = observations.history
        guard let a0 = h.national("employment_yearend", year: first - window), let a1 = h.national("employment_yearend", year: first),
              let b0 = h.national("employment_yearend", year: last - window), let b1 = h.national("employment_yearend", year: last)
        else { return nil }
        let windows = [(first, e1 / 100, pow(a1 / a0, 1 / Double(window)) - 1), (last, e2 / 100, pow(b1 / b0, 1 / Double(window)) - 1)]
        func gap(_ b: Double) -> Double? {
            let alphas = windows.map { end, target, l -> Double? in
                let years = (end - window + 1)...end
                guard let y = OfficialTechnicalProgress.levelMethodRate(years.map { growth[$0]! }),
                      let k = OfficialTechnicalProgress.levelMethodRate(years.map { c + b * Double(last - $0) })
                else { return nil }
                return OfficialTechnicalProgress.fitCapitalElasticity(target: target, output: y, capital: k, labour: l)
            }
            guard let a2 = alphas[1], let a1 = alphas[0] else { return nil }
            return a2 - a1
        }
        return Bisection.root(gap, in: capitalTrendRange)
    }

    /// The contribution over the window ending in `year`, from the run's circle growth where it has it and the
    /// pre-base rates before; nil before 2019 or when ȳ ≤ 0.
    func contribution(year: Int, output: [Int: Double], capital: [Int: Double], labour: [Int: Double]) -> Double? {
        guard year >= Self.calibrationYear else { return nil }
        var y: [Double] = [], k: [Double] = [], l: [Double] = []
        for t in (year - Self.window + 1)...year {
            if let gy = output[t], let gk = capital[t], let gl = labour[t] {
                y.append(gy); k.append(gk); l.append(gl)
            } else if let p = preBase[t] {
                y.append(p.output); k.append(p.capital); l.append(p.labour)
            } else {
                return nil
            }
        }
        guard let yb = OfficialTechnicalProgress.levelMethodRate(y), let kb = OfficialTechnicalProgress.levelMethodRate(k),
              let lb = OfficialTechnicalProgress.levelMethodRate(l)
        else { return nil }
        return OfficialTechnicalProgress.contribution(output: yb, capital: kb, labour: lb, capitalElasticity: capitalElasticity)
    }
}
