// Matrix norms and approximate equality.

extension Matrix {
    /// `‖A‖₁ = max_j Σ_i |a_ij|`, the largest absolute column sum; NaN when any entry is NaN.
    public var oneNorm: Double {
        var best = 0.0
        storage.withUnsafeBufferPointer { p in
            for j in 0..<columns {
                var s = 0.0
                for i in 0..<rows { s += abs(p[i + j * rows]) }
                if s.isNaN { best = s; return }
                best = Swift.max(best, s)
            }
        }
        return best
    }

    /// `‖A‖∞ = max_i Σ_j |a_ij|`, the largest absolute row sum.
    public var infinityNorm: Double {
        var sums = [Double](repeating: 0, count: rows)
        storage.withUnsafeBufferPointer { p in
            for j in 0..<columns { for i in 0..<rows { sums[i] += abs(p[i + j * rows]) } }
        }
        return sums.max() ?? 0
    }

    /// `‖A‖_F = sqrt(Σ a_ij²)`, computed by `dnrm2` (no overflow for large entries).
    public var frobeniusNorm: Double { BLAS.nrm2(storage) }

    /// The largest absolute entry, `max |a_ij|`.
    public var maxAbs: Double { storage.reduce(0) { Swift.max($0, abs($1)) } }

    /// True when shapes agree and `‖A − B‖_F ≤ absoluteTolerance + relativeTolerance · max(‖A‖_F, ‖B‖_F)`.
    ///
    /// The default tolerances (`1e-12` relative, `0` absolute) suit results of a few BLAS-3 operations on
    /// well-conditioned data; state your own where a result went through a solve with a large condition number.
    public func isApproximatelyEqual(
        to other: Matrix, relativeTolerance: Double = 1e-12, absoluteTolerance: Double = 0
    ) -> Bool {
        guard rows == other.rows, columns == other.columns else { return false }
        guard let diff = try? self - other else { return false }
        let scale = Swift.max(frobeniusNorm, other.frobeniusNorm)
        return diff.frobeniusNorm <= absoluteTolerance + relativeTolerance * scale
    }
}
