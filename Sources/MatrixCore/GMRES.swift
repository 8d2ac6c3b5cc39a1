// Restarted GMRES with right preconditioning, for systems given as an operator (Saad & Schultz 1986;
// Saad, "Iterative Methods for Sparse Linear Systems", 2nd ed., §9.3.2, flexible variant §9.4.1).

/// How an iterative solve ended.
public struct KrylovSolveReport: Sendable, Equatable {
    /// Operator applications (one per Arnoldi step, plus one per restart for the true residual).
    public var iterations: Int
    /// `‖b − M·x‖₂ / ‖b‖₂` of the returned `x`, recomputed from `M` (not the Arnoldi estimate).
    public var relativeResidual: Double
    public var converged: Bool
}

/// Scratch space of `GMRES.solve`, allocated once and reused across solves of the same order
/// (no allocation inside the iteration).
public struct GMRESWorkspace: Sendable {
    public let order: Int
    public let restart: Int
    var v: [Double]      // Krylov basis, n × (m + 1)
    var z: [Double]      // preconditioned basis P⁻¹·v_j, n × m (flexible GMRES: x += Z·y)
    var h: [Double]      // Hessenberg, (m + 1) × m, column-major
    var cs: [Double], sn: [Double], g: [Double], y: [Double]
    var r: [Double]      // residual / work vector, n

    public init(order n: Int, restart m: Int = 30) {
        precondition(n >= 0 && m >= 1, "GMRESWorkspace: order ≥ 0 and restart ≥ 1")
        order = n; restart = m
        v = [Double](repeating: 0, count: n * (m + 1))
        z = [Double](repeating: 0, count: n * m)
        h = [Double](repeating: 0, count: (m + 1) * m)
        cs = [Double](repeating: 0, count: m); sn = cs; y = cs
        g = [Double](repeating: 0, count: m + 1)
        r = [Double](repeating: 0, count: n)
    }
}

public enum GMRES {
    /// Solves `M·x = b` by restarted GMRES(m) with right preconditioning `M·P⁻¹·u = b`, `x = P⁻¹·u`.
    ///
    /// The iteration stops when the true relative residual `‖b − M·x‖₂/‖b‖₂` is at most `tolerance`
    /// (checked with `M` at every restart and at the end, so the result never rests on the Arnoldi
    /// estimate alone), or after `maxIterations` operator applications (plus one: the true residual of the
    /// returned `x` is always recomputed). Right preconditioning minimises
    /// the true residual, so the preconditioner's own accuracy does not limit the result.
    /// - Parameters:
    ///   - b: right-hand side (length `n`).
    ///   - x: on entry the initial guess (a warm start, e.g. last year's solution); on exit the solution.
    ///   - apply: `out ← M·v`.
    ///   - precondition: `out ← P⁻¹·v` (the identity when `nil`).
    ///   - scaleStart: replace the initial guess by its best multiple `α·x`, `α = ⟨b, M·x⟩/⟨M·x, M·x⟩` (the smallest
    ///     residual along `x`), from the first residual's product, so free: a warm start that moved mostly by a
    ///     common factor (growth, inflation) starts closer. Ignored when `α` is not finite and positive.
    ///   - preconditionedApply: `(v, z, w)`: `z ← P⁻¹·v` and `w ← M·z` in one step, for an operator whose product with
    ///     the preconditioner is cheaper than the two apart (block Jacobi: `M·P⁻¹ = I − C·P⁻¹`, `C` the off-block part).
    ///     Used by the Arnoldi steps instead of `precondition` then `apply`; the true residuals still use `apply`.
    /// - Returns: iterations, final relative residual and whether it reached `tolerance`.
    public static func solve(
        _ b: [Double], _ x: inout [Double], tolerance: Double, maxIterations: Int = 500,
        workspace ws: inout GMRESWorkspace,
        apply: (UnsafePointer<Double>, UnsafeMutablePointer<Double>) throws -> Void,
        precondition: ((UnsafePointer<Double>, UnsafeMutablePointer<Double>) throws -> Void)? = nil,
        scaleStart: Bool = false,
        preconditionedApply: ((UnsafePointer<Double>, UnsafeMutablePointer<Double>, UnsafeMutablePointer<Double>) throws -> Void)? = nil
    ) throws -> KrylovSolveReport {
        let n = ws.order, m = ws.restart
        guard b.count == n, x.count == n else {
            throw MatrixError.dimensionMismatch(operation: "GMRES.solve", expected: "b and x of length \(n)", got: "\(b.count), \(x.count)")
        }
        let bNorm = BLAS.nrm2(b)
        if bNorm == 0 {
            for i in 0..<n { x[i] = 0 }
            return KrylovSolveReport(iterations: 0, relativeResidual: 0, converged: true)
        }
        guard bNorm.isFinite else {
            let k = b.firstIndex { !$0.isFinite } ?? 0
            throw MatrixError.nonFinite(operation: "GMRES.solve (right-hand side)", row: k, column: 0, value: b[k])
        }
        // Move the buffers out of the workspace (no copy: each is then uniquely referenced) and back at the end.
        var v = ws.v, z = ws.z, h = ws.h, cs = ws.cs, sn = ws.sn, g = ws.g, y = ws.y, r = ws.r
        ws.v = []; ws.z = []; ws.h = []; ws.cs = []; ws.sn = []; ws.g = []; ws.y = []; ws.r = []
        defer { ws.v = v; ws.z = z; ws.h = h; ws.cs = cs; ws.sn = sn; ws.g = g; ws.y = y; ws.r = r }
        var iterations = 0
        var relative = Double.infinity
        while true {
            // r = b − M·x (the true residual)
            try x.withUnsafeBufferPointer { xp in try r.withUnsafeMutableBufferPointer { rp in try apply(xp.baseAddress!, rp.baseAddress!) } }
            if scaleStart && iterations == 0 { rescale(&x, product: &r, toward: b) }
            iterations += 1
            for i in 0..<n { r[i] = b[i] - r[i] }
            let beta = BLAS.nrm2(r)
            relative = beta / bNorm
            guard relative.isFinite else {
                let k = r.firstIndex { !$0.isFinite } ?? 0
                throw MatrixError.nonFinite(operation: "GMRES.solve (residual)", row: k, column: 0, value: r[k])
            }
            if relative <= tolerance || iterations >= maxIterations {
                return KrylovSolveReport(iterations: iterations, relativeResidual: relative, converged: relative <= tolerance)
            }
            // Arnoldi with modified Gram–Schmidt and Givens rotations.
            for i in 0..<n { v[i] = r[i] / beta }
            for i in 0...m { g[i] = 0 }
            g[0] = beta
            var k = 0
            try v.withUnsafeMutableBufferPointer { vp in
                try z.withUnsafeMutableBufferPointer { zp in
                    try h.withUnsafeMutableBufferPointer { hp in
                        let v = vp.baseAddress!, z = zp.baseAddress!, h = hp.baseAddress!
                        while k < m && iterations < maxIterations {
                            let vk = v + k * n, zk = z + k * n, w = v + (k + 1) * n
                            if let preconditionedApply {
                                try preconditionedApply(UnsafePointer(vk), zk, w)
                            } else {
                                if let precondition { try precondition(UnsafePointer(vk), zk) } else { zk.update(from: vk, count: n) }
                                try apply(UnsafePointer(zk), w)
                            }
                            iterations += 1
                            let norm = arnoldiColumn(k, order: n, restart: m, basis: v, hessenberg: h, cs: &cs, sn: &sn, g: &g)
                            k += 1
                            // Stop a little below the target so that the true residual (checked at the restart) meets it.
                            if abs(g[k]) <= 0.5 * tolerance * bNorm || norm == 0 { break }
                        }
                        update(&x, steps: k, hessenberg: h, rows: m + 1, g: g, y: &y, directions: z)
                    }
                }
            }
        }
    }

    /// Arnoldi step `k` after `w = v_{k+1} ← M·P⁻¹·v_k`: orthogonalises `w` against `v_0…v_k` (modified Gram–Schmidt)
    /// into column `k` of `H` (leading dimension `m + 1`), normalises it, applies the earlier Givens rotations and a
    /// new one (`cs[k]`, `sn[k]`) to that column and rotates `g`. Returns `‖w‖` before the normalisation (0: breakdown,
    /// the Krylov space is invariant).
    static func arnoldiColumn(
        _ k: Int, order n: Int, restart m: Int, basis v: UnsafeMutablePointer<Double>, hessenberg h: UnsafeMutablePointer<Double>,
        cs: inout [Double], sn: inout [Double], g: inout [Double]
    ) -> Double {
        let w = v + (k + 1) * n
        for i in 0...k {
            let vi = v + i * n
            var dot = 0.0
            for t in 0..<n { dot += vi[t] * w[t] }
            h[i + k * (m + 1)] = dot
            for t in 0..<n { w[t] -= dot * vi[t] }
        }
        var norm = 0.0
        for t in 0..<n { norm += w[t] * w[t] }
        norm = norm.squareRoot()
        h[k + 1 + k * (m + 1)] = norm
        if norm > 0 { for t in 0..<n { w[t] /= norm } }
        for i in 0..<k {  // earlier rotations on the new column
            let a = h[i + k * (m + 1)], c = h[i + 1 + k * (m + 1)]
            h[i + k * (m + 1)] = cs[i] * a + sn[i] * c
            h[i + 1 + k * (m + 1)] = -sn[i] * a + cs[i] * c
        }
        let a = h[k + k * (m + 1)], c = h[k + 1 + k * (m + 1)]
        let rho = (a * a + c * c).squareRoot()
        cs[k] = rho > 0 ? a / rho : 1
        sn[k] = rho > 0 ? c / rho : 0
        h[k + k * (m + 1)] = rho
        h[k + 1 + k * (m + 1)] = 0
        g[k + 1] = -sn[k] * g[k]
        g[k] = cs[k] * g[k]
        return norm
    }

    /// `y = H⁻¹·g` (the rotated Hessenberg matrix, upper triangular `k × k`, leading dimension `rows`), then `x += Z·y`
    /// over the first `k` preconditioned directions `Z` (columns of length `n = x.count`).
    static func update(
        _ x: inout [Double], steps k: Int, hessenberg h: UnsafeMutablePointer<Double>, rows: Int, g: [Double], y: inout [Double],
        directions z: UnsafeMutablePointer<Double>
    ) {
        let n = x.count
        for i in stride(from: k - 1, through: 0, by: -1) {
            var s = g[i]
            for j in (i + 1)..<max(k, i + 1) { s -= h[i + j * rows] * y[j] }
            y[i] = h[i + i * rows] != 0 ? s / h[i + i * rows] : 0
        }
        for j in 0..<k {
            let yj = y[j], zj = z + j * n
            x.withUnsafeMutableBufferPointer { xp in for t in 0..<n { xp[t] += yj * zj[t] } }
        }
    }

    /// `x ← α·x`, `M·x ← α·M·x` with `α = ⟨b, M·x⟩/⟨M·x, M·x⟩` when finite and positive.
    static func rescale(_ x: inout [Double], product mx: inout [Double], toward b: [Double]) {
        var bw = 0.0, ww = 0.0
        for i in 0..<b.count { bw += b[i] * mx[i]; ww += mx[i] * mx[i] }
        let alpha = bw / ww
        guard alpha.isFinite, alpha > 0 else { return }
        for i in 0..<b.count { x[i] *= alpha; mx[i] *= alpha }
    }
}
