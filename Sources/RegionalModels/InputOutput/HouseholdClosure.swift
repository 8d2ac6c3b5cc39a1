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
public struct HouseholdClosedModel: Sendable {
    /// The number of industries `n` (without households).
    public let industries: Int
    /// The number of household sectors `H`.
    public let households: Int
    /// The closed model on `Ā`, factored once.
    public let closed: LeontiefModel

    /// Builds `Ā` directly in column-major storage and factors `I − Ā`.
    /// - Parameters:
    ///   - a: technical coefficients `A` (`n × n`).
    ///   - incomeCoefficients: `h_R` (`H × n`).
    ///   - consumptionCoefficients: `h_C` (`n × H`).
    ///   - householdToHousehold: `h_H` (`H × H`); nil for zero.
    public init(
        technicalCoefficients a: Matrix, incomeCoefficients hR: Matrix, consumptionCoefficients hC: Matrix,
        householdToHousehold hH: Matrix? = nil
    ) throws {
        let n = a.rows, h = hR.rows
        guard a.isSquare, hR.columns == n, hC.rows == n, hC.columns == h,
              hH.map({ $0.rows == h && $0.columns == h }) ?? true else {
            throw InputOutputError.dimensionMismatch(
                operation: "HouseholdClosedModel", expected: "A n×n, h_R H×n, h_C n×H, h_H H×H (n = \(n), H = \(h))",
                got: "A \(a.rows)×\(a.columns), h_R \(hR.rows)×\(hR.columns), h_C \(hC.rows)×\(hC.columns)")
        }
        let m = n + h
        var bar = [Double](repeating: 0, count: m * m)
        bar.withUnsafeMutableBufferPointer { p in
            a.storage.withUnsafeBufferPointer { ap in
                for j in 0..<n {
                    (p.baseAddress! + j * m).update(from: ap.baseAddress! + j * n, count: n)
                    for r in 0..<h { p[n + r + j * m] = hR[r, j] }
                }
            }
            for c in 0..<h {
                for i in 0..<n { p[i + (n + c) * m] = hC[i, c] }
                if let hH { for r in 0..<h { p[n + r + (n + c) * m] = hH[r, c] } }
            }
        }
        self.industries = n
        self.households = h
        self.closed = try LeontiefModel(technicalCoefficients: try Matrix(rows: m, columns: m, columnMajor: bar))
    }

    /// Type II (total) output multipliers: column sums of the industry rows of `L̄` for industry columns,
    /// `Σ_{i ≤ n} L̄[i, j]` (M&B §6.2.1, "total output multipliers"; household output excluded).
    public func outputMultipliers() throws -> [Double] {
        let rhs = [Double](repeating: 1, count: industries) + [Double](repeating: 0, count: households)
        return Array(try closed.multipliers(coefficients: rhs).prefix(industries))
    }

    /// Total household income per unit of final demand for `j`: `Σ_h L̄[n+h, j]` (the household rows of `L̄`,
    /// M&B §6.2.2). Divided by the direct income coefficient it is the type II income multiplier.
    public func incomeMultipliers() throws -> [Double] {
        let rhs = [Double](repeating: 0, count: industries) + [Double](repeating: 1, count: households)
        return Array(try closed.multipliers(coefficients: rhs).prefix(industries))
    }

    /// Total multipliers of a coefficient row `c` (length `n`, e.g. employment per unit of output) in the
    /// closed model: `[c; 0]ᵀ·L̄` restricted to the industry columns. Over `c_j` it is the type II multiplier.
    public func multipliers(coefficients c: [Double]) throws -> [Double] {
        try requireCount(c, industries, "HouseholdClosedModel.multipliers", "coefficients")
        let rhs = c + [Double](repeating: 0, count: households)
        return Array(try closed.multipliers(coefficients: rhs).prefix(industries))
    }
}
