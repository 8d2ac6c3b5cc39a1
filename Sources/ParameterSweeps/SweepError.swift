/// Failures of sweep planning, running and merging, each naming its cause.
public enum SweepError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A design cannot be built as asked.
    case design(String)
    /// A sensitivity analysis cannot be computed from these results.
    case analysis(String)

    public var description: String {
        switch self {
        case let .design(s): return "sweep design: \(s)"
        case let .analysis(s): return "sweep analysis: \(s)"
        }
    }
}
