import Foundation
import MatrixCore

/// The shape of a multi-regional system: `R` regions × `S` sectors, industries ordered region-major,
/// `k = r·S + i` (the order of `region:sector` labels R01:S01, R01:S02, …, R02:S01, …).
///
/// Per-industry vectors (`[Double]` of length `n = R·S`) use this index throughout: masses `M[q,i]`,
/// outside pulls `E[s,i]`, output `x0[r,i]`, own shares, …
public struct MRIODimensions: Sendable, Equatable {
    /// `R`.
    public let regions: Int
    /// `S`.
    public let sectors: Int
    /// `n = R·S`.
    public var industries: Int { regions * sectors }

    public init(regions: Int, sectors: Int) {
        precondition(regions >= 0 && sectors >= 0, "MRIODimensions: negative size")
        self.regions = regions
        self.sectors = sectors
    }

    /// `r·S + i`.
    @inline(__always) public func index(region r: Int, sector i: Int) -> Int { r * sectors + i }
}

/// Which location quotient regionalises the domestic coefficients (MODEL.md §3).
public enum LocationQuotientMethod: Sendable, Equatable {
    /// Simple LQ: `min(SLQ_i, 1)` for every buyer `j` (Miller & Blair §8.3.1).
    case slq
    /// Cross-industry LQ: `min(SLQ_i/SLQ_j, 1)`, diagonal `min(SLQ_i, 1)` (M&B §8.3).
    case cilq
    /// Flegg's LQ: `min(λ·CILQ_ij, 1)`, diagonal `min(λ·SLQ_i, 1)`, `λ = (log₂(1 + X_r/X_nat))^δ`
    /// (Flegg, Webber & Elliott 1995; Flegg & Webber 1997; M&B §8.3).
    case flq(delta: Double)

    /// Parses `flq`, `slq` or `cilq` (case-insensitive); `delta` is used by `flq` (default 0.3, MODEL.md).
    public init?(name: String, delta: Double = 0.3) {
        switch name.lowercased() {
        case "slq": self = .slq
        case "cilq": self = .cilq
        case "flq": self = .flq(delta: delta)
        default: return nil
        }
    }
}

extension InputOutput {
    /// Simple location quotients of one region, `SLQ_i = (x_i / X_r) / (x_nat,i / X_nat)` with
    /// `X_r = Σ_i x_i`, `X_nat = Σ_i x_nat,i` (M&B §8.3; MODEL.md §3). Sectors without national
    /// output, or a region without output, get 0.
    /// - Parameters:
    ///   - regionalOutput: `x0[r, ·]` (length `S`).
    ///   - nationalOutput: `x_nat` (length `S`), on the same price basis and year (MODEL.md §2: scaled to 2019).
    public static func simpleLocationQuotients(regionalOutput: [Double], nationalOutput: [Double]) throws -> [Double] {
        try requireCount(regionalOutput, nationalOutput.count, "simpleLocationQuotients", "regional output")
        try requireNonNegative(regionalOutput, "regional output")
        try requireNonNegative(nationalOutput, "national output")
        let xr = regionalOutput.reduce(0, +), xn = nationalOutput.reduce(0, +)
        guard xr > 0, xn > 0 else { return [Double](repeating: 0, count: regionalOutput.count) }
        return zip(regionalOutput, nationalOutput).map { r, n in n > 0 ? (r / xr) / (n / xn) : 0 }
    }

    /// Flegg's regional-size factor `λ = (log₂(1 + X_r / X_nat))^δ`, `0 ≤ δ < 1` (Flegg & Webber 1997).
    /// Smaller regions (and larger δ) give smaller λ, i.e. more imports.
    public static func flqLambda(regionalTotal: Double, nationalTotal: Double, delta: Double) throws -> Double {
        guard delta >= 0, delta < 1 else {
            throw InputOutputError.invalidParameter(name: "FLQ δ", value: delta, reason: "must lie in [0, 1)")
        }
        guard regionalTotal >= 0, nationalTotal > 0, regionalTotal.isFinite, nationalTotal.isFinite else {
            throw InputOutputError.invalidParameter(
                name: "X_r / X_nat", value: regionalTotal / nationalTotal, reason: "needs X_r ≥ 0 and X_nat > 0")
        }
        let base = log2(1 + regionalTotal / nationalTotal)
        return delta == 0 ? 1 : pow(base, delta)
    }

    /// The regional purchase factors `min(LQ[i, j], 1)` of one region (`S × S`; row `i` = supplying sector,
    /// column `j` = buying sector), for `A_ss = A_dom ∘ factors` (MODEL.md §3).
    ///
    /// SLQ: `min(SLQ_i, 1)`. CILQ: `min(SLQ_i/SLQ_j, 1)` off the diagonal, `min(SLQ_i, 1)` on it.
    /// FLQ: the CILQ values times `λ`. Where `SLQ_i = 0` the factor is 0 (the region cannot supply `i`);
    /// where only `SLQ_j = 0` the CILQ is infinite and the factor 1.
    public static func regionalPurchaseFactors(
        method: LocationQuotientMethod, regionalOutput: [Double], nationalOutput: [Double]
    ) throws -> Matrix {
        let slq = try simpleLocationQuotients(regionalOutput: regionalOutput, nationalOutput: nationalOutput)
        let s = slq.count
        var lambda = 1.0
        if case let .flq(delta) = method {
            lambda = try flqLambda(
                regionalTotal: regionalOutput.reduce(0, +), nationalTotal: nationalOutput.reduce(0, +), delta: delta)
        }
        var f = [Double](repeating: 0, count: s * s)
        for j in 0..<s {
            for i in 0..<s {
                let lq: Double
                switch method {
                case .slq: lq = slq[i]
                case .cilq, .flq:
                    if slq[i] == 0 { lq = 0 } else if i == j { lq = lambda * slq[i] } else if slq[j] == 0 { lq = .infinity } else { lq = lambda * slq[i] / slq[j] }
                }
                f[i + j * s] = Swift.min(lq, 1)
            }
        }
        return try Matrix(rows: s, columns: s, columnMajor: f)
    }

    /// The own share of intermediate use for a nontradable sector (MODEL.md §4, "local first"):
    /// `min(1, (x0 − EXw − inv) / local intermediate demand)`, 1 where there is no local demand, 0 where
    /// nothing is available. Local intermediate demand is `Σ_j A_dom[i, j]·x0[s, j]`.
    public static func nontradableOwnShare(
        grossOutput x0: Double, exportsAbroad: Double, inventory: Double, localIntermediateDemand: Double
    ) -> Double {
        let available = x0 - exportsAbroad - inventory
        guard localIntermediateDemand > 0 else { return 1 }
        return Swift.max(0, Swift.min(1, available / localIntermediateDemand))
    }

    /// Regional own coefficients `A_ss = A_dom ∘ factors` (MODEL.md §3), with the rows of nontradable
    /// sectors replaced by `A_dom[i, ·]·ownShare_i` (local first, MODEL.md §4).
    /// - Parameters:
    ///   - aDomestic: national domestic coefficients `A_dom` (`S × S`).
    ///   - factors: from `regionalPurchaseFactors`.
    ///   - nontradableOwnShare: per sector, nil for tradables, the own share for nontradables.
    public static func ownRegionCoefficients(
        domestic aDomestic: Matrix, factors: Matrix, nontradableOwnShare: [Double?]
    ) throws -> Matrix {
        let s = aDomestic.rows
        guard aDomestic.isSquare, factors.rows == s, factors.columns == s, nontradableOwnShare.count == s else {
            throw InputOutputError.dimensionMismatch(
                operation: "ownRegionCoefficients", expected: "A_dom, factors S×S and S own shares (S = \(s))",
                got: "factors \(factors.rows)×\(factors.columns), \(nontradableOwnShare.count) own shares")
        }
        var out = aDomestic.storage
        for j in 0..<s {
            for i in 0..<s {
                let f = nontradableOwnShare[i] ?? factors.storage[i + j * s]
                out[i + j * s] *= f
            }
        }
        return try Matrix(rows: s, columns: s, columnMajor: out)
    }

    /// Foreign imports leak at the national rate: `a_RoW[j] = φ_imp · Σ_i A_imp[i, j]` (MODEL.md §3).
    public static func foreignImportCoefficients(imported aImported: Matrix, scale phiImp: Double = 1) throws -> [Double] {
        guard phiImp >= 0, phiImp.isFinite else {
            throw InputOutputError.invalidParameter(name: "φ_imp", value: phiImp, reason: "must be finite and ≥ 0")
        }
        return aImported.columnSums.map { phiImp * $0 }
    }
}
