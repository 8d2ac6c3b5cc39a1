import Foundation
import MatrixCore
import RegionalModels

/// The nominal side a year leaves for the next (MODEL-v3 §4.4; docs/MODEL.md §7a), 2019 = 1 throughout.
struct PriceState: Sendable {
    /// The cost-push model, holding `p(t)` by industry (the next solve's warm start and the next year's
    /// Armington prices).
    var model: CostPushPriceModel
    /// `P̂` of the year the prices belong to (for `p/P̂` and the wage's indexation).
    var deflator: Double
    /// Nominal wage index per labour-market zone `ŵ[z]`, and `U[z](2019)`.
    var zoneWage: [Double]
    let unemployment2019: [Double]
    /// Per jurisdiction: K(2019) and LF(2019), the levels potential output `Y*` indexes to.
    let capital2019: [Double], labourForce2019: [Double]
    /// `s_j`, the labour share of value added by sector (`PriceStage.labourShares`, fixed for the run).
    let labourShare: [Double]
    /// Per jurisdiction: the CPI and nominal GDP `Σ v_p·x` (100m yuan at current prices).
    var cpi: [Double], nominalGDP: [Double]

    /// 2019: every index 1, nominal GDP = real GDP.
    static func initial(
        context c: RunContext, labourForce lf: [Double], employment e: [Double], capital: [Double], zones zm: ZoneModel
    ) -> PriceState {
        let r = c.structure.dims.regions, lz = zm.sum(lf)
        let u = zm.sum(e).enumerated().map { z, ez in max(1 - ez / lz[z], PriceStage.minimumUnemployment) }
        return PriceState(
            model: CostPushPriceModel(dimensions: c.structure.dims), deflator: 1, zoneWage: [Double](repeating: 1, count: zm.count),
            unemployment2019: u, capital2019: capital, labourForce2019: lf, labourShare: PriceStage.labourShares(c), cpi: [Double](repeating: 1, count: r), nominalGDP: c.gdp2019)
    }

    /// `p[k](t)/P̂(t)`, the relative price the next year's market shares read (MODEL-v3 §4.5).
    var relativePrices: [Double] { model.prices.map { $0 / deflator } }
}

/// The price stage of a year (MODEL-v3 §4.4, §6.1 step 3 with the employment closure's U; docs/MODEL.md §7a),
/// after `IncomeStage`: zone wages from the wage curve, unit value-added cost, the cost-push price solve
/// `(I − A(t)ᵀ)·p = a_RoC·P̂ + a_RoW·p_RoW + v_p` with the run's solver transposed, delivered prices, CPI per
/// jurisdiction, nominal GDP `Σ v_p·x`. Prices feed back on quantities only through next year's market shares
/// (σ_A), and migration's real wage (λ_P); no fixed point within the year (U is the closure's).
enum PriceStage {
    /// `U_min`, the floor of the unemployment rate in the wage curve (MODEL-v3 §4.2: 1 %, (M)).
    static let minimumUnemployment = 0.01

    /// `P̂(t)` of the run: the national deflator path times the run's nominal scale from 2020 on (1 unless a
    /// homogeneity test doubles it).
    static func deflator(_ year: Int, context c: RunContext, nominalScale: Double) -> Double {
        year > RunConventions.baseYear ? c.national.deflatorIndex(year) * nominalScale : 1
    }

    static func advance(
        year: Int, context c: RunContext, state: inout EconomyState, trade: TradeStage.Result, parameters p: YearParameters,
        nominalScale: Double, solver: inout YearlySolver
    ) throws {
        let cs = c.structure, d = cs.dims, r = d.regions, s = d.sectors, zm = state.migration.model
        let pHat = deflator(year, context: c, nominalScale: nominalScale)
        let omega = zoneProductivity(context: c, state: state)
        state.prices.zoneWage = try zoneWages(state: state, productivity: omega, deflator: pHat, parameters: p.prices)
        // The labour part is the unit labour cost `ŵ/ω` (2019 = 1): the zone wage over the real compensation per worker it
        // is indexed to, i.e. compensation per unit of real output, so wages that follow productivity leave it at P̂ and
        // only the wage curve's unemployment and adjustment terms move it. TFP relative to the rest of China lowers the
        // rest of value added (capital at ĉ_K = P̂): `c = (ŵ/ω)^s·P̂^(1−s)·(Â/Â_RoC)^(−(1−s))·CU^ε`, passed to
        // `unitCosts` (which divides the whole by Â) as the wage `(ŵ/ω)·Â/Â_RoC`. A place whose U stays at its 2019 rate
        // and whose TFP moves as the nation's has c = P̂.
        let tfp = state.tfp.map { $0 / state.tfpRestOfChina }
        let wage = (0..<r).map { state.prices.zoneWage[zm.zoneOf[$0]] / omega[zm.zoneOf[$0]] * tfp[$0] }
        let costs = try UnitValueAddedCost.unitCosts(
            UnitCostInputs(
                wageIndex: wage, capitalCostIndex: pHat, tfpIndex: tfp,
                utilisation: utilisation(context: c, state: state, capitalShare: p.capitalShare), labourShare: state.prices.labourShare),
            dimensions: d, utilisationElasticity: p.prices.utilisationElasticity)
        let vp = try UnitValueAddedCost.nominalValueAddedCoefficients(valueAdded: trade.valueAdded, unitCosts: costs)
        let inputs = CostPushInputs(
            restOfChina: try trade.coefficients.restOfChinaCoefficients(outside: trade.intermediateOutside),
            restOfWorld: c.base.trade.restOfWorld, nominalValueAdded: vp, nationalDeflator: pHat, importPrice: pHat)
        let prices = try solver.solvePrices(&state.prices.model, a: trade.coefficients, inputs: inputs)
        let delivered = try PriceIndices.deliveredPrices(prices: prices, routing: trade.routing, nationalDeflator: pHat, importPrice: pHat)
        state.prices.cpi = consumerPrices(context: c, delivered: delivered)
        var nominal = [Double](repeating: 0, count: r)
        for k in 0..<d.industries { nominal[k / s] += vp[k] * state.output[k] }
        state.prices.nominalGDP = nominal
        state.prices.deflator = pHat
    }

    /// `w[z] = (w*)^φ_w·(w(t−1)·P̂/P̂(t−1))^(1−φ_w)`, `w* = P̂·ω[z]·(U[z]/U[z](2019))^β_U` (2019 wage = 1: base wages
    /// enter only as ratios). `ω[z]` is real compensation per worker relative to 2019 (employment-weighted over the
    /// zone's jurisdictions), the engine's productivity-at-fixed-labour-share measure standing in for `y*/y*(2019)`
    /// (M); `U[z] = max(1 − E/LF, U_min)` from the employment closure.
    static func zoneWages(
        state: EconomyState, productivity omega: [Double], deflator pHat: Double, parameters pp: PriceParameters
    ) throws -> [Double] {
        let zm = state.migration.model
        let ez = zm.sum(state.employment), lz = zm.sum(state.labourForce), prev = state.prices
        return try (0..<zm.count).map { z in
            let u = max(1 - ez[z] / lz[z], minimumUnemployment)
            let target = try WageCurve.targetWage(
                wage2019: 1, deflator: pHat, potentialOutputPerWorker: omega[z], potentialOutputPerWorker2019: 1, unemployment: u,
                unemployment2019: prev.unemployment2019[z], elasticity: pp.unemploymentElasticity)
            return try WageCurve.adjustedWage(
                target: target, previousWage: prev.zoneWage[z], deflator: pHat, previousDeflator: prev.deflator, adjustment: pp.wageAdjustment)
        }
    }

    /// `ω[z]`, real compensation per worker relative to 2019, employment-weighted over the zone's jurisdictions.
    static func zoneProductivity(context c: RunContext, state: EconomyState) -> [Double] {
        state.migration.model.weighted(realWageIndex(context: c, state: state), by: state.employment)
    }

    /// Real compensation per worker relative to 2019, per jurisdiction (`Σ c·x / E` over its 2019 value).
    static func realWageIndex(context c: RunContext, state: EconomyState) -> [Double] {
        let comp = c.compensation(state.output)
        return (0..<comp.count).map { (comp[$0] / state.employment[$0]) / (c.compensation2019[$0] / c.employment2019[$0]) }
    }

    /// `CU = Y/Y*`, `Y* = Y(2019)·Â·(K/K(2019))^α·(LF/LF(2019))^(1−α)` (MODEL-v3 §4.2; 1 in 2019), K the year's
    /// recorded capital stock.
    static func utilisation(context c: RunContext, state: EconomyState, capitalShare alpha: Double) -> [Double] {
        let lf = state.labourForce
        return (0..<lf.count).map { reg in
            let potential = c.gdp2019[reg] * state.tfp[reg] * pow(state.capital[reg] / state.prices.capital2019[reg], alpha)
                * pow(lf[reg] / state.prices.labourForce2019[reg], 1 - alpha)
            return state.gdp[reg] / potential
        }
    }

    /// `s_j`, the labour share of value added by sector: national compensation over value added (2018 IO), the
    /// circle's 2019 coefficients summed over jurisdictions, in [0, 1].
    static func labourShares(_ c: RunContext) -> [Double] {
        let s = c.structure.dims.sectors, n = c.structure.dims.industries
        var comp = [Double](repeating: 0, count: s), va = comp
        for k in 0..<n {
            comp[k % s] += c.base.compensationCoefficient[k] * c.base.output[k]
            va[k % s] += c.base.valueAddedCoefficient[k] * c.base.output[k]
        }
        return (0..<s).map { va[$0] > 0 ? min(max(comp[$0] / va[$0], 0), 1) : 0 }
    }

    /// `CPI[r] = Σ_i b[r,i]·p_F[r,i]`, b the jurisdiction's 2019 household basket at the consumer (fixed weights, (M)).
    static func consumerPrices(context c: RunContext, delivered pF: [Double]) -> [Double] {
        let s = c.structure.dims.sectors, hh = c.base.demand
        return (0..<c.structure.dims.regions).map { reg in
            var num = 0.0, den = 0.0
            for i in 0..<s {
                let k = reg * s + i, b = hh.urbanHouseholds[k] + hh.ruralHouseholds[k]
                num += b * pF[k]; den += b
            }
            return den > 0 ? num / den : 1
        }
    }
}
