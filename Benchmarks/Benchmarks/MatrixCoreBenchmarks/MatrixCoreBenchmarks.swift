// Matrix-core benchmarks at n = 1,764 (42 regions × 42 sectors), at 1 and 2 BLAS threads.
// Names avoid spaces and '/', which break `thresholds check` in package-benchmark 1.38.
//
// Pairs `*_raw` (the C routine on a prepared buffer) and `*_swift` (the MatrixCore call) measure the
// Swift-side overhead: (swift − raw) / raw. Both restore the destroyed input the same way (one memcpy)
// where the routine works in place.
import Benchmark
import CBLASRaw
import Foundation
import MatrixCore

let n = 1764

func randomMatrix(_ m: Int, _ k: Int, seed: UInt64) -> Matrix {
    var rng = SplitMix64(seed: seed)
    var a = Matrix(rows: m, columns: k)
    a.withUnsafeMutableStorage { p in for i in 0..<p.count { p[i] = rng.nextUniform() - 0.5 } }
    return a
}

/// A Leontief-like system `I − A`, A ≥ 0 with column sums about 0.5.
func leontiefLike(_ n: Int) -> Matrix {
    var a = randomMatrix(n, n, seed: 1).map { (abs($0) * 2) / Double(n) }
    for i in 0..<n { a[i, i] = 1 - a[i, i] }
    for j in 0..<n { for i in 0..<n where i != j { a[i, j] = -a[i, j] } }
    return a
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
        timeUnits: .milliseconds,
        warmupIterations: 1,
        scalingFactor: .one,
        maxDuration: .seconds(6),
        maxIterations: 40
    )

    let a = randomMatrix(n, n, seed: 11)
    let b = randomMatrix(n, n, seed: 12)
    let sys = leontiefLike(n)
    let rhs1 = randomMatrix(n, 1, seed: 13)
    let rhs1000 = randomMatrix(n, 1000, seed: 14)

    for threads in [1, 2] {
        let setup: @Sendable () -> Void = { ComputeResources.setBLASThreadCount(threads) }

        Benchmark("dgemm_n1764_t\(threads)_swift", configuration: .init(setup: { setup() })) { benchmark in
            var c = Matrix.zeros(n, n)
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                try Matrix.gemm(a, b, into: &c)
                blackHole(c)
            }
        }

        Benchmark("dgemm_n1764_t\(threads)_raw", configuration: .init(setup: { setup() })) { benchmark in
            var c = [Double](repeating: 0, count: n * n)
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                a.storage.withUnsafeBufferPointer { ap in
                    b.storage.withUnsafeBufferPointer { bp in
                        c.withUnsafeMutableBufferPointer { cp in
                            cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, Int32(n), Int32(n), Int32(n), 1,
                                        ap.baseAddress, Int32(n), bp.baseAddress, Int32(n), 0, cp.baseAddress, Int32(n))
                        }
                    }
                }
                blackHole(c)
            }
        }

        Benchmark("lu_n1764_t\(threads)_swift", configuration: .init(setup: { setup() })) { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try LUFactorization(factoring: sys))
            }
        }

        Benchmark("lu_n1764_t\(threads)_raw", configuration: .init(setup: { setup() })) { benchmark in
            var work = sys.storage
            var ipiv = [Int32](repeating: 0, count: n)
            LAPACKE_set_nancheck(0)
            for _ in benchmark.scaledIterations {
                work.withUnsafeMutableBufferPointer { w in
                    sys.storage.withUnsafeBufferPointer { s in w.baseAddress!.update(from: s.baseAddress!, count: n * n) }
                    ipiv.withUnsafeMutableBufferPointer { p in
                        blackHole(LAPACKE_dgetrf(LAPACK_COL_MAJOR, Int32(n), Int32(n), w.baseAddress, Int32(n), p.baseAddress))
                    }
                }
            }
        }

        Benchmark("lusolve_rhs1_n1764_t\(threads)", configuration: .init(setup: { setup() })) { benchmark in
            for _ in benchmark.scaledIterations {
                let lu = try LUFactorization(factoring: sys)
                blackHole(try lu.solve(rhs1))
            }
        }

        Benchmark("lusolve_rhs1000_n1764_t\(threads)", configuration: .init(setup: { setup() })) { benchmark in
            for _ in benchmark.scaledIterations {
                let lu = try LUFactorization(factoring: sys)
                blackHole(try lu.solve(rhs1000))
            }
        }

        Benchmark("solve_rhs1000_n1764_t\(threads)_swift", configuration: .init(setup: { setup() })) { benchmark in
            let lu = try LUFactorization(factoring: sys)
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                blackHole(try lu.solve(rhs1000))
            }
        }

        Benchmark("solve_rhs1000_n1764_t\(threads)_raw", configuration: .init(setup: { setup() })) { benchmark in
            let lu = try LUFactorization(factoring: sys)
            var x = rhs1000.storage
            LAPACKE_set_nancheck(0)
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                x.withUnsafeMutableBufferPointer { xp in
                    rhs1000.storage.withUnsafeBufferPointer { r in xp.baseAddress!.update(from: r.baseAddress!, count: r.count) }
                    lu.factors.storage.withUnsafeBufferPointer { f in
                        lu.pivots.withUnsafeBufferPointer { p in
                            blackHole(LAPACKE_dgetrs(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "N")), Int32(n), 1000,
                                                     f.baseAddress, Int32(n), p.baseAddress, xp.baseAddress, Int32(n)))
                        }
                    }
                }
            }
        }
    }

    // LU and multi-RHS solves at n = 1,764, 4,200 and 13,146 (ScaleBenchmarks.swift).
    scaleBenchmarks()
}
