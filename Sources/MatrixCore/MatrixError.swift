/// Failures of the matrix core. Each case carries what a reader needs to find the cause.
public enum MatrixError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Shapes that cannot be combined, at a public boundary (`operation` names the call).
    case dimensionMismatch(operation: String, expected: String, got: String)
    /// A NaN or infinity entered the core; `row`/`column` are 0-based.
    case nonFinite(operation: String, row: Int, column: Int, value: Double)
    /// `dgetrf` found an exactly zero pivot: `U[pivot, pivot] = 0` (1-based, as LAPACK reports it).
    case singular(pivot: Int)
    /// A LAPACK routine rejected its argument number `argument` (negative `info`).
    case illegalArgument(routine: String, argument: Int)
    /// An iteration stopped at its cap before reaching its tolerance.
    case notConverged(operation: String, iterations: Int, residual: Double)
    /// The matrix has negative entries where the routine requires a non-negative one.
    case negativeEntry(operation: String, row: Int, column: Int, value: Double)

    public var description: String {
        switch self {
        case let .dimensionMismatch(op, expected, got):
            return "\(op): dimension mismatch: expected \(expected), got \(got)"
        case let .nonFinite(op, r, c, v):
            return "\(op): non-finite value \(v) at row \(r + 1), column \(c + 1)"
        case let .singular(pivot):
            return "matrix is singular: U[\(pivot),\(pivot)] is exactly zero (dgetrf info = \(pivot))"
        case let .illegalArgument(routine, arg):
            return "\(routine): argument \(arg) had an illegal value (info = -\(arg))"
        case let .notConverged(op, it, res):
            return "\(op): not converged after \(it) iterations (residual \(res))"
        case let .negativeEntry(op, r, c, v):
            return "\(op): negative entry \(v) at row \(r + 1), column \(c + 1)"
        }
    }
}
