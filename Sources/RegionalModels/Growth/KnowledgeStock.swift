import Foundation

/// The R&D knowledge stock and its spillovers (MODEL-v3 §4.3). R&D spending builds a stock of knowledge by
/// perpetual inventory, apart from physical capital (Griliches 1980; Hall, Mairesse & Mohnen 2010): it raises
/// TFP through the growth of the own stock (elasticity θ_R) and of the stocks of other places weighted by
/// travel time (θ_S, decay τ_K; Coe & Helpman 1995; Keller 2002).
public enum KnowledgeStock {
    /// The benchmark stock of Griliches (1980): `R(t0) = RD(t0)/(g_R + δ_R)`, the stock that spending growing at
    /// `g_R` a year since ever would have built. Requires `g_R + δ_R > 0`.
    public static func initial(spending rd: Double, growth g: Double, depreciation delta: Double) -> Double {
        precondition(g + delta > 0, "g_R + δ_R must be positive")
        return rd / (g + delta)
    }

    /// Perpetual inventory `R(t) = (1 − δ_R)·R(t−1) + RD(t)`.
    public static func next(_ stock: Double, spending rd: Double, depreciation delta: Double) -> Double {
        (1 - delta) * stock + rd
    }

    /// The spillover pool `S[r] = Σ_{q≠r} exp(−T[r,q]/τ_K)·R[q]` (MODEL-v3 §4.3): other places' stocks weighted by
    /// the passenger time between them, `hours(r, q)`, in hours. The weights are not normalised, so a faster
    /// link raises the pool (Keller 2002: spillovers fall with distance).
    public static func spilloverPool(stocks: [Double], decayHours tau: Double, hours: (Int, Int) -> Double) -> [Double] {
        spilloverPool(stocks: stocks, weights: spilloverWeights(places: stocks.count, decayHours: tau, hours: hours))
    }

    /// The weights `ν[r·n + q] = exp(−T[r,q]/τ_K)` (0 on the diagonal) of `spilloverPool`, row-major, for a
    /// network that does not change (computed once, used every year).
    public static func spilloverWeights(places n: Int, decayHours tau: Double, hours: (Int, Int) -> Double) -> [Double] {
        precondition(tau > 0, "τ_K must be positive")
        var w = [Double](repeating: 0, count: n * n)
        for r in 0..<n { for q in 0..<n where q != r { w[r * n + q] = exp(-hours(r, q) / tau) } }
        return w
    }

    /// `S[r] = Σ_{q≠r} ν[r·n + q]·R[q]` on precomputed weights (`spilloverWeights`).
    public static func spilloverPool(stocks: [Double], weights w: [Double]) -> [Double] {
        let n = stocks.count
        precondition(w.count == n * n, "one weight per pair of places")
        return (0..<n).map { r in
            var s = 0.0
            for q in 0..<n where q != r { s += w[r * n + q] * stocks[q] }
            return s
        }
    }

    /// The R&D term of TFP growth (MODEL-v3 §4.3):
    /// `θ_R·(Δln R − Δln R_ref) + θ_S·(Δln S − Δln S_ref)`, each Δln over the same year; the reference stocks are
    /// those of the lever-free R&D path, so R&D growing as in the reference adds nothing.
    public static func tfpGrowthTerm(
        ownGrowth dlnR: Double, referenceGrowth dlnR0: Double, spilloverGrowth dlnS: Double, referenceSpilloverGrowth dlnS0: Double,
        rdElasticity thetaR: Double, spilloverElasticity thetaS: Double
    ) -> Double {
        thetaR * (dlnR - dlnR0) + thetaS * (dlnS - dlnS0)
    }
}
