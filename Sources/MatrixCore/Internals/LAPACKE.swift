// The LAPACK boundary of Chengyu: one internal Swift function per LAPACKE routine, column-major only
// (row-major LAPACKE calls copy and transpose). `lapack_int` is a macro invisible to Swift: it is `Int32`
// here (LP64 OpenBLAS). LAPACKE's own NaN check is switched off: finiteness is checked where inputs enter
// MatrixCore (see `Matrix.firstNonFinite`), which halves the cost of a one-RHS solve at n = 1,764.
internal import COpenBLAS

/// Turns LAPACKE's input NaN scan off; idempotent. The corresponding C function is `LAPACKE_set_nancheck`.
func _lapackeDisableNaNCheck() { LAPACKE_set_nancheck(0) }

/// LU factorisation with partial pivoting, in place. Returns LAPACK's `info`.
/// The corresponding C function is `LAPACKE_dgetrf`.
func _dgetrf(m: Int, n: Int, a: UnsafeMutablePointer<Double>, lda: Int, ipiv: UnsafeMutablePointer<Int32>) -> Int32 {
    LAPACKE_dgetrf(LAPACK_COL_MAJOR, Int32(m), Int32(n), a, Int32(max(lda, 1)), ipiv)
}

/// Solves `op(A)·X = B` with the factors of `dgetrf`. The corresponding C function is `LAPACKE_dgetrs`.
func _dgetrs(
    transposed: Bool, n: Int, nrhs: Int, a: UnsafePointer<Double>, lda: Int, ipiv: UnsafePointer<Int32>,
    b: UnsafeMutablePointer<Double>, ldb: Int
) -> Int32 {
    LAPACKE_dgetrs(
        LAPACK_COL_MAJOR, transposed ? CChar(UInt8(ascii: "T")) : CChar(UInt8(ascii: "N")), Int32(n),
        Int32(nrhs), a, Int32(max(lda, 1)), ipiv, b, Int32(max(ldb, 1)))
}

/// Reciprocal condition number in the 1-norm from the LU factors. The corresponding C function is
/// `LAPACKE_dgecon`.
func _dgecon(n: Int, a: UnsafePointer<Double>, lda: Int, anorm: Double, rcond: inout Double) -> Int32 {
    LAPACKE_dgecon(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "1")), Int32(n), a, Int32(max(lda, 1)), anorm, &rcond)
}

/// Inverse from the LU factors, in place. The corresponding C function is `LAPACKE_dgetri`.
func _dgetri(n: Int, a: UnsafeMutablePointer<Double>, lda: Int, ipiv: UnsafePointer<Int32>) -> Int32 {
    LAPACKE_dgetri(LAPACK_COL_MAJOR, Int32(n), a, Int32(max(lda, 1)), ipiv)
}

/// Single-precision LU factorisation in place. The corresponding C function is `LAPACKE_sgetrf`.
func _sgetrf(m: Int, n: Int, a: UnsafeMutablePointer<Float>, lda: Int, ipiv: UnsafeMutablePointer<Int32>) -> Int32 {
    LAPACKE_sgetrf(LAPACK_COL_MAJOR, Int32(m), Int32(n), a, Int32(max(lda, 1)), ipiv)
}

/// Single-precision solve with the factors of `sgetrf`. The corresponding C function is `LAPACKE_sgetrs`.
func _sgetrs(
    transposed: Bool, n: Int, nrhs: Int, a: UnsafePointer<Float>, lda: Int, ipiv: UnsafePointer<Int32>,
    b: UnsafeMutablePointer<Float>, ldb: Int
) -> Int32 {
    LAPACKE_sgetrs(
        LAPACK_COL_MAJOR, transposed ? CChar(UInt8(ascii: "T")) : CChar(UInt8(ascii: "N")), Int32(n),
        Int32(nrhs), a, Int32(max(lda, 1)), ipiv, b, Int32(max(ldb, 1)))
}
