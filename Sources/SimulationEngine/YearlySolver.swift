import MatrixCore

/// Solves `(I − A(t))·x = y` year after year (MODEL.md §11).
///
/// Reference mode factors every year's matrix. Fast mode keeps the last factorisation `LU_old` and uses it
/// as a preconditioner for Richardson iteration, `x ← x + LU_old⁻¹·(y − (I − A)·x)`, which contracts with
/// rate `q ≤ ‖(I − A_old)⁻¹‖·‖ΔA‖`; it refactors when an iteration contracts by less than a factor 1/0.3, or
/// after 6 iterations, and stops at relative residual 1e-12. Both modes agree to 1e-10 (a test).
struct YearlySolver {
    enum Mode: Sendable { case reference, fast }
    let mode: Mode
    private(set) var factorisations = 0
    private(set) var iterations = 0
    private var lu: LUFactorization?

    init(mode: Mode) { self.mode = mode }

    /// `I − A`.
    static func leontief(_ a: Matrix) -> Matrix {
        var m = -a
        m.withUnsafeMutableStorage { p in
            let n = a.rows
            for k in 0..<n { p[k + k * n] += 1 }
        }
        return m
    }

    /// Solves for every column of `y` at once.
    mutating func solve(a: Matrix, y: Matrix) throws -> Matrix {
        let system = Self.leontief(a)
        if mode == .fast, let old = lu {
            var x = try old.solve(y)
            let yNorm = max(y.frobeniusNorm, .leastNormalMagnitude)
            var previous = Double.infinity
            for _ in 0..<6 {
                // r = y − (I − A)·x
                var r = y
                try Matrix.gemm(system, x, alpha: -1, beta: 1, into: &r)
                let rel = r.frobeniusNorm / yNorm
                iterations += 1
                if rel <= 1e-12 { return x }
                if rel > 0.3 * previous { break }
                previous = rel
                try old.solveInPlace(&r)
                try x += r
            }
        }
        let fresh = try LUFactorization(factoring: system)
        factorisations += 1
        lu = fresh
        return try fresh.solve(y)
    }
}
