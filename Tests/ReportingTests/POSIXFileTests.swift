import Foundation
import Testing
@testable import Reporting

/// `POSIXFile`, the one door for POSIX writes: every failing call surfaces as `ReportingError.io` naming
/// the C call, the path and errno.
@Suite("POSIX file door")
struct POSIXFileTests {
    private func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("posix-file-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("a write to a full device throws write/ENOSPC (Linux /dev/full)", .enabled(if: FileManager.default.fileExists(atPath: "/dev/full")))
    func fullDevice() throws {
        let file = try POSIXFile.open("/dev/full", flags: O_WRONLY)
        defer { file.closeUnchecked() }
        #expect(throws: ReportingError.io(operation: "write", path: "/dev/full", errno: ENOSPC)) {
            try file.writeAll("one line\n")
        }
    }

    @Test("writeAll, truncate, seekToEnd, synchronise and close round-trip the bytes")
    func roundTrip() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("f.txt").path
        let file = try POSIXFile.open(path, flags: O_WRONLY | O_CREAT)
        try file.writeAll(Array(repeating: UInt8(ascii: "a"), count: 100_000))
        try file.truncate(to: 3)
        #expect(try file.seekToEnd() == 3)
        try file.writeAll("bc")
        try file.synchronise()
        try file.close()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "aaabc")
    }

    @Test("rename, unlink and open failures name the call and the path")
    func failuresNameTheCall() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let missing = dir.appendingPathComponent("no/such/folder/x").path
        #expect(throws: ReportingError.io(operation: "open", path: missing, errno: ENOENT)) {
            try POSIXFile.open(missing, flags: O_WRONLY | O_CREAT)
        }
        let source = dir.appendingPathComponent("s").path
        try Data("s".utf8).write(to: URL(fileURLWithPath: source))
        #expect(throws: ReportingError.io(operation: "rename", path: missing, errno: ENOENT)) {
            try POSIXFile.rename(source, to: missing)
        }
        #expect(try POSIXFile.removeIfPresent(source))
        #expect(try !POSIXFile.removeIfPresent(source))
        // unlink of a directory: EISDIR on Linux, EPERM elsewhere; either way an io error naming unlink.
        do {
            try POSIXFile.removeIfPresent(dir.path)
            Issue.record("unlink of a directory succeeded")
        } catch let ReportingError.io(operation, path, _) {
            #expect(operation == "unlink" && path == dir.path)
        }
        #expect(throws: ReportingError.io(operation: "open", path: missing, errno: ENOENT)) {
            try POSIXFile.synchroniseDirectory(missing)
        }
    }

    @Test("an atomic write whose rename fails leaves no temporary file and throws rename")
    func atomicWriteFailure() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        // The final name is a non-empty folder: open, write, fsync and close succeed, rename fails
        // (EISDIR on Linux; ENOTEMPTY/EEXIST elsewhere), even for root.
        let target = dir.appendingPathComponent("a.csv")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: target.appendingPathComponent("inside"))
        do {
            try AtomicFileWriter.write(Data("x".utf8), to: target)
            Issue.record("expected an error")
        } catch let ReportingError.io(operation, path, _) {
            #expect(operation == "rename" && path == target.path)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["a.csv"])
    }
}
