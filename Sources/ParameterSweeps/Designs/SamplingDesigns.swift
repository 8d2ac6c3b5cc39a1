import MatrixCore

/// Sampling designs on the unit hypercube; callers map each coordinate to a parameter's range.
/// Every design is a pure function of its inputs (and seed), so a plan can be rebuilt exactly.
public enum SamplingDesigns {
    /// The full factorial grid over `levels[k]` values of each factor, in lexicographic order (the first
    /// factor varies slowest). Size `Π levels[k].count`.
    public static func fullGrid(_ levels: [[Double]]) -> [[Double]] {
        var out: [[Double]] = [[]]
        for values in levels {
            var next: [[Double]] = []
            next.reserveCapacity(out.count * values.count)
            for prefix in out { for v in values { next.append(prefix + [v]) } }
            out = next
        }
        return levels.isEmpty ? [] : out
    }

    /// One-at-a-time: the base point, then for each factor k each of `levels[k]` with the others at base.
    public static func oneAtATime(base: [Double], levels: [[Double]]) -> [[Double]] {
        var out = [base]
        for (k, values) in levels.enumerated() {
            for v in values where v != base[k] {
                var p = base
                p[k] = v
                out.append(p)
            }
        }
        return out
    }

    /// A Latin hypercube of `n` points in `[0,1)^d`: each factor's range cut into `n` equal strata, one
    /// point per stratum at a random position, strata permuted independently per factor (McKay, Beckman
    /// & Conover 1979). Deterministic for a seed.
    public static func latinHypercube(samples n: Int, dimensions d: Int, seed: UInt64) -> [[Double]] {
        var rng = SplitMix64(seed: seed)
        var points = [[Double]](repeating: [Double](repeating: 0, count: d), count: n)
        for k in 0..<d {
            var perm = Array(0..<n)
            for i in stride(from: n - 1, to: 0, by: -1) {  // Fisher–Yates
                let j = Int(rng.next() % UInt64(i + 1))
                perm.swapAt(i, j)
            }
            for i in 0..<n { points[i][k] = (Double(perm[i]) + rng.nextUniform()) / Double(n) }
        }
        return points
    }
}

/// Saltelli's sampling for first- and total-order Sobol indices (Saltelli et al. 2010, *Comput. Phys.
/// Commun.* 181): matrices A and B of N points each from a 2d-dimensional Sobol sequence (A the first d
/// coordinates, B the last d; the origin is skipped), and for each factor i the matrix `AB_i`, A with
/// column i from B. Runs are ordered A, B, AB_1, …, AB_d: `N·(d + 2)` evaluations.
public struct SaltelliDesign: Sendable {
    public let baseSamples: Int
    public let dimensions: Int
    /// All points in run order, in `[0,1)^d`.
    public let points: [[Double]]

    public init(baseSamples n: Int, dimensions d: Int) throws {
        guard n >= 2, d >= 1 else { throw SweepError.design("Saltelli needs N ≥ 2 and d ≥ 1") }
        guard 2 * d <= SobolSequence.maxDimensions else {
            throw SweepError.design("Saltelli sampling supports at most \(SobolSequence.maxDimensions / 2) factors, got \(d)")
        }
        var sobol = try SobolSequence(dimensions: 2 * d)
        _ = sobol.next()  // skip the origin
        let base = sobol.points(n)
        let a = base.map { Array($0[0..<d]) }
        let b = base.map { Array($0[d..<(2 * d)]) }
        var pts = a + b
        for i in 0..<d {
            for k in 0..<n {
                var p = a[k]
                p[i] = b[k][i]
                pts.append(p)
            }
        }
        self.baseSamples = n
        self.dimensions = d
        self.points = pts
    }
}

/// First- and total-order Sobol indices with bootstrap confidence intervals.
public struct SobolIndices: Sendable, Codable, Equatable {
    public struct Interval: Sendable, Codable, Equatable {
        public let estimate: Double
        public let lower: Double
        public let upper: Double
    }
    /// `S_i`, per factor.
    public let firstOrder: [Interval]
    /// `S_Ti`, per factor.
    public let totalOrder: [Interval]
    /// Confidence level of the intervals (e.g. 0.95).
    public let confidence: Double

    /// Estimates from outputs in `SaltelliDesign` run order.
    ///
    /// First order (Saltelli et al. 2010, Table 2 (b)): `V_i = (1/N) Σ f(B)_k·(f(AB_i)_k − f(A)_k)`;
    /// total order (Jansen 1999): `V_Ti = (1/2N) Σ (f(A)_k − f(AB_i)_k)²`; both divided by the variance of
    /// f over A and B together; outputs are first centred on their mean over A and B. Intervals are percentile bootstrap over the N base rows (resampled
    /// jointly), `resamples` times, seeded.
    public static func estimate(
        outputs f: [Double], baseSamples n: Int, dimensions d: Int, resamples: Int = 1000, confidence: Double = 0.95,
        seed: UInt64 = 1
    ) throws -> SobolIndices {
        var rng = SplitMix64(seed: seed)
        let rows = (0..<resamples).map { _ in (0..<n).map { _ in Int(rng.next() % UInt64(n)) } }
        return try estimate(outputs: f, baseSamples: n, dimensions: d, bootstrapRows: rows, confidence: confidence)
    }

    /// `estimate` with the bootstrap's resampled rows given (shared by `estimateMany`).
    static func estimate(
        outputs f: [Double], baseSamples n: Int, dimensions d: Int, bootstrapRows: [[Int]], confidence: Double
    ) throws(SweepError) -> SobolIndices {
        guard f.count == n * (d + 2) else {
            throw SweepError.analysis("expected \(n * (d + 2)) outputs in Saltelli order, got \(f.count)")
        }
        guard f.allSatisfy(\.isFinite) else { throw SweepError.analysis("outputs contain NaN or infinity") }
        // Centred on the mean of A and B (as SALib does): the estimators are shift-invariant in expectation,
        // and centring keeps f(B)·(f(AB_i) − f(A)) from cancelling catastrophically when |mean| ≫ sd.
        let centre = f[0..<(2 * n)].reduce(0, +) / Double(2 * n)
        let fc = f.map { $0 - centre }
        let fa = Array(fc[0..<n]), fb = Array(fc[n..<(2 * n)])
        let fab = (0..<d).map { i in Array(fc[((2 + i) * n)..<((3 + i) * n)]) }

        func indices(_ rows: [Int]) -> (first: [Double], total: [Double])? {
            var mean = 0.0
            for k in rows { mean += fa[k] + fb[k] }
            mean /= Double(2 * rows.count)
            var v = 0.0
            for k in rows { v += (fa[k] - mean) * (fa[k] - mean) + (fb[k] - mean) * (fb[k] - mean) }
            v /= Double(2 * rows.count - 1)
            guard v > 0 else { return nil }
            var first = [Double](repeating: 0, count: d), total = first
            for i in 0..<d {
                var s1 = 0.0, st = 0.0
                for k in rows {
                    s1 += fb[k] * (fab[i][k] - fa[k])
                    st += (fa[k] - fab[i][k]) * (fa[k] - fab[i][k])
                }
                first[i] = s1 / Double(rows.count) / v
                total[i] = st / Double(2 * rows.count) / v
            }
            return (first, total)
        }
        guard let point = indices(Array(0..<n)) else {
            throw SweepError.analysis("the output does not vary: indices are undefined")
        }
        var bootFirst = [[Double]](repeating: [], count: d), bootTotal = bootFirst
        for rows in bootstrapRows {
            guard let r = indices(rows) else { continue }
            for i in 0..<d { bootFirst[i].append(r.first[i]); bootTotal[i].append(r.total[i]) }
        }
        let alpha = (1 - confidence) / 2
        func interval(_ est: Double, _ sample: [Double]) -> Interval {
            let s = sample.sorted()
            guard !s.isEmpty else { return Interval(estimate: est, lower: est, upper: est) }
            let lo = s[min(s.count - 1, max(0, Int((alpha * Double(s.count)).rounded(.down))))]
            let hi = s[min(s.count - 1, max(0, Int(((1 - alpha) * Double(s.count)).rounded(.up)) - 1))]
            return Interval(estimate: est, lower: lo, upper: hi)
        }
        return SobolIndices(
            firstOrder: (0..<d).map { interval(point.first[$0], bootFirst[$0]) },
            totalOrder: (0..<d).map { interval(point.total[$0], bootTotal[$0]) },
            confidence: confidence)
    }
}
