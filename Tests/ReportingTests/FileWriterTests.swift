import Foundation
import Testing
@testable import Reporting

private struct Boom: Error {}

private func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("reporting-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

private func listing(_ url: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
}

@Suite("Atomic file writing")
struct FileWriterTests {
    @Test("SHA-256 test implementation matches FIPS 180-4 vectors")
    func sha256Vectors() {
        #expect(TestSHA256.hex(Data("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(TestSHA256.hex(Data()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(
            TestSHA256.hex(Data("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test("a complete write leaves exactly the final file with the bytes")
    func completeWrite() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("a.csv")
        try AtomicFileWriter.write(to: url) { sink in
            try sink.write("x,y\n")
            try sink.write(Data("1,2\n".utf8))
        }
        #expect(try String(contentsOf: url, encoding: .utf8) == "x,y\n1,2\n")
        #expect(try listing(dir) == ["a.csv"])
    }

    @Test("a write that throws midway leaves no final-named file and no temporary file")
    func interruptedWrite() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("trajectory.csv")
        var sawTemporary = false
        #expect(throws: Boom.self) {
            try AtomicFileWriter.write(to: url) { sink in
                try sink.write(String(repeating: "row,1\n", count: 10_000))
                // Midway: the bytes sit in a hidden temporary file in the same directory, not under the final name.
                let names = try listing(dir)
                sawTemporary = names.count == 1 && names[0].hasPrefix(".trajectory.csv.tmp-")
                #expect(!FileManager.default.fileExists(atPath: url.path))
                throw Boom()
            }
        }
        #expect(sawTemporary)
        #expect(!FileManager.default.fileExists(atPath: url.path))
        #expect(try listing(dir).isEmpty)
    }

    @Test("a failed rewrite leaves the previous complete file untouched")
    func failedRewriteKeepsOld() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("summary.json")
        try AtomicFileWriter.write(Data("old\n".utf8), to: url)
        #expect(throws: Boom.self) {
            try AtomicFileWriter.write(to: url) { sink in
                try sink.write("new, but half")
                throw Boom()
            }
        }
        #expect(try String(contentsOf: url, encoding: .utf8) == "old\n")
        #expect(try listing(dir) == ["summary.json"])
    }

    @Test("writing into a missing directory throws an io error naming open")
    func missingDirectory() throws {
        let url = URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)/a.csv")
        do {
            try AtomicFileWriter.write(Data("x".utf8), to: url)
            Issue.record("expected an error")
        } catch let ReportingError.io(operation, _, code) {
            #expect(operation == "open")
            #expect(code == ENOENT)
        }
    }

    @Test("a result folder gets every file and a manifest with sizes and SHA-256, written last")
    func resultFolder() throws {
        let dir = try temporaryDirectory().appendingPathComponent("run")
        defer { try? FileManager.default.removeItem(at: dir.deletingLastPathComponent()) }
        let files = [
            OutputFile(name: "trajectory.csv", text: "a,b\n1,2\n"),
            OutputFile(name: "goals.csv", text: "g\n"),
            OutputFile(name: "report.html", text: "<p>成渝</p>\n"),
        ]
        let manifest = try ResultFolderWriter.write(
            files, to: dir, chengyuVersion: "0.1.0", scenarioContentHash: "feed", dataVersion: "2019.1",
            hash: TestSHA256.hex)
        #expect(try listing(dir) == ["goals.csv", "manifest.json", "report.html", "trajectory.csv"])
        let read = try RunManifest.decode(Data(contentsOf: dir.appendingPathComponent("manifest.json")))
        #expect(read == manifest)
        #expect(read.files.map(\.path) == ["goals.csv", "report.html", "trajectory.csv"])
        #expect(read.chengyuVersion == "0.1.0" && read.scenarioContentHash == "feed" && read.dataVersion == "2019.1")
        for entry in read.files {
            let bytes = try Data(contentsOf: dir.appendingPathComponent(entry.path))
            #expect(entry.bytes == bytes.count)
            #expect(entry.sha256 == TestSHA256.hex(bytes))
        }
        #expect(read.files.first { $0.path == "report.html" }?.bytes == 14)  // "<p>" 3 + "成渝" 6 (UTF-8) + "</p>" 4 + "\n" 1
        // Byte-identical on a rerun (no time stamps).
        let first = try Data(contentsOf: dir.appendingPathComponent("manifest.json"))
        try ResultFolderWriter.write(
            files, to: dir, chengyuVersion: "0.1.0", scenarioContentHash: "feed", dataVersion: "2019.1",
            hash: TestSHA256.hex)
        #expect(try Data(contentsOf: dir.appendingPathComponent("manifest.json")) == first)
    }

    @Test("a failed folder rewrite removes the stale manifest and leaves no temporary files")
    func failedFolderRewrite() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try ResultFolderWriter.write(
            [OutputFile(name: "a.csv", text: "1\n")], to: dir, chengyuVersion: "0", scenarioContentHash: nil,
            dataVersion: "d", hash: TestSHA256.hex)
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("manifest.json").path))
        // A non-empty directory under the name "b.csv" makes the rename of b.csv fail.
        try FileManager.default.createDirectory(
            at: dir.appendingPathComponent("b.csv/inner"), withIntermediateDirectories: true)
        #expect(throws: ReportingError.self) {
            try ResultFolderWriter.write(
                [OutputFile(name: "a.csv", text: "2\n"), OutputFile(name: "b.csv", text: "x\n")], to: dir,
                chengyuVersion: "0", scenarioContentHash: nil, dataVersion: "d", hash: TestSHA256.hex)
        }
        #expect(try listing(dir) == ["a.csv", "b.csv"])  // no manifest, no .tmp files
        #expect(try String(contentsOf: dir.appendingPathComponent("a.csv"), encoding: .utf8) == "2\n")
    }

    @Test("file names that would escape the folder or clash with the manifest are refused", arguments: [
        "", ".hidden", "a/b.csv", "manifest.json",
    ])
    func invalidNames(name: String) throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(throws: ReportingError.invalidFileName(name)) {
            try ResultFolderWriter.write(
                [OutputFile(name: name, text: "x")], to: dir, chengyuVersion: "0", scenarioContentHash: nil,
                dataVersion: "d", hash: TestSHA256.hex)
        }
        #expect(throws: ReportingError.invalidFileName("dup.csv")) {
            try ResultFolderWriter.write(
                [OutputFile(name: "dup.csv", text: "x"), OutputFile(name: "dup.csv", text: "y")], to: dir,
                chengyuVersion: "0", scenarioContentHash: nil, dataVersion: "d", hash: TestSHA256.hex)
        }
    }
}

@Suite("Run folders")
struct RunFolderTests {
    @Test("a run folder holds the five files and a manifest; rewriting gives identical bytes; it reads back and verifies")
    func runFolder() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("run-folder-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let t = Synthetic.full(name: "baseline")
        let manifest = try RunFolder.write(
            t, resolvedScenarioYAML: "name: baseline\n", to: dir, chengyuVersion: "0.1.0", dataVersion: "d1",
            seats: Synthetic.seats, hash: TestSHA256.hex)
        #expect(manifest.files.map(\.path) == ["goals.csv", "report.html", "scenario.resolved.yaml", "summary.json", "trajectory.csv"])
        #expect(manifest.scenarioContentHash == t.scenario.contentHash)
        #expect(try RunFolder.verify(dir, hash: TestSHA256.hex).isEmpty)
        var before: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: dir.path) {
            before[name] = try Data(contentsOf: dir.appendingPathComponent(name))
        }
        try RunFolder.write(
            t, resolvedScenarioYAML: "name: baseline\n", to: dir, chengyuVersion: "0.1.0", dataVersion: "d1",
            seats: Synthetic.seats, hash: TestSHA256.hex)
        for (name, data) in before { #expect(try Data(contentsOf: dir.appendingPathComponent(name)) == data, "\(name)") }
        let back = try RunFolder.readTrajectory(at: dir)
        #expect(back.scenario == t.scenario && back.goals == t.goals)
        // A damaged file is found.
        try Data("x".utf8).write(to: dir.appendingPathComponent("goals.csv"))
        let problems = try RunFolder.verify(dir, hash: TestSHA256.hex)
        #expect(problems.count == 1 && problems[0].contains("goals.csv"))
        try FileManager.default.removeItem(at: dir.appendingPathComponent("manifest.json"))
        #expect(try RunFolder.verify(dir, hash: TestSHA256.hex).first?.contains("no manifest") == true)
        #expect(throws: ReportingError.self) { try RunFolder.readTrajectory(at: dir.appendingPathComponent("nothing")) }
    }
}
