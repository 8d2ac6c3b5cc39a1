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
        try checkProjectionShapes(a0, d, y)
        var solve = LeontiefProjectionSolve(a0: a0, d: d, y: y, options: options)
        try solve.run()
        return solve.result
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
