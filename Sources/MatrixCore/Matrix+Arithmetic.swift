// Elementwise arithmetic. Shape mismatches at this public boundary throw, never trap.

extension Matrix {
    @inline(__always)
    private func requireSameShape(_ other: Matrix, _ op: String) throws {
        guard rows == other.rows, columns == other.columns else {
            throw MatrixError.dimensionMismatch(
                operation: op, expected: "\(rows)×\(columns)", got: "\(other.rows)×\(other.columns)")
        }
    }

    private func zipped(_ other: Matrix, _ f: (Double, Double) -> Double) -> Matrix {
        var out = self
        out.storage.withUnsafeMutableBufferPointer { o in
            other.storage.withUnsafeBufferPointer { b in
                for k in 0..<o.count { o[k] = f(o[k], b[k]) }
            }
        }
        return out
    }

    /// `A + B`.
    public static func + (lhs: Matrix, rhs: Matrix) throws -> Matrix {
        try lhs.requireSameShape(rhs, "+")
        return lhs.zipped(rhs, +)
    }

    /// `A − B`.
    public static func - (lhs: Matrix, rhs: Matrix) throws -> Matrix {
        try lhs.requireSameShape(rhs, "-")
        return lhs.zipped(rhs, -)
    }

    /// The elementwise (Hadamard) product `A ∘ B`.
    public func hadamard(_ other: Matrix) throws -> Matrix {
        try requireSameShape(other, "hadamard")
        return zipped(other, *)
    }

    /// The elementwise quotient `A ⊘ B` (division by zero gives ±inf or NaN; check with `requireFinite`).
    public func elementwiseDivided(by other: Matrix) throws -> Matrix {
        try requireSameShape(other, "elementwiseDivided")
        return zipped(other, /)
    }

    /// `α·A`.
    public static func * (lhs: Double, rhs: Matrix) -> Matrix { rhs.map { lhs * $0 } }
    /// `A·α`.
    public static func * (lhs: Matrix, rhs: Double) -> Matrix { lhs.map { $0 * rhs } }
    /// `−A`.
    public static prefix func - (m: Matrix) -> Matrix { m.map { -$0 } }

    /// `A + B` in place.
    public static func += (lhs: inout Matrix, rhs: Matrix) throws {
        try lhs.requireSameShape(rhs, "+=")
        try BLAS.axpy(1, rhs.storage, &lhs.storage)
    }

    /// `A − B` in place.
    public static func -= (lhs: inout Matrix, rhs: Matrix) throws {
        try lhs.requireSameShape(rhs, "-=")
        try BLAS.axpy(-1, rhs.storage, &lhs.storage)
    }

    /// The matrix with `f` applied to every entry.
    public func map(_ f: (Double) -> Double) -> Matrix {
        var out = self
        out.storage.withUnsafeMutableBufferPointer { o in for k in 0..<o.count { o[k] = f(o[k]) } }
        return out
    }

    /// `σI − A` for a square `A`, formed in `A`'s own storage: every entry negated, then `σ` added on the
    /// diagonal (in that order, so the result is the same bits wherever it is formed). `σ = 1` gives the
    /// Leontief matrix `I − A`; a larger `σ` the shifted matrix of inverse iteration. When the caller hands
    /// over its only reference (`consume`), no second `n × n` buffer is allocated (copy-on-write otherwise).
    /// The one place the project forms `I − A`.
    public static func identityMinus(_ a: consuming Matrix, scaledBy sigma: Double = 1) -> Matrix {
        precondition(a.isSquare, "identityMinus: A must be square, got \(a.rows)×\(a.columns)")
        var m = a
        let n = m.rows
        m.withUnsafeMutableStorage { p in
            for k in 0..<(n * n) { p[k] = -p[k] }
            for i in 0..<n { p[i + i * n] += sigma }
        }
        return m
    }

    /// `A` scaled column by column: `A·diag(d)`.
    public func scalingColumns(by d: [Double]) throws -> Matrix {
        guard d.count == columns else {
            throw MatrixError.dimensionMismatch(operation: "scalingColumns", expected: "\(columns)", got: "\(d.count)")
        }
        var out = self
        for j in 0..<columns { for i in 0..<rows { out.storage[i + j * rows] *= d[j] } }
        return out
    }

    /// `A` scaled row by row: `diag(d)·A`.
    public func scalingRows(by d: [Double]) throws -> Matrix {
        guard d.count == rows else {
            throw MatrixError.dimensionMismatch(operation: "scalingRows", expected: "\(rows)", got: "\(d.count)")
        }
        var out = self
        for j in 0..<columns { for i in 0..<rows { out.storage[i + j * rows] *= d[i] } }
        return out
    }
}
