import Foundation
import ScenarioSpec

/// An ensemble of runs of one scenario, one per parameter draw (MODEL-v3 §5): 5/50/95 % bands of every
/// indicator, place and year, and per goal the probability that it is met.
///
/// Bands are the type-7 quantiles (Hyndman & Fan 1996, R's default) over the members with a value;
/// `P(goal met) = (1/n)·Σ_m 1[met_m]` over the n members where the goal can be compared (equal weights:
/// draws from the priors, or particles of an ABC-rejection posterior resampled with replacement). Inputs and not-modelled goals get no probability (the parameters do not move
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

    public func cellIndex(indicator i: Int, place p: Int, year y: Int) -> Int {
        Self.cellIndex(indicator: i, place: p, year: y, places: places.count, years: years.count)
    }

    /// The cell layout shared by ensembles, their differences and attributions: indicator, then place, then year.
    public static func cellIndex(indicator i: Int, place p: Int, year y: Int, places: Int, years: Int) -> Int { (i * places + p) * years + y }

    /// The band (q05, q50, q95) of `indicator` at `place` in `year`, or nil.
    public func band(_ indicator: String, at place: String = "circle", in year: Int) -> (Double, Double, Double)? {
        guard let i = indicators.firstIndex(where: { $0.id == indicator }), let p = places.firstIndex(where: { $0.id == place }),
              let y = years.firstIndex(of: year) else { return nil }
        let c = cellIndex(indicator: i, place: p, year: y)
        guard let a = q05[c], let b = q50[c], let d = q95[c] else { return nil }
        return (a, b, d)
    }

    /// The 5, 50 and 95 % type-7 quantiles of sorted values (the bands of `summarise` and `EnsembleDifference`).
    static func band(_ sorted: [Double]) -> (q05: Double, q50: Double, q95: Double) {
        (quantile(sorted, 0.05), quantile(sorted, 0.5), quantile(sorted, 0.95))
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
        discrepancy: ModelDiscrepancy? = nil, progress: (@Sendable (Int, Int) -> Void)? = nil
    ) throws -> Ensemble {
        let central = try ensembleCentral(scenario, until: until)
        let kept = try ensembleMembers(
            scenario, central: central, parameters: parameters, draws: draws, indices: Array(draws.indices), until: until,
            jobs: jobs, discrepancy: discrepancy, progress: progress)
        return Ensemble.summarise(central: central, parameters: parameters, draws: draws, members: kept)
    }

    /// The central run of an ensemble: the scenario with its own parameters, run as the members are.
    public func ensembleCentral(_ scenario: Scenario, until: Int?) throws -> Trajectory {
        try SharedCounterfactualRunner(simulator: self, until: until).run([scenario], jobs: 1)[0]
    }

    /// The members `indices` of an ensemble (member m overrides `parameters` with `draws[m]`), each kept as
    /// its cells on the central run's indicators and places and its goal outcomes; in the order of `indices`.
    /// A member's result does not depend on which other members run beside it (one BLAS thread each): the
    /// basis of sharding. With `discrepancy`, member m carries its model-discrepancy draw (`ModelDiscrepancy`).
    public func ensembleMembers(
        _ scenario: Scenario, central: Trajectory, parameters: [String], draws: [[Double]], indices: [Int], until: Int?,
        jobs: Int, discrepancy: ModelDiscrepancy? = nil, progress: (@Sendable (Int, Int) -> Void)? = nil
    ) throws -> [Ensemble.Member] {
        let members = indices.map { m in
            scenario.overriding(Dictionary(uniqueKeysWithValues: zip(parameters, draws[m])), name: "\(scenario.name)-member\(m)")
        }
        let runner = SharedCounterfactualRunner(simulator: self, until: until)
        let (indicators, places, goals) = (central.indicators, central.places, central.goals)
        let total = members.count
        let kept = try runner.run(members, jobs: jobs, progress: { progress?($0, total) }) { t in
            Ensemble.Member(
                cells: Attribution.cells(t, indicators: indicators, places: places).map { $0 ?? .nan },
                goals: Ensemble.outcomes(t.goals, aligned: goals))
        }
        guard let d = discrepancy else { return kept }
        return zip(indices, kept).map { m, member in d.perturbed(member, index: m, central: central) }
    }
}

extension Ensemble {
    /// One member as an ensemble keeps it: every cell (NaN where it has no value; internal only) and, per goal of
    /// the central run in its order, whether it is met and the goal indicator's value.
    public struct Member: Sendable, Equatable {
        public let cells: [Double]
        public let goals: [GoalOutcome]
        public init(cells: [Double], goals: [GoalOutcome]) {
            self.cells = cells
            self.goals = goals
        }
    }

    /// A member's result on one goal.
    public struct GoalOutcome: Sendable, Equatable {
        public let met: Bool?
        public let value: Double?
        public init(met: Bool?, value: Double?) {
            self.met = met
            self.value = value
        }
    }

    /// `results` aligned on `central`'s goals (same position and id), nil outcomes where they differ.
    static func outcomes(_ results: [GoalResult], aligned central: [GoalResult]) -> [GoalOutcome] {
        central.indices.map { k in
            guard results.indices.contains(k), results[k].goalID == central[k].goalID else { return GoalOutcome(met: nil, value: nil) }
            return GoalOutcome(met: results[k].met, value: results[k].value)
        }
    }

    /// The bands and goal probabilities of `members` (member m ran `draws[m]`), all members in order. A pure
    /// function of its arguments: a merge of shards gives the same result as a local run.
    public static func summarise(central: Trajectory, parameters: [String], draws: [[Double]], members kept: [Member]) -> Ensemble {
        let n = kept.first?.cells.count ?? 0
        var q05 = [Double?](repeating: nil, count: n), q50 = q05, q95 = q05, counts = [Int](repeating: 0, count: n)
        var column = [Double]()
        column.reserveCapacity(kept.count)
        for c in 0..<n {
            column.removeAll(keepingCapacity: true)
            for m in kept where m.cells[c].isFinite { column.append(m.cells[c]) }
            column.sort()
            counts[c] = column.count
            guard !column.isEmpty else { continue }
            (q05[c], q50[c], q95[c]) = band(column)
        }
        return Ensemble(
            central: central, members: draws.count, parameters: parameters, draws: draws, years: central.years,
            places: central.places, indicators: central.indicators, q05: q05, q50: q50, q95: q95, counts: counts,
            goals: Simulator.goalProbabilities(central: central, members: kept.map(\.goals)))
    }
}

extension Simulator {
    /// P(goal met) per goal of the central run, over the members' goal results in the same order.
    static func goalProbabilities(central: Trajectory, members: [[Ensemble.GoalOutcome]]) -> [Ensemble.GoalProbability] {
        central.goals.enumerated().map { k, g in
            let results = members.compactMap { $0.indices.contains(k) ? $0[k] : nil }
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
