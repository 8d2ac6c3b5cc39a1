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
/// rule), capital growth by the engine's own 2019 rule `ι/κ_KY − δ_K` held back to 2015 (modelling choice), and
/// China's employment growth 2014 → 2019 (NBS; the circle's is not loaded: stated).
///
/// α_T is calibrated once, as the issue asks, so that the 2014 → 2019 window gives the provinces' published 2019
/// contribution weighted by the 2019 GDP of their circle parts (Chongqing 58 %, Sichuan 58 %): the run's 2019
/// value equals that figure and every later value is simulated.
struct TechnicalProgressCalibration: Sendable {
    /// The output elasticity of capital of the official equation, fitted.
    let capitalElasticity: Double
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
        var preBase: [Int: (output: Double, capital: Double, labour: Double)] = [:]
        for year in (calibrationYear - window + 1)...calibrationYear {
            let y = try CircleHistory.observedCircle(year, weight: weight, total: total, observations: &observations)
            preBase[year] = (y, capitalGrowth, labour)
        }
        let target = try CircleHistory.observedCircle(
            calibrationYear, indicator: "tech_progress_contribution", weight: weight, total: total, observations: &observations)
        let years = preBase.keys.sorted()
        guard let y = OfficialTechnicalProgress.levelMethodRate(years.map { preBase[$0]!.output }) else {
            throw SimulationError.data("the circle's 2015–19 growth gives no level-method rate (technical-progress calibration)")
        }
        // Where the capital rule's growth cannot give the published figure with an elasticity inside the range
        // (e.g. κ_KY = 3.5: capital growth 3 % against 8 % output growth), α_T stops at the range's edge and the
        // 2019 value misses the target (reported by `fitted`); a run never fails on it.
        let fit = OfficialTechnicalProgress.fitCapitalElasticity(target: target, output: y, capital: capitalGrowth, labour: labour)
        let alpha = min(max(fit ?? elasticityRange.upperBound, elasticityRange.lowerBound), elasticityRange.upperBound)
        return TechnicalProgressCalibration(capitalElasticity: alpha, preBase: preBase, target2019: target, fitted: fit == alpha)
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
