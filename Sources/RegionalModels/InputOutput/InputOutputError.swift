import MatrixCore

/// Failures of the input–output model. Every case carries what a reader needs to find the cause;
/// indices are 0-based in the payload and shown 1-based in `description`.
public enum InputOutputError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Shapes that do not fit together (`operation` names the call).
    case dimensionMismatch(operation: String, expected: String, got: String)
    /// A quantity that must be non-negative has a negative entry at `index` (flattened as documented by the call).
    case negativeEntry(quantity: String, index: Int, value: Double)
    /// A NaN or infinity in an input or result.
    case nonFinite(quantity: String, index: Int, value: Double)
    /// A column of `A` sums to at least `1 − 1e-6`: the economy would not be productive (MODEL.md §3).
    case columnSumTooLarge(column: Int, sum: Double)
    /// A parameter outside its domain.
    case invalidParameter(name: String, value: Double, reason: String)
    /// A tradable industry's own use (intermediate + final, inside its own jurisdiction) exceeds its output:
    /// bad output data (MODEL.md §4, supply cap).
    case ownUseAboveOutput(industry: Int, ownUse: Double, output: Double)
    /// A failure of the matrix core (singular system, non-convergence, …).
    case matrix(MatrixError)

    public var description: String {
        switch self {
        case let .dimensionMismatch(op, expected, got):
            return "\(op): dimension mismatch: expected \(expected), got \(got)"
        case let .negativeEntry(q, i, v):
            return "\(q): negative entry \(v) at position \(i + 1)"
        case let .nonFinite(q, i, v):
            return "\(q): non-finite value \(v) at position \(i + 1)"
        case let .columnSumTooLarge(j, s):
            return "column \(j + 1) of A sums to \(s) ≥ 1 − 1e-6: the system is not productive"  // 1e-6: InputOutput.productiveColumnSumMargin
        case let .invalidParameter(name, v, reason):
            return "parameter \(name) = \(v): \(reason)"
        case let .ownUseAboveOutput(k, own, x):
            return "industry \(k + 1): own use \(own) exceeds gross output \(x) (check the output data)"
        case let .matrix(e):
            return e.description
        }
    }
}

/// Runs `body`, wrapping a `MatrixError` into `InputOutputError.matrix`.
@inline(__always)
func wrappingMatrixErrors<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let e as MatrixError { throw InputOutputError.matrix(e) }
}

/// Throws `.nonFinite` for the first NaN or infinity in `values`.
func requireFinite(_ values: [Double], _ quantity: String) throws {
    if let k = values.firstIndex(where: { !$0.isFinite }) {
        throw InputOutputError.nonFinite(quantity: quantity, index: k, value: values[k])
    }
}

/// Throws `.negativeEntry` for the first negative entry (and `.nonFinite` for NaN/inf) in `values`.
func requireNonNegative(_ values: [Double], _ quantity: String) throws {
    try requireFinite(values, quantity)
    if let k = values.firstIndex(where: { $0 < 0 }) {
        throw InputOutputError.negativeEntry(quantity: quantity, index: k, value: values[k])
    }
}

func requireCount(_ values: [Double], _ n: Int, _ operation: String, _ name: String) throws {
    guard values.count == n else {
        throw InputOutputError.dimensionMismatch(operation: operation, expected: "\(name) of length \(n)", got: "\(values.count)")
    }
}
