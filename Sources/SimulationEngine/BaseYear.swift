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

    /// Calibrates the 2019 economy from the base data.
    /// - Parameters:
    ///   - freight, passenger: `R × R` travel times (hours) among the jurisdictions in 2019.
    ///   - gatewayFreight, gatewayPassenger: hours from each jurisdiction to the nearest border gateway.
    static func calibrate(
        structure cs: CircleStructure, parameters p: YearParameters, freight: Matrix, passenger: Matrix,
        gatewayFreight: [Double], gatewayPassenger: [Double]
    ) throws -> BaseYear {
        let ds = cs.dataset
        let nat = ds.nationalTable
        let d = cs.dims, r = d.regions, s = d.sectors, n = d.industries
        let scale = BaseDataset.nationalScaling2018To2019 / 1e4  // 10,000 yuan (2018) → 100m yuan (2019)
        let aDom = nat.domesticCoefficients, aImp = nat.importCoefficients
        let v = nat.valueAddedCoefficients
        let xNat = nat.grossOutput.map { $0 * scale }
        let vaNat = nat.valueAdded
        // Regional accounts: VA[r,i] = VA_broad[r,b(i)]·VA_nat[i]/Σ_{k∈b} VA_nat[k] (tilt = 1); x0 = VA/v.
        var broadTotal: [BroadSector: Double] = [:]
        for (i, sec) in nat.sectors.enumerated() { broadTotal[sec.broadSector, default: 0] += vaNat[i] }
        var x0 = [Double](repeating: 0, count: n), gdp = [Double](repeating: 0, count: r)
        for (reg, j) in cs.jurisdictions.enumerated() {
            // Published three-sector splits are rounded (成都: 612.2 + 5,244.6 + 11,155.9 = 17,012.7 against a
            // GDP of 17,012.65): scale them to the jurisdiction's GDP so that Σ VA = GDP exactly.
            let broadSum = BroadSector.allCases.reduce(0.0) { $0 + j.valueAdded2019HundredMillionYuan($1).value }
            let toGDP = broadSum > 0 ? j.gdp2019HundredMillionYuan.value / broadSum : 0
            for (i, sec) in nat.sectors.enumerated() {
                let vaBroad = j.valueAdded2019HundredMillionYuan(sec.broadSector).value * toGDP
                let va = vaBroad * vaNat[i] / broadTotal[sec.broadSector]!
                x0[d.index(region: reg, sector: i)] = v[i] > 0 ? va / v[i] : 0
                gdp[reg] += va
            }
        }
        // Producer-side ratios at national rates.
        let exportIntensity = (0..<s).map { nat.grossOutput[$0] > 0 ? nat.domesticFinalDemand.exports[$0] / nat.grossOutput[$0] : 0 }
        let inventoryRatio = (0..<s).map { nat.grossOutput[$0] > 0 ? max(nat.domesticFinalDemand.inventoryChange[$0], 0) / nat.grossOutput[$0] : 0 }
        var exw = (0..<n).map { x0[$0] * exportIntensity[$0 % s] }
        // Chongqing's 2019 exports where the data have them, shared by the circle part's GDP.
        if let cqExports = ds.provinceContext.value(region: "chongqing", indicator: "exports_100m_yuan", year: 2019), cqExports > 0,
           let cqGDP = ds.provinceContext.value(region: "chongqing", indicator: "gdp_100m_yuan", year: 2019) {
            let cqRegions = (0..<r).filter { cs.jurisdictions[$0].province == .chongqing }
            let circleCQGDP = cqRegions.reduce(0.0) { $0 + gdp[$1] }
            let modelled = cqRegions.reduce(0.0) { acc, reg in acc + (0..<s).reduce(0.0) { $0 + exw[d.index(region: reg, sector: $1)] } }
            let target = cqExports * circleCQGDP / cqGDP
            if modelled > 0 { for reg in cqRegions { for i in 0..<s { exw[d.index(region: reg, sector: i)] *= target / modelled } } }
        }
        let inv = (0..<n).map { x0[$0] * inventoryRatio[$0 % s] }
        // Own-region coefficients: location quotients against 2019 national output.
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
        // Own intermediate use of a tradable may not exceed (1 − ε)·x0 − EXw − inv: with λ near 1 (SLQ, CILQ or
        // a small δ) a large local buyer next to a small local producer would be "sold" more than it makes.
        // Such rows of A[ss] are scaled down; the rest is bought through the trade pool (MODEL.md §4 spirit).
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
        // Trade pool and outside pull; ω fitted to the circle inflow share of domestic intermediates.
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
        let target = (0..<s).map { cs.nontradable[$0] ? 0 : p.circleInflowShare }
        let fit = try InputOutput.fitOutsidePull(
            dimensions: d, gravity: w, outsideBase: base, remainderDemand: remainder, domesticDemand: domestic, target: target)
        let omega = (0..<s).map { cs.nontradable[$0] ? 0 : fit.omega[$0] }
        let eFitted = try InputOutput.outsidePull(
            dimensions: d, omega: omega, restOfChinaOutput: rocOutput, gatewayTimeHours: gw, offsetHours: p.t0, decay: eta)
        let shares = try InputOutput.cheneryMosesShares(dimensions: d, gravity: w, outsidePull: eFitted)
        // A as an operator (never formed): O(R·S² + R²·S) per product (MODEL.md §11).
        let blocks = try CheneryMosesOperator.Blocks(domestic: aDom, own: own)
        var op = try CheneryMosesOperator(blocks: blocks, shares: shares)
        var routing = try InputOutput.finalDemandRouting(ownShare: fdOwn, shares: shares)
        // Nontradables first: their spill-over sales to other jurisdictions may not exceed what is left after
        // own intermediate use, EXw and inventories (ε = 0, no final demand yet: it is fitted from supply).
        let ntCapped = try op.supplyCaps(
            routing: routing, consumerDemand: [Double](repeating: 0, count: n), grossOutput: x0,
            exportsAbroad: exw, inventory: inv, tradable: cs.nontradable, epsilon: 0)
        op = op.capping(ntCapped)
        routing = TradeBuilder.applyStoredCaps(ntCapped, routing: routing)
        // Local final demand at the consumer: national baskets of domestic products scaled to the provinces'
        // expenditure shares of GDP; household spending split urban/rural by the per-head ratio.
        let dfd = nat.domesticFinalDemand, ifd = nat.importedFinalDemand
        func basket(_ dom: [Double], _ imp: [Double]) -> [Double] {
            let total = dom.reduce(0, +) + imp.reduce(0, +)
            return dom.map { total > 0 ? max($0, 0) / total : 0 }
        }
        let bU = basket(dfd.urbanHouseholds, ifd.urbanHouseholds), bR = basket(dfd.ruralHouseholds, ifd.ruralHouseholds)
        let bG = basket(dfd.government, ifd.government), bI = basket(dfd.grossFixedCapitalFormation, ifd.grossFixedCapitalFormation)
        let natHH = (dfd.urbanHouseholds + dfd.ruralHouseholds + ifd.urbanHouseholds + ifd.ruralHouseholds).reduce(0, +)
        let natG = (dfd.government + ifd.government).reduce(0, +)
        let govShareOfConsumption = natG / (natHH + natG)
        var demand = ConsumerDemand(
            urbanHouseholds: .init(repeating: 0, count: n), ruralHouseholds: .init(repeating: 0, count: n),
            government: .init(repeating: 0, count: n), investment: .init(repeating: 0, count: n))
        var iota = [Double](repeating: 0, count: r), gpc = iota, cU = iota, cR = iota
        let pop = cs.jurisdictions.map(\.population2019Persons.value)
        let u0 = cs.jurisdictions.map(\.urbanShare2019Fraction.value)
        for (reg, j) in cs.jurisdictions.enumerated() {
            let prov = j.province.rawValue
            let fc = ds.provinceContext.value(region: prov, indicator: "final_consumption_share_of_gdp_fraction", year: 2019) ?? 0.5377
            let gfcf = ds.provinceContext.value(region: prov, indicator: "gfcf_share_of_gdp_fraction", year: 2019) ?? 0.4422
            let consumption = fc * gdp[reg] * 1e8  // yuan
            let household = consumption * (1 - govShareOfConsumption)
            let ratio = p.urbanRuralConsumptionRatio
            let cRural = household / (pop[reg] * (ratio * u0[reg] + (1 - u0[reg])))
            cR[reg] = cRural
            cU[reg] = ratio * cRural
            gpc[reg] = consumption * govShareOfConsumption / pop[reg]
            iota[reg] = gfcf
            for i in 0..<s {
                let k = d.index(region: reg, sector: i)
                demand.urbanHouseholds[k] = pop[reg] * u0[reg] * cU[reg] * bU[i] / 1e8
                demand.ruralHouseholds[k] = pop[reg] * (1 - u0[reg]) * cR[reg] * bR[i] / 1e8
                demand.government[k] = gpc[reg] * pop[reg] * bG[i] / 1e8
                demand.investment[k] = gfcf * gdp[reg] * bI[i]
            }
        }
        // Nontradables are local first: their final demand is fitted from supply, F0 = x0 − A·x0 − EXw − inv,
        // split across categories in proportion to the basket rule (MODEL.md §4).
        let ax = try op.applied(to: Matrix(column: x0)).storage
        for reg in 0..<r {
            for i in 0..<s where cs.nontradable[i] {
                let k = d.index(region: reg, sector: i)
                let f0 = max(x0[k] - ax[k] - exw[k] - inv[k], 0)
                let rule = demand.urbanHouseholds[k] + demand.ruralHouseholds[k] + demand.government[k] + demand.investment[k]
                if rule > 0 {
                    let q = f0 / rule
                    demand.urbanHouseholds[k] *= q; demand.ruralHouseholds[k] *= q; demand.government[k] *= q; demand.investment[k] *= q
                } else {
                    demand.urbanHouseholds[k] = f0  // no rule: attribute to households
                }
            }
        }
        // Own-region supply of local final demand may not exceed what a tradable cell has left after its own
        // intermediate use: where min(SLQ·λ, 1) would sell more locally than (1 − ε)·x0 − EXw − inv (λ near
        // 1, e.g. SLQ or small δ), the own share is lowered to fit and the rest is bought through the pool.
        var ownIntermediate = [Double](repeating: 0, count: n)
        for reg in 0..<r {
            for j in 0..<s {
                let col = reg * s + j
                let xj = x0[col]
                if xj == 0 { continue }
                for i in 0..<s { ownIntermediate[reg * s + i] += own[reg][i, j] * xj }
            }
        }
        let consumerTotal = demand.total
        var adjustedOwn = 0
        for k in 0..<n where !cs.nontradable[k % s] && consumerTotal[k] > 0 {
            let cap = (1 - p.supplyCapEpsilon) * x0[k] - exw[k] - inv[k]
            if ownIntermediate[k] + fdOwn[k] * consumerTotal[k] > cap {
                fdOwn[k] = max(0, min(fdOwn[k], (cap - ownIntermediate[k]) / consumerTotal[k]))
                adjustedOwn += 1
            }
        }
        if adjustedOwn > 0 { routing = try InputOutput.finalDemandRouting(ownShare: fdOwn, shares: shares) }
        // Supply cap for tradables (MODEL.md §4), then exports to the rest of China as the residual.
        let tradable = cs.nontradable.map { !$0 }
        let tradableCapped = try op.supplyCaps(
            routing: routing, consumerDemand: demand.total, grossOutput: x0, exportsAbroad: exw,
            inventory: inv, tradable: tradable, epsilon: p.supplyCapEpsilon)
        op = op.capping(tradableCapped)
        routing = TradeBuilder.applyStoredCaps(tradableCapped, routing: routing)
        let allCapped = ntCapped + tradableCapped
        let routed = try InputOutput.routeFinalDemand(Matrix(column: demand.total), routing: routing)
        let yLoc = routed.producers.storage
        // EXc = x0 − A·x0 − y_loc − EXw − inv (MODEL.md §4), with A·x0 from the operator.
        let ax0 = try op.applied(to: Matrix(column: x0)).storage
        var exc = [Double](repeating: 0, count: n)
        for k in 0..<n {
            let sold: Double = ax0[k] + yLoc[k]
            exc[k] = x0[k] - sold - exw[k] - inv[k]
        }
        for k in 0..<n where exc[k] < 0 {
            guard exc[k] > -1e-9 * max(x0[k], 1) else {
                throw SimulationError.numerical("exports to the rest of China negative (\(exc[k])) for \(cs.ids[k / s]):\(cs.sectors[k % s].id) after the supply cap")
            }
            exc[k] = 0
        }
        let y0 = (0..<n).map { yLoc[$0] + exw[$0] + exc[$0] + inv[$0] }
        // L·y0 = x0, checked as a solve: x from GMRES on (I − A)·x = y0, then ‖x − x0‖/‖x0‖.
        var solver = LeontiefOperatorSolver(dimensions: d)
        let xCheck = try solver.solve(op, Matrix(column: y0)).storage
        var num = 0.0, den = 0.0
        for k in 0..<n {
            let e: Double = xCheck[k] - x0[k]
            num += e * e
            den += x0[k] * x0[k]
        }
        let residual = num.squareRoot() / den.squareRoot()
        // Condition: L ≥ 0, so ‖L‖₁ = max(Lᵀ·1) exactly (one transposed solve); ‖I − A‖₁ from column sums.
        let lColumnSums = try solver.solve(op, Matrix(column: [Double](repeating: 1, count: n)), transposed: true).storage
        let lOneNorm: Double = lColumnSums.max() ?? 1
        let reciprocalCondition: Double = 1 / (op.leontiefOneNorm * lOneNorm)
        let aRoW = try InputOutput.foreignImportCoefficients(imported: aImp, scale: p.importScale)
        let aRoWn = (0..<n).map { aRoW[$0 % s] }
        // Imports: intermediate (a_RoW·x) plus the imported part of final demand (1 − Σ basket) per category.
        var imports = 0.0
        for k in 0..<n { imports += aRoWn[k] * x0[k] }
        let leakU = 1 - bU.reduce(0, +), leakR = 1 - bR.reduce(0, +), leakG = 1 - bG.reduce(0, +), leakI = 1 - bI.reduce(0, +)
        for reg in 0..<r {
            let rows = (reg * s)..<((reg + 1) * s)
            let sum = { (v: [Double]) in rows.reduce(0.0) { $0 + v[$1] } }
            let bsum = { (b: [Double]) in b.reduce(0, +) }
            imports += sum(demand.urbanHouseholds) / bsum(bU) * leakU + sum(demand.ruralHouseholds) / bsum(bR) * leakR
                + sum(demand.government) / bsum(bG) * leakG + sum(demand.investment) / bsum(bI) * leakI
        }
        let trade = TradeStructure(
            dims: d, aDomestic: aDom, own: own, blocks: blocks, omega: omega, eta: eta, timeIndexOfSector: timeIndex,
            finalDemandOwnShare: fdOwn, restOfWorld: aRoWn, capped: allCapped, restOfChinaOutput2019: rocOutput)
        let lab = (0..<n).map { ds.labour.labourCoefficientsPersonsPer10kYuan[$0 % s] * 1e4 }
        return BaseYear(
            dims: d, output: x0, valueAddedCoefficient: (0..<n).map { v[$0 % s] },
            compensationCoefficient: (0..<n).map { nat.compensationCoefficients[$0 % s] }, labourCoefficient: lab,
            gdp: gdp, population: pop, urbanShare: u0, demand: demand, exportsAbroad: exw, exportsRestOfChina: exc,
            inventory: inv, inventoryRatio: inventoryRatio,
            coefficientsOperator: op, restOfChinaCoefficients: try op.restOfChinaCoefficients(outside: shares.outside),
            routing: routing, trade: trade,
            finalDemand: y0, investmentRate: iota, governmentPerHead: gpc, consumptionPerHeadUrban: cU,
            consumptionPerHeadRural: cR, basketUrban: bU, basketRural: bR, basketGovernment: bG, basketInvestment: bI,
            capped: allCapped, fitReached: fit.reached.filter { $0 }.count, calibrationResidual: residual,
            reciprocalCondition: reciprocalCondition,
            imports: imports)
    }
}

private func + (a: [Double], b: [Double]) -> [Double] { zip(a, b).map { $0 + $1 } }
