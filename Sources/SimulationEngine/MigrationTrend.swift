import BaseData
import Foundation

/// The late-2010s change in the provinces' net migration, the term `γ_p·d(t)` of the migration utility
/// (MODEL-v3 §3.4). Each province's census-survival residual (UN Manual VI, 1970) over two five-year windows,
/// 2010 census → 2015 and 2015 → 2020 census: `NM = P_end − P_start − (B − D)`, the natural increase from the
/// province's crude rates (`CensusMigration.crudeRates`) times the window's mean population. The 2015 count is
/// the latest vintage of reference year 2015 (MODEL-v3 §1.1's rule: reference year ≤ V, latest vintage; the 2020
/// census is admitted for the decade's residual, and the census-revised year-ends are that residual spread over
/// the decade): Chongqing's `revised-census2020` year-end (3,070.02万), Sichuan's 1 % survey of 1 Nov 2015
/// (8,204万, no revision in the data); the first release (Chongqing 3,016.55万, survey-based) only where no
/// revision exists. The 2020 census is the decade's calibration target. The slope of the annual net migration
/// rate is `s_p = (NM₂/(5·P̄₂) − NM₁/(5·P̄₁))/5` a year (the windows' centres five years apart; the two months
/// between 1 Nov and the year-end 2015 are ignored, (M)). `MigrationState.fittingTrend` turns it into γ_p.
struct MigrationTrend: Sendable {
    struct Residuals: Sendable, Equatable {
        let population2010: Double, population2015: Double, population2020: Double
        /// Natural increase over 2011–15 and 2016–20, persons.
        let natural1: Double, natural2: Double
        /// Census-survival net migration over the two windows, persons.
        var net1: Double { population2015 - population2010 - natural1 }
        var net2: Double { population2020 - population2015 - natural2 }
        /// Annual net migration rates of the windows, per person.
        var rate1: Double { net1 / (5 * (population2010 + population2015) / 2) }
        var rate2: Double { net2 / (5 * (population2015 + population2020) / 2) }
        /// `s_p`: change of the annual rate per year.
        var slope: Double { (rate2 - rate1) / 5 }
    }

    /// The 2015 vintages, latest first.
    static let vintages2015 = ["revised-census2020", "sample-survey-2015", "first-release"]

    let residuals: [Province: Residuals]

    init(dataset ds: BaseDataset) throws {
        let pop = ds.population
        var out: [Province: Residuals] = [:]
        for p in Province.allCases {
            let id = p.rawValue
            guard let a = CensusMigration.count(pop, id, 2010, vintage: "census2010"),
                  let c = CensusMigration.count(pop, id, 2020, vintage: "census2020") else {
                throw SimulationError.data("population/census.csv: \(id) census 2010 or 2020 total is missing")
            }
            let rows = pop.figures(region: id, indicator: "population_yearend", year: 2015)
                .filter { $0.sex == "total" && $0.ageFrom == nil }
            guard let b = Self.vintages2015.lazy.compactMap({ v in rows.first { $0.vintage == v }.flatMap(DemographyData.persons) }).first else {
                throw SimulationError.data("population/census.csv: \(id) 2015 total (\(Self.vintages2015.joined(separator: " or "))) is missing")
            }
            let rates = try CensusMigration.naturalIncreaseRates(pop, province: id)
            let n1 = (2011...2015).reduce(0.0) { $0 + (rates[$1] ?? 0) } / 1000 * (a + b) / 2
            let n2 = (2016...2020).reduce(0.0) { $0 + (rates[$1] ?? 0) } / 1000 * (b + c) / 2
            out[p] = Residuals(population2010: a, population2015: b, population2020: c, natural1: n1, natural2: n2)
        }
        residuals = out
    }

    /// `d(t) − d̄`: the trend variable of the step of year t relative to the census decade's mean, to which the
    /// destination constants are calibrated. `d(t) = t − 2015` up to V; after V its yearly increments decay,
    /// `d(t) = d(t−1) + exp(−(t − V)/τ)`. The decade's steps 2010…2019 have mean `d̄ = −0.5`.
    static func shift(year t: Int, vintage v: Int, decayYears tau: Double) -> Double {
        let last = min(t, v)
        var d = Double(last - 2015)
        if t > v {
            for k in 1...(t - v) { d += tau > 0 ? exp(-Double(k) / tau) : 0 }
        }
        return d + 0.5
    }
}

extension MigrationState {
    /// γ_p (MODEL-v3 §3.4): per province the destination utility per unit of d(t), added to every zone of the
    /// province's circle part (against the other province's zones and the rest-of-China reservoir, whose gross
    /// inflow scales with the logsum `Σ_s sh_s·exp(γ_s·d)`), such that one unit of d moves the one-year net
    /// migration of the province's circle part by `s_p·P_p(2019)`: the province's late-2010s slope applied to its
    /// circle part's population. Solved on the calibrated 2019 allocation `x` (no natural change): a
    /// finite-difference Jacobian (step 0.01) and Newton corrections until every province is within 1e-6 of
    /// its target change (relative to its population), at most 8 rounds.
    func fittingTrend(
        _ trend: MigrationTrend, inputs x: StepInputs, structure cs: CircleStructure
    ) throws -> (state: MigrationState, gamma: [Province: Double]) {
        let ps = Province.allCases, n = ps.count
        let zoneProvince = model.members.map { cs.jurisdictions[$0[0]].province }
        var part = [Double](repeating: 0, count: n)
        for (reg, j) in cs.jurisdictions.enumerated() { part[ps.firstIndex(of: j.province)!] += x.population[reg] }
        let target = (0..<n).map { trend.residuals[ps[$0]]!.slope * part[$0] }
        func net(_ g: [Double]) throws -> [Double] {
            var s = self
            s.trendUtility = zoneProvince.map { g[ps.firstIndex(of: $0)!] }
            var xi = x
            xi.trend = 1
            let a = try s.allocate(extraBarrier: [Double](repeating: 0, count: model.count), inputs: xi, structure: cs)
            var out = [Double](repeating: 0, count: n)
            for (reg, j) in cs.jurisdictions.enumerated() { out[ps.firstIndex(of: j.province)!] += a.result.netMigration[reg] }
            return out
        }
        let base = try net([Double](repeating: 0, count: n))
        let h = 0.01
        var jac = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for q in 0..<n {
            var g = [Double](repeating: 0, count: n)
            g[q] = h
            let moved = try net(g)
            for p in 0..<n { jac[p][q] = (moved[p] - base[p]) / h }
        }
        var gamma = try Self.solveSmall(jac, target)
        for _ in 0..<8 {
            let now = try net(gamma)
            let miss = (0..<n).map { now[$0] - base[$0] - target[$0] }
            if (0..<n).allSatisfy({ abs(miss[$0]) <= 1e-6 * part[$0] }) { break }
            let step = try Self.solveSmall(jac, miss)
            for p in 0..<n { gamma[p] -= step[p] }
        }
        var out = self
        out.trendUtility = zoneProvince.map { gamma[ps.firstIndex(of: $0)!] }
        return (out, Dictionary(uniqueKeysWithValues: zip(ps, gamma)))
    }

    /// `A·x = b` for a small dense system (Gaussian elimination with partial pivoting).
    static func solveSmall(_ a: [[Double]], _ b: [Double]) throws -> [Double] {
        var m = a, v = b
        let n = v.count
        for c in 0..<n {
            let piv = (c..<n).max { abs(m[$0][c]) < abs(m[$1][c]) }!
            guard abs(m[piv][c]) > 0 else { throw SimulationError.numerical("migration trend: singular response of net migration to γ") }
            m.swapAt(c, piv); v.swapAt(c, piv)
            for r in (c + 1)..<n {
                let f = m[r][c] / m[c][c]
                for k in c..<n { m[r][k] -= f * m[c][k] }
                v[r] -= f * v[c]
            }
        }
        var out = [Double](repeating: 0, count: n)
        for r in stride(from: n - 1, through: 0, by: -1) {
            out[r] = (v[r] - ((r + 1)..<n).reduce(0.0) { $0 + m[r][$1] * out[$1] }) / m[r][r]
        }
        return out
    }
}
