import Foundation
import MatrixCore
import RegionalModels

/// Stage 1–2 of a year (MODEL.md §3, §9 steps 1–2): trade masses `M(t) = (1 − φ_m)·M(t−1) + φ_m·x(t−1)`, then
/// the MRIO `A(t)` (as a `CheneryMosesOperator`) and the final-demand routing from the 2019 own-region
/// coefficients, the fitted ω, this year's gravity weights with the levers' trade costs, the 2019 supply caps
/// and the input-saving factor `(1 − s)^(t − 2019)`.
enum TradeStage {
    struct Result {
        let coefficients: CheneryMosesOperator
        let routing: FinalDemandRouting
        /// The rest-of-China share of intermediate purchases `o[s,i]` (before the caps; `RegionalAccounts`).
        let intermediateOutside: [Double]
        /// The year's value added per unit of output `v(t)`: the 2019 `v` plus the domestic inputs saved by input
        /// saving, `v + (1 − f)·Σ_i A_dom[i,j]` (f = (1 − τ)^(t − 2019)), so that every column of the accounts still
        /// closes, `v(t) + 1ᵀA(t) + a_RoC(t) + a_RoW = 1` (`RegionalAccounts`); the 2019 `v` itself when f = 1.
        let valueAdded: [Double]
    }

    static func build(
        year: Int, parameters p: YearParameters, context c: RunContext, state: inout EconomyState, times tt: RegionTimes,
        effects: YearEffects, path: GrowthTargets
    ) throws -> Result {
        let n = c.structure.dims.industries
        for k in 0..<n { state.mass[k] = (1 - p.massSmoothing) * state.mass[k] + p.massSmoothing * state.output[k] }
        let rocOutput = c.base.trade.restOfChinaOutput2019.map { $0 * path.nationalIndex }
        let f = pow(1 - p.inputSaving, Double(year - RunConventions.baseYear))
        let built = try TradeBuilder.build(
            structure: c.base.trade, mass: armingtonMass(context: c, state: state, parameters: p), times: [tt.freight, tt.passenger],
            gatewayHours: [tt.gatewayFreight, tt.gatewayPassenger], t0: p.t0, restOfChinaOutput: rocOutput,
            costs: effects.tradeCosts, inputSavingFactor: f)
        return Result(
            coefficients: built.coefficients, routing: built.routing, intermediateOutside: built.outside,
            valueAdded: valueAdded(context: c, inputSavingFactor: f))
    }

    /// The gravity masses with last year's relative prices (MODEL-v3 §4.5): `M[q,i]·(p[q,i](t−1)/P̂(t−1))^(−σ_A,i)`,
    /// σ_A of goods for sectors on freight times, of services otherwise; the rest of China stays at relative price 1.
    /// Lagged prices keep `A(t)` out of the year's price solve. σ_A = 0 (or 2019 prices) leaves the masses as they are.
    static func armingtonMass(context c: RunContext, state: EconomyState, parameters p: YearParameters) -> [Double] {
        guard p.armingtonGoods != 0 || p.armingtonServices != 0 else { return state.mass }
        let s = c.structure.dims.sectors, relative = state.prices.relativePrices
        let sigma = (0..<s).map { c.base.trade.timeIndexOfSector[$0] == 0 ? p.armingtonGoods : p.armingtonServices }
        return state.mass.indices.map { k in state.mass[k] * pow(relative[k], -sigma[k % s]) }
    }

    static func valueAdded(context c: RunContext, inputSavingFactor f: Double) -> [Double] {
        let v = c.base.valueAddedCoefficient
        guard f != 1 else { return v }
        let a = c.base.trade.aDomestic, s = c.structure.dims.sectors
        let saved = (0..<s).map { j in (1 - f) * (0..<s).reduce(0.0) { $0 + a[$1, j] } }
        return v.indices.map { v[$0] + saved[$0 % s] }
    }
}
