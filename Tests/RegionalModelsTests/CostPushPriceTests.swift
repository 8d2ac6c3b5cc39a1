import Foundation
import MatrixCore
import RegionalModels
import TestFixtures
import Testing

/// The cost-push price model (MODEL-v3 §4.4, §6.2; Miller & Blair 2009 §2.6) on the matrix-free operator:
/// column closure, a dense LU reference, homogeneity, zero shock and a hand-worked 2 × 2 example.
@Suite("Cost-push prices, unit costs and price indices")
struct CostPushPriceTests {
    /// A closed system: `1ᵀA + a_RoC + a_RoW + v = 1` per column by construction.
    struct Closed {
        let d: MRIODimensions
        let op: CheneryMosesOperator
        let aRoC: [Double], aRoW: [Double], v: [Double]
        let routing: FinalDemandRouting
        let labourShare: [Double]
    }

    /// The shared synthetic operator (TestFixtures) with a supply cap and `f = 0.97`, foreign imports
    /// `a_RoW ∈ [0, 0.1)` and `v` closing every column (≥ 0.35 since the domestic column sums are 0.55).
    static func closed(regions r: Int, sectors s: Int, seed: UInt64) throws -> Closed {
        let m = try SyntheticMRIO(regions: r, sectors: s, seed: seed)
        let caps = [CappedIndustry(region: 0, sector: 1, phi: 0.4, salesBefore: 1, cap: 1)]
        let op = try m.coefficientsOperator(capped: caps, scale: 0.97)
        let n = m.dimensions.industries
        let aRoC = try op.restOfChinaCoefficients(outside: m.shares.outside)
        var rng = SplitMix64(seed: seed &+ 100)
        let aRoW = (0..<n).map { _ in 0.1 * rng.nextUniform() }
        let sums = op.columnSums
        let v = (0..<n).map { 1 - sums[$0] - aRoC[$0] - aRoW[$0] }
        let routing = try InputOutput.finalDemandRouting(ownShare: (0..<n).map { _ in 0.3 + 0.5 * rng.nextUniform() }, shares: m.shares)
        let shares = (0..<s).map { _ in 0.3 + 0.4 * rng.nextUniform() }
        return Closed(d: m.dimensions, op: op, aRoC: aRoC, aRoW: aRoW, v: v, routing: routing, labourShare: shares)
    }

    /// Random cost indices around 1 (seeded).
    static func shockedCosts(_ c: Closed, seed: UInt64) -> UnitCostInputs {
        var rng = SplitMix64(seed: seed)
        let r = c.d.regions
        return UnitCostInputs(
            wageIndex: (0..<r).map { _ in 0.9 + 0.4 * rng.nextUniform() }, capitalCostIndex: 1.04,
            tfpIndex: (0..<r).map { _ in 0.95 + 0.15 * rng.nextUniform() }, utilisation: (0..<r).map { _ in 0.9 + 0.2 * rng.nextUniform() },
            labourShare: c.labourShare)
    }

    static func inputs(_ c: Closed, costs: UnitCostInputs, deflator: Double, importPrice: Double) throws -> CostPushInputs {
        let unit = try UnitValueAddedCost.unitCosts(costs, dimensions: c.d, utilisationElasticity: 0.3)
        let vp = try UnitValueAddedCost.nominalValueAddedCoefficients(valueAdded: c.v, unitCosts: unit)
        return CostPushInputs(restOfChina: c.aRoC, restOfWorld: c.aRoW, nominalValueAdded: vp, nationalDeflator: deflator, importPrice: importPrice)
    }

    @Test("Unit indices give p = 1 to 1e-12 from a cold start (synthetic 3 × 4, 12 × 9, 42 × 42), and p_F = CPI = 1", arguments: [(3, 4), (12, 9), (42, 42)])
    func unitIndices(size: (Int, Int)) throws {
        let c = try Self.closed(regions: size.0, sectors: size.1, seed: 17)
        for e in try CostPushPriceModel.closureResiduals(c.op, restOfChina: c.aRoC, restOfWorld: c.aRoW, valueAdded: c.v) {
            #expect(abs(e) < 1e-15)
        }
        let base = UnitCostInputs.base(regions: c.d.regions, labourShare: c.labourShare)
        var model = CostPushPriceModel(dimensions: c.d)
        model.prices = [Double](repeating: 0, count: c.d.industries)  // cold: the full system, not a defect
        var solver = LeontiefOperatorSolver(dimensions: c.d)
        let p = try model.solve(c.op, Self.inputs(c, costs: base, deflator: 1, importPrice: 1), solver: &solver)
        #expect(p.map { abs($0 - 1) }.max()! < 1e-12)
        let pF = try PriceIndices.deliveredPrices(
            prices: p, routing: c.routing, foreignImportShare: [Double](repeating: 0.2, count: c.d.industries), nationalDeflator: 1, importPrice: 1)
        #expect(pF.map { abs($0 - 1) }.max()! < 1e-12)
        let budget = [Double](repeating: 1 / Double(c.d.sectors), count: c.d.sectors)
        let cpi = try PriceIndices.consumerPriceIndices(deliveredPrices: pF, budgetShares: budget, dimensions: c.d)
        #expect(cpi.map { abs($0 - 1) }.max()! < 1e-12)
    }

    @Test("The matrix-free solve equals a dense LU solve of (I − Aᵀ)p = rhs to 1e-10, cold and warm")
    func matchesDenseLU() throws {
        let c = try Self.closed(regions: 6, sectors: 5, seed: 3)
        let n = c.d.industries
        var iMinusA = -c.op.dense()
        for k in 0..<n { iMinusA[k, k] += 1 }
        let lu = try LUFactorization(factoring: iMinusA)
        var model = CostPushPriceModel(dimensions: c.d)
        var solver = LeontiefOperatorSolver(dimensions: c.d)
        for (year, seed) in [UInt64(5), 6, 7].enumerated() {
            let inputs = try Self.inputs(c, costs: Self.shockedCosts(c, seed: seed), deflator: 1 + 0.03 * Double(year), importPrice: 0.9)
            let got = try model.solve(c.op, inputs, solver: &solver)
            let want = try lu.solveTransposed(inputs.rightHandSide(industries: n))
            for k in 0..<n { #expect(abs(got[k] - want[k]) <= 1e-10 * abs(want[k]), "year \(year), industry \(k)") }
            #expect(want.map { abs($0 - 1) }.max()! > 0.01)  // a real shock, not the unit solution
        }
    }

    @Test("Homogeneity: doubling P̂, p_RoW, wages (through the wage curve) and ĉ_K doubles every p; relative prices unchanged (1e-10)")
    func homogeneity() throws {
        let c = try Self.closed(regions: 8, sectors: 6, seed: 9)
        var rng = SplitMix64(seed: 2)
        let r = c.d.regions
        let w2019 = (0..<r).map { _ in 50 + 50 * rng.nextUniform() }
        let uRatio = (0..<r).map { _ in 0.8 + 0.4 * rng.nextUniform() }
        func solve(_ k: Double) throws -> [Double] {
            // Nominal paths × k from 2020 on: P̂(2019) = 1 stays, P̂(2020) = 1.05·k; w(2019) stays.
            let deflator = 1.05 * k
            var costs = Self.shockedCosts(c, seed: 11)
            costs.capitalCostIndex *= k
            costs.wageIndex = try (0..<r).map { reg in
                let target = try WageCurve.targetWage(
                    wage2019: w2019[reg], deflator: deflator, potentialOutputPerWorker: 1.1, potentialOutputPerWorker2019: 1,
                    unemployment: 0.04 * uRatio[reg], unemployment2019: 0.04, elasticity: -0.1)
                let w = try WageCurve.adjustedWage(target: target, previousWage: w2019[reg], deflator: deflator, previousDeflator: 1, adjustment: 0.7)
                return w / w2019[reg]
            }
            var model = CostPushPriceModel(dimensions: c.d)
            var solver = LeontiefOperatorSolver(dimensions: c.d)
            return try model.solve(c.op, Self.inputs(c, costs: costs, deflator: deflator, importPrice: 0.97 * k), solver: &solver)
        }
        let p1 = try solve(1), p2 = try solve(2)
        for k in 0..<p1.count {
            #expect(abs(p2[k] - 2 * p1[k]) <= 1e-10 * p1[k])
            #expect(abs(p2[k] / p2[0] - p1[k] / p1[0]) <= 1e-10)
        }
    }

    @Test("Zero shock: cost factors 1 and zero price changes reproduce the baseline p, p_F and CPI to 1e-12")
    func zeroShock() throws {
        let c = try Self.closed(regions: 7, sectors: 5, seed: 21)
        let baseCosts = Self.shockedCosts(c, seed: 4)
        let budget = (0..<c.d.sectors).map { Double($0 + 1) / Double(c.d.sectors * (c.d.sectors + 1) / 2) }
        func run(_ costs: UnitCostInputs, deflatorShift: Double) throws -> (p: [Double], cpi: [Double]) {
            var model = CostPushPriceModel(dimensions: c.d)
            var solver = LeontiefOperatorSolver(dimensions: c.d)
            _ = try model.solve(c.op, Self.inputs(c, costs: baseCosts, deflator: 1.02, importPrice: 1.1), solver: &solver)  // last year
            let p = try model.solve(c.op, Self.inputs(c, costs: costs, deflator: 1.04 + deflatorShift, importPrice: 1.1), solver: &solver)
            let pF = try PriceIndices.deliveredPrices(prices: p, routing: c.routing, nationalDeflator: 1.04 + deflatorShift, importPrice: 1.1)
            return (p, try PriceIndices.consumerPriceIndices(deliveredPrices: pF, budgetShares: budget, dimensions: c.d))
        }
        let baseline = try run(baseCosts, deflatorShift: 0)
        var lever = baseCosts
        lever.wageIndex = lever.wageIndex.map { $0 * 1 }
        lever.tfpIndex = lever.tfpIndex.map { $0 * 1 }
        let shocked = try run(lever, deflatorShift: 0)
        for k in 0..<baseline.p.count { #expect(abs(shocked.p[k] - baseline.p[k]) <= 1e-12) }
        for k in 0..<baseline.cpi.count { #expect(abs(shocked.cpi[k] - baseline.cpi[k]) <= 1e-12) }
        // …and the same check can fail: a 1 % deflator shift moves every price.
        let moved = try run(baseCosts, deflatorShift: 0.01)
        #expect(zip(moved.p, baseline.p).map { $0 - $1 }.min()! > 1e-6)
    }

    /// Hand example, R = 2, S = 2, industries ordered (1,1), (1,2), (2,1), (2,2):
    ///
    ///     A_dom = [0.2 0.3; 0 0.2], own_1 = [0.1 0.1; 0 0.2] (m_1 = [0.1 0.2; 0 0]), own_2 = A_dom (m_2 = 0),
    ///     shares t[2→1,i] = o[1,i] = 0.5 (gravity 1, outside pull 1).
    ///
    /// Column sums of A: (1,1) 0.1 + 0.05 = 0.15, a_RoC = 0.5·0.1 = 0.05; (1,2) 0.1 + 0.2 + 0.1 = 0.4,
    /// a_RoC = 0.5·0.2 = 0.1; (2,1) 0.2, (2,2) 0.5, a_RoC = 0. a_RoW = 0.1 everywhere, so v = (0.7, 0.4, 0.7, 0.4).
    /// Shock: p_RoW = 1.5, P̂ = 1; region 1's wage index 1.21 with s_j = 0.5, ĉ_K = Â = CU = 1, so
    /// c[1,·] = 1.21^0.5 = 1.1 and v_p = (0.77, 0.44, 0.7, 0.4). rhs = a_RoC + 0.15 + v_p = (0.97, 0.69, 0.85, 0.55).
    /// Aᵀ is block lower triangular here, so by substitution:
    ///
    ///     p21 = 0.85/0.8                              = 1.0625
    ///     p22 = (0.3·p21 + 0.55)/0.8 = 0.86875/0.8    = 1.0859375
    ///     p11 = (0.05·p21 + 0.97)/0.9 = 1.023125/0.9  = 1637/1440
    ///     p12 = (0.1·p11 + 0.1·p21 + 0.69)/0.8        = 13103/11520
    ///
    /// Region 1's GDP deflator is c = 1.1; its delivered price of good 1 with own share 0.5 (so h[2→1] = 0.25,
    /// h_RoC = 0.25) and foreign share m = 0.2: 0.8·(0.5·1637/1440 + 0.25·1.0625 + 0.25) + 0.2·1.5.
    @Test("Hand example, 2 regions × 2 sectors: prices, deflator and a delivered price as worked in the comment (1e-12)")
    func handExample() throws {
        let d = MRIODimensions(regions: 2, sectors: 2)
        let aDom = try Matrix([[0.2, 0.3], [0, 0.2]])
        let own = [try Matrix([[0.1, 0.1], [0, 0.2]]), aDom]
        var gravity = Matrix(rows: 2, columns: 4, repeating: 1)
        for k in 0..<4 { gravity[k / 2, k] = 0 }
        let shares = try InputOutput.cheneryMosesShares(dimensions: d, gravity: gravity, outsidePull: [1, 1, 1, 1])
        let op = try CheneryMosesOperator(domestic: aDom, own: own, shares: shares)
        let aRoC = try op.restOfChinaCoefficients(outside: shares.outside)
        let aRoW = [0.1, 0.1, 0.1, 0.1], v = [0.7, 0.4, 0.7, 0.4]
        for (x, y) in zip(aRoC, [0.05, 0.1, 0, 0]) { #expect(abs(x - y) < 1e-15) }
        for e in try CostPushPriceModel.closureResiduals(op, restOfChina: aRoC, restOfWorld: aRoW, valueAdded: v) { #expect(abs(e) < 1e-15) }
        let costs = UnitCostInputs(wageIndex: [1.21, 1], capitalCostIndex: 1, tfpIndex: [1, 1], utilisation: [1, 1], labourShare: [0.5, 0.5])
        let c = try UnitValueAddedCost.unitCosts(costs, dimensions: d, utilisationElasticity: 0.3)
        let vp = try UnitValueAddedCost.nominalValueAddedCoefficients(valueAdded: v, unitCosts: c)
        for (x, y) in zip(vp, [0.77, 0.44, 0.7, 0.4]) { #expect(abs(x - y) < 1e-15) }
        var model = CostPushPriceModel(dimensions: d)
        var solver = LeontiefOperatorSolver(dimensions: d)
        let inputs = CostPushInputs(restOfChina: aRoC, restOfWorld: aRoW, nominalValueAdded: vp, nationalDeflator: 1, importPrice: 1.5)
        let p = try model.solve(op, inputs, solver: &solver)
        for (x, y) in zip(p, [1637.0 / 1440, 13103.0 / 11520, 1.0625, 1.0859375]) { #expect(abs(x - y) < 1e-12) }
        let deflators = try PriceIndices.gdpDeflators(valueAdded: v, nominalValueAdded: vp, grossOutput: [10, 20, 30, 40], dimensions: d)
        #expect(abs(deflators[0]! - 1.1) < 1e-12)
        #expect(abs(deflators[1]! - 1) < 1e-15)
        let routing = try InputOutput.finalDemandRouting(ownShare: [0.5, 0.5, 0.5, 0.5], shares: shares)
        let pF = try PriceIndices.deliveredPrices(prices: p, routing: routing, foreignImportShare: [0.2, 0.2, 0.2, 0.2], nationalDeflator: 1, importPrice: 1.5)
        #expect(abs(pF[0] - (0.8 * (0.5 * 1637 / 1440 + 0.25 * 1.0625 + 0.25) + 0.2 * 1.5)) < 1e-12)
    }
}

/// The wage curve, unit costs and the deflator (MODEL-v3 §4.4).
@Suite("Wage curve and unit value-added cost")
struct WageCurveTests {
    @Test("U at its 2019 value and y* unchanged: w* = w2019·P̂, and the partial adjustment keeps it for any φ_w (1e-12)")
    func wageAtBase() throws {
        for phi in [1.0, 0.7, 0.5] {
            let target = try WageCurve.targetWage(
                wage2019: 80, deflator: 1.12, potentialOutputPerWorker: 3.4, potentialOutputPerWorker2019: 3.4,
                unemployment: 0.05, unemployment2019: 0.05, elasticity: -0.1)
            #expect(abs(target - 80 * 1.12) < 1e-12)
            let w = try WageCurve.adjustedWage(target: target, previousWage: 80 * 1.07, deflator: 1.12, previousDeflator: 1.07, adjustment: phi)
            #expect(abs(w - 80 * 1.12) < 1e-12)
        }
    }

    @Test("Elasticity sign and size: U up 10 % lowers w* by the factor 1.1^(−0.1); y* up 5 % raises it 5 %; φ_w = 0.5 is the geometric mean")
    func wageElasticity() throws {
        func target(u: Double, y: Double) throws -> Double {
            try WageCurve.targetWage(
                wage2019: 1, deflator: 1, potentialOutputPerWorker: y, potentialOutputPerWorker2019: 1, unemployment: u, unemployment2019: 0.04,
                elasticity: PriceParameters().unemploymentElasticity)
        }
        let higherU = try target(u: 0.044, y: 1)
        #expect(higherU < 1)
        #expect(abs(higherU - 0.9905142582145218) < 1e-12)  // 1.1^−0.1 = exp(−0.1·ln 1.1)
        #expect(try target(u: 0.036, y: 1) > 1)
        #expect(abs(try target(u: 0.04, y: 1.05) - 1.05) < 1e-12)
        let w = try WageCurve.adjustedWage(target: 1.21, previousWage: 1, deflator: 1, previousDeflator: 1, adjustment: 0.5)
        #expect(abs(w - 1.1) < 1e-12)
        #expect(abs(try WageCurve.potentialOutputPerWorker(potentialOutput: 95, labourForce: 100, unemployment2019: 0.05) - 1) < 1e-15)
        #expect(throws: InputOutputError.self) { try target(u: 0, y: 1) }
    }

    @Test("Unit cost: 1 at unit indices; ŵ = 1.21, s = 0.5 gives 1.1; Â divides; CU^ε_CU; degree 1 in (ŵ, ĉ_K) (1e-12)")
    func unitCost() throws {
        let d = MRIODimensions(regions: 3, sectors: 2)
        let shares = [0.5, 0.25]
        let base = try UnitValueAddedCost.unitCosts(.base(regions: 3, labourShare: shares), dimensions: d, utilisationElasticity: 0.3)
        #expect(base == [1, 1, 1, 1, 1, 1])
        let inputs = UnitCostInputs(wageIndex: [1.21, 1, 2], capitalCostIndex: 1, tfpIndex: [1, 1.25, 1], utilisation: [1, 1, 1.1], labourShare: shares)
        let c = try UnitValueAddedCost.unitCosts(inputs, dimensions: d, utilisationElasticity: 0.3)
        let want = [1.1, pow(1.21, 0.25), 0.8, 0.8, pow(2, 0.5) * pow(1.1, 0.3), pow(2, 0.25) * pow(1.1, 0.3)]
        for (x, y) in zip(c, want) { #expect(abs(x - y) < 1e-12) }
        var doubled = inputs
        doubled.wageIndex = doubled.wageIndex.map { $0 * 2 }
        doubled.capitalCostIndex = 2
        let c2 = try UnitValueAddedCost.unitCosts(doubled, dimensions: d, utilisationElasticity: 0.3)
        for (x, y) in zip(c2, c) { #expect(abs(x - 2 * y) < 1e-12) }
        #expect(throws: InputOutputError.self) {
            try UnitValueAddedCost.unitCosts(UnitCostInputs.base(regions: 3, labourShare: [0.5, 1.2]), dimensions: d, utilisationElasticity: 0.3)
        }
    }

    @Test("The GDP deflator of a unit-price economy is 1 (per region and circle-wide); nil without value added")
    func unitDeflator() throws {
        let d = MRIODimensions(regions: 3, sectors: 4)
        var rng = SplitMix64(seed: 8)
        let v = (0..<12).map { _ in 0.2 + 0.5 * rng.nextUniform() }
        var x = (0..<12).map { _ in 100 * rng.nextUniform() }
        for k in 8..<12 { x[k] = 0 }
        let unit = try UnitValueAddedCost.unitCosts(.base(regions: 3, labourShare: [0.4, 0.5, 0.6, 0.7]), dimensions: d, utilisationElasticity: 0.3)
        let vp = try UnitValueAddedCost.nominalValueAddedCoefficients(valueAdded: v, unitCosts: unit)
        let deflators = try PriceIndices.gdpDeflators(valueAdded: v, nominalValueAdded: vp, grossOutput: x, dimensions: d)
        #expect(abs(deflators[0]! - 1) < 1e-15 && abs(deflators[1]! - 1) < 1e-15)
        #expect(deflators[2] == nil)
        #expect(abs(try PriceIndices.gdpDeflator(valueAdded: v, nominalValueAdded: vp, grossOutput: x, dimensions: d, regions: [0, 1, 2])! - 1) < 1e-15)
    }

    @Test("Default parameters validate; φ_w = 0 and β_U > 0 are refused")
    func parameters() throws {
        try PriceParameters().validate()
        var p = PriceParameters()
        p.wageAdjustment = 0
        #expect(throws: InputOutputError.self) { try p.validate() }
        p = PriceParameters()
        p.unemploymentElasticity = 0.1
        #expect(throws: InputOutputError.self) { try p.validate() }
    }
}
