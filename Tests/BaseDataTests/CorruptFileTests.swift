import Foundation
import Testing
@testable import BaseData

/// A corruption of one data file and the diagnostic it must produce.
struct Corruption: CustomTestStringConvertible, Sendable {
    enum Kind: String, CaseIterable, Sendable { case missingColumn, duplicateID, nonNumeric, notANumber, unknownSource }
    let spec: DataFileSpec
    let kind: Kind
    var testDescription: String { "\(spec.path) \(kind.rawValue)" }

    /// All corruptions that apply to a file (non-numeric and NaN need a numeric column, unknown source a source column).
    static var all: [Corruption] {
        DataFileSpec.all.flatMap { spec in
            Kind.allCases.compactMap { kind in
                switch kind {
                case .nonNumeric, .notANumber: return spec.numericColumns.isEmpty ? nil : Corruption(spec: spec, kind: kind)
                case .unknownSource: return spec.sourceColumn == nil ? nil : Corruption(spec: spec, kind: kind)
                default: return Corruption(spec: spec, kind: kind)
                }
            }
        }
    }
}

/// Writes `header` and `records` over `url` as CSV.
func writeCSV(_ url: URL, header: [String], records: [[String]]) throws {
    try (([header] + records).map(csvLine).joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
}

func csvLine(_ fields: [String]) -> String {
    fields.map { f in
        f.contains(",") || f.contains("\"") || f.contains("\n") ? "\"" + f.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : f
    }.joined(separator: ",")
}

/// A fresh copy of the bundled data folder in a temporary directory.
func copyOfBundledData() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("basedata-\(UUID().uuidString)")
    try FileManager.default.copyItem(at: try BaseDataset.bundledDataURL(), to: dir)
    return dir
}

@Suite("Corrupt copies of each data file are rejected with file, line and column")
struct CorruptFileTests {
    @Test(arguments: Corruption.all)
    func corruptCopyIsRejected(_ c: Corruption) throws {
        let dir = try copyOfBundledData()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent(c.spec.path)
        let table = try CSVTable(contentsOf: url, file: c.spec.path)
        var header = table.header
        var records = table.records
        let expectLine: Int
        let expectColumn: Int
        switch c.kind {
        case .missingColumn:
            let name = c.spec.requiredColumns.last!
            let k = header.firstIndex(of: name)!
            header.remove(at: k)
            for r in records.indices { records[r].remove(at: k) }
            (expectLine, expectColumn) = (1, 0)
        case .duplicateID:
            records.append(records[0])
            (expectLine, expectColumn) = (table.lineNumbers.last! + 1, table.columnNumber(c.spec.keyColumns[0])!)
        case .nonNumeric, .notANumber:
            let name = c.spec.numericColumns[0].name
            let k = table.columnNumber(name)!
            records[0][k - 1] = c.kind == .nonNumeric ? "12,5 abc" : "NaN"
            (expectLine, expectColumn) = (table.lineNumbers[0], k)
        case .unknownSource:
            let k = table.columnNumber(c.spec.sourceColumn!)!
            records[0][k - 1] = "S-NO-SUCH-SOURCE"
            (expectLine, expectColumn) = (table.lineNumbers[0], k)
        }
        try writeCSV(url, header: header, records: records)

        #expect {
            _ = try BaseDataset.load(from: dir)
        } throws: { error in
            let d = (error as? BaseDataError)?.diagnostics ?? []
            let hit = d.contains { $0.file == c.spec.path && $0.line == expectLine && $0.column == expectColumn }
            if !hit { Issue.record("no diagnostic at \(c.spec.path):\(expectLine):\(expectColumn); got \(d.prefix(5))") }
            return hit
        }
        // the validation entry point reports the same problem without throwing
        let v = BaseDataset.validate(directory: dir)
        #expect(v.contains { $0.file == c.spec.path && $0.line == expectLine && $0.column == expectColumn })
    }

    @Test func missingFileIsReported() throws {
        let dir = try copyOfBundledData()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.removeItem(at: dir.appendingPathComponent(DataFileSpec.goals.path))
        let d = BaseDataset.validate(directory: dir)
        #expect(d.contains { $0.file == DataFileSpec.goals.path })
    }

    /// The consumption split is read by position (row k is sector k): a missing or misplaced sector row is reported,
    /// where until 2026-12-04 the loader gave up silently and `validate` passed a folder `load` refused (`scripts/fuzz.sh
    /// 3000 31`).
    @Test func consumptionSplitNeedsEverySectorInOrder() throws {
        let spec = DataFileSpec.consumptionSplit
        for kind in ["missing", "swapped"] {
            let dir = try copyOfBundledData()
            defer { try? FileManager.default.removeItem(at: dir) }
            let url = dir.appendingPathComponent(spec.path)
            let t = try CSVTable(contentsOf: url, file: spec.path)
            var records = t.records
            if kind == "missing" { records.remove(at: 25) } else { records.swapAt(3, 4) }
            try writeCSV(url, header: t.header, records: records)
            let d = BaseDataset.validate(directory: dir).filter { $0.file == spec.path }
            if kind == "missing" {
                #expect(d.count == 1 && d[0].field == "code" && d[0].message == "expected 42 sectors (codes 01…42, one row each), found 41", "\(d)")
            } else {
                #expect(d.map(\.line) == [t.lineNumbers[3], t.lineNumbers[4]] && d.allSatisfy { $0.message.contains("must run 01…42 in order") }, "\(d)")
            }
            #expect(throws: (any Error).self) { try BaseDataset.load(from: dir, includePartial: true) }
        }
    }

    @Test func implausibleFigureIsReported() throws {
        let dir = try copyOfBundledData()
        defer { try? FileManager.default.removeItem(at: dir) }
        let spec = DataFileSpec.jurisdictionFigures
        let url = dir.appendingPathComponent(spec.path)
        let t = try CSVTable(contentsOf: url, file: spec.path)
        var records = t.records
        let fig = t.columnNumber("figure")! - 1, val = t.columnNumber("value")! - 1
        let r = records.firstIndex { $0[fig] == "area_km2" }!
        records[r][val] = "-5"
        try writeCSV(url, header: t.header, records: records)
        let d = BaseDataset.validate(directory: dir)
        #expect(d.contains { $0.file == spec.path && $0.line == t.lineNumbers[r] && $0.column == val + 1 })
    }
}
