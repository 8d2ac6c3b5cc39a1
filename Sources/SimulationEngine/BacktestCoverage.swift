import BaseData
import Foundation
import ScenarioSpec

/// The 90 % band of one backtest point over an ensemble: the members' forecasts (each matched at the origin as
/// the model's is) at the 5/50/95 % type-7 quantiles.
public struct BacktestBand: Sendable, Codable, Hashable {
    public let indicator: String
    public let level: String
    public let place: String
    public let year: Int
    public let observed: Double
    public let q05: Double
    public let q50: Double
    public let q95: Double
    /// q05 ≤ observed ≤ q95.
    public let inside: Bool
    /// The predictive band: each member's forecast with its model-discrepancy draw (`ModelDiscrepancy`); nil
    /// without a discrepancy.
    public var predictiveQ05: Double? = nil
    public var predictiveQ95: Double? = nil
    public var predictiveInside: Bool? = nil
}

/// Coverage of the 90 % bands on one indicator and level (MODEL-v3 §2, issue 18's acceptance).
public struct BacktestCoverage: Sendable, Codable, Hashable {
    public let indicator: String
    public let level: String
    public let points: Int
    /// Share of the observed values inside their band, per cent.
    public let coverage: Double
    /// Mean of (q95 − q05)/|observed|, per cent (urbanisation: pp width over the observed per cent).
    public let meanWidth: Double
    /// The same of the predictive bands (parameters and model discrepancy); nil without a discrepancy.
    public var predictiveCoverage: Double? = nil
    public var predictiveWidth: Double? = nil
}

extension Backtest {
    /// The bands of every point of `central` over the members `draws` of `parameters` (scenario calibrated at
    /// `vintage`, each member as `Backtest.run` runs the scenario, up to the last year with a regional observation),
    /// and their coverage per indicator and level. The members run on `jobs` threads, one BLAS thread each.
    /// With `discrepancy`, each band also gets its predictive form: member m's forecast of a point with m's
    /// discrepancy shock of the point's family, place and year from the point's origin.
    public static func coverage(
        simulator: Simulator, scenario: Scenario, vintage: Int, central: [BacktestPoint], parameters: [String], draws: [[Double]],
        jobs: Int, discrepancy: ModelDiscrepancy? = nil, progress: (@Sendable (Int, Int) -> Void)? = nil
    ) throws -> (bands: [BacktestBand], coverage: [BacktestCoverage]) {
        let ds = simulator.dataset
        let at = scenario.overriding(["calibration.vintage": Double(vintage)])
        let lastObserved = ds.history.observations.map(\.year).max() ?? at.horizon.upperBound
        let members = draws.enumerated().map { m, values in
            at.overriding(Dictionary(uniqueKeysWithValues: zip(parameters, values)), name: "\(scenario.name)-member\(m)")
        }
        let gap = chongqingGap(simulator.structure)
        let runner = SharedCounterfactualRunner(simulator: simulator, until: min(lastObserved, at.horizon.upperBound))
        let total = members.count
        let forecasts = try runner.run(members, jobs: jobs, progress: { progress?($0, total) }) { t -> [String: Double] in
            var obs = VintagedObservations(history: ds.history, vintage: vintage)
            let pts = try points(trajectory: t, dataset: ds, vintage: vintage, observations: &obs, chongqingGap: gap)
            return Dictionary(pts.map { (key($0), $0.model) }, uniquingKeysWith: { a, _ in a })
        }
        let bands = central.compactMap { p -> BacktestBand? in
            let values = forecasts.compactMap { $0[key(p)] }.filter(\.isFinite).sorted()
            guard !values.isEmpty else { return nil }
            let lo = Ensemble.quantile(values, 0.05), hi = Ensemble.quantile(values, 0.95)
            var band = BacktestBand(indicator: p.indicator, level: p.level, place: p.place, year: p.year, observed: p.observed, q05: lo,
                                    q50: Ensemble.quantile(values, 0.5), q95: hi, inside: lo <= p.observed && p.observed <= hi)
            if let d = discrepancy { addPredictive(&band, point: p, forecasts: forecasts, discrepancy: d) }
            return band
        }
        return (bands, coverageRows(bands))
    }

    /// The predictive 5–95 % band of `p`: every member's forecast with its own discrepancy shock.
    static func addPredictive(_ band: inout BacktestBand, point p: BacktestPoint, forecasts: [[String: Double]], discrepancy d: ModelDiscrepancy) {
        guard let family = ModelDiscrepancy.family(ofIndicator: p.indicator) else { return }
        var values: [Double] = []
        for (m, f) in forecasts.enumerated() {
            guard let v = f[key(p)], v.isFinite else { continue }
            let e = d.shock(family, place: p.place, circle: p.level == "circle", member: m, year: p.year, origin: p.origin)
            values.append(d.apply(v, family, shock: e, percent: true))
        }
        guard !values.isEmpty else { return }
        values.sort()
        let lo = Ensemble.quantile(values, 0.05), hi = Ensemble.quantile(values, 0.95)
        band.predictiveQ05 = lo
        band.predictiveQ95 = hi
        band.predictiveInside = lo <= p.observed && p.observed <= hi
    }

    static func key(_ p: BacktestPoint) -> String { "\(p.indicator)|\(p.place)|\(p.year)" }

    /// Coverage and mean relative width per indicator and level, in the order of `Backtest.indicators` and
    /// circle, province, city.
    static func coverageRows(_ bands: [BacktestBand]) -> [BacktestCoverage] {
        var out: [BacktestCoverage] = []
        for (indicator, _, _) in indicators {
            for level in ["circle", "province", "city"] {
                let b = bands.filter { $0.indicator == indicator && $0.level == level }
                guard !b.isEmpty else { continue }
                let inside = b.filter(\.inside).count
                let width = b.reduce(0.0) { $0 + ($1.q95 - $1.q05) / abs($1.observed) } / Double(b.count)
                var row = BacktestCoverage(indicator: indicator, level: level, points: b.count,
                                           coverage: 100 * Double(inside) / Double(b.count), meanWidth: 100 * width)
                let p = b.filter { $0.predictiveInside != nil }
                if !p.isEmpty {
                    row.predictiveCoverage = 100 * Double(p.filter { $0.predictiveInside == true }.count) / Double(p.count)
                    row.predictiveWidth = 100 * p.reduce(0.0) { $0 + ($1.predictiveQ95! - $1.predictiveQ05!) / abs($1.observed) } / Double(p.count)
                }
                out.append(row)
            }
        }
        return out
    }
}
