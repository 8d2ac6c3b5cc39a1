import Foundation

/// The errors of the Reporting module: file-system failures while writing, and documents that cannot be
/// read back.
public enum ReportingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A system call failed; `operation` is the C call (`open`, `write`, `fsync`, `rename`, …).
    case io(operation: String, path: String, errno: Int32)
    /// The destination directory could not be created.
    case cannotCreateDirectory(path: String, reason: String)
    /// A file name in a set to write is empty, hidden, contains `/`, is reserved or appears twice.
    case invalidFileName(String)
    /// A `summary.json` (or other document) that cannot be decoded; `reason` says what is wrong.
    case invalidDocument(path: String?, reason: String)

    public var description: String {
        switch self {
        case let .io(operation, path, code):
            return "\(operation) failed for \(path): \(String(cString: strerror(code))) (errno \(code))"
        case let .cannotCreateDirectory(path, reason):
            return "cannot create directory \(path): \(reason)"
        case let .invalidFileName(name):
            return "invalid output file name '\(name)'"
        case let .invalidDocument(path, reason):
            return "\(path.map { "\($0): " } ?? "")invalid document: \(reason)"
        }
    }
}
