import MatrixCore

/// Solves `(I − A)·x = y` for a Chenery–Moses `A` given as an operator (MODEL.md §11, fast mode), without
/// forming or factoring the `n × n` matrix.
///
/// Restarted GMRES (`MatrixCore.GMRES`) with the block-Jacobi preconditioner `P = blockdiag(I − f·own_s)`
/// (the jurisdictions' own input–output systems, factored per region: `R` LU factorisations of `S × S`), applied on
/// the right so that each Arnoldi step is `(I − A)·P⁻¹·v = v − C·P⁻¹·v` with `C` the inter-regional part alone,
/// warm-started from the previous solution of the same column, stopping at a true relative residual of
/// `tolerance`. Since `cond₁(I − A) ≤ (1 + ‖A‖₁)/(1 − ‖A‖₁)` (≈ 2.7 for the circle), a residual of 1e-12
/// bounds the relative error by about 3e-12: the answer equals a fresh LU solve to 1e-10 (a test).
///
/// One solver serves a run: its workspace and the last solutions are reused year after year (no
/// allocation per iteration). Not `Sendable` across concurrent uses: one per run.
public struct LeontiefOperatorSolver: Sendable {
    public let dimensions: MRIODimensions
    public let tolerance: Double
    public private(set) var iterations = 0
    public private(set) var solves = 0
    /// Block factorisations made (one set of `R` blocks per distinct `f`).
    public private(set) var blockFactorisations = 0
    private var workspace: GMRESWorkspace
    private var scratch: [Double]
    private var lastSolutions: [[Double]] = []
    private var preconditioner: (scale: Double, inverses: [Double])?

    public init(dimensions: MRIODimensions, tolerance: Double = 1e-12, restart: Int = 40) {
        self.dimensions = dimensions
        self.tolerance = tolerance
        workspace = GMRESWorkspace(order: dimensions.industries, restart: restart)
        scratch = [Double](repeating: 0, count: CheneryMosesOperator.scratchCount(dimensions: dimensions, columns: 1))
    }

    /// Solves `(I − A)·X = Y`, or `(I − A)ᵀ·X = Y` when `transposed`, column by column (`Y`: `n × K`).
    /// Warm starts apply to the untransposed solves (the yearly ones); a transposed solve starts from `Y`.
    /// - Throws: `InputOutputError.dimensionMismatch`; `.matrix(.notConverged)` when GMRES does not
    ///   reach the tolerance within its iteration limit (never seen for productive systems; the caller may
    ///   fall back to a dense factorisation).
    public mutating func solve(_ a: CheneryMosesOperator, _ y: Matrix, transposed: Bool = false) throws -> Matrix {
        let n = dimensions.industries
        guard a.dimensions == dimensions, y.rows == n else {
            throw InputOutputError.dimensionMismatch(operation: "LeontiefOperatorSolver.solve", expected: "\(n) rows", got: "\(y.rows)")
        }
        var out = [Double](repeating: 0, count: n * y.columns)
        for c in 0..<y.columns {
            let b = Array(y.storage[(c * n)..<((c + 1) * n)])
            var x = !transposed && c < lastSolutions.count ? lastSolutions[c] : b
            try iterate(a, b, &x, transposed: transposed)
            if !transposed { if c < lastSolutions.count { lastSolutions[c] = x } else { lastSolutions.append(x) } }
            for k in 0..<n { out[c * n + k] = x[k] }
        }
        return try Matrix(rows: n, columns: y.columns, columnMajor: out)
    }

    /// Solves one column `(I − A)·x = b`, or `(I − A)ᵀ·x = b` when `transposed`, from the starting point `start`
    /// (a caller's warm start: last year's gross output for a quantity solve whose demand shifter is known, last year's
    /// prices for the cost-push solve), to the same true relative residual `‖b − (I − A)·x‖/‖b‖ ≤ tolerance` as `solve`.
    /// GMRES first replaces `start` by its best multiple (`GMRES.solve(scaleStart:)`, free: it reuses the first
    /// residual's product). Leaves the warm starts of `solve`'s columns alone.
    /// - Throws: as `solve`; `.dimensionMismatch` unless `b` and `start` have length `n`.
    public mutating func solve(_ a: CheneryMosesOperator, _ b: [Double], start: [Double], transposed: Bool = false) throws -> [Double] {
        let n = dimensions.industries
        guard a.dimensions == dimensions, b.count == n, start.count == n else {
            throw InputOutputError.dimensionMismatch(
                operation: "LeontiefOperatorSolver.solve(start:)", expected: "\(n) entries", got: "\(b.count) and \(start.count)")
        }
        var x = start
        try iterate(a, b, &x, transposed: transposed, scaleStart: true)
        return x
    }

    /// One column's preconditioned GMRES from `x` (refactoring the block preconditioner when `f` changed).
    private mutating func iterate(_ a: CheneryMosesOperator, _ b: [Double], _ x: inout [Double], transposed: Bool, scaleStart: Bool = false) throws {
        let d = dimensions, n = d.industries, r = d.regions, s = d.sectors
        if preconditioner?.scale != a.scale {
            preconditioner = (a.scale, try a.blockJacobiInverses())
            blockFactorisations += 1
        }
        let inverses = preconditioner!.inverses
        let report = try scratch.withUnsafeMutableBufferPointer { sp in
            try inverses.withUnsafeBufferPointer { inv in
                let work = sp.baseAddress!, inverse = inv.baseAddress!
                return try GMRES.solve(
                    b, &x, tolerance: tolerance, maxIterations: 400, workspace: &workspace,
                    apply: { v, out in
                        // out = v − A·v (or v − Aᵀ·v)
                        a.product(v, into: out, scratch: work, transposed: transposed)
                        for k in 0..<n { out[k] = v[k] - out[k] }
                    },
                    scaleStart: scaleStart,
                    preconditionedApply: { v, z, w in
                        // z = P⁻¹·v; then M·z = P·z − C·z = v − C·z (C: the inter-regional part of A), which spares the
                        // own blocks' products (P·z = v up to the round-off of the formed inverse; the true residuals
                        // GMRES checks use the full operator).
                        for reg in 0..<r {
                            BLAS.gemmBlock(m: s, n: 1, k: s, inverse + reg * s * s, lda: s, transposeA: transposed,
                                           v + reg * s, ldb: n, into: z + reg * s, ldc: n)
                        }
                        a.product(UnsafePointer(z), into: w, scratch: work, transposed: transposed, includeOwn: false)
                        for k in 0..<n { w[k] = v[k] - w[k] }
                    })
            }
        }
        iterations += report.iterations
        solves += 1
        guard report.converged else {
            throw InputOutputError.matrix(.notConverged(
                operation: "GMRES on (I − A)·x = y", iterations: report.iterations, residual: report.relativeResidual))
        }
    }
}
