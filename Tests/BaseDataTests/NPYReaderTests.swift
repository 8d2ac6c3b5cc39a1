import BaseData
import Foundation
import MatrixCore
import Testing
import TestFixtures

/// The `.npy` path of the MRIO table reader (BaseData/MRIOTable/NPYFile.swift): the same numbers as the CSV
/// reader, every header version and order, and located errors for everything else.
@Suite("MRIO table .npy reader")
struct NPYReaderTests {
    /// `Tests/TestFixtures/Resources/mrio-npy`: `make_mrio.py -R 3 -S 4` (12 industries), CSV and .npy.
    static let fixture = Fixtures.resourceDirectory.appendingPathComponent("mrio-npy")

    func tempFolder() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("chengyu-npy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// A `.npy` file as numpy writes it: magic, version, header length, the dict padded with spaces to a
    /// multiple of 64 bytes and ending in a newline, then the little-endian values (already in file order).
    static func npy(
        descr: String = "<f8", fortran: Bool = false, shape: [Int], values: [Double], major: UInt8 = 1,
        headerText: String? = nil
    ) -> [UInt8] {
        let shapeText = "(" + shape.map(String.init).joined(separator: ", ") + (shape.count == 1 ? ",)" : ")")
        var dict = headerText ?? "{'descr': '\(descr)', 'fortran_order': \(fortran ? "True" : "False"), 'shape': \(shapeText), }"
        let preamble = major == 1 ? 10 : 12
        while (preamble + dict.utf8.count + 1) % 64 != 0 { dict += " " }
        dict += "\n"
        let len = dict.utf8.count
        var out: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, major, 0]
        out += major == 1 ? [UInt8(len & 0xFF), UInt8(len >> 8)] : [UInt8(len & 0xFF), UInt8((len >> 8) & 0xFF), UInt8((len >> 16) & 0xFF), UInt8(len >> 24)]
        out += Array(dict.utf8)
        for v in values { withUnsafeBytes(of: v.bitPattern.littleEndian) { out += $0 } }
        return out
    }

    func write(_ bytes: [UInt8], _ name: String, in dir: URL) throws -> URL {
        let url = dir.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url
    }

    @Test("The make_mrio table read from .npy equals the same table read from CSV, value for value")
    func npyEqualsCSV() throws {
        let npy = try MRIOTable.read(directory: Self.fixture)
        // The same folder without the .npy files is read through the CSV path.
        let dir = try tempFolder()
        for name in ["Z.csv", "Y.csv", "x.csv", "VA.csv", "F.csv"] {
            try FileManager.default.copyItem(
                at: Self.fixture.appendingPathComponent(name), to: dir.appendingPathComponent(name))
        }
        let csv = try MRIOTable.read(directory: dir)
        #expect(npy.industries.count == 12)
        #expect(npy.industries == csv.industries)
        #expect(npy.industries.first == "R01:S01")
        #expect(npy.finalDemandLabels == csv.finalDemandLabels)
        #expect(npy.z == csv.z)  // exact: the CSV holds 17 significant digits
        #expect(npy.y == csv.y)
        #expect(npy.grossOutput == csv.grossOutput)
        #expect(npy.valueAddedLabels == csv.valueAddedLabels)
        #expect(npy.valueAdded == csv.valueAdded)
        #expect(npy.satelliteLabels == csv.satelliteLabels)
        #expect(npy.satellites == csv.satellites)
        // Not a zero table: Z[0, 1] is R01:S01's sales to R01:S02, transposed reading would move it.
        #expect(npy.z[0, 1] != npy.z[1, 0])
        #expect(npy.z[0, 1] == csv.z[0, 1])
    }

    @Test("C and Fortran order, versions 1.0, 2.0 and 3.0, 1-D vectors: the same column-major matrix")
    func ordersAndVersions() throws {
        let dir = try tempFolder()
        // 2 × 3 matrix [[1, 2, 3], [4, 5, 6]].
        let expected = try Matrix([[1, 2, 3], [4, 5, 6]])
        for major: UInt8 in [1, 2, 3] {
            let c = try write(Self.npy(shape: [2, 3], values: [1, 2, 3, 4, 5, 6], major: major), "c\(major).npy", in: dir)
            let f = try write(Self.npy(fortran: true, shape: [2, 3], values: [1, 4, 2, 5, 3, 6], major: major), "f\(major).npy", in: dir)
            #expect(try NPYFile.readMatrix(c) == expected)
            #expect(try NPYFile.readMatrix(f) == expected)
        }
        let v = try write(Self.npy(shape: [3], values: [7, 8, 9]), "v.npy", in: dir)
        #expect(try NPYFile.readMatrix(v) == Matrix(column: [7, 8, 9]))
        // A C-order matrix taller than one transpose block (2^20 elements / 3 columns): block seams are exact.
        let rows = 400_000
        let values = (0..<(rows * 3)).map { Double($0) }
        let big = try write(Self.npy(shape: [rows, 3], values: values), "big.npy", in: dir)
        let m = try NPYFile.readMatrix(big)
        #expect(m.rows == rows && m.columns == 3)
        let probes = [0, 1, 349_524, 349_525, 349_526, rows - 1]
        for i in probes { for j in 0..<3 { #expect(m[i, j] == Double(i * 3 + j)) } }
        // A header with a Python-2 long suffix and no trailing comma (old numpy) is still read.
        let old = try write(
            Self.npy(shape: [], values: [1, 2], headerText: "{'descr': '<f8', 'fortran_order': False, 'shape': (2L,)}"),
            "old.npy", in: dir)
        #expect(try NPYFile.readMatrix(old) == Matrix(column: [1, 2]))
    }

    @Test("Malformed headers and data are located errors with file, byte offset and cause")
    func malformedHeaders() throws {
        let dir = try tempFolder()
        func error(_ bytes: [UInt8], _ name: String = "bad.npy") throws -> MRIOTableError? {
            let url = try write(bytes, name, in: dir)
            do { _ = try NPYFile.readMatrix(url); return nil } catch let e as MRIOTableError { return e }
        }
        let path = dir.appendingPathComponent("bad.npy").path
        let good = Self.npy(shape: [2, 2], values: [1, 2, 3, 4])
        let h = good.count - 32  // data offset of these headers (128: a 2-D header needs two 64-byte lines)
        #expect(h == 128)
        // Magic and version.
        #expect(try error(Array("NUMPY is not here".utf8)) == .malformedBinary(
            file: path, byteOffset: 0, message: "not a .npy file: it does not start with the magic \\x93NUMPY"))
        #expect(try error([0x93, 0x4E, 0x55]) == .malformedBinary(
            file: path, byteOffset: 0, message: "not a .npy file: 3 bytes, shorter than the 10-byte preamble"))
        var v4 = good; v4[6] = 4
        #expect(try error(v4) == .malformedBinary(file: path, byteOffset: 6, message: "unsupported .npy format version 4.0 (1.0, 2.0 and 3.0 are read)"))
        // Dtypes.
        #expect(try error(Self.npy(descr: "<f4", shape: [2, 2], values: [1, 2])) == .malformedBinary(
            file: path, byteOffset: h, message: "dtype '<f4' is not read: only float64 ('<f8'); convert with a.astype(np.float64)"))
        if case let .malformedBinary(_, _, m)? = try error(Self.npy(descr: ">f8", shape: [2, 2], values: [1, 2, 3, 4])) {
            #expect(m.hasPrefix("dtype '>f8' (big-endian float64) is not read"))
        } else { Issue.record("big-endian not refused") }
        // Shapes.
        if case let .malformedBinary(_, _, m)? = try error(Self.npy(shape: [2, 2, 2], values: Array(repeating: 1, count: 8))) {
            #expect(m == "shape (2, 2, 2) has 3 dimensions; a table file must be 1-D or 2-D")
        } else { Issue.record("3-D not refused") }
        // Truncated data and trailing bytes.
        #expect(try error(Array(good.dropLast(5))) == .malformedBinary(
            file: path, byteOffset: h + 32 - 5, message: "truncated: shape (2, 2) needs 32 bytes of data, the file has 27 after its header"))
        #expect(try error(good + [0, 0, 0]) == .malformedBinary(
            file: path, byteOffset: h + 32, message: "3 bytes after the data of shape (2, 2) (32 bytes)"))
        // Truncated header.
        if case let .malformedBinary(_, o, m)? = try error(Array(good.prefix(30))) {
            #expect(o == 10)
            #expect(m == "truncated: the header needs \(h - 10) bytes, the file has 20 after the preamble")
        } else { Issue.record("truncated header not refused") }
        // Header syntax: missing key, unterminated dict, bad tuple, unknown key, text after the dict.
        let cases: [(String, String)] = [
            ("{'descr': '<f8', 'shape': (2, 2), }", "the header has no 'fortran_order' key"),
            ("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2), ", "header: unterminated dict (no closing '}')"),
            ("{'descr': '<f8', 'fortran_order': False, 'shape': (2, x), }", "header: expected a non-negative integer in the shape tuple"),
            ("{'descr': '<f8', 'fortran_order': Maybe, 'shape': (2, 2), }", "header: expected a string, True, False or a tuple"),
            ("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2), 'extra': 'x', }", "unexpected header key 'extra'"),
            ("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2), } junk", "header: unexpected text after the closing '}'"),
            ("{'descr': '<f8', 'descr': '<f8', 'fortran_order': False, 'shape': (2, 2)}", "header: key 'descr' appears twice"),
            ("{'descr': '<f8', 'fortran_order': False, 'shape': (99999999999999999999, 2), }", "header: shape dimension 99999999999999999999 is too large"),
        ]
        for (text, message) in cases {
            let bytes = Self.npy(shape: [], values: [1, 2, 3, 4], headerText: text)
            guard case let .malformedBinary(file, offset, m)? = try error(bytes) else {
                Issue.record("not refused: \(text)"); continue
            }
            #expect(file == path)
            #expect(m == message, "\(text)")
            #expect(offset >= 10 && offset <= bytes.count - 32, "offset inside the header: \(offset)")
        }
        // A non-finite value, located by row and column (C and Fortran order) and byte offset.
        #expect(try error(Self.npy(shape: [2, 3], values: [1, 2, 3, 4, .nan, 6])) == .malformedBinary(
            file: path, byteOffset: h + 8 * 4, message: "non-finite value nan at row 2, column 2 (numpy index [1, 1])"))
        #expect(try error(Self.npy(fortran: true, shape: [2, 3], values: [1, 4, 2, 5, 3, .infinity])) == .malformedBinary(
            file: path, byteOffset: h + 8 * 5, message: "non-finite value inf at row 2, column 3 (numpy index [1, 2])"))
        #expect(try error(Self.npy(shape: [3], values: [1, -.infinity, 3])) == .malformedBinary(
            file: path, byteOffset: h + 8, message: "non-finite value -inf at element 2 (numpy index [1])"))
        // Absurd shapes are refused before allocating (and before looking at the file size).
        if case let .malformedBinary(_, _, m)? = try error(Self.npy(shape: [1_000_000_000, 1_000_000_000], values: [])) {
            #expect(m.hasPrefix("shape (1000000000, 1000000000) needs 8000000000000000000 bytes, over the limit of"))
        } else { Issue.record("absurd shape not refused") }
        if case let .malformedBinary(_, _, m)? = try error(Self.npy(shape: [1 << 40, 1 << 40], values: [])) {
            #expect(m.hasPrefix("shape (1099511627776, 1099511627776) needs more than 2^63 bytes"))
        } else { Issue.record("overflowing shape not refused") }
        // The limit is a parameter: a 2 × 2 array over a 16-byte limit.
        let url = try write(good, "small.npy", in: dir)
        #expect(throws: MRIOTableError.self) { _ = try NPYFile.readMatrix(url, maxBytes: 16) }
    }

    @Test("A table folder whose arrays disagree with labels.json names the file and both shapes")
    func tableShapeMismatch() throws {
        let dir = try tempFolder()
        for name in ["Z.npy", "Y.npy", "x.npy", "VA.npy", "F.npy", "labels.json"] {
            try FileManager.default.copyItem(at: Self.fixture.appendingPathComponent(name), to: dir.appendingPathComponent(name))
        }
        #expect(try MRIOTable.read(directory: dir).industries.count == 12)
        // Y with one column too few.
        _ = try write(Self.npy(shape: [12, 8], values: Array(repeating: 1, count: 96)), "Y.npy", in: dir)
        #expect(throws: MRIOTableError.inconsistent(
            file: dir.appendingPathComponent("Y.npy").path, line: nil, column: nil,
            message: "shape (12, 8), expected (12, 9): 12 industries × 9 fd_columns in labels.json")) {
            _ = try MRIOTable.read(directory: dir)
        }
        // Z not square / not the labelled size.
        _ = try write(Self.npy(shape: [12, 11], values: Array(repeating: 1, count: 132)), "Z.npy", in: dir)
        #expect(throws: MRIOTableError.inconsistent(
            file: dir.appendingPathComponent("Z.npy").path, line: nil, column: nil,
            message: "shape (12, 11), expected (12, 12): labels.json lists 12 industries")) {
            _ = try MRIOTable.read(directory: dir)
        }
        // labels.json without industries, and not JSON at all.
        try Data("{\"fd_columns\": []}".utf8).write(to: dir.appendingPathComponent("labels.json"))
        #expect(throws: MRIOTableError.inconsistent(
            file: dir.appendingPathComponent("labels.json").path, line: nil, column: nil,
            message: "no \"industries\" list (the labels of Z's rows and columns)")) {
            _ = try MRIOTable.read(directory: dir)
        }
        try Data("{\"industries\": [".utf8).write(to: dir.appendingPathComponent("labels.json"))
        #expect(throws: MRIOTableError.self) { _ = try MRIOTable.read(directory: dir) }
        // Z.npy without labels.json and without Z.csv.
        try FileManager.default.removeItem(at: dir.appendingPathComponent("labels.json"))
        #expect(throws: MRIOTableError.inconsistent(
            file: dir.appendingPathComponent("Z.npy").path, line: nil, column: nil,
            message: "no labels.json next to it (the industry and final-demand labels of the .npy arrays), and no Z.csv")) {
            _ = try MRIOTable.read(directory: dir)
        }
    }

    @Test("Fuzz: mutated Z.npy (and header-only mutations) end in a matrix or a located MRIOTableError, never a crash")
    func fuzzNPY() throws {
        let dir = try tempFolder()
        let seedBytes = [UInt8](try Data(contentsOf: Self.fixture.appendingPathComponent("Z.npy")))
        var mutator = FuzzMutator(seed: FuzzMutator.seed(0x4E50_5900))
        let iterations = FuzzMutator.iterations(default: 300)
        var refused = 0, read = 0
        for k in 0..<iterations {
            // Half the inputs mutate only the 128-byte header (where the parser works), half the whole file.
            let input: [UInt8]
            if k % 2 == 0 {
                input = mutator.mutate(Array(seedBytes.prefix(128))) + seedBytes.dropFirst(128)
            } else {
                input = mutator.mutate(seedBytes)
            }
            let url = try write(input, "fuzz.npy", in: dir)
            try FuzzSupport.attempt("npy", saving: input, label: "npy input \(k)") {
                do {
                    let m = try NPYFile.readMatrix(url)
                    #expect(m.firstNonFinite == nil)
                    read += 1
                } catch let e as MRIOTableError {
                    #expect(e.description.hasPrefix(url.path), "\(e)")
                    refused += 1
                }
            }
        }
        #expect(read + refused == iterations)
        #expect(refused > 0)
    }

    @Test("takeFlows hands over Z's storage without copying and leaves a 0 × 0 matrix")
    func takeFlows() throws {
        var t = try MRIOTable.read(directory: Self.fixture)
        let before = t.z
        let z = t.takeFlows()
        #expect(z == before)
        #expect(t.z.rows == 0 && t.z.columns == 0)
        #expect(t.industries.count == 12 && t.y.rows == 12)
    }
}
