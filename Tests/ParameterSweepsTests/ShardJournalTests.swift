import Foundation
import Testing
@testable import ParameterSweeps
import Reporting

@Suite("Shard journal: append, resume after a torn line, publish")
struct ShardJournalTests {
    func tempDir() throws -> URL {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("chengyu-journal-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
        return d
    }

    @Test func appendResumeAndPublish() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let part = dir.appendingPathComponent("shard-0.partial.csv"), fin = dir.appendingPathComponent("shard-0.csv")
        do {
            let j = try ShardJournal(partialURL: part, finalURL: fin, outputs: ["gdp", "pop"], isMember: { $0 % 2 == 0 })
            try j.append(runID: 0, values: [1.5, 2])
            try j.append(runID: 4, values: [0.1, nil])
            try j.append(runID: 4, values: [9, 9])  // a duplicate is ignored
        }
        // A torn last line, as a kill mid-write leaves it.
        let h = try FileHandle(forWritingTo: part)
        h.seekToEndOfFile()
        h.write("2,3.25".data(using: .utf8)!)
        try h.close()
        let j = try ShardJournal(partialURL: part, finalURL: fin, outputs: ["gdp", "pop"], isMember: { $0 % 2 == 0 })
        #expect(j.finishedRuns == [0, 4])
        try j.append(runID: 2, values: [3.25, 0.1 + 0.2])
        try j.publish()
        #expect(!FileManager.default.fileExists(atPath: part.path))
        let text = try String(contentsOf: fin, encoding: .utf8)
        #expect(text == "run_id,gdp,pop\n0,1.5,2.0\n4,0.1,\n2,3.25,0.30000000000000004\n")
        let parsed = try ShardJournal.read(fin, outputs: ["gdp", "pop"])
        #expect(parsed[2]! == [3.25, 0.30000000000000004])  // round-trips exactly
        #expect(parsed[4]! == [0.1, nil])
    }

    @Test func foreignRunsAndHeaderMismatchAreErrors() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let part = dir.appendingPathComponent("p.csv")
        try "run_id,gdp\n3,1\n".write(to: part, atomically: true, encoding: .utf8)
        #expect(throws: ShardJournalError.foreignRun(file: part.path, runID: 3)) {
            try ShardJournal(partialURL: part, finalURL: dir.appendingPathComponent("f.csv"), outputs: ["gdp"], isMember: { $0 == 0 })
        }
        #expect(throws: ShardJournalError.self) {
            try ShardJournal(partialURL: part, finalURL: dir.appendingPathComponent("f.csv"), outputs: ["pop"], isMember: { _ in true })
        }
    }
}

@Suite("Shard journal and append file: failed system calls are errors")
struct ShardJournalFailureTests {
    @Test("publishing into a missing folder throws rename, and the journal refuses further use")
    func publishFailure() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("chengyu-journal-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let part = dir.appendingPathComponent("p.csv"), fin = dir.appendingPathComponent("missing/f.csv")
        let j = try ShardJournal(partialURL: part, finalURL: fin, outputs: ["gdp"], isMember: { _ in true })
        try j.append(runID: 0, values: [1])
        #expect(throws: ReportingError.io(operation: "rename", path: fin.path, errno: ENOENT)) { try j.publish() }
        #expect(throws: ShardJournalError.self) { try j.append(runID: 1, values: [2]) }
        // The journal's bytes are intact under the partial name for a later resume.
        #expect(try String(contentsOf: part, encoding: .utf8) == "run_id,gdp\n0,1.0\n")
    }

    @Test("an append file on a full device throws write/ENOSPC (Linux /dev/full)", .enabled(if: FileManager.default.fileExists(atPath: "/dev/full")))
    func appendFileFull() throws {
        let f = try AppendFile(URL(fileURLWithPath: "/dev/full"))
        #expect(throws: ReportingError.io(operation: "write", path: "/dev/full", errno: ENOSPC)) { try f.append("run 3 failed\n") }
    }
}
