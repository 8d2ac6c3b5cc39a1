import Foundation
import MatrixCore

/// Chenery–Moses trade shares of every destination industry (MODEL.md §3).
///
/// `inside[q, k]` (`R × n`, `k = s·S + i`) is the share `t[q→s, i]` of region `s`'s non-own purchases of
/// `i` bought from region `q` (zero for `q = s`); `outside[k]` is `o[s, i]`, the share bought from the rest
/// of China. For every `k`: `Σ_q inside[q, k] + outside[k] = 1`.
public struct TradeShares: Sendable {
    public let dimensions: MRIODimensions
    /// `t[q→s, i]` as an `R × n` matrix.
    public let inside: Matrix
    /// `o[s, i]`, length `n`.
    public let outside: [Double]
}

/// The result of fitting the outside-pull weights `ω_i` (MODEL.md §3).
public struct OutsidePullFit: Sendable {
    /// `ω_i` per sector (0 where the target is at or below what the circle gets with no pull).
    public let omega: [Double]
    /// The circle's inflow share of domestic intermediates reached with `omega`.
    public let achievedShare: [Double]
    /// The supremum of the inflow share (`ω → ∞`): the share of domestic intermediates not bought locally.
    public let attainableShare: [Double]
    /// Whether the target was reached to 1e-10 (false when it lies outside the attainable range).
    public let reached: [Bool]
}

extension InputOutput {
    /// Gravity weights of the trade pool, `w[q, (s,i)] = M[q, i]·(T[q, s] + T0)^(−η_i)` for `q ≠ s`, 0 for
    /// `q = s` (MODEL.md §3; Chenery 1953, Moses 1955; gravity decay as in Head & Mayer 2014).
    /// - Parameters:
    ///   - mass: `M[q, i]` (length `n`; `x0` in 2019, lagged and smoothed later).
    ///   - travelTimeHours: one or more `R × R` time matrices `T[q, s]` (e.g. freight and passenger).
    ///   - timeMatrixOfSector: for each sector, the index into `travelTimeHours` (goods: freight, services: passenger).
    ///   - offsetHours: `T0 > 0`.
    ///   - decay: `η_i ≥ 0` per sector.
    /// - Returns: `R × n`, column `k = s·S + i` holding the weights of the origins of destination industry `k`.
    public static func gravityWeights(
        dimensions d: MRIODimensions, mass: [Double], travelTimeHours: [Matrix], timeMatrixOfSector: [Int],
        offsetHours t0: Double, decay eta: [Double]
    ) throws -> Matrix {
        let r = d.regions, s = d.sectors, n = d.industries
        try requireCount(mass, n, "gravityWeights", "mass")
        try requireNonNegative(mass, "mass M")
        try requireCount(eta, s, "gravityWeights", "decay η")
        try requireNonNegative(eta, "decay η")
        guard timeMatrixOfSector.count == s, timeMatrixOfSector.allSatisfy({ $0 >= 0 && $0 < travelTimeHours.count }),
              travelTimeHours.allSatisfy({ $0.rows == r && $0.columns == r }) else {
            throw InputOutputError.dimensionMismatch(
                operation: "gravityWeights", expected: "R×R time matrices (R = \(r)) and S valid indices",
                got: "\(travelTimeHours.count) matrices, \(timeMatrixOfSector.count) indices")
        }
        guard t0 > 0, t0.isFinite else {
            throw InputOutputError.invalidParameter(name: "T0", value: t0, reason: "must be finite and > 0")
        }
        for (m, t) in travelTimeHours.enumerated() {
            if let k = t.storage.firstIndex(where: { !$0.isFinite || $0 < 0 }) {
                throw InputOutputError.negativeEntry(quantity: "travel time matrix \(m + 1)", index: k, value: t.storage[k])
            }
        }
        // The decay factors (T[q,s] + T0)^(−η) depend on the sector only through (time matrix, η), which
        // take a few distinct values: compute each R × R table of powers once (same pow calls, same bits).
        var tables: [(matrix: Int, eta: Double, decay: [Double])] = []
        var tableOfSector = [Int](repeating: 0, count: s)
        for i in 0..<s {
            if let k = tables.firstIndex(where: { $0.matrix == timeMatrixOfSector[i] && $0.eta == eta[i] }) {
                tableOfSector[i] = k
                continue
            }
            let t = travelTimeHours[timeMatrixOfSector[i]].storage
            var decay = [Double](repeating: 0, count: r * r)
            for dest in 0..<r { for q in 0..<r where q != dest { decay[q + dest * r] = pow(t[q + dest * r] + t0, -eta[i]) } }
            tableOfSector[i] = tables.count
            tables.append((timeMatrixOfSector[i], eta[i], decay))
        }
        var w = [Double](repeating: 0, count: r * n)
        for dest in 0..<r {
            for i in 0..<s {
                let decay = tables[tableOfSector[i]].decay
                let col = (dest * s + i) * r
                for q in 0..<r where q != dest {
                    w[col + q] = mass[q * s + i] * decay[q + dest * r]
                }
            }
        }
        return try Matrix(rows: r, columns: n, columnMajor: w)
    }

    /// The outside (rest-of-China) pull `E[s, i] = ω_i·X_RoC,i·(T[s, gw(s)] + T0)^(−η_i)` (MODEL.md §3).
    /// - Parameters:
    ///   - omega: `ω_i` per sector (use 1 for the base `e` that `fitOutsidePull` scales).
    ///   - restOfChinaOutput: `X_RoC,i` per sector.
    ///   - gatewayTimeHours: `T[s, gw(s)]` per destination industry (length `n`, so goods and services
    ///     may use different times); a gateway is a border crossing, not a seat.
    public static func outsidePull(
        dimensions d: MRIODimensions, omega: [Double], restOfChinaOutput: [Double], gatewayTimeHours: [Double],
        offsetHours t0: Double, decay eta: [Double]
    ) throws -> [Double] {
        let s = d.sectors
        try requireCount(omega, s, "outsidePull", "ω")
        try requireCount(restOfChinaOutput, s, "outsidePull", "X_RoC")
        try requireCount(eta, s, "outsidePull", "η")
        try requireCount(gatewayTimeHours, d.industries, "outsidePull", "gateway times")
        try requireNonNegative(omega, "ω"); try requireNonNegative(restOfChinaOutput, "X_RoC")
        try requireNonNegative(gatewayTimeHours, "gateway time")
        guard t0 > 0 else { throw InputOutputError.invalidParameter(name: "T0", value: t0, reason: "must be > 0") }
        var e = [Double](repeating: 0, count: d.industries)
        for r in 0..<d.regions {
            for i in 0..<s {
                let k = d.index(region: r, sector: i)
                e[k] = omega[i] * restOfChinaOutput[i] * pow(gatewayTimeHours[k] + t0, -eta[i])
            }
        }
        return e
    }

    /// Chenery–Moses shares `t[q→s, i] = w[q, (s,i)] / D[s, i]` and `o[s, i] = E[s, i] / D[s, i]` with
    /// `D[s, i] = Σ_{q≠s} w[q, (s,i)] + E[s, i]` (MODEL.md §3). Where `D = 0` (no supplier and no pull) the
    /// whole remainder comes from the rest of China (`o = 1`), so the shares still sum to 1.
    ///
    /// The gravity matrix is normalised in place: pass a matrix's last use (`consume w`) and no copy of the
    /// `R × n` array is made.
    public static func cheneryMosesShares(
        dimensions d: MRIODimensions, gravity w: consuming Matrix, outsidePull e: [Double]
    ) throws -> TradeShares {
        let r = d.regions, n = d.industries
        guard w.rows == r, w.columns == n else {
            throw InputOutputError.dimensionMismatch(
                operation: "cheneryMosesShares", expected: "gravity \(r)×\(n)", got: "\(w.rows)×\(w.columns)")
        }
        try requireCount(e, n, "cheneryMosesShares", "outside pull")
        try requireNonNegative(e, "outside pull E")
        try requireNonNegative(w.storage, "gravity weights")
        var o = [Double](repeating: 0, count: n)
        w.withUnsafeMutableStorage { t in
            for k in 0..<n {
                var dsum = e[k]
                for q in 0..<r { dsum += t[k * r + q] }
                if dsum > 0 {
                    let inv = 1 / dsum
                    for q in 0..<r { t[k * r + q] *= inv }
                    o[k] = e[k] * inv
                } else {
                    o[k] = 1
                }
            }
        }
        return TradeShares(dimensions: d, inside: w, outside: o)
    }

    /// Fits `ω_i` so that the circle's inflow share of domestic intermediates in sector `i` matches a target
    /// (MODEL.md §3): `Σ_s o[s,i](ω)·m_i(s) / Σ_s dom_i(s) = target_i` with
    /// `o[s,i](ω) = ω·e[s,i] / (ω·e[s,i] + W[s,i])`, `W[s,i] = Σ_{q≠s} w[q,(s,i)]`.
    ///
    /// The share rises monotonically in `ω` from its value at `ω → 0⁺` (destinations with no inside
    /// supplier) to `Σ_{s: e>0} m_i(s) / Σ_s dom_i(s)`; bisection on `log ω` over `[e^−700, e^700]` finds the
    /// root to 1e-12 relative. Targets outside that range give the nearest end and `reached = false`.
    /// - Parameters:
    ///   - gravity: `w` from `gravityWeights`.
    ///   - outsideBase: `e = E(ω = 1)` from `outsidePull` with unit `ω`.
    ///   - remainderDemand: `m_i(s) = Σ_j m[s][i, j]·x0[s, j]`, the non-own purchases (length `n`).
    ///   - domesticDemand: `dom_i(s) = Σ_j A_dom[i, j]·x0[s, j]` (length `n`).
    ///   - target: the inflow share per sector, in `[0, 1]`.
    public static func fitOutsidePull(
        dimensions d: MRIODimensions, gravity w: Matrix, outsideBase e: [Double], remainderDemand m: [Double],
        domesticDemand dom: [Double], target: [Double]
    ) throws -> OutsidePullFit {
        let r = d.regions, s = d.sectors, n = d.industries
        guard w.rows == r, w.columns == n else {
            throw InputOutputError.dimensionMismatch(
                operation: "fitOutsidePull", expected: "gravity \(r)×\(n)", got: "\(w.rows)×\(w.columns)")
        }
        for (v, name) in [(e, "outside base"), (m, "remainder demand"), (dom, "domestic demand")] {
            try requireCount(v, n, "fitOutsidePull", name)
            try requireNonNegative(v, name)
        }
        try requireCount(target, s, "fitOutsidePull", "target")
        try requireFinite(target, "target")
        var inside = [Double](repeating: 0, count: n)
        for k in 0..<n { for q in 0..<r { inside[k] += w.storage[k * r + q] } }
        var omega = [Double](repeating: 0, count: s), achieved = omega, attainable = omega
        var reached = [Bool](repeating: false, count: s)
        for i in 0..<s {
            let total = (0..<r).reduce(0.0) { $0 + dom[d.index(region: $1, sector: i)] }
            guard total > 0 else { reached[i] = target[i] == 0; continue }
            func share(_ om: Double) -> Double {
                var num = 0.0
                for reg in 0..<r {
                    let k = d.index(region: reg, sector: i)
                    let pull = om * e[k], den = pull + inside[k]
                    num += den > 0 ? pull / den * m[k] : m[k]  // D = 0: all from outside
                }
                return num / total
            }
            let low = share(0), high = (0..<r).reduce(0.0) {
                let k = d.index(region: $1, sector: i)
                return $0 + ((e[k] > 0 || inside[k] == 0) ? m[k] : 0)
            } / total
            attainable[i] = high
            if target[i] <= low {
                omega[i] = 0; achieved[i] = low; reached[i] = abs(target[i] - low) <= 1e-10
                continue
            }
            if target[i] >= high {
                // The supremum: ω large enough that every pull exceeds the inside weights by 1e15 (so the
                // share is within 1e-15 of it), yet finite, so that E = ω·e stays representable.
                var maxInside = 0.0, minPull = Double.infinity
                for reg in 0..<r {
                    let k = d.index(region: reg, sector: i)
                    maxInside = Swift.max(maxInside, inside[k])
                    if e[k] > 0 { minPull = Swift.min(minPull, e[k]) }
                }
                omega[i] = minPull.isFinite && maxInside > 0 ? Swift.min(1e15 * maxInside / minPull, 1e250) : 1
                achieved[i] = share(omega[i]); reached[i] = abs(target[i] - achieved[i]) <= 1e-10
                continue
            }
            var lo = -700.0, hi = 700.0
            for _ in 0..<200 {
                let mid = (lo + hi) / 2
                if share(exp(mid)) < target[i] { lo = mid } else { hi = mid }
                if hi - lo < 1e-13 { break }
            }
            omega[i] = exp((lo + hi) / 2)
            achieved[i] = share(omega[i])
            reached[i] = abs(achieved[i] - target[i]) <= 1e-10 * Swift.max(target[i], 1e-300) + 1e-14
        }
        return OutsidePullFit(omega: omega, achievedShare: achieved, attainableShare: attainable, reached: reached)
    }
}
