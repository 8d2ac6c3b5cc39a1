import Foundation
import TestFixtures
import Testing
@testable import ParameterSweeps

/// The built `chengyu` executable, next to the test bundle (`swift test` builds every product).
enum Executable {
    static var url: URL? {
        var dirs = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
        if let b = Bundle.main.executableURL { dirs.append(b.deletingLastPathComponent()) }
        dirs.append(Bundle.main.bundleURL.deletingLastPathComponent())
        for d in dirs {
            let u = d.appendingPathComponent("chengyu")
            if FileManager.default.isExecutableFile(atPath: u.path) { return u }
        }
        return nil
    }

    static func start(_ args: [String]) throws -> Process {
        let p = Process()
        p.executableURL = try #require(url, "the chengyu executable is not built next to the tests")
        p.arguments = args
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        return p
    }

    /// Complete result lines in a shard journal (header excluded).
    static func journalLines(_ url: URL) -> Int {
        guard let d = FileManager.default.contents(atPath: url.path) else { return 0 }
        return max(0, d.filter { $0 == 0x0A }.count - 1)
    }

    /// Waits until `condition` holds or `seconds` pass.
    static func wait(seconds: Double, _ condition: () -> Bool) -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if condition() { return true }
            usleep(50_000)
        }
        return condition()
    }
}

@Suite("Sweep runs as processes: signals and kills", .serialized, .tags(.slow), .skippedInFastRuns)
struct SweepProcessTests {
    /// SIGTERM while a shard runs: no new run starts, the running one is flushed, exit 75; a re-run
    /// resumes and completes; a real SIGKILL mid-shard followed by a resume gives the same merged bytes as
    /// an uninterrupted in-process run.
    @Test func sigtermExits75AndSigkillResumesToIdenticalResults() throws {
        let dir = try TinySweep.tempDir("proc")
        defer { try? FileManager.default.removeItem(at: dir) }
        let ex = try TinySweep.planned(in: dir)
        let run = ex.runDirectory.path
        let shard = try ShardSelection(index: 0, count: 1)
        let journal = shard.partialURL(in: ex.runDirectory)

        // SIGTERM after the first recorded run.
        let p = try Executable.start(["sweep", "run", run, "--jobs", "1", "--quiet"])
        #expect(Executable.wait(seconds: 120) { Executable.journalLines(journal) >= 1 || !p.isRunning })
        try #require(p.isRunning, "the shard finished before it could be interrupted")
        kill(p.processIdentifier, SIGTERM)
        p.waitUntilExit()
        #expect(p.terminationStatus == 75)
        let afterTerm = Executable.journalLines(journal)
        #expect(afterTerm >= 1 && afterTerm < 6)
        #expect(FileManager.default.contents(atPath: journal.path)?.last == 0x0A)  // flushed whole lines only

        // SIGKILL after one more run, then resume to the end.
        let q = try Executable.start(["sweep", "run", run, "--jobs", "1", "--quiet"])
        #expect(Executable.wait(seconds: 120) { Executable.journalLines(journal) > afterTerm || !q.isRunning })
        kill(q.processIdentifier, SIGKILL)
        q.waitUntilExit()
        #expect(q.terminationReason == .uncaughtSignal)
        let r = try Executable.start(["sweep", "run", run, "--jobs", "2", "--quiet"])
        r.waitUntilExit()
        #expect(r.terminationStatus == 0)
        #expect(FileManager.default.fileExists(atPath: shard.finalURL(in: ex.runDirectory).path))
        let m = try Executable.start(["sweep", "merge", run, "--quiet"])
        m.waitUntilExit()
        #expect(m.terminationStatus == 0)

        // Reference: the same plan run in-process without interruption.
        let refDir = dir.appendingPathComponent("ref")
        try FileManager.default.createDirectory(at: refDir, withIntermediateDirectories: true)
        let ref = try TinySweep.planned(in: refDir)
        _ = try ref.run(shard: shard, jobs: 2)
        _ = try SweepResults.merge(runDirectory: ref.runDirectory, manifest: ref.manifest)
        for name in ["results.csv", "results.sqlite", "failures.csv"] {
            let a = TinySweep.bytes(ex.runDirectory.appendingPathComponent(name))
            #expect(!a.isEmpty && a == TinySweep.bytes(ref.runDirectory.appendingPathComponent(name)), "\(name) differs")
        }
    }

    @Test func mergeOfAnIncompleteSweepExits2() throws {
        let dir = try TinySweep.tempDir("proc2")
        defer { try? FileManager.default.removeItem(at: dir) }
        let ex = try TinySweep.planned(in: dir)
        let m = try Executable.start(["sweep", "merge", ex.runDirectory.path, "--quiet"])
        m.waitUntilExit()
        #expect(m.terminationStatus == 2)
        let bad = try Executable.start(["sweep", "run", ex.runDirectory.path, "--shard", "4/4"])
        bad.waitUntilExit()
        #expect(bad.terminationStatus == 2)
    }
}
