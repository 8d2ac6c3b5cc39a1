import MatrixCore
import ScenarioSpec

/// The parameter draws of an ensemble from the priors (MODEL-v3 §5, design `prior`): N points in (0, 1)^d,
/// mapped through each prior's inverse CDF (`Prior.quantile`). A pure function of (N, priors, seed, method):
/// member m's draw is the same however the members are split, and the same seed gives every scenario the
/// same draws (common random numbers).
public enum EnsembleDesign {
    public enum Method: String, Sendable, CaseIterable {
        /// Sobol points (Joe & Kuo directions, from the origin, which the shift moves inside) with a random
        /// digital shift: each coordinate's 32-bit integer XOR-ed with a seeded word (the simplest scrambling,
        /// Owen 2003; the first 2^m points keep the (t, m, s)-net's stratification).
        case sobol
        /// Latin hypercube (McKay, Beckman & Conover 1979), seeded.
        case lhs
    }

    /// `members` points in (0, 1)^d: for Sobol, `(k XOR shift + 1/2)/2^32` per coordinate.
    public static func unitPoints(members n: Int, dimensions d: Int, seed: UInt64, method: Method) throws -> [[Double]] {
        guard n >= 1, d >= 1 else { throw SweepError.design("an ensemble needs at least one member and one prior") }
        switch method {
        case .lhs:
            return SamplingDesigns.latinHypercube(samples: n, dimensions: d, seed: seed)
        case .sobol:
            var sobol = try SobolSequence(dimensions: d)
            var rng = SplitMix64(seed: seed)
            let shift = (0..<d).map { _ in UInt32(truncatingIfNeeded: rng.next() >> 32) }
            return sobol.points(n).map { p in
                (0..<d).map { k in (Double(UInt32(p[k] * 0x1.0p32) ^ shift[k]) + 0.5) * 0x1.0p-32 }
            }
        }
    }

    /// The draws: `values[m][k]` of `priors[k]` for member m. Only numeric priors of model parameters.
    public static func draws(priors: [Prior], members n: Int, seed: UInt64, method: Method) throws -> [[Double]] {
        let u = try unitPoints(members: n, dimensions: priors.count, seed: seed, method: method)
        return try u.map { point in
            try zip(priors, point).map { p, x in
                guard p.status == .model, let v = p.quantile(x) else {
                    throw SweepError.design("prior \(p.id) cannot be sampled (\(p.status == .absent ? "not in the model" : "not a numeric distribution"))")
                }
                return v
            }
        }
    }
}

extension EnsembleDesign {
    /// The particles of a posterior sample drawn by the members of an ensemble: member m takes particle
    /// `⌊u_m·K⌋` of K, u_m the m-th uniform of SplitMix64(seed) (bootstrap resampling with replacement, equal
    /// weights: the particles of ABC rejection are equally weighted; MODEL-v3 §5 design `posterior`). A pure
    /// function of (N, K, seed): member m's particle does not depend on how the members are split, and the same
    /// seed gives every scenario the same particles (common random numbers).
    public static func resample(particles k: Int, members n: Int, seed: UInt64) throws -> [Int] {
        guard k >= 1, n >= 1 else { throw SweepError.design("a posterior ensemble needs at least one particle and one member") }
        var rng = SplitMix64(seed: seed)
        return (0..<n).map { _ in min(k - 1, Int(rng.nextUniform() * Double(k))) }
    }
}
