import Foundation
import Testing
@testable import MatrixCore

@Suite("LU factorisation, solves, condition, determinant")
struct LUFactorizationTests {
    /// Miller & Blair (2009), §2.2: Z = [[150, 500], [200, 100]], x = [1000, 2000].
    /// A = Z·diag(x)⁻¹ = [[0.15, 0.25], [0.2, 0.05]]; det(I − A) = 0.7575;
    /// L = (I − A)⁻¹ = [[0.95, 0.25], [0.2, 0.85]] / 0.7575 (textbook: 1.254, 0.330, 0.264, 1.122);
    /// output multipliers 1ᵀL = [1.15, 1.10] / 0.7575 (textbook: 1.518, 1.452).
    @Test func millerBlairTwoSector() throws {
        let z = try Matrix([[150, 500], [200, 100]])
        let x = [1000.0, 2000]
        let a = try z.scalingColumns(by: x.map { 1 / $0 })
        #expect(a.isApproximatelyEqual(to: try Matrix([[0.15, 0.25], [0.2, 0.05]]), relativeTolerance: 1e-15))
        let lu = try LUFactorization(factoring: try Matrix.identity(2) - a)
        let leontief = try lu.solve(Matrix.identity(2))
        let expected = try Matrix([[0.95, 0.25], [0.2, 0.85]]) * (1 / 0.7575)
        for i in 0..<2 { for j in 0..<2 { #expect(abs(leontief[i, j] - expected[i, j]) <= 1e-12) } }
        let multipliers = try lu.solveTransposed([1, 1])
        #expect(abs(multipliers[0] - 1.15 / 0.7575) <= 1e-12)
        #expect(abs(multipliers[1] - 1.10 / 0.7575) <= 1e-12)
        // L·f = x with f = x − Z·1 = [350, 1700].
        let output = try lu.solve([350, 1700])
        #expect(abs(output[0] - 1000) <= 1e-12 * 1000 && abs(output[1] - 2000) <= 1e-12 * 2000)
        #expect(abs(lu.logAbsDeterminant - log(0.7575)) <= 1e-14)
        #expect(lu.determinantSign == 1)
    }

    /// Backward-stable LU on a diagonally dominant matrix (growth factor ≤ 2) gives a relative residual
    /// ‖Ax − b‖∞/(‖A‖∞‖x‖∞) of order ε·√n in practice (the worst-case bound is ~n·ε ≈ 3.9e-13 at 1,764);
    /// we require 1e-13, which observed values (≤ 1e-15) clear by two orders of magnitude.
    @Test(arguments: [1, 2, 17, 300, 1764])
    func randomSystemsHaveSmallResidual(n: Int) throws {
        let a = randomMatrix(n, n, seed: UInt64(n), dominant: true)
        var rng = SplitMix64(seed: 7)
        let b = (0..<n).map { _ in rng.nextUniform() - 0.5 }
        let lu = try LUFactorization(factoring: a)
        let x = try lu.solve(b)
        var r = b
        try a.gemv(x, alpha: 1, beta: -1, into: &r)
        let rel = (r.map(abs).max() ?? 0) / (a.infinityNorm * (x.map(abs).max() ?? 1))
        #expect(rel < 1e-13, "relative residual \(rel) at n = \(n)")
    }

    @Test func multiRHSEqualsSingleSolves() throws {
        let n = 300
        let a = randomMatrix(n, n, seed: 42, dominant: true)
        let b = randomMatrix(n, 64, seed: 43)
        let lu = try LUFactorization(factoring: a)
        let xAll = try lu.solve(b)
        for j in 0..<64 {
            let xj = try lu.solve(b.column(j))
            let diff = zip(xj, xAll.column(j)).map { abs($0 - $1) }.max()!
            #expect(diff <= 1e-13 * (xj.map(abs).max()!))
        }
    }

    @Test func transposedSolveMatchesExplicitTranspose() throws {
        let a = randomMatrix(57, 57, seed: 3, dominant: true)
        let b = randomMatrix(57, 4, seed: 4)
        let viaFlag = try LUFactorization(factoring: a).solve(b, transposed: true)
        let viaTranspose = try LUFactorization(factoring: a.transposed).solve(b)
        #expect(viaFlag.isApproximatelyEqual(to: viaTranspose, relativeTolerance: 1e-13))
    }

    @Test func singularMatrixReportsThePivot() {
        #expect(throws: MatrixError.singular(pivot: 2)) {
            try LUFactorization(factoring: try Matrix([[1, 1], [1, 1]]))
        }
    }

    @Test func nonFiniteInputIsRejected() throws {
        var a = Matrix.identity(3)
        a[1, 2] = .nan
        #expect {
            try LUFactorization(factoring: a)
        } throws: { error in
            guard case let MatrixError.nonFinite(_, row, column, value) = error else { return false }
            return row == 1 && column == 2 && value.isNaN
        }
        let lu = try LUFactorization(factoring: Matrix.identity(3))
        #expect(throws: MatrixError.self) { try lu.solve([1, .infinity, 0]) }
    }

    @Test func dimensionMismatchesThrow() throws {
        #expect(throws: MatrixError.self) { try LUFactorization(factoring: Matrix.zeros(2, 3)) }
        let lu = try LUFactorization(factoring: Matrix.identity(3))
        #expect(throws: MatrixError.self) { try lu.solve([1, 2]) }
    }

    /// dgecon estimates ‖A⁻¹‖₁ from below, so its rcond is an upper bound on the true 1/κ₁, and in
    /// practice within a factor of 3 (Higham 2002, §15.3).
    @Test func conditionEstimateBracketsTheTrueValue() throws {
        let a = randomMatrix(50, 50, seed: 11, dominant: false)
        let lu = try LUFactorization(factoring: a)
        let inv = try lu.inverse()
        let trueRcond = 1 / (a.oneNorm * inv.oneNorm)
        let est = try lu.reciprocalConditionNumber()
        #expect(est >= trueRcond * (1 - 1e-12))
        #expect(est <= 3 * trueRcond)
        // The explicit inverse is an inverse.
        let prod = try a * inv
        #expect(prod.isApproximatelyEqual(to: Matrix.identity(50), relativeTolerance: 1e-11))
    }

    @Test func determinantOfAPermutedMatrix() throws {
        // det [[0, 2, 0], [3, 0, 0], [0, 0, -4]] = −(2·3)·(−4)·... computed by cofactors: 0·… − 2·(3·(−4) − 0) + 0 = 24.
        let lu = try LUFactorization(factoring: try Matrix([[0, 2, 0], [3, 0, 0], [0, 0, -4]]))
        #expect(abs(lu.logAbsDeterminant - log(24)) <= 1e-14)
        #expect(lu.determinantSign == 1)
        let lu2 = try LUFactorization(factoring: try Matrix([[0, 1], [1, 0]]))
        #expect(lu2.determinantSign == -1)
    }
}
