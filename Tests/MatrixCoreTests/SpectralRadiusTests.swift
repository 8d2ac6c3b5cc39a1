import Foundation
import Testing
@testable import MatrixCore

@Suite("Spectral radius of non-negative matrices")
struct SpectralRadiusTests {
    @Test func millerBlairCoefficients() throws {
        // Eigenvalues of [[0.15, 0.25], [0.2, 0.05]]: 0.1 ± √(0.01 + 0.05 − 0.0075) = 0.1 ± √0.0525.
        let a = try Matrix([[0.15, 0.25], [0.2, 0.05]])
        let rho = try a.spectralRadius()
        #expect(abs(rho.value - (0.1 + 0.0525.squareRoot())) <= 1e-10)
        #expect(rho.lowerBound <= 0.1 + 0.0525.squareRoot() + 1e-15)
        #expect(rho.upperBound >= 0.1 + 0.0525.squareRoot() - 1e-15)
        #expect(a.largestColumnSum == 0.35)
    }

    /// A periodic (imprimitive) matrix, where plain power iteration oscillates: the shift by I handles it.
    @Test func periodicPermutation() throws {
        let p = try Matrix([[0, 1, 0], [0, 0, 1], [1, 0, 0]])
        #expect(abs(try p.spectralRadius().value - 1) <= 1e-9)
        let sym = try Matrix([[2, 1], [1, 2]])
        #expect(abs(try sym.spectralRadius().value - 3) <= 1e-9)
    }

    @Test func randomNonNegativeStaysUnderTheColumnSumBound() throws {
        var a = randomMatrix(120, 120, seed: 9).map { abs($0) * 0.01 }
        a[3, 4] = 0
        let rho = try a.spectralRadius(tolerance: 1e-12)
        #expect(rho.value <= a.largestColumnSum)
        #expect(rho.upperBound - rho.lowerBound <= 1e-12 * rho.upperBound + 1e-15)
        // ρ(A)·v = A·v for the Perron vector: check via one more power step of the bracket.
        let rowMin = a.rowSums.min()!
        #expect(rho.value >= rowMin - 1e-12)  // min row sum ≤ ρ ≤ max row sum
        #expect(rho.value <= a.rowSums.max()! + 1e-12)
    }

    @Test func negativeEntriesAndCapAreErrors() throws {
        #expect(throws: MatrixError.self) { try Matrix([[0.1, -0.2], [0.1, 0.1]]).spectralRadius() }
        // A reducible matrix whose bracket closes slowly: the cap produces a typed error, not a wrong number.
        let slow = try Matrix([[0.5, 1], [0, 0.5]])
        #expect(throws: MatrixError.self) { try slow.spectralRadius(tolerance: 1e-15, maxIterations: 3) }
    }
}
