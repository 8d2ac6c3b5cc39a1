import BaseData
import Foundation
import MatrixCore
import RegionalModels

/// The 2019 multi-regional coefficients: own-region blocks, the trade pool, the outside pull and the supply
/// caps (MODEL.md §3–4).
extension BaseYear {
    /// Own-region purchases per jurisdiction: the blocks `A[ss]` and the own shares `h[s→s,i]` of local final demand.
    struct OwnRegion {
        /// `A[ss]` per region, `S × S`.
        var blocks: [Matrix]
        /// `h[s→s,i]` per consumer industry (index `s·S + i`).
        var finalDemandShare: [Double]
    }

    /// The trade pool and the outside pull fitted in 2019 (MODEL.md §3, "Trade pool", "Outside pull").
    struct TradePool {
        /// Decay `η_i` per sector (nontradable, goods or services).
        let eta: [Double]
        /// 0 = freight times (goods), 1 = passenger times (services).
        let timeIndex: [Int]
        /// `X_RoC,i = max(x_nat[i] − Σ_r x0[r,i], 0)`, 100m yuan.
        let restOfChinaOutput: [Double]
        /// Fitted `ω_i` (0 for nontradables).
        let omega: [Double]
        /// `t[q→s,i]` and `o[s,i]` with the fitted pull.
        let shares: TradeShares
        /// Number of sectors whose inflow target the fit reached.
        let fitReached: Int
    }

    /// The 2019 `A` as an operator with the routing of final demand and the industries capped so far.
    struct CappedSystem {
        var op: CheneryMosesOperator
        var routing: FinalDemandRouting
        var capped: [CappedIndustry]
    }

    /// Own-region coefficients by location quotients (MODEL.md §3, "Regionalise domestic coefficients only"):
    /// `A[ss][i,j] = A_dom[i,j]·min(FLQ[s,i,j], 1)` against 2019 national output, nontradables local first
    /// (own share `min(1, (x0 − EXw − inv)/local demand)`, §4); and the own share of local final demand
    /// `h[s→s,i] = min(SLQ[s,i]·λ[s], 1)` (1 for nontradables, §4 "Routing").
    static func ownRegion(
        structure cs: CircleStructure, parameters p: YearParameters, output x0: [Double], sales: ProducerSales,
        nationalOutput xNat: [Double]
    ) throws -> OwnRegion {
        let aDom = cs.dataset.nationalTable.domesticCoefficients
        let d = cs.dims, r = d.regions, s = d.sectors, n = d.industries
        let exw = sales.exportsAbroad, inv = sales.inventory
        guard let method = LocationQuotientMethod(name: p.flqMethod, delta: p.flqDelta) else {
            throw SimulationError.scenario("unknown flq.method \(p.flqMethod)")
        }
        var own: [Matrix] = [], fdOwn = [Double](repeating: 0, count: n)
        for reg in 0..<r {
            let xr = Array(x0[(reg * s)..<((reg + 1) * s)])
            let factors = try InputOutput.regionalPurchaseFactors(method: method, regionalOutput: xr, nationalOutput: xNat)
            let slq = try InputOutput.simpleLocationQuotients(regionalOutput: xr, nationalOutput: xNat)
            let lambda: Double
            if case let .flq(delta) = method {
                lambda = try InputOutput.flqLambda(regionalTotal: xr.reduce(0, +), nationalTotal: xNat.reduce(0, +), delta: delta)
            } else { lambda = 1 }
            var ntShare = [Double?](repeating: nil, count: s)
            for i in 0..<s where cs.nontradable[i] {
                var localDemand = 0.0
                for j in 0..<s { localDemand += aDom[i, j] * xr[j] }
                let k = d.index(region: reg, sector: i)
                ntShare[i] = InputOutput.nontradableOwnShare(
                    grossOutput: x0[k], exportsAbroad: exw[k], inventory: inv[k], localIntermediateDemand: localDemand)
            }
            own.append(try InputOutput.ownRegionCoefficients(domestic: aDom, factors: factors, nontradableOwnShare: ntShare))
            for i in 0..<s {
                fdOwn[d.index(region: reg, sector: i)] = InputOutput.finalDemandOwnShare(slq: slq[i], lambda: lambda, nontradable: cs.nontradable[i])
            }
        }
        return OwnRegion(blocks: own, finalDemandShare: fdOwn)
    }

    /// Own intermediate use of a tradable capped at what the cell has left (MODEL.md §4 spirit of the supply
    /// cap): where `Σ_j A[ss][i,j]·x0[s,j] > max((1 − ε)·x0[s,i] − EXw − inv, 0)` (λ near 1: SLQ, CILQ or a
    /// small δ), row i of `A[ss]` is scaled by `cap/use`; the rest is bought through the trade pool.
    static func cappingOwnIntermediateUse(
        _ own: [Matrix], structure cs: CircleStructure, parameters p: YearParameters, output x0: [Double], sales: ProducerSales
    ) -> [Matrix] {
        let d = cs.dims, r = d.regions, s = d.sectors
        let exw = sales.exportsAbroad, inv = sales.inventory
        var own = own
        for reg in 0..<r {
            var block = own[reg]
            var changed = false
            for i in 0..<s where !cs.nontradable[i] {
                let k = d.index(region: reg, sector: i)
                var use = 0.0
                for j in 0..<s { use += block[i, j] * x0[d.index(region: reg, sector: j)] }
                let cap = max((1 - p.supplyCapEpsilon) * x0[k] - exw[k] - inv[k], 0)
                if use > cap {
                    let f = use > 0 ? cap / use : 0
                    for j in 0..<s { block[i, j] *= f }
                    changed = true
                }
            }
            if changed { own[reg] = block }
        }
        return own
    }

    /// The trade pool with its outside pull, ω fitted so that the circle's inflow share of domestic
    /// intermediates meets the target (MODEL.md §3, "Trade pool", "Outside pull"): gravity weights
    /// `M[q,i]·(T[q,s] + T0)^(−η_i)` with `M = x0`, `E[s,i] = ω_i·X_RoC,i·(T[s,gw(s)] + T0)^(−η_i)`, and the shares
    /// `t[q→s,i]`, `o[s,i]`. Nontradables get target 0 and ω = 0 (they buy only inside the circle).
    static func tradePool(
        structure cs: CircleStructure, parameters p: YearParameters, output x0: [Double], own: [Matrix],
        nationalOutput xNat: [Double], freight: Matrix, passenger: Matrix, gatewayFreight: [Double], gatewayPassenger: [Double]
    ) throws -> TradePool {
        let d = cs.dims, r = d.regions, s = d.sectors, n = d.industries
        let eta = (0..<s).map { cs.nontradable[$0] ? p.etaNontradable : (cs.isGoods[$0] ? p.etaGoods : p.etaServices) }
        let timeIndex = cs.isGoods.map { $0 ? 0 : 1 }
        var circleOutput = [Double](repeating: 0, count: s)
        for k in 0..<n { circleOutput[k % s] += x0[k] }
        let rocOutput = (0..<s).map { max(xNat[$0] - circleOutput[$0], 0) }
        let w = try InputOutput.gravityWeights(
            dimensions: d, mass: x0, travelTimeHours: [freight, passenger], timeMatrixOfSector: timeIndex, offsetHours: p.t0, decay: eta)
        var gw = [Double](repeating: 0, count: n)
        for reg in 0..<r { for i in 0..<s { gw[d.index(region: reg, sector: i)] = cs.isGoods[i] ? gatewayFreight[reg] : gatewayPassenger[reg] } }
        let base = try InputOutput.outsidePull(
            dimensions: d, omega: [Double](repeating: 1, count: s), restOfChinaOutput: rocOutput, gatewayTimeHours: gw,
            offsetHours: p.t0, decay: eta)
        let demand = intermediateDemand(structure: cs, output: x0, own: own)
        let target = (0..<s).map { cs.nontradable[$0] ? 0 : p.circleInflowShare }
        let fit = try InputOutput.fitOutsidePull(
            dimensions: d, gravity: w, outsideBase: base, remainderDemand: demand.remainder, domesticDemand: demand.domestic,
            target: target)
        let omega = (0..<s).map { cs.nontradable[$0] ? 0 : fit.omega[$0] }
        let eFitted = try InputOutput.outsidePull(
            dimensions: d, omega: omega, restOfChinaOutput: rocOutput, gatewayTimeHours: gw, offsetHours: p.t0, decay: eta)
        let shares = try InputOutput.cheneryMosesShares(dimensions: d, gravity: w, outsidePull: eFitted)
        return TradePool(
            eta: eta, timeIndex: timeIndex, restOfChinaOutput: rocOutput, omega: omega, shares: shares,
            fitReached: fit.reached.filter { $0 }.count)
    }

    /// Domestic intermediate demand per buying industry and its part not bought locally (MODEL.md §3):
    /// `domestic[s,i] = Σ_j A_dom[i,j]·x0[s,j]`, `remainder[s,i] = max(Σ_j m[s][i,j]·x0[s,j], 0)` with
    /// `m[s] = A_dom − A[ss]`. The inputs of the ω fit.
    static func intermediateDemand(
        structure cs: CircleStructure, output x0: [Double], own: [Matrix]
    ) -> (remainder: [Double], domestic: [Double]) {
        let aDom = cs.dataset.nationalTable.domesticCoefficients
        let d = cs.dims, r = d.regions, s = d.sectors, n = d.industries
        var remainder = [Double](repeating: 0, count: n), domestic = [Double](repeating: 0, count: n)
        for reg in 0..<r {
            for i in 0..<s {
                var m = 0.0, dd = 0.0
                for j in 0..<s {
                    let xj = x0[d.index(region: reg, sector: j)]
                    m += (aDom[i, j] - own[reg][i, j]) * xj
                    dd += aDom[i, j] * xj
                }
                remainder[d.index(region: reg, sector: i)] = max(m, 0)
                domestic[d.index(region: reg, sector: i)] = dd
            }
        }
        return (remainder, domestic)
    }

    /// `A` as an operator (never formed, `O(R·S² + R²·S)` per product, MODEL.md §11) with the routing of final
    /// demand, and the nontradables' supply cap (MODEL.md §4, "Nontradables are local first"): their spill-over
    /// sales to other jurisdictions may not exceed what is left after own intermediate use, EXw and
    /// inventories (ε = 0, no final demand yet: it is fitted from supply).
    static func nontradableCappedSystem(
        blocks: CheneryMosesOperator.Blocks, pool: TradePool, ownShare: [Double], structure cs: CircleStructure,
        output x0: [Double], sales: ProducerSales
    ) throws -> CappedSystem {
        let n = cs.dims.industries
        let op = try CheneryMosesOperator(blocks: blocks, shares: pool.shares)
        let routing = try InputOutput.finalDemandRouting(ownShare: ownShare, shares: pool.shares)
        let ntCapped = try op.supplyCaps(
            routing: routing, consumerDemand: [Double](repeating: 0, count: n), grossOutput: x0,
            exportsAbroad: sales.exportsAbroad, inventory: sales.inventory, tradable: cs.nontradable, epsilon: 0)
        return CappedSystem(
            op: op.capping(ntCapped), routing: TradeBuilder.applyStoredCaps(ntCapped, routing: routing), capped: ntCapped)
    }

    /// The supply cap for tradables (MODEL.md §4, "Supply cap for tradables instead of clamping"): where
    /// intermediate and local final sales of a tradable exceed `(1 − ε)·x0 − EXw − inv`, its rows of every
    /// `A[rs]` and `h[r→s]` (s ≠ r) are scaled by φ < 1; the removed mass goes to the buyers' RoC share.
    static func cappingTradables(
        _ system: CappedSystem, consumerDemand: [Double], structure cs: CircleStructure, parameters p: YearParameters,
        output x0: [Double], sales: ProducerSales
    ) throws -> CappedSystem {
        let tradable = cs.nontradable.map { !$0 }
        let tradableCapped = try system.op.supplyCaps(
            routing: system.routing, consumerDemand: consumerDemand, grossOutput: x0, exportsAbroad: sales.exportsAbroad,
            inventory: sales.inventory, tradable: tradable, epsilon: p.supplyCapEpsilon)
        return CappedSystem(
            op: system.op.capping(tradableCapped), routing: TradeBuilder.applyStoredCaps(tradableCapped, routing: system.routing),
            capped: system.capped + tradableCapped)
    }
}
