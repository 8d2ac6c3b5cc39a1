/// A dense matrix of `Double` in column-major order, with value semantics.
///
/// Entry `(i, j)` lives at `storage[i + j * rows]`, the layout BLAS and LAPACK expect, so the core
/// passes storage to them without copying. Copies are copy-on-write (the storage is a Swift array).
public struct Matrix: Sendable, Equatable {
    /// Number of rows.
    public let rows: Int
    /// Number of columns.
    public let columns: Int
    /// Entries in column-major order: `storage[i + j * rows]` is entry `(i, j)`.
    public internal(set) var storage: [Double]

    /// A `rows × columns` matrix with every entry equal to `value`.
    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        precondition(rows >= 0 && columns >= 0, "Matrix: negative dimension")
        self.rows = rows
        self.columns = columns
        self.storage = Array(repeating: value, count: rows * columns)
    }

    /// A matrix over existing column-major storage.
    /// - Throws: `MatrixError.dimensionMismatch` when `columnMajor.count != rows * columns`.
    public init(rows: Int, columns: Int, columnMajor: [Double]) throws {
        guard rows >= 0, columns >= 0, columnMajor.count == rows * columns else {
            throw MatrixError.dimensionMismatch(
                operation: "Matrix(rows:columns:columnMajor:)", expected: "\(rows * columns) entries",
                got: "\(columnMajor.count)")
        }
        self.rows = rows
        self.columns = columns
        self.storage = columnMajor
    }

    /// A matrix from rows written as nested arrays: `Matrix([[1, 2], [3, 4]])`.
    /// - Throws: `MatrixError.dimensionMismatch` for ragged rows.
    public init(_ rowArrays: [[Double]]) throws {
        let m = rowArrays.count
        let n = rowArrays.first?.count ?? 0
        for (i, row) in rowArrays.enumerated() where row.count != n {
            throw MatrixError.dimensionMismatch(
                operation: "Matrix(_:)", expected: "\(n) entries in row \(i + 1)", got: "\(row.count)")
        }
        var s = [Double](repeating: 0, count: m * n)
        for i in 0..<m { for j in 0..<n { s[i + j * m] = rowArrays[i][j] } }
        self.rows = m
        self.columns = n
        self.storage = s
    }

    /// A column vector (`count × 1`).
    public init(column values: [Double]) {
        self.rows = values.count
        self.columns = 1
        self.storage = values
    }

    /// The `rows × columns` zero matrix.
    public static func zeros(_ rows: Int, _ columns: Int) -> Matrix { Matrix(rows: rows, columns: columns) }

    /// The `n × n` identity.
    public static func identity(_ n: Int) -> Matrix {
        var m = Matrix(rows: n, columns: n)
        for i in 0..<n { m.storage[i + i * n] = 1 }
        return m
    }

    /// The square matrix with `values` on its diagonal (`diag(values)`).
    public static func diagonal(_ values: [Double]) -> Matrix {
        let n = values.count
        var m = Matrix(rows: n, columns: n)
        for i in 0..<n { m.storage[i + i * n] = values[i] }
        return m
    }

    /// Calls `body` with mutable access to the column-major storage, for loops that fill a large matrix
    /// in place without per-element bounds checks or copies. `body` must not change the count.
    public mutating func withUnsafeMutableStorage<R>(
        _ body: (inout UnsafeMutableBufferPointer<Double>) throws -> R
    ) rethrows -> R {
        try storage.withUnsafeMutableBufferPointer(body)
    }

    /// `(rows, columns)`.
    public var shape: (rows: Int, columns: Int) { (rows, columns) }
    /// True when `rows == columns`.
    public var isSquare: Bool { rows == columns }

    /// Entry `(i, j)`, 0-based. Out-of-range indices are a programming error (precondition).
    public subscript(_ i: Int, _ j: Int) -> Double {
        get {
            precondition(i >= 0 && i < rows && j >= 0 && j < columns, "Matrix index out of range")
            return storage[i + j * rows]
        }
        set {
            precondition(i >= 0 && i < rows && j >= 0 && j < columns, "Matrix index out of range")
            storage[i + j * rows] = newValue
        }
    }

    /// Column `j` as an array.
    public func column(_ j: Int) -> [Double] {
        precondition(j >= 0 && j < columns, "Matrix column out of range")
        return Array(storage[(j * rows)..<((j + 1) * rows)])
    }

    /// Replaces column `j`.
    /// - Throws: `MatrixError.dimensionMismatch` when `values.count != rows`.
    public mutating func setColumn(_ j: Int, to values: [Double]) throws {
        guard values.count == rows, j >= 0, j < columns else {
            throw MatrixError.dimensionMismatch(
                operation: "setColumn", expected: "\(rows) values, column < \(columns)",
                got: "\(values.count) values, column \(j)")
        }
        storage.replaceSubrange((j * rows)..<((j + 1) * rows), with: values)
    }

    /// Row `i` as an array.
    public func row(_ i: Int) -> [Double] {
        precondition(i >= 0 && i < rows, "Matrix row out of range")
        return (0..<columns).map { storage[i + $0 * rows] }
    }

    /// The sub-matrix with the given row and column ranges.
    /// - Throws: `MatrixError.dimensionMismatch` when a range leaves the matrix.
    public func block(rows r: Range<Int>, columns c: Range<Int>) throws -> Matrix {
        guard r.lowerBound >= 0, r.upperBound <= rows, c.lowerBound >= 0, c.upperBound <= columns else {
            throw MatrixError.dimensionMismatch(
                operation: "block", expected: "within \(rows)×\(columns)", got: "rows \(r), columns \(c)")
        }
        var out = Matrix(rows: r.count, columns: c.count)
        out.storage.withUnsafeMutableBufferPointer { dst in
            storage.withUnsafeBufferPointer { src in
                for (jj, j) in c.enumerated() {
                    let s = src.baseAddress! + (r.lowerBound + j * rows)
                    (dst.baseAddress! + jj * r.count).update(from: s, count: r.count)
                }
            }
        }
        return out
    }

    /// Writes `block` into this matrix with its top-left corner at `(row, column)`.
    /// - Throws: `MatrixError.dimensionMismatch` when the block does not fit.
    public mutating func setBlock(at row: Int, _ column: Int, to block: Matrix) throws {
        guard row >= 0, column >= 0, row + block.rows <= rows, column + block.columns <= columns else {
            throw MatrixError.dimensionMismatch(
                operation: "setBlock", expected: "fits in \(rows)×\(columns)",
                got: "\(block.rows)×\(block.columns) at (\(row), \(column))")
        }
        let m = rows
        storage.withUnsafeMutableBufferPointer { dst in
            block.storage.withUnsafeBufferPointer { src in
                for j in 0..<block.columns {
                    (dst.baseAddress! + (row + (column + j) * m))
                        .update(from: src.baseAddress! + j * block.rows, count: block.rows)
                }
            }
        }
    }

    /// `Aᵀ`, blocked for cache reuse.
    public var transposed: Matrix {
        var t = Matrix(rows: columns, columns: rows)
        let m = rows, n = columns, bs = 32
        t.storage.withUnsafeMutableBufferPointer { dst in
            storage.withUnsafeBufferPointer { src in
                var jb = 0
                while jb < n {
                    var ib = 0
                    while ib < m {
                        for j in jb..<min(jb + bs, n) {
                            for i in ib..<min(ib + bs, m) { dst[j + i * n] = src[i + j * m] }
                        }
                        ib += bs
                    }
                    jb += bs
                }
            }
        }
        return t
    }

    /// The first NaN or infinite entry, as `(row, column, value)`, or nil when all are finite.
    public var firstNonFinite: (row: Int, column: Int, value: Double)? {
        storage.withUnsafeBufferPointer { p in
            for k in 0..<p.count where !p[k].isFinite { return (k % max(rows, 1), k / max(rows, 1), p[k]) }
            return nil
        }
    }

    /// Throws `MatrixError.nonFinite` naming `operation` if any entry is NaN or infinite.
    public func requireFinite(_ operation: String) throws {
        if let bad = firstNonFinite {
            throw MatrixError.nonFinite(operation: operation, row: bad.row, column: bad.column, value: bad.value)
        }
    }

    /// Sum of each column: `1ᵀA`.
    public var columnSums: [Double] {
        (0..<columns).map { j in
            var s = 0.0
            for i in 0..<rows { s += storage[i + j * rows] }
            return s
        }
    }

    /// Sum of each row: `A·1`.
    public var rowSums: [Double] {
        var s = [Double](repeating: 0, count: rows)
        for j in 0..<columns { for i in 0..<rows { s[i] += storage[i + j * rows] } }
        return s
    }
}

extension Matrix: CustomStringConvertible {
    public var description: String {
        var lines: [String] = ["Matrix \(rows)×\(columns)"]
        for i in 0..<min(rows, 8) {
            let cells = (0..<min(columns, 8)).map { String(self[i, $0]) }
            lines.append("  [" + cells.joined(separator: ", ") + (columns > 8 ? ", …]" : "]"))
        }
        if rows > 8 { lines.append("  …") }
        return lines.joined(separator: "\n")
    }
}
