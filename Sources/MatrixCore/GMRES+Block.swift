import Foundation

// One restarted cycle of right-preconditioned GMRES for k independent systems advanced together (Saad &
// Schultz 1986; Saad, "Iterative Methods for Sparse Linear Systems", 2nd ed., §6.5 and §9.3.2): each block
// step is one call of `precondition` and one of `apply` on all live systems, so that the caller can use BLAS-3
// (one dgemm, one multi-RHS triangular solve) for the block. Beside `GMRES.solve`, the single-system solver.

/// What one block cycle did.
public struct BlockGMRESCycle: Sendable, Equatable {
    /// Block steps (calls of `apply`).
    public var blockSteps: Int
    /// Arnoldi steps per system (0 for a system with a zero right-hand side).
    public var steps: [Int]
    /// Observed contraction per step of each system, `(|g_s|/β)^(1/s)` (`|g_s|` the estimated residual after
    /// `s` steps, `β` the initial one); `nil` where `steps` is 0.
    public var contraction: [Double?]
}

extension Matrix {
    /// The listed columns, in the listed order, as a contiguous `rows × columns.count` matrix.
    public func gatheringColumns(_ columns: [Int]) -> Matrix {
        let n = rows
        var out = Matrix(rows: n, columns: columns.count)
        storage.withUnsafeBufferPointer { src in
            out.withUnsafeMutableStorage { dst in
                for (k, c) in columns.enumerated() {
                    for i in 0..<n { dst[i + k * n] = src[i + c * n] }
                }
            }
        }
        return out
    }
}

extension GMRES {
    /// One cycle of right-preconditioned GMRES on `M_c·δ_c = r_c` for the `k` columns `c` of `residual`
    /// (`n × k`), all systems advanced together, adding `δ_c` to column `solutionColumns[c]` of `x`.
    ///
    /// Per block step `j`: `Z_j = P⁻¹·V_j` (`precondition`, live columns only), `W = M·Z_j` (`apply`, one
    /// operator per column), then per system modified Gram–Schmidt against `v_0 … v_j` and one Givens
    /// rotation on its Hessenberg column. A system stops when its estimated residual `|g_{j+1}|` is at most
    /// `target[c]`, on a breakdown (`h_{j+1,j} = 0`), or — when `slowContraction` is given — after three
    /// or more steps whose mean contraction `(|g_{j+1}|/β)^(1/(j+1))` exceeds it (the caller then has a better
    /// preconditioner to offer). At the end `y = R⁻¹·g` by back substitution and `x_c += Z·y` per system.
    /// - Parameters:
    ///   - residual: `r_c` per column (`n × k`).
    ///   - maxSteps: Arnoldi steps per cycle (`m ≥ 1`).
    ///   - target: per system, the estimated residual at which it stops.
    ///   - precondition: `(V, live) → Z` with `Z[:, c] = P_c⁻¹·V[:, c]` for each live column `c` (`n × k`;
    ///     the other columns are not read).
    ///   - apply: `(Z_live, live) → W` with `W[:, q] = M_{live[q]}·Z_live[:, q]` (`n × live.count`).
    ///   - x: the solutions; column `solutionColumns[c]` receives system `c`'s correction.
    /// - Returns: block steps, steps and observed contraction per system.
    public static func blockCycle(
        residual r: Matrix, maxSteps m: Int, target: [Double], slowContraction: Double?,
        precondition: (_ v: Matrix, _ live: [Int]) throws -> Matrix,
        apply: (_ z: Matrix, _ live: [Int]) throws -> Matrix,
        x: inout Matrix, solutionColumns: [Int]
    ) throws -> BlockGMRESCycle {
        let n = r.rows, k = r.columns
        guard m >= 1, target.count == k, solutionColumns.count == k, x.rows == n else {
            throw MatrixError.dimensionMismatch(
                operation: "GMRES.blockCycle", expected: "m ≥ 1, \(k) targets and solution columns, x with \(n) rows",
                got: "m \(m), \(target.count) targets, \(solutionColumns.count) columns, x \(x.rows) rows")
        }
        var state = BlockArnoldi(residual: r)
        var precond: [Matrix] = []      // Z_j = P⁻¹·V_j, n × k (live columns only)
        var live = (0..<k).filter { state.beta[$0] > 0 }
        var blockSteps = 0
        for j in 0..<m where !live.isEmpty {
            let z = try precondition(state.basis[j], live)
            let w = try apply(z.gatheringColumns(live), live)
            blockSteps += 1
            live = state.step(j, operatorColumns: w, live: live, target: target, slowContraction: slowContraction)
            precond.append(z)
        }
        state.addCorrections(precond, into: &x, columns: solutionColumns)
        return BlockGMRESCycle(blockSteps: blockSteps, steps: state.steps, contraction: state.contractions)
    }
}

/// The Arnoldi state of the systems of one block cycle: bases, rotated Hessenberg columns, Givens rotations
/// and residual estimates per system.
private struct BlockArnoldi {
    let n: Int, k: Int
    var beta: [Double]
    var basis: [Matrix]                 // V_j, n × k
    var rcols: [[[Double]]]             // rotated Hessenberg columns per system
    var cs: [[Double]], sn: [[Double]]
    var g: [[Double]]
    var steps: [Int]

    init(residual r: Matrix) {
        let n = r.rows, k = r.columns
        self.n = n
        self.k = k
        var b = [Double](repeating: 0, count: k)
        var v0 = r
        v0.withUnsafeMutableStorage { p in
            for c in 0..<k {
                var s = 0.0
                for i in 0..<n { s += p[i + c * n] * p[i + c * n] }
                b[c] = s.squareRoot()
                if b[c] > 0 { let inv = 1 / b[c]; for i in 0..<n { p[i + c * n] *= inv } }
            }
        }
        beta = b
        basis = [v0]
        rcols = [[[Double]]](repeating: [], count: k)
        cs = [[Double]](repeating: [], count: k)
        sn = cs
        g = b.map { [$0] }
        steps = [Int](repeating: 0, count: k)
    }

    /// Step `j` for the live systems given `w[:, q] = M·z` of live column `live[q]`: orthogonalise, rotate,
    /// and return the systems that go on.
    mutating func step(_ j: Int, operatorColumns w: Matrix, live: [Int], target: [Double], slowContraction: Double?) -> [Int] {
        var next = Matrix(rows: n, columns: k)
        var stillLive: [Int] = []
        let n = self.n
        next.withUnsafeMutableStorage { vp in
            w.storage.withUnsafeBufferPointer { wp in
                for (q, c) in live.enumerated() {
                    let o = c * n
                    for i in 0..<n { vp[o + i] = wp[i + q * n] }
                    var col = [Double](repeating: 0, count: j + 2)
                    for l in 0...j {
                        basis[l].storage.withUnsafeBufferPointer { bp in
                            var hij = 0.0
                            for i in 0..<n { hij += bp[o + i] * vp[o + i] }
                            for i in 0..<n { vp[o + i] -= hij * bp[o + i] }
                            col[l] = hij
                        }
                    }
                    var hn = 0.0
                    for i in 0..<n { hn += vp[o + i] * vp[o + i] }
                    hn = hn.squareRoot()
                    if hn > 0 { let inv = 1 / hn; for i in 0..<n { vp[o + i] *= inv } }
                    col[j + 1] = hn
                    let (rr, est) = rotate(&col, system: c, step: j, hn: hn)
                    let rate = pow(est / beta[c], 1 / Double(j + 1))
                    if est <= target[c] || hn == 0 || rr == 0 { continue }
                    if let slow = slowContraction, j >= 2, rate > slow { continue }
                    stillLive.append(c)
                }
            }
        }
        basis.append(next)
        return stillLive
    }

    /// Applies the earlier rotations of system `c` to its new Hessenberg column, forms the new rotation,
    /// updates `g`; returns the new diagonal `r_jj` and the estimated residual `|g_{j+1}|`.
    private mutating func rotate(_ col: inout [Double], system c: Int, step j: Int, hn: Double) -> (Double, Double) {
        for l in 0..<j {
            let tmp = cs[c][l] * col[l] + sn[c][l] * col[l + 1]
            col[l + 1] = -sn[c][l] * col[l] + cs[c][l] * col[l + 1]
            col[l] = tmp
        }
        let rr = (col[j] * col[j] + hn * hn).squareRoot()
        let cj = rr > 0 ? col[j] / rr : 1, sj = rr > 0 ? hn / rr : 0
        col[j] = rr
        cs[c].append(cj); sn[c].append(sj)
        g[c].append(-sj * g[c][j])
        g[c][j] *= cj
        rcols[c].append(Array(col[0...j]))
        steps[c] = j + 1
        return (rr, abs(g[c][j + 1]))
    }

    /// `δ_c = Z·y` with `R·y = g` (back substitution) per system, added to `x[:, columns[c]]`.
    func addCorrections(_ precond: [Matrix], into x: inout Matrix, columns: [Int]) {
        let n = self.n
        x.withUnsafeMutableStorage { xp in
            for c in 0..<k where steps[c] > 0 {
                let t = columns[c], s = steps[c]
                var yv = [Double](repeating: 0, count: s)
                for i in stride(from: s - 1, through: 0, by: -1) {
                    var acc = g[c][i]
                    for l in (i + 1)..<s { acc -= rcols[c][l][i] * yv[l] }
                    yv[i] = rcols[c][i][i] != 0 ? acc / rcols[c][i][i] : 0
                }
                for l in 0..<s {
                    precond[l].storage.withUnsafeBufferPointer { zp in
                        for i in 0..<n { xp[i + t * n] += yv[l] * zp[i + c * n] }
                    }
                }
            }
        }
    }

    var contractions: [Double?] {
        (0..<k).map { c in steps[c] > 0 ? pow(abs(g[c][steps[c]]) / beta[c], 1 / Double(steps[c])) : nil }
    }
}
