import BaseData
import Foundation
import MatrixCore
import RegionalModels
import TestFixtures
import Testing

/// The fast changing-A projection (`InputOutput.projectedGrossOutput`, MODEL.md §11 fast mode) against a
/// fresh factorisation of each year's explicitly formed `I − A_t` (reference mode), to 1e-10 relative.
@Suite("Leontief projection with changing A: fast mode equals a fresh LU per year")
struct LeontiefProjectionTests {
    static let folder: URL = {
        let base = Fixtures.resourceDirectory
        let candidates = [base, base.deletingLastPathComponent()].map { $0.appendingPathComponent("pymrio-r10s10") }
        return candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("Z.csv").path) } ?? candidates[0]
    }()

    /// A of the 10 × 10 pymrio fixture (n = 100, column sums 0.3–0.7).
    static func fixtureA() throws -> (a: Matrix, y0: [Double]) {
        let t = try MRIOTable.read(directory: folder)
        let x = try t.grossOutput ?? InputOutput.grossOutputFromSales(flows: t.z, finalDemand: t.y)
        return (try InputOutput.technicalCoefficients(flows: t.z, grossOutput: x), t.y.rowSums)
    }

    /// y_t = y0·(1 + g)^t, t = 1…years.
    static func demand(_ y0: [Double], growth g: Double, years: Int) -> Matrix {
        var y = Matrix(rows: y0.count, columns: years)
        for t in 0..<years { for i in y0.indices { y[i, t] = y0[i] * pow(1 + g, Double(t + 1)) } }
        return y
    }

    /// Independent of the code under test: forms `I − diag(d_t)·A₀` entry by entry, one LU and one solve per
    /// year.
    static func freshSolves(_ a: Matrix, _ d: Matrix, _ y: Matrix) throws -> Matrix {
        let n = a.rows
        var x = Matrix(rows: n, columns: d.columns)
        for t in 0..<d.columns {
            var m = Matrix(rows: n, columns: n)
            for j in 0..<n { for i in 0..<n { m[i, j] = (i == j ? 1 : 0) - d[i, t] * a[i, j] } }
            let xt = try LUFactorization(factoring: m).solve(y.column(t))
            for i in 0..<n { x[i, t] = xt[i] }
        }
        return x
    }

    static func worstRelative(_ x: Matrix, _ ref: Matrix) -> Double {
        zip(x.storage, ref.storage).reduce(0.0) { max($0, abs($1.0 - $1.1) / max(abs($1.1), 1e-300)) }
    }

    /// Per-sector rates from 0 to 3 %/yr (the sector index of industry i is i mod 10).
    static func sectorRates(_ n: Int) -> [Double] { (0..<n).map { Double($0 % 10) * 0.003 } }

    @Test("inputSavingScaling: d_ti = (1 − τ_i)^t; rates outside [0, 1) are refused")
    func scaling() throws {
        let d = try InputOutput.inputSavingScaling(annualRates: [0, 0.1, 0.5], years: 3)
        #expect(d.rows == 3 && d.columns == 3)
        let expected = try Matrix([[1, 1, 1], [0.9, 0.81, 0.729], [0.5, 0.25, 0.125]])
        #expect(d.isApproximatelyEqual(to: expected, relativeTolerance: 1e-15))
        #expect(throws: InputOutputError.self) { try InputOutput.inputSavingScaling(annualRates: [1], years: 2) }
        #expect(throws: InputOutputError.self) { try InputOutput.inputSavingScaling(annualRates: [-0.01], years: 2) }
    }

    @Test("17 years, per-sector rates, midrange anchor: one factorisation, every year to 1e-10 of a fresh LU",
          arguments: [LeontiefProjectionOptions.Iteration.gmres, .richardson])
    func oneFactorisationMatchesFreshSolves(iteration: LeontiefProjectionOptions.Iteration) throws {
        let (a, y0) = try Self.fixtureA()
        let n = a.rows, years = 17
        let d = try InputOutput.inputSavingScaling(annualRates: Self.sectorRates(n), years: years)
        let y = Self.demand(y0, growth: 0.05, years: years)
        let r = try InputOutput.projectedGrossOutput(
            technicalCoefficients: a, rowScaling: d, finalDemand: y, options: LeontiefProjectionOptions(iteration: iteration))
        let ref = try Self.freshSolves(a, d, y)
        #expect(r.factorizations == 1)
        #expect(r.directSolves == 0)
        #expect(r.relativeResiduals.allSatisfy { $0 <= 1e-12 }, "\(r.relativeResiduals)")
        #expect(r.iterations.allSatisfy { $0 >= 1 && $0 <= 30 }, "\(r.iterations)")
        let worst = Self.worstRelative(r.grossOutput, ref)
        #expect(worst <= 1e-10, "worst relative difference \(worst)")
        // The scenario changes the answer materially (a test that cannot fail would not show that).
        let unchanged = try LUFactorization(factoring: Matrix.identity(n) - a).solve(y)
        #expect(Self.worstRelative(unchanged, ref) > 1e-3)
    }

    @Test("GMRES needs fewer block steps than Richardson for the same accuracy")
    func gmresFewerSteps() throws {
        let (a, y0) = try Self.fixtureA()
        let d = try InputOutput.inputSavingScaling(annualRates: [Double](repeating: 0.01, count: a.rows), years: 17)
        let y = Self.demand(y0, growth: 0.05, years: 17)
        let g = try InputOutput.projectedGrossOutput(technicalCoefficients: a, rowScaling: d, finalDemand: y)
        let r = try InputOutput.projectedGrossOutput(
            technicalCoefficients: a, rowScaling: d, finalDemand: y, options: LeontiefProjectionOptions(iteration: .richardson))
        #expect(g.blockIterations < r.blockIterations, "gmres \(g.blockIterations), richardson \(r.blockIterations)")
        #expect(Self.worstRelative(g.grossOutput, r.grossOutput) <= 1e-10)
    }

    @Test("10 %/yr input saving with the base anchor: slow convergence forces a refactorisation, still 1e-10",
          arguments: [(LeontiefProjectionOptions.Iteration.gmres, 0.2), (.richardson, 0.3)])
    func refactorWhenConvergenceSlows(iteration: LeontiefProjectionOptions.Iteration, slow: Double) throws {
        let (a, y0) = try Self.fixtureA()
        let n = a.rows, years = 17
        let d = try InputOutput.inputSavingScaling(annualRates: [Double](repeating: 0.1, count: n), years: years)
        let y = Self.demand(y0, growth: 0.05, years: years)
        let options = LeontiefProjectionOptions(slowContraction: slow, anchor: .base, iteration: iteration)
        let r = try InputOutput.projectedGrossOutput(technicalCoefficients: a, rowScaling: d, finalDemand: y, options: options)
        #expect(r.factorizations >= 2 && r.factorizations <= 3, "\(r.factorizations)")
        #expect(Set(r.anchorOfYear).count >= 2)
        #expect(r.directSolves == 0)
        #expect(r.relativeResiduals.allSatisfy { $0 <= 1e-12 })
        let worst = Self.worstRelative(r.grossOutput, try Self.freshSolves(a, d, y))
        #expect(worst <= 1e-10, "worst relative difference \(worst)")
    }

    @Test("No refactor budget and few iterations allowed: the late years fall back to their own LU, still 1e-10",
          arguments: [LeontiefProjectionOptions.Iteration.gmres, .richardson])
    func directFallback(iteration: LeontiefProjectionOptions.Iteration) throws {
        let (a, y0) = try Self.fixtureA()
        let n = a.rows, years = 12
        let d = try InputOutput.inputSavingScaling(annualRates: [Double](repeating: 0.1, count: n), years: years)
        let y = Self.demand(y0, growth: 0.0, years: years)
        let options = LeontiefProjectionOptions(maxFactorizations: 1, maxIterations: 6, anchor: .base, iteration: iteration)
        let r = try InputOutput.projectedGrossOutput(technicalCoefficients: a, rowScaling: d, finalDemand: y, options: options)
        #expect(r.directSolves >= 1)
        #expect(r.factorizations == 1 + r.directSolves)
        #expect(r.relativeResiduals.allSatisfy { $0 <= 1e-12 })
        let worst = Self.worstRelative(r.grossOutput, try Self.freshSolves(a, d, y))
        #expect(worst <= 1e-10, "worst relative difference \(worst)")
    }

    @Test("Random 60 × 60 A with per-row rates, reference mode and fast mode agree with fresh solves")
    func randomSystemAndReferenceMode() throws {
        var rng = SplitMix64(seed: 42)
        let n = 60, years = 9
        var a = Matrix(rows: n, columns: n)
        for j in 0..<n {
            var col = (0..<n).map { _ in rng.nextUniform() }
            let s = col.reduce(0, +)
            let target = 0.3 + 0.5 * rng.nextUniform()
            col = col.map { $0 * target / s }
            for i in 0..<n { a[i, j] = col[i] }
        }
        let tau = (0..<n).map { _ in 0.04 * rng.nextUniform() }
        let d = try InputOutput.inputSavingScaling(annualRates: tau, years: years)
        var y = Matrix(rows: n, columns: years)
        for t in 0..<years { for i in 0..<n { y[i, t] = 1 + rng.nextUniform() } }
        let ref = try Self.freshSolves(a, d, y)
        for iteration in [LeontiefProjectionOptions.Iteration.gmres, .richardson] {
            let fast = try InputOutput.projectedGrossOutput(
                technicalCoefficients: a, rowScaling: d, finalDemand: y, options: LeontiefProjectionOptions(iteration: iteration))
            #expect(Self.worstRelative(fast.grossOutput, ref) <= 1e-10, "\(iteration)")
        }
        let reference = try InputOutput.projectedGrossOutputReference(technicalCoefficients: a, rowScaling: d, finalDemand: y)
        #expect(Self.worstRelative(reference, ref) <= 1e-12)
    }

    @Test("A zero-demand year gives zero output; shapes that do not fit are refused")
    func edgeCases() throws {
        let a = try Matrix([[0.15, 0.25], [0.20, 0.05]])
        let d = try InputOutput.inputSavingScaling(annualRates: [0.01, 0.02], years: 2)
        let y = try Matrix([[0, 350], [0, 1700]])
        let r = try InputOutput.projectedGrossOutput(technicalCoefficients: a, rowScaling: d, finalDemand: y)
        #expect(r.grossOutput.column(0) == [0, 0])
        // Year 2 by hand: I − D₂A with d = (0.99², 0.98²), 2 × 2 Cramer's rule.
        let d1 = 0.99 * 0.99, d2 = 0.98 * 0.98
        let m11 = 1 - d1 * 0.15, m12 = -d1 * 0.25, m21 = -d2 * 0.20, m22 = 1 - d2 * 0.05
        let det = m11 * m22 - m12 * m21
        let x1 = (350 * m22 - m12 * 1700) / det, x2 = (m11 * 1700 - m21 * 350) / det
        #expect(abs(r.grossOutput[0, 1] - x1) <= 1e-12 * x1)
        #expect(abs(r.grossOutput[1, 1] - x2) <= 1e-12 * x2)
        #expect(throws: InputOutputError.self) {
            try InputOutput.projectedGrossOutput(technicalCoefficients: a, rowScaling: d, finalDemand: Matrix(rows: 2, columns: 3))
        }
    }

    @Test("regionTotals: sums by region in order of first appearance, the all row, against hand sums")
    func regionTotals() throws {
        // Rows: B, A, B, C (regions out of order), three columns.
        let x = try Matrix([[1, 10, 100], [2, 20, 200], [4, 40, 400], [8, 80, 800]])
        let r = try InputOutput.regionTotals(x, regionOfRow: ["B", "A", "B", "C"])
        #expect(r.labels == ["B", "A", "C", "all"])
        #expect(r.totals == (try Matrix([[5, 50, 500], [2, 20, 200], [8, 80, 800], [15, 150, 1500]])))
        #expect(throws: InputOutputError.self) { try InputOutput.regionTotals(x, regionOfRow: ["A"]) }
    }
}
