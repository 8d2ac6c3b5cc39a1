import Foundation
import MatrixCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads NumPy `.npy` files of float64 straight into column-major `Matrix` storage (format:
/// numpy.lib.format, versions 1.0, 2.0 and 3.0).
///
/// Layout of a file: the magic `\x93NUMPY`, a major and a minor version byte, the header length (2 bytes
/// little-endian in version 1, 4 bytes in versions 2 and 3), the header — a Python dict literal such as
/// `{'descr': '<f8', 'fortran_order': False, 'shape': (4200, 4200), }` padded with spaces and ending in a
/// newline (ASCII; UTF-8 in version 3) — then the raw data.
///
/// Accepted: `descr` `'<f8'` (little-endian float64), C or Fortran order, 1-D (read as one column) or 2-D
/// shapes. Everything else (other dtypes, big-endian, 0-D or 3-D arrays, a data size that does not match
/// the shape, a truncated file, NaN or infinity) is a `MRIOTableError` naming the file and the byte offset.
///
/// Memory: a Fortran-order file is read directly into the matrix's storage; a C-order (row-major) file is
/// read in blocks of rows into an 8 MiB scratch buffer and transposed block by block into the storage, so
/// no second `rows × columns` buffer ever exists.
public enum NPYFile {
    /// A parsed `.npy` header.
    public struct Header: Sendable, Equatable {
        /// Format version, e.g. `1` for 1.0.
        public let majorVersion: Int
        /// The dtype descriptor (`'<f8'` is the only one read).
        public let descr: String
        /// `true` for column-major (Fortran) order, `false` for row-major (C) order.
        public let fortranOrder: Bool
        /// The array shape.
        public let shape: [Int]
        /// Byte offset of the data (the total header size, a multiple of 64 for files numpy writes).
        public let dataOffset: Int
    }

    /// Largest header accepted (numpy writes a few hundred bytes).
    public static let maxHeaderBytes = 1 << 20

    /// Largest array read: a quarter of the machine's physical memory, because the solve path of
    /// `chengyu io` holds up to three matrices of the size of `Z`.
    public static var maxDataBytes: Int { Int(clamping: ProcessInfo.processInfo.physicalMemory / 4) }

    /// Parses the header from the first bytes of a file (`prefix` must hold at least the whole header).
    /// - Throws: `MRIOTableError.malformedBinary` with the byte offset of the problem.
    public static func parseHeader(_ prefix: [UInt8], file: String) throws -> Header {
        func bad(_ offset: Int, _ message: String) -> MRIOTableError {
            .malformedBinary(file: file, byteOffset: offset, message: message)
        }
        let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]  // \x93NUMPY
        guard prefix.count >= 10 else {
            throw bad(0, "not a .npy file: \(prefix.count) bytes, shorter than the 10-byte preamble")
        }
        guard Array(prefix[0..<6]) == magic else {
            throw bad(0, "not a .npy file: it does not start with the magic \\x93NUMPY")
        }
        let major = Int(prefix[6]), minor = Int(prefix[7])
        guard (1...3).contains(major), minor == 0 else {
            throw bad(6, "unsupported .npy format version \(major).\(minor) (1.0, 2.0 and 3.0 are read)")
        }
        let headerLength: Int, headerStart: Int
        if major == 1 {
            headerLength = Int(prefix[8]) | Int(prefix[9]) << 8
            headerStart = 10
        } else {
            guard prefix.count >= 12 else { throw bad(8, "truncated: the header length field is cut off") }
            headerLength = Int(prefix[8]) | Int(prefix[9]) << 8 | Int(prefix[10]) << 16 | Int(prefix[11]) << 24
            headerStart = 12
        }
        guard headerLength <= maxHeaderBytes else {
            throw bad(8, "header length \(headerLength) bytes is over the limit of \(maxHeaderBytes) bytes")
        }
        guard prefix.count >= headerStart + headerLength else {
            throw bad(headerStart, "truncated: the header needs \(headerLength) bytes, the file has \(max(prefix.count - headerStart, 0)) after the preamble")
        }
        let bytes = Array(prefix[headerStart..<(headerStart + headerLength)])
        if major < 3, let k = bytes.firstIndex(where: { $0 >= 0x80 }) {
            throw bad(headerStart + k, "non-ASCII byte in a version \(major) header (only version 3 headers are UTF-8)")
        }
        var parser = HeaderParser(bytes: bytes, base: headerStart, file: file)
        let dict = try parser.parseDict()
        guard let descrValue = dict["descr"] else { throw bad(headerStart, "the header has no 'descr' key") }
        guard let orderValue = dict["fortran_order"] else { throw bad(headerStart, "the header has no 'fortran_order' key") }
        guard let shapeValue = dict["shape"] else { throw bad(headerStart, "the header has no 'shape' key") }
        guard case let .string(descr) = descrValue.value else {
            throw bad(descrValue.offset, "'descr' must be a string such as '<f8' (structured dtypes are not read)")
        }
        guard case let .bool(fortran) = orderValue.value else {
            throw bad(orderValue.offset, "'fortran_order' must be True or False")
        }
        guard case let .tuple(shape) = shapeValue.value else {
            throw bad(shapeValue.offset, "'shape' must be a tuple of integers")
        }
        if let extra = dict.keys.first(where: { !["descr", "fortran_order", "shape"].contains($0) }) {
            throw bad(dict[extra]!.offset, "unexpected header key '\(extra)'")
        }
        return Header(majorVersion: major, descr: descr, fortranOrder: fortran, shape: shape, dataOffset: headerStart + headerLength)
    }

    /// Reads a 1-D (`(n,)`, as `n × 1`) or 2-D float64 array into a column-major matrix.
    /// - Parameter maxBytes: refuse arrays whose data exceed this many bytes (checked before allocating).
    /// - Throws: `MRIOTableError` (`.missingFile`, `.unreadable`, `.malformedBinary`).
    public static func readMatrix(_ url: URL, maxBytes: Int = NPYFile.maxDataBytes) throws -> Matrix {
        let name = url.path
        guard FileManager.default.fileExists(atPath: name) else { throw MRIOTableError.missingFile(file: name) }
        let fd = open(name, O_RDONLY)
        guard fd >= 0 else { throw MRIOTableError.unreadable(file: name, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        let fileSize = try regularFileSize(fd, file: name)
        let header = try parseHeader(try readHeaderBytes(fd, fileSize: fileSize, file: name), file: name)
        let layout = try DataLayout(header: header, fileSize: fileSize, maxBytes: maxBytes, fd: fd, file: name)
        var failure: MRIOTableError? = nil
        let storage = try [Double](unsafeUninitializedCapacity: layout.count) { dst, initialized in
            initialized = 0
            guard layout.count > 0 else { return }
            // Whether the file's order is already column-major (Fortran order, or a vector).
            if layout.fortranOrder || layout.rows == 1 || layout.columns == 1 {
                failure = try layout.readDirect(into: dst)
            } else {
                failure = try layout.readTransposed(into: dst)
            }
            if failure == nil { initialized = layout.count }
        }
        if let failure { throw failure }
        do { return try Matrix(rows: layout.rows, columns: layout.columns, columnMajor: storage) } catch {
            throw MRIOTableError.unreadable(file: name, reason: "\(error)")
        }
    }

    /// The size of the open file `fd`, which must be a regular file.
    private static func regularFileSize(_ fd: Int32, file: String) throws -> Int {
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw MRIOTableError.unreadable(file: file, reason: String(cString: strerror(errno))) }
        guard (st.st_mode & S_IFMT) == S_IFREG else { throw MRIOTableError.unreadable(file: file, reason: "not a regular file") }
        return Int(st.st_size)
    }

    /// The preamble, then — when it is a `.npy` preamble with a header length within the limit — the whole
    /// header (what `parseHeader` needs; it reports what is wrong with a short or bad prefix).
    private static func readHeaderBytes(_ fd: Int32, fileSize: Int, file: String) throws -> [UInt8] {
        var prefix = [UInt8](repeating: 0, count: min(fileSize, 12))
        try readFully(fd, &prefix, offset: 0, file: file)
        if prefix.count >= 10, Array(prefix[0..<6]) == [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59] {
            let start = prefix[6] == 1 ? 10 : 12
            var length = Int(prefix[8]) | Int(prefix[9]) << 8
            if prefix[6] != 1 && prefix.count >= 12 { length |= Int(prefix[10]) << 16 | Int(prefix[11]) << 24 }
            if length <= maxHeaderBytes {
                prefix = [UInt8](repeating: 0, count: min(fileSize, start + length))
                try readFully(fd, &prefix, offset: 0, file: file)
            }
        }
        return prefix
    }

    /// Where the data of an accepted array lies and how to read it.
    private struct DataLayout {
        let fd: Int32
        let file: String
        let dataOffset: Int
        let rows: Int
        let columns: Int
        let fortranOrder: Bool
        /// Dimensions of the array in the file (1 or 2).
        let dims: Int
        /// Elements (`rows × columns`).
        let count: Int

        /// Checks the dtype, the number of dimensions and the data size against the limit and the file size.
        init(header: Header, fileSize: Int, maxBytes: Int, fd: Int32, file: String) throws {
            func bad(_ offset: Int, _ message: String) -> MRIOTableError {
                .malformedBinary(file: file, byteOffset: offset, message: message)
            }
            let shapeText = "(" + header.shape.map(String.init).joined(separator: ", ") + (header.shape.count == 1 ? ",)" : ")")
            guard header.descr == "<f8" else {
                if header.descr == ">f8" {
                    throw bad(header.dataOffset, "dtype '>f8' (big-endian float64) is not read: save little-endian, e.g. np.save(path, a.astype('<f8'))")
                }
                throw bad(header.dataOffset, "dtype '\(header.descr)' is not read: only float64 ('<f8'); convert with a.astype(np.float64)")
            }
            guard header.shape.count == 1 || header.shape.count == 2 else {
                throw bad(header.dataOffset, "shape \(shapeText) has \(header.shape.count) dimensions; a table file must be 1-D or 2-D")
            }
            let rows = header.shape[0], columns = header.shape.count == 2 ? header.shape[1] : 1
            let count = rows.multipliedReportingOverflow(by: columns)
            let bytes = count.partialValue.multipliedReportingOverflow(by: 8)
            guard !count.overflow, !bytes.overflow, bytes.partialValue <= maxBytes else {
                throw bad(header.dataOffset, "shape \(shapeText) needs \(count.overflow || bytes.overflow ? "more than 2^63" : "\(bytes.partialValue)") bytes, over the limit of \(maxBytes) bytes (\(maxBytes >> 20) MiB, a quarter of this machine's memory) for one table array")
            }
            let available = fileSize - header.dataOffset
            guard available == bytes.partialValue else {
                if available < bytes.partialValue {
                    throw bad(fileSize, "truncated: shape \(shapeText) needs \(bytes.partialValue) bytes of data, the file has \(available) after its header")
                }
                throw bad(header.dataOffset + bytes.partialValue, "\(available - bytes.partialValue) bytes after the data of shape \(shapeText) (\(bytes.partialValue) bytes)")
            }
            (self.fd, self.file, self.dataOffset) = (fd, file, header.dataOffset)
            (self.rows, self.columns, self.fortranOrder) = (rows, columns, header.fortranOrder)
            (self.dims, self.count) = (header.shape.count, count.partialValue)
        }

        /// Elements read per chunk: 8 MiB.
        static let chunkElements = 1 << 20

        /// Reads data already in column-major order straight into `dst`, in chunks; returns the error for
        /// the first non-finite value, if any.
        func readDirect(into dst: UnsafeMutableBufferPointer<Double>) throws -> MRIOTableError? {
            var k = 0
            while k < count {
                let m = min(Self.chunkElements, count - k)
                let chunk = UnsafeMutableBufferPointer(rebasing: dst[k..<(k + m)])
                try NPYFile.readFully(fd, UnsafeMutableRawBufferPointer(chunk), offset: dataOffset + 8 * k, file: file)
                if let bad = NPYFile.firstNonFinite(UnsafeBufferPointer(chunk)) {
                    let e = k + bad
                    let (i, j) = fortranOrder ? (e % rows, e / rows) : (columns == 1 ? (e, 0) : (0, e))
                    return NPYFile.nonFinite(file, dataOffset + 8 * e, chunk[bad], i, j, dims)
                }
                k += m
            }
            return nil
        }

        /// C order: reads blocks of whole rows into a scratch buffer and transposes them into the column-major
        /// `dst`; returns the error for the first non-finite value, if any.
        func readTransposed(into dst: UnsafeMutableBufferPointer<Double>) throws -> MRIOTableError? {
            let blockRows = max(1, min(rows, Self.chunkElements / columns))
            let scratch = UnsafeMutableBufferPointer<Double>.allocate(capacity: blockRows * columns)
            defer { scratch.deallocate() }
            var i0 = 0
            while i0 < rows {
                let b = min(blockRows, rows - i0)
                let block = UnsafeMutableBufferPointer(rebasing: scratch[0..<(b * columns)])
                try NPYFile.readFully(fd, UnsafeMutableRawBufferPointer(block), offset: dataOffset + 8 * i0 * columns, file: file)
                if let bad = NPYFile.firstNonFinite(UnsafeBufferPointer(block)) {
                    let i = i0 + bad / columns, j = bad % columns
                    return NPYFile.nonFinite(file, dataOffset + 8 * (i * columns + j), block[bad], i, j, 2)
                }
                let d = dst.baseAddress!, s = block.baseAddress!
                for j in 0..<columns {
                    let column = d + (j * rows + i0)
                    for r in 0..<b { column[r] = s[r * columns + j] }
                }
                i0 += b
            }
            return nil
        }
    }

    private static func nonFinite(_ file: String, _ offset: Int, _ v: Double, _ i: Int, _ j: Int, _ dims: Int) -> MRIOTableError {
        let index = dims == 1 ? "element \(i + 1) (numpy index [\(i)])" : "row \(i + 1), column \(j + 1) (numpy index [\(i), \(j)])"
        return .malformedBinary(file: file, byteOffset: offset, message: "non-finite value \(v) at \(index)")
    }

    private static func firstNonFinite(_ p: UnsafeBufferPointer<Double>) -> Int? {
        for k in 0..<p.count where !p[k].isFinite { return k }
        return nil
    }

    private static func readFully(_ fd: Int32, _ bytes: inout [UInt8], offset: Int, file: String) throws {
        try bytes.withUnsafeMutableBytes { try readFully(fd, $0, offset: offset, file: file) }
    }

    /// `pread` until `buffer` is full; a short file is a truncation error.
    private static func readFully(_ fd: Int32, _ buffer: UnsafeMutableRawBufferPointer, offset: Int, file: String) throws {
        var done = 0
        while done < buffer.count {
            let r = pread(fd, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
            if r < 0 {
                if errno == EINTR { continue }
                throw MRIOTableError.unreadable(file: file, reason: String(cString: strerror(errno)))
            }
            if r == 0 {
                throw MRIOTableError.malformedBinary(file: file, byteOffset: offset + done, message: "truncated: the file ends early")
            }
            done += r
        }
    }
}

/// A parser for the Python dict literal of a `.npy` header: string keys; values are strings, `True`/`False`
/// or tuples of non-negative integers.
private struct HeaderParser {
    enum Value: Equatable { case string(String), bool(Bool), tuple([Int]) }

    let bytes: [UInt8]
    /// File offset of `bytes[0]` (for error locations).
    let base: Int
    let file: String
    var p = 0

    init(bytes: [UInt8], base: Int, file: String) {
        self.bytes = bytes
        self.base = base
        self.file = file
    }

    func bad(_ message: String) -> MRIOTableError {
        .malformedBinary(file: file, byteOffset: base + min(p, bytes.count), message: "header: \(message)")
    }

    mutating func skipSpace() {
        while p < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[p]) { p += 1 }
    }

    mutating func expect(_ c: UInt8) throws {
        skipSpace()
        guard p < bytes.count, bytes[p] == c else {
            throw bad("expected '\(Character(Unicode.Scalar(c)))'\(p < bytes.count ? "" : ", found the end of the header")")
        }
        p += 1
    }

    mutating func parseString() throws -> String {
        skipSpace()
        guard p < bytes.count, bytes[p] == 0x27 || bytes[p] == 0x22 else { throw bad("expected a quoted string") }
        let quote = bytes[p]
        p += 1
        let start = p
        while p < bytes.count, bytes[p] != quote {
            if bytes[p] == 0x5C { throw bad("escape sequences are not supported in header strings") }
            p += 1
        }
        guard p < bytes.count else { throw bad("unterminated string") }
        let s = String(decoding: bytes[start..<p], as: UTF8.self)
        p += 1
        return s
    }

    mutating func parseValue() throws -> Value {
        skipSpace()
        guard p < bytes.count else { throw bad("expected a value, found the end of the header") }
        switch bytes[p] {
        case 0x27, 0x22: return .string(try parseString())
        case 0x28:  // (
            p += 1
            var items: [Int] = []
            while true {
                skipSpace()
                guard p < bytes.count else { throw bad("unterminated tuple") }
                if bytes[p] == 0x29 { p += 1; break }
                let start = p
                while p < bytes.count, (0x30...0x39).contains(bytes[p]) { p += 1 }
                if p < bytes.count, bytes[p] == 0x4C { p += 1 }  // Python 2 long suffix (old files)
                let digits = bytes[start..<p].filter { $0 != 0x4C }
                guard !digits.isEmpty else { p = start; throw bad("expected a non-negative integer in the shape tuple") }
                guard digits.count <= 18, let v = Int(String(decoding: digits, as: UTF8.self)) else {
                    p = start
                    throw bad("shape dimension \(String(decoding: digits, as: UTF8.self)) is too large")
                }
                items.append(v)
                skipSpace()
                guard p < bytes.count else { throw bad("unterminated tuple") }
                if bytes[p] == 0x2C { p += 1; continue }
                if bytes[p] == 0x29 { p += 1; break }
                throw bad("expected ',' or ')' in the shape tuple")
            }
            return .tuple(items)
        default:
            for (word, value) in [("True", true), ("False", false)] where bytes[p...].starts(with: Array(word.utf8)) {
                p += word.utf8.count
                return .bool(value)
            }
            throw bad("expected a string, True, False or a tuple")
        }
    }

    /// `{key: value, ...}` followed only by white space.
    mutating func parseDict() throws -> [String: (value: Value, offset: Int)] {
        try expect(0x7B)
        var out: [String: (value: Value, offset: Int)] = [:]
        while true {
            skipSpace()
            guard p < bytes.count else { throw bad("unterminated dict (no closing '}')") }
            if bytes[p] == 0x7D { p += 1; break }
            let keyOffset = base + p
            let key = try parseString()
            guard out[key] == nil else { p = keyOffset - base; throw bad("key '\(key)' appears twice") }
            try expect(0x3A)
            skipSpace()
            let valueOffset = base + p
            out[key] = (try parseValue(), valueOffset)
            skipSpace()
            guard p < bytes.count else { throw bad("unterminated dict (no closing '}')") }
            if bytes[p] == 0x2C { p += 1; continue }
            if bytes[p] == 0x7D { p += 1; break }
            throw bad("expected ',' or '}' after the value of '\(key)'")
        }
        skipSpace()
        guard p == bytes.count else { throw bad("unexpected text after the closing '}'") }
        return out
    }
}
