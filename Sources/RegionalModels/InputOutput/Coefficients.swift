import MatrixCore

/// Namespace of the input–output equations: pure functions named after their textbook symbols.
///
/// Reference throughout: R. E. Miller & P. D. Blair, *Input–Output Analysis: Foundations and Extensions*,
/// 2nd ed., Cambridge University Press 2009 (cited as "M&B" with section).
public enum InputOutput {}

extension InputOutput {
    /// Technical (input) coefficients `A = Z·diag(x)⁻¹`, i.e. `a_ij = z_ij / x_j` (M&B §2.2).
    ///
    /// A column with zero gross output (`x_j = 0`) gets a zero column of `A`: an industry that produces
    /// nothing buys nothing per unit (pymrio does the same).
    /// - Parameters:
    ///   - z: interindustry flows, `n × n`, `z[i, j]` = sales of `i` to `j`.
    ///   - x: gross output, length `n`, non-negative.
    /// - Throws: `.dimensionMismatch`, `.nonFinite`, `.negativeEntry` (for `x`).
    /// - Complexity: `n²`, one pass over column-major storage.
    public static func technicalCoefficients(flows z: Matrix, grossOutput x: [Double]) throws -> Matrix {
        guard z.isSquare, z.rows == x.count else {
            throw InputOutputError.dimensionMismatch(
                operation: "technicalCoefficients", expected: "Z \(x.count)×\(x.count)", got: "\(z.rows)×\(z.columns)")
        }
        try requireNonNegative(x, "gross output x")
        return try primaryInputCoefficients(z, grossOutput: x)
    }

    /// `A = Z·diag(x)⁻¹` computed in `Z`'s own storage: when the caller hands over its only reference
    /// (`MRIOTable.takeFlows()`, or `consume z`), no second `n × n` buffer is allocated; otherwise Swift's
    /// copy-on-write copies first and the result is the same as `technicalCoefficients(flows:grossOutput:)`.
    /// Zero-output columns give zero columns.
    /// - Throws: `.dimensionMismatch`, `.nonFinite` (for `Z` or `x`), `.negativeEntry` (for `x`).
    /// - Complexity: `n²`, one pass.
    public static func technicalCoefficients(consuming z: consuming Matrix, grossOutput x: [Double]) throws -> Matrix {
        guard z.isSquare, z.rows == x.count else {
            throw InputOutputError.dimensionMismatch(
                operation: "technicalCoefficients", expected: "Z \(x.count)×\(x.count)", got: "\(z.rows)×\(z.columns)")
        }
        try requireNonNegative(x, "gross output x")
        if let bad = z.firstNonFinite {
            throw InputOutputError.nonFinite(quantity: "flows", index: bad.row + bad.column * z.rows, value: bad.value)
        }
        var a = consume z
        let m = a.rows
        a.withUnsafeMutableStorage { p in
            for j in 0..<x.count {
                let inv = x[j] > 0 ? 1 / x[j] : 0
                for i in 0..<m { p[i + j * m] *= inv }
            }
        }
        return a
    }

    /// Coefficients per unit of output for any block of inputs `R` (`k × n`): `R·diag(x)⁻¹`,
    /// e.g. value-added coefficients `v_j = VA_j / x_j` (M&B §2.2) or employment per unit of output (M&B §6.2).
    /// Zero-output columns give zero coefficients.
    public static func primaryInputCoefficients(_ r: Matrix, grossOutput x: [Double]) throws -> Matrix {
        guard r.columns == x.count else {
            throw InputOutputError.dimensionMismatch(
                operation: "primaryInputCoefficients", expected: "\(x.count) columns", got: "\(r.columns)")
        }
        try requireFinite(x, "gross output x")
        if let bad = r.firstNonFinite {
            throw InputOutputError.nonFinite(quantity: "flows", index: bad.row + bad.column * r.rows, value: bad.value)
        }
        var out = r.storage
        let m = r.rows
        out.withUnsafeMutableBufferPointer { p in
            for j in 0..<x.count {
                let inv = x[j] > 0 ? 1 / x[j] : 0
                for i in 0..<m { p[i + j * m] *= inv }
            }
        }
        return try Matrix(rows: m, columns: r.columns, columnMajor: out)
    }

    /// Allocation (output) coefficients of the Ghosh model `B = diag(x)⁻¹·Z`, `b_ij = z_ij / x_i`
    /// (M&B §12.1). Rows with zero output are zero.
    public static func allocationCoefficients(flows z: Matrix, grossOutput x: [Double]) throws -> Matrix {
        guard z.isSquare, z.rows == x.count else {
            throw InputOutputError.dimensionMismatch(
                operation: "allocationCoefficients", expected: "Z \(x.count)×\(x.count)", got: "\(z.rows)×\(z.columns)")
        }
        try requireNonNegative(x, "gross output x")
        let inv = x.map { $0 > 0 ? 1 / $0 : 0 }
        return try wrappingMatrixErrors { try z.scalingRows(by: inv) }
    }

    /// Gross output from the row identity `x = Z·1 + Y·1` (M&B §2.2): total sales.
    public static func grossOutputFromSales(flows z: Matrix, finalDemand y: Matrix) throws -> [Double] {
        guard z.rows == y.rows else {
            throw InputOutputError.dimensionMismatch(
                operation: "grossOutputFromSales", expected: "Y with \(z.rows) rows", got: "\(y.rows)")
        }
        var x = z.rowSums
        let yr = y.rowSums
        for i in 0..<x.count { x[i] += yr[i] }
        return x
    }

    /// Type I (or type II) ratio multipliers `m_j / c_j`: the total effect per unit of the direct effect
    /// (M&B §6.2). `nil` where the direct coefficient `c_j` is zero (undefined).
    public static func ratioMultipliers(total m: [Double], direct c: [Double]) throws -> [Double?] {
        try requireCount(c, m.count, "ratioMultipliers", "direct coefficients")
        return zip(m, c).map { $1 != 0 ? $0 / $1 : nil }
    }

    /// Rasmussen's normalised linkage indices `u_j = s_j / ((1/n)·Σ_k s_k)` (M&B §12.2):
    /// > 1 means above-average linkage. Backward: `s` = output multipliers (column sums of `L`);
    /// forward: `s` = row sums of the Ghosh inverse `G` (M&B §12.2, "forward linkages via Ghosh").
    public static func normalisedLinkages(_ s: [Double]) -> [Double] {
        guard !s.isEmpty else { return [] }
        let mean = s.reduce(0, +) / Double(s.count)
        return s.map { mean != 0 ? $0 / mean : 0 }
    }
}
