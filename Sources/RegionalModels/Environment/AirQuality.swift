import Foundation

/// The air-quality reduced form of MODEL.md §8 (emission channel only).
public enum AirQuality {
    /// China's 24-hour PM2.5 limit for a "good" day (GB 3095-2012, grade II): 75 µg/m³.
    public static let dailyLimitMicrogramsPerCubicMetre = 75.0

    /// Standard normal CDF `Φ(z) = erfc(−z/√2)/2`.
    public static func normalCDF(_ z: Double) -> Double { 0.5 * erfc(-z / 2.0.squareRoot()) }

    /// Share of days with PM2.5 at or under the limit when daily values are lognormal with annual mean
    /// `C̄` and log-sd `σ`: `p = Φ((ln 75 − ln C̄ + σ²/2)/σ)` (the mean of a lognormal is `exp(μ + σ²/2)`).
    public static func compliantDayShare(annualMean c: Double, logStandardDeviation sigma: Double) -> Double {
        precondition(c > 0 && sigma > 0)
        return normalCDF((log(dailyLimitMicrogramsPerCubicMetre) - log(c) + sigma * sigma / 2) / sigma)
    }

    /// Annual mean after emissions change: `C̄(t) = C_bg + (C̄₀ − C_bg)·E(t)/E₀`, `C_bg = share·C̄₀`.
    public static func annualMean(base c0: Double, backgroundShare: Double, emissionIndex: Double) -> Double {
        let bg = backgroundShare * c0
        return bg + (c0 - bg) * max(emissionIndex, 0)
    }

    /// Good-day share `GD = p_PM·(1 − q_O3)` with `q_O3` the ozone exceedance share (an input).
    public static func goodDayShare(pmCompliant p: Double, ozoneExceedanceShare q: Double) -> Double { p * (1 - q) }

    /// The `σ` that reproduces an observed PM2.5-compliant share at an observed annual mean; nil when none does.
    ///
    /// With `a = ln(75/C̄) > 0` the argument `a/σ + σ/2` falls until `σ* = √(2a)` and rises after, so the
    /// share is not monotone in σ: the fit bisects on the branch σ ∈ [0.05, σ*], where daily dispersion
    /// and non-compliance rise together (the branch that matches observed σ ≈ 0.4–0.7).
    public static func fittedLogStandardDeviation(annualMean c: Double, compliantShare p: Double) -> Double? {
        let a = log(dailyLimitMicrogramsPerCubicMetre / c)
        guard a > 0 else { return nil }
        var lo = 0.05, hi = max(0.05, (2 * a).squareRoot())
        func f(_ s: Double) -> Double { compliantDayShare(annualMean: c, logStandardDeviation: s) - p }
        // For C̄ < 75 the compliant share falls as σ grows.
        let (flo, fhi) = (f(lo), f(hi))
        guard flo.sign != fhi.sign else { return nil }
        for _ in 0..<100 {
            let mid = (lo + hi) / 2
            if f(mid).sign == flo.sign { lo = mid } else { hi = mid }
        }
        return (lo + hi) / 2
    }
}
