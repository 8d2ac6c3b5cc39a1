import BaseData
import Foundation
import MatrixCore
import Testing

/// The bring-your-own-table CSV reader (BaseData/MRIOTable): layouts and located errors.
@Suite("MRIO table CSV reader")
struct MRIOTableReaderTests {
    func tempFolder(_ files: [String: String]) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("chengyu-io-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return dir
    }

    @Test("Reads Z, Y, x and VA (pymrio orientation); values exact")
    func readsTable() throws {
        let dir = try tempFolder([
            "Z.csv": ",A:s1,A:s2\nA:s1,150,500\nA:s2,200,100\n",
            "Y.csv": ",A:household\r\nA:s1,350\r\nA:s2,1700\r\n",
            "x.csv": ",x\nA:s1,1000\nA:s2,2000\n",
            "VA.csv": ",A:s1,A:s2\ncompensation,300,500\nother,350,900\n",
        ])
        let t = try MRIOTable.read(directory: dir)
        #expect(t.industries == ["A:s1", "A:s2"])
        #expect(t.z == (try Matrix([[150, 500], [200, 100]])))
        #expect(t.y.storage == [350, 1700])
        #expect(t.grossOutput == [1000, 2000])
        #expect(t.valueAddedLabels == ["compensation", "other"])
        #expect(t.valueAdded == (try Matrix([[300, 500], [350, 900]])))
    }

    @Test("Reads pandas' two-level layout (region and sector columns) and tab separators")
    func readsMultiIndex() throws {
        let dir = try tempFolder([
            "Z.csv": "region,,A,A\nsector,,s1,s2\nregion,sector,,\nA,s1,150,500\nA,s2,200,100\n",
            "Y.csv": "region\t\tA\ncategory\t\thousehold\nA\ts1\t350\nA\ts2\t1700\n",
            "VA.csv": "region,compensation\nsector,\nA:s1,300\nA:s2,500\n",
        ])
        let t = try MRIOTable.read(directory: dir)
        #expect(t.industries == ["A:s1", "A:s2"])
        #expect(t.finalDemandLabels == ["A:household"])
        #expect(t.z[0, 1] == 500)
        #expect(t.valueAdded!.storage == [300, 500])  // industries as rows, transposed
    }

    @Test("A 3 × 2 table with blank lines among its rows: each value at its row and column, lines counted")
    func blankLinesAmongRows() throws {
        let dir = try tempFolder(["T.csv": ",c1,c2\nr1,1,2\n\nr2,3,4\n\r\nr3,5,6e-1\n\n"])
        let t = try LabelledCSV.read(dir.appendingPathComponent("T.csv"))
        #expect(t.rowLabels == ["r1", "r2", "r3"])
        #expect(t.rowLines == [2, 4, 6])
        #expect(t.values == (try Matrix([[1, 2], [3, 4], [5, 0.6]])))
        #expect(t.values.storage == [1, 3, 5, 2, 4, 0.6])  // column-major
    }

    @Test("Errors name file, line and column")
    func locatedErrors() throws {
        let dir = try tempFolder([
            "Z.csv": ",A:s1,A:s2\nA:s1,150,500\nA:s2,200,abc\n",
            "Y.csv": ",A:household\nA:s1,350\nA:s2,1700\n",
        ])
        do {
            _ = try MRIOTable.read(directory: dir)
            Issue.record("expected an error")
        } catch let e as MRIOTableError {
            guard case let .malformed(file, line, column, _) = e else { Issue.record("wrong case \(e)"); return }
            #expect(file.hasSuffix("Z.csv") && line == 3 && column == 3)
        }
        let dir2 = try tempFolder([
            "Z.csv": ",A:s1,A:s2\nA:s1,150,500\nA:s2,200,100\n",
            "Y.csv": ",A:household\nA:s1,350\nA:s2,\n",
        ])
        #expect(throws: MRIOTableError.malformed(file: dir2.appendingPathComponent("Y.csv").path, line: 3, column: 2, message: "empty cell (expected a number)")) {
            _ = try MRIOTable.read(directory: dir2)
        }
        let dir3 = try tempFolder([
            "Z.csv": ",A:s1,A:s2\nA:s1,150,500\nA:s3,200,100\n",
            "Y.csv": ",A:household\nA:s1,350\nA:s2,1\n",
        ])
        #expect(throws: MRIOTableError.self) { _ = try MRIOTable.read(directory: dir3) }
        #expect(throws: MRIOTableError.missingFile(file: dir3.appendingPathComponent("none/Z.csv").path)) {
            _ = try MRIOTable.read(directory: dir3.appendingPathComponent("none"))
        }
    }

    @Test("Demand files: rows in any order, missing industries are 0, unknown ones an error")
    func demand() throws {
        let dir = try tempFolder(["d.csv": "industry,s1,s2\nA:s2,1,2\n", "bad.csv": ",s1\nB:s9,1\n"])
        let d = try MRIOTable.readDemand(dir.appendingPathComponent("d.csv"), industries: ["A:s1", "A:s2"])
        #expect(d.columnLabels == ["s1", "s2"])
        #expect(d.values.storage == [0, 1, 0, 2])
        #expect(throws: MRIOTableError.self) {
            _ = try MRIOTable.readDemand(dir.appendingPathComponent("bad.csv"), industries: ["A:s1", "A:s2"])
        }
    }
}

@Suite("MRIO table CSV reader: header detection")
struct MRIOTableHeaderTests {
    @Test("An empty first data cell is an error at its line and column, not a header row")
    func emptyFirstDataCell() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("chengyu-io-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent("Y.csv")
        try ",A:household,A:government\nA:s1,,5\nA:s2,1,2\n".write(to: url, atomically: true, encoding: .utf8)
        #expect(throws: MRIOTableError.malformed(file: url.path, line: 2, column: 2, message: "empty cell (expected a number)")) {
            _ = try LabelledCSV.read(url)
        }
    }
}
