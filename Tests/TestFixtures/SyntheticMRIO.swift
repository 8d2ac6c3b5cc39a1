import Foundation
import MatrixCore
import RegionalModels

/// A seeded synthetic Chenery–Moses system of `R` regions × `S` sectors, as the engine would build for a
/// larger table: national coefficients with column sums 0.55, FLQ own blocks (δ = 0.3) for output
/// `x0 = 100·e^{3u}` against a nation three times the regions' total, gravity shares over random symmetric
/// travel times (0.5–6.5 h, offset 0.25 h, decay 1 or 1.5 by sector) with an outside pull. The one builder of
/// synthetic operators for the tests (the benchmarks, a separate package, keep their own copy in
/// `Benchmarks/Benchmarks/EngineBenchmarks`, seeded `1000·R + S`).
public struct SyntheticMRIO {
    public let dimensions: MRIODimensions
    public let domestic: Matrix
    public let own: [Matrix]
    public let shares: TradeShares
    public let grossOutput: [Double]

    public init(regions r: Int, sectors s: Int, seed: UInt64) throws {
        let d = MRIODimensions(regions: r, sectors: s)
        var rng = SplitMix64(seed: seed)
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
        dimensions = d
        domestic = aDom
        self.own = own
        shares = try InputOutput.cheneryMosesShares(dimensions: d, gravity: w, outsidePull: e)
        grossOutput = x0
    }

    /// The matrix-free operator of this system (optionally with supply caps and an input-saving factor `f`).
    public func coefficientsOperator(capped: [CappedIndustry] = [], scale: Double = 1) throws -> CheneryMosesOperator {
        try CheneryMosesOperator(domestic: domestic, own: own, shares: shares, capped: capped, scale: scale)
    }
}
