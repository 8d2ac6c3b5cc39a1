import Foundation
import MatrixCore

/// How `InputOutput.projectedGrossOutput` reuses factorisations (MODEL.md §11, fast mode).
public struct LeontiefProjectionOptions: Sendable, Equatable {
    /// Which Leontief matrix the first (kept) factorisation is of.
    public enum Anchor: Sendable, Equatable {
        /// `I − A₀`: the base year's matrix.
        case base
        /// `I − D̄·A₀` with `D̄` the per-row midrange of the years' `D_t` (`(min_t d_ti + max_t d_ti)/2`):
        /// the same cost, about half the largest deviation `‖D_t − D̄‖∞`, so fewer iterations.
        case midrange
    }

    /// Arnoldi steps per GMRES cycle (restart length `m`): 30, the common default (Saad 2003 §6.5.5;
    /// scipy's `gmres` restart), bounded by `maxIterations`. Numerical choice.
    public static let gmresRestart = 30

    /// Stop a year when `‖y_t − (I − D_t·A₀)·x_t‖₂ ≤ tolerance·‖y_t‖₂`.
    public var tolerance: Double
    /// A year whose residual shrinks by less than this factor per iteration (observed contraction `q`) is
    /// "slow": it gets a new factorisation while `maxFactorizations` allows.
    public var slowContraction: Double
    /// Factorisations allowed for anchors (the first one included). Past this budget a slow year keeps
    /// iterating; a year that diverges or reaches `maxIterations` gets a factorisation of its own matrix
    /// (a direct solve, counted in `directSolves`).
    public var maxFactorizations: Int
    /// Corrections per year before it is solved directly.
    public var maxIterations: Int
    /// The first anchor.
    public var anchor: Anchor
    /// The iteration preconditioned by the kept factorisations.
    public var iteration: Iteration

    /// How each year's correction is iterated.
    public enum Iteration: Sendable, Equatable {
        /// Right-preconditioned GMRES (Saad & Schultz 1986), one Krylov basis per year, all years advanced
        /// together (each step one `dgemm` and one multi-RHS `dgetrs` for the block), at most 30 steps per
        /// cycle: removes the dominant (Perron) error mode that limits Richardson.
        case gmres
        /// Preconditioned Richardson (iterative refinement): `x ← x + M⁻¹·r`.
        case richardson
    }

    public init(
        tolerance: Double = 1e-12, slowContraction: Double = 0.3, maxFactorizations: Int = 3,
        maxIterations: Int = 60, anchor: Anchor = .midrange, iteration: Iteration = .gmres
    ) {
        self.tolerance = tolerance
        self.slowContraction = slowContraction
        self.maxFactorizations = maxFactorizations
        self.maxIterations = maxIterations
        self.anchor = anchor
        self.iteration = iteration
    }
}

/// The outcome of a changing-A projection, with the work it took.
public struct LeontiefProjectionResult: Sendable {
    /// Gross output `x_t`, `n × T` (column `t − 1` is year `t`).
    public let grossOutput: Matrix
    /// `‖y_t − (I − D_t·A₀)·x_t‖₂ / ‖y_t‖₂` per year, of the returned `x_t` (0 for a zero `y_t`).
    public let relativeResiduals: [Double]
    /// Preconditioned steps per year (Richardson: solves with a kept factorisation, the first included;
    /// GMRES: Arnoldi steps).
    public let iterations: [Int]
    /// Block steps: each one `dgemm` of `A₀` with the active years' columns and one multi-RHS `dgetrs` per
    /// anchor in use (the residual checks add one `dgemm` per outer pass).
    public let blockIterations: Int
    /// `dgetrf` calls in all (anchors and direct solves).
    public let factorizations: Int
    /// Years that fell back to a factorisation of their own matrix.
    public let directSolves: Int
    /// The anchor (index in order of factorisation) each year finished with.
    public let anchorOfYear: [Int]
}

extension InputOutput {
    /// Row scalings of uniform input-saving technical change: `d_ti = (1 − τ_i)^t`, `t = 1…years`, so that
    /// `A_t = D_t·A₀` with `D_t = diag(d_t)` (every input `i` is saved at the rate `τ_i` per year, in every
    /// industry that uses it: the "substitution" row effect of RAS, M&B §7.4.1).
    /// - Returns: `n × years`, column `t − 1` is `d_t`.
    /// - Throws: `.invalidParameter` for a rate outside `[0, 1)` or non-finite; `years < 0`.
    public static func inputSavingScaling(annualRates tau: [Double], years: Int) throws -> Matrix {
        guard years >= 0 else {
            throw InputOutputError.invalidParameter(name: "years", value: Double(years), reason: "must be ≥ 0")
        }
        for r in tau where !(r.isFinite && r >= 0 && r < 1) {
            throw InputOutputError.invalidParameter(name: "input-saving rate", value: r, reason: "must be in [0, 1)")
        }
        let n = tau.count
        var d = Matrix(rows: n, columns: years)
        d.withUnsafeMutableStorage { p in
            for i in 0..<n {
                var f = 1.0
                for t in 0..<years {
                    f *= 1 - tau[i]
                    p[i + t * n] = f
                }
            }
        }
        return d
    }

    /// Gross output `x_t = (I − D_t·A₀)⁻¹·y_t` for every year `t` of a projection in which the technical
    /// coefficients change by rows, `A_t = diag(d_t)·A₀` — without forming `A_t` and with one (or a few)
    /// LU factorisations for all years (MODEL.md §11, fast mode).
    ///
    /// With the LU of an anchor `M = I − D̄·A₀` as preconditioner, each year's correction equation
    /// `(I − D_t·A₀)·δ_t = r_t`, `r_t = y_t − x_t + d_t ∘ (A₀·x_t)`, is solved by right-preconditioned GMRES
    /// (default; Saad & Schultz 1986) or by preconditioned Richardson `x_t ← x_t + M⁻¹·r_t` (iterative
    /// refinement with an inexact factorisation, whose error contracts by
    /// `q_t ≤ ‖(I − D̄A₀)⁻¹‖·‖(D_t − D̄)·A₀‖` per step). All unconverged years move together: each block
    /// step is one `dgemm` of `A₀` with the years' columns (BLAS-3) and one multi-RHS `dgetrs` per anchor.
    /// A year stops when its true relative residual is at most `options.tolerance`. A year whose observed
    /// contraction per step exceeds `options.slowContraction` triggers a refactorisation (anchor at the
    /// midrange of the slow years' `d_t`, split by the sign of their mean deviation) while
    /// `options.maxFactorizations` allows; a diverging year, or one past `options.maxIterations`, is
    /// solved with its own factorisation. The result equals a fresh solve of each year to about
    /// `κ(I − A_t)·tolerance` (Golub & Van Loan §3.5.3, iterative refinement).
    ///
    /// - Parameters:
    ///   - a0: `A₀`, `n × n`.
    ///   - d: row scalings `d_t`, `n × T` (e.g. `inputSavingScaling`).
    ///   - y: final demand `y_t`, `n × T`.
    /// - Throws: `.dimensionMismatch`, `.nonFinite`, `.matrix(.singular)` for a singular anchor,
    ///   `.matrix(.notConverged)` when even a year's own factorisation cannot reach the tolerance.
    /// - Complexity: `2n³/3` per factorisation plus `4n²` per year and iteration.
    public static func projectedGrossOutput(
        technicalCoefficients a0: Matrix, rowScaling d: Matrix, finalDemand y: Matrix,
        options: LeontiefProjectionOptions = LeontiefProjectionOptions()
    ) throws -> LeontiefProjectionResult {
        let n = a0.rows, years = d.columns
        try checkProjectionShapes(a0, d, y)
        var x = Matrix(rows: n, columns: years)
        var residuals = [Double](repeating: 0, count: years)
        var iterations = [Int](repeating: 0, count: years)
        var anchorOfYear = [Int](repeating: 0, count: years)
        let yNorm = (0..<years).map { t in y.storage.withUnsafeBufferPointer { norm2($0, from: t * n, count: n) } }
        var active = (0..<years).filter { yNorm[$0] > 0 }
        guard n > 0, !active.isEmpty else {
            return LeontiefProjectionResult(
                grossOutput: x, relativeResiduals: residuals, iterations: iterations, blockIterations: 0,
                factorizations: 0, directSolves: 0, anchorOfYear: anchorOfYear)
        }

        // Anchors: the kept factorisations and their row scalings D̄. The anchors are preconditioners only
        // (every year's true residual is checked in double precision), so they are factored in single
        // precision (sgetrf/sgetrs): half the memory traffic, 1.5× faster at n = 1,764 (0.090 s against
        // 0.136 s for the 17-year benchmark), same iteration counts.
        var anchorScaling: [[Double]] = []
        var anchorLU: [SinglePrecisionLU?] = []
        var factorizations = 0, directSolves = 0
        var ownAnchor = [Bool](repeating: false, count: years)
        func addAnchor(_ dbar: [Double]) throws -> Int {
            let m = Matrix.identityMinus(try wrappingMatrixErrors { try a0.scalingRows(by: dbar) })  // I − D̄·A₀
            factorizations += 1
            anchorLU.append(try wrappingMatrixErrors { try SinglePrecisionLU(factoring: m) })
            anchorScaling.append(dbar)
            return anchorLU.count - 1
        }
        func midrange(_ ts: [Int]) -> [Double] {
            d.storage.withUnsafeBufferPointer { p in
                (0..<n).map { i in
                    var lo = Double.infinity, hi = -Double.infinity
                    for t in ts { lo = min(lo, p[i + t * n]); hi = max(hi, p[i + t * n]) }
                    return (lo + hi) / 2
                }
            }
        }
        let first = try addAnchor(options.anchor == .base ? [Double](repeating: 1, count: n) : midrange(active))
        for t in active { anchorOfYear[t] = first }

        // Solves the listed years' columns of `rhs` (n × |ts|, in the order of ts) with their anchors and
        // adds (or, for the first solve, stores) the result into x.
        func correct(_ rhs: Matrix, _ ts: [Int]) throws {
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

        var previous = [Double](repeating: .infinity, count: years)
        var contraction = [Double](repeating: 0, count: years)  // observed q_t of the last step
        var sinceAnchor = [Int](repeating: 0, count: years)  // corrections with the current anchor
        func diverging(_ t: Int) -> Bool { !residuals[t].isFinite || contraction[t] >= 1 }

        // New anchors for slow years: split by the sign of their mean deviation from their anchor, each part
        // at its own midrange, while the budget allows; past it, a factorisation of its own matrix for a year
        // that diverges or ran out of iterations (its iterate restarts from 0: the residual column becomes y_t).
        func refactor(_ slow: [Int], _ r: inout Matrix, _ columnOf: [Int: Int]) throws {
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
            var fresh = Set<Int>()
            if factorizations < options.maxFactorizations {
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
            }
            for t in candidates where !fresh.contains(t) && (diverging(t) || iterations[t] >= options.maxIterations) {
                let a = try addAnchor(d.column(t))
                anchorOfYear[t] = a; sinceAnchor[t] = 0; previous[t] = .infinity
                ownAnchor[t] = true
                directSolves += 1
                let c = columnOf[t]!
                x.withUnsafeMutableStorage { xp in
                    r.withUnsafeMutableStorage { rp in
                        y.storage.withUnsafeBufferPointer { yp in
                            for i in 0..<n { xp[i + t * n] = 0; rp[i + c * n] = yp[i + t * n] }
                        }
                    }
                }
            }
            // Release factorisations no active year uses any more.
            let inUse = Set(active.map { anchorOfYear[$0] })
            for a in anchorLU.indices where !inUse.contains(a) { anchorLU[a] = nil }
        }


        // One cycle of right-preconditioned GMRES (MatrixCore's GMRES.blockCycle) for each listed year on
        // (I − D_t·A₀)·δ_t = r_t (r: n × |ts|), all years advanced together: per step one multi-RHS dgetrs per
        // anchor and one dgemm with A₀ on the live years; adds δ_t to x. A year stops at half the tolerance
        // (estimated residual), or, while a refactorisation is possible, after 3 steps whose mean contraction
        // exceeds options.slowContraction. Returns the number of block steps.
        func gmresCycle(_ r: Matrix, _ ts: [Int]) throws -> Int {
            let k = ts.count
            // P⁻¹ per year: the LU of its anchor, one multi-RHS solve per anchor in use.
            func precondition(_ v: Matrix, _ live: [Int]) throws -> Matrix {
                var z = Matrix(rows: n, columns: k)
                var groups: [Int: [Int]] = [:]
                for c in live { groups[anchorOfYear[ts[c]], default: []].append(c) }
                for (a, cols) in groups.sorted(by: { $0.key < $1.key }) {
                    var b = v.gatheringColumns(cols)
                    try wrappingMatrixErrors { try anchorLU[a]!.solveInPlace(&b) }
                    b.storage.withUnsafeBufferPointer { bp in
                        z.withUnsafeMutableStorage { zp in
                            for (q, c) in cols.enumerated() { for i in 0..<n { zp[i + c * n] = bp[i + q * n] } }
                        }
                    }
                }
                return z
            }
            // (I − D_t·A₀)·z_t for the live years: one dgemm with A₀, then z − d_t ∘ (A₀·z).
            func apply(_ zl: Matrix, _ live: [Int]) throws -> Matrix {
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

        let gmres = options.iteration == .gmres
        var xIsZero = gmres
        if !gmres { try correct(y.gatheringColumns(active), active) }
        var blockIterations = 0
        while !active.isEmpty {
            // r_t = y_t − x_t + d_t ∘ (A₀·x_t) for all active years: one dgemm.
            let xa = x.gatheringColumns(active)
            var r = Matrix(rows: n, columns: active.count)
            if !xIsZero { try wrappingMatrixErrors { try Matrix.gemm(a0, xa, into: &r) } }
            xIsZero = false
            var slow: [Int] = [], still: [Int] = [], stillColumns: [Int] = []
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
                                let rel = s.squareRoot() / yNorm[t]
                                residuals[t] = rel
                                if rel <= options.tolerance { continue }
                                still.append(t); stillColumns.append(c)
                                if !gmres { contraction[t] = sinceAnchor[t] >= 1 ? rel / previous[t] : 0 }
                                previous[t] = rel
                                if !rel.isFinite || contraction[t] > options.slowContraction
                                    || iterations[t] >= options.maxIterations {
                                    slow.append(t)
                                }
                            }
                        }
                    }
                }
            }
            active = still
            if active.isEmpty { break }
            if !slow.isEmpty {
                try refactor(slow, &r, Dictionary(uniqueKeysWithValues: zip(still, stillColumns)))
            }
            if gmres {
                blockIterations += try gmresCycle(r.gatheringColumns(stillColumns), active)
            } else {
                try correct(r.gatheringColumns(stillColumns), active)
                for t in active { sinceAnchor[t] += 1 }
                blockIterations += 1
            }
        }

        return LeontiefProjectionResult(
            grossOutput: x, relativeResiduals: residuals, iterations: iterations, blockIterations: blockIterations,
            factorizations: factorizations, directSolves: directSolves, anchorOfYear: anchorOfYear)
    }

    /// Reference mode: for each year, forms `I − D_t·A₀`, factors it and solves (`T` factorisations).
    /// What `projectedGrossOutput` must reproduce; also the textbook way the benchmarks compare with.
    public static func projectedGrossOutputReference(
        technicalCoefficients a0: Matrix, rowScaling d: Matrix, finalDemand y: Matrix
    ) throws -> Matrix {
        try checkProjectionShapes(a0, d, y)
        let n = a0.rows
        var x = Matrix(rows: n, columns: d.columns)
        for t in 0..<d.columns {
            let dt = d.column(t)
            let at = Matrix.identityMinus(try wrappingMatrixErrors { try a0.scalingRows(by: dt) })  // I − D_t·A₀
            let lu = try wrappingMatrixErrors { try LUFactorization(factoring: at) }
            let xt = try wrappingMatrixErrors { try lu.solve(y.column(t)) }
            try wrappingMatrixErrors { try x.setColumn(t, to: xt) }
        }
        return x
    }

    private static func checkProjectionShapes(_ a0: Matrix, _ d: Matrix, _ y: Matrix) throws {
        let n = a0.rows
        guard a0.isSquare, d.rows == n, y.rows == n, y.columns == d.columns else {
            throw InputOutputError.dimensionMismatch(
                operation: "projectedGrossOutput", expected: "A₀ n×n, D and Y n×T with the same T",
                got: "A₀ \(a0.rows)×\(a0.columns), D \(d.rows)×\(d.columns), Y \(y.rows)×\(y.columns)")
        }
        for (m, name) in [(a0, "A₀"), (d, "row scaling D"), (y, "final demand Y")] {
            if let bad = m.firstNonFinite {
                throw InputOutputError.nonFinite(quantity: name, index: bad.row + bad.column * m.rows, value: bad.value)
            }
        }
    }
}

private func norm2(_ p: UnsafeBufferPointer<Double>, from start: Int, count: Int) -> Double {
    var s = 0.0
    for i in start..<(start + count) { s += p[i] * p[i] }
    return s.squareRoot()
}
