@testable import MatrixCore

/// A random dense matrix with entries uniform in [−0.5, 0.5), made diagonally dominant when asked
/// (which bounds κ∞ by a small constant, so residual bounds below can be stated).
func randomMatrix(_ m: Int, _ n: Int, seed: UInt64, dominant: Bool = false) -> Matrix {
    var rng = SplitMix64(seed: seed)
    var a = Matrix(rows: m, columns: n)
    for k in 0..<(m * n) { a.storage[k] = rng.nextUniform() - 0.5 }
    if dominant { for i in 0..<min(m, n) { a[i, i] += Double(n) / 2 + 1 } }
    return a
}

/// `C = op(A)·op(B)` by the textbook triple loop, the independent reference for gemm.
func naiveProduct(_ a: Matrix, _ ta: Bool, _ b: Matrix, _ tb: Bool) -> Matrix {
    let m = ta ? a.columns : a.rows, k = ta ? a.rows : a.columns, n = tb ? b.rows : b.columns
    var c = Matrix(rows: m, columns: n)
    for i in 0..<m {
        for j in 0..<n {
            var s = 0.0
            for p in 0..<k { s += (ta ? a[p, i] : a[i, p]) * (tb ? b[j, p] : b[p, j]) }
            c[i, j] = s
        }
    }
    return c
}
