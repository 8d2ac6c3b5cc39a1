// Engine benchmarks (issue 9): the full 2019 → 2035 baseline run against one dgetrf of the same system in
// the same process, one year's solve, reference mode, a 200-run sweep at --jobs 1 and 2, and a backtest
// (issue 15: backtest_history_v2019_t2 / baseline_run_t2 ≤ 3).
// Names avoid spaces and '/', which break `thresholds check` in package-benchmark 1.38.
//
//   swift package --package-path Benchmarks benchmark --target EngineBenchmarks
//   (ratios: baseline_run_t2 / dgetrf_I_minus_A2019_t2, sweep200_jobs1 / sweep200_jobs2)
import BaseData
import Benchmark
import Foundation
import MatrixCore
import ParameterSweeps
import RegionalModels
import ScenarioSpec
import SimulationEngine

/// The repository root (this file is Benchmarks/Benchmarks/EngineBenchmarks/EngineBenchmarks.swift).
let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

let scenarioLoader = ScenarioLoader(scenariosDirectory: repositoryRoot.appendingPathComponent("Scenarios").path)

func loadBaseline() -> Scenario {
    scenarioLoader.load(path: repositoryRoot.appendingPathComponent("Scenarios/baseline.yaml").path).scenario!
}

/// A synthetic Chenery–Moses system of `r` regions × `s` sectors (seeded), as the engine would build for a
/// larger table: FLQ own blocks, gravity shares over random travel times. The same construction as
/// `SyntheticMRIO` of Tests/TestFixtures, which this separate package cannot import.
func syntheticOperator(regions r: Int, sectors s: Int) throws -> CheneryMosesOperator {
    let d = MRIODimensions(regions: r, sectors: s)
    var rng = SplitMix64(seed: UInt64(r * 1000 + s))
    var aDom = Matrix(rows: s, columns: s)
    for j in 0..<s {
        let w = (0..<s).map { _ in rng.nextUniform() + 0.01 }
        let t = w.reduce(0, +)
        for i in 0..<s { aDom[i, j] = 0.55 * w[i] / t }
    }
    let x0 = (0..<d.industries).map { _ in exp(3 * rng.nextUniform()) * 100 }
    var national = [Double](repeating: 0, count: s)
    for k in 0..<d.industries { national[k % s] += 3 * x0[k] }
    let own = try (0..<r).map { reg in
        let f = try InputOutput.regionalPurchaseFactors(
            method: .flq(delta: 0.3), regionalOutput: Array(x0[(reg * s)..<((reg + 1) * s)]), nationalOutput: national)
        return try InputOutput.ownRegionCoefficients(domestic: aDom, factors: f, nontradableOwnShare: Array(repeating: nil, count: s))
    }
    var times = Matrix(rows: r, columns: r)
    for a in 0..<r { for b in 0..<a { let t = 0.5 + 6 * rng.nextUniform(); times[a, b] = t; times[b, a] = t } }
    let w = try InputOutput.gravityWeights(
        dimensions: d, mass: x0, travelTimeHours: [times], timeMatrixOfSector: Array(repeating: 0, count: s),
        offsetHours: 0.25, decay: (0..<s).map { $0 % 2 == 0 ? 1.0 : 1.5 })
    let e = (0..<d.industries).map { _ in 0.3 * rng.nextUniform() * 1e3 }
    let shares = try InputOutput.cheneryMosesShares(dimensions: d, gravity: w, outsidePull: e)
    return try CheneryMosesOperator(domestic: aDom, own: own, shares: shares)
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        // No cpuTotal: its 10 ms resolution makes a 3 ms benchmark flip between 0 and 10 ms.
        metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident],
        timeUnits: .milliseconds,
        warmupIterations: 1,
        scalingFactor: .one,
        maxDuration: .seconds(8),
        maxIterations: 20,
        thresholds: [
            .wallClock: .init(relative: [.p50: 25.0]),
            .mallocCountTotal: .init(relative: [.p50: 10.0]),
            .peakMemoryResident: .init(relative: [.p50: 20.0]),
        ]
    )

    // As the `chengyu` executable does at start (glibc keeps freed memory for reuse, ComputeResources).
    ComputeResources.keepFreedMemoryForReuse()
    let dataset = try! BaseDataset.load()
    let baseline = loadBaseline()
    let simulator = try! Simulator(dataset: dataset)
    let system = try! simulator.baseYearSystem(for: baseline)
    let n = system.output.count
    let iMinusA = Matrix.identityMinus(system.coefficients.dense())
    let twoThreads: @Sendable () -> Void = { ComputeResources.setBLASThreadCount(2) }

    // One dgetrf of I − A(2019) (n = 1,764), the unit of the acceptance ratio.
    Benchmark("dgetrf_I_minus_A2019_t2", configuration: .init(setup: twoThreads)) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try LUFactorization(factoring: iMinusA))
        }
    }

    // The full baseline run, fast mode (both passes: lever-free counterfactual for κ, then the scenario).
    Benchmark("baseline_run_t2", configuration: .init(setup: twoThreads)) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try simulator.run(baseline, mode: .fast))
        }
    }

    // A backtest of the history scenario at vintage 2019 (issue 15: at most three baseline runs): the run
    // (both passes) plus the scoring against the observations and the two benchmarks.
    let history = scenarioLoader.load(path: repositoryRoot.appendingPathComponent("Scenarios/history.yaml").path).scenario!
    Benchmark("backtest_history_v2019_t2", configuration: .init(setup: twoThreads)) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try Backtest.run(simulator: simulator, scenario: history, vintage: 2019))
        }
    }

    // The same run in reference mode (dense A and dgetrf every year), for the speed-up of fast mode.
    Benchmark("baseline_run_reference_t2", configuration: .init(maxIterations: 5, setup: twoThreads)) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try simulator.run(baseline, mode: .reference))
        }
    }

    // One year's solve: (I − A)·X = Y for the two demand columns of a year, cold start.
    Benchmark("year_step_solve_t2", configuration: .init(setup: twoThreads)) { benchmark in
        let y = try Matrix(rows: n, columns: 2, columnMajor: system.finalDemand + system.finalDemand.map { $0 * 0.1 })
        for _ in benchmark.scaledIterations {
            var solver = LeontiefOperatorSolver(dimensions: system.coefficients.dimensions)
            blackHole(try solver.solve(system.coefficients, y))
        }
    }

    // The engine's solve at the sizes researchers bring (100 and 313 regions × 42 sectors: n = 4,200 and
    // 13,146), on synthetic systems: the operator needs O(R²·S + R·S²) memory, never n².
    for r in [100, 313] {
        Benchmark("operator_gmres_solve_r\(r)_s42_t2", configuration: .init(maxIterations: 5, setup: twoThreads)) { benchmark in
            let op = try syntheticOperator(regions: r, sectors: 42)
            let n = op.dimensions.industries
            let y = try Matrix(rows: n, columns: 2, columnMajor: (0..<(2 * n)).map { Double($0 % 97) + 1 })
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                var solver = LeontiefOperatorSolver(dimensions: op.dimensions)
                blackHole(try solver.solve(op, y))
            }
            benchmark.stopMeasurement()
        }
    }

    // A 200-run Latin-hypercube sweep of the baseline (the example's factors), one shard, --jobs 1 and 2
    // (one BLAS thread per worker, as `chengyu sweep run` does).
    for jobs in [1, 2] {
        Benchmark("sweep200_jobs\(jobs)", configuration: .init(maxDuration: .seconds(1), maxIterations: 1)) { benchmark in
            let spec = SweepSpecLoader(scenarioLoader: scenarioLoader, goals: dataset.goals).load(text: """
                schema: chengyu/sweep/v1
                name: bench200
                base: baseline
                seed: 7
                design: {kind: lhs, samples: 200}
                parameters:
                  flq.delta: {}
                  migration.wageElasticity: {range: [1.0, 3.0]}
                  growth.capitalShare: {}
                outputs:
                  goals: true
                shards: 1
                """, path: repositoryRoot.appendingPathComponent("Scenarios/sweeps/bench200.yaml").path).spec!
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("chengyu-bench-sweep-\(jobs)-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: dir) }
            let manifest = try SweepPlanner.plan(spec)
            try SweepPlanner.write(manifest, base: spec.base, to: dir)
            let executor = SweepExecutor(runDirectory: dir, manifest: manifest, base: spec.base, simulator: simulator)
            benchmark.startMeasurement()
            blackHole(try executor.run(shard: ShardSelection(index: 0, count: 1), jobs: jobs, blasThreads: 1))
            benchmark.stopMeasurement()
        }
    }

    // `chengyu explain plan-2025` (issue 18): 2^8 coalition runs sharing the lever-free counterfactuals, --jobs 2.
    Benchmark("explain_plan2025_jobs2", configuration: .init(maxDuration: .seconds(1), maxIterations: 1)) { benchmark in
        let plan2025 = scenarioLoader.load(path: repositoryRoot.appendingPathComponent("Scenarios/plan-2025.yaml").path).scenario!
        let base = loadBaseline()
        let plan = try AttributionPlan(scenario: plan2025, base: base, grouping: .group)
        benchmark.startMeasurement()
        blackHole(try simulator.attribute(plan2025, plan: plan, base: base, jobs: 2))
        benchmark.stopMeasurement()
    }

    // A 1,000-member baseline ensemble from the priors (issue 18), --jobs 2; ratio to baseline_run_t2.
    Benchmark("ensemble1000_baseline_jobs2", configuration: .init(maxDuration: .seconds(1), maxIterations: 1)) { benchmark in
        let priors = try PriorCatalog.standard().sampled
        let draws = try EnsembleDesign.draws(priors: priors, members: 1000, seed: 1, method: .sobol)
        benchmark.startMeasurement()
        blackHole(try simulator.ensemble(loadBaseline(), parameters: priors.map(\.id), draws: draws, jobs: 2))
        benchmark.stopMeasurement()
    }
}
