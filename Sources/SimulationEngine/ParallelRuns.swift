import Foundation
import MatrixCore
import ScenarioSpec

/// Runs many scenarios that share parameters, on worker threads, each result identical to
/// `Simulator.run(_:until:mode:)` of the same scenario at the same BLAS thread count.
///
/// A run with levers is two passes: the lever-free counterfactual that fixes κ(t), then the scenario
/// (`Simulator.run`). The counterfactual depends only on the scenario's parameters (overrides and
/// `parameter` levers) and horizon, so scenarios that differ only in their other levers (the 2^k runs of an
/// attribution) share it: one counterfactual per distinct parameter set, then one pass per scenario.
public struct SharedCounterfactualRunner: Sendable {
    public let simulator: Simulator
    public let until: Int?
    public let mode: Simulator.SolveMode

    public init(simulator: Simulator, until: Int? = nil, mode: Simulator.SolveMode = .fast) {
        self.simulator = simulator
        self.until = until
        self.mode = mode
    }

    /// The trajectories of `scenarios`, in order, computed on `jobs` threads with 1 BLAS thread each (so the
    /// result does not depend on `jobs`). `progress` gets the number of scenarios finished.
    public func run(_ scenarios: [Scenario], jobs: Int, progress: (@Sendable (Int) -> Void)? = nil) throws -> [Trajectory] {
        try run(scenarios, jobs: jobs, progress: progress) { $0 }
    }

    /// `run` with each trajectory passed through `transform` as soon as it is computed (so that a large
    /// ensemble keeps only what it needs of each run).
    public func run<T: Sendable>(
        _ scenarios: [Scenario], jobs: Int, progress: (@Sendable (Int) -> Void)? = nil,
        transform: @escaping @Sendable (Trajectory) throws -> T
    ) throws -> [T] {
        let previous = ComputeResources.blasThreadCount
        ComputeResources.setBLASThreadCount(1)
        defer { ComputeResources.setBLASThreadCount(previous) }
        let keys = scenarios.map(Self.counterfactualKey)
        // Only counterfactuals that two or more scenarios share are kept (each holds a calibrated 2019): an
        // ensemble, whose members all differ in parameters, runs every member as `Simulator.run` does.
        var uses: [String: Int] = [:]
        for (i, k) in keys.enumerated() where !scenarios[i].levers.isEmpty { uses[k, default: 0] += 1 }
        var firstOfKey: [String: Int] = [:]
        for (i, k) in keys.enumerated() where firstOfKey[k] == nil && uses[k, default: 0] >= 2 { firstOfKey[k] = i }
        let distinct = firstOfKey.sorted { $0.value < $1.value }
        let passes = try ParallelMap.map(count: distinct.count, jobs: jobs) { j in
            try counterfactual(scenarios[distinct[j].value])
        }
        let shared = Dictionary(uniqueKeysWithValues: zip(distinct.map(\.key), passes))
        let done = Counter()
        return try ParallelMap.map(count: scenarios.count, jobs: jobs) { i in
            let t: Trajectory
            if let cf = shared[keys[i]] {
                t = try scenarioPass(scenarios[i], counterfactual: cf)
            } else {
                t = try simulator.run(scenarios[i], until: until, mode: mode)
            }
            let out = try transform(t)
            progress?(done.increment())
            return out
        }
    }

    /// What a counterfactual depends on: the scenario without levers (parameters, horizon) and its
    /// `parameter` levers.
    static func counterfactualKey(_ s: Scenario) -> String {
        ([s.withoutLevers().contentHash] + s.levers.filter { $0.kind == .parameter }.map(\.canonicalText).sorted())
            .joined(separator: "\n")
    }

    struct Counterfactual: Sendable {
        let record: RunRecord
        let prepared: PreparedBaseYear?
    }

    func lastYear(_ s: Scenario) -> Int { min(until ?? s.horizon.upperBound, s.horizon.upperBound) }

    /// The lever-free pass of `s` (as in `Simulator.run`), with the calibrated 2019 it prepared.
    func counterfactual(_ s: Scenario) throws -> Counterfactual {
        try withCause("running \(s.name)") {
            var prepared: PreparedBaseYear?
            let record = try simulator.simulate(
                s, applyLevers: false, kappa: nil, until: lastYear(s), mode: mode, progress: nil, prepared: &prepared)
            return Counterfactual(record: record, prepared: prepared)
        }
    }

    /// The scenario pass of `s` with a shared counterfactual's κ(t), diagnostics merged as `Simulator.run` does.
    func scenarioPass(_ s: Scenario, counterfactual cf: Counterfactual) throws -> Trajectory {
        let start = ContinuousClock.now
        let record = try withCause("running \(s.name)") {
            var prepared = cf.prepared
            return try simulator.simulate(
                s, applyLevers: true, kappa: cf.record.kappa, until: lastYear(s), mode: mode, progress: nil, prepared: &prepared,
                labourMarket: cf.record.labourMarket)
        }
        var diagnostics = record.diagnostics
        diagnostics.factorisations += cf.record.diagnostics.factorisations
        diagnostics.iterations += cf.record.diagnostics.iterations
        for (phase, seconds) in cf.record.diagnostics.timingsSeconds {
            diagnostics.timingsSeconds["counterfactual " + phase] = seconds
        }
        diagnostics.timingsSeconds["total"] = (ContinuousClock.now - start).seconds
        return record.trajectory(structure: simulator.structure, scenario: s, diagnostics: diagnostics)
    }
}

/// `body(0..<count)` on `jobs` threads (16 MiB stacks, as the sweep executor), results in index order; the
/// first error stops the remaining work and is rethrown.
public enum ParallelMap {
    public static func map<T: Sendable>(count: Int, jobs: Int, _ body: @escaping @Sendable (Int) throws -> T) throws -> [T] {
        let box = ResultBox<T>(count: count)
        let workers = max(1, min(jobs, count))
        guard count > 0 else { return [] }
        let group = DispatchGroup()
        for _ in 0..<workers {
            group.enter()
            let thread = Thread {
                defer { group.leave() }
                while let i = box.take() {
                    do { box.store(i, try body(i)) } catch { box.fail(error) }
                }
            }
            thread.stackSize = 16 << 20
            thread.start()
        }
        group.wait()
        return try box.results()
    }
}

/// The shared state of `ParallelMap`: next index, results, first error. `@unchecked`: `lock` guards all.
final class ResultBox<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private var values: [T?]
    private var error: Error?
    init(count: Int) { values = [T?](repeating: nil, count: count) }
    func take() -> Int? {
        lock.withLock {
            guard error == nil, next < values.count else { return nil }
            defer { next += 1 }
            return next
        }
    }
    func store(_ i: Int, _ v: T) { lock.withLock { values[i] = v } }
    func fail(_ e: Error) { lock.withLock { if error == nil { error = e } } }
    func results() throws -> [T] {
        try lock.withLock {
            if let error { throw error }
            return values.map { $0! }
        }
    }
}

/// A thread-safe counter. `@unchecked`: `lock` guards `n`.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var n = 0
    func increment() -> Int { lock.withLock { n += 1; return n } }
}
