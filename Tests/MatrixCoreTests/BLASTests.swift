import Testing
@testable import MatrixCore

@Suite("BLAS wrappers against naive references")
struct BLASTests {
    /// gemm against the triple loop on odd shapes (m×k·k×n), each transpose flag, with α and β.
    @Test(arguments: [(1, 1, 1), (3, 7, 5), (65, 33, 17)], [(false, false), (true, false), (false, true), (true, true)])
    func gemmMatchesTripleLoop(shape: (Int, Int, Int), flags: (Bool, Bool)) throws {
        let (m, k, n) = shape
        let (ta, tb) = flags
        let a = randomMatrix(ta ? k : m, ta ? m : k, seed: UInt64(m + 7 * k))
        let b = randomMatrix(tb ? n : k, tb ? k : n, seed: UInt64(n + 11 * k))
        let c0 = randomMatrix(m, n, seed: 99)
        var c = c0
        try Matrix.gemm(a, transposeA: ta, b, transposeB: tb, alpha: 1.5, beta: -0.5, into: &c)
        let ref = try 1.5 * naiveProduct(a, ta, b, tb) + (-0.5) * c0
        // Each entry is a sum of k products of numbers ≤ 0.5: absolute error ≤ k·ε·(scale); 1e-13 is loose.
        #expect(c.isApproximatelyEqual(to: ref, relativeTolerance: 1e-13, absoluteTolerance: 1e-14))
        let plain = try a.multiplied(by: b, transposeSelf: ta, transposeOther: tb)
        #expect(plain.isApproximatelyEqual(to: naiveProduct(a, ta, b, tb), relativeTolerance: 1e-13))
    }

    @Test func gemmRejectsMismatchedShapes() {
        var c = Matrix.zeros(2, 2)
        #expect(throws: MatrixError.self) {
            try Matrix.gemm(Matrix.zeros(2, 3), Matrix.zeros(2, 2), into: &c)
        }
    }

    @Test(arguments: [false, true])
    func gemvMatchesLoop(transposed: Bool) throws {
        let a = randomMatrix(13, 9, seed: 5)
        let n = transposed ? 13 : 9, m = transposed ? 9 : 13
        let x = (0..<n).map { Double($0) - 3.5 }
        var y = (0..<m).map { Double($0) * 0.25 }
        let y0 = y
        try a.gemv(x, transposed: transposed, alpha: 2, beta: 3, into: &y)
        for i in 0..<m {
            var s = 0.0
            for j in 0..<n { s += (transposed ? a[j, i] : a[i, j]) * x[j] }
            #expect(abs(y[i] - (2 * s + 3 * y0[i])) <= 1e-13 * max(1, abs(y[i])))
        }
        #expect(throws: MatrixError.self) { try a.applied(to: [1, 2]) }
    }

    @Test func levelOne() throws {
        var y = [1.0, 2, 3]
        try BLAS.axpy(2, [1, 1, 1], &y)
        #expect(y == [3, 4, 5])
        #expect(try BLAS.dot([1, 2, 3], [4, 5, 6]) == 32)
        #expect(abs(BLAS.nrm2([3, 4]) - 5) < 1e-15)
        #expect(BLAS.nrm2([1e200, 1e200]) == 1e200 * 2.0.squareRoot())  // no overflow
        BLAS.scal(0.5, &y)
        #expect(y == [1.5, 2, 2.5])
        #expect(throws: MatrixError.self) { try BLAS.dot([1], [1, 2]) }
    }
}
