import BaseData
import Foundation
import MatrixCore
import RegionalModels

/// Local final demand at the consumer, by category (MODEL.md §4), each `n` long (index `s·S + i`),
/// 100m yuan at 2019 prices.
struct ConsumerDemand: Sendable {
    var urbanHouseholds: [Double]
    var ruralHouseholds: [Double]
    var government: [Double]
    var investment: [Double]

    var total: [Double] {
        var t = urbanHouseholds
        for k in 0..<t.count {
            let rest: Double = ruralHouseholds[k] + government[k] + investment[k]
            t[k] += rest
        }
        return t
    }
}

/// The calibrated 2019 economy: regional accounts, the MRIO system and final demand, with the identities
/// `L·y0 = x0` and production GDP = expenditure GDP holding (MODEL.md §2–4).
struct BaseYear: Sendable {
    let dims: MRIODimensions
    /// Gross output `x0[r,i]`, 100m yuan.
    let output: [Double]
    /// Value-added coefficients per industry (the national `v[i]` repeated per region).
    let valueAddedCoefficient: [Double]
    /// Compensation per unit of output per industry.
    let compensationCoefficient: [Double]
    /// Labour requirement, persons per 100m yuan of output, per industry (`l_nat[i]·φ_L`, φ_L = 1).
    let labourCoefficient: [Double]
    let gdp: [Double]
    let population: [Double]
    let urbanShare: [Double]
    let demand: ConsumerDemand
    let exportsAbroad: [Double]
    let exportsRestOfChina: [Double]
    let inventory: [Double]
    /// `inv / x0` per sector (national inventory ratio).
    let inventoryRatio: [Double]
    /// `A` of 2019 as an operator (MODEL.md §11): the calibration never forms the `n × n` matrix.
    let coefficientsOperator: CheneryMosesOperator
    /// `a_RoC` per buying industry.
    let restOfChinaCoefficients: [Double]
    /// The 2019 coefficients as a dense table (`n²` doubles, built on each call: for exports and tests).
    var coefficients: MRIOCoefficients {
        MRIOCoefficients(dimensions: dims, a: coefficientsOperator.dense(), restOfChina: restOfChinaCoefficients)
    }
    let routing: FinalDemandRouting
    let trade: TradeStructure
    /// `y0 = y_loc + EXw + EXc + inv`.
    let finalDemand: [Double]
    /// Per region: investment rate ι = GFCF/GDP, government spending per head, consumption per head.
    let investmentRate: [Double]
    let governmentPerHead: [Double]
    let consumptionPerHeadUrban: [Double]
    let consumptionPerHeadRural: [Double]
    /// National baskets (domestic products, shares of the category's total spending): `b[i]`.
    let basketUrban: [Double], basketRural: [Double], basketGovernment: [Double], basketInvestment: [Double]
    /// Every capped industry, with its φ.
    let capped: [CappedIndustry]
    let fitReached: Int
    let calibrationResidual: Double
    let reciprocalCondition: Double
    let imports: Double

    /// Calibrates the 2019 economy from the base data, in the order of MODEL.md §2–4: regional accounts
    /// (`x0`, GDP), exports abroad and inventories, own-region coefficients (FLQ), the trade pool with the
    /// fitted outside pull, `A` as an operator with the nontradables' cap, local final demand (basket rule,
    /// nontradables fitted from supply), own final-demand shares and the tradables' supply cap, then
    /// `EXc` as the residual, `y0 = y_loc + EXw + EXc + inv`, and the checks `L·y0 = x0` and imports.
    /// - Parameters:
    ///   - freight, passenger: `R × R` travel times (hours) among the jurisdictions in 2019.
    ///   - gatewayFreight, gatewayPassenger: hours from each jurisdiction to the nearest border gateway.
    static func calibrate(
        structure cs: CircleStructure, parameters p: YearParameters, freight: Matrix, passenger: Matrix,
        gatewayFreight: [Double], gatewayPassenger: [Double]
    ) throws -> BaseYear {
        let nat = cs.dataset.nationalTable
        let d = cs.dims, s = d.sectors, n = d.industries
        let xNat = nationalOutput2019(nat)
        let accounts = regionalAccounts(structure: cs)
        let x0 = accounts.output
        let sales = producerSales(structure: cs, accounts: accounts)
        var own = try ownRegion(structure: cs, parameters: p, output: x0, sales: sales, nationalOutput: xNat)
        own.blocks = cappingOwnIntermediateUse(own.blocks, structure: cs, parameters: p, output: x0, sales: sales)
        let pool = try tradePool(
            structure: cs, parameters: p, output: x0, own: own.blocks, nationalOutput: xNat, freight: freight,
            passenger: passenger, gatewayFreight: gatewayFreight, gatewayPassenger: gatewayPassenger)
        let blocks = try CheneryMosesOperator.Blocks(domestic: nat.domesticCoefficients, own: own.blocks)
        var system = try nontradableCappedSystem(
            blocks: blocks, pool: pool, ownShare: own.finalDemandShare, structure: cs, output: x0, sales: sales)
        let baskets = nationalBaskets(nat)
        var local = localFinalDemand(structure: cs, parameters: p, gdp: accounts.gdp, baskets: baskets)
        local.demand = try fittingNontradableDemand(local.demand, operator: system.op, structure: cs, output: x0, sales: sales)
        let fdOwn = cappingOwnFinalDemandShares(
            own.finalDemandShare, own: own.blocks, consumerTotal: local.demand.total, structure: cs, parameters: p,
            output: x0, sales: sales)
        if fdOwn.adjusted > 0 { system.routing = try InputOutput.finalDemandRouting(ownShare: fdOwn.shares, shares: pool.shares) }
        system = try cappingTradables(
            system, consumerDemand: local.demand.total, structure: cs, parameters: p, output: x0, sales: sales)
        let yLoc = try InputOutput.routeFinalDemand(Matrix(column: local.demand.total), routing: system.routing).producers.storage
        let exc = try exportsToRestOfChina(operator: system.op, localFinalDemand: yLoc, structure: cs, output: x0, sales: sales)
        let y0 = (0..<n).map { yLoc[$0] + sales.exportsAbroad[$0] + exc[$0] + sales.inventory[$0] }
        let check = try leontiefCheck(operator: system.op, finalDemand: y0, output: x0, dimensions: d)
        let aRoW = try InputOutput.foreignImportCoefficients(imported: nat.importCoefficients, scale: p.importScale)
        let aRoWn = (0..<n).map { aRoW[$0 % s] }
        let trade = TradeStructure(
            dims: d, aDomestic: nat.domesticCoefficients, own: own.blocks, blocks: blocks, omega: pool.omega, eta: pool.eta,
            timeIndexOfSector: pool.timeIndex, finalDemandOwnShare: fdOwn.shares, restOfWorld: aRoWn, capped: system.capped,
            restOfChinaOutput2019: pool.restOfChinaOutput)
        return BaseYear(
            dims: d, output: x0, valueAddedCoefficient: (0..<n).map { nat.valueAddedCoefficients[$0 % s] },
            compensationCoefficient: (0..<n).map { nat.compensationCoefficients[$0 % s] },
            labourCoefficient: (0..<n).map { cs.dataset.labour.labourCoefficientsPersonsPer10kYuan[$0 % s] * 1e4 },
            gdp: accounts.gdp, population: local.population, urbanShare: local.urbanShare, demand: local.demand,
            exportsAbroad: sales.exportsAbroad, exportsRestOfChina: exc, inventory: sales.inventory,
            inventoryRatio: sales.inventoryRatio, coefficientsOperator: system.op,
            restOfChinaCoefficients: try system.op.restOfChinaCoefficients(outside: pool.shares.outside),
            routing: system.routing, trade: trade, finalDemand: y0, investmentRate: local.investmentRate,
            governmentPerHead: local.governmentPerHead, consumptionPerHeadUrban: local.consumptionPerHeadUrban,
            consumptionPerHeadRural: local.consumptionPerHeadRural, basketUrban: baskets.urban, basketRural: baskets.rural,
            basketGovernment: baskets.government, basketInvestment: baskets.investment, capped: system.capped,
            fitReached: pool.fitReached, calibrationResidual: check.residual, reciprocalCondition: check.reciprocalCondition,
            imports: imports(restOfWorld: aRoWn, output: x0, demand: local.demand, baskets: baskets, dimensions: d))
    }
}

