import BaseData
import Foundation
import ScenarioSpec

/// One observation an ABC distance compares (MODEL-v3 §5): a backtest series' value in a year ≤ V, with the
/// observed value at its origin (the forecast is matched there as in the backtest).
public struct ABCTarget: Sendable, Hashable {
    public let indicator: String
    public let modelIndicator: String
    public let share: Bool
    public let level: String
    public let region: String
    public let place: String
    public let year: Int
    public let origin: Int
    public let observed: Double
    public let originValue: Double
}

/// The result of an ABC-rejection calibration: one distance per draw, the accepted draws, the tolerance.
public struct ABCResult: Sendable {
    public let vintage: Int
    /// `distances[m]` of draw m (∞ where the run lacks a compared value).
    public let distances: [Double]
    /// The accepted draws, ascending.
    public let accepted: [Int]
    /// ε: the largest accepted distance (the accept-fraction quantile of the distances).
    public let tolerance: Double
    public let targets: [ABCTarget]
    /// The regional observations read (all with year ≤ V: the vintage rule made a later read an error).
    public let observationsRead: [String]
}

/// Approximate Bayesian computation by rejection (Beaumont, Zhang & Balding 2002; MODEL-v3 §5): run each prior
/// draw calibrated at vintage V up to V, measure its distance to the observed history ≤ V, keep the best fraction q.
///
/// Distance (a simplification of §5's summaries, stated): the root mean square of the log errors
/// `ln(ŷ/y)` over every observation the backtest scores (GDP at current prices, population, urbanisation; circle,
/// provinces, Sichuan cities) with origin < year ≤ V, ŷ matched at the origin as in the backtest (GDP origin
/// 2019; population and urbanisation 2020, the census: MODEL-v3 §1.1). With V = 2019 no observation lies after an
/// origin and inside the vintage, so every distance is 0 and the posterior is the prior sample (ties are broken
/// by draw index: the first ⌈qN⌉ draws).
public enum ABCRejection {
    /// The compared observations at vintage `vintage`, read under the vintage rule (a read after V throws).
    public static func targets(dataset ds: BaseDataset, vintage: Int) throws -> (targets: [ABCTarget], reads: [String]) {
        var obs = VintagedObservations(history: ds.history, vintage: vintage)
        var out: [ABCTarget] = []
        for (observedID, modelID, share) in Backtest.indicators {
            let origin = observedID == "gdp_current" ? RunConventions.baseYear : 2020
            guard origin < vintage else { continue }
            for (level, region, place) in Backtest.places(ds) {
                guard let y0 = try originValue(region, observedID, origin, &obs) else { continue }
                for year in (origin + 1)...vintage {
                    guard let y = try obs.valueIfPresent(region, observedID, year: year) else { continue }
                    out.append(ABCTarget(indicator: observedID, modelIndicator: modelID, share: share, level: level, region: region,
                                         place: place, year: year, origin: origin, observed: y, originValue: y0))
                }
            }
        }
        return (out, obs.reads)
    }

    /// The origin value, with the 2020 census where the year-end figure is missing (as `Backtest.originValue`).
    static func originValue(_ region: String, _ indicator: String, _ year: Int, _ obs: inout VintagedObservations) throws -> Double? {
        if let v = try obs.valueIfPresent(region, indicator, year: year) { return v }
        guard year == 2020 else { return nil }
        switch indicator {
        case "population": return try obs.valueIfPresent(region, "population_census", year: 2020)
        case "urbanisation": return try obs.valueIfPresent(region, "urban_share_census2020", year: 2020)
        default: return nil
        }
    }

    /// `sqrt(mean ln(ŷ/y)²)` over `targets`; 0 with no target, ∞ when the run lacks a compared value.
    public static func distance(_ t: Trajectory, targets: [ABCTarget]) -> Double {
        guard !targets.isEmpty else { return 0 }
        var sum = 0.0
        for g in targets {
            guard let m = Backtest.modelValue(t, g.modelIndicator, g.place, g.year, g.share),
                  let m0 = Backtest.modelValue(t, g.modelIndicator, g.place, g.origin, g.share) else { return .infinity }
            let forecast = g.share ? g.originValue + (m - m0) : g.originValue * m / m0
            let e = log(forecast / g.observed)
            guard e.isFinite else { return .infinity }
            sum += e * e
        }
        return (sum / Double(targets.count)).squareRoot()
    }

    /// The best `⌈q·N⌉` draws by (distance, index), ascending by index, and ε the largest accepted distance.
    public static func accept(_ distances: [Double], fraction q: Double) -> (accepted: [Int], tolerance: Double) {
        let k = min(distances.count, max(1, Int((q * Double(distances.count)).rounded(.up))))
        let order = distances.indices.sorted { (distances[$0], $0) < (distances[$1], $1) }
        let kept = Array(order.prefix(k))
        return (kept.sorted(), kept.last.map { distances[$0] } ?? .nan)
    }

    /// Runs every draw of `parameters` (`draws[m]`) of `scenario` calibrated at `vintage`, up to V, and accepts
    /// the fraction `acceptFraction` closest to the observations ≤ V. Members run on `jobs` threads with one BLAS
    /// thread each: the result does not depend on `jobs`. With no observation to compare at V (V = 2019: GDP's
    /// origin is V, population's and urbanisation's the 2020 census) every distance is 0 whatever the draw, so
    /// no draw is run.
    public static func run(
        simulator: Simulator, scenario: Scenario, parameters: [String], draws: [[Double]], vintage: Int,
        acceptFraction: Double, jobs: Int, progress: (@Sendable (Int, Int) -> Void)? = nil
    ) throws -> ABCResult {
        let (targets, reads) = try targets(dataset: simulator.dataset, vintage: vintage)
        let at = scenario.overriding(["calibration.vintage": Double(vintage)])
        let members = draws.enumerated().map { m, values in
            at.overriding(Dictionary(uniqueKeysWithValues: zip(parameters, values)), name: "\(scenario.name)-draw\(m)")
        }
        let runner = SharedCounterfactualRunner(simulator: simulator, until: min(vintage, at.horizon.upperBound))
        let total = members.count
        let distances = targets.isEmpty
            ? [Double](repeating: 0, count: total)
            : try runner.run(members, jobs: jobs, progress: { progress?($0, total) }) { t in distance(t, targets: targets) }
        let (accepted, tolerance) = accept(distances, fraction: acceptFraction)
        return ABCResult(vintage: vintage, distances: distances, accepted: accepted, tolerance: tolerance, targets: targets, observationsRead: reads)
    }
}
