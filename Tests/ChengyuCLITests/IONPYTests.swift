import Foundation
import TestFixtures
import Testing

/// `chengyu io` on a table folder of `.npy` files (make_mrio.py's layout) gives byte-identical output to the
/// same table in CSV, and a damaged array is a located error with exit status 2.
@Suite("chengyu io on .npy tables")
struct IONPYTests {
    static let fixture = Fixtures.resourceDirectory.appendingPathComponent("mrio-npy")

    /// The fixture's CSV files alone (so the CSV reader is used).
    func csvCopy() throws -> URL {
        let dir = try CLI.temporaryDirectory()
        for name in ["Z.csv", "Y.csv", "x.csv", "VA.csv", "F.csv"] {
            try FileManager.default.copyItem(at: Self.fixture.appendingPathComponent(name), to: dir.appendingPathComponent(name))
        }
        return dir
    }

    @Test("io multipliers, io solve and io check: .npy and CSV give the same bytes")
    func npyMatchesCSV() throws {
        let csv = try csvCopy()
        let m1 = try CLI.run(["io", "multipliers", Self.fixture.path])
        let m2 = try CLI.run(["io", "multipliers", csv.path])
        #expect(m1.status == 0, "\(m1.stderr)")
        #expect(m1.stdout == m2.stdout)
        #expect(m1.stdout.hasPrefix("industry,output,value_added,"))
        #expect(m1.stdout.contains("output_type_II"))
        #expect(m1.stdout.split(separator: "\n").count == 13)
        let demand = try CLI.temporaryDirectory().appendingPathComponent("demand.csv")
        try "industry,a,b\nR01:S01,100,0\nR03:S04,0,250\n".write(to: demand, atomically: true, encoding: .utf8)
        let s1 = try CLI.run(["io", "solve", Self.fixture.path, "--demand", demand.path])
        let s2 = try CLI.run(["io", "solve", csv.path, "--demand", demand.path])
        #expect(s1.status == 0, "\(s1.stderr)")
        #expect(s1.stdout == s2.stdout)
        let c1 = try CLI.run(["io", "check", Self.fixture.path])
        #expect(c1.status == 0, "\(c1.stdout)")
        #expect(c1.stdout.contains("check passed"))
    }

    @Test("A NaN in Z.npy: exit 2, the file, the byte offset and the numpy index")
    func nonFiniteIsLocated() throws {
        let dir = try CLI.temporaryDirectory()
        for name in ["Z.npy", "Y.npy", "labels.json"] {
            try FileManager.default.copyItem(at: Self.fixture.appendingPathComponent(name), to: dir.appendingPathComponent(name))
        }
        let z = dir.appendingPathComponent("Z.npy")
        var bytes = [UInt8](try Data(contentsOf: z))
        let offset = bytes.count - 12 * 12 * 8 + 8 * (1 * 12 + 2)  // C order: row 1, column 2 (0-based)
        withUnsafeBytes(of: Double.nan.bitPattern.littleEndian) { for k in 0..<8 { bytes[offset + k] = $0[k] } }
        try Data(bytes).write(to: z)
        let r = try CLI.run(["io", "multipliers", dir.path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("Z.npy: byte \(offset): non-finite value nan at row 2, column 3 (numpy index [1, 2])"), "\(r.stderr)")
    }
}
