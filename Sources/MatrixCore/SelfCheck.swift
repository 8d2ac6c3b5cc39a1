import Foundation

/// A self-check of the BLAS/LAPACK installation: factor and solve a random diagonally dominant system.
public enum SelfCheck {
    public struct Report: Sendable {
        /// `‖Ax − b‖∞ / (‖A‖∞·‖x‖∞)`; backward stable LU gives about `n·ε`.
        public let relativeResidual: Double
        public let reciprocalCondition: Double
        /// Wall time of factor + solve.
        public let seconds: Double
    }

    /// Factors and solves a random `order × order` system built from `seed`.
    public static func run(order n: Int, seed: UInt64) throws -> Report {
        var rng = SplitMix64(seed: seed)
        var a = Matrix(rows: n, columns: n)
        for k in 0..<(n * n) { a.storage[k] = rng.nextUniform() - 0.5 }
        for i in 0..<n { a[i, i] += Double(n) / 4 }
        let b = (0..<n).map { _ in rng.nextUniform() }
        let clock = ContinuousClock()
        var lu: LUFactorization!
        var x: [Double] = []
        let elapsed = try clock.measure {
            lu = try LUFactorization(factoring: a)
            x = try lu.solve(b)
        }
        var r = b
        try a.gemv(x, alpha: 1, beta: -1, into: &r)
        let rNorm = r.map(abs).max() ?? 0
        let xNorm = x.map(abs).max() ?? 0
        let res = rNorm / max(a.infinityNorm * xNorm, .leastNormalMagnitude)
        return Report(
            relativeResidual: res, reciprocalCondition: try lu.reciprocalConditionNumber(),
            seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
    }
}

/// SplitMix64 (Steele, Lea & Flood 2014): a small, fast, seedable generator for reproducible test data
/// and sampling. Deterministic across platforms; not cryptographic.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// A uniform double in [0, 1) with 53 random bits.
    public mutating func nextUniform() -> Double { Double(next() >> 11) * 0x1.0p-53 }
}
