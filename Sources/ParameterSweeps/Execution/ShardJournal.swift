import Foundation

/// The append-only journal of one shard: a CSV whose first line is the header `run_id,<outputs…>` and
/// each further line one finished run, written and flushed (`write(2)` + `fsync`) as the run finishes.
///
/// Resuming reads the journal, keeps every complete line (newline-terminated, the right number of
/// fields, a run id of this shard), truncates a torn last line, and reports which runs are done. When all
/// of the shard's runs are in, `publish` renames the journal to its final name: a shard file under its
/// final name is always complete.
///
/// This is the one place outside Reporting that writes a file: appending with a flush per run is what
/// makes an interrupted sweep resumable, so it is part of the sweep algorithm.
public final class ShardJournal: @unchecked Sendable {
    // @unchecked: all access to `fd` and `done` goes through `lock`.
    public let partialURL: URL
    public let finalURL: URL
    public let outputNames: [String]
    private let lock = NSLock()
    private var fd: Int32
    private var done: Set<Int>

    /// The header line of a shard journal with these outputs.
    public static func header(outputs: [String]) -> String { (["run_id"] + outputs).joined(separator: ",") + "\n" }

    /// One result line: the run id, then each value in Swift's shortest round-trip form ("" for nil).
    public static func line(runID: Int, values: [Double?]) -> String {
        ([String(runID)] + values.map { $0.map { $0.description } ?? "" }).joined(separator: ",") + "\n"
    }

    /// Opens (creating or resuming) the journal `partialURL`; `finalURL` is its published name.
    /// - Parameter isMember: which run ids belong to this shard (others found in the file are an error).
    /// - Throws: `ShardJournalError` when the file's header differs or it holds another shard's runs.
    public init(partialURL: URL, finalURL: URL, outputs: [String], isMember: (Int) -> Bool) throws {
        self.partialURL = partialURL
        self.finalURL = finalURL
        self.outputNames = outputs
        let header = Self.header(outputs: outputs)
        var done = Set<Int>()
        var keepBytes = 0
        if let data = FileManager.default.contents(atPath: partialURL.path), !data.isEmpty {
            let bytes = [UInt8](data)
            // Header.
            guard let nl = bytes.firstIndex(of: 0x0A), String(decoding: bytes[0...nl], as: UTF8.self) == header else {
                throw ShardJournalError.headerMismatch(file: partialURL.path, expected: header.trimmingCharacters(in: .newlines))
            }
            keepBytes = nl + 1
            var start = nl + 1
            while start < bytes.count, let end = bytes[start...].firstIndex(of: 0x0A) {
                let text = String(decoding: bytes[start..<end], as: UTF8.self)
                let fields = text.split(separator: ",", omittingEmptySubsequences: false)
                guard fields.count == outputs.count + 1, let id = Int(fields[0]),
                      fields.dropFirst().allSatisfy({ $0.isEmpty || Double($0) != nil }) else { break }
                guard isMember(id) else { throw ShardJournalError.foreignRun(file: partialURL.path, runID: id) }
                done.insert(id)
                keepBytes = end + 1
                start = end + 1
            }
        }
        let fd = open(partialURL.path, O_WRONLY | O_CREAT, 0o644)
        guard fd >= 0 else { throw ShardJournalError.io(partialURL.path, String(cString: strerror(errno))) }
        // Drop a torn last line (or anything after the last good line), or write the header.
        if keepBytes == 0 {
            ftruncate(fd, 0)
            try Self.writeAll(fd, Array(header.utf8), path: partialURL.path)
        } else {
            ftruncate(fd, off_t(keepBytes))
        }
        lseek(fd, 0, SEEK_END)
        fsync(fd)
        self.fd = fd
        self.done = done
    }

    deinit { if fd >= 0 { close(fd) } }

    /// Run ids already recorded.
    public var finishedRuns: Set<Int> { lock.withLock { done } }

    /// Appends one finished run and flushes it to disk before returning.
    public func append(runID: Int, values: [Double?]) throws {
        precondition(values.count == outputNames.count, "ShardJournal.append: wrong number of values")
        let bytes = Array(Self.line(runID: runID, values: values).utf8)
        try lock.withLock {
            guard !done.contains(runID) else { return }
            try Self.writeAll(fd, bytes, path: partialURL.path)
            fsync(fd)
            done.insert(runID)
        }
    }

    /// Renames the complete journal to its final name (and fsyncs the folder).
    public func publish() throws {
        try lock.withLock {
            fsync(fd)
            close(fd)
            fd = -1
            guard rename(partialURL.path, finalURL.path) == 0 else {
                throw ShardJournalError.io(finalURL.path, String(cString: strerror(errno)))
            }
            let dfd = open(finalURL.deletingLastPathComponent().path, O_RDONLY)
            if dfd >= 0 { fsync(dfd); close(dfd) }
        }
    }

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws {
        var off = 0
        while off < bytes.count {
            let n = bytes[off...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw ShardJournalError.io(path, String(cString: strerror(errno)))
            }
            off += n
        }
    }

    /// Parses a complete shard file (published or merged): run id → values. Used by merge and status.
    public static func read(_ url: URL, outputs: [String]) throws -> [Int: [Double?]] {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw ShardJournalError.io(url.path, "cannot read")
        }
        var lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        guard let first = lines.first, first + "\n" == header(outputs: outputs) else {
            throw ShardJournalError.headerMismatch(file: url.path, expected: header(outputs: outputs).trimmingCharacters(in: .newlines))
        }
        var out: [Int: [Double?]] = [:]
        for (k, l) in lines.dropFirst().enumerated() {
            let f = l.split(separator: ",", omittingEmptySubsequences: false)
            guard f.count == outputs.count + 1, let id = Int(f[0]) else {
                throw ShardJournalError.malformed(file: url.path, line: k + 2)
            }
            var values: [Double?] = []
            for cell in f.dropFirst() {
                if cell.isEmpty { values.append(nil); continue }
                guard let v = Double(cell) else { throw ShardJournalError.malformed(file: url.path, line: k + 2) }
                values.append(v)
            }
            out[id] = values
        }
        return out
    }
}

/// Problems with shard files.
public enum ShardJournalError: Error, Equatable, Sendable, CustomStringConvertible {
    case headerMismatch(file: String, expected: String)
    case foreignRun(file: String, runID: Int)
    case malformed(file: String, line: Int)
    case io(String, String)

    public var description: String {
        switch self {
        case let .headerMismatch(f, e): return "\(f): line 1: the header does not match the sweep's outputs (expected '\(e)')"
        case let .foreignRun(f, id): return "\(f): run \(id) does not belong to this shard"
        case let .malformed(f, l): return "\(f):\(l): malformed result line"
        case let .io(f, why): return "\(f): \(why)"
        }
    }
}
