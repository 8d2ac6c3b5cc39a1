import Foundation
import MatrixCore

/// A numeric table with row and column labels, read from CSV (see README.md in this folder).
public struct LabelledMatrix: Sendable, Equatable {
    /// One label per row (label columns joined with `:`).
    public let rowLabels: [String]
    /// One label per data column (header rows joined with `:`).
    public let columnLabels: [String]
    /// The values, `rowLabels.count × columnLabels.count`.
    public let values: Matrix
    /// The file it came from (for diagnostics).
    public let file: String
    /// 1-based line number of each data row in the file (for diagnostics).
    public let rowLines: [Int]

    public init(rowLabels: [String], columnLabels: [String], values: Matrix, file: String = "", rowLines: [Int]? = nil) {
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
        self.values = values
        self.file = file
        self.rowLines = rowLines ?? (0..<rowLabels.count).map { $0 + 1 }
    }
}

/// A problem with a table file, located by file, line and column (1-based; column counts every cell,
/// label cells included), or for a binary `.npy` file by byte offset.
public enum MRIOTableError: Error, Equatable, Sendable, CustomStringConvertible {
    case missingFile(file: String)
    case unreadable(file: String, reason: String)
    case malformed(file: String, line: Int, column: Int, message: String)
    case inconsistent(file: String, line: Int?, column: Int?, message: String)
    /// A problem in a binary (`.npy`) file, at a byte offset from the start of the file.
    case malformedBinary(file: String, byteOffset: Int, message: String)

    public var description: String {
        switch self {
        case let .missingFile(f): return "\(f): file not found"
        case let .unreadable(f, reason): return "\(f): cannot read: \(reason)"
        case let .malformed(f, l, c, m): return "\(f):\(l):\(c): \(m)"
        case let .malformedBinary(f, o, m): return "\(f): byte \(o): \(m)"
        case let .inconsistent(f, l, c, m):
            var loc = f
            if let l { loc += ":\(l)" }
            if let c { loc += ":\(c)" }
            return "\(loc): \(m)"
        }
    }
}

/// Reads and writes labelled numeric CSV quickly (bytes + `strtod`, no per-cell `String`).
public enum LabelledCSV {
    /// Reads a labelled numeric table.
    ///
    /// Layout: comma- or tab-separated (detected from the first line); one or more header rows, then data
    /// rows. The number of leading label columns is 1 plus the number of empty cells that follow the first
    /// cell of the first line (pandas writes `region,,R01,…` for a two-level index). Header rows are the
    /// first line and the lines after it whose first data cell is a label (not a number, not empty) or
    /// whose data cells are all empty; their cells are joined with `:` into
    /// column labels, and rows whose data cells are all empty (pandas' index-name row) are skipped. Label
    /// cells of a data row are joined with `:`. Cells may be double-quoted. Numbers are parsed with `strtod`
    /// and must be finite; an empty data cell is an error.
    /// - Throws: `MRIOTableError` with file, line and column.
    public static func read(_ url: URL) throws -> LabelledMatrix {
        let name = url.path
        guard FileManager.default.fileExists(atPath: name) else { throw MRIOTableError.missingFile(file: name) }
        if let size = (try? FileManager.default.attributesOfItem(atPath: name))?[.size] as? Int, size > maxFileBytes {
            throw MRIOTableError.unreadable(
                file: name, reason: "the file is \(size) bytes, over the limit of \(maxFileBytes) bytes (2 GiB) for a table file")
        }
        var bytes: [UInt8]
        do { bytes = [UInt8](try Data(contentsOf: url)) } catch {
            throw MRIOTableError.unreadable(file: name, reason: "\(error)")
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }  // UTF-8 BOM
        bytes.append(0)
        return try bytes.withUnsafeBufferPointer { try parse($0, file: name) }
    }

    /// Largest table file read: 2 GiB (a 1848-industry table, 44 places × 42 sectors, is about 60 MB).
    public static let maxFileBytes = 2 << 30

    private static func splitCells(_ line: Slice<UnsafeBufferPointer<UInt8>>, _ sep: UInt8) -> [String] {
        var cells: [String] = []
        var cur: [UInt8] = []
        var quoted = false
        var i = line.startIndex
        while i < line.endIndex {
            let c = line[i]
            if quoted {
                if c == 0x22 {
                    if i + 1 < line.endIndex && line[i + 1] == 0x22 { cur.append(0x22); i += 1 } else { quoted = false }
                } else { cur.append(c) }
            } else if c == 0x22 && cur.isEmpty {
                quoted = true
            } else if c == sep {
                cells.append(String(decoding: cur, as: UTF8.self).trimmingCharacters(in: .whitespaces)); cur = []
            } else { cur.append(c) }
            i += 1
        }
        cells.append(String(decoding: cur, as: UTF8.self).trimmingCharacters(in: .whitespaces))
        return cells
    }

    private static func isNumber(_ s: String) -> Bool {
        guard !s.isEmpty else { return false }
        return s.withCString { p -> Bool in
            var end: UnsafeMutablePointer<CChar>? = nil
            _ = strtod(p, &end)
            return end != nil && end! != UnsafeMutablePointer(mutating: p) && end!.pointee == 0
        }
    }

    private static func parse(_ buf: UnsafeBufferPointer<UInt8>, file: String) throws -> LabelledMatrix {
        let lines = lineRanges(buf)
        guard !lines.starts.isEmpty else { throw MRIOTableError.malformed(file: file, line: 1, column: 1, message: "empty file") }
        let first = buf[lines.starts[0]..<lines.ends[0]]
        let sep: UInt8 = (first.contains(0x09) && !first.contains(0x2C)) ? 0x09 : 0x2C
        let firstCells = splitCells(first, sep)
        var labelColumns = 1
        while labelColumns < firstCells.count && firstCells[labelColumns].isEmpty && !firstCells[0].isEmpty { labelColumns += 1 }
        let (headerRows, dataStart) = readHeaderRows(buf, lines, sep: sep, labelColumns: labelColumns)
        let columnLabels = try joinColumnLabels(headerRows, labelColumns: labelColumns, file: file)
        let rows = DataRows(buf: buf, starts: lines.starts, ends: lines.ends, sep: sep, labelColumns: labelColumns,
                            nc: columnLabels.count, file: file)
        let data = try rows.read(from: dataStart)
        return LabelledMatrix(
            rowLabels: data.rowLabels, columnLabels: columnLabels,
            values: try Matrix(rows: data.rowLabels.count, columns: columnLabels.count, columnMajor: data.columnMajor),
            file: file, rowLines: data.rowLines)
    }

    /// The byte range of each line (without its LF or CRLF) of `buf`, whose last byte is the trailing NUL;
    /// trailing blank lines are dropped.
    private static func lineRanges(_ buf: UnsafeBufferPointer<UInt8>) -> (starts: [Int], ends: [Int]) {
        let count = buf.count - 1  // trailing NUL
        var lineStarts: [Int] = []
        var lineEnds: [Int] = []
        var p = 0
        while p < count {
            var e = p
            while e < count && buf[e] != 0x0A { e += 1 }
            var end = e
            if end > p && buf[end - 1] == 0x0D { end -= 1 }
            lineStarts.append(p); lineEnds.append(end)
            p = e + 1
        }
        // Drop trailing blank lines.
        while let last = lineEnds.last, let s = lineStarts.last, last == s { lineEnds.removeLast(); lineStarts.removeLast() }
        return (lineStarts, lineEnds)
    }

    /// The cells of the header rows (the first line and the lines after it whose first data cell is a label
    /// or whose data cells are all empty), and the index of the first data line.
    private static func readHeaderRows(
        _ buf: UnsafeBufferPointer<UInt8>, _ lines: (starts: [Int], ends: [Int]), sep: UInt8, labelColumns: Int
    ) -> (rows: [[String]], dataStart: Int) {
        var headerRows: [[String]] = []
        var line = 0
        while line < lines.starts.count {
            let cells = splitCells(buf[lines.starts[line]..<lines.ends[line]], sep)
            if line > 0 && cells.count > labelColumns {
                // A header row has a label in its first data cell, or no data at all (pandas' index-name row);
                // anything else (a number, or an empty cell followed by data) starts the data.
                let firstData = cells[labelColumns]
                let allEmpty = cells[labelColumns...].allSatisfy { $0.isEmpty }
                if isNumber(firstData) || (firstData.isEmpty && !allEmpty) { break }
            }
            headerRows.append(cells)
            line += 1
        }
        return (headerRows, line)
    }

    /// One label per data column: the non-empty cells of the header rows in that column, joined with `:`.
    /// - Throws: when there are no header rows, no data columns, or a column without a label.
    private static func joinColumnLabels(_ headerRows: [[String]], labelColumns: Int, file: String) throws -> [String] {
        guard !headerRows.isEmpty else {
            throw MRIOTableError.malformed(file: file, line: 1, column: 1, message: "no header row with column labels")
        }
        let width = headerRows[0].count
        guard width > labelColumns else {
            throw MRIOTableError.malformed(file: file, line: 1, column: labelColumns + 1, message: "no data columns in the header")
        }
        var columnLabels: [String] = []
        for c in labelColumns..<width {
            let parts = headerRows.compactMap { c < $0.count && !$0[c].isEmpty ? $0[c] : nil }
            columnLabels.append(parts.joined(separator: ":"))
        }
        if let k = columnLabels.firstIndex(where: { $0.isEmpty }) {
            throw MRIOTableError.malformed(file: file, line: 1, column: labelColumns + k + 1, message: "empty column label")
        }
        return columnLabels
    }
}

/// The data rows of a labelled table, read in place: label cells become strings, numbers are parsed with
/// `strtod` straight from the buffer (it ends with a NUL, and every cell is followed by a separator, CR, LF
/// or the NUL, at which `strtod` stops).
private struct DataRows {
    let buf: UnsafeBufferPointer<UInt8>
    let starts: [Int]
    let ends: [Int]
    let sep: UInt8
    let labelColumns: Int
    /// Data cells per row (the number of column labels).
    let nc: Int
    let file: String

    /// Reads lines `dataStart...` (blank lines skipped) into row labels, line numbers and column-major values:
    /// each number is stored at its place in the matrix as it is parsed (the values are held once).
    func read(from dataStart: Int) throws -> (rowLabels: [String], rowLines: [Int], columnMajor: [Double]) {
        let dataLines = (dataStart..<starts.count).filter { starts[$0] != ends[$0] }
        let nr = dataLines.count
        let cells = nr.multipliedReportingOverflow(by: nc)
        let budget = ProcessInfo.processInfo.physicalMemory / 2
        if cells.overflow || UInt64(cells.partialValue) > budget / 8 {
            throw MRIOTableError.malformed(
                file: file, line: dataStart + 1, column: 1,
                message: "\(nr) rows × \(nc) columns need more than half of this machine's memory (\(budget >> 20) MiB)")
        }
        var rowLabels: [String] = []
        var rowLines: [Int] = []
        rowLabels.reserveCapacity(nr)
        rowLines.reserveCapacity(nr)
        var columnMajor = [Double](repeating: 0, count: cells.partialValue)
        try columnMajor.withUnsafeMutableBufferPointer { out in
            try buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buf.count) { base in
                for (i, l) in dataLines.enumerated() {
                    let (label, q) = try readLabel(line: l, start: starts[l], end: ends[l])
                    try readNumbers(line: l, from: q, end: ends[l], base: base, into: out, row: i, rows: nr)
                    rowLabels.append(label)
                    rowLines.append(l + 1)
                }
            }
        }
        return (rowLabels, rowLines, columnMajor)
    }

    /// The label cells of line `l` (unquoted, trimmed, the non-empty ones joined with `:`) and the offset of
    /// its first data cell.
    func readLabel(line l: Int, start: Int, end: Int) throws -> (label: String, dataStart: Int) {
        var q = start
        var labels: [String] = []
        for c in 0..<labelColumns {
            var cellEnd = q
            var quoted = false
            while cellEnd < end && (quoted || buf[cellEnd] != sep) {
                if buf[cellEnd] == 0x22 { quoted.toggle() }
                cellEnd += 1
            }
            var cell = String(decoding: UnsafeBufferPointer(rebasing: buf[q..<cellEnd]), as: UTF8.self).trimmingCharacters(in: .whitespaces)
            if cell.hasPrefix("\"") && cell.hasSuffix("\"") && cell.count >= 2 {
                cell = String(cell.dropFirst().dropLast()).replacingOccurrences(of: "\"\"", with: "\"")
            }
            if !cell.isEmpty { labels.append(cell) }
            guard cellEnd < end else {
                throw MRIOTableError.malformed(
                    file: file, line: l + 1, column: c + 1, message: "row has no data cells (expected \(nc))")
            }
            q = cellEnd + 1
        }
        return (labels.joined(separator: ":"), q)
    }

    /// Parses the `nc` data cells of line `l`, starting at offset `q`, into row `i` of the column-major `out`
    /// (`rows` rows: cell `c` goes to `out[i + c·rows]`).
    /// - Throws: for an empty cell, text that is not a number, a non-finite value, or too few or too many cells.
    func readNumbers(
        line l: Int, from start: Int, end: Int, base: UnsafePointer<CChar>,
        into out: UnsafeMutableBufferPointer<Double>, row i: Int, rows: Int
    ) throws {
        var q = start
        for c in 0..<nc {
            let cellStart = base + q
            var endPtr: UnsafeMutablePointer<CChar>? = nil
            // strtod skips leading white space, newlines included: an empty cell must not reach it.
            let firstByte = q < end ? buf[q] : 0x0A
            let v = (firstByte == sep || firstByte == 0x0A || firstByte == 0x0D) ? Double.nan : strtod(cellStart, &endPtr)
            if endPtr == nil { endPtr = UnsafeMutablePointer(mutating: cellStart) }
            var stop = UnsafePointer(endPtr!) - base
            while stop < end && (buf[stop] == 0x20) { stop += 1 }
            let column = labelColumns + c + 1
            if UnsafePointer(endPtr!) == cellStart || (stop < end && buf[stop] != sep) || (stop > end) {
                throw notANumber(line: l, column: column, cellStart: q, end: end)
            }
            guard v.isFinite else {
                throw MRIOTableError.malformed(file: file, line: l + 1, column: column, message: "non-finite value \(v)")
            }
            out[i + c * rows] = v
            if c < nc - 1 {
                guard stop < end else {
                    throw MRIOTableError.malformed(
                        file: file, line: l + 1, column: column + 1, message: "row has \(c + 1) data cells, header has \(nc)")
                }
                q = stop + 1
            } else if stop < end {
                throw MRIOTableError.malformed(
                    file: file, line: l + 1, column: column + 1, message: "row has more than \(nc) data cells")
            }
        }
    }

    /// The error for a data cell (from `cellStart` to the next separator) that is empty or not a number.
    func notANumber(line l: Int, column: Int, cellStart q: Int, end: Int) -> MRIOTableError {
        var cellEnd = q
        while cellEnd < end && buf[cellEnd] != sep { cellEnd += 1 }
        let text = String(decoding: UnsafeBufferPointer(rebasing: buf[q..<cellEnd]), as: UTF8.self)
        return MRIOTableError.malformed(
            file: file, line: l + 1, column: column,
            message: text.isEmpty ? "empty cell (expected a number)" : "not a number: \"\(text)\"")
    }
}
