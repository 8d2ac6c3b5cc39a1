import Foundation

/// The baseline growth path (MODEL.md §7): national real growth from projections published by 2019,
/// plus the circle's excess over China decaying with time constant `τ_Δ`.
public struct GrowthPath: Sendable, Hashable, Codable {
    /// National real GDP growth in 2020, a fraction (IMF WEO October 2019 projected 5.8 % for 2020).
    public var national2020 = 0.058
    /// National growth 2021–2025 (World Bank & DRC, *China 2030*, 2013; IMF WEO Oct 2019): 5.9 %.
    public var national2021to2025 = 0.059
    /// National growth 2026–2030: 5.0 %.
    public var national2026to2030 = 0.050
    /// Fall of national growth per year after 2030: 0.2 percentage points.
    public var annualDeclineAfter2030 = 0.002
    /// The circle's 2015–2019 excess growth over China, `Δ0` (fitted to the backcast).
    public var circleExcess2019 = 0.0
    /// Decay time of the excess, `τ_Δ`, years.
    public var excessDecayYears = 8.0
    /// A shift of the whole national path (sweeps: ±1 pp); not applied to observed years.
    public var nationalShift = 0.0
    /// National growth that happened (or the latest projection), by year: replaces the projection there.
    public var observedNational: [Int: Double] = [:]
    /// The circle's observed growth up to the vintage, by year: replaces `g_nat + excess` there.
    public var observedCircle: [Int: Double] = [:]
    /// The year the excess starts decaying from: 2019, or the vintage of a historical closure.
    public var excessOrigin = 2019

    public init() {}

    /// `g_nat(t)`, a fraction per year, for years after 2019.
    public func nationalGrowth(_ year: Int) -> Double {
        if let observed = observedNational[year] { return observed }
        let g: Double
        switch year {
        case ...2020: g = national2020
        case 2021...2025: g = national2021to2025
        case 2026...2030: g = national2026to2030
        default: g = national2026to2030 - annualDeclineAfter2030 * Double(year - 2030)
        }
        return g + nationalShift
    }

    /// `g_circle(t) = g_nat(t) + Δ0·exp(−(t − t0)/τ_Δ)`, t0 = `excessOrigin`; the observed growth up to the vintage.
    public func circleGrowth(_ year: Int) -> Double {
        if let observed = observedCircle[year] { return observed }
        return nationalGrowth(year) + circleExcess2019 * exp(-Double(year - excessOrigin) / excessDecayYears)
    }

    /// Cumulative index `Π (1 + g)` from 2019 (= 1) to `year`, for the nation or the circle.
    public func index(_ year: Int, circle: Bool) -> Double {
        guard year > 2019 else { return 1 }
        return (2020...year).reduce(1.0) { $0 * (1 + (circle ? circleGrowth($1) : nationalGrowth($1))) }
    }
}

/// Growth accounting with a Cobb–Douglas aggregate (Solow 1957): `gY = α·gK + (1 − α)·gL + gA`.
public enum GrowthAccounting {
    /// The labour-requirement closure: the employment growth that makes the growth-accounting residual
    /// equal `gA` exactly, `gL* = (gY − α·gK − gA)/(1 − α)`.
    public static func requiredLabourGrowth(outputGrowth gY: Double, capitalGrowth gK: Double, tfpGrowth gA: Double, capitalShare alpha: Double) -> Double {
        (gY - alpha * gK - gA) / (1 - alpha)
    }

    /// The Solow residual `gY − α·gK − (1 − α)·gL`.
    public static func residual(outputGrowth gY: Double, capitalGrowth gK: Double, labourGrowth gL: Double, capitalShare alpha: Double) -> Double {
        gY - alpha * gK - (1 - alpha) * gL
    }

    /// Capital accumulation `K(t+1) = (1 − δ_K)·K(t) + I(t)`.
    public static func nextCapital(_ k: Double, investment i: Double, depreciation: Double) -> Double {
        (1 - depreciation) * k + i
    }

    /// Contribution of technical progress over a period, `CTP = Σ gA / Σ gY` (MODEL.md §7).
    public static func technicalProgressContribution(tfpGrowth gA: [Double], outputGrowth gY: [Double]) -> Double {
        let sy = gY.reduce(0, +)
        return sy == 0 ? .nan : gA.reduce(0, +) / sy
    }
}
