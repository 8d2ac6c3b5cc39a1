import Foundation
import MatrixCore

/// Parameters of the nested-logit migration model (MODEL.md §5). Units in the names.
public struct MigrationParameters: Sendable, Hashable, Codable {
    /// Wage elasticity `a_w` (Tombe & Zhu 2019).
    public var wageElasticity = 1.5
    /// Employment-rate coefficient `a_j` (= a_w gives Harris–Todaro expected income).
    public var employmentRateElasticity = 1.5
    /// Distance (travel-time) elasticity `g` (Poncet 2006).
    public var travelTimeElasticity = 1.0
    /// Time offset `T0` in hours, so that `ln(T + T0)` is finite for short trips.
    public var timeOffsetHours = 0.25
    public init() {}
}

/// What a zone offers movers in one year (indices run over the migration zones).
public struct ZoneAttractions: Sendable {
    /// Employment `Lab[s]`, persons (the size term).
    public var labourPersons: [Double]
    /// 2019 wage level `w0[s]` (GDP per head as proxy), yuan.
    public var baseWageYuan: [Double]
    /// The model's compensation per worker indexed to 2019, `ŵ[s]` (1 in 2019).
    public var wageIndex: [Double]
    /// The employment rate indexed to 2019, `ê[s]` (1 in 2019).
    public var employmentRateIndex: [Double]
    /// Settlement barrier as a wage-equivalent share `β[s]` ∈ [0, 1): moving there is worth `β` less wage.
    public var barrierWageShare: [Double]
    /// Calibrated destination constants `ASC[s]`.
    public var destinationConstants: [Double]

    public init(
        labourPersons: [Double], baseWageYuan: [Double], wageIndex: [Double], employmentRateIndex: [Double],
        barrierWageShare: [Double], destinationConstants: [Double]
    ) {
        self.labourPersons = labourPersons
        self.baseWageYuan = baseWageYuan
        self.wageIndex = wageIndex
        self.employmentRateIndex = employmentRateIndex
        self.barrierWageShare = barrierWageShare
        self.destinationConstants = destinationConstants
    }
}

/// The rest of China as one more destination (a reservoir, not a modelled state).
public struct OutsideDestination: Sendable, Hashable, Codable {
    /// `ln Lab_RoC + a_w·ln w_RoC(t) + ASC_RoC` enters `V[r,RoC]`.
    public var labourPersons: Double
    public var wageYuan: Double
    public var destinationConstant: Double
    public init(labourPersons: Double, wageYuan: Double, destinationConstant: Double) {
        self.labourPersons = labourPersons
        self.wageYuan = wageYuan
        self.destinationConstant = destinationConstant
    }
}

/// Migration choice probabilities for one year.
public struct MigrationProbabilities: Sendable {
    /// `p_out[r]`: probability that a resident of r leaves in the year.
    public let leaving: [Double]
    /// `π[r→s]` for zones s (r's own column is 0): leave, then choose s. Z × Z, row r = origin.
    public let toZone: Matrix
    /// `π[r→RoC]`: leave for the rest of China.
    public let toOutside: [Double]
    /// The inclusive value `IV[r] = ln Σ_{k≠r} exp V[r,k]` (RoC included).
    public let inclusiveValue: [Double]
}

/// Nested-logit migration (MODEL.md §5; McFadden 1978), μ = 1.
///
/// `V[r,s] = ln Lab[s] + a_w·ln w0[s] + a_w·ln ŵ[s] + a_j·ln ê[s] + ASC[s] − g·ln(T[r,s]+T0) − a_w·(−ln(1−β[s]))`;
/// the barrier enters as the utility of losing the share β of the wage, so it reads as a wage equivalent.
/// `V[r,RoC] = ln Lab_RoC + a_w·ln w_RoC + ASC_RoC − g·ln(T[r,gw]+T0)`.
/// `IV[r] = ln Σ_{k≠r} exp V[r,k]`, `U_stay[r] = stay[r] + a_w·ln ŵ[r] + a_j·ln ê[r]`,
/// `p_out[r] = 1/(1 + exp(U_stay[r] − IV[r]))`, `π[r→s] = p_out[r]·exp(V[r,s] − IV[r])`.
/// The softmax is stabilised by subtracting the row maximum.
public func migrationProbabilities(
    zones z: ZoneAttractions, outside: OutsideDestination, stayConstants stay: [Double],
    travelHours t: Matrix, gatewayHours gw: [Double], parameters p: MigrationParameters
) throws -> MigrationProbabilities {
    let n = z.labourPersons.count
    for (name, v) in [("baseWage", z.baseWageYuan), ("wageIndex", z.wageIndex), ("employmentRateIndex", z.employmentRateIndex),
                      ("barrier", z.barrierWageShare), ("ASC", z.destinationConstants), ("stay", stay), ("gateway", gw)]
    where v.count != n {
        throw MatrixError.dimensionMismatch(operation: "migrationProbabilities(\(name))", expected: "\(n)", got: "\(v.count)")
    }
    guard t.rows == n, t.columns == n else {
        throw MatrixError.dimensionMismatch(operation: "migrationProbabilities(T)", expected: "\(n)×\(n)", got: "\(t.rows)×\(t.columns)")
    }
    // Destination part of V, common to all origins.
    var dest = [Double](repeating: 0, count: n)
    for s in 0..<n {
        guard z.labourPersons[s] > 0, z.baseWageYuan[s] > 0, z.wageIndex[s] > 0, z.employmentRateIndex[s] > 0,
              z.barrierWageShare[s] >= 0, z.barrierWageShare[s] < 1 else {
            throw PopulationError.invalidInput("zone \(s): labour, wages and indices must be > 0 and the barrier in [0, 1)")
        }
        dest[s] = log(z.labourPersons[s]) + p.wageElasticity * log(z.baseWageYuan[s])
            + p.wageElasticity * log(z.wageIndex[s]) + p.employmentRateElasticity * log(z.employmentRateIndex[s])
            + z.destinationConstants[s] + p.wageElasticity * log(1 - z.barrierWageShare[s])
    }
    let outsideBase = log(outside.labourPersons) + p.wageElasticity * log(outside.wageYuan) + outside.destinationConstant
    var leaving = [Double](repeating: 0, count: n)
    var toOutside = [Double](repeating: 0, count: n)
    var iv = [Double](repeating: 0, count: n)
    var pi = Matrix(rows: n, columns: n)
    var v = [Double](repeating: 0, count: n + 1)
    for r in 0..<n {
        var vmax = -Double.infinity
        for s in 0..<n where s != r {
            v[s] = dest[s] - p.travelTimeElasticity * log(t[r, s] + p.timeOffsetHours)
            vmax = max(vmax, v[s])
        }
        v[n] = outsideBase - p.travelTimeElasticity * log(gw[r] + p.timeOffsetHours)
        vmax = max(vmax, v[n])
        var sum = 0.0
        for s in 0...n where s != r { sum += exp(v[s] - vmax) }
        iv[r] = vmax + log(sum)
        let uStay = stay[r] + p.wageElasticity * log(z.wageIndex[r]) + p.employmentRateElasticity * log(z.employmentRateIndex[r])
        let pOut = 1 / (1 + exp(uStay - iv[r]))
        leaving[r] = pOut
        for s in 0..<n where s != r { pi[r, s] = pOut * exp(v[s] - iv[r]) }
        toOutside[r] = pOut * exp(v[n] - iv[r])
    }
    if let bad = pi.firstNonFinite ?? (leaving + toOutside).enumerated().first(where: { !$0.element.isFinite }).map({ ($0.offset, 0, $0.element) }) {
        throw PopulationError.nonFinite("migration probabilities at origin \(bad.0 + 1)")
    }
    return MigrationProbabilities(leaving: leaving, toZone: pi, toOutside: toOutside, inclusiveValue: iv)
}

/// Closed-form stay constants: `stay[r] = IV[r](2019) + ln((1 − o_r)/o_r)`, so that in 2019 (ŵ = ê = 1)
/// the leaving probability equals the assumed gross out-migration rate `o_r` exactly.
public func calibratedStayConstants(inclusiveValue iv: [Double], grossOutMigrationRate o: [Double]) throws -> [Double] {
    guard iv.count == o.count else {
        throw MatrixError.dimensionMismatch(operation: "calibratedStayConstants", expected: "\(iv.count)", got: "\(o.count)")
    }
    return try zip(iv, o).map { ivr, or in
        guard or > 0, or < 1 else { throw PopulationError.invalidInput("out-migration rate \(or) not in (0, 1)") }
        return ivr + log((1 - or) / or)
    }
}

/// The flows of one migration step, in persons.
public struct MigrationFlows: Sendable {
    /// Population after migration (before natural change).
    public let population: [Double]
    /// Persons leaving each zone (to other zones and to the rest of China).
    public let outflow: [Double]
    /// Persons arriving in each zone from other zones and from the rest of China.
    public let inflow: [Double]
    /// Persons leaving the circle for the rest of China, per origin.
    public let toOutside: [Double]
    /// Persons arriving from the rest of China, per destination.
    public let fromOutside: [Double]
    /// `Σ fromOutside − Σ toOutside`.
    public var netFromOutside: Double { fromOutside.reduce(0, +) - toOutside.reduce(0, +) }
}

/// One migration step: `P' = Mᵀ·P + F_in`, with `M[r,s] = π[r→s]`, `M[r,r] = 1 − p_out[r]`
/// (row deficit = the flow to the rest of China), and `F_in` the inflow from the rest of China allocated
/// across zones by `shares` (which must sum to 1). Computed from explicit flows, so the ledger
/// `ΣP' − ΣP = ΣF_in − Σ(to RoC)` holds to round-off.
public func migrate(
    population p: [Double], probabilities m: MigrationProbabilities, inflowFromOutsidePersons fin: Double,
    inflowShares shares: [Double]
) throws -> MigrationFlows {
    let n = p.count
    guard m.leaving.count == n, shares.count == n else {
        throw MatrixError.dimensionMismatch(operation: "migrate", expected: "\(n)", got: "\(m.leaving.count), \(shares.count)")
    }
    let shareSum = shares.reduce(0, +)
    guard abs(shareSum - 1) < 1e-9, shares.allSatisfy({ $0 >= 0 }) else {
        throw PopulationError.probabilitiesDoNotSum("inflow shares sum to \(shareSum)")
    }
    guard m.toZone.rows == n, m.toZone.columns == n, m.toOutside.count == n else {
        throw MatrixError.dimensionMismatch(operation: "migrate", expected: "\(n)×\(n)", got: "\(m.toZone.rows)×\(m.toZone.columns)")
    }
    // Each origin's choices close: stay (1 − p_out) + Σ_s π[r→s] + π[r→RoC] = 1, with p_out in [0, 1].
    for r in 0..<n {
        var total = 1 - m.leaving[r] + m.toOutside[r]
        for s in 0..<n { total += m.toZone[r, s] }
        guard (0...1).contains(m.leaving[r]), abs(total - 1) <= 1e-9 else {
            throw PopulationError.probabilitiesDoNotSum("origin \(r + 1): stay, move and leave-the-region probabilities sum to \(total) (leaving \(m.leaving[r]))")
        }
    }
    // Flows between zones: F[r,s] = P[r]·π[r→s]; arrivals = Fᵀ·1 = πᵀ·P (one dgemv).
    let arrivalsFromZones = try m.toZone.applied(to: p, transposed: true)
    var out = [Double](repeating: 0, count: n), inflow = arrivalsFromZones
    var toRoC = [Double](repeating: 0, count: n), fromRoC = [Double](repeating: 0, count: n)
    var next = p
    for r in 0..<n {
        out[r] = p[r] * m.leaving[r]
        toRoC[r] = p[r] * m.toOutside[r]
        fromRoC[r] = fin * shares[r]
        inflow[r] += fromRoC[r]
        next[r] = p[r] - out[r] + inflow[r]
        if next[r] < 0 { throw PopulationError.negativePopulation(zone: r, value: next[r]) }
    }
    return MigrationFlows(population: next, outflow: out, inflow: inflow, toOutside: toRoC, fromOutside: fromRoC)
}

/// Natural change per mille: `P ← P·(1 + (b − d)/1000)`; returns the new population, births and deaths.
public func naturalChange(population p: [Double], birthsPerMille b: [Double], deathsPerMille d: [Double])
    -> (population: [Double], births: [Double], deaths: [Double])
{
    let births = zip(p, b).map { $0 * $1 / 1000 }
    let deaths = zip(p, d).map { $0 * $1 / 1000 }
    return (zip(p, zip(births, deaths)).map { $0 + $1.0 - $1.1 }, births, deaths)
}

/// Logit-linear in-situ urbanisation (UN DESA WUP urban–rural growth-difference method):
/// `ln(u'/(u_max − u')) = ln(u/(u_max − u)) + k`, so `u' < u_max` always and `u'` rises with `k > 0`.
public func logitLinearUrbanShare(_ u: Double, rate k: Double, ceiling uMax: Double) -> Double {
    precondition(uMax > 0 && uMax <= 1)
    let uc = min(max(u, 1e-12), uMax * (1 - 1e-12))
    let z = log(uc / (uMax - uc)) + k
    return uMax / (1 + exp(-z))
}

/// The logit rate `k` that moves `u0` to `u1` in `years` years under the same ceiling.
public func logitLinearRate(from u0: Double, to u1: Double, years: Double, ceiling uMax: Double) -> Double {
    (log(u1 / (uMax - u1)) - log(u0 / (uMax - u0))) / years
}

/// Failures of the population model, each naming its cause.
public enum PopulationError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidInput(String)
    case nonFinite(String)
    case probabilitiesDoNotSum(String)
    case negativePopulation(zone: Int, value: Double)

    public var description: String {
        switch self {
        case let .invalidInput(s): return "invalid migration input: \(s)"
        case let .nonFinite(s): return "non-finite \(s)"
        case let .probabilitiesDoNotSum(s): return "probabilities do not sum to 1: \(s)"
        case let .negativePopulation(z, v): return "population of zone \(z + 1) would turn negative (\(v))"
        }
    }
}
