import Foundation
import Reporting

/// Finished runs gathered from every shard file of a run folder, whatever shard counts produced them.
public struct CollectedResults: Sendable {
    /// run id → journal values (`status`, then the outputs).
    public var rows: [Int: [Double?]] = [:]
    /// run id → failure reason.
    public var failures: [Int: String] = [:]
    /// Shard stems (`shard-00002-of-00004`) published under their final name.
    public var published: Set<String> = []
}

/// One shard's state for `sweep status`.
public struct ShardStatus: Sendable, Equatable {
    public enum State: String, Sendable { case published, complete, partial, missing }
    public let shard: Int
    public let runs: Int
    public let done: Int
    public let state: State
}

public enum MergeOutcome: Sendable, Equatable {
    case written(results: URL, database: URL, failures: Int)
    case incomplete(missingRuns: [Int], missingShards: [Int])
}

/// Status and merge of a run folder.
public enum SweepResults {
    /// Reads every published shard (`shards/shard-I-of-N.csv`) and partial journal (`…partial.csv`, complete
    /// lines only: a torn last line is ignored), in name order, published first; a run found twice keeps its
    /// first record (the engine is deterministic, so the records agree).
    /// - Parameter skippingShardCount: ignore the files of splits into this many shards.
    public static func collect(runDirectory: URL, manifest: SweepManifest, skippingShardCount: Int? = nil) throws -> CollectedResults {
        let dir = runDirectory.appendingPathComponent("shards")
        var names = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).sorted()
        if let n = skippingShardCount {
            let tag = "-of-\(ShardSelection.pad(n))."
            names = names.filter { !$0.contains(tag) }
        }
        let columns = ["status"] + manifest.outputs.map(\.name)
        var out = CollectedResults()
        let published = names.filter { $0.hasPrefix("shard-") && $0.hasSuffix(".csv") && !$0.hasSuffix(".partial.csv") }
        let partial = names.filter { $0.hasPrefix("shard-") && $0.hasSuffix(".partial.csv") }
        for name in published {
            let rows = try ShardJournal.read(dir.appendingPathComponent(name), outputs: columns)
            for (id, v) in rows where out.rows[id] == nil { out.rows[id] = v }
            out.published.insert(String(name.dropLast(4)))
        }
        for name in partial {
            for (id, v) in try readPartial(dir.appendingPathComponent(name), columns: columns) where out.rows[id] == nil {
                out.rows[id] = v
            }
        }
        for name in names where name.hasSuffix(".failures.tsv") {
            guard let data = FileManager.default.contents(atPath: dir.appendingPathComponent(name).path) else { continue }
            let text = String(decoding: data, as: UTF8.self)
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            lines.removeLast()  // the text after the last newline: empty, or a torn line
            for l in lines {
                guard let tab = l.firstIndex(of: "\t"), let id = Int(l[..<tab]) else { continue }
                if out.failures[id] == nil { out.failures[id] = String(l[l.index(after: tab)...]) }
            }
        }
        let valid = Set(manifest.runs.map(\.id))
        out.rows = out.rows.filter { valid.contains($0.key) }
        return out
    }

    /// Complete lines of a journal that may end in a torn line.
    static func readPartial(_ url: URL, columns: [String]) throws -> [Int: [Double?]] {
        guard let data = FileManager.default.contents(atPath: url.path) else { return [:] }
        var lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        lines.removeLast()
        guard let header = lines.first else { return [:] }
        guard header + "\n" == ShardJournal.header(outputs: columns) else {
            throw ShardJournalError.headerMismatch(file: url.path, expected: ShardJournal.header(outputs: columns).trimmingCharacters(in: .newlines))
        }
        var out: [Int: [Double?]] = [:]
        for l in lines.dropFirst() {
            let f = l.split(separator: ",", omittingEmptySubsequences: false)
            guard f.count == columns.count + 1, let id = Int(f[0]) else { break }
            var v: [Double?] = []
            for c in f.dropFirst() {
                if c.isEmpty { v.append(nil) } else if let x = Double(c) { v.append(x) } else { break }
            }
            guard v.count == columns.count else { break }
            out[id] = v
        }
        return out
    }

    /// Per-shard progress for a shard count.
    public static func status(manifest: SweepManifest, collected: CollectedResults, shards n: Int) -> [ShardStatus] {
        (0..<n).map { i in
            let ids = manifest.runs.map(\.id).filter { $0 % n == i }
            let done = ids.filter { collected.rows[$0] != nil }.count
            let stem = (try? ShardSelection(index: i, count: n))?.stem ?? ""
            let state: ShardStatus.State = collected.published.contains(stem) ? .published
                : done == ids.count ? .complete : done > 0 ? .partial : .missing
            return ShardStatus(shard: i, runs: ids.count, done: done, state: state)
        }
    }

    /// `0-3,7,9-10`: a Slurm `--array` list of indexes.
    public static func arrayList(_ indexes: [Int]) -> String {
        let s = Array(Set(indexes)).sorted()
        var parts: [String] = []
        var k = 0
        while k < s.count {
            var j = k
            while j + 1 < s.count && s[j + 1] == s[j] + 1 { j += 1 }
            parts.append(j == k ? "\(s[k])" : "\(s[k])-\(s[j])")
            k = j + 1
        }
        return parts.joined(separator: ",")
    }

    /// Text of a number in results: Swift's shortest round-trip form; integers for 1/0 flags.
    static func cell(_ v: Double?, kind: SweepOutput.Kind) -> String {
        guard let v else { return "" }
        if kind == .met { return v == 1 ? "1" : "0" }
        return v.description
    }

    /// `results.csv`: `run_id,<factor columns>,status,<outputs>` sorted by run id; status `ok` or `failed`.
    public static func renderCSV(manifest: SweepManifest, collected: CollectedResults) -> String {
        var lines = [(["run_id"] + manifest.factors.map(\.column) + ["status"] + manifest.outputs.map(\.name)).joined(separator: ",")]
        for run in manifest.runs.sorted(by: { $0.id < $1.id }) {
            guard let row = collected.rows[run.id] else { continue }
            var cells = [String(run.id)] + run.values.map { $0.description }
            cells.append(row[0] == 0 ? "ok" : "failed")
            for (o, v) in zip(manifest.outputs, row.dropFirst()) { cells.append(cell(v, kind: o.kind)) }
            lines.append(cells.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A column name SQL needs no quotes for: `.` (and any other character but letters, digits and `_`)
    /// becomes `_`, so `flq.delta` is `flq_delta` and `lever.x` is `lever_x` in `results.sqlite`.
    public static func sqlName(_ column: String) -> String {
        String(column.map { $0.isLetter || $0.isNumber || $0 == "_" ? $0 : "_" })
    }

    /// Checks completeness against the manifest; when complete, writes `results.csv`, `results.sqlite`
    /// (table `results`, the same columns, named by `sqlName`) and `failures.csv` (`run_id,reason`) atomically;
    /// with kept trajectories also `trajectories.iamc.csv` (`ensembleIAMC`).
    public static func merge(runDirectory: URL, manifest: SweepManifest, model: String = "Chengyu") throws -> MergeOutcome {
        let c = try collect(runDirectory: runDirectory, manifest: manifest)
        let missing = manifest.runs.map(\.id).filter { c.rows[$0] == nil }
        if !missing.isEmpty {
            let shards = Array(Set(missing.map { $0 % manifest.shards })).sorted()
            return .incomplete(missingRuns: missing, missingShards: shards)
        }
        let csv = runDirectory.appendingPathComponent("results.csv")
        try AtomicFileWriter.write(Data(renderCSV(manifest: manifest, collected: c).utf8), to: csv)
        var columns: [SQLiteTableWriter.Column] = [.integer("run_id")] + manifest.factors.map { .real(sqlName($0.column)) } + [.text("status")]
        columns += manifest.outputs.map { $0.kind == .met ? .integer(sqlName($0.name)) : .real(sqlName($0.name)) }
        let rows: [[SQLiteTableWriter.Value]] = manifest.runs.sorted { $0.id < $1.id }.map { run in
            let row = c.rows[run.id]!
            var v: [SQLiteTableWriter.Value] = [.integer(Int64(run.id))] + run.values.map { .real($0) }
            v.append(.text(row[0] == 0 ? "ok" : "failed"))
            for (o, x) in zip(manifest.outputs, row.dropFirst()) {
                guard let x else { v.append(.null); continue }
                v.append(o.kind == .met ? .integer(x == 1 ? 1 : 0) : .real(x))
            }
            return v
        }
        let db = runDirectory.appendingPathComponent("results.sqlite")
        try SQLiteTableWriter.write(url: db, table: "results", columns: columns, rows: rows)
        let failed = manifest.runs.map(\.id).filter { c.rows[$0]?[0] != 0 }
        let failText = (["run_id,reason"] + failed.map { id in
            let reason = (c.failures[id] ?? "unknown").replacingOccurrences(of: "\"", with: "\"\"")
            return "\(id),\"\(reason)\""
        }).joined(separator: "\n") + "\n"
        try AtomicFileWriter.write(Data(failText.utf8), to: runDirectory.appendingPathComponent("failures.csv"))
        if manifest.trajectories == true {
            let ok = manifest.runs.map(\.id).filter { c.rows[$0]?[0] == 0 }
            try AtomicFileWriter.write(Data(try ensembleIAMC(runDirectory: runDirectory, runIDs: ok, model: model).utf8), to: runDirectory.appendingPathComponent("trajectories.iamc.csv"))
        }
        return .written(results: csv, database: db, failures: failed.count)
    }

    /// The ensemble in the IAMC long format (`IAMCExport`): every successful run's kept trajectory, run ids
    /// in order, scenario `<base>-run<id>` (so that pyam sees one scenario per run).
    public static func ensembleIAMC(runDirectory: URL, runIDs: [Int], model: String) throws -> String {
        var out = CSV.record(IAMCExport.header)
        for id in runIDs.sorted() {
            let url = SweepExecutor.trajectoryURL(in: runDirectory, runID: id)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw SweepError.run("\(url.path): the kept trajectory of run \(id) is missing")
            }
            out += try IAMCExport.rows(fromTrajectoryCSV: String(decoding: data, as: UTF8.self), model: model, path: url.path)
        }
        return out
    }
}
