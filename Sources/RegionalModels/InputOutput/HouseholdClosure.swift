import MatrixCore

/// The Leontief model closed with respect to households (M&B §2.5, §6.2): households become `H`
/// extra "industries" that sell labour and buy consumption goods.
///
/// ```
///      Ā = ⎡ A    h_C ⎤   (n+H) × (n+H),   L̄ = (I − Ā)⁻¹
///          ⎣ h_R  h_H ⎦
/// ```
/// - `h_R` (`H × n`, the household row): household income per unit of output of industry `j`; here the
///   **compensation of employees** coefficients `COMP[h, j] / x_j`.
/// - `h_C` (`n × H`, the household column): purchases from industry `i` per unit of household `h`'s
///   income, `C[i, h] / income_h` with `income_h = Σ_j COMP[h, j]` (the base-year marginal = average
///   propensity; the part of income not spent on domestic output, savings, taxes and imports, leaks).
/// - `h_H` (`H × H`): household-to-household purchases per unit of income (usually zero).
///
/// The closure: consumption responds to compensation earned in production, one for one through the
/// fixed shares `h_C`; all other value added and all other final demand stay exogenous. For an MRIO,
/// use one household per region (income from that region's industries, consumption from its household
/// final-demand column), or `H = 1` for a single-region table.
///
/// Type II multipliers (M&B §6.2.2): the closed model's total effects over the direct effect. They are at
/// least the type I ones because `L̄`'s upper-left block is `≥ L` entrywise for non-negative closures.
///
/// Solving with `I − Ā` reuses the open model's factorisation of `I − A` (block elimination): with
/// `K = (I − A)⁻¹·h_C` (`n × H`, one multi-RHS solve) and the Schur complement `S = I − h_H − h_R·K`
/// (`H × H`, factored), `(I − Ā)·[x; z] = [b; c]` is `S·z = c + h_R·(I − A)⁻¹·b`, `x = (I − A)⁻¹·b + K·z`,
/// and the transposed system `Sᵀ·z = c + Kᵀ·b`, `x = (I − A)⁻ᵀ·(b + h_Rᵀ·z)`. No second `n³` factorisation
/// and no `(n+H)²` matrix.
public struct HouseholdClosedModel: Sendable {
    /// The number of industries `n` (without households).
    public let industries: Int
    /// The number of household sectors `H`.
    public let households: Int
    /// The open model (`I − A` factored).
    public let open: LeontiefModel
    /// `h_R` (`H × n`).
    public let incomeCoefficients: Matrix
    /// `K = (I − A)⁻¹·h_C` (`n × H`).
    let k: Matrix
    /// LU of the Schur complement `S = I − h_H − h_R·K` (`H × H`).
    let schur: LUFactorization

    /// Builds the closure on an already factored open model.
    /// - Parameters:
    ///   - open: the open Leontief model on `A` (`n × n`).
    ///   - incomeCoefficients: `h_R` (`H × n`).
    ///   - consumptionCoefficients: `h_C` (`n × H`).
    ///   - householdToHousehold: `h_H` (`H × H`); nil for zero.
    /// - Throws: `.dimensionMismatch`; `.matrix(.singular)` when `I − Ā` is singular (households spend
    ///   all their income on domestic output with no leak).
    public init(
        open: LeontiefModel, incomeCoefficients hR: Matrix, consumptionCoefficients hC: Matrix,
        householdToHousehold hH: Matrix? = nil
    ) throws {
        let n = open.order, h = hR.rows
        guard hR.columns == n, hC.rows == n, hC.columns == h,
              hH.map({ $0.rows == h && $0.columns == h }) ?? true else {
            throw InputOutputError.dimensionMismatch(
                operation: "HouseholdClosedModel", expected: "h_R H×n, h_C n×H, h_H H×H (n = \(n), H = \(h))",
                got: "h_R \(hR.rows)×\(hR.columns), h_C \(hC.rows)×\(hC.columns)")
        }
        for (m, name) in [(hR, "h_R"), (hC, "h_C")] {
            if let bad = m.firstNonFinite {
                throw InputOutputError.nonFinite(quantity: name, index: bad.row + bad.column * m.rows, value: bad.value)
            }
        }
        let k = try open.grossOutput(finalDemand: hC)
        var s = try wrappingMatrixErrors { try hR.multiplied(by: k) }  // h_R·K
        s = -s
        for i in 0..<h { s[i, i] += 1 }
        if let hH { s = try wrappingMatrixErrors { try s - hH } }
        self.industries = n
        self.households = h
        self.open = open
        self.incomeCoefficients = hR
        self.k = k
        self.schur = try wrappingMatrixErrors { try LUFactorization(factoring: s) }
    }

    /// Builds `Ā` from `A` (factoring `I − A` first).
    public init(
        technicalCoefficients a: Matrix, incomeCoefficients hR: Matrix, consumptionCoefficients hC: Matrix,
        householdToHousehold hH: Matrix? = nil
    ) throws {
        try self.init(
            open: LeontiefModel(technicalCoefficients: a), incomeCoefficients: hR, consumptionCoefficients: hC,
            householdToHousehold: hH)
    }

    /// `[x; z] = (I − Ā)⁻¹·[b; c]` for every column of the `(n+H) × k` right-hand side (industries, then
    /// households). Its columns for unit vectors are the columns of `L̄`.
    public func grossOutput(finalDemand rhs: Matrix) throws -> Matrix {
        let n = industries, h = households
        guard rhs.rows == n + h else {
            throw InputOutputError.dimensionMismatch(operation: "HouseholdClosedModel.grossOutput", expected: "\(n + h) rows", got: "\(rhs.rows)")
        }
        let cols = rhs.columns
        let lb = try open.grossOutput(finalDemand: try rhs.block(rows: 0..<n, columns: 0..<cols))  // (I − A)⁻¹ b
        var z = try rhs.block(rows: n..<(n + h), columns: 0..<cols)
        try wrappingMatrixErrors {
            try Matrix.gemm(incomeCoefficients, lb, alpha: 1, beta: 1, into: &z)  // c + h_R (I − A)⁻¹ b
            try schur.solveInPlace(&z)
        }
        var x = lb
        try wrappingMatrixErrors { try Matrix.gemm(k, z, alpha: 1, beta: 1, into: &x) }  // + K z
        var out = Matrix(rows: n + h, columns: cols)
        try wrappingMatrixErrors {
            try out.setBlock(at: 0, 0, to: x)
            try out.setBlock(at: n, 0, to: z)
        }
        return out
    }

    /// `wᵀ = rᵀ·(I − Ā)⁻¹` for one coefficient row `r` of length `n + H` (two transposed solves with the
    /// open factorisation and one with the Schur complement).
    public func multipliers(closedCoefficients r: [Double]) throws -> [Double] {
        let n = industries, h = households
        try requireCount(r, n + h, "HouseholdClosedModel.multipliers", "coefficients")
        let b = Array(r[0..<n])
        var z = Array(r[n...])
        try wrappingMatrixErrors {
            try k.gemv(b, transposed: true, alpha: 1, beta: 1, into: &z)  // c + Kᵀ b
            var zm = Matrix(column: z)
            try schur.solveInPlace(&zm, transposed: true)
            z = zm.storage
        }
        var rhs = b
        try wrappingMatrixErrors { try incomeCoefficients.gemv(z, transposed: true, alpha: 1, beta: 1, into: &rhs) }
        let x = try open.multipliers(coefficients: rhs)
        return x + z
    }

    /// Type II (total) output multipliers: column sums of the industry rows of `L̄` for industry columns,
    /// `Σ_{i ≤ n} L̄[i, j]` (M&B §6.2.1, "total output multipliers"; household output excluded).
    public func outputMultipliers() throws -> [Double] {
        let rhs = [Double](repeating: 1, count: industries) + [Double](repeating: 0, count: households)
        return Array(try multipliers(closedCoefficients: rhs).prefix(industries))
    }

    /// Total household income per unit of final demand for `j`: `Σ_h L̄[n+h, j]` (the household rows of `L̄`,
    /// M&B §6.2.2). Divided by the direct income coefficient it is the type II income multiplier.
    public func incomeMultipliers() throws -> [Double] {
        let rhs = [Double](repeating: 0, count: industries) + [Double](repeating: 1, count: households)
        return Array(try multipliers(closedCoefficients: rhs).prefix(industries))
    }

    /// Total multipliers of a coefficient row `c` (length `n`, e.g. employment per unit of output) in the
    /// closed model: `[c; 0]ᵀ·L̄` restricted to the industry columns. Over `c_j` it is the type II multiplier.
    public func multipliers(coefficients c: [Double]) throws -> [Double] {
        try requireCount(c, industries, "HouseholdClosedModel.multipliers", "coefficients")
        let rhs = c + [Double](repeating: 0, count: households)
        return Array(try multipliers(closedCoefficients: rhs).prefix(industries))
    }
}
