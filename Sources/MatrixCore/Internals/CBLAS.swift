// The BLAS boundary of Chengyu: one internal Swift function per C routine, in the manner of
// swift-system's `Internals/Syscalls.swift`. Nothing outside this folder imports COpenBLAS.
// All matrices are column-major; leading dimensions are at least 1 as BLAS requires.
internal import COpenBLAS

/// `C ← α·op(A)·op(B) + β·C`. The corresponding C function is `cblas_dgemm`.
@inline(__always)
func _dgemm(
    transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Double,
    a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int,
    beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int
) {
    cblas_dgemm(
        CblasColMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
        Int32(m), Int32(n), Int32(k), alpha, a, Int32(max(lda, 1)), b, Int32(max(ldb, 1)),
        beta, c, Int32(max(ldc, 1)))
}

/// `y ← α·op(A)·x + β·y`. The corresponding C function is `cblas_dgemv`.
@inline(__always)
func _dgemv(
    trans: Bool, m: Int, n: Int, alpha: Double, a: UnsafePointer<Double>, lda: Int,
    x: UnsafePointer<Double>, beta: Double, y: UnsafeMutablePointer<Double>
) {
    cblas_dgemv(
        CblasColMajor, trans ? CblasTrans : CblasNoTrans, Int32(m), Int32(n), alpha, a,
        Int32(max(lda, 1)), x, 1, beta, y, 1)
}

/// `y ← α·x + y`. The corresponding C function is `cblas_daxpy`.
@inline(__always)
func _daxpy(n: Int, alpha: Double, x: UnsafePointer<Double>, y: UnsafeMutablePointer<Double>) {
    cblas_daxpy(Int32(n), alpha, x, 1, y, 1)
}

/// `xᵀy`. The corresponding C function is `cblas_ddot`.
@inline(__always)
func _ddot(n: Int, x: UnsafePointer<Double>, y: UnsafePointer<Double>) -> Double {
    cblas_ddot(Int32(n), x, 1, y, 1)
}

/// `‖x‖₂` without overflow. The corresponding C function is `cblas_dnrm2`.
@inline(__always)
func _dnrm2(n: Int, x: UnsafePointer<Double>) -> Double {
    cblas_dnrm2(Int32(n), x, 1)
}

/// `x ← α·x`. The corresponding C function is `cblas_dscal`.
@inline(__always)
func _dscal(n: Int, alpha: Double, x: UnsafeMutablePointer<Double>) {
    cblas_dscal(Int32(n), alpha, x, 1)
}

/// The number of threads OpenBLAS uses. The corresponding C function is `openblas_get_num_threads`.
func _openblasGetNumThreads() -> Int { Int(openblas_get_num_threads()) }

/// Sets the number of OpenBLAS threads. The corresponding C function is `openblas_set_num_threads`.
func _openblasSetNumThreads(_ n: Int) { openblas_set_num_threads(Int32(n)) }

/// OpenBLAS's build configuration string. The corresponding C function is `openblas_get_config`.
func _openblasConfig() -> String {
    guard let p = openblas_get_config() else { return "unknown" }
    return String(cString: p)
}

/// The CPU kernel OpenBLAS chose at start-up. The corresponding C function is `openblas_get_corename`.
func _openblasCorename() -> String {
    guard let p = openblas_get_corename() else { return "unknown" }
    return String(cString: p)
}
