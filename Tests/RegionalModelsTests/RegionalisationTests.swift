import Foundation
import MatrixCore
import RegionalModels
import Testing

/// FLQ on a hand-computed example: a nation of two regions and two sectors.
/// Region 1 output [20, 40] (X₁ = 60), region 2 [80, 60] (X₂ = 140), nation [100, 100] (X = 200), δ = 0.3.
/// Region 1: SLQ = [(20/60)/0.5, (40/60)/0.5] = [2/3, 4/3];
///   λ₁ = (log₂ 1.3)^0.3 = 0.378511623^0.3 = exp(0.3·ln 0.378511623) = 0.74717746681508;
///   FLQ = [[λ·2/3, λ·(2/3)/(4/3)], [λ·(4/3)/(2/3), λ·4/3]] = [[0.498118, 0.373589], [1.494355, 0.996237]],
///   factors min(FLQ, 1) = [[0.498118, 0.373589], [1, 0.996237]].
/// With A_dom = [[0.1, 0.2], [0.3, 0.1]]: A₁₁ = [[0.0498118, 0.0747177], [0.3, 0.0996237]].
/// Region 2: SLQ = [8/7, 6/7]; λ₂ = (log₂ 1.7)^0.3 = 0.9229740106514756;
///   factors = [[1, 1], [0.692231, 0.791121]].
@Suite("Location quotients: SLQ, CILQ, FLQ")
struct LocationQuotientTests {
    let national = [100.0, 100.0]
    let aDom = try! Matrix([[0.1, 0.2], [0.3, 0.1]])

    @Test("SLQ and λ by hand (1e-14 / 1e-12)")
    func slqAndLambda() throws {
        let s1 = try InputOutput.simpleLocationQuotients(regionalOutput: [20, 40], nationalOutput: national)
        #expect(abs(s1[0] - 2.0 / 3) < 1e-14 && abs(s1[1] - 4.0 / 3) < 1e-14)
        let l1 = try InputOutput.flqLambda(regionalTotal: 60, nationalTotal: 200, delta: 0.3)
        #expect(abs(l1 - 0.74717746681508) < 1e-12)
        let l2 = try InputOutput.flqLambda(regionalTotal: 140, nationalTotal: 200, delta: 0.3)
        #expect(abs(l2 - 0.9229740106514756) < 1e-12)
        #expect(try InputOutput.flqLambda(regionalTotal: 60, nationalTotal: 200, delta: 0) == 1)
        #expect(throws: InputOutputError.self) { try InputOutput.flqLambda(regionalTotal: 1, nationalTotal: 2, delta: 1.2) }
    }

    @Test("FLQ factors and regional own coefficients, region 1 and 2 (1e-12)")
    func flq() throws {
        let lam = 0.74717746681508
        let f1 = try InputOutput.regionalPurchaseFactors(method: .flq(delta: 0.3), regionalOutput: [20, 40], nationalOutput: national)
        let expected1 = try Matrix([[lam * 2 / 3, lam * 0.5], [1, lam * 4 / 3]])
        #expect(f1.isApproximatelyEqual(to: expected1, relativeTolerance: 1e-12))
        let a11 = try InputOutput.ownRegionCoefficients(domestic: aDom, factors: f1, nontradableOwnShare: [nil, nil])
        let expectedA = try Matrix([[0.04981183112100534, 0.074717746681508], [0.3, 0.09962366224201068]])
        #expect(a11.isApproximatelyEqual(to: expectedA, relativeTolerance: 1e-12))
        let f2 = try InputOutput.regionalPurchaseFactors(method: .flq(delta: 0.3), regionalOutput: [80, 60], nationalOutput: national)
        let expected2 = try Matrix([[1, 1], [0.6922305079886067, 0.7911205805584076]])
        #expect(f2.isApproximatelyEqual(to: expected2, relativeTolerance: 1e-12))
    }

    @Test("SLQ and CILQ variants; methods parse from names")
    func variants() throws {
        let slq = try InputOutput.regionalPurchaseFactors(method: .slq, regionalOutput: [20, 40], nationalOutput: national)
        #expect(slq.isApproximatelyEqual(to: try Matrix([[2.0 / 3, 2.0 / 3], [1, 1]]), relativeTolerance: 1e-14))
        let cilq = try InputOutput.regionalPurchaseFactors(method: .cilq, regionalOutput: [20, 40], nationalOutput: national)
        #expect(cilq.isApproximatelyEqual(to: try Matrix([[2.0 / 3, 0.5], [1, 1]]), relativeTolerance: 1e-14))
        #expect(LocationQuotientMethod(name: "FLQ", delta: 0.2) == .flq(delta: 0.2))
        #expect(LocationQuotientMethod(name: "cilq") == .cilq)
        #expect(LocationQuotientMethod(name: "xyz") == nil)
    }

    @Test("Nontradables: own share min(1, available / local demand) replaces the LQ row")
    func nontradable() throws {
        #expect(InputOutput.nontradableOwnShare(grossOutput: 100, exportsAbroad: 10, inventory: 0, localIntermediateDemand: 120) == 0.75)
        #expect(InputOutput.nontradableOwnShare(grossOutput: 100, exportsAbroad: 0, inventory: 0, localIntermediateDemand: 50) == 1)
        let f = try InputOutput.regionalPurchaseFactors(method: .slq, regionalOutput: [20, 40], nationalOutput: national)
        let own = try InputOutput.ownRegionCoefficients(domestic: aDom, factors: f, nontradableOwnShare: [0.75, nil])
        #expect(abs(own[0, 0] - 0.075) < 1e-15 && abs(own[0, 1] - 0.15) < 1e-15)
        #expect(abs(own[1, 0] - 0.3) < 1e-15)
    }

    @Test("Foreign imports leak at φ_imp·Σ_i A_imp")
    func foreignLeak() throws {
        let leak = try InputOutput.foreignImportCoefficients(imported: try Matrix([[0.02, 0.01], [0.03, 0.04]]), scale: 1.2)
        #expect(abs(leak[0] - 0.06) < 1e-15 && abs(leak[1] - 0.06) < 1e-15)
    }
}

/// A small three-region, two-sector system for the trade and assembly tests.
enum SmallMRIO {
    static let d = MRIODimensions(regions: 3, sectors: 2)
    static let national = [300.0, 300.0]
    /// x0 by region (region-major): region 0 small, region 2 large.
    static let x0 = [10.0, 30.0, 90.0, 50.0, 200.0, 220.0]
    static let aDom = try! Matrix([[0.20, 0.10], [0.15, 0.25]])
    static let aImp = try! Matrix([[0.05, 0.02], [0.03, 0.08]])
    /// v = 1 − Σ A_dom − Σ A_imp per column.
    static let v = [1 - 0.35 - 0.08, 1 - 0.35 - 0.10]
    /// Travel times (hours), symmetric.
    static let times = try! Matrix([[0, 1, 3], [1, 0, 2], [3, 2, 0]])

    static func own() throws -> [Matrix] {
        try (0..<3).map { r in
            let xr = Array(x0[(r * 2)..<(r * 2 + 2)])
            let f = try InputOutput.regionalPurchaseFactors(method: .flq(delta: 0.3), regionalOutput: xr, nationalOutput: national)
            return try InputOutput.ownRegionCoefficients(domestic: aDom, factors: f, nontradableOwnShare: [nil, nil])
        }
    }

    static func shares(omega: [Double] = [1e-3, 1e-3]) throws -> TradeShares {
        let w = try InputOutput.gravityWeights(
            dimensions: d, mass: x0, travelTimeHours: [times], timeMatrixOfSector: [0, 0], offsetHours: 0.25, decay: [1.0, 1.5])
        let e = try InputOutput.outsidePull(
            dimensions: d, omega: omega, restOfChinaOutput: [5000, 8000], gatewayTimeHours: [2, 2, 1.5, 1.5, 1, 1],
            offsetHours: 0.25, decay: [1.0, 1.5])
        return try InputOutput.cheneryMosesShares(dimensions: d, gravity: w, outsidePull: e)
    }
}

@Suite("Chenery–Moses trade, assembly, column closure, routing, supply cap")
struct TradeAndAssemblyTests {
    @Test("Shares sum to 1 per destination and sector (1e-15); own region excluded; a hand value")
    func sharesSumToOne() throws {
        let s = try SmallMRIO.shares()
        let d = SmallMRIO.d
        for k in 0..<d.industries {
            var total = s.outside[k]
            for q in 0..<d.regions { total += s.inside[q, k] }
            #expect(abs(total - 1) < 1e-15)
            #expect(s.inside[k / d.sectors, k] == 0)
        }
        // Destination region 0, sector 0 (η = 1, T0 = 0.25): w1 = 90/(1.25), w2 = 200/(3.25),
        // E = 1e-3·5000/(2.25); t[1→0] = w1 / (w1 + w2 + E).
        let w1 = 90 / 1.25, w2 = 200 / 3.25, e = 1e-3 * 5000 / 2.25
        #expect(abs(s.inside[1, 0] - w1 / (w1 + w2 + e)) < 1e-15)
        #expect(abs(s.outside[0] - e / (w1 + w2 + e)) < 1e-15)
    }

    @Test("No supplier and no pull: the remainder comes from the rest of China")
    func noSupplier() throws {
        let d = MRIODimensions(regions: 1, sectors: 1)
        let s = try InputOutput.cheneryMosesShares(dimensions: d, gravity: Matrix(rows: 1, columns: 1), outsidePull: [0])
        #expect(s.outside == [1])
    }

    @Test("Every column closes: Σ_q A[qs] + a_RoC + a_RoW + v = 1 (1e-14); A ≥ 0; ρ(A) < 1")
    func columnClosure() throws {
        let mrio = try InputOutput.assembleMRIO(domestic: SmallMRIO.aDom, own: SmallMRIO.own(), shares: SmallMRIO.shares())
        let leak = try InputOutput.foreignImportCoefficients(imported: SmallMRIO.aImp)
        let row = (0..<3).flatMap { _ in leak }, v = (0..<3).flatMap { _ in SmallMRIO.v }
        let residuals = try InputOutput.columnClosureResiduals(a: mrio.a, restOfChina: mrio.restOfChina, restOfWorld: row, valueAdded: v)
        #expect(residuals.allSatisfy { abs($0) < 1e-14 })
        #expect(mrio.a.storage.allSatisfy { $0 >= 0 })
        #expect(try mrio.a.spectralRadius().value < 1)
        // The own block is the FLQ block; the off-diagonal blocks are shares times the remainder.
        let own = try SmallMRIO.own()
        #expect(mrio.a[0, 0] == own[0][0, 0])
        let s = try SmallMRIO.shares()
        let m = SmallMRIO.aDom[0, 1] - own[2][0, 1]
        #expect(abs(mrio.a[1 * 2 + 0, 2 * 2 + 1] - s.inside[1, 2 * 2 + 0] * m) < 1e-16)
    }

    @Test("Fitting ω reaches the circle inflow target (1e-10) and the achieved shares agree with the assembly")
    func fitOmega() throws {
        let d = SmallMRIO.d
        let own = try SmallMRIO.own()
        let w = try InputOutput.gravityWeights(
            dimensions: d, mass: SmallMRIO.x0, travelTimeHours: [SmallMRIO.times], timeMatrixOfSector: [0, 0],
            offsetHours: 0.25, decay: [1.0, 1.5])
        let e = try InputOutput.outsidePull(
            dimensions: d, omega: [1, 1], restOfChinaOutput: [5000, 8000], gatewayTimeHours: [2, 2, 1.5, 1.5, 1, 1],
            offsetHours: 0.25, decay: [1.0, 1.5])
        var rem = [Double](repeating: 0, count: 6), dom = rem
        for r in 0..<3 { for i in 0..<2 { for j in 0..<2 {
            let xj = SmallMRIO.x0[r * 2 + j]
            dom[r * 2 + i] += SmallMRIO.aDom[i, j] * xj
            rem[r * 2 + i] += (SmallMRIO.aDom[i, j] - own[r][i, j]) * xj
        } } }
        let target = [0.10, 0.05]
        let fit = try InputOutput.fitOutsidePull(
            dimensions: d, gravity: w, outsideBase: e, remainderDemand: rem, domesticDemand: dom, target: target)
        #expect(fit.reached == [true, true])
        for i in 0..<2 { #expect(abs(fit.achievedShare[i] - target[i]) < 1e-10) }
        // Independent check: assemble with the fitted ω and measure the inflow share from a_RoC.
        let shares = try SmallMRIO.shares(omega: fit.omega)
        let mrio = try InputOutput.assembleMRIO(domestic: SmallMRIO.aDom, own: own, shares: shares)
        let inflow = (0..<6).reduce(0.0) { $0 + mrio.restOfChina[$1] * SmallMRIO.x0[$1] }
        let total = dom.reduce(0, +)
        let expected = (target[0] * (dom[0] + dom[2] + dom[4]) + target[1] * (dom[1] + dom[3] + dom[5])) / total
        #expect(abs(inflow / total - expected) < 1e-9)
        // An unreachable target is reported, not silently met.
        let tooHigh = try InputOutput.fitOutsidePull(
            dimensions: d, gravity: w, outsideBase: e, remainderDemand: rem, domesticDemand: dom, target: [0.99, 0.99])
        #expect(tooHigh.reached == [false, false])
        #expect(tooHigh.attainableShare.allSatisfy { $0 < 0.99 })
    }

    @Test("Final-demand routing through the same shares conserves demand (1e-13)")
    func routing() throws {
        let s = try SmallMRIO.shares()
        let ownShare = [0.6, 1.0, 0.8, 1.0, 0.9, 1.0]
        let routing = try InputOutput.finalDemandRouting(ownShare: ownShare, shares: s)
        let f = try Matrix(rows: 6, columns: 2, columnMajor: [5, 7, 30, 20, 100, 80, 1, 0, 2, 0, 3, 0])
        let (y, roc) = try InputOutput.routeFinalDemand(f, routing: routing)
        for c in 0..<2 {
            let routed = (0..<6).reduce(0.0) { $0 + y[$1, c] + roc[$1, c] }
            let demand = (0..<6).reduce(0.0) { $0 + f[$1, c] }
            #expect(abs(routed - demand) < 1e-13 * demand)
        }
        // Sector 1 is fully local (own share 1): y equals F for it.
        #expect(abs(y[1, 0] - 7) < 1e-15 && abs(y[3, 0] - 20) < 1e-15)
    }

    @Test("Supply cap: a small region beside a large buyer; EXc < 0 before, ≥ 0 after; φ reported; columns still close")
    func supplyCap() throws {
        // Two regions, one tradable sector. Region 0 makes 10, region 1 makes 1000.
        let d = MRIODimensions(regions: 2, sectors: 1)
        let aDom = try Matrix([[0.5]])
        let own = [try Matrix([[0.1]]), try Matrix([[0.3]])]
        // Region 1 buys half its remainder from region 0, half from the rest of China.
        let shares = try InputOutput.cheneryMosesShares(
            dimensions: d, gravity: try Matrix(rows: 2, columns: 2, columnMajor: [0, 1, 1, 0]), outsidePull: [1, 1])
        let mrio = try InputOutput.assembleMRIO(domestic: aDom, own: own, shares: shares)
        #expect(abs(mrio.a[0, 1] - 0.1) < 1e-15)  // 0.5·(0.5 − 0.3)
        let x0 = [10.0, 1000.0]
        let f = [2.0, 50.0]
        let routing = try InputOutput.finalDemandRouting(ownShare: [0.5, 0.5], shares: shares)
        let yBefore = try InputOutput.routeFinalDemand(Matrix(column: f), routing: routing).producers.storage
        let exBefore = try InputOutput.exportsToRestOfChina(
            a: mrio.a, grossOutput: x0, localFinalDemand: yBefore, exportsAbroad: [0, 0], inventory: [0, 0])
        #expect(exBefore[0] < 0)

        let capped = try InputOutput.applySupplyCap(
            coefficients: mrio, routing: routing, consumerDemand: f, grossOutput: x0, exportsAbroad: [0, 0],
            inventory: [0, 0], tradable: [true], epsilon: 0.05)
        #expect(capped.capped.count == 1)
        let c = capped.capped[0]
        // own = 0.1·10 + 0.5·2 = 2; other = 0.1·1000 + 0.25·50 = 112.5; cap = 9.5; φ = 7.5/112.5.
        #expect(c.region == 0 && abs(c.phi - 7.5 / 112.5) < 1e-14)
        #expect(capped.warnings.count == 1)
        let yAfter = try InputOutput.routeFinalDemand(Matrix(column: f), routing: capped.routing).producers.storage
        let exAfter = try InputOutput.exportsToRestOfChina(
            a: capped.coefficients.a, grossOutput: x0, localFinalDemand: yAfter, exportsAbroad: [0, 0], inventory: [0, 0])
        #expect(exAfter.allSatisfy { $0 >= -1e-12 })
        #expect(abs(exAfter[0] - 0.05 * 10) < 1e-12)  // sales = cap exactly: EXc = ε·x0
        // The removed mass went to the buyer's rest-of-China share: the column still closes.
        let before = try InputOutput.columnClosureResiduals(a: mrio.a, restOfChina: mrio.restOfChina, restOfWorld: [0, 0], valueAdded: [0.5, 0.5])
        let after = try InputOutput.columnClosureResiduals(
            a: capped.coefficients.a, restOfChina: capped.coefficients.restOfChina, restOfWorld: [0, 0], valueAdded: [0.5, 0.5])
        for k in 0..<2 { #expect(abs(after[k] - before[k]) < 1e-15) }
        // Final-demand routing still sums to 1 per consumer industry.
        for k in 0..<2 {
            let total = capped.routing.outside[k] + capped.routing.inside[0, k] + capped.routing.inside[1, k]
            #expect(abs(total - 1) < 1e-15)
        }
    }

    @Test("Supply cap: own use above output is an error")
    func ownUseAboveOutput() throws {
        let d = MRIODimensions(regions: 2, sectors: 1)
        let shares = try InputOutput.cheneryMosesShares(
            dimensions: d, gravity: try Matrix(rows: 2, columns: 2, columnMajor: [0, 1, 1, 0]), outsidePull: [0, 0])
        let mrio = try InputOutput.assembleMRIO(domestic: try Matrix([[0.9]]), own: [try Matrix([[0.9]]), try Matrix([[0.1]])], shares: shares)
        let routing = try InputOutput.finalDemandRouting(ownShare: [1, 1], shares: shares)
        #expect(throws: InputOutputError.self) {
            try InputOutput.applySupplyCap(
                coefficients: mrio, routing: routing, consumerDemand: [5, 0], grossOutput: [10, 10],
                exportsAbroad: [0, 0], inventory: [0, 0], tradable: [true])
        }
    }
}
