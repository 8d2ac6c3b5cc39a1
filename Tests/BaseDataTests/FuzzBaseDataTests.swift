import Foundation
import MatrixCore
import Testing
import TestFixtures
@testable import BaseData

/// Property-based fuzzing of the base-data CSV reader and validator: a copy of the bundled data folder with
/// one file mutated either validates or yields located diagnostics, never a crash or a hang, and `validate`
/// agrees with `load` (docs/reliability.md). `CHENGYU_FUZZ_ITERATIONS` runs longer.
@Suite(.serialized, .tags(.slow), .skippedInFastRuns) struct FuzzBaseDataTests {
    static func copyOfBundledData() throws -> FuzzFolder { try FuzzFolder(from: try BaseDataset.bundledDataURL()) }

    static func csvFiles(in dir: URL) -> [String] {
        let e = FileManager.default.enumerator(atPath: dir.path)
        var out: [String] = []
        while let p = e?.nextObject() as? String { if p.hasSuffix(".csv") { out.append(p) } }
        return out.sorted()
    }

    /// Writes `bytes` over `file` of the copy, validates, checks the property, restores the file.
    static func check(_ bytes: [UInt8], file: String, in folder: FuzzFolder, label: String) throws {
        try folder.with(file, replacedBy: bytes) {
            var diagnostics: [DataDiagnostic] = []
            FuzzSupport.attempt("basedata", saving: Array("\(file)\n".utf8) + bytes, label: label) {
                diagnostics = BaseDataset.validate(directory: folder.url)
            }
            for d in diagnostics { #expect(!d.message.isEmpty && !d.file.isEmpty, "\(label): \(d)") }
            // validate and load agree: no diagnostics ⇔ the folder loads.
            var loadError = ""
            do { _ = try BaseDataset.load(from: folder.url, includePartial: true) } catch { loadError = "\(error)" }
            let loads = loadError.isEmpty
            if loads != diagnostics.isEmpty { FuzzSupport.keepFailed("basedata", Array("\(file)\n".utf8) + bytes) }
            #expect(loads == diagnostics.isEmpty, "\(label): validate found \(diagnostics.count), load \(loads ? "succeeded" : "failed: \(loadError)")")
        }
    }

    @Test func mutatedDataFilesEndInDiagnostics() throws {
        let folder = try Self.copyOfBundledData()
        defer { folder.remove() }
        let files = Self.csvFiles(in: folder.url)
        #expect(files.count >= 10)
        let seeds = try files.map { try folder.bytes(of: $0) }
        let inputs = FuzzSupport.mutations(of: seeds, seed: 0xBA5E_DA7A, count: FuzzMutator.iterations(default: 40))
        for (i, input) in inputs.enumerated() {
            let file = files[i % files.count]
            try Self.check(input, file: file, in: folder, label: "basedata input \(i) (\(file))")
        }
    }

    @Test func keptRegressionInputs() throws {
        let folder = try Self.copyOfBundledData()
        defer { folder.remove() }
        for (name, bytes) in try FuzzSupport.regressionInputs("basedata") {
            // File name: <path with / as __>--<case>.
            let file = String(name.components(separatedBy: "--")[0]).replacingOccurrences(of: "__", with: "/")
            #expect(FileManager.default.fileExists(atPath: folder.url.appendingPathComponent(file).path), "\(name): no such data file")
            try Self.check(bytes, file: file, in: folder, label: name)
        }
    }
}
