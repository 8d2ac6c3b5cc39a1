import Foundation
import MatrixCore
import TestFixtures
import Testing

/// Crash safety of `chengyu run --out DIR` (docs/reliability.md): SIGKILL at ≥ 20 seeded random moments
/// spread over an uninterrupted run's duration (the write phase at the end included) never leaves a
/// partial file under a final name, and rerunning completes with files byte-identical to the reference.
extension Duration {
    /// The duration in seconds.
    fileprivate var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}

@Suite("Reliability: SIGKILL during chengyu run", .serialized, .tags(.slow), .skippedInFastRuns)
struct ReliabilityCrashSafetyTests {
    static let args = ["run", CLI.scenario("baseline"), "--until", "2021", "-q"]

    /// Files under final names (hidden `.name.tmp-…` files of the atomic writer excluded).
    static func finalFiles(_ dir: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }

    static func runToCompletion(_ out: URL) throws -> Duration {
        let clock = ContinuousClock()
        var status: Int32 = -1
        let took = try clock.measure { status = try CLI.run(args + ["--out", out.path]).status }
        #expect(status == 0)
        return took
    }

    @Test func sigkillAtRandomMomentsNeverLeavesAHalfWrittenFile() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let reference = dir.appendingPathComponent("reference"), target = dir.appendingPathComponent("target")
        let duration = try Self.runToCompletion(reference)
        let referenceSeconds = duration.seconds
        let names = Self.finalFiles(reference)
        #expect(names.count >= 5, "\(names)")
        var referenceBytes: [String: Data] = [:]
        for n in names { referenceBytes[n] = FileManager.default.contents(atPath: reference.appendingPathComponent(n).path) }

        var rng = SplitMix64(seed: 0xC0FF_EE20)
        let kills = Int(ProcessInfo.processInfo.environment["CHENGYU_KILL_POINTS"] ?? "") ?? 20
        var killedWhileRunning = 0, attempts = 0
        var seconds = referenceSeconds
        let clock = ContinuousClock()
        /// Reruns to completion into `target` (over the leftovers of the kills) and compares with the reference.
        func rerunAndCompare(after k: Int) throws {
            _ = try Self.runToCompletion(target)
            #expect(Self.finalFiles(target) == names)
            for n in names {
                #expect(FileManager.default.contents(atPath: target.appendingPathComponent(n).path) == referenceBytes[n],
                        "\(n) after the rerun following kill \(k)")
            }
            try? FileManager.default.removeItem(at: target)
        }
        // Until `kills` kills have hit a running process (at most twice as many attempts): the machine's load
        // can change after the reference run (under a sanitizer, with other tests in parallel), so a run that
        // ends before its kill point shortens the estimated duration for the following points.
        while killedWhileRunning < kills && attempts < 2 * kills {
            // Half the points anywhere in the run, half in its last quarter (the write phase).
            let u = rng.nextUniform()
            let delay = attempts % 2 == 0 ? u * seconds * 1.05 : seconds * (0.75 + 0.3 * u)
            attempts += 1
            let (p, _, _) = try CLI.start(Self.args + ["--out", target.path])
            let started = clock.now
            while p.isRunning && (clock.now - started).seconds < delay { Thread.sleep(forTimeInterval: 0.005) }
            let hit = p.isRunning
            if hit {
                kill(p.processIdentifier, SIGKILL)
                killedWhileRunning += 1
            } else {
                seconds = min(seconds, (clock.now - started).seconds)
            }
            p.waitUntilExit()
            for n in Self.finalFiles(target) {
                let data = FileManager.default.contents(atPath: target.appendingPathComponent(n).path)
                #expect(referenceBytes[n] != nil, "unexpected final file \(n) after SIGKILL at \(delay) s")
                #expect(data == referenceBytes[n], "\(n) differs from the reference after SIGKILL at \(delay) s")
            }
            // After every tenth kill, rerun to completion into the same folder.
            if hit && killedWhileRunning % 10 == 0 { try rerunAndCompare(after: killedWhileRunning) }
        }
        if killedWhileRunning % 10 != 0 { try rerunAndCompare(after: killedWhileRunning) }
        #expect(killedWhileRunning == kills, "only \(killedWhileRunning) of \(attempts) kills hit a running process")
    }
}
