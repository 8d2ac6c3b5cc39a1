import BaseData
import Foundation

/// The population's intercept correction at a vintage after the census (issue 16; Clements & Hendry 1998,
/// *Forecasting Economic Time Series*, ch. 8: a forecast from a model that has drifted carries its latest residual).
///
/// At V > 2020 the published year-ends of 2020 … V are data the calibration may read (MODEL-v3 §1.1), but the
/// population block is fitted to the census decade and the 2019 vital rates. After 2020 the places drifted from it —
/// Sichuan's registered deaths moved to the census basis (7.09 ‰ in 2019, 9.04 ‰ in 2022), Chongqing lost migrants
/// (docs/MODEL.md §14) — so a run at V = 2023 otherwise continues the model's 2020 → 2023 growth, not what happened.
/// The correction: each place's observed log growth a year 2020 → V, `o`, less the model's own over the same years,
/// `m`, measured in the run at V, is added from the step V → V + 1 on as net migration with the rest of China,
/// `x(t) = w·(o − m)·P(t)·exp(−(t − V)/τ)` (arrivals where positive, departures where negative; the young-adult
/// age profile and the place's own urban share, like every move). w is `migration.postCensusCorrection`, τ the
/// migration trend's decay `migration.trendDecay` (8 years). **Default w = 0 (off):** on the rolling origins the data
/// allow (V = 2022 and 2023, one or two years scored) it helped the cities at one and the provinces at the other and
/// moved the circle the wrong way at 2022 (docs/MODEL.md §14): a past drift does not announce the 2023 turn.
/// Observed growth: a Sichuan city's year-ends (2020 its census count where the year-end is missing); the 27
/// Chongqing jurisdictions share the municipality's, plus the census-decade gap between its circle part and the
/// whole (`Backtest.provinceGap`; their own figures after 2020 are reserved, MODEL-v3 §1.1); a city without a
/// figure at V gets none.
struct PostCensusDrift: Sendable {
    /// Observed log growth a year 2020 → V per jurisdiction; nil where not corrected. Empty at V ≤ 2020.
    let observedGrowth: [Double?]
    let vintage: Int

    static func none(regions: Int, vintage: Int) -> PostCensusDrift {
        PostCensusDrift(observedGrowth: [Double?](repeating: nil, count: regions), vintage: vintage)
    }

    /// Whether any place has an observed growth (never at V ≤ 2020).
    var isActive: Bool { observedGrowth.contains { $0 != nil } }

    /// What a run carries: the model's population at the census year, then the frozen correction rates.
    struct State: Sendable {
        var population2020: [Double] = []
        /// `w·(o − m)` per jurisdiction, fixed at the step V → V + 1; empty before.
        var rate: [Double] = []
    }

    /// The observed growth 2020 → `vintage`, read under the vintage rule; no correction at V ≤ 2020.
    static func fit(structure cs: CircleStructure, vintage: Int, observations: inout VintagedObservations) throws -> PostCensusDrift {
        let r = cs.dims.regions
        guard vintage > Backtest.censusYear else { return none(regions: r, vintage: vintage) }
        let chongqing = try growth("chongqing", vintage: vintage, observations: &observations)
            .map { $0 + Backtest.provinceGap(cs, .chongqing) }
        var out = [Double?](repeating: nil, count: r)
        for (reg, j) in cs.jurisdictions.enumerated() {
            out[reg] = j.province == .chongqing ? chongqing : try growth(j.id, vintage: vintage, observations: &observations)
        }
        return PostCensusDrift(observedGrowth: out, vintage: vintage)
    }

    /// `ln(P_V/P_2020)/(V − 2020)` of a region's published year-ends (2020: the census count where missing); nil
    /// when a figure is missing.
    static func growth(_ region: String, vintage: Int, observations: inout VintagedObservations) throws -> Double? {
        guard let end = try observations.valueIfPresent(region, "population", year: vintage),
              let start = try observations.valueOrCensus(region, "population", year: Backtest.censusYear), start > 0, end > 0 else { return nil }
        return log(end / start) / Double(vintage - Backtest.censusYear)
    }

    /// The rates `w·(o − m)` at the step V → V + 1, `m` from the model's populations at 2020 and V.
    func rates(population2020 p0: [Double], populationAtVintage pv: [Double], weight w: Double) -> [Double] {
        let years = Double(vintage - Backtest.censusYear)
        return observedGrowth.indices.map { reg in
            guard let o = observedGrowth[reg], p0[reg] > 0, pv[reg] > 0 else { return 0 }
            return w * (o - log(pv[reg] / p0[reg]) / years)
        }
    }

    /// Net migration from the correction in the step of `year` (t → t + 1), persons per place: nil before V.
    static func flows(state s: State, population: [Double], year: Int, vintage: Int, decayYears tau: Double) -> [Double]? {
        guard !s.rate.isEmpty, year >= vintage else { return nil }
        let decay = tau > 0 ? exp(-Double(year - vintage) / tau) : (year == vintage ? 1 : 0)
        return zip(s.rate, population).map { $0 * $1 * decay }
    }
}

extension MigrationState.StepResult {
    /// Adds net migration with the rest of China (`PostCensusDrift`'s correction): arrivals where positive,
    /// departures where negative, at the place's own urban share (its share before conversion is unchanged), in the
    /// ledger's exchange with the rest of China.
    mutating func addRestOfChinaMoves(_ flows: [Double]) {
        for (k, x) in flows.enumerated() {
            let share = population[k] > 0 ? urbanBeforeConversion[k] / population[k] : 0
            population[k] += x
            urbanBeforeConversion[k] += share * x
            netMigration[k] += x
            inMigrants[k] += max(x, 0)
            outMigrants[k] += max(-x, 0)
            ledger.fromRestOfChina += max(x, 0)
            ledger.toRestOfChina += max(-x, 0)
        }
    }
}
