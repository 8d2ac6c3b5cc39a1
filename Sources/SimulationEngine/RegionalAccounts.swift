import Foundation
import MatrixCore
import RegionalModels

/// GDP of every jurisdiction by the three approaches of the national accounts, for one year (MODEL-v3 §7.1,
/// issue 17 acceptance). Built only when a run asks for it (`Simulator.recordsAccounts`): the check costs an
/// operator product and the rest-of-China coefficients per year.
///
/// - production: `Σ_j v_j(t)·x_j` (the engine's GDP; `v(t)` includes the inputs saved by input saving);
/// - income: output less purchased inputs, `Σ_j (1 − Σ_i a_ij − a_RoC,j − a_RoW,j)·x_j`, the compensation
///   `Σ c_j·x_j` plus the rest (operating surplus and net taxes) — equal to production when every column of the
///   accounts closes, `v_j + Σ_i a_ij + a_RoC,j + a_RoW,j = 1`;
/// - expenditure: final demand bought at the jurisdiction's consumers (households, government, investment, the
///   amount levers' investment; the domestic basket: imported final goods enter and leave it equally and are
///   left out) + inventories + exports abroad and to the rest of China + net sales to the rest of the circle
///   (intermediate and final) − purchases from the rest of China (intermediate and final) − intermediate imports
///   from abroad. Equal to income when the year's solve balances every row, `x = A·x + y`.
struct RegionalAccounts: Sendable {
    let year: Int
    let production: [Double], income: [Double], expenditure: [Double]
    /// Compensation of employees per jurisdiction (the labour part of income).
    let compensation: [Double]
    /// GDP at current prices by income: the value of output less the value of purchased inputs,
    /// `Σ_j x_j·(p_j − Σ_i a_ij·p_i − a_RoC,j·P̂ − a_RoW,j·p_RoW)` (docs/MODEL.md §7a); equal to production at current
    /// prices `Σ v_p·x` (`gdp_current_prices`) when the year's price system is solved.
    var nominalIncome: [Double] = []

    static func nominalIncome(context c: RunContext, output x: [Double], trade: TradeStage.Result, prices p: [Double], deflator: Double) throws -> [Double] {
        let s = c.structure.dims.sectors
        let atp = try trade.coefficients.dense().applied(to: p, transposed: true)
        let aRoC = try trade.coefficients.restOfChinaCoefficients(outside: trade.intermediateOutside), aRoW = c.base.trade.restOfWorld
        var out = [Double](repeating: 0, count: c.structure.dims.regions)
        for k in x.indices { out[k / s] += x[k] * (p[k] - atp[k] - (aRoC[k] + aRoW[k]) * deflator) }
        return out
    }

    static func build(
        year: Int, context c: RunContext, output x: [Double], previousOutput: [Double], demand: DemandStage.Result,
        trade: TradeStage.Result, kappa: Double
    ) throws -> RegionalAccounts {
        let cs = c.structure, r = cs.dims.regions, s = cs.dims.sectors, n = cs.dims.industries
        let a = trade.coefficients
        let columnSums = a.columnSums
        let aRoC = try a.restOfChinaCoefficients(outside: trade.intermediateOutside)
        let aRoW = c.base.trade.restOfWorld
        let ax = try a.applied(to: Matrix(column: x)).storage
        // Final demand at the consumer (κ on the rule-based part, amounts as they are), and where it is bought.
        let consumer = demand.consumer.total, extra = demand.amounts.investment
        let atConsumer = try Matrix(column: (0..<n).map { kappa * consumer[$0] + extra[$0] })
        let routed = try InputOutput.routeFinalDemand(atConsumer, routing: trade.routing)
        var production = [Double](repeating: 0, count: r), income = production, expenditure = production, comp = production
        for reg in 0..<r {
            for i in 0..<s {
                let k = reg * s + i
                production[reg] += trade.valueAdded[k] * x[k]
                let inputs = (columnSums[k] + aRoC[k] + aRoW[k]) * x[k]
                income[reg] += x[k] - inputs
                comp[reg] += c.base.compensationCoefficient[k] * x[k]
                let finalHere = atConsumer[k, 0], finalFromRoC = routed.restOfChina[k, 0]
                let exports = kappa * (demand.exportsAbroad[k] + demand.exportsRestOfChina[k]) + demand.amounts.exportsRestOfChina[k]
                let inventories = c.base.inventoryRatio[i] * previousOutput[k]
                // Sales of industry k to every circle buyer (intermediate and final) less what r's buyers take from
                // circle producers (r's intermediate purchases inside the circle, r's final demand less its RoC part).
                let circleSales = ax[k] + routed.producers[k, 0]
                let circlePurchases = columnSums[k] * x[k] + (finalHere - finalFromRoC)
                let outsidePurchases = aRoC[k] * x[k] + finalFromRoC + aRoW[k] * x[k]
                expenditure[reg] += finalHere + inventories + exports + circleSales - circlePurchases - outsidePurchases
            }
        }
        return RegionalAccounts(year: year, production: production, income: income, expenditure: expenditure, compensation: comp)
    }
}
