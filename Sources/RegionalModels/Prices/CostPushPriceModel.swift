import MatrixCore

/// The exogenous side of one year's price system (MODEL-v3 §4.4, "Cost-push prices"), per buying
/// industry `k = s·S + j` (length `n` each).
public struct CostPushInputs: Sendable, Equatable {
    /// `a_RoC`: inputs bought from the rest of China per unit of output (`CheneryMosesOperator.restOfChinaCoefficients`).
    public var restOfChina: [Double]
    /// `a_RoW`: inputs imported from abroad per unit of output (`InputOutput.foreignImportCoefficients`).
    public var restOfWorld: [Double]
    /// `v_p = v·c`: nominal value added per unit of real output (`UnitValueAddedCost.nominalValueAddedCoefficients`).
    public var nominalValueAdded: [Double]
    /// `P̂(t)`: the national GDP deflator (2019 = 1), the price of rest-of-China inputs.
    public var nationalDeflator: Double
    /// `p_RoW(t)`: the national import price in yuan (2019 = 1; default `P̂`, (M), MODEL-v3 §4.4).
    public var importPrice: Double

    public init(restOfChina: [Double], restOfWorld: [Double], nominalValueAdded: [Double], nationalDeflator: Double, importPrice: Double) {
        self.restOfChina = restOfChina
        self.restOfWorld = restOfWorld
        self.nominalValueAdded = nominalValueAdded
        self.nationalDeflator = nationalDeflator
        self.importPrice = importPrice
    }

    /// `a_RoC·P̂ + a_RoW·p_RoW + v_p`, the right-hand side of the price system.
    /// - Throws: `.dimensionMismatch` unless every vector has length `n`; `.negativeEntry`/`.nonFinite`;
    ///   `.invalidParameter` for `P̂ ≤ 0` or `p_RoW ≤ 0`.
    public func rightHandSide(industries n: Int) throws -> [Double] {
        for (v, name) in [(restOfChina, "a_RoC"), (restOfWorld, "a_RoW"), (nominalValueAdded, "v_p")] {
            try requireCount(v, n, "CostPushInputs", name)
            try requireNonNegative(v, name)
        }
        try requirePositive([nationalDeflator], "P̂")
        try requirePositive([importPrice], "p_RoW")
        var rhs = nominalValueAdded
        for k in 0..<n { rhs[k] += restOfChina[k] * nationalDeflator + restOfWorld[k] * importPrice }
        return rhs
    }
}

/// The cost-push (Leontief price) model on the matrix-free Chenery–Moses operator (MODEL-v3 §4.4 and
/// §6.2; Miller & Blair 2009 §2.6):
///
///     (I − A(t)ᵀ)·p = a_RoC(t)·P̂(t) + a_RoW(t)·p_RoW(t) + v_p(t),
///
/// `p[s,j]` the price index of industry `(s,j)`'s output (2019 = 1). Column `j` of `A` plus `a_RoC`,
/// `a_RoW` and `v` sums to 1 (the column closure, `closureResiduals`), so with unit indices
/// (`P̂ = p_RoW = 1`, `v_p = v`) the solution is `p = 1`; and the system is linear and homogeneous of degree 1
/// in `(P̂, p_RoW, v_p)`.
///
/// The solve uses the quantity model's operator transposed (`CheneryMosesOperator.applyTransposed`) and its
/// `LeontiefOperatorSolver` with `transposed: true`: GMRES preconditioned by the same block-Jacobi factors
/// `(I − f·own_s)⁻¹` applied transposed, so passing the run's one solver reuses the quantity side's factors
/// (they are cached per input-saving factor `f`). No `n × n` matrix is formed. GMRES starts from the last
/// prices `p₀` (2019: all 1) and stops at the quantity solves' true relative residual
/// `‖rhs − (I − Aᵀ)·p‖/‖rhs‖ ≤ 1e-12`, so a year whose prices move little costs few iterations. (Until December
/// 2026 it solved for the correction `δ = p − p₀` to 1e-12 relative to the defect, a criterion tighter by
/// `‖rhs‖/‖defect‖` than the quantity side's, which cost about a third more iterations for digits nobody reads.)
public struct CostPushPriceModel: Sendable {
    public let dimensions: MRIODimensions
    /// The last solution, and the starting point of the next solve (initially 1, the 2019 prices).
    public var prices: [Double]

    public init(dimensions: MRIODimensions) {
        self.dimensions = dimensions
        prices = [Double](repeating: 1, count: dimensions.industries)
    }

    /// Solves the year's price system and keeps the result as the next warm start.
    ///
    /// - Parameters:
    ///   - a: the year's coefficient operator `A(t)` (the one the quantity solve uses).
    ///   - inputs: `a_RoC`, `a_RoW`, `v_p`, `P̂`, `p_RoW`.
    ///   - solver: the run's `LeontiefOperatorSolver` (its tolerance bounds the true relative residual).
    /// - Returns: `p` (length `n`).
    /// - Throws: `.dimensionMismatch`; input errors of `CostPushInputs.rightHandSide`;
    ///   `.matrix(.notConverged)` from GMRES; `.nonFinite` if the result is not finite.
    /// - Complexity: the GMRES iterations, each `O(R·S² + R²·S)`.
    public mutating func solve(_ a: CheneryMosesOperator, _ inputs: CostPushInputs, solver: inout LeontiefOperatorSolver) throws -> [Double] {
        let d = dimensions, n = d.industries
        guard a.dimensions == d, solver.dimensions == d, prices.count == n else {
            throw InputOutputError.dimensionMismatch(
                operation: "CostPushPriceModel.solve", expected: "operator, solver and \(n) warm-start prices for \(d.regions) × \(d.sectors)",
                got: "\(a.dimensions.regions) × \(a.dimensions.sectors), \(prices.count) prices")
        }
        let rhs = try inputs.rightHandSide(industries: n)
        let p = try solver.solve(a, rhs, start: prices, transposed: true)
        try requireFinite(p, "cost-push prices p")
        prices = p
        return p
    }

    /// The column-closure residuals `1ᵀA + a_RoC + a_RoW + v − 1` per column (MODEL-v3 §4.4): zero to
    /// round-off when the accounts close, which is what makes `p = 1` the solution for unit indices.
    /// - Throws: `.dimensionMismatch` unless the vectors have length `n`.
    public static func closureResiduals(
        _ a: CheneryMosesOperator, restOfChina: [Double], restOfWorld: [Double], valueAdded: [Double]
    ) throws -> [Double] {
        let n = a.dimensions.industries
        for (v, name) in [(restOfChina, "a_RoC"), (restOfWorld, "a_RoW"), (valueAdded, "v")] {
            try requireCount(v, n, "closureResiduals", name)
        }
        var residuals = a.columnSums
        for k in 0..<n {
            let outside: Double = restOfChina[k] + restOfWorld[k]
            residuals[k] += outside + valueAdded[k] - 1
        }
        return residuals
    }
}
