import BaseData
import Foundation
import MatrixCore
import Testing
import TestFixtures

/// Property-based fuzzing of the MRIO table reader (`chengyu io` tables): a copy of the r10s10 table with
/// Z.csv, Y.csv or VA.csv mutated either reads (square Z, finite values, Y and VA with one row or column
/// per industry) or throws a located `MRIOTableError`; never a crash or a hang (docs/reliability.md).
/// What `io check` computes on a table that reads is guarded by the numerical-guard tests of the CLI.
@Suite(.serialized, .tags(.slow), .skippedInFastRuns) struct FuzzMRIOTableTests {
    static let names = ["Z.csv", "Y.csv", "VA.csv"]

    static func copyOfTable() throws -> FuzzFolder {
        try FuzzFolder(copying: names, from: Fixtures.resourceDirectory.appendingPathComponent("pymrio-r10s10"))
    }

    static func check(_ bytes: [UInt8], file: String, in folder: FuzzFolder, label: String) throws {
        try folder.with(file, replacedBy: bytes) {
            FuzzSupport.attempt("mrio", saving: Array("\(file)\n".utf8) + bytes, label: label) {
                do {
                    let t = try MRIOTable.read(directory: folder.url)
                    let n = t.industries.count
                    #expect(t.z.rows == n && t.z.columns == n && t.y.rows == n, "\(label)")
                    #expect(t.z.storage.allSatisfy(\.isFinite) && t.y.storage.allSatisfy(\.isFinite), "\(label)")
                    if let va = t.valueAdded { #expect(va.columns == n && va.storage.allSatisfy(\.isFinite), "\(label)") }
                } catch let e as MRIOTableError {
                    #expect(e.description.contains(folder.url.path), "\(label): error without its file: \(e)")
                } catch {
                    Issue.record("\(label): an error other than MRIOTableError: \(error)")
                }
            }
        }
    }

    @Test func mutatedTablesEndInATableOrADiagnostic() throws {
        let folder = try Self.copyOfTable()
        defer { folder.remove() }
        let seeds = try Self.names.map { try folder.bytes(of: $0) }
        let inputs = FuzzSupport.mutations(of: seeds, seed: 0x3010_7AB1, count: FuzzMutator.iterations(default: 90))
        for (i, input) in inputs.enumerated() {
            let file = Self.names[i % Self.names.count]
            try Self.check(input, file: file, in: folder, label: "mrio input \(i) (\(file))")
        }
    }

    @Test func keptRegressionInputs() throws {
        let folder = try Self.copyOfTable()
        defer { folder.remove() }
        for (name, bytes) in try FuzzSupport.regressionInputs("mrio") {
            let file = String(name.components(separatedBy: "--")[0])
            #expect(Self.names.contains(file), "\(name): not a file of the table")
            try Self.check(bytes, file: file, in: folder, label: name)
        }
    }

    @Test func oversizedTableFilesAreRefusedBeforeReading() throws {
        let folder = try Self.copyOfTable()
        defer { folder.remove() }
        let dir = folder.url
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
