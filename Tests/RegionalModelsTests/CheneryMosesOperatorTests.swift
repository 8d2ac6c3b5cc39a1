import Foundation
import MatrixCore
import RegionalModels
import TestFixtures
import Testing

/// The matrix-free Chenery–Moses operator against the dense assembly (`assembleMRIO` + `applySupplyCap`)
/// and dense LU solves, on seeded synthetic inputs with caps and an input-saving factor.
@Suite("Chenery–Moses operator and its GMRES solver")
struct CheneryMosesOperatorTests {
    /// The shared synthetic system (TestFixtures), under the names these tests use.
    struct Case {
        let d: MRIODimensions
        let aDom: Matrix
        let own: [Matrix]
        let shares: TradeShares
        let x0: [Double]
    }

    static func makeCase(regions r: Int, sectors s: Int, seed: UInt64) throws -> Case {
        let m = try SyntheticMRIO(regions: r, sectors: s, seed: seed)
        return Case(d: m.dimensions, aDom: m.domestic, own: m.own, shares: m.shares, x0: m.grossOutput)
    }

    /// Caps on a few rows, as the calibration stores them.
    static func caps(_ c: Case) -> [CappedIndustry] {
        [(0, 1, 0.25), (1, 0, 0.0), (c.d.regions - 1, c.d.sectors - 1, 0.6)].map {
            CappedIndustry(region: $0.0, sector: $0.1, phi: $0.2, salesBefore: 1, cap: 1)
        }
    }

    /// The dense path: assembly, row scaling by φ off the diagonal blocks (roc gets the removed mass), then f.
    static func denseReference(_ c: Case, capped: [CappedIndustry], f: Double) throws -> MRIOCoefficients {
        let m = try InputOutput.assembleMRIO(domestic: c.aDom, own: c.own, shares: c.shares)
        var a = m.a, roc = m.restOfChina
        let n = c.d.industries, s = c.d.sectors
        for cap in capped {
            let row = c.d.index(region: cap.region, sector: cap.sector)
            for col in 0..<n where col / s != cap.region {
                let old = a[row, col]
                a[row, col] = cap.phi * old
                roc[col] += (1 - cap.phi) * old
            }
        }
        if f != 1 { a = a * f; roc = roc.map { $0 * f } }
        return MRIOCoefficients(dimensions: c.d, a: a, restOfChina: roc)
    }

    @Test("dense() equals the dense assembly bit for bit; entry, column sums, ‖I − A‖₁ and a_RoC agree", arguments: [(3, 4), (6, 5)])
    func denseForm(size: (Int, Int)) throws {
        let c = try Self.makeCase(regions: size.0, sectors: size.1, seed: 7)
        for f in [1.0, 0.93] {
            let op = try CheneryMosesOperator(domestic: c.aDom, own: c.own, shares: c.shares, capped: Self.caps(c), scale: f)
            let ref = try Self.denseReference(c, capped: Self.caps(c), f: f)
            let dense = op.dense()
            #expect(dense.storage == ref.a.storage)
            let n = c.d.industries
            for k in stride(from: 0, to: n * n, by: 3) { #expect(op.entry(row: k % n, column: k / n) == ref.a.storage[k]) }
            for (x, y) in zip(op.columnSums, ref.a.columnSums) { #expect(abs(x - y) < 1e-15) }
            var iMinusA = -ref.a
            for k in 0..<n { iMinusA[k, k] += 1 }
            #expect(abs(op.leontiefOneNorm - iMinusA.oneNorm) < 1e-14)
            for (x, y) in zip(try op.restOfChinaCoefficients(outside: c.shares.outside), ref.restOfChina) { #expect(abs(x - y) < 1e-15) }
        }
    }

    @Test("A·X and Aᵀ·X equal dense products to 1e-14 relative (1 and 3 columns)")
    func products() throws {
        let c = try Self.makeCase(regions: 7, sectors: 6, seed: 3)
        let op = try CheneryMosesOperator(domestic: c.aDom, own: c.own, shares: c.shares, capped: Self.caps(c), scale: 0.97)
        let a = op.dense()
        let n = c.d.industries
        var rng = SplitMix64(seed: 1)
        for k in [1, 3] {
            let x = try Matrix(rows: n, columns: k, columnMajor: (0..<(n * k)).map { _ in rng.nextUniform() })
            let got = try op.applied(to: x)
            let want = try a.multiplied(by: x)
            #expect(got.isApproximatelyEqual(to: want, relativeTolerance: 1e-14, absoluteTolerance: 1e-14))
            var out = [Double](repeating: 0, count: n * k)
            var scratch = [Double](repeating: 0, count: CheneryMosesOperator.scratchCount(dimensions: c.d, columns: k))
            x.storage.withUnsafeBufferPointer { xp in out.withUnsafeMutableBufferPointer { op2 in scratch.withUnsafeMutableBufferPointer { sp in
                op.applyTransposed(xp.baseAddress!, columns: k, into: op2.baseAddress!, scratch: sp.baseAddress!)
            } } }
            let wantT = try a.multiplied(by: x, transposeSelf: true)
            #expect(try Matrix(rows: n, columns: k, columnMajor: out)
                .isApproximatelyEqual(to: wantT, relativeTolerance: 1e-14, absoluteTolerance: 1e-14))
        }
    }

    @Test("The inter-regional part (includeOwn: false) of A·X and Aᵀ·X equals the dense products with the diagonal blocks zeroed (1e-14)")
    func interRegionalProducts() throws {
        let c = try Self.makeCase(regions: 7, sectors: 6, seed: 4)
        let op = try CheneryMosesOperator(domestic: c.aDom, own: c.own, shares: c.shares, capped: Self.caps(c), scale: 0.97)
        var a = op.dense()
        let n = c.d.industries, s = c.d.sectors
        for row in 0..<n { for col in 0..<n where row / s == col / s { a[row, col] = 0 } }
        var rng = SplitMix64(seed: 2)
        for k in [1, 2] {
            let x = try Matrix(rows: n, columns: k, columnMajor: (0..<(n * k)).map { _ in rng.nextUniform() })
            for transposed in [false, true] {
                var out = [Double](repeating: .nan, count: n * k)  // never read: overwritten
                var scratch = [Double](repeating: 0, count: CheneryMosesOperator.scratchCount(dimensions: c.d, columns: k))
                x.storage.withUnsafeBufferPointer { xp in out.withUnsafeMutableBufferPointer { o in scratch.withUnsafeMutableBufferPointer { sp in
                    if transposed {
                        op.applyTransposed(xp.baseAddress!, columns: k, into: o.baseAddress!, scratch: sp.baseAddress!, includeOwn: false)
                    } else {
                        op.apply(xp.baseAddress!, columns: k, into: o.baseAddress!, scratch: sp.baseAddress!, includeOwn: false)
                    }
                } } }
                let want = try a.multiplied(by: x, transposeSelf: transposed)
                #expect(try Matrix(rows: n, columns: k, columnMajor: out)
                    .isApproximatelyEqual(to: want, relativeTolerance: 1e-14, absoluteTolerance: 1e-14), "transposed \(transposed)")
            }
        }
    }

    @Test("GMRES solves of (I − A)·x = y and (I − A)ᵀ·x = y equal LU solves to 1e-10, year after year with warm starts")
    func solverMatchesLU() throws {
        let c = try Self.makeCase(regions: 12, sectors: 9, seed: 11)
        var solver = LeontiefOperatorSolver(dimensions: c.d)
        let n = c.d.industries
        var rng = SplitMix64(seed: 4)
        for (year, f) in [1.0, 1.0, 0.98, 0.98, 0.95].enumerated() {
            let op = try CheneryMosesOperator(domestic: c.aDom, own: c.own, shares: c.shares, capped: Self.caps(c), scale: f)
            var iMinusA = -op.dense()
            for k in 0..<n { iMinusA[k, k] += 1 }
            let lu = try LUFactorization(factoring: iMinusA)
            let y = try Matrix(rows: n, columns: 2, columnMajor: (0..<(2 * n)).map { _ in rng.nextUniform() * Double(year + 1) })
            for transposed in [false, true] {
                let got = try solver.solve(op, y, transposed: transposed)
                let want = try lu.solve(y, transposed: transposed)
                #expect(got.isApproximatelyEqual(to: want, relativeTolerance: 1e-10, absoluteTolerance: 0), "year \(year)")
            }
        }
        #expect(solver.blockFactorisations == 3)  // one per distinct f
        #expect(solver.solves == 20)
    }

    @Test("One-column solves from a caller's start (quantities and the transposed price system) equal LU solves to 1e-10; a start near the answer takes fewer iterations than a cold one")
    func warmStartedColumnMatchesLU() throws {
        let c = try Self.makeCase(regions: 12, sectors: 9, seed: 13)
        let n = c.d.industries
        let op = try CheneryMosesOperator(domestic: c.aDom, own: c.own, shares: c.shares, capped: Self.caps(c), scale: 0.99)
        var iMinusA = -op.dense()
        for k in 0..<n { iMinusA[k, k] += 1 }
        let lu = try LUFactorization(factoring: iMinusA)
        var rng = SplitMix64(seed: 9)
        let y = (0..<n).map { _ in 0.5 + rng.nextUniform() }
        for transposed in [false, true] {
            let want = try lu.solve(Matrix(column: y), transposed: transposed).storage
            var cold = LeontiefOperatorSolver(dimensions: c.d), warm = cold
            let fromY = try cold.solve(op, y, start: y, transposed: transposed)
            // A start 1 % off the answer, as last year's output or prices are.
            let near = want.enumerated().map { k, v in v * (1 + 0.01 * (k % 2 == 0 ? 1 : -1)) }
            let fromNear = try warm.solve(op, y, start: near, transposed: transposed)
            for got in [fromY, fromNear] {
                let err = zip(got, want).map { abs($0 - $1) }.max()! / want.map(abs).max()!
                #expect(err < 1e-10, "transposed \(transposed)")
            }
            #expect(warm.iterations < cold.iterations, "transposed \(transposed): \(warm.iterations) vs \(cold.iterations)")
            #expect(warm.solves == 1 && cold.solves == 1)
        }
    }

    @Test("interRegionalPurchases equals the sum of A's entries times output over the two regions' sector pairs (1e-13)")
    func interRegionalPurchasesMatchEntries() throws {
        let c = try Self.makeCase(regions: 5, sectors: 4, seed: 21)
        let op = try CheneryMosesOperator(domestic: c.aDom, own: c.own, shares: c.shares, capped: Self.caps(c), scale: 0.97)
        let s = c.d.sectors
        for (q, dest) in [(0, 3), (3, 0), (2, 2), (4, 1)] {
            var want = 0.0
            for i in 0..<s { for j in 0..<s { want += op.entry(row: q * s + i, column: dest * s + j) * c.x0[dest * s + j] } }
            let got = op.interRegionalPurchases(from: q, to: dest, output: c.x0)
            #expect(want > 0 && abs(got - want) <= 1e-13 * want, "\(q) → \(dest): \(got) vs \(want)")
        }
    }

    @Test("supplyCaps gives the φ of applySupplyCap (1e-12) and the same capped rows")
    func supplyCapsMatchDense() throws {
        let c = try Self.makeCase(regions: 6, sectors: 5, seed: 21)
        let d = c.d, n = d.industries
        let mrio = try InputOutput.assembleMRIO(domestic: c.aDom, own: c.own, shares: c.shares)
        let routing = try InputOutput.finalDemandRouting(ownShare: (0..<n).map { _ in 0.4 }, shares: c.shares)
        // Small outputs in region 0 beside large buyers force caps there.
        var x0 = c.x0
        for i in 0..<d.sectors { x0[i] *= 0.02 }
        let f = (0..<n).map { x0[$0] * 0.2 }
        let tradable = (0..<d.sectors).map { $0 != 2 }
        let exw = x0.map { $0 * 0.05 }, inv = x0.map { $0 * 0.01 }
        let dense = try InputOutput.applySupplyCap(
            coefficients: mrio, routing: routing, consumerDemand: f, grossOutput: x0, exportsAbroad: exw, inventory: inv,
            tradable: tradable, epsilon: 0.05)
        let op = try CheneryMosesOperator(domestic: c.aDom, own: c.own, shares: c.shares)
        let caps = try op.supplyCaps(
            routing: routing, consumerDemand: f, grossOutput: x0, exportsAbroad: exw, inventory: inv, tradable: tradable, epsilon: 0.05)
        #expect(!dense.capped.isEmpty)
        #expect(caps.map { [$0.region, $0.sector] } == dense.capped.map { [$0.region, $0.sector] })
        for (a, b) in zip(caps, dense.capped) { #expect(abs(a.phi - b.phi) < 1e-12) }
        let capped = op.capping(caps).dense()
        #expect(capped.isApproximatelyEqual(to: dense.coefficients.a, relativeTolerance: 1e-12, absoluteTolerance: 1e-15))
    }

    @Test("Scale: 100 regions × 42 sectors (n = 4,200): the GMRES solution's residual, checked with the dense A, is below 1e-11")
    func solvesAtFourThousandTwoHundred() throws {
        let c = try Self.makeCase(regions: 100, sectors: 42, seed: 5)
        let op = try CheneryMosesOperator(domestic: c.aDom, own: c.own, shares: c.shares, capped: Self.caps(c), scale: 0.99)
        var solver = LeontiefOperatorSolver(dimensions: c.d)
        let y = c.x0.map { $0 * 0.4 }
        let x = try solver.solve(op, Matrix(column: y)).storage
        let ax = try op.dense().applied(to: x)  // the dense A (141 MB), independent of the operator's products
        var num = 0.0, den = 0.0
        for k in 0..<x.count { let r = y[k] - (x[k] - ax[k]); num += r * r; den += y[k] * y[k] }
        #expect((num / den).squareRoot() < 1e-11)
        #expect(solver.iterations < 60)
    }
}
