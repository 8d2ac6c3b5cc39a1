import Testing
@testable import MatrixCore

@Suite("Matrix storage and elementwise operations")
struct MatrixTests {
    @Test func columnMajorLayoutAndSubscripts() throws {
        let a = try Matrix([[1, 2, 3], [4, 5, 6]])
        #expect(a.rows == 2 && a.columns == 3)
        #expect(a.storage == [1, 4, 2, 5, 3, 6])
        #expect(a[1, 2] == 6)
        #expect(a.column(1) == [2, 5])
        #expect(a.row(0) == [1, 2, 3])
        #expect(a.transposed.storage == [1, 2, 3, 4, 5, 6])
    }

    @Test func valueSemantics() throws {
        let a = try Matrix([[1, 2], [3, 4]])
        var b = a
        b[0, 0] = 99
        #expect(a[0, 0] == 1)
        #expect(b[0, 0] == 99)
    }

    @Test func constructorsAndBlocks() throws {
        #expect(Matrix.identity(3).storage == [1, 0, 0, 0, 1, 0, 0, 0, 1])
        #expect(Matrix.diagonal([2, 3]).storage == [2, 0, 0, 3])
        #expect(Matrix.zeros(2, 3).storage == [0, 0, 0, 0, 0, 0])
        let a = randomMatrix(7, 5, seed: 1)
        let blk = try a.block(rows: 2..<5, columns: 1..<4)
        for i in 0..<3 { for j in 0..<3 { #expect(blk[i, j] == a[i + 2, j + 1]) } }
        var z = Matrix.zeros(7, 5)
        try z.setBlock(at: 2, 1, to: blk)
        #expect(z[4, 3] == a[4, 3])
        #expect(z[0, 0] == 0)
        #expect(throws: MatrixError.self) { try a.block(rows: 5..<8, columns: 0..<1) }
        var c = a
        try c.setColumn(2, to: [1, 2, 3, 4, 5, 6, 7])
        #expect(c.column(2) == [1, 2, 3, 4, 5, 6, 7])
    }

    @Test func transposeOfOddShapes() {
        for (m, n) in [(1, 1), (1, 9), (33, 65), (70, 3)] {
            let a = randomMatrix(m, n, seed: UInt64(m * 100 + n))
            let t = a.transposed
            #expect(t.rows == n && t.columns == m)
            for i in 0..<m { for j in 0..<n { #expect(t[j, i] == a[i, j]) } }
        }
    }

    @Test func elementwiseArithmetic() throws {
        let a = try Matrix([[1, 2], [3, 4]])
        let b = try Matrix([[10, 20], [30, 40]])
        #expect(try (a + b).storage == [11, 33, 22, 44])
        #expect(try (b - a).storage == [9, 27, 18, 36])
        #expect((2 * a).storage == [2, 6, 4, 8])
        #expect(try a.hadamard(b).storage == [10, 90, 40, 160])
        #expect((-a).storage == [-1, -3, -2, -4])
        #expect(try a.scalingColumns(by: [1, 10]).storage == [1, 3, 20, 40])
        #expect(try a.scalingRows(by: [1, 10]).storage == [1, 30, 2, 40])
        var c = a
        try c += b
        #expect(c.storage == [11, 33, 22, 44])
        #expect(throws: MatrixError.self) { try a + Matrix.zeros(2, 3) }
    }

    @Test func norms() throws {
        let a = try Matrix([[1, -2], [-3, 4]])
        #expect(a.oneNorm == 6)       // |−2| + |4|
        #expect(a.infinityNorm == 7)  // |−3| + |4|
        #expect(abs(a.frobeniusNorm - 30.0.squareRoot()) < 1e-15)
        #expect(a.maxAbs == 4)
        #expect(a.columnSums == [-2, 2])
        #expect(a.rowSums == [-1, 1])
    }

    @Test func approximateEqualityHonoursItsTolerance() throws {
        let a = try Matrix([[1, 2], [3, 4]])
        let b = a.map { $0 * (1 + 1e-13) }
        #expect(a.isApproximatelyEqual(to: b, relativeTolerance: 1e-12))
        #expect(!a.isApproximatelyEqual(to: b, relativeTolerance: 1e-14))
        #expect(!a.isApproximatelyEqual(to: Matrix.zeros(2, 3)))
    }

    @Test func nonFiniteEntriesAreFound() throws {
        var a = Matrix.zeros(3, 3)
        #expect(a.firstNonFinite == nil)
        a[2, 1] = .infinity
        let bad = try #require(a.firstNonFinite)
        #expect(bad.row == 2 && bad.column == 1)
        #expect(throws: MatrixError.nonFinite(operation: "x", row: 2, column: 1, value: .infinity)) {
            try a.requireFinite("x")
        }
    }

    @Test func raggedRowsAndBadStorageThrow() {
        #expect(throws: MatrixError.self) { try Matrix([[1, 2], [3]]) }
        #expect(throws: MatrixError.self) { try Matrix(rows: 2, columns: 2, columnMajor: [1, 2, 3]) }
    }
}
