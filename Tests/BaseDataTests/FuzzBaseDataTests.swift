import Foundation
import MatrixCore
import Testing
import TestFixtures
@testable import BaseData

/// Property-based fuzzing of the base-data CSV reader and validator: a copy of the bundled data folder with
/// one file mutated either validates or yields located diagnostics, never a crash or a hang, and `validate`
/// agrees with `load` (docs/reliability.md). `CHENGYU_FUZZ_ITERATIONS` runs longer.
@Suite(.serialized) struct FuzzBaseDataTests {
    static func copyOfBundledData() throws -> URL {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("chengyu-fuzz-data-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: try BaseDataset.bundledDataURL(), to: d)
        return d
    }

    static func csvFiles(in dir: URL) -> [String] {
        let e = FileManager.default.enumerator(atPath: dir.path)
        var out: [String] = []
        while let p = e?.nextObject() as? String { if p.hasSuffix(".csv") { out.append(p) } }
        return out.sorted()
    }

    /// Writes `bytes` over `file` of `dir`, validates, checks the property, restores the file.
    static func check(_ bytes: [UInt8], file: String, in dir: URL, label: String) throws {
        let url = dir.appendingPathComponent(file)
        let original = try Data(contentsOf: url)
        defer { try? original.write(to: url) }
        FuzzSupport.willTry("basedata", Array("\(file)\n".utf8) + bytes)
        try Data(bytes).write(to: url)
        var diagnostics: [DataDiagnostic] = []
        let took = FuzzClock.elapsed { diagnostics = BaseDataset.validate(directory: dir) }
        #expect(took < FuzzSupport.perInputLimit, "\(label) took \(took)")
        for d in diagnostics { #expect(!d.message.isEmpty && !d.file.isEmpty, "\(label): \(d)") }
        // validate and load agree: no diagnostics ⇔ the folder loads.
        let loads = (try? BaseDataset.load(from: dir, includePartial: true)) != nil
        #expect(loads == diagnostics.isEmpty, "\(label): validate found \(diagnostics.count), load \(loads ? "succeeded" : "failed")")
    }

    @Test func mutatedDataFilesEndInDiagnostics() throws {
        let dir = try Self.copyOfBundledData()
        defer { try? FileManager.default.removeItem(at: dir) }
        let files = Self.csvFiles(in: dir)
        #expect(files.count >= 10)
        var m = FuzzMutator(seed: FuzzMutator.seed(0xBA5E_DA7A))
        for i in 0..<FuzzMutator.iterations(default: 40) {
            let file = files[i % files.count]
            let original = try [UInt8](Data(contentsOf: dir.appendingPathComponent(file)))
            try Self.check(m.mutate(original), file: file, in: dir, label: "basedata input \(i) (\(file))")
        }
    }

    @Test func keptRegressionInputs() throws {
        let dir = try Self.copyOfBundledData()
        defer { try? FileManager.default.removeItem(at: dir) }
        for (name, bytes) in FuzzSupport.regressionInputs("basedata") {
            // File name: <path with / as __>--<case>.
            let file = String(name.components(separatedBy: "--")[0]).replacingOccurrences(of: "__", with: "/")
            try Self.check(bytes, file: file, in: dir, label: name)
        }
    }
}
