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
        precondition(tau > 0, "τ_K must be positive")
        let n = stocks.count
        return (0..<n).map { r in
            var s = 0.0
            for q in 0..<n where q != r { s += exp(-hours(r, q) / tau) * stocks[q] }
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
