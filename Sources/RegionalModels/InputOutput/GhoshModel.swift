import MatrixCore

/// The Ghosh supply-side model `xᵀ = vᵀ·(I − B)⁻¹ = vᵀ·G`, `B = diag(x)⁻¹·Z` (M&B §12.1; Ghosh 1958).
///
/// `I − B` is factored once; supply-driven output for a primary-input vector `v` is one transposed solve
/// `(I − B)ᵀ·x = v`, and the row sums `G·1` (forward linkages) one plain solve. The inverse is never formed.
/// The model's well-known implausibility as a causal model (M&B §12.1.3; Oosterhaven 1988) does not affect
/// its use as a measure of forward linkage.
public struct GhoshModel: Sendable {
    /// The allocation coefficients `B`.
    public let allocationCoefficients: Matrix
    /// The LU factorisation of `I − B`.
    public let factorization: LUFactorization

    /// The number of industries.
    public var order: Int { allocationCoefficients.rows }

    /// Factors `I − B`.
    public init(allocationCoefficients b: Matrix) throws {
        // I − B has the same structure as a Leontief matrix: reuse that constructor's checks.
        let leontief = try LeontiefModel(technicalCoefficients: b)
        self.allocationCoefficients = b
        self.factorization = leontief.factorization
    }

    /// Supply-driven gross output `xᵀ = vᵀ·(I − B)⁻¹` for primary inputs `v` (value added, length `n`),
    /// by one transposed solve `(I − B)ᵀ·x = v`.
    public func grossOutput(primaryInputs v: [Double]) throws -> [Double] {
        try requireCount(v, order, "GhoshModel.grossOutput", "primary inputs")
        return try wrappingMatrixErrors { try factorization.solveTransposed(v) }
    }

    /// Row sums `G·1` of the Ghosh inverse (total forward dependence per unit of primary input).
    public func rowSums() throws -> [Double] {
        try wrappingMatrixErrors { try factorization.solve([Double](repeating: 1, count: order)) }
    }
}
