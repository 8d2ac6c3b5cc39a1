import ScenarioSpec

/// Failures of sweep planning, running and merging, each naming its cause.
public enum SweepError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A design cannot be built as asked.
    case design(String)
    /// A sensitivity analysis cannot be computed from these results.
    case analysis(String)
    /// A sweep file has problems; every one found is listed (`file:line:column: error: field: message`).
    case invalid([ScenarioDiagnostic])
    /// A run folder, manifest or shard cannot be used as asked.
    case run(String)

    public var description: String {
        switch self {
        case let .design(s): return "sweep design: \(s)"
        case let .analysis(s): return "sweep analysis: \(s)"
        case let .invalid(d): return d.map(\.description).joined(separator: "\n")
        case let .run(s): return s
        }
    }
}
