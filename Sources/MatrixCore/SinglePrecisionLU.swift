/// An LU factorisation of `A` rounded to single precision (`sgetrf`), to be used **only as a
/// preconditioner** of an iteration carried out in double precision that checks the true residual
/// (GMRES, iterative refinement): half the memory traffic of `dgetrf`/`dgetrs` and about twice the speed,
/// while its solves are accurate only to about `1e-7·κ(A)`. Never a substitute for `LUFactorization`.
public struct SinglePrecisionLU: Sendable {
    public let order: Int
    let factors: [Float]
    let pivots: [Int32]

    /// Rounds `a` to `Float` and factors it with `sgetrf`.
    /// - Throws: `.dimensionMismatch` for a non-square matrix, `.nonFinite` (also for entries beyond the
    ///   `Float` range), `.singular(pivot:)` when a pivot is exactly zero in single precision.
    public init(factoring a: Matrix) throws {
        guard a.isSquare else {
            throw MatrixError.dimensionMismatch(operation: "SinglePrecisionLU", expected: "a square matrix", got: "\(a.rows)×\(a.columns)")
        }
        let n = a.rows
        var f = [Float](repeating: 0, count: n * n)
        try a.storage.withUnsafeBufferPointer { src in
            for k in 0..<(n * n) {
                let v = Float(src[k])
                guard v.isFinite else {
                    throw MatrixError.nonFinite(operation: "SinglePrecisionLU", row: k % n, column: k / n, value: src[k])
                }
                f[k] = v
            }
        }
        _lapackeDisableNaNCheck()
        var ipiv = [Int32](repeating: 0, count: n)
        if n > 0 {
            let info = f.withUnsafeMutableBufferPointer { ap in
                ipiv.withUnsafeMutableBufferPointer { _sgetrf(m: n, n: n, a: ap.baseAddress!, lda: n, ipiv: $0.baseAddress!) }
            }
            if info < 0 { throw MatrixError.illegalArgument(routine: "sgetrf", argument: Int(-info)) }
            if info > 0 { throw MatrixError.singular(pivot: Int(info)) }
        }
        order = n
        factors = f
        pivots = ipiv
    }

    /// `B ← A⁻¹·B` approximately (single-precision solve of every column at once; `B` stays `Double`).
    public func solveInPlace(_ b: inout Matrix, transposed: Bool = false) throws {
        guard b.rows == order else {
            throw MatrixError.dimensionMismatch(operation: "SinglePrecisionLU.solveInPlace", expected: "\(order) rows", got: "\(b.rows)")
        }
        let count = b.rows * b.columns
        guard count > 0 else { return }
        var x = [Float](repeating: 0, count: count)
        b.storage.withUnsafeBufferPointer { p in for k in 0..<count { x[k] = Float(p[k]) } }
        let info = factors.withUnsafeBufferPointer { fp in
            pivots.withUnsafeBufferPointer { ip in
                x.withUnsafeMutableBufferPointer { xp in
                    _sgetrs(transposed: transposed, n: order, nrhs: b.columns, a: fp.baseAddress!, lda: order,
                            ipiv: ip.baseAddress!, b: xp.baseAddress!, ldb: order)
                }
            }
        }
        if info < 0 { throw MatrixError.illegalArgument(routine: "sgetrs", argument: Int(-info)) }
        b.withUnsafeMutableStorage { p in for k in 0..<count { p[k] = Double(x[k]) } }
    }
}
