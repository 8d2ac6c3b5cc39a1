import BaseData
import Foundation
import MatrixCore
import RegionalModels
import Testing
import TestFixtures

/// Property-based fuzzing of the MRIO table reader (`chengyu io` tables): a copy of the r10s10 table with
/// Z.csv, Y.csv or VA.csv mutated either reads (and then its Leontief diagnostics finish) or throws a
/// located `MRIOTableError`; never a crash or a hang (docs/reliability.md).
@Suite(.serialized) struct FuzzMRIOTableTests {
    static let names = ["Z.csv", "Y.csv", "VA.csv"]

    static func copyOfTable() throws -> URL {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("chengyu-fuzz-mrio-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
        let src = Fixtures.resourceDirectory.appendingPathComponent("pymrio-r10s10")
        for n in names { try FileManager.default.copyItem(at: src.appendingPathComponent(n), to: d.appendingPathComponent(n)) }
        return d
    }

    static func check(_ bytes: [UInt8], file: String, in dir: URL, label: String) throws {
        let url = dir.appendingPathComponent(file)
        let original = try Data(contentsOf: url)
        defer { try? original.write(to: url) }
        FuzzSupport.willTry("mrio", Array("\(file)\n".utf8) + bytes)
        try Data(bytes).write(to: url)
        let took = FuzzClock.elapsed {
            do {
                let t = try MRIOTable.read(directory: dir)
                #expect(t.z.rows == t.industries.count && t.z.storage.allSatisfy(\.isFinite), "\(label)")
                // What `chengyu io check` computes next must end in numbers or an error too.
                let x = try InputOutput.grossOutputFromSales(flows: t.z, finalDemand: t.y)
                if let a = try? InputOutput.technicalCoefficients(flows: t.z, grossOutput: x),
                   let model = try? LeontiefModel(technicalCoefficients: a) {
                    _ = try? model.diagnostics(finalDemand: t.y.rowSums, grossOutput: x)
                }
            } catch let e as MRIOTableError {
                #expect(!e.description.isEmpty, "\(label)")
            } catch {
                // Other typed errors (dimension mismatches) are diagnostics too.
                #expect(!"\(error)".isEmpty)
            }
        }
        #expect(took < FuzzSupport.perInputLimit, "\(label) took \(took)")
    }

    @Test func mutatedTablesEndInATableOrADiagnostic() throws {
        let dir = try Self.copyOfTable()
        defer { try? FileManager.default.removeItem(at: dir) }
        var m = FuzzMutator(seed: FuzzMutator.seed(0x3010_7AB1))
        for i in 0..<FuzzMutator.iterations(default: 90) {
            let file = Self.names[i % Self.names.count]
            let original = try [UInt8](Data(contentsOf: dir.appendingPathComponent(file)))
            try Self.check(m.mutate(original), file: file, in: dir, label: "mrio input \(i) (\(file))")
        }
    }

    @Test func keptRegressionInputs() throws {
        let dir = try Self.copyOfTable()
        defer { try? FileManager.default.removeItem(at: dir) }
        for (name, bytes) in FuzzSupport.regressionInputs("mrio") {
            try Self.check(bytes, file: String(name.components(separatedBy: "--")[0]), in: dir, label: name)
        }
    }

    @Test func oversizedTableFilesAreRefusedBeforeReading() throws {
        let dir = try Self.copyOfTable()
        defer { try? FileManager.default.removeItem(at: dir) }
        // A sparse file: its size is past the limit without using the disk.
        let url = dir.appendingPathComponent("Z.csv")
        let h = try FileHandle(forWritingTo: url)
        try h.truncate(atOffset: UInt64(LabelledCSV.maxFileBytes) + 1)
        try h.close()
        #expect {
            try MRIOTable.read(directory: dir)
        } throws: { e in
            "\(e)".contains("over the limit")
        }
    }
}
