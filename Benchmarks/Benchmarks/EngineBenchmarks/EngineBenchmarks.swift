// Engine benchmarks (issue 9): the full 2019 → 2035 baseline run against one dgetrf of the same system in
// the same process, one year's solve, reference mode, and a 200-run sweep at --jobs 1 and 2.
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

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
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

    let dataset = try! BaseDataset.load()
    let baseline = loadBaseline()
    let simulator = try! Simulator(dataset: dataset)
    let system = try! simulator.baseYearSystem(for: baseline)
    let n = system.output.count
    var iMinusA = -system.coefficients.dense()
    for k in 0..<n { iMinusA[k, k] += 1 }
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
}
