// Level-3 BLAS on blocks of larger column-major buffers, without copying (for structured operators whose
// blocks are small, e.g. the 42 × 42 regional blocks of a Chenery–Moses MRIO).

extension BLAS {
    /// `C ← α·op(A)·op(B) + β·C` on raw column-major buffers with leading dimensions. The corresponding C
    /// function is `cblas_dgemm`.
    ///
    /// This is the unchecked form for hot loops over blocks: the caller guarantees that `a` holds an
    /// `op(A)` of `m × k` with leading dimension `lda`, `b` an `op(B)` of `k × n` with `ldb`, and `c` an
    /// `m × n` block with `ldc`. Use `BLAS.gemm(_:_:into:)` on `Matrix` values everywhere else.
    @inlinable
    public static func gemmBlock(
        m: Int, n: Int, k: Int, alpha: Double = 1,
        _ a: UnsafePointer<Double>, lda: Int, transposeA: Bool = false,
        _ b: UnsafePointer<Double>, ldb: Int, transposeB: Bool = false,
        beta: Double = 0, into c: UnsafeMutablePointer<Double>, ldc: Int
    ) {
        guard m > 0, n > 0 else { return }
        if k == 0 {
            for j in 0..<n { for i in 0..<m { c[i + j * ldc] *= beta } }
            return
        }
        _gemmBlock(transA: transposeA, transB: transposeB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda, b: b, ldb: ldb,
                   beta: beta, c: c, ldc: ldc)
    }

    @usableFromInline
    static func _gemmBlock(
        transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Double,
        a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int,
        beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int
    ) {
        if n == 1 && !transB {
            // One column: a matrix–vector product (no packing of A).
            _dgemv(trans: transA, m: transA ? k : m, n: transA ? m : k, alpha: alpha, a: a, lda: lda, x: b, beta: beta, y: c)
        } else {
            _dgemm(transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda, b: b, ldb: ldb,
                   beta: beta, c: c, ldc: ldc)
        }
    }
}
