import MatrixCore

/// The Chenery–Moses MRIO coefficient matrix `A` (MODEL.md §3) as an operator, never formed.
///
/// `A[(q,i),(s,j)] = f·own_s[i,j]` on the diagonal blocks (`q = s`) and
/// `A[(q,i),(s,j)] = f·φ[q,i]·t[q→s,i]·m_s[i,j]` off them, with the remainder `m_s = A_dom − own_s`, the
/// Chenery–Moses shares `t`, the stored supply-cap factors `φ` on the rows of capped industries (1
/// elsewhere) and the input-saving factor `f`. So
///
///     (A·x)[(q,i)] = f·( (own_q·x_q)[i] + φ[q,i]·Σ_{s≠q} t[q→s,i]·(m_s·x_s)[i] ),
///
/// `2·R` small products `own_s·x_s`, `m_s·x_s` (BLAS, `S × S`) and one `R × R` pass per sector:
/// `O(R·S² + R²·S)` work and memory instead of `n² = R²·S²` (at 42 × 42: 0.15 M multiply–adds against 3.1 M,
/// and 30 KB of blocks against a 25 MB matrix). `dense()` builds the same `A` entry for entry as
/// `InputOutput.assembleMRIO` followed by the caps and `f`, in the same floating-point order.
public struct CheneryMosesOperator: Sendable {
    public let dimensions: MRIODimensions
    /// `own_s` side by side: `S × (R·S)`, column-major (block `s` starts at column `s·S`).
    let ownBlocks: [Double]
    /// `m_s = max(A_dom − own_s, 0)` side by side, as `ownBlocks`.
    let remainderBlocks: [Double]
    /// `t[q→s,i]` at `(s·S + i)·R + q` (the storage of `TradeShares.inside`).
    let shares: [Double]
    /// `φ[q,i]` at `q·S + i`.
    var rowScale: [Double]
    /// `f`.
    public let scale: Double

    /// The fixed part of the operator: `own_s` and `m_s = max(A_dom − own_s, 0)` side by side, checked
    /// once (they do not change from year to year; only shares, caps and `f` do).
    public struct Blocks: Sendable {
        public let dimensions: MRIODimensions
        let own: [Double]
        let remainder: [Double]

        /// - Throws: `.dimensionMismatch`; `.negativeEntry` when an own coefficient exceeds `A_dom`.
        public init(domestic aDomestic: Matrix, own: [Matrix]) throws {
            let r = own.count, s = aDomestic.rows
            guard aDomestic.columns == s, own.allSatisfy({ $0.rows == s && $0.columns == s }) else {
                throw InputOutputError.dimensionMismatch(
                    operation: "CheneryMosesOperator", expected: "A_dom \(s)×\(s) and \(r) own blocks \(s)×\(s)",
                    got: "A_dom \(aDomestic.rows)×\(aDomestic.columns), blocks \(own.map { "\($0.rows)×\($0.columns)" }.first ?? "none")")
            }
            var ownBlocks = [Double](repeating: 0, count: s * s * r), remainder = ownBlocks
            let ad = aDomestic.storage
            for dest in 0..<r {
                let o = own[dest].storage
                for j in 0..<s {
                    for i in 0..<s {
                        let m = ad[i + j * s] - o[i + j * s]
                        if m < -InputOutput.remainderRoundingTolerance * Swift.max(ad[i + j * s], 1) {
                            throw InputOutputError.negativeEntry(
                                quantity: "remainder A_dom − A_ss of region \(dest + 1), column \(j + 1)", index: i, value: m)
                        }
                        ownBlocks[i + (dest * s + j) * s] = o[i + j * s]
                        remainder[i + (dest * s + j) * s] = Swift.max(m, 0)
                    }
                }
            }
            dimensions = MRIODimensions(regions: r, sectors: s)
            self.own = ownBlocks
            self.remainder = remainder
        }
    }

    /// - Parameters:
    ///   - aDomestic: `A_dom` (`S × S`).
    ///   - own: `own_s` per region.
    ///   - shares: Chenery–Moses shares.
    ///   - capped: industries whose sales to other jurisdictions are scaled by `φ` (the stored supply caps).
    ///   - scale: `f`, the input-saving factor.
    /// - Throws: `.dimensionMismatch`; `.negativeEntry` when an own coefficient exceeds `A_dom`.
    public init(
        domestic aDomestic: Matrix, own: [Matrix], shares: TradeShares, capped: [CappedIndustry] = [], scale: Double = 1
    ) throws {
        try self.init(blocks: Blocks(domestic: aDomestic, own: own), shares: shares, capped: capped, scale: scale)
    }

    /// The operator on blocks built once (the per-year form: no `S × S × R` copies).
    public init(blocks: Blocks, shares: TradeShares, capped: [CappedIndustry] = [], scale: Double = 1) throws {
        let d = shares.dimensions
        guard blocks.dimensions == d else {
            throw InputOutputError.dimensionMismatch(
                operation: "CheneryMosesOperator", expected: "blocks for \(d.regions) × \(d.sectors)",
                got: "\(blocks.dimensions.regions) × \(blocks.dimensions.sectors)")
        }
        guard scale.isFinite, scale >= 0 else {
            throw InputOutputError.invalidParameter(name: "input-saving factor f", value: scale, reason: "must be finite and ≥ 0")
        }
        var phi = [Double](repeating: 1, count: d.industries)
        for c in capped { phi[d.index(region: c.region, sector: c.sector)] = c.phi }
        self.dimensions = d
        self.ownBlocks = blocks.own
        self.remainderBlocks = blocks.remainder
        self.shares = shares.inside.storage
        self.rowScale = phi
        self.scale = scale
    }

    /// `A[row, column]`.
    public func entry(row: Int, column: Int) -> Double {
        let s = dimensions.sectors, r = dimensions.regions
        let q = row / s, i = row % s, dest = column / s
        if q == dest { return ownBlocks[i + column * s] * scale }
        return rowScale[row] * (shares[(dest * s + i) * r + q] * remainderBlocks[i + column * s]) * scale
    }

    /// `Σ_i Σ_j A[(from,i), (to,j)]·x[to,j]`: what region `to`'s output `x` buys from region `from` as inputs, in
    /// `O(S²)` (the remainder block of `to` applied once, then the shares), not `S²` entry lookups.
    public func interRegionalPurchases(from q: Int, to dest: Int, output x: [Double]) -> Double {
        let s = dimensions.sectors, r = dimensions.regions
        precondition(x.count == dimensions.industries && (0..<r).contains(q) && (0..<r).contains(dest))
        var total = 0.0
        let block = q == dest ? ownBlocks : remainderBlocks
        for i in 0..<s {
            var m = 0.0
            for j in 0..<s { m += block[i + (dest * s + j) * s] * x[dest * s + j] }
            total += (q == dest ? 1 : rowScale[q * s + i] * shares[(dest * s + i) * r + q]) * m
        }
        return total * scale
    }

    /// `A` as a dense `n × n` matrix (for reference mode, tests and exports): `n²` writes.
    public func dense() -> Matrix {
        let d = dimensions, r = d.regions, s = d.sectors, n = d.industries
        var a = [Double](repeating: 0, count: n * n)
        a.withUnsafeMutableBufferPointer { p in
            for dest in 0..<r {
                for j in 0..<s {
                    let col = dest * s + j
                    let base = p.baseAddress! + col * n
                    for q in 0..<r {
                        let blk = base + q * s
                        if q == dest {
                            for i in 0..<s { blk[i] = ownBlocks[i + col * s] }
                        } else {
                            for i in 0..<s {
                                blk[i] = rowScale[q * s + i] * (shares[(dest * s + i) * r + q] * remainderBlocks[i + col * s])
                            }
                        }
                    }
                    if scale != 1 { for k in 0..<n { base[k] *= scale } }
                }
            }
        }
        return try! Matrix(rows: n, columns: n, columnMajor: a)  // n·n values by construction
    }

    /// Column sums of `A` (`1ᵀ·A`), without forming it.
    public var columnSums: [Double] {
        let d = dimensions, r = d.regions, s = d.sectors
        var out = [Double](repeating: 0, count: d.industries)
        for dest in 0..<r {
            // pull[i] = Σ_{q≠dest} φ[q,i]·t[q→dest,i]
            var pull = [Double](repeating: 0, count: s)
            for i in 0..<s {
                let t = (dest * s + i) * r
                var acc = 0.0
                for q in 0..<r where q != dest { acc += rowScale[q * s + i] * shares[t + q] }
                pull[i] = acc
            }
            for j in 0..<s {
                let col = dest * s + j
                var sum = 0.0
                for i in 0..<s { sum += ownBlocks[i + col * s] + pull[i] * remainderBlocks[i + col * s] }
                out[col] = sum * scale
            }
        }
        return out
    }

    /// Scratch for `apply`: `n·K + R·S` doubles for `K` columns.
    public static func scratchCount(dimensions d: MRIODimensions, columns k: Int) -> Int { d.industries * k + d.regions * d.sectors }

    /// `Y ← A·X` for the `K` columns of `X` (`n × K`, column-major, leading dimension `n`); with `includeOwn: false`,
    /// only the inter-regional part `A − f·blockdiag(own_s)` (what block-Jacobi preconditioning leaves to the solver).
    ///
    /// `scratch` holds at least `scratchCount(dimensions:columns:)` doubles. No allocation.
    public func apply(
        _ x: UnsafePointer<Double>, columns k: Int, into y: UnsafeMutablePointer<Double>, scratch: UnsafeMutablePointer<Double>,
        includeOwn: Bool = true
    ) {
        let d = dimensions, r = d.regions, s = d.sectors, n = d.industries
        guard n > 0, k > 0 else { return }
        let w = scratch, acc = scratch + n * k  // acc[i·R + q]
        ownBlocks.withUnsafeBufferPointer { own in
            remainderBlocks.withUnsafeBufferPointer { rem in
                for reg in 0..<r {
                    let blockOffset = reg * s * s
                    if includeOwn {
                        BLAS.gemmBlock(m: s, n: k, k: s, own.baseAddress! + blockOffset, lda: s, x + reg * s, ldb: n, into: y + reg * s, ldc: n)
                    }
                    BLAS.gemmBlock(m: s, n: k, k: s, rem.baseAddress! + blockOffset, lda: s, x + reg * s, ldb: n, into: w + reg * s, ldc: n)
                }
                if !includeOwn { for c in 0..<k { (y + c * n).update(repeating: 0, count: n) } }
            }
        }
        shares.withUnsafeBufferPointer { tp in
            rowScale.withUnsafeBufferPointer { phi in
                let t = tp.baseAddress!
                for c in 0..<k {
                    let wc = w + c * n, yc = y + c * n
                    acc.update(repeating: 0, count: r * s)
                    for dest in 0..<r {
                        for i in 0..<s {
                            let v = wc[dest * s + i]
                            if v == 0 { continue }
                            let tc = t + (dest * s + i) * r, a = acc + i * r
                            for q in 0..<dest { a[q] += tc[q] * v }
                            for q in (dest + 1)..<r { a[q] += tc[q] * v }
                        }
                    }
                    for q in 0..<r {
                        for i in 0..<s {
                            let row = q * s + i
                            yc[row] = (yc[row] + phi[row] * acc[i * r + q]) * scale
                        }
                    }
                }
            }
        }
    }

    /// `y ← A·x` or `y ← Aᵀ·x` for one column (`apply` or `applyTransposed`; `includeOwn` as there).
    public func product(
        _ x: UnsafePointer<Double>, into y: UnsafeMutablePointer<Double>, scratch: UnsafeMutablePointer<Double>, transposed: Bool,
        includeOwn: Bool = true
    ) {
        if transposed {
            applyTransposed(x, columns: 1, into: y, scratch: scratch, includeOwn: includeOwn)
        } else {
            apply(x, columns: 1, into: y, scratch: scratch, includeOwn: includeOwn)
        }
    }

    /// `A·X` as a new matrix (convenience; allocates).
    public func applied(to x: Matrix) throws -> Matrix {
        let n = dimensions.industries
        guard x.rows == n else {
            throw InputOutputError.dimensionMismatch(operation: "CheneryMosesOperator.applied", expected: "\(n) rows", got: "\(x.rows)")
        }
        var out = [Double](repeating: 0, count: n * x.columns)
        var scratch = [Double](repeating: 0, count: Self.scratchCount(dimensions: dimensions, columns: x.columns))
        x.storage.withUnsafeBufferPointer { xp in
            out.withUnsafeMutableBufferPointer { op in
                scratch.withUnsafeMutableBufferPointer { sp in
                    apply(xp.baseAddress!, columns: x.columns, into: op.baseAddress!, scratch: sp.baseAddress!)
                }
            }
        }
        return try Matrix(rows: n, columns: x.columns, columnMajor: out)
    }

    /// The inverses of the diagonal blocks of `I − A`, `(I − f·own_s)⁻¹` side by side (`S × (R·S)`): the
    /// block-Jacobi preconditioner of `LeontiefOperatorSolver`. Each block is a small strictly column
    /// diagonally dominant M-matrix (column sums of `own_s` below 1), factored by LU; the inverse is formed
    /// because it is applied many times as a preconditioner, whose accuracy does not limit the solution
    /// (GMRES checks the true residual).
    public func blockJacobiInverses() throws -> [Double] {
        let d = dimensions, r = d.regions, s = d.sectors
        var out = [Double](repeating: 0, count: s * s * r)
        for reg in 0..<r {
            var block = [Double](repeating: 0, count: s * s)  // f·own_s
            for k in 0..<(s * s) { block[k] = scale * ownBlocks[k + reg * s * s] }
            let ownScaled = try Matrix(rows: s, columns: s, columnMajor: block)
            let inv = try LUFactorization(factoring: Matrix.identityMinus(ownScaled)).inverse()
            for k in 0..<(s * s) { out[reg * s * s + k] = inv.storage[k] }
        }
        return out
    }
}

extension CheneryMosesOperator {
    /// `Y ← Aᵀ·X` for the `K` columns of `X`:
    /// `(Aᵀ·z)[(s,j)] = f·( (own_sᵀ·z_s)[j] + (m_sᵀ·u_s)[j] )`, `u_s[i] = Σ_{q≠s} φ[q,i]·t[q→s,i]·z[(q,i)]`.
    /// `scratch` as for `apply`; `includeOwn: false` leaves out the `own_sᵀ` term (the inter-regional part). No allocation.
    public func applyTransposed(
        _ x: UnsafePointer<Double>, columns k: Int, into y: UnsafeMutablePointer<Double>, scratch: UnsafeMutablePointer<Double>,
        includeOwn: Bool = true
    ) {
        let d = dimensions, r = d.regions, s = d.sectors, n = d.industries
        guard n > 0, k > 0 else { return }
        let u = scratch, z = scratch + n * k  // z[i·R + q] = φ[q,i]·x[q,i]: contiguous in q for the dot products
        shares.withUnsafeBufferPointer { tp in
            rowScale.withUnsafeBufferPointer { phi in
                for c in 0..<k {
                    let xc = x + c * n, uc = u + c * n
                    for q in 0..<r { for i in 0..<s { z[i * r + q] = phi[q * s + i] * xc[q * s + i] } }
                    for dest in 0..<r {
                        for i in 0..<s {
                            let tc = tp.baseAddress! + (dest * s + i) * r, zi = z + i * r
                            var acc = 0.0
                            for q in 0..<dest { acc += tc[q] * zi[q] }
                            for q in (dest + 1)..<r { acc += tc[q] * zi[q] }
                            uc[dest * s + i] = acc
                        }
                    }
                }
            }
        }
        if !includeOwn { for c in 0..<k { (y + c * n).update(repeating: 0, count: n) } }  // not left to BLAS's β = 0 with NaN
        ownBlocks.withUnsafeBufferPointer { own in
            remainderBlocks.withUnsafeBufferPointer { rem in
                for reg in 0..<r {
                    let o = reg * s * s
                    if includeOwn {
                        BLAS.gemmBlock(m: s, n: k, k: s, own.baseAddress! + o, lda: s, transposeA: true, x + reg * s, ldb: n,
                                       into: y + reg * s, ldc: n)
                    }
                    BLAS.gemmBlock(m: s, n: k, k: s, rem.baseAddress! + o, lda: s, transposeA: true, u + reg * s, ldb: n,
                                   beta: 1, into: y + reg * s, ldc: n)
                }
            }
        }
        if scale != 1 { for c in 0..<k { for t in 0..<n { y[c * n + t] *= scale } } }
    }

    /// The diagonal entries `A[k, k]`.
    public var diagonal: [Double] {
        let s = dimensions.sectors
        return (0..<dimensions.industries).map { k in ownBlocks[(k % s) + k * s] * scale }
    }

    /// `‖I − A‖₁ = max_j (1 − a_jj + Σ_{i≠j} a_ij)` for non-negative `A` with `a_jj < 1`.
    public var leontiefOneNorm: Double {
        zip(columnSums, diagonal).map { 1 + $0 - 2 * $1 }.max() ?? 0
    }

    /// The rest-of-China input coefficients `a_RoC` per buying industry (MODEL.md §3): the outside share of
    /// the remainder, `Σ_i o[s,i]·m_s[i,j]`, plus what the caps moved there,
    /// `Σ_{q≠s} Σ_i (1 − φ[q,i])·t[q→s,i]·m_s[i,j]`; times `f`.
    public func restOfChinaCoefficients(outside o: [Double]) throws -> [Double] {
        let d = dimensions, r = d.regions, s = d.sectors
        guard o.count == d.industries else {
            throw InputOutputError.dimensionMismatch(operation: "restOfChinaCoefficients", expected: "\(d.industries)", got: "\(o.count)")
        }
        // Per destination, the outside weight of each input i, `o[s,i] + Σ_{q≠s} (1 − φ[q,i])·t[q→s,i]`, then one
        // S × S pass with the remainder block: O(R²·S + R·S²) instead of O(R²·S²).
        var out = [Double](repeating: 0, count: d.industries)
        var weight = [Double](repeating: 0, count: s)
        for dest in 0..<r {
            for i in 0..<s {
                var w = o[dest * s + i]
                for q in 0..<r where q != dest {
                    let phi = rowScale[q * s + i]
                    if phi != 1 { w += (1 - phi) * shares[(dest * s + i) * r + q] }
                }
                weight[i] = w
            }
            for j in 0..<s {
                let col = dest * s + j
                var sum = 0.0
                for i in 0..<s { sum += weight[i] * remainderBlocks[i + col * s] }
                out[col] = sum * scale
            }
        }
        return out
    }

    /// The same operator with supply-cap factors `φ` for `capped` (others keep theirs).
    public func capping(_ capped: [CappedIndustry]) -> CheneryMosesOperator {
        var copy = self
        var phi = rowScale
        for c in capped { phi[dimensions.index(region: c.region, sector: c.sector)] = c.phi }
        copy.rowScale = phi
        return copy
    }

    /// The supply cap of `InputOutput.applySupplyCap` (MODEL.md §4) on the operator: the factor `φ` of
    /// every industry among `rows` whose sales exceed `cap = (1 − ε)·x0 − EXw − inv`, from its own sales
    /// `Σ_j own[i,j]·x0[r,j] + h[r→r,i]·F[r,i]` and its sales to other jurisdictions
    /// `Σ_{s≠r} (φ·t[r→s,i]·(m_s·x0_s)[i] + h[r→s,i]·F[s,i])`. Returns the capped industries; apply them
    /// with `capping(_:)` and `TradeBuilder`-style routing scaling. The returned `φ` is the row's total factor
    /// (its current `φ` times the new one), so `capping(_:)` sets it.
    public func supplyCaps(
        routing: FinalDemandRouting, consumerDemand f: [Double], grossOutput x0: [Double], exportsAbroad: [Double],
        inventory: [Double], tradable: [Bool], epsilon: Double
    ) throws -> [CappedIndustry] {
        let d = dimensions, r = d.regions, s = d.sectors, n = d.industries
        for (v, name) in [(f, "F"), (x0, "x0"), (exportsAbroad, "EXw"), (inventory, "inv")] {
            try requireCount(v, n, "supplyCaps", name)
            try requireNonNegative(v, name)
        }
        guard tradable.count == s, routing.dimensions == d else {
            throw InputOutputError.dimensionMismatch(
                operation: "supplyCaps", expected: "\(s) tradable flags, routing for the same dimensions", got: "\(tradable.count) flags")
        }
        guard epsilon >= 0, epsilon < 1 else {
            throw InputOutputError.invalidParameter(name: "ε", value: epsilon, reason: "must lie in [0, 1)")
        }
        // w_s = m_s·x0_s and the own-block products, per region.
        var w = [Double](repeating: 0, count: n), ownSales = w
        for reg in 0..<r {
            for j in 0..<s {
                let xj = x0[reg * s + j]
                if xj == 0 { continue }
                for i in 0..<s {
                    w[reg * s + i] += remainderBlocks[i + (reg * s + j) * s] * xj
                    ownSales[reg * s + i] += ownBlocks[i + (reg * s + j) * s] * xj
                }
            }
        }
        let h = routing.inside.storage
        var capped: [CappedIndustry] = []
        for reg in 0..<r {
            for i in 0..<s where tradable[i] {
                let row = reg * s + i
                var other = 0.0
                for dest in 0..<r where dest != reg {
                    let consumer = dest * s + i
                    other += rowScale[row] * shares[consumer * r + reg] * w[consumer] * scale + h[consumer * r + reg] * f[consumer]
                }
                let ownTotal = ownSales[row] * scale + h[row * r + reg] * f[row]
                if ownTotal > x0[row] * (1 + InputOutput.ownUseRoundingTolerance) {
                    throw InputOutputError.ownUseAboveOutput(industry: row, ownUse: ownTotal, output: x0[row])
                }
                let cap = (1 - epsilon) * x0[row] - exportsAbroad[row] - inventory[row]
                guard other > 0, ownTotal + other > cap else { continue }
                let phi = Swift.max(0, (cap - ownTotal) / other) * rowScale[row]
                capped.append(CappedIndustry(region: reg, sector: i, phi: phi, salesBefore: ownTotal + other, cap: cap))
            }
        }
        return capped
    }
}
