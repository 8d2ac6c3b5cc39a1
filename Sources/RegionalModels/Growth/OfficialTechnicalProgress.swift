import Foundation

/// The contribution of technical progress (科技进步贡献率) as the official statistic computes it (MODEL-v3 §4.8):
/// the Solow growth-rate equation with fixed output elasticities, `a = y − α_T·k − (1 − α_T)·l`, `E_A = a/y`,
/// y, k, l the average annual growth of real output, capital and employment over a window by the level method
/// (水平法, geometric: `(X_t/X_{t−W})^(1/W) − 1`) — the 国家计委·国家统计局 1992 growth-rate equation, α + β = 1
/// (sources S-D-ZKX-TPC-METHOD, S-D-BAIKE-TPC in `production/`).
public enum OfficialTechnicalProgress {
    /// The window's average annual growth by the level method from yearly growth rates:
    /// `(Π (1 + g))^(1/W) − 1`; nil for an empty window or a level that turns non-positive.
    public static func levelMethodRate(_ yearly: [Double]) -> Double? {
        guard !yearly.isEmpty else { return nil }
        let ratio = yearly.reduce(1.0) { $0 * (1 + $1) }
        guard ratio > 0, ratio.isFinite else { return nil }
        return pow(ratio, 1 / Double(yearly.count)) - 1
    }

    /// `E_A = 1 − α_T·k/y − (1 − α_T)·l/y`; nil when y ≤ 0 (the statistic is undefined; reported, never imputed).
    public static func contribution(output y: Double, capital k: Double, labour l: Double, capitalElasticity alpha: Double) -> Double? {
        guard y > 0, y.isFinite, k.isFinite, l.isFinite else { return nil }
        return GrowthAccounting.residual(outputGrowth: y, capitalGrowth: k, labourGrowth: l, capitalShare: alpha) / y
    }

    /// The elasticity α_T for which the equation gives `target` from (y, k, l):
    /// `α_T = (1 − E − l/y)/(k/y − l/y)`; nil when y ≤ 0 or k = l (any α gives the same contribution).
    public static func fitCapitalElasticity(target e: Double, output y: Double, capital k: Double, labour l: Double) -> Double? {
        guard y > 0, abs(k - l) > 1e-12 else { return nil }
        return (1 - e - l / y) / (k / y - l / y)
    }
}
