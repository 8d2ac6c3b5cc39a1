// Level-1 and level-2 BLAS on Swift arrays, with shapes checked at this public boundary.

/// Vector operations on `[Double]`, each one BLAS call.
public enum BLAS {
    /// `y ← α·x + y`. The corresponding C function is `cblas_daxpy`.
    /// - Throws: `MatrixError.dimensionMismatch` when `x.count != y.count`.
    public static func axpy(_ alpha: Double, _ x: [Double], _ y: inout [Double]) throws {
        guard x.count == y.count else {
            throw MatrixError.dimensionMismatch(operation: "axpy", expected: "\(y.count)", got: "\(x.count)")
        }
        let n = x.count
        guard n > 0 else { return }
        x.withUnsafeBufferPointer { xp in
            y.withUnsafeMutableBufferPointer { yp in _daxpy(n: n, alpha: alpha, x: xp.baseAddress!, y: yp.baseAddress!) }
        }
    }

    /// `xᵀy`. The corresponding C function is `cblas_ddot`.
    /// - Throws: `MatrixError.dimensionMismatch` when the lengths differ.
    public static func dot(_ x: [Double], _ y: [Double]) throws -> Double {
        guard x.count == y.count else {
            throw MatrixError.dimensionMismatch(operation: "dot", expected: "\(x.count)", got: "\(y.count)")
        }
        guard !x.isEmpty else { return 0 }
        return x.withUnsafeBufferPointer { xp in
            y.withUnsafeBufferPointer { yp in _ddot(n: x.count, x: xp.baseAddress!, y: yp.baseAddress!) }
        }
    }

    /// `‖x‖₂`, scaled so that it does not overflow. The corresponding C function is `cblas_dnrm2`.
    public static func nrm2(_ x: [Double]) -> Double {
        guard !x.isEmpty else { return 0 }
        return x.withUnsafeBufferPointer { _dnrm2(n: x.count, x: $0.baseAddress!) }
    }

    /// `x ← α·x`. The corresponding C function is `cblas_dscal`.
    public static func scal(_ alpha: Double, _ x: inout [Double]) {
        let n = x.count
        guard n > 0 else { return }
        x.withUnsafeMutableBufferPointer { _dscal(n: n, alpha: alpha, x: $0.baseAddress!) }
    }
}

extension Matrix {
    /// General matrix product `C ← α·op(A)·op(B) + β·C`, with `op(X)` = `X` or `Xᵀ`.
    ///
    /// The corresponding C function is `cblas_dgemm`; cost `2·m·n·k` flops.
    /// - Throws: `MatrixError.dimensionMismatch` when the inner dimensions or `C`'s shape disagree.
    public static func gemm(
        _ a: Matrix, transposeA: Bool = false, _ b: Matrix, transposeB: Bool = false,
        alpha: Double = 1, beta: Double = 0, into c: inout Matrix
    ) throws {
        let m = transposeA ? a.columns : a.rows
        let k = transposeA ? a.rows : a.columns
        let kb = transposeB ? b.columns : b.rows
        let n = transposeB ? b.rows : b.columns
        guard k == kb, c.rows == m, c.columns == n else {
            throw MatrixError.dimensionMismatch(
                operation: "gemm", expected: "op(A) \(m)×\(k), op(B) \(k)×\(n), C \(m)×\(n)",
                got: "op(B) \(kb)×\(n), C \(c.rows)×\(c.columns)")
        }
        guard m > 0, n > 0 else { return }
        if k == 0 {  // BLAS leaves C·β; make it explicit.
            c = c * beta
            return
        }
        let lda = a.rows, ldb = b.rows, ldc = c.rows
        a.storage.withUnsafeBufferPointer { ap in
            b.storage.withUnsafeBufferPointer { bp in
                c.storage.withUnsafeMutableBufferPointer { cp in
                    _dgemm(
                        transA: transposeA, transB: transposeB, m: m, n: n, k: k, alpha: alpha,
                        a: ap.baseAddress!, lda: lda, b: bp.baseAddress!, ldb: ldb, beta: beta,
                        c: cp.baseAddress!, ldc: ldc)
                }
            }
        }
    }

    /// `op(A)·op(B)` as a new matrix (one `dgemm`).
    public func multiplied(
        by b: Matrix, transposeSelf: Bool = false, transposeOther: Bool = false
    ) throws -> Matrix {
        var c = Matrix(rows: transposeSelf ? columns : rows, columns: transposeOther ? b.rows : b.columns)
        try Matrix.gemm(self, transposeA: transposeSelf, b, transposeB: transposeOther, into: &c)
        return c
    }

    /// `A·B` (one `dgemm`).
    public static func * (lhs: Matrix, rhs: Matrix) throws -> Matrix { try lhs.multiplied(by: rhs) }

    /// `y ← α·op(A)·x + β·y`. The corresponding C function is `cblas_dgemv`.
    /// - Throws: `MatrixError.dimensionMismatch` when `x` or `y` have the wrong length.
    public func gemv(
        _ x: [Double], transposed: Bool = false, alpha: Double = 1, beta: Double = 0, into y: inout [Double]
    ) throws {
        let m = transposed ? columns : rows
        let n = transposed ? rows : columns
        guard x.count == n, y.count == m else {
            throw MatrixError.dimensionMismatch(
                operation: "gemv", expected: "x \(n), y \(m)", got: "x \(x.count), y \(y.count)")
        }
        guard m > 0 else { return }
        if n == 0 { BLAS.scal(beta, &y); return }
        let (r, c) = (rows, columns)
        storage.withUnsafeBufferPointer { ap in
            x.withUnsafeBufferPointer { xp in
                y.withUnsafeMutableBufferPointer { yp in
                    _dgemv(
                        trans: transposed, m: r, n: c, alpha: alpha, a: ap.baseAddress!, lda: r,
                        x: xp.baseAddress!, beta: beta, y: yp.baseAddress!)
                }
            }
        }
    }

    /// `op(A)·x` as a new vector (one `dgemv`).
    public func applied(to x: [Double], transposed: Bool = false) throws -> [Double] {
        var y = [Double](repeating: 0, count: transposed ? columns : rows)
        try gemv(x, transposed: transposed, into: &y)
        return y
    }

    /// `A·x` (one `dgemv`).
    public static func * (lhs: Matrix, rhs: [Double]) throws -> [Double] { try lhs.applied(to: rhs) }
}
