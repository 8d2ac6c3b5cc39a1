import MatrixCore

/// The state of one `InputOutput.projectedGrossOutput` solve: the iterates, the kept factorisations (anchors)
/// and the per-year bookkeeping, with one method per step of the algorithm the public function documents.
struct LeontiefProjectionSolve {
    let a0: Matrix, d: Matrix, y: Matrix
    let options: LeontiefProjectionOptions
    let n: Int, years: Int
    /// `‖y_t‖₂` per year.
    let yNorm: [Double]

    var x: Matrix
    var residuals: [Double]
    var iterations: [Int]
    var anchorOfYear: [Int]
    /// Years not yet converged (zero-demand years never are).
    var active: [Int]
    var blockIterations = 0

    // Anchors: the kept factorisations and their row scalings D̄. The anchors are preconditioners only
    // (every year's true residual is checked in double precision), so they are factored in single
    // precision (sgetrf/sgetrs): half the memory traffic, 1.5× faster at n = 1,764 (0.090 s against
    // 0.136 s for the 17-year benchmark), same iteration counts.
    var anchorScaling: [[Double]] = []
    var anchorLU: [SinglePrecisionLU?] = []
    var factorizations = 0, directSolves = 0
    var ownAnchor: [Bool]

    var previous: [Double]
    /// Observed contraction `q_t` of the last step.
    var contraction: [Double]
    /// Corrections with the current anchor.
    var sinceAnchor: [Int]

    init(a0: Matrix, d: Matrix, y: Matrix, options: LeontiefProjectionOptions) {
        self.a0 = a0
        self.d = d
        self.y = y
        self.options = options
        let n = a0.rows, years = d.columns
        self.n = n
        self.years = years
        yNorm = (0..<years).map { t in y.storage.withUnsafeBufferPointer { norm2($0, from: t * n, count: n) } }
        x = Matrix(rows: n, columns: years)
        residuals = [Double](repeating: 0, count: years)
        iterations = [Int](repeating: 0, count: years)
        anchorOfYear = [Int](repeating: 0, count: years)
        active = (0..<years).filter { [yNorm] in yNorm[$0] > 0 }
        ownAnchor = [Bool](repeating: false, count: years)
        previous = [Double](repeating: .infinity, count: years)
        contraction = [Double](repeating: 0, count: years)
        sinceAnchor = [Int](repeating: 0, count: years)
    }

    var result: LeontiefProjectionResult {
        LeontiefProjectionResult(
            grossOutput: x, relativeResiduals: residuals, iterations: iterations, blockIterations: blockIterations,
            factorizations: factorizations, directSolves: directSolves, anchorOfYear: anchorOfYear)
    }

    /// Runs the solve to convergence of every year (or throws).
    mutating func run() throws {
        guard n > 0, !active.isEmpty else { return }
        let first = try addAnchor(options.anchor == .base ? [Double](repeating: 1, count: n) : midrange(active))
        for t in active { anchorOfYear[t] = first }
        let gmres = options.iteration == .gmres
        var xIsZero = gmres
        if !gmres { try correct(y.gatheringColumns(active), active) }
        while !active.isEmpty {
            var pass = try residualPass(xIsZero: xIsZero)
            xIsZero = false
            active = pass.still
            if active.isEmpty { break }
            if !pass.slow.isEmpty {
                try refactor(pass.slow, &pass.r, Dictionary(uniqueKeysWithValues: zip(pass.still, pass.stillColumns)))
            }
            if gmres {
                blockIterations += try gmresCycle(pass.r.gatheringColumns(pass.stillColumns), active)
            } else {
                try correct(pass.r.gatheringColumns(pass.stillColumns), active)
                for t in active { sinceAnchor[t] += 1 }
                blockIterations += 1
            }
        }
    }

    /// Factors `I − D̄·A₀` (single precision) and keeps it as an anchor; returns its index.
    mutating func addAnchor(_ dbar: [Double]) throws -> Int {
        let m = Matrix.identityMinus(try wrappingMatrixErrors { try a0.scalingRows(by: dbar) })  // I − D̄·A₀
        factorizations += 1
        anchorLU.append(try wrappingMatrixErrors { try SinglePrecisionLU(factoring: m) })
        anchorScaling.append(dbar)
        return anchorLU.count - 1
    }

    /// Per row, the midrange `(min + max)/2` of the listed years' row scalings.
    func midrange(_ ts: [Int]) -> [Double] {
        let n = self.n
        return d.storage.withUnsafeBufferPointer { p in
            (0..<n).map { i in
                var lo = Double.infinity, hi = -Double.infinity
                for t in ts { lo = min(lo, p[i + t * n]); hi = max(hi, p[i + t * n]) }
                return (lo + hi) / 2
            }
        }
    }

    func diverging(_ t: Int) -> Bool { !residuals[t].isFinite || contraction[t] >= 1 }

    /// Solves the listed years' columns of `rhs` (n × |ts|, in the order of ts) with their anchors and
    /// adds (or, for the first solve, stores) the result into x.
    mutating func correct(_ rhs: Matrix, _ ts: [Int]) throws {
        let n = self.n
        var groups: [Int: [Int]] = [:]  // anchor → positions in ts
        for (c, t) in ts.enumerated() { groups[anchorOfYear[t], default: []].append(c) }
        for (a, cols) in groups.sorted(by: { $0.key < $1.key }) {
            var b = rhs.gatheringColumns(cols)
            try wrappingMatrixErrors { try anchorLU[a]!.solveInPlace(&b) }
            b.storage.withUnsafeBufferPointer { bp in
                x.withUnsafeMutableStorage { xp in
                    for (k, c) in cols.enumerated() {
                        let t = ts[c]
                        for i in 0..<n { xp[i + t * n] += bp[i + k * n] }
                        iterations[t] += 1
                    }
                }
            }
        }
    }

    /// The residuals of one outer pass: `r` holds `r_t = y_t − x_t + d_t ∘ (A₀·x_t)` for the active years (one
    /// dgemm), `still` the years above the tolerance (`stillColumns` their columns of `r`), `slow` those that
    /// are not finite, contract slowly or ran out of iterations.
    struct ResidualPass { var r: Matrix; var slow: [Int] = [], still: [Int] = [], stillColumns: [Int] = [] }

    mutating func residualPass(xIsZero: Bool) throws -> ResidualPass {
        let n = self.n, gmres = options.iteration == .gmres, y = self.y, d = self.d, active = self.active
        let xa = x.gatheringColumns(active)
        var r = Matrix(rows: n, columns: active.count)
        if !xIsZero { try wrappingMatrixErrors { try Matrix.gemm(a0, xa, into: &r) } }
        var squares = [Double](repeating: 0, count: active.count)
        r.withUnsafeMutableStorage { rp in
            xa.storage.withUnsafeBufferPointer { xp in
                y.storage.withUnsafeBufferPointer { yp in
                    d.storage.withUnsafeBufferPointer { dp in
                        for (c, t) in active.enumerated() {
                            var s = 0.0
                            for i in 0..<n {
                                let v = yp[i + t * n] - xp[i + c * n] + dp[i + t * n] * rp[i + c * n]
                                rp[i + c * n] = v
                                s += v * v
                            }
                            squares[c] = s
                        }
                    }
                }
            }
        }
        var pass = ResidualPass(r: r)
        for (c, t) in active.enumerated() {
            let rel = squares[c].squareRoot() / yNorm[t]
            residuals[t] = rel
            if rel <= options.tolerance { continue }
            pass.still.append(t); pass.stillColumns.append(c)
            if !gmres { contraction[t] = sinceAnchor[t] >= 1 ? rel / previous[t] : 0 }
            previous[t] = rel
            if !rel.isFinite || contraction[t] > options.slowContraction || iterations[t] >= options.maxIterations {
                pass.slow.append(t)
            }
        }
        return pass
    }

    /// New anchors for slow years: split by the sign of their mean deviation from their anchor, each part
    /// at its own midrange, while the budget allows; past it, a factorisation of its own matrix for a year
    /// that diverges or ran out of iterations (its iterate restarts from 0: the residual column becomes y_t).
    mutating func refactor(_ slow: [Int], _ r: inout Matrix, _ columnOf: [Int: Int]) throws {
        var candidates: [Int] = []
        for t in slow {
            if ownAnchor[t] {
                if diverging(t) || sinceAnchor[t] >= 10 {
                    throw InputOutputError.matrix(.notConverged(
                        operation: "projectedGrossOutput (year \(t + 1))", iterations: iterations[t], residual: residuals[t]))
                }
            } else {
                candidates.append(t)
            }
        }
        let fresh = try splitIntoAnchors(candidates)
        for t in candidates where !fresh.contains(t) && (diverging(t) || iterations[t] >= options.maxIterations) {
            try solveOwn(t, column: columnOf[t]!, residual: &r)
        }
        // Release factorisations no active year uses any more.
        let inUse = Set(active.map { anchorOfYear[$0] })
        for a in anchorLU.indices where !inUse.contains(a) { anchorLU[a] = nil }
    }

    /// While the factorisation budget allows, new anchors for the candidates, split by the sign of their
    /// summed deviation from their anchor's D̄ (larger part first), each at its midrange; returns the years moved.
    mutating func splitIntoAnchors(_ candidates: [Int]) throws -> Set<Int> {
        var fresh = Set<Int>()
        guard factorizations < options.maxFactorizations else { return fresh }
        let n = self.n
        let deviation = candidates.map { t in
            let dbar = anchorScaling[anchorOfYear[t]]
            return d.storage.withUnsafeBufferPointer { p in (0..<n).reduce(0.0) { $0 + p[$1 + t * n] - dbar[$1] } }
        }
        let parts = [zip(candidates, deviation).filter { $0.1 >= 0 }.map(\.0),
                     zip(candidates, deviation).filter { $0.1 < 0 }.map(\.0)]
            .filter { !$0.isEmpty }.sorted { $0.count > $1.count }
        for part in parts where factorizations < options.maxFactorizations {
            let a = try addAnchor(midrange(part))
            for t in part { anchorOfYear[t] = a; sinceAnchor[t] = 0; previous[t] = .infinity }
            fresh.formUnion(part)
        }
        return fresh
    }

    /// Year `t` gets a factorisation of its own matrix; its iterate restarts from 0 (its residual column,
    /// `column` of `r`, becomes `y_t`).
    mutating func solveOwn(_ t: Int, column c: Int, residual r: inout Matrix) throws {
        let n = self.n
        let a = try addAnchor(d.column(t))
        anchorOfYear[t] = a; sinceAnchor[t] = 0; previous[t] = .infinity
        ownAnchor[t] = true
        directSolves += 1
        x.withUnsafeMutableStorage { xp in
            r.withUnsafeMutableStorage { rp in
                y.storage.withUnsafeBufferPointer { yp in
                    for i in 0..<n { xp[i + t * n] = 0; rp[i + c * n] = yp[i + t * n] }
                }
            }
        }
    }

    /// One cycle of right-preconditioned GMRES (MatrixCore's GMRES.blockCycle) for each listed year on
    /// (I − D_t·A₀)·δ_t = r_t (r: n × |ts|), all years advanced together: per step one multi-RHS dgetrs per
    /// anchor and one dgemm with A₀ on the live years; adds δ_t to x. A year stops at half the tolerance
    /// (estimated residual), or, while a refactorisation is possible, after 3 steps whose mean contraction
    /// exceeds options.slowContraction. Returns the number of block steps.
    mutating func gmresCycle(_ r: Matrix, _ ts: [Int]) throws -> Int {
        // The operators read copies of the anchors (values; the closures must not capture self, whose x the
        // cycle updates in place).
        let anchors = ts.map { anchorOfYear[$0] }, lus = anchorLU, a0 = self.a0, d = self.d, n = self.n
        let precondition = { (v: Matrix, live: [Int]) in try Self.precondition(v, live, anchors: anchors, lus: lus) }
        let apply = { (z: Matrix, live: [Int]) in try Self.apply(z, live, years: ts, a0: a0, d: d, n: n) }
        let cycle = try GMRES.blockCycle(
            residual: r, maxSteps: max(1, min(options.maxIterations, LeontiefProjectionOptions.gmresRestart)),
            target: ts.map { 0.5 * options.tolerance * yNorm[$0] },
            slowContraction: factorizations < options.maxFactorizations ? options.slowContraction : nil,
            precondition: precondition, apply: apply, x: &x, solutionColumns: ts)
        for (c, t) in ts.enumerated() where cycle.steps[c] > 0 {
            iterations[t] += cycle.steps[c]
            sinceAnchor[t] += cycle.steps[c]
            contraction[t] = cycle.contraction[c]!
        }
        return cycle.blockSteps
    }

    /// P⁻¹ per year (column c of `v` belongs to the year whose anchor is `anchors[c]`): the LU of its anchor,
    /// one multi-RHS solve per anchor in use; columns not live stay 0.
    static func precondition(_ v: Matrix, _ live: [Int], anchors: [Int], lus: [SinglePrecisionLU?]) throws -> Matrix {
        let n = v.rows
        var z = Matrix(rows: n, columns: anchors.count)
        var groups: [Int: [Int]] = [:]
        for c in live { groups[anchors[c], default: []].append(c) }
        for (a, cols) in groups.sorted(by: { $0.key < $1.key }) {
            var b = v.gatheringColumns(cols)
            try wrappingMatrixErrors { try lus[a]!.solveInPlace(&b) }
            b.storage.withUnsafeBufferPointer { bp in
                z.withUnsafeMutableStorage { zp in
                    for (q, c) in cols.enumerated() { for i in 0..<n { zp[i + c * n] = bp[i + q * n] } }
                }
            }
        }
        return z
    }

    /// (I − D_t·A₀)·z_t for the live years (`zl`'s columns, in the order of `live`; column c of the cycle is
    /// year `years[c]`): one dgemm with A₀, then z − d_t ∘ (A₀·z).
    static func apply(_ zl: Matrix, _ live: [Int], years ts: [Int], a0: Matrix, d: Matrix, n: Int) throws -> Matrix {
        var w = Matrix(rows: n, columns: live.count)
        try wrappingMatrixErrors { try Matrix.gemm(a0, zl, into: &w) }
        w.withUnsafeMutableStorage { wp in
            zl.storage.withUnsafeBufferPointer { zp in
                d.storage.withUnsafeBufferPointer { dp in
                    for (q, c) in live.enumerated() {
                        let t = ts[c]
                        for i in 0..<n { wp[i + q * n] = zp[i + q * n] - dp[i + t * n] * wp[i + q * n] }
                    }
                }
            }
        }
        return w
    }
}

private func norm2(_ p: UnsafeBufferPointer<Double>, from start: Int, count: Int) -> Double {
    var s = 0.0
    for i in start..<(start + count) { s += p[i] * p[i] }
    return s.squareRoot()
}
