/// The spectral radius of a non-negative square matrix, with a rigorous bracket.
public struct SpectralRadiusEstimate: Sendable, Equatable {
    /// The estimate, the midpoint of the bracket.
    public let value: Double
    /// Collatz–Wielandt lower bound: `min_i (A·v)_i / v_i ≤ ρ(A)` for the final positive `v`.
    public let lowerBound: Double
    /// Collatz–Wielandt upper bound: `ρ(A) ≤ max_i (A·v)_i / v_i`.
    public let upperBound: Double
    /// Iterations used.
    public let iterations: Int
}

extension Matrix {
    /// `max_j Σ_i a_ij`, the largest column sum: for a non-negative matrix it equals `‖A‖₁` and bounds
    /// the spectral radius from above (`ρ(A) ≤ ‖A‖₁`). O(n²), no iteration.
    public var largestColumnSum: Double { columnSums.max() ?? 0 }

    /// The Perron root `ρ(A)` of a non-negative matrix by power iteration on the shifted matrix `A + I`.
    ///
    /// Shifting by `I` makes the Perron root strictly dominant even for periodic (imprimitive) matrices,
    /// and keeps the iterate positive, so that the Collatz–Wielandt quotients
    /// `min_i ((A+I)v)_i / v_i ≤ ρ(A) + 1 ≤ max_i ((A+I)v)_i / v_i` bracket the answer at every step.
    /// Iteration stops when the bracket's width is at most `tolerance · max(upper, 1e-300)`.
    ///
    /// - Parameters:
    ///   - tolerance: relative width of the bracket at which to stop (default `1e-10`).
    ///   - maxIterations: cap on iterations (default 10,000; each costs one `dgemv`, `2n²` flops).
    /// - Throws: `.dimensionMismatch` (not square), `.nonFinite`, `.negativeEntry`, `.notConverged` when the
    ///   cap is reached (the error carries the bracket width; `largestColumnSum` remains a valid bound).
    /// - Reference: Meyer, *Matrix Analysis and Applied Linear Algebra* (2000), §8.3 (Collatz–Wielandt).
    public func spectralRadius(tolerance: Double = 1e-10, maxIterations: Int = 10_000) throws -> SpectralRadiusEstimate {
        guard isSquare else {
            throw MatrixError.dimensionMismatch(operation: "spectralRadius", expected: "square", got: "\(rows)×\(columns)")
        }
        try requireFinite("spectralRadius")
        if let k = storage.firstIndex(where: { $0 < 0 }) {
            throw MatrixError.negativeEntry(operation: "spectralRadius", row: k % rows, column: k / rows, value: storage[k])
        }
        let n = rows
        guard n > 0 else { return SpectralRadiusEstimate(value: 0, lowerBound: 0, upperBound: 0, iterations: 0) }
        var v = [Double](repeating: 1.0 / Double(n).squareRoot(), count: n)
        var w = [Double](repeating: 0, count: n)
        var lo = 0.0, hi = Double.infinity
        for it in 1...maxIterations {
            w = v
            try gemv(v, alpha: 1, beta: 1, into: &w)  // w = (A + I)·v
            lo = Double.infinity; hi = 0
            for i in 0..<n {
                let q = w[i] / v[i]
                lo = Swift.min(lo, q); hi = Swift.max(hi, q)
            }
            let scale = BLAS.nrm2(w)
            for i in 0..<n { v[i] = Swift.max(w[i] / scale, Double.leastNormalMagnitude) }
            let lower = Swift.max(lo - 1, 0), upper = hi - 1
            if upper - lower <= tolerance * Swift.max(upper, 1e-300) || upper <= 0 {
                return SpectralRadiusEstimate(
                    value: (lower + upper) / 2, lowerBound: lower, upperBound: upper, iterations: it)
            }
        }
        throw MatrixError.notConverged(operation: "spectralRadius", iterations: maxIterations, residual: hi - lo)
    }
}

extension Matrix {
    /// A rigorous bracket of the Perron root of a non-negative matrix after a fixed number of shifted power
    /// iterations (`iterations` `dgemv`s): `lowerBound ≤ ρ(A) ≤ upperBound` always holds, however wide the
    /// bracket still is; the upper bound is also capped by the largest column sum. For a cheap diagnostic
    /// where `spectralRadius(tolerance:maxIterations:)` could take thousands of iterations.
    public func perronBracket(iterations: Int = 100) throws -> SpectralRadiusEstimate {
        guard isSquare else {
            throw MatrixError.dimensionMismatch(operation: "perronBracket", expected: "square", got: "\(rows)×\(columns)")
        }
        if let k = storage.firstIndex(where: { $0 < 0 || !$0.isFinite }) {
            throw MatrixError.negativeEntry(operation: "perronBracket", row: k % rows, column: k / rows, value: storage[k])
        }
        return try Self.perronBracket(order: rows, upperBound: largestColumnSum, iterations: iterations) { v, w in
            try gemv(v, alpha: 1, beta: 1, into: &w)
        }
    }

    /// `perronBracket` for a non-negative matrix given as an operator: `step(v, &w)` must set
    /// `w ← (A + I)·v` (with `w` holding `v` on entry); `upperBound` is any known bound on `ρ(A)` (e.g. the
    /// largest column sum). Same iteration and bracket as the matrix form.
    public static func perronBracket(
        order n: Int, upperBound: Double, iterations: Int = 100, step: ([Double], inout [Double]) throws -> Void
    ) throws -> SpectralRadiusEstimate {
        guard n > 0 else { return SpectralRadiusEstimate(value: 0, lowerBound: 0, upperBound: 0, iterations: 0) }
        var v = [Double](repeating: 1.0 / Double(n).squareRoot(), count: n)
        var w = v
        var lo = 0.0, hi = upperBound
        for _ in 0..<max(iterations, 1) {
            w = v
            try step(v, &w)
            var l = Double.infinity, h = 0.0
            for i in 0..<n { let q = w[i] / v[i]; l = Swift.min(l, q); h = Swift.max(h, q) }
            lo = Swift.max(lo, l - 1); hi = Swift.min(hi, h - 1)
            let scale = BLAS.nrm2(w)
            for i in 0..<n { v[i] = Swift.max(w[i] / scale, Double.leastNormalMagnitude) }
            if hi - lo <= 1e-12 * hi { break }
        }
        return SpectralRadiusEstimate(value: (lo + hi) / 2, lowerBound: lo, upperBound: hi, iterations: iterations)
    }
}
