import Foundation
import ScenarioSpec

/// Shapley attribution of a scenario's difference from a base to its lever groups (MODEL-v3 §5,
/// `chengyu explain`): for every indicator, place and year,
///
///     f(scenario) − f(base) = Σ_g φ_g,
///
/// φ_g the exact Shapley value of group g in the game `v(S) = f(base levers + levers of S)` over the k ≤ 8
/// player groups (2^k runs, the scenario's parameters in every run; `Shapley`). Input-only groups
/// (`AttributionGroup.inputOnly`) are on in every run: they move only their own input indicator, so they are
/// null players elsewhere and the whole difference of that indicator is theirs (the null-player and
/// additivity axioms give the same φ as a game with them as players). A cell (indicator, place, year) without
/// a value in any run has no contributions.
public struct Attribution: Sendable {
    public let scenario: ScenarioIdentity
    public let base: ScenarioIdentity
    public let plan: AttributionPlan
    /// Simulations made: the 2^k coalitions, plus the base when input-only groups exist.
    public let runs: Int
    public let years: [Int]
    public let places: [Place]
    public let indicators: [IndicatorDefinition]
    /// Values of the base and of the scenario, one per cell (`cellIndex`).
    public let baseValues: [Double?]
    public let scenarioValues: [Double?]
    /// Per cell, φ per group in `plan.groups` order; nil where a run lacks the value.
    public let contributions: [[Double]?]

    /// Index of a cell: indicators outermost, then places, then years (the order of `indicators`, `places`,
    /// `years`).
    public func cellIndex(indicator i: Int, place p: Int, year y: Int) -> Int {
        Ensemble.cellIndex(indicator: i, place: p, year: y, places: places.count, years: years.count)
    }

    /// φ per group of `indicator` at `place` in `year`, or nil.
    public func contributions(_ indicator: String, at place: String = "circle", in year: Int) -> [Double]? {
        guard let i = indicators.firstIndex(where: { $0.id == indicator }), let p = places.firstIndex(where: { $0.id == place }),
              let y = years.firstIndex(of: year) else { return nil }
        return contributions[cellIndex(indicator: i, place: p, year: y)]
    }

    /// `f(scenario) − f(base)` of a cell, or nil.
    public func total(_ indicator: String, at place: String = "circle", in year: Int) -> Double? {
        guard let i = indicators.firstIndex(where: { $0.id == indicator }), let p = places.firstIndex(where: { $0.id == place }),
              let y = years.firstIndex(of: year) else { return nil }
        let c = cellIndex(indicator: i, place: p, year: y)
        guard let a = scenarioValues[c], let b = baseValues[c] else { return nil }
        return a - b
    }

    /// The values of `t` flattened in cell order.
    static func cells(_ t: Trajectory, indicators: [IndicatorDefinition], places: [Place]) -> [Double?] {
        var out: [Double?] = []
        out.reserveCapacity(indicators.count * places.count * t.years.count)
        for ind in indicators {
            let series = t.series[ind.id]
            for p in places {
                let s = series?[p.id]
                for y in t.years.indices { out.append(s.flatMap { y < $0.count ? $0[y] : nil }) }
            }
        }
        return out
    }
}

extension Simulator {
    /// Attributes `scenario − base` to the groups of `plan` (see `Attribution`). `base` nil: no levers.
    ///
    /// - Throws: a run's `SimulationError`; `.numerical` when an indicator an input-only group does not set
    ///   differs between the base and the coalition ∅ (the engine would not be separable as assumed).
    public func attribute(
        _ scenario: Scenario, plan: AttributionPlan, base: Scenario?, until: Int? = nil, jobs: Int = 1,
        progress: (@Sendable (Int, Int) -> Void)? = nil
    ) throws -> Attribution {
        let k = plan.players.count
        let always = Set(plan.fixed + plan.inputGroups.flatMap(\.leverIndices))
        var scenarios = (0..<(1 << k)).map { mask in
            let on = plan.players.indices.filter { mask & (1 << $0) != 0 }.flatMap { plan.players[$0].leverIndices }
            return scenario.keepingLevers(at: always.union(on), name: "\(scenario.name)-coalition\(mask)")
        }
        let separateBase = !plan.inputGroups.isEmpty
        if separateBase { scenarios.append(scenario.keepingLevers(at: Set(plan.fixed), name: "\(scenario.name)-base")) }
        let total = scenarios.count
        let runner = SharedCounterfactualRunner(simulator: self, until: until)
        let trajectories = try runner.run(scenarios, jobs: jobs) { progress?($0, total) }
        let first = trajectories[0]
        let cells = trajectories.map { Attribution.cells($0, indicators: first.indicators, places: first.places) }
        let baseCells = separateBase ? cells[total - 1] : cells[0]
        let phi = try Self.shapleyCells(
            cells: Array(cells[0..<(1 << k)]), base: baseCells, plan: plan, indicators: first.indicators,
            places: first.places.count, years: first.years.count)
        let baseIdentity = base.map {
            ScenarioIdentity(name: $0.name, title: $0.title, file: $0.sourceFile, contentHash: $0.contentHash)
        } ?? ScenarioIdentity(name: "no-levers", title: "\(scenario.title) without levers", file: nil,
                              contentHash: scenario.withoutLevers().contentHash)
        return Attribution(
            scenario: ScenarioIdentity(name: scenario.name, title: scenario.title, file: scenario.sourceFile, contentHash: scenario.contentHash),
            base: baseIdentity, plan: plan, runs: total, years: first.years, places: first.places, indicators: first.indicators,
            baseValues: baseCells, scenarioValues: cells[(1 << k) - 1], contributions: phi)
    }

    /// φ per cell: the players' Shapley values over the coalition runs, then the input-only groups (the whole
    /// difference of their indicator, 0 elsewhere).
    static func shapleyCells(
        cells: [[Double?]], base: [Double?], plan: AttributionPlan, indicators: [IndicatorDefinition], places: Int, years: Int
    ) throws -> [[Double]?] {
        let k = plan.players.count, n = base.count, perIndicator = places * years
        let complete = (0..<n).filter { c in base[c] != nil && cells.allSatisfy { $0[c] != nil } }
        let worth = cells.map { run in complete.map { run[$0]! } }
        let phi = k > 0 ? Shapley.values(players: k, worth: worth) : []
        var out = [[Double]?](repeating: nil, count: n)
        for (j, c) in complete.enumerated() {
            let indicator = indicators[c / perIndicator].id
            let inputGroup = plan.inputIndicatorGroup[indicator]
            let empty = cells[0][c]!, b = base[c]!
            if inputGroup == nil, empty != b {
                throw SimulationError.numerical(
                    "\(indicator): the base (\(b)) and the run with only the base's and input levers (\(empty)) differ, though input levers move only their input indicator")
            }
            var row = (0..<k).map { phi[$0][j] }
            for g in plan.inputGroups { row.append(g.id == inputGroup ? empty - b : 0) }
            out[c] = row
        }
        return out
    }
}
