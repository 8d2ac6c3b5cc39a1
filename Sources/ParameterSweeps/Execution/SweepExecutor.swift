import Foundation
import MatrixCore
import Reporting
import ScenarioSpec
import SimulationEngine

/// Which runs a process executes: run `id` belongs to shard `index` of `count` when `id mod count == index`
/// (strided, so that cost that grows along the design is spread over the shards).
public struct ShardSelection: Sendable, Hashable, CustomStringConvertible {
    public let index: Int
    public let count: Int

    public init(index: Int, count: Int) throws {
        guard count >= 1, (0..<count).contains(index) else {
            throw SweepError.run("shard \(index)/\(count): the index must be in 0…\(max(0, count - 1)) and the count at least 1")
        }
        self.index = index
        self.count = count
    }

    /// Parses `I/N` (0-based I).
    public static func parse(_ text: String) throws -> ShardSelection {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]) else {
            throw SweepError.run("--shard expects I/N (0-based, e.g. 2/4) or slurm, got '\(text)'")
        }
        return try ShardSelection(index: i, count: n)
    }

    /// The shard of a Slurm array task: I from `SLURM_ARRAY_TASK_ID`, N from the caller (the manifest or
    /// `--shards`), never from `SLURM_ARRAY_TASK_COUNT`, which counts only this submission's indexes.
    public static func slurm(environment: [String: String], count: Int) throws -> ShardSelection {
        guard let s = environment["SLURM_ARRAY_TASK_ID"], let i = Int(s) else {
            throw SweepError.run("--shard slurm: SLURM_ARRAY_TASK_ID is not set (not inside a Slurm array task)")
        }
        return try ShardSelection(index: i, count: count)
    }

    public func contains(_ runID: Int) -> Bool { runID % count == index }
    public var description: String { "\(index)/\(count)" }
    /// `shard-00002-of-00004`.
    public var stem: String { "shard-\(Self.pad(index))-of-\(Self.pad(count))" }
    static func pad(_ k: Int) -> String { let s = String(k); return String(repeating: "0", count: max(0, 5 - s.count)) + s }

    public func partialURL(in run: URL) -> URL { run.appendingPathComponent("shards/\(stem).partial.csv") }
    public func finalURL(in run: URL) -> URL { run.appendingPathComponent("shards/\(stem).csv") }
    public func failuresURL(in run: URL) -> URL { run.appendingPathComponent("shards/\(stem).failures.tsv") }
}

/// Progress of a shard, for the caller's progress line.
public struct SweepProgress: Sendable {
    public let shardRuns: Int
    public let doneBefore: Int
    public let doneNow: Int
    public let failedNow: Int
    public let elapsedSeconds: Double
    public var done: Int { doneBefore + doneNow }
    public var runsPerSecond: Double { elapsedSeconds > 0 ? Double(doneNow) / elapsedSeconds : 0 }
    public var etaSeconds: Double? { runsPerSecond > 0 ? Double(shardRuns - done) / runsPerSecond : nil }
}

public enum SweepRunOutcome: Sendable, Equatable {
    /// Every run of the shard is recorded and the shard file is published under its final name.
    case complete(URL)
    /// Stopped early (signal or run limit); finished runs are flushed and a re-run resumes.
    case interrupted(done: Int, total: Int)
}

/// Runs the share of a sweep's runs that a shard owns, resumably. Results go to the shard journal
/// (`ShardJournal`: `run_id,status,<outputs>`, status 0 ok, 1 failed); the reason of each failed run to
/// `shards/<shard>.failures.tsv` (`run_id<TAB>reason`), written before the journal line.
public struct SweepExecutor: Sendable {
    public let runDirectory: URL
    public let manifest: SweepManifest
    public let base: Scenario
    public let simulator: Simulator

    public init(runDirectory: URL, manifest: SweepManifest, base: Scenario, simulator: Simulator) {
        self.runDirectory = runDirectory
        self.manifest = manifest
        self.base = base
        self.simulator = simulator
    }

    /// Loads `RUN/base.yaml` and checks that it is the scenario the manifest was planned on.
    public static func loadBase(runDirectory: URL, manifest: SweepManifest, loader: ScenarioLoader = ScenarioLoader()) throws -> Scenario {
        let path = runDirectory.appendingPathComponent(manifest.baseFile).path
        let result = loader.load(path: path)
        guard let s = result.scenario else { throw SweepError.invalid(result.errors) }
        guard s.contentHash == manifest.baseScenarioHash else {
            throw SweepError.run("\(path): the base scenario changed since planning (hash \(s.shortHash), manifest \(manifest.baseScenarioHash.prefix(12)))")
        }
        return s
    }

    /// `RUN/trajectories/run-000042.csv`.
    public static func trajectoryURL(in runDirectory: URL, runID: Int) -> URL {
        let s = String(runID)
        return runDirectory.appendingPathComponent("trajectories/run-\(String(repeating: "0", count: max(0, 6 - s.count)) + s).csv")
    }

    /// Journal columns: `status` then the outputs.
    public var journalColumns: [String] { ["status"] + manifest.outputs.map(\.name) }

    /// One run: its outputs (nil where undefined or not finite) or the reason it failed.
    public func evaluate(_ run: SweepManifest.Run) -> (values: [Double?], failure: String?) {
        let (p, l) = manifest.assignments(run)
        do {
            var sc = base.overriding(p, name: "\(base.name)-run\(run.id)")
            if !l.isEmpty { sc = try sc.scalingLevers(l) }
            let t = try simulator.run(sc, until: manifest.until)
            if manifest.trajectories == true {
                // Written (atomically) before the run's journal line: a recorded run always has its file.
                let dir = runDirectory.appendingPathComponent("trajectories")
                try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
                try AtomicFileWriter.write(Data(TrajectoryCSV.render([t]).utf8), to: Self.trajectoryURL(in: runDirectory, runID: run.id))
            }
            let values: [Double?] = manifest.outputs.map { o in
                let v: Double?
                if let g = o.goalID {
                    let gr = t.goals.first { $0.goalID == g }
                    v = o.kind == .met ? gr?.met.map { $0 ? 1 : 0 } : gr?.value
                } else {
                    v = t.value(o.indicator, at: o.place, in: o.year)
                }
                return v.flatMap { $0.isFinite ? $0 : nil }
            }
            return (values, nil)
        } catch {
            return ([Double?](repeating: nil, count: manifest.outputs.count), "\(error)")
        }
    }

    /// Runs the shard's unfinished runs on `jobs` worker threads.
    ///
    /// - Parameters:
    ///   - shouldStop: polled before each run is started (signals): running runs finish and are flushed.
    ///   - maxRuns: start at most this many runs, then stop as if interrupted (tests, `--max-runs`).
    ///   - blasThreads: OpenBLAS threads while the shard runs (restored after). OpenBLAS's results differ in
    ///     the last bits between thread counts, so merged results are byte-identical across shards and
    ///     machines only when every shard used the same count; the default, 1 per worker, is also the
    ///     fastest use of the CPUs when `jobs` fills them.
    /// - Returns: `.complete` with the published shard file, or `.interrupted`.
    public func run(
        shard: ShardSelection, jobs: Int, blasThreads: Int = 1, maxRuns: Int? = nil,
        shouldStop: @escaping @Sendable () -> Bool = { false },
        progress: @escaping @Sendable (SweepProgress) -> Void = { _ in }
    ) throws -> SweepRunOutcome {
        let previousBLASThreads = ComputeResources.blasThreadCount
        ComputeResources.setBLASThreadCount(blasThreads)
        defer { ComputeResources.setBLASThreadCount(previousBLASThreads) }
        let mine = manifest.runs.filter { shard.contains($0.id) }
        let finalURL = shard.finalURL(in: runDirectory)
        try FileManager.default.createDirectory(at: finalURL.deletingLastPathComponent(), withIntermediateDirectories: true)
        if FileManager.default.fileExists(atPath: finalURL.path) {
            let done = try ShardJournal.read(finalURL, outputs: journalColumns)
            if mine.allSatisfy({ done[$0.id] != nil }) { return .complete(finalURL) }
            throw SweepError.run("\(finalURL.path): a published shard lacks runs; remove it and run the shard again")
        }
        let journal = try ShardJournal(partialURL: shard.partialURL(in: runDirectory), finalURL: finalURL,
                                       outputs: journalColumns, isMember: { shard.contains($0) })
        let failures = try AppendFile(shard.failuresURL(in: runDirectory))
        // Adopt this shard's runs already recorded by another split of the same sweep (e.g. a laptop run
        // with --shard 0/1 finished on Slurm with 4 shards): copy their lines instead of running them again.
        // Only files of other shard counts are read, so the shards of one split never read each other's.
        let others = try SweepResults.collect(runDirectory: runDirectory, manifest: manifest, skippingShardCount: shard.count)
        for r in mine where !journal.finishedRuns.contains(r.id) {
            guard let values = others.rows[r.id] else { continue }
            if values.first == 1 { try failures.append("\(r.id)\t\(others.failures[r.id] ?? "unknown")\n") }
            try journal.append(runID: r.id, values: values)
        }
        let doneBefore = journal.finishedRuns
        let pending = mine.filter { !doneBefore.contains($0.id) }
        let state = WorkState()
        let start = ContinuousClock.now
        let workers = max(1, min(jobs, pending.count))
        let group = DispatchGroup()
        for _ in 0..<workers {
            group.enter()
            let thread = Thread {
                defer { group.leave() }
                while true {
                    if shouldStop() { state.stop() }
                    guard let k = state.take(limit: pending.count, maxRuns: maxRuns) else { return }
                    let r = pending[k]
                    let (values, failure) = evaluate(r)
                    do {
                        if let failure {
                            let reason = failure.map { $0 == "\n" || $0 == "\t" ? " " : $0 }
                            try failures.append("\(r.id)\t\(String(reason))\n")
                        }
                        try journal.append(runID: r.id, values: [failure == nil ? 0 : 1] + values)
                    } catch {
                        state.fail(error)
                        return
                    }
                    let (n, f) = state.finished(failed: failure != nil)
                    progress(SweepProgress(shardRuns: mine.count, doneBefore: doneBefore.count, doneNow: n, failedNow: f,
                                           elapsedSeconds: (ContinuousClock.now - start).secondsValue))
                }
            }
            thread.stackSize = 16 << 20
            thread.start()
        }
        group.wait()
        if let e = state.error { throw e }
        let done = journal.finishedRuns
        if mine.allSatisfy({ done.contains($0.id) }) {
            try journal.publish()
            return .complete(finalURL)
        }
        return .interrupted(done: done.count, total: mine.count)
    }
}

extension Duration {
    var secondsValue: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}

/// The work queue shared by the worker threads.
final class WorkState: @unchecked Sendable {
    // @unchecked: every field is guarded by `lock`.
    private let lock = NSLock()
    private var next = 0
    private var started = 0
    private var stopped = false
    private var nFinished = 0
    private var nFailed = 0
    private(set) var error: Error?

    func stop() { lock.withLock { stopped = true } }
    func fail(_ e: Error) { lock.withLock { if error == nil { error = e }; stopped = true } }
    func take(limit: Int, maxRuns: Int?) -> Int? {
        lock.withLock {
            guard !stopped, next < limit, maxRuns.map({ started < $0 }) ?? true else { return nil }
            defer { next += 1; started += 1 }
            return next
        }
    }
    func finished(failed: Bool) -> (Int, Int) {
        lock.withLock { nFinished += 1; if failed { nFailed += 1 }; return (nFinished, nFailed) }
    }
}

/// An append-only text file flushed (`fsync`) after each line, through Reporting's `POSIXFile`.
final class AppendFile: @unchecked Sendable {
    // @unchecked: the file is written only under `lock`.
    private let lock = NSLock()
    private let file: POSIXFile
    var path: String { file.path }
    init(_ url: URL) throws {
        file = try POSIXFile.open(url.path, flags: O_WRONLY | O_CREAT | O_APPEND)
    }
    deinit { file.closeUnchecked() }
    func append(_ text: String) throws {
        try lock.withLock {
            try file.writeAll(text)
            try file.synchronise()
        }
    }
}
