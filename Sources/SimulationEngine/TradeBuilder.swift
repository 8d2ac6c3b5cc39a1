import Foundation
import MatrixCore
import RegionalModels

/// What the 2019 calibration fixes for the trade structure of later years (MODEL.md §3–4): own-region
/// coefficients, the outside-pull weights ω, decay, the own shares of final demand and the supply caps.
struct TradeStructure: Sendable {
    let dims: MRIODimensions
    let aDomestic: Matrix
    /// `A[ss]` per region (FLQ with nontradables local first).
    let own: [Matrix]
    /// `own` and the remainders `A_dom − own` in the operator's layout, built once.
    let blocks: CheneryMosesOperator.Blocks
    /// `ω_i`, fitted in 2019; 0 for nontradables (they buy only inside the circle).
    let omega: [Double]
    let eta: [Double]
    /// 0 = freight times (goods), 1 = passenger times (services).
    let timeIndexOfSector: [Int]
    /// Own share of local final demand per consumer industry.
    let finalDemandOwnShare: [Double]
    /// `a_RoW` per industry (foreign import leakage).
    let restOfWorld: [Double]
    /// Industries whose interregional sales the 2019 supply cap scaled, with φ (held in later years).
    let capped: [CappedIndustry]
    /// National output of the rest of China in 2019 per sector, 100m yuan.
    let restOfChinaOutput2019: [Double]
}

/// Per-year changes of trade costs from `trade-cost` levers: factor `f[q,s,i]` on `(T + T0)`, applied to
/// pairs with at least one end in the lever's places.
struct TradeCostFactors: Sendable {
    /// (regions in `where`, sectors, factor).
    var entries: [(regions: Set<Int>, sectors: [Int], factor: Double)] = []
    var isEmpty: Bool { entries.isEmpty || entries.allSatisfy { $0.factor == 1 } }
}

enum TradeBuilder {
    /// The MRIO coefficients (as an operator, MODEL.md §11) and final-demand routing for one year.
    ///
    /// Gravity weights `M[q,i]·(T[q,s] + T0)^(−η_i)` with this year's masses and times, the outside pull
    /// `ω_i·X_RoC,i(t)·(T[s,gw] + T0)^(−η_i)`, Chenery–Moses shares, then the 2019 caps (rows of capped
    /// industries scaled by their φ, the removed mass moved to the buyers' rest-of-China share) and the
    /// input-saving factor. `A` itself is never formed: `coefficients.dense()` builds it when needed
    /// (reference mode), equal entry for entry to `assembleMRIO` followed by `applyStoredCaps` and `f`.
    static func build(
        structure t: TradeStructure, mass: [Double], times: [Matrix], gatewayHours: [[Double]], t0: Double,
        restOfChinaOutput: [Double], costs: TradeCostFactors, inputSavingFactor: Double
    ) throws -> (coefficients: CheneryMosesOperator, routing: FinalDemandRouting, outside: [Double]) {
        let d = t.dims, s = d.sectors, r = d.regions
        var w = try InputOutput.gravityWeights(
            dimensions: d, mass: mass, travelTimeHours: times, timeMatrixOfSector: t.timeIndexOfSector,
            offsetHours: t0, decay: t.eta)
        var gateway = [Double](repeating: 0, count: d.industries)
        for reg in 0..<r { for i in 0..<s { gateway[d.index(region: reg, sector: i)] = gatewayHours[t.timeIndexOfSector[i]][reg] } }
        let e = try InputOutput.outsidePull(
            dimensions: d, omega: t.omega, restOfChinaOutput: restOfChinaOutput, gatewayTimeHours: gateway,
            offsetHours: t0, decay: t.eta)
        if !costs.isEmpty {
            w.withUnsafeMutableStorage { p in
                for c in costs.entries where c.factor != 1 {
                    for i in c.sectors {
                        let scale = pow(c.factor, -t.eta[i])
                        for dest in 0..<r {
                            let col = (dest * s + i) * r
                            for q in 0..<r where q != dest && (c.regions.contains(q) || c.regions.contains(dest)) {
                                p[col + q] *= scale
                            }
                        }
                    }
                }
            }
        }
        let shares = try InputOutput.cheneryMosesShares(dimensions: d, gravity: consume w, outsidePull: e)
        let coefficients = try CheneryMosesOperator(blocks: t.blocks, shares: shares, capped: t.capped, scale: inputSavingFactor)
        let routing = applyStoredCaps(t.capped, routing: try InputOutput.finalDemandRouting(ownShare: t.finalDemandOwnShare, shares: shares))
        return (coefficients, routing, shares.outside)
    }

    /// The stored supply caps on the routing of final demand: `h[r→s, i]` (`s ≠ r`) of each capped industry
    /// scaled by its φ, the removed share moved to the buyers' rest-of-China share (as `applySupplyCap` did
    /// in 2019; the coefficient side is `CheneryMosesOperator`'s row scaling).
    /// The routing is changed in place when the caller passes its last use.
    static func applyStoredCaps(_ capped: [CappedIndustry], routing h: consuming FinalDemandRouting) -> FinalDemandRouting {
        guard !capped.isEmpty else { return h }
        let d = h.dimensions, r = d.regions
        var hin = h.inside, hout = h.outside
        _ = consume h
        hin.withUnsafeMutableStorage { hp in
            for cap in capped {
                for dest in 0..<r where dest != cap.region {
                    let consumer = d.index(region: dest, sector: cap.sector)
                    let old = hp[consumer * r + cap.region]
                    hp[consumer * r + cap.region] = cap.phi * old
                    hout[consumer] += (1 - cap.phi) * old
                }
            }
        }
        return FinalDemandRouting(dimensions: d, inside: hin, outside: hout)
    }
}
