/// Where a problem or a value sits in a scenario file: file, line and column (1-based, columns in Unicode
/// scalars as libyaml counts them) and the field path (`levers[2].where[0]`).
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let column: Int
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }
    public var description: String { "\(file):\(line):\(column)" }
}

/// One problem found while loading a scenario. Rendered as `file:line:column: error: field: message`.
public struct ScenarioDiagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable { case error, warning }

    public let severity: Severity
    public let location: SourceLocation
    /// Field path inside the file, e.g. `levers[2].where[0]`; empty for the document itself.
    public let field: String
    public let message: String

    public init(_ severity: Severity = .error, at location: SourceLocation, field: String, message: String) {
        self.severity = severity
        self.location = location
        self.field = field
        self.message = message
    }

    public var file: String { location.file }
    public var line: Int { location.line }
    public var column: Int { location.column }

    public var description: String {
        "\(location): \(severity.rawValue): \(field.isEmpty ? "<document>" : field): \(message)"
    }
}

/// ScenarioSpec's one error type.
public enum ScenarioError: Error, Sendable, CustomStringConvertible {
    /// The file (or a parent) has problems; every one found is listed.
    case invalid([ScenarioDiagnostic])
    /// `parameterValue` was asked for an id the parameter catalog does not know.
    case unknownParameter(String)

    public var description: String {
        switch self {
        case .invalid(let diagnostics): return diagnostics.map(\.description).joined(separator: "\n")
        case .unknownParameter(let id): return "unknown parameter id '\(id)'"
        }
    }
}

/// Suggestions for misspelt names: the closest candidate by Levenshtein distance, if close enough.
public enum Suggest {
    /// Levenshtein edit distance (insertions, deletions, substitutions each cost 1), case-insensitive.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a.lowercased()), y = Array(b.lowercased())
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[y.count]
    }

    /// The closest of `candidates` to `word` when within max(2, length/3) edits; ties by sorted order.
    public static func closest<S: Sequence>(to word: String, in candidates: S) -> String? where S.Element == String {
        let limit = max(2, word.count / 3)
        var best: (String, Int)?
        let length = word.count
        // The distance is at least the difference in length: skip the O(m·n) table when that is already too far
        // (a 1.5 MB misspelt name took seconds per candidate).
        for candidate in candidates.sorted() where abs(candidate.count - length) <= limit {
            let d = editDistance(word, candidate)
            if d <= limit, best == nil || d < best!.1 { best = (candidate, d) }
        }
        return best?.0
    }

    /// " (did you mean 'x'?)" or "".
    public static func hint<S: Sequence>(for word: String, in candidates: S) -> String where S.Element == String {
        closest(to: word, in: candidates).map { " (did you mean '\($0)'?)" } ?? ""
    }
}
