import Foundation
import MatrixCore
import Testing

/// Crash safety of `chengyu run --out DIR` (docs/reliability.md): SIGKILL at ≥ 20 seeded random moments
/// spread over an uninterrupted run's duration (the write phase at the end included) never leaves a
/// partial file under a final name, and rerunning completes with files byte-identical to the reference.
@Suite("Reliability: SIGKILL during chengyu run", .serialized)
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
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
        let names = Self.finalFiles(reference)
        #expect(names.count >= 5, "\(names)")
        var referenceBytes: [String: Data] = [:]
        for n in names { referenceBytes[n] = FileManager.default.contents(atPath: reference.appendingPathComponent(n).path) }

        var rng = SplitMix64(seed: 0xC0FF_EE20)
        let kills = Int(ProcessInfo.processInfo.environment["CHENGYU_KILL_POINTS"] ?? "") ?? 20
        var killedWhileRunning = 0
        for k in 0..<kills {
            // Half the points anywhere in the run, half in its last quarter (the write phase).
            let u = rng.nextUniform()
            let delay = k % 2 == 0 ? u * seconds * 1.05 : seconds * (0.75 + 0.3 * u)
            let (p, _, _) = try CLI.start(Self.args + ["--out", target.path])
            Thread.sleep(forTimeInterval: delay)
            if p.isRunning { kill(p.processIdentifier, SIGKILL); killedWhileRunning += 1 }
            p.waitUntilExit()
            for n in Self.finalFiles(target) {
                let data = FileManager.default.contents(atPath: target.appendingPathComponent(n).path)
                #expect(referenceBytes[n] != nil, "unexpected final file \(n) after SIGKILL at \(delay) s")
                #expect(data == referenceBytes[n], "\(n) differs from the reference after SIGKILL at \(delay) s")
            }
            // After the tenth and the last kill, rerun to completion into the same folder (over the leftovers).
            if k % 10 == 9 || k == kills - 1 {
                _ = try Self.runToCompletion(target)
                #expect(Self.finalFiles(target) == names)
                for n in names {
                    #expect(FileManager.default.contents(atPath: target.appendingPathComponent(n).path) == referenceBytes[n],
                            "\(n) after the rerun following kill \(k)")
                }
                try? FileManager.default.removeItem(at: target)
            }
        }
        // Most kill points must have hit a running process for the test to mean anything.
        #expect(killedWhileRunning >= kills / 2, "only \(killedWhileRunning) of \(kills) kills hit a running process")
    }
}
