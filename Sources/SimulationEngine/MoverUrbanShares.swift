import Foundation

/// The urban shares of movers (MODEL-v3 §3.5, issue 16 item 4): where arrivals live and whom departures take, so
/// that migration moves a place's urban share and not only its population.
///
///     Urb' = Urb + μ_r·In − s_out(u)·Out,   μ_r = max(μ_u, u),   s_out(u) = ζ·u / (ζ·u + 1 − u)
///
/// `μ_u` is the urban share of arrivals' residence (`urbanisation.migrantUrbanShare`); a place more urban than μ_u
/// takes them at its own share (an arrival cannot make 渝中 less urban). ζ (`urbanisation.leaverUrbanOdds`) is the
/// odds ratio of a leaver's urban residence against a stayer's: 1 takes departures at the place's share
/// (MODEL-v3's `min(1, ζ·u)` at ζ = 1); below 1 they come more from the countryside. The odds form keeps `s_out` in
/// [0, 1] and equal to 1 where everybody is urban. The in-situ trend k nets out one year of these flows at the
/// census decade's mean (`RunSetup.migrationComposition`), so the base period's pace is kept and migration's share
/// of it moves with migration.
///
/// Defaults μ_u = 0 and ζ = 1, movers at their places' own shares (M): the 2020 census long-form tables of
/// migrants by residence type, MODEL-v3's source, are not in the data, and the stated alternative μ_u = 0.85 (most
/// movers settle in cities and towns) makes the V = 2019 urbanisation backtest worse — migration slowed after 2020
/// while the cities' urbanisation did not — and drops the cities' 90 % predictive coverage below issue 18's 80 %
/// (docs/MODEL.md §14, "Movers' urban shares").
struct MoverUrbanShares: Sendable, Equatable {
    /// μ_u: the urban share of arrivals' residence.
    var arrivals: Double
    /// ζ: the odds ratio of a leaver's urban residence against a stayer's.
    var leaverOdds: Double

    /// Movers at the place's own share (μ_u = 0, ζ = 1, the defaults): migration leaves every place's urban share
    /// unchanged.
    static let neutral = MoverUrbanShares(arrivals: 0, leaverOdds: 1)

    /// `μ_r = max(μ_u, u)`.
    func arrivalShare(_ u: Double) -> Double { max(arrivals, u) }

    /// `s_out(u) = ζ·u / (ζ·u + 1 − u)`, 1 where u ≥ 1 and 0 where u ≤ 0.
    func leaverShare(_ u: Double) -> Double {
        if u >= 1 { return 1 }
        if u <= 0 { return 0 }
        return leaverOdds * u / (leaverOdds * u + 1 - u)
    }

    /// Whether movers keep every place's share (μ_u = 0, ζ = 1): then `urbanAfter` is `Urb + u·(In − Out)`, the
    /// formula of the engine before movers' shares, to the bit.
    var isNeutral: Bool { arrivals == 0 && leaverOdds == 1 }

    /// The urban population after the year's flows, `Urb + μ_r·In − s_out·Out`, kept within [0, P − Out + In].
    func urbanAfter(urban: Double, population: Double, arrivals inflow: Double, departures outflow: Double) -> Double {
        let u = population > 0 ? urban / population : 0
        if isNeutral { return urban + u * (inflow - outflow) }
        let moved = urban + arrivalShare(u) * inflow - leaverShare(u) * outflow
        return min(max(moved, 0), max(population - outflow + inflow, 0))
    }
}
