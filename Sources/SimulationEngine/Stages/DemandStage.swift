import Foundation
import MatrixCore
import RegionalModels

/// Stage 3 of a year (MODEL.md §4, §9 step 3): final demand at the consumer, routed to producers, and exports.
///
/// Households (urban/rural) scale with population, the urban share, consumption per head (lagged income,
/// `IncomeStage`) and the consumption levers; government with population and spending per head; investment
/// with `ι·Ŷ(t)/Y(2019)`, `Ŷ(t) = Y(t−1)·(1 + g_target)`, and the investment levers; extra R&D over the 2019
/// intensity is GFCF for sector 35; amount levers add at the consumer (investment) or the producer (sales to
/// the rest of China). Exports `EX = EX0·D_nat(t)·(A_tfp/A_RoC)^σ` with the export levers. Two right-hand
/// sides: the part κ(t) scales (`shape`) and the part it does not (`absolute`: amounts and inventories).
enum DemandStage {
    struct Result {
        /// Consumer demand of the year by category (the investment column is scaled by κ in the ledger of capital).
        let consumer: ConsumerDemand
        let amounts: AmountEffects
        /// The R&D spending over the 2019 intensity, by industry (sector 35), inside `amounts.investment`: final
        /// demand, but not physical capital (MODEL-v3 §4.3; IncomeStage leaves it out of K).
        let rdInvestment: [Double]
        /// Exports abroad and to the rest of China before κ, by industry.
        let exportsAbroad: [Double], exportsRestOfChina: [Double]
        /// `y_shape = routed(consumer) + EXw + EXc`, `y_abs = routed(extra investment) + extra sales + inv·x(t−1)`.
        let shape: [Double], absolute: [Double]
    }

    static func compute(
        year: Int, context c: RunContext, state: EconomyState, trade: TradeStage.Result, effects: YearEffects,
        path: GrowthTargets, parameters p: YearParameters
    ) throws -> Result {
        let cs = c.structure, r = cs.dims.regions, s = cs.dims.sectors, n = cs.dims.industries
        let (demand, rdInvestment) = consumerDemand(
            context: c, state: state, effects: effects, expectedGrowth: expectedGrowth(year: year, context: c, state: state, path: path, parameters: p),
            crowdingOut: p.rdCrowdingOut)
        let amounts = AmountEffects(
            plan: c.plan, structure: cs, base: c.base, year: year, investmentStart: rdInvestment,
            weights: .init(gdp: state.gdp, population: state.population, output: state.output))
        let consumer = try Matrix(rows: n, columns: 2, columnMajor: demand.total + amounts.investment)
        let routed = try InputOutput.routeFinalDemand(consumer, routing: trade.routing).producers
        var exw = [Double](repeating: 0, count: n), exc = exw
        for reg in 0..<r {
            let comp = pow(state.tfp[reg] / state.tfpRestOfChina, p.exportPriceElasticity)
            for i in 0..<s {
                let k = reg * s + i
                exw[k] = c.base.exportsAbroad[k] * path.nationalIndex * comp * effects.exportsAbroad[k]
                exc[k] = c.base.exportsRestOfChina[k] * path.nationalIndex * comp * effects.exportsRestOfChina[k]
            }
        }
        var shape = [Double](repeating: 0, count: n), absolute = [Double](repeating: 0, count: n)
        for k in 0..<n {
            shape[k] = routed[k, 0] + exw[k] + exc[k]
            absolute[k] = routed[k, 1] + amounts.exportsRestOfChina[k] + c.base.inventoryRatio[k % s] * state.output[k]
        }
        return Result(consumer: demand, amounts: amounts, rdInvestment: rdInvestment, exportsAbroad: exw, exportsRestOfChina: exc, shape: shape, absolute: absolute)
    }

    /// The circle growth that investment expects for `year`: the growth path's under `growth.closure: pinned` and up to
    /// the vintage; after it, under `forecast` (the default), last year's simulated circle growth (adaptive expectations,
    /// modelling choice), the circle's observed 2016–19 mean in the first year (MODEL-v3 §4.1, §4.6).
    static func expectedGrowth(year: Int, context c: RunContext, state: EconomyState, path: GrowthTargets, parameters p: YearParameters) -> Double {
        guard p.holdsDemandShifter(in: year) else { return path.circle }
        return state.gdpGrowthHistory[year - 1] ?? c.circleGrowth2016to2019
    }

    /// Local final demand at the consumer by category, and the extra R&D investment (sector 35) over the 2019
    /// intensity, `(rd − rd2019)·Ŷ(t)`, of which the share χ_R replaces physical investment (MODEL.md §4, §7).
    static func consumerDemand(
        context c: RunContext, state: EconomyState, effects: YearEffects, expectedGrowth g: Double, crowdingOut chi: Double
    ) -> (ConsumerDemand, [Double]) {
        let cs = c.structure, base = c.base, r = cs.dims.regions, s = cs.dims.sectors
        var demand = base.demand
        var rdInvestment = [Double](repeating: 0, count: cs.dims.industries)
        let k35 = cs.sectors.firstIndex { $0.id == SectorCodes.researchAndDevelopment }
        for reg in 0..<r {
            let popGrowth = state.population[reg] / c.population2019[reg]
            let u = state.urban[reg] / state.population[reg], u0 = base.urbanShare[reg]
            let sU = popGrowth * (u / u0) * (state.consumptionUrbanPerHead[reg] / base.consumptionPerHeadUrban[reg]) * effects.consumptionUrban[reg]
            let sR = popGrowth * ((1 - u) / max(1 - u0, 1e-12)) * (state.consumptionRuralPerHead[reg] / base.consumptionPerHeadRural[reg])
                * effects.consumptionRural[reg]
            let sG = popGrowth * state.governmentPerHead[reg] / base.governmentPerHead[reg]
            let sI = (state.gdp[reg] * (1 + g)) / c.gdp2019[reg] * effects.investmentRate[reg]
            for i in 0..<s {
                let k = reg * s + i
                demand.urbanHouseholds[k] *= sU
                demand.ruralHouseholds[k] *= sR
                demand.government[k] *= sG
                demand.investment[k] *= sI
            }
            let rdExtra = (state.rdIntensity[reg] - c.effectsBase.rdIntensity[reg]) * state.gdp[reg] * (1 + g)
            if rdExtra != 0, let k35 {
                rdInvestment[reg * s + k35] += rdExtra
                withinInvestment(&demand.investment, region: reg, sectors: s, research: chi * rdExtra)
            }
        }
        return (demand, rdInvestment)
    }

    /// R&D is part of gross fixed capital formation (SNA 2008 ch. 10, intellectual property products; NBS capitalised
    /// R&D in its 2016 GDP revision), and the investment rule `ι·Ŷ` sets the jurisdiction's GFCF: `research` (χ_R times
    /// the R&D over the 2019 intensity; χ_R = 1 by default, (M): full crowding out within GFCF) takes the place of the
    /// same amount of physical investment, spread over the investment column's own mix and never below 0, instead of
    /// adding to demand. An R&D lever thus moves investment from the capital stock to the knowledge stock; a cut in
    /// R&D frees it for physical investment.
    static func withinInvestment(_ investment: inout [Double], region reg: Int, sectors s: Int, research: Double) {
        var total = 0.0
        for i in 0..<s { total += investment[reg * s + i] }
        guard total > 0 else { return }
        let f = max(1 - research / total, 0)
        for i in 0..<s { investment[reg * s + i] *= f }
    }
}

private func + (a: [Double], b: [Double]) -> [Double] { var out = a; out.append(contentsOf: b); return out }
