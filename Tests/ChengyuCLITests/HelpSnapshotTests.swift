import Foundation
import TestFixtures
import Testing

/// `--help` of every command, asserted against stored snapshots, and each has an example.
/// Update the snapshots deliberately with `make snapshots` (CHENGYU_UPDATE_SNAPSHOTS=1) and review the diff.
@Suite("--help snapshots")
struct HelpSnapshotTests {
    static let commands: [[String]] = [
        [], ["run"], ["goals"], ["compare"], ["report"], ["map"], ["validate"], ["doctor"],
        ["scenario"], ["scenario", "show"], ["scenario", "schema"], ["scenario", "parameters"], ["scenario", "levers"],
        ["data"], ["data", "jurisdictions"], ["data", "sectors"], ["data", "goals"], ["data", "groups"], ["data", "check"],
        ["io"], ["io", "check"], ["io", "multipliers"], ["io", "solve"], ["io", "project"], ["io", "export"],
        ["sweep"], ["sweep", "plan"], ["sweep", "run"], ["sweep", "status"], ["sweep", "merge"], ["sweep", "slurm"],
        ["sweep", "analyse"], ["explain"], ["backtest"], ["calibrate"],
    ]

    static var snapshotDirectory: URL {
        CLI.repositoryRoot.appendingPathComponent("Tests/TestFixtures/Resources/help")
    }

    @Test(arguments: commands)
    func helpMatchesSnapshot(command: [String]) throws {
        let r = try CLI.run(command + ["--help"], environment: ["COLUMNS": "100"])
        #expect(r.status == 0)
        let name = command.isEmpty ? "chengyu" : command.joined(separator: "-")
        let file = Self.snapshotDirectory.appendingPathComponent("\(name).txt")
        if ProcessInfo.processInfo.environment["CHENGYU_UPDATE_SNAPSHOTS"] == "1" {
            try FileManager.default.createDirectory(at: Self.snapshotDirectory, withIntermediateDirectories: true)
            try r.stdout.write(to: file, atomically: true, encoding: .utf8)
        }
        let stored = try String(contentsOf: file, encoding: .utf8)
        #expect(r.stdout == stored, "help of '\(name)' changed: run `make snapshots` and review the diff")
        #expect(r.stdout.lowercased().contains("example"), "\(name) --help has no example")
    }

    @Test func completionScriptsAreGenerated() throws {
        for shell in ["bash", "zsh", "fish"] {
            let r = try CLI.run(["--generate-completion-script", shell])
            #expect(r.status == 0)
            #expect(r.stdout.contains("chengyu"))
        }
    }
}
