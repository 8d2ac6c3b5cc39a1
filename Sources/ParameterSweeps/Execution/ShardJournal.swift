import Foundation
import Reporting

/// The append-only journal of one shard: a CSV whose first line is the header `run_id,<outputs…>` and
/// each further line one finished run, written and flushed (`write(2)` + `fsync`) as the run finishes.
///
/// Resuming reads the journal, keeps every complete line (newline-terminated, the right number of
/// fields, a run id of this shard), truncates a torn last line, and reports which runs are done. When all
/// of the shard's runs are in, `publish` renames the journal to its final name: a shard file under its
/// final name is always complete.
///
/// Appending with a flush per run is what makes an interrupted sweep resumable, so the journal is part of
/// the sweep algorithm; its system calls go through Reporting's `POSIXFile` (the one door for POSIX
/// writes, every return code checked).
public final class ShardJournal: @unchecked Sendable {
    // @unchecked: all access to `file` and `done` goes through `lock`.
    public let partialURL: URL
    public let finalURL: URL
    public let outputNames: [String]
    private let lock = NSLock()
    private var file: POSIXFile?  // nil once published
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
        // Drop a torn last line (or anything after the last good line), or write the header.
        let file = try POSIXFile.open(partialURL.path, flags: O_WRONLY | O_CREAT)
        do {
            try file.truncate(to: keepBytes)
            if keepBytes == 0 { try file.writeAll(header) }
            try file.seekToEnd()
            try file.synchronise()
        } catch {
            file.closeUnchecked()
            throw error
        }
        self.file = file
        self.done = done
    }

    deinit { file?.closeUnchecked() }

    /// Run ids already recorded.
    public var finishedRuns: Set<Int> { lock.withLock { done } }

    /// Appends one finished run and flushes it to disk (`write` + `fsync`) before returning.
    /// - Throws: `ReportingError.io` when a call fails; `ShardJournalError.io` after `publish`.
    public func append(runID: Int, values: [Double?]) throws {
        precondition(values.count == outputNames.count, "ShardJournal.append: wrong number of values")
        let bytes = Array(Self.line(runID: runID, values: values).utf8)
        try lock.withLock {
            guard !done.contains(runID) else { return }
            guard let file else { throw ShardJournalError.io(partialURL.path, "the journal is already published") }
            try file.writeAll(bytes)
            try file.synchronise()
            done.insert(runID)
        }
    }

    /// Renames the complete journal to its final name: `fsync`, `close`, `rename`, then `fsync` of the
    /// folder (every call checked; see `POSIXFile`).
    public func publish() throws {
        try lock.withLock {
            guard let file else { throw ShardJournalError.io(partialURL.path, "the journal is already published") }
            self.file = nil
            do { try file.synchronise() } catch {
                file.closeUnchecked()
                throw error
            }
            try file.close()
            try POSIXFile.rename(partialURL.path, to: finalURL.path)
            try POSIXFile.synchroniseDirectory(finalURL.deletingLastPathComponent().path)
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
