import Foundation
import ScenarioSpec

/// An ensemble of runs of one scenario, one per parameter draw (MODEL-v3 §5): 5/50/95 % bands of every
/// indicator, place and year, and per goal the probability that it is met.
///
/// Bands are the type-7 quantiles (Hyndman & Fan 1996, R's default) over the members with a value;
/// `P(goal met) = (1/n)·Σ_m 1[met_m]` over the n members where the goal can be compared (equal weights:
/// draws from the priors). Inputs and not-modelled goals get no probability (the parameters do not move
/// them) and say so. The members are run with one BLAS thread each, so the result does not depend on `jobs`.
public struct Ensemble: Sendable {
    /// One goal: the central run's result, and the probability over the members.
    public struct GoalProbability: Sendable {
        public let goal: GoalResult
        /// Members where the goal could be compared.
        public let n: Int
        /// Members meeting it.
        public let met: Int
        /// `met / n`, in [0, 1]; nil for inputs and not-modelled goals, or when n = 0.
        public let probability: Double?
        /// Median over the members of the goal's indicator.
        public let median: Double?
        /// Why there is no probability (`input`, `not modelled`), else nil.
        public let note: String?
    }

    /// The run with the scenario's own parameters.
    public let central: Trajectory
    public let members: Int
    /// Parameter ids drawn, and each member's values in that order.
    public let parameters: [String]
    public let draws: [[Double]]
    public let years: [Int]
    public let places: [Place]
    public let indicators: [IndicatorDefinition]
    /// Per cell (`cellIndex`): 5, 50, 95 % quantiles and the members with a value; nil where none has one.
    public let q05: [Double?], q50: [Double?], q95: [Double?]
    public let counts: [Int]
    public let goals: [GoalProbability]

    public func cellIndex(indicator i: Int, place p: Int, year y: Int) -> Int { (i * places.count + p) * years.count + y }

    /// The band (q05, q50, q95) of `indicator` at `place` in `year`, or nil.
    public func band(_ indicator: String, at place: String = "circle", in year: Int) -> (Double, Double, Double)? {
        guard let i = indicators.firstIndex(where: { $0.id == indicator }), let p = places.firstIndex(where: { $0.id == place }),
              let y = years.firstIndex(of: year) else { return nil }
        let c = cellIndex(indicator: i, place: p, year: y)
        guard let a = q05[c], let b = q50[c], let d = q95[c] else { return nil }
        return (a, b, d)
    }

    /// Type-7 quantile of sorted values.
    static func quantile(_ s: [Double], _ p: Double) -> Double {
        let h = Double(s.count - 1) * p
        let lo = Int(h.rounded(.down)), hi = min(lo + 1, s.count - 1)
        return s[lo] + (h - Double(lo)) * (s[hi] - s[lo])
    }
}

extension Simulator {
    /// Runs `scenario` once with its own parameters and once per draw (`draws[m][k]` the value of
    /// `parameters[k]` for member m, overriding the scenario's), on `jobs` threads, and summarises.
    public func ensemble(
        _ scenario: Scenario, parameters: [String], draws: [[Double]], until: Int? = nil, jobs: Int = 1,
        progress: (@Sendable (Int, Int) -> Void)? = nil
    ) throws -> Ensemble {
        let members = draws.enumerated().map { m, values in
            scenario.overriding(Dictionary(uniqueKeysWithValues: zip(parameters, values)), name: "\(scenario.name)-member\(m)")
        }
        let runner = SharedCounterfactualRunner(simulator: self, until: until)
        let central = try runner.run([scenario], jobs: 1)[0]
        let (indicators, places) = (central.indicators, central.places)
        let total = members.count
        // Each member kept as its cells (NaN where it has no value: internal only) and its goal results.
        let kept = try runner.run(members, jobs: jobs, progress: { progress?($0, total) }) { t in
            (Attribution.cells(t, indicators: indicators, places: places).map { $0 ?? .nan }, t.goals)
        }
        let n = kept.first?.0.count ?? 0
        var q05 = [Double?](repeating: nil, count: n), q50 = q05, q95 = q05, counts = [Int](repeating: 0, count: n)
        for c in 0..<n {
            let values = kept.map { $0.0[c] }.filter(\.isFinite).sorted()
            counts[c] = values.count
            guard !values.isEmpty else { continue }
            q05[c] = Ensemble.quantile(values, 0.05)
            q50[c] = Ensemble.quantile(values, 0.5)
            q95[c] = Ensemble.quantile(values, 0.95)
        }
        return Ensemble(
            central: central, members: draws.count, parameters: parameters, draws: draws, years: central.years,
            places: central.places, indicators: central.indicators, q05: q05, q50: q50, q95: q95, counts: counts,
            goals: Self.goalProbabilities(central: central, members: kept.map(\.1)))
    }

    /// P(goal met) per goal of the central run, over the members' goal results in the same order.
    static func goalProbabilities(central: Trajectory, members: [[GoalResult]]) -> [Ensemble.GoalProbability] {
        central.goals.enumerated().map { k, g in
            let results = members.compactMap { $0.indices.contains(k) && $0[k].goalID == g.goalID ? $0[k] : nil }
            let compared = results.compactMap(\.met)
            let values = results.compactMap(\.value).filter(\.isFinite).sorted()
            let median = values.isEmpty ? nil : Ensemble.quantile(values, 0.5)
            switch g.kind {
            case .input, .notModelled:
                return .init(goal: g, n: 0, met: 0, probability: nil, median: median,
                             note: g.kind == .input ? "input" : "not modelled")
            case .simulated, .accounted:
                let met = compared.filter { $0 }.count
                return .init(goal: g, n: compared.count, met: met,
                             probability: compared.isEmpty ? nil : Double(met) / Double(compared.count), median: median,
                             note: compared.isEmpty ? "no member has a value" : nil)
            }
        }
    }
}
