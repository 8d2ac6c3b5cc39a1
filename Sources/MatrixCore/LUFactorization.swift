import Foundation

/// The LU factorisation `P·A = L·U` of a square matrix, with partial pivoting, ready to solve.
///
/// Factor once, solve many times: `solve` reuses the factors for any number of right-hand sides and
/// costs `2n²` flops per column, against `2n³/3` for the factorisation. The inverse is never formed
/// unless `inverse()` is asked for explicitly.
///
/// ```swift
/// let lu = try LUFactorization(factoring: leontiefMatrix)
/// let output = try lu.solve(finalDemand)
/// ```
/// LAPACK routines: `dgetrf` (factor), `dgetrs` (solve), `dgecon` (condition), `dgetri` (inverse).
/// Reference: Golub & Van Loan, *Matrix Computations* (4th ed.), §3.4.
public struct LUFactorization: Sendable {
    /// The order `n` of the factored matrix.
    public let order: Int
    /// `L` (unit lower, below the diagonal) and `U` (on and above), as `dgetrf` leaves them.
    public let factors: Matrix
    /// The row interchanges of `dgetrf`, 1-based: row `i` was swapped with row `pivots[i]`.
    public let pivots: [Int32]
    /// `‖A‖₁` of the factored matrix, kept for the condition estimate.
    public let oneNormOfA: Double

    /// Factors `a` with `dgetrf`.
    /// - Throws: `MatrixError.dimensionMismatch` for a non-square matrix, `.nonFinite` for NaN or infinity,
    ///   `.singular(pivot:)` when a pivot is exactly zero, `.illegalArgument` for a negative `info`.
    /// - Complexity: `2n³/3` flops.
    public init(factoring a: consuming Matrix) throws {
        guard a.isSquare else {
            throw MatrixError.dimensionMismatch(
                operation: "LUFactorization", expected: "a square matrix", got: "\(a.rows)×\(a.columns)")
        }
        // One pass gives ‖A‖₁ and the finiteness check: a column's absolute sum is finite iff its entries are
        // (or it overflowed, which is equally unusable).
        let norm = a.oneNorm
        if !norm.isFinite { try a.requireFinite("LUFactorization") }
        _lapackeDisableNaNCheck()
        let n = a.rows
        var f = a
        var ipiv = [Int32](repeating: 0, count: n)
        if n > 0 {
            let info = f.storage.withUnsafeMutableBufferPointer { ap in
                ipiv.withUnsafeMutableBufferPointer { _dgetrf(m: n, n: n, a: ap.baseAddress!, lda: n, ipiv: $0.baseAddress!) }
            }
            if info < 0 { throw MatrixError.illegalArgument(routine: "dgetrf", argument: Int(-info)) }
            if info > 0 { throw MatrixError.singular(pivot: Int(info)) }
        }
        self.order = n
        self.factors = f
        self.pivots = ipiv
        self.oneNormOfA = norm
    }

    /// Solves `A·X = B` (or `Aᵀ·X = B` when `transposed`) for every column of `B` at once.
    /// - Throws: `MatrixError.dimensionMismatch` when `B` has the wrong number of rows, `.nonFinite` for
    ///   NaN or infinity in `B`.
    /// - Complexity: `2n²` flops per column. The corresponding C function is `LAPACKE_dgetrs`.
    public func solve(_ b: Matrix, transposed: Bool = false) throws -> Matrix {
        var x = b
        try solveInPlace(&x, transposed: transposed)
        return x
    }

    /// Solves in place: `B ← A⁻¹·B` (or `A⁻ᵀ·B`), avoiding a copy of a large right-hand side.
    public func solveInPlace(_ b: inout Matrix, transposed: Bool = false) throws {
        guard b.rows == order else {
            throw MatrixError.dimensionMismatch(
                operation: "LUFactorization.solve", expected: "\(order) rows", got: "\(b.rows)")
        }
        try b.requireFinite("LUFactorization.solve")
        guard order > 0, b.columns > 0 else { return }
        let n = order, nrhs = b.columns
        let info = factors.storage.withUnsafeBufferPointer { fp in
            pivots.withUnsafeBufferPointer { pp in
                b.storage.withUnsafeMutableBufferPointer { bp in
                    _dgetrs(
                        transposed: transposed, n: n, nrhs: nrhs, a: fp.baseAddress!, lda: n,
                        ipiv: pp.baseAddress!, b: bp.baseAddress!, ldb: n)
                }
            }
        }
        if info < 0 { throw MatrixError.illegalArgument(routine: "dgetrs", argument: Int(-info)) }
    }

    /// Solves `A·x = b` for one right-hand side.
    public func solve(_ b: [Double]) throws -> [Double] {
        var m = Matrix(column: b)
        try solveInPlace(&m)
        return m.storage
    }

    /// Solves `Aᵀ·x = b` for one right-hand side (multipliers are one such solve).
    public func solveTransposed(_ b: [Double]) throws -> [Double] {
        var m = Matrix(column: b)
        try solveInPlace(&m, transposed: true)
        return m.storage
    }

    /// An estimate of `1/κ₁(A) = 1/(‖A‖₁·‖A⁻¹‖₁)` from the factors, without forming `A⁻¹`.
    /// Near 0 means nearly singular; about `1e-16` means singular to working precision.
    /// - Complexity: `O(n²)`. The corresponding C function is `LAPACKE_dgecon`.
    public func reciprocalConditionNumber() throws -> Double {
        guard order > 0 else { return 1 }
        var rcond = 0.0
        let n = order
        let anorm = oneNormOfA
        let info = factors.storage.withUnsafeBufferPointer {
            _dgecon(n: n, a: $0.baseAddress!, lda: n, anorm: anorm, rcond: &rcond)
        }
        if info < 0 { throw MatrixError.illegalArgument(routine: "dgecon", argument: Int(-info)) }
        return rcond
    }

    /// `ln |det A| = Σ ln |u_ii|`, which does not overflow where `det A` would.
    public var logAbsDeterminant: Double {
        var s = 0.0
        for i in 0..<order { s += log(abs(factors.storage[i + i * order])) }
        return s
    }

    /// The sign of `det A` (±1): the signs of `U`'s diagonal times `(−1)^(row interchanges)`.
    public var determinantSign: Double {
        var sign = 1.0
        for i in 0..<order {
            if Int(pivots[i]) != i + 1 { sign = -sign }
            if factors.storage[i + i * order] < 0 { sign = -sign }
        }
        return sign
    }

    /// The explicit inverse `A⁻¹`, from the factors with `dgetri`.
    ///
    /// Almost never what a model needs: `solve` is faster (no `n³` extra work) and more accurate.
    /// Offered for users who must inspect `L = (I − A)⁻¹` entry by entry.
    /// - Complexity: `4n³/3` flops. The corresponding C function is `LAPACKE_dgetri`.
    public func inverse() throws -> Matrix {
        var inv = factors
        let n = order
        guard n > 0 else { return inv }
        let info = inv.storage.withUnsafeMutableBufferPointer { ap in
            pivots.withUnsafeBufferPointer { _dgetri(n: n, a: ap.baseAddress!, lda: n, ipiv: $0.baseAddress!) }
        }
        if info < 0 { throw MatrixError.illegalArgument(routine: "dgetri", argument: Int(-info)) }
        if info > 0 { throw MatrixError.singular(pivot: Int(info)) }
        return inv
    }
}
