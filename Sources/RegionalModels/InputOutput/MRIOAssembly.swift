import MatrixCore

/// The assembled multi-regional coefficients (MODEL.md §3).
public struct MRIOCoefficients: Sendable {
    public let dimensions: MRIODimensions
    /// `A` (`n × n`): block `[q, s]` = `A[qs]`, entry `((q,i), (s,j))`.
    public let a: Matrix
    /// `a_RoC[s][j]` per buying industry (length `n`): inputs bought from the rest of China per unit of output.
    public let restOfChina: [Double]

    public init(dimensions: MRIODimensions, a: Matrix, restOfChina: [Double]) {
        self.dimensions = dimensions
        self.a = a
        self.restOfChina = restOfChina
    }
}

/// How final demand at the consumer is routed to producers (MODEL.md §4).
public struct FinalDemandRouting: Sendable {
    public let dimensions: MRIODimensions
    /// `h[r→s, i]` as an `R × n` matrix (row `r` = producing region, column `k = s·S + i` = consumer
    /// industry); includes the own share on `r = s`.
    public let inside: Matrix
    /// The rest-of-China share of consumer industry `k` (length `n`). `Σ_r inside[r, k] + outside[k] = 1`.
    public let outside: [Double]

    public init(dimensions: MRIODimensions, inside: Matrix, outside: [Double]) {
        self.dimensions = dimensions
        self.inside = inside
        self.outside = outside
    }
}

/// One tradable industry whose interregional sales were scaled by the supply cap (MODEL.md §4).
public struct CappedIndustry: Sendable, Equatable {
    public let region: Int
    public let sector: Int
    /// The factor `φ ∈ [0, 1)` applied to its sales to other jurisdictions.
    public let phi: Double
    /// Intermediate plus local final sales before the cap.
    public let salesBefore: Double
    /// `(1 − ε)·x0 − EXw − inv`.
    public let cap: Double

    public init(region: Int, sector: Int, phi: Double, salesBefore: Double, cap: Double) {
        self.region = region
        self.sector = sector
        self.phi = phi
        self.salesBefore = salesBefore
        self.cap = cap
    }
}

/// The outcome of `applySupplyCap` (package access: a dense reference for tests).
package struct SupplyCapResult: Sendable {
    package let coefficients: MRIOCoefficients
    package let routing: FinalDemandRouting
    /// Every industry with `φ < 1`.
    package let capped: [CappedIndustry]
    /// Those with `φ < 0.5` (a warning MODEL.md §4 asks to list).
    package var warnings: [CappedIndustry] { capped.filter { $0.phi < InputOutput.supplyCapWarningFactor } }
}

extension InputOutput {
    /// Assembles the MRIO coefficients (MODEL.md §3), writing `A` directly into column-major storage:
    /// `A[ss] = own_s`, `A[qs][i, j] = t[q→s, i]·m[s][i, j]` for `q ≠ s`, with the remainder
    /// `m[s] = A_dom − A[ss]`, and `a_RoC[s][j] = Σ_i o[s, i]·m[s][i, j]`.
    /// - Parameters:
    ///   - aDomestic: `A_dom` (`S × S`).
    ///   - own: `A[ss]` per region (`R` matrices `S × S`, from `ownRegionCoefficients`).
    ///   - shares: Chenery–Moses shares.
    /// - Throws: `.negativeEntry` when an own coefficient exceeds `A_dom` (negative remainder).
    /// - Complexity: `n²` writes, one allocation for `A`.
    package static func assembleMRIO(
        domestic aDomestic: Matrix, own: [Matrix], shares: TradeShares
    ) throws -> MRIOCoefficients {
        let d = shares.dimensions, r = d.regions, s = d.sectors, n = d.industries
        guard aDomestic.rows == s, aDomestic.columns == s, own.count == r,
              own.allSatisfy({ $0.rows == s && $0.columns == s }) else {
            throw InputOutputError.dimensionMismatch(
                operation: "assembleMRIO", expected: "A_dom \(s)×\(s) and \(r) own blocks \(s)×\(s)",
                got: "A_dom \(aDomestic.rows)×\(aDomestic.columns), \(own.count) blocks")
        }
        var a = [Double](repeating: 0, count: n * n)
        var roc = [Double](repeating: 0, count: n)
        var remainder = [Double](repeating: 0, count: s)
        let t = shares.inside.storage, o = shares.outside, ad = aDomestic.storage
        for dest in 0..<r {
            let ownS = own[dest].storage
            for j in 0..<s {
                let col = dest * s + j
                for i in 0..<s {
                    let m = ad[i + j * s] - ownS[i + j * s]
                    if m < -remainderRoundingTolerance * Swift.max(ad[i + j * s], 1) {
                        throw InputOutputError.negativeEntry(
                            quantity: "remainder A_dom − A_ss of region \(dest + 1), column \(j + 1)", index: i, value: m)
                    }
                    remainder[i] = Swift.max(m, 0)
                }
                a.withUnsafeMutableBufferPointer { p in
                    let base = p.baseAddress! + col * n
                    for q in 0..<r {
                        let blk = base + q * s
                        if q == dest {
                            for i in 0..<s { blk[i] = ownS[i + j * s] }
                        } else {
                            for i in 0..<s { blk[i] = t[(dest * s + i) * r + q] * remainder[i] }
                        }
                    }
                }
                var out = 0.0
                for i in 0..<s { out += o[dest * s + i] * remainder[i] }
                roc[col] = out
            }
        }
        return MRIOCoefficients(dimensions: d, a: try Matrix(rows: n, columns: n, columnMajor: a), restOfChina: roc)
    }

    /// Column-closure residuals `Σ_q Σ_i A[qs][i, j] + a_RoC[s][j] + a_RoW[s][j] + v[s][j] − 1` (MODEL.md §3),
    /// one per industry: zero when every column closes.
    package static func columnClosureResiduals(
        a: Matrix, restOfChina: [Double], restOfWorld: [Double], valueAdded v: [Double]
    ) throws -> [Double] {
        let n = a.columns
        for (x, name) in [(restOfChina, "a_RoC"), (restOfWorld, "a_RoW"), (v, "v")] { try requireCount(x, n, "columnClosureResiduals", name) }
        let cs = a.columnSums
        var out = [Double](repeating: 0, count: n)
        for j in 0..<n {
            let inputs: Double = cs[j] + restOfChina[j]
            out[j] = inputs + restOfWorld[j] + v[j] - 1
        }
        return out
    }

    /// The routing of final demand (MODEL.md §4): `h[s→s, i] = own[s,i]`, `h[q→s, i] = (1 − own[s,i])·t[q→s, i]`,
    /// rest of China `(1 − own[s,i])·o[s, i]`. The own share is `min(SLQ·λ, 1)` for tradables and 1 for
    /// nontradables (see `finalDemandOwnShare`).
    public static func finalDemandRouting(ownShare: [Double], shares: TradeShares) throws -> FinalDemandRouting {
        let d = shares.dimensions, r = d.regions, n = d.industries
        try requireCount(ownShare, n, "finalDemandRouting", "own shares")
        try requireNonNegative(ownShare, "own share")
        if let k = ownShare.firstIndex(where: { $0 > 1 }) {
            throw InputOutputError.invalidParameter(name: "own share of industry \(k + 1)", value: ownShare[k], reason: "must be ≤ 1")
        }
        var h = shares.inside.storage
        var o = shares.outside
        for k in 0..<n {
            let rest = 1 - ownShare[k]
            for q in 0..<r { h[k * r + q] *= rest }
            h[k * r + k / d.sectors] = ownShare[k]
            o[k] *= rest
        }
        return FinalDemandRouting(dimensions: d, inside: try Matrix(rows: r, columns: n, columnMajor: h), outside: o)
    }

    /// The own share of local final demand: `min(SLQ[s,i]·λ[s], 1)`, or 1 for a nontradable sector (MODEL.md §4).
    public static func finalDemandOwnShare(slq: Double, lambda: Double, nontradable: Bool) -> Double {
        nontradable ? 1 : Swift.max(0, Swift.min(slq * lambda, 1))
    }

    /// Routes final demand located at the consumer to producers: `y_loc[(r,i), c] = Σ_s h[r→s, i]·F[(s,i), c]`
    /// for every category column `c` (MODEL.md §4).
    /// - Returns: `producers` (`n × K`, demand on circle producers) and `restOfChina` (`n × K`, the part of
    ///   consumer industry `(s,i)`'s demand bought from the rest of China).
    public static func routeFinalDemand(
        _ f: Matrix, routing: FinalDemandRouting
    ) throws -> (producers: Matrix, restOfChina: Matrix) {
        let d = routing.dimensions, r = d.regions, s = d.sectors, n = d.industries
        guard f.rows == n else {
            throw InputOutputError.dimensionMismatch(operation: "routeFinalDemand", expected: "\(n) rows", got: "\(f.rows)")
        }
        let k = f.columns
        var y = [Double](repeating: 0, count: n * k)
        var roc = [Double](repeating: 0, count: n * k)
        let h = routing.inside.storage, fs = f.storage
        for c in 0..<k {
            for consumer in 0..<n {
                let demand = fs[consumer + c * n]
                if demand == 0 { continue }
                let i = consumer % s
                for q in 0..<r { y[q * s + i + c * n] += h[consumer * r + q] * demand }
                roc[consumer + c * n] = routing.outside[consumer] * demand
            }
        }
        return (try Matrix(rows: n, columns: k, columnMajor: y), try Matrix(rows: n, columns: k, columnMajor: roc))
    }

    /// Exports to the rest of China as the residual `EXc = x0 − A·x0 − y_loc − EXw − inv` (MODEL.md §4).
    package static func exportsToRestOfChina(
        a: Matrix, grossOutput x0: [Double], localFinalDemand yLoc: [Double], exportsAbroad: [Double], inventory: [Double]
    ) throws -> [Double] {
        let n = a.rows
        for (v, name) in [(x0, "x0"), (yLoc, "y_loc"), (exportsAbroad, "EXw"), (inventory, "inv")] {
            try requireCount(v, n, "exportsToRestOfChina", name)
        }
        let ax = try wrappingMatrixErrors { try a.applied(to: x0) }
        var out = [Double](repeating: 0, count: n)
        for k in 0..<n {
            let sold: Double = ax[k] + yLoc[k]
            out[k] = x0[k] - sold - exportsAbroad[k] - inventory[k]
        }
        return out
    }

    /// The supply cap for tradables (MODEL.md §4), instead of clamping negative entries.
    ///
    /// For each tradable industry `(r,i)` with sales to other jurisdictions, sales are
    /// `own + other` with `own = Σ_j A[(r,i),(r,j)]·x0[r,j] + h[r→r,i]·F[r,i]` and
    /// `other = Σ_{s≠r} (Σ_j A[(r,i),(s,j)]·x0[s,j] + h[r→s,i]·F[s,i])`. When they exceed
    /// `cap = (1 − ε)·x0 − EXw − inv`, row `(r,i)` of every `A[rs]` and `h[r→s]` (`s ≠ r`) is scaled by
    /// `φ = max(0, (cap − own)/other)` and the removed mass moves to the buyers' rest-of-China share
    /// (`a_RoC[s][j] += (1−φ)·A[(r,i),(s,j)]`, `h_RoC[s,i] += (1−φ)·h[r→s,i]`), so columns still close.
    /// Scaling one row leaves every other row's sales unchanged, so one pass suffices (x0 is fixed).
    /// Afterwards `EXc ≥ ε·x0 ≥ 0` for every tradable.
    /// - Parameters:
    ///   - consumerDemand: local final demand at the consumer `F` summed over categories (length `n`).
    ///   - tradable: per sector.
    ///   - epsilon: `ε ∈ [0, 1)` (default 0.05).
    /// - Throws: `.ownUseAboveOutput` (bad `x0`), `.negativeEntry` / `.nonFinite` for bad inputs.
    package static func applySupplyCap(
        coefficients: MRIOCoefficients, routing: FinalDemandRouting, consumerDemand f: [Double],
        grossOutput x0: [Double], exportsAbroad: [Double], inventory: [Double], tradable: [Bool], epsilon: Double = 0.05
    ) throws -> SupplyCapResult {
        let d = coefficients.dimensions, r = d.regions, s = d.sectors, n = d.industries
        for (v, name) in [(f, "F"), (x0, "x0"), (exportsAbroad, "EXw"), (inventory, "inv")] {
            try requireCount(v, n, "applySupplyCap", name)
            try requireNonNegative(v, name)
        }
        guard tradable.count == s, routing.dimensions == d else {
            throw InputOutputError.dimensionMismatch(
                operation: "applySupplyCap", expected: "\(s) tradable flags, routing for the same dimensions",
                got: "\(tradable.count) flags")
        }
        guard epsilon >= 0, epsilon < 1 else {
            throw InputOutputError.invalidParameter(name: "ε", value: epsilon, reason: "must lie in [0, 1)")
        }
        try requireNonNegative(coefficients.a.storage, "A")
        try requireNonNegative(routing.inside.storage, "routing h")
        var a = coefficients.a.storage
        var roc = coefficients.restOfChina
        var h = routing.inside.storage
        var hRoC = routing.outside
        var capped: [CappedIndustry] = []
        for reg in 0..<r {
            for i in 0..<s where tradable[i] {
                let row = d.index(region: reg, sector: i)
                var own = h[row * r + reg] * f[row], other = 0.0
                for dest in 0..<r {
                    var sales = 0.0
                    for j in 0..<s {
                        let col = d.index(region: dest, sector: j)
                        sales += a[row + col * n] * x0[col]
                    }
                    if dest == reg { own += sales } else {
                        other += sales + h[d.index(region: dest, sector: i) * r + reg] * f[d.index(region: dest, sector: i)]
                    }
                }
                if own > x0[row] * (1 + ownUseRoundingTolerance) {
                    throw InputOutputError.ownUseAboveOutput(industry: row, ownUse: own, output: x0[row])
                }
                let cap = (1 - epsilon) * x0[row] - exportsAbroad[row] - inventory[row]
                guard other > 0, own + other > cap else { continue }
                let phi = Swift.max(0, (cap - own) / other)
                capped.append(CappedIndustry(region: reg, sector: i, phi: phi, salesBefore: own + other, cap: cap))
                for dest in 0..<r where dest != reg {
                    for j in 0..<s {
                        let col = d.index(region: dest, sector: j)
                        let old = a[row + col * n]
                        a[row + col * n] = phi * old
                        roc[col] += (1 - phi) * old
                    }
                    let consumer = d.index(region: dest, sector: i)
                    let old = h[consumer * r + reg]
                    h[consumer * r + reg] = phi * old
                    hRoC[consumer] += (1 - phi) * old
                }
            }
        }
        return SupplyCapResult(
            coefficients: MRIOCoefficients(dimensions: d, a: try Matrix(rows: n, columns: n, columnMajor: a), restOfChina: roc),
            routing: FinalDemandRouting(dimensions: d, inside: try Matrix(rows: r, columns: n, columnMajor: h), outside: hRoC),
            capped: capped)
    }
}
