// LU and LU + multi-RHS solve at the three table sizes of issue 9: n = 1,764 (42 × 42), 4,200 (100 × 42)
// and 13,146 (313 cities × 42 sectors, China's city-level MRIO), with all cores to BLAS.
//
// Thresholds (tolerances against a stored baseline, `baseline check`): wall clock and CPU time may grow by
// 25 % at the median (a shared 2-core machine is noisy), peak resident memory by 10 % (glibc may keep a freed
// n = 1,764 matrix, 25 MB, in its heap). At 13,146 one matrix is
// 1.38 GB and one dgetrf about 1.5 TFLOP (tens of seconds): 1 warm-up-free iteration, at most 2, no raw-C twin.
// The matrices are built inside each benchmark (not at registration), so filtering them out costs nothing.
//
//   swift package --package-path Benchmarks --allow-writing-to-package-directory \
//       benchmark baseline update scale --target MatrixCoreBenchmarks --filter '.*_scale.*'
//   swift package --package-path Benchmarks benchmark baseline check scale --target MatrixCoreBenchmarks \
//       --filter '.*_scale.*'
import Benchmark
import CBLASRaw
import Foundation
import MatrixCore

/// Median (p50) tolerances for the scale suite.
var scaleThresholds: [BenchmarkMetric: BenchmarkThresholds] {
    [
        .wallClock: .init(relative: [.p50: 25.0]),
        .cpuTotal: .init(relative: [.p50: 25.0]),
        .peakMemoryResident: .init(relative: [.p50: 10.0]),
    ]
}

/// `I − A` with `A ≥ 0`, column sums about 0.5, built in one buffer (no temporary n × n copies).
func leontiefSystem(_ n: Int, seed: UInt64 = 1) -> Matrix {
    var rng = SplitMix64(seed: seed)
    var m = Matrix(rows: n, columns: n)
    let scale = 1.0 / Double(n)
    m.withUnsafeMutableStorage { p in
        for k in 0..<p.count { p[k] = -rng.nextUniform() * scale }
        for i in 0..<n { p[i + i * n] += 1 }
    }
    return m
}

func scaleBenchmarks() {
    let threads = 2
    for size in [1764, 4200, 13146] {
        let big = size > 5000
        let configuration = Benchmark.Configuration(
            metrics: [.wallClock, .cpuTotal, .peakMemoryResident],
            timeUnits: big ? .seconds : .milliseconds,
            warmupIterations: big ? 0 : 1,
            scalingFactor: .one,
            maxDuration: .seconds(big ? 120 : 20),
            maxIterations: big ? 2 : (size > 2000 ? 5 : 20),
            thresholds: scaleThresholds,
            setup: { ComputeResources.setBLASThreadCount(threads) }
        )
        // LU alone (dgetrf on a copy of the system; the copy is part of what a model pays).
        Benchmark("lu_n\(size)_t\(threads)_scale", configuration: configuration) { benchmark in
            let sys = leontiefSystem(size)
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                blackHole(try LUFactorization(factoring: sys))
            }
        }
        if !big {
            Benchmark("lu_n\(size)_t\(threads)_scale_raw", configuration: configuration) { benchmark in
                let sys = leontiefSystem(size)
                var work = sys.storage
                var ipiv = [Int32](repeating: 0, count: size)
                LAPACKE_set_nancheck(0)
                benchmark.startMeasurement()
                for _ in benchmark.scaledIterations {
                    work.withUnsafeMutableBufferPointer { w in
                        sys.storage.withUnsafeBufferPointer { s in w.baseAddress!.update(from: s.baseAddress!, count: size * size) }
                        ipiv.withUnsafeMutableBufferPointer { p in
                            blackHole(LAPACKE_dgetrf(LAPACK_COL_MAJOR, Int32(size), Int32(size), w.baseAddress, Int32(size), p.baseAddress))
                        }
                    }
                }
            }
        }
        // LU + one multi-RHS solve with 100 and 1,000 right-hand sides.
        for k in [100, 1000] {
            Benchmark("lusolve_rhs\(k)_n\(size)_t\(threads)_scale", configuration: configuration) { benchmark in
                let sys = leontiefSystem(size)
                let rhs = randomMatrix(size, k, seed: 21)
                benchmark.startMeasurement()
                for _ in benchmark.scaledIterations {
                    let lu = try LUFactorization(factoring: sys)
                    blackHole(try lu.solve(rhs))
                }
            }
        }
    }
}
