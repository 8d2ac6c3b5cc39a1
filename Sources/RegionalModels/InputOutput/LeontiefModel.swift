import MatrixCore

/// The demand-driven Leontief model `x = (I − A)⁻¹·y = L·y` with `I − A` factored once (M&B §2.3).
///
/// Everything is a solve with the one LU factorisation (`dgetrf` once, `dgetrs` per call): gross output for
/// any number of final-demand columns in one multi-RHS solve, and every multiplier as one transposed solve
/// `(I − A)ᵀ·mᵀ = cᵀ` (since `m = cᵀ·L` ⇔ `mᵀ = Lᵀ·c`). The Leontief inverse `L` is never formed.
///
/// ```swift
/// let model = try LeontiefModel(technicalCoefficients: a)
/// let x = try model.grossOutput(finalDemand: y)       // n × k
/// let m = try model.outputMultipliers()                // 1ᵀL
/// ```
public struct LeontiefModel: Sendable {
    /// The technical coefficients `A` (`n × n`).
    public let technicalCoefficients: Matrix
    /// The LU factorisation of the Leontief matrix `I − A`.
    public let factorization: LUFactorization

    /// The number of industries `n`.
    public var order: Int { technicalCoefficients.rows }

    /// Forms `I − A` and factors it (`dgetrf`, `2n³/3` flops).
    /// - Throws: `.dimensionMismatch` (not square), `.nonFinite`, `.matrix(.singular)` when `I − A` is singular.
    public init(technicalCoefficients a: Matrix) throws {
        guard a.isSquare else {
            throw InputOutputError.dimensionMismatch(
                operation: "LeontiefModel", expected: "square A", got: "\(a.rows)×\(a.columns)")
        }
        if let bad = a.firstNonFinite {
            throw InputOutputError.nonFinite(quantity: "A", index: bad.row + bad.column * a.rows, value: bad.value)
        }
        // I − A in one new buffer (the copy-on-write of `a`'s storage), handed to dgetrf, which factors it in
        // place: A and the LU factors are the only n × n matrices this model holds.
        let leontief = Matrix.identityMinus(a)
        self.technicalCoefficients = a
        do { self.factorization = try LUFactorization(factoring: consume leontief) } catch let e as MatrixError {
            throw InputOutputError.matrix(e)
        }
    }

    /// Gross output `X = (I − A)⁻¹·Y` for every column of `Y` at once (one `dgetrs` with `k` right-hand
    /// sides, `2n²k` flops). M&B eq. 2.11 (`x = L·f`).
    public func grossOutput(finalDemand y: Matrix) throws -> Matrix {
        try wrappingMatrixErrors { try factorization.solve(y) }
    }

    /// Gross output `x = (I − A)⁻¹·y` for one final-demand vector.
    public func grossOutput(finalDemand y: [Double]) throws -> [Double] {
        try wrappingMatrixErrors { try factorization.solve(y) }
    }

    /// Output multipliers `mᵀ = 1ᵀ·(I − A)⁻¹` (column sums of `L`, M&B §6.2.1) by one transposed solve
    /// `(I − A)ᵀ·m = 1`.
    public func outputMultipliers() throws -> [Double] {
        try wrappingMatrixErrors { try factorization.solveTransposed([Double](repeating: 1, count: order)) }
    }

    /// Coefficient-weighted ("simple") multipliers `M = C·(I − A)⁻¹` for a block of `k` coefficient rows
    /// `C` (`k × n`), e.g. value-added, income (compensation) or employment coefficients per unit of output
    /// (M&B §6.2.2; pymrio's `M = S·L`). One multi-RHS transposed solve `(I − A)ᵀ·Mᵀ = Cᵀ`.
    /// `M[r, j]` is the total (direct + indirect) amount of input `r` per unit of final demand for `j`.
    public func multipliers(coefficients c: Matrix) throws -> Matrix {
        guard c.columns == order else {
            throw InputOutputError.dimensionMismatch(
                operation: "multipliers", expected: "coefficients with \(order) columns", got: "\(c.columns)")
        }
        return try wrappingMatrixErrors { try factorization.solve(c.transposed, transposed: true).transposed }
    }

    /// Coefficient-weighted multipliers for one coefficient row `c`: `mᵀ = cᵀ·(I − A)⁻¹`.
    public func multipliers(coefficients c: [Double]) throws -> [Double] {
        try requireCount(c, order, "multipliers", "coefficients")
        return try wrappingMatrixErrors { try factorization.solveTransposed(c) }
    }

    /// Row sums of the Ghosh inverse `G = (I − B)⁻¹`, `B = diag(x)⁻¹·Z`, from this factorisation:
    /// since `I − B = diag(x)⁻¹·(I − A)·diag(x)` when `x > 0`, `G·1 = diag(x)⁻¹·L·x` (one solve,
    /// M&B §12.1). Industries with zero output have a zero row of `B` and get the row sum 1.
    public func ghoshRowSums(grossOutput x: [Double]) throws -> [Double] {
        try requireCount(x, order, "ghoshRowSums", "gross output")
        try requireNonNegative(x, "gross output x")
        let lx = try grossOutput(finalDemand: x)
        return (0..<order).map { x[$0] > 0 ? lx[$0] / x[$0] : 1 }
    }

    /// The number of `σI − A` factorisations `diagnostics` allows `perronRoot` above n = 2,000.
    public static let largeTableFactorizations = 3

    /// Throws `columnSumTooLarge` unless `A` is productive (MODEL.md §3): a column sum at or above
    /// `1 − productiveColumnSumMargin` (1e-6) is accepted only when `A ≥ 0` has spectral radius `ρ(A) < 1` (Perron bracket), or when `A`
    /// has negative entries and every column sum stays below 1 (the rule of `chengyu io check`). Otherwise the
    /// Leontief inverse would give negative or meaningless multipliers.
    public func requireProductive() throws {
        let sums = technicalCoefficients.columnSums
        guard let j = sums.indices.max(by: { sums[$0] < sums[$1] }), sums[j] >= 1 - InputOutput.productiveColumnSumMargin else { return }
        if technicalCoefficients.storage.allSatisfy({ $0 >= 0 }) {
            if let rho = try? InputOutput.perronRoot(technicalCoefficients, tolerance: 1e-10), rho.upperBound < 1 { return }
        } else if sums[j] < 1 {
            return
        }
        throw InputOutputError.columnSumTooLarge(column: j, sum: sums[j])
    }

    /// The diagnostics MODEL.md §3 and §11 ask for: order, spectral radius, largest column sum, reciprocal
    /// condition estimate of `I − A` (`dgecon`) and, when `y0` and `x0` are given, the calibration residual
    /// `‖L·y0 − x0‖₂ / ‖x0‖₂` (the solve uses this factorisation, not an inverse).
    ///
    /// The spectral radius is computed only for non-negative `A` (`InputOutput.perronRoot`: shifted inverse
    /// iteration with the Collatz–Wielandt bracket, to 1e-10 relative); for `A` with negative entries it is
    /// `nil` and `negativeEntries` counts them. `spectralRadius: false` skips it (it costs a few extra
    /// factorisations; `largestColumnSum` bounds it from above).
    ///
    /// Cost is kept proportionate on large tables: each round of `perronRoot` is one `dgetrf` of `σI − A`
    /// (`2n³/3` flops, about a minute at n = 13,146 on two cores), so above `n = 2,000` at most
    /// `largeTableFactorizations` (3) rounds are made — about three times the cost of the main factorisation
    /// instead of up to thirty — and the bracket reached is returned (rigorous, possibly wider than 1e-10;
    /// `io check` prints it). At n ≤ 2,000 the 30-round default is unchanged.
    public func diagnostics(
        finalDemand y0: [Double]? = nil, grossOutput x0: [Double]? = nil, spectralRadius computeRadius: Bool = true
    ) throws -> LeontiefDiagnostics {
        let a = technicalCoefficients
        let negatives = a.storage.reduce(0) { $0 + ($1 < 0 ? 1 : 0) }
        var rho: PerronRootEstimate? = nil
        if negatives == 0 && computeRadius {
            let rounds = order > 2000 ? Self.largeTableFactorizations : 30
            rho = try? InputOutput.perronRoot(a, tolerance: 1e-10, maxFactorizations: rounds)
        }
        let rcond = try wrappingMatrixErrors { try factorization.reciprocalConditionNumber() }
        var residual: Double? = nil
        if let y0, let x0 {
            try requireCount(y0, order, "diagnostics", "final demand y0")
            try requireCount(x0, order, "diagnostics", "gross output x0")
            var r = try grossOutput(finalDemand: y0)
            for i in 0..<order { r[i] -= x0[i] }
            let scale = BLAS.nrm2(x0)
            residual = scale > 0 ? BLAS.nrm2(r) / scale : BLAS.nrm2(r)
        }
        return LeontiefDiagnostics(
            order: order, spectralRadius: rho, largestColumnSum: a.largestColumnSum,
            reciprocalCondition: rcond, calibrationResidual: residual, negativeEntries: negatives)
    }
}

/// Numerical health of a Leontief system (MODEL.md §3, §11).
public struct LeontiefDiagnostics: Sendable, Equatable {
    /// `n`.
    public let order: Int
    /// `ρ(A)` with its Collatz–Wielandt bracket; `nil` when not asked for or `A` has negative entries.
    public let spectralRadius: PerronRootEstimate?
    /// `max_j Σ_i a_ij` (= `‖A‖₁` for `A ≥ 0`; bounds `ρ(A)`).
    public let largestColumnSum: Double
    /// `1/κ₁(I − A)` estimated by `dgecon`; for `A ≥ 0` with `‖A‖₁ < 1`, `κ₁ ≤ (1+‖A‖₁)/(1−‖A‖₁)`.
    public let reciprocalCondition: Double
    /// `‖L·y0 − x0‖₂ / ‖x0‖₂`, when asked.
    public let calibrationResidual: Double?
    /// Number of negative entries of `A`.
    public let negativeEntries: Int
}
