import MatrixCore
import RegionalModels

/// Solves `(I − A(t))·x = y` year after year (MODEL.md §11).
///
/// - **Fast mode** never forms the `n × n` matrix: `A(t)` is a `CheneryMosesOperator` (`O(R·S² + R²·S)`
///   per product) and `LeontiefOperatorSolver` runs GMRES preconditioned by the jurisdictions' own
///   input–output blocks, warm-started from last year's solution, to a true relative residual of 1e-12.
///   Its preconditioner blocks are factored once and refactored only when the input-saving factor `f`
///   changes (the blocks `I − f·own_s` are the only part of `A` that is fixed across years).
/// - **Reference mode** forms `A(t)` densely and factors `I − A(t)` every year (`dgetrf` + `dgetrs`).
///
/// Both agree to 1e-10 relative on every indicator (a test), so results do not depend on the mode.
struct YearlySolver {
    let mode: Simulator.SolveMode
    /// Dense `n × n` factorisations (reference mode: one per year; fast mode: none).
    private(set) var factorisations = 0
    private var iterative: LeontiefOperatorSolver
    /// Reference mode: the factors of the last quantity solve's `I − A(t)`, reused (transposed) by the price solve
    /// of the same year, which follows it with the same operator; cleared by that use.
    private var factors: LUFactorization?
    var iterations: Int { iterative.iterations }
    var blockFactorisations: Int { iterative.blockFactorisations }

    init(mode: Simulator.SolveMode, dimensions: MRIODimensions) {
        self.mode = mode
        iterative = LeontiefOperatorSolver(dimensions: dimensions)
    }

    /// Solves for every column of `y` at once.
    mutating func solve(a: CheneryMosesOperator, y: Matrix) throws -> Matrix {
        switch mode {
        case .fast:
            return try iterative.solve(a, y)
        case .reference:
            return try factor(a).solve(y)
        }
    }

    /// Solves one column `(I − A(t))·x = y` (the year's demand when κ(t) is known before the solve: given by the
    /// counterfactual or held), fast mode warm-started from `start` (last year's gross output), reference mode with
    /// the year's dense factors (kept for the price solve).
    mutating func solve(a: CheneryMosesOperator, y: [Double], start: [Double]) throws -> [Double] {
        switch mode {
        case .fast:
            return try iterative.solve(a, y, start: start)
        case .reference:
            return try factor(a).solve(Matrix(column: y)).storage
        }
    }

    /// The cost-push price solve `(I − A(t)ᵀ)·p = rhs` (MODEL-v3 §4.4, §6.2) with the same solver: fast mode
    /// through `CostPushPriceModel.solve` (GMRES on the transposed operator, the quantity side's block factors);
    /// reference mode with the year's dense factors transposed (dgetrs 'T'), factoring only if the quantity solve
    /// of this operator has not.
    mutating func solvePrices(_ model: inout CostPushPriceModel, a: CheneryMosesOperator, inputs: CostPushInputs) throws -> [Double] {
        switch mode {
        case .fast:
            return try model.solve(a, inputs, solver: &iterative)
        case .reference:
            let lu = try factors ?? factor(a)
            factors = nil
            let p = try lu.solve(Matrix(column: try inputs.rightHandSide(industries: a.dimensions.industries)), transposed: true).storage
            guard p.allSatisfy(\.isFinite) else { throw SimulationError.numerical("non-finite cost-push prices") }
            model.prices = p
            return p
        }
    }

    /// Reference mode: factors `I − A(t)` (dgetrf), counts it, and keeps the factors for the year's price solve.
    private mutating func factor(_ a: CheneryMosesOperator) throws -> LUFactorization {
        let lu = try LUFactorization(factoring: Matrix.identityMinus(a.dense()))
        factorisations += 1
        factors = lu
        return lu
    }
}
