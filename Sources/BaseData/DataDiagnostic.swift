import Foundation

/// One problem found in a data file, located by file, line and column.
///
/// `line` is the 1-based physical line (the header is line 1); `column` is the 1-based field number,
/// or 0 when the problem concerns the whole row or header (e.g. a missing column, whose name is in `field`).
public struct DataDiagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
    /// File path relative to the data folder.
    public var file: String
    /// 1-based line; 0 when the file could not be read at all.
    public var line: Int
    /// 1-based column number; 0 for the whole row or header.
    public var column: Int
    /// Column name where known.
    public var field: String
    /// What is wrong.
    public var message: String

    public init(file: String, line: Int, column: Int, field: String, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.field = field
        self.message = message
    }

    /// `file:line:column: message (field)`.
    public var description: String {
        "\(file):\(line):\(column): \(message)" + (field.isEmpty ? "" : " [\(field)]")
    }
}

/// Errors of the BaseData module.
public enum BaseDataError: Error, Sendable, CustomStringConvertible {
    /// The bundled data folder is not in the module's resources.
    case resourcesMissing(lookedIn: [String])
    /// One or more files failed validation; every problem is listed.
    case invalidData([DataDiagnostic])
    /// A requested item is not in the dataset (e.g. an unknown group or sector code).
    case notFound(kind: String, id: String)

    public var diagnostics: [DataDiagnostic] {
        if case .invalidData(let d) = self { return d }
        return []
    }

    public var description: String {
        switch self {
        case .resourcesMissing(let places):
            return "the bundled data folder was not found (looked in \(places.joined(separator: ", "))). "
                + "The executable needs its resource folder \(BaseDataset.resourceBundleName) beside it or in ../share/chengyu: "
                + "install with `make install` (PREFIX=/usr/local), which copies both, or set CHENGYU_DATA to a data folder"
        case .invalidData(let d):
            return "invalid base data (\(d.count) problem\(d.count == 1 ? "" : "s")):\n" + d.map { "  " + $0.description }.joined(separator: "\n")
        case .notFound(let kind, let id): return "\(kind) '\(id)' not found in the base data"
        }
    }
}
