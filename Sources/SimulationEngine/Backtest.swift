import BaseData
import Foundation
import ScenarioSpec

/// One compared value of a backtest (MODEL-v3 §2): the observed figure, the model's and the two naive
/// benchmarks', all matched to the observed value at the origin year.
public struct BacktestPoint: Sendable, Codable, Hashable {
    public let indicator: String
    /// `circle`, `province` or `city`.
    public let level: String
    public let place: String
    public let year: Int
    /// Years after the origin.
    public let horizon: Int
    public let observed: Double
    public let model: Double
    /// B1: the place grows at the national rate. B2: the place continues its own 2015–V trend (nil when the
    /// data hold no trend for it).
    public let nationalRate: Double?
    public let ownTrend: Double?
    /// The origin year and the observed value there.
    public let origin: Int
    public let originValue: Double
}

/// The scores of one method (the model or a benchmark) on one indicator and level.
public struct BacktestScore: Sendable, Codable, Hashable {
    public let indicator: String
    public let level: String
    /// `model`, `B1` (national rate) or `B2` (own 2015–V trend).
    public let method: String
    public let points: Int
    public let places: Int
    /// Mean absolute percentage error and mean signed error, per cent of the observed value.
    public let mape: Double?
    public let bias: Double?
    /// Theil's U against no change (Theil 1966): < 1 beats "nothing changes after the origin".
    public let theilU: Double?
    /// Pearson correlation across places of the change a year from the origin to each place's last
    /// observation (log growth; pp for urbanisation); nil with fewer than three places or no spread.
    public let growthCorrelation: Double?
    /// sd(method's changes)/sd(observed changes) across places.
    public let spreadRatio: Double?
    /// Share of places whose change has the observed sign (places changing by less than 0.05 % or 0.05 pp a
    /// year excluded), per cent.
    public let signAgreement: Double?
}

/// A backtest: the scenario calibrated at vintage V, scored on every observation after V (MODEL-v3 §2).
public struct BacktestResult: Sendable, Codable {
    public let scenario: String
    public let vintage: Int
    public let points: [BacktestPoint]
    public let scores: [BacktestScore]
    /// How each level is compared, in sentences.
    public let notes: [String]
    /// The regional observations the calibration read (all with reference year ≤ V).
    public let observationsRead: [String]
    /// With `--ensemble`: where the members' parameters came from, their number, each point's 90 % band and
    /// the coverage per indicator and level (`Backtest.coverage`); nil otherwise (and absent from the JSON).
    public var ensemble: EnsembleSource? = nil
    public var ensembleMembers: Int? = nil
    public var bands: [BacktestBand]? = nil
    public var coverage: [BacktestCoverage]? = nil
    /// The model discrepancy behind the predictive bands; nil without one.
    public var discrepancy: ModelDiscrepancy? = nil

    /// The score of `method` on `indicator` and `level`.
    public func score(_ indicator: String, _ level: String, _ method: String) -> BacktestScore? {
        scores.first { $0.indicator == indicator && $0.level == level && $0.method == method }
    }
}

/// Runs and scores backtests (MODEL-v3 §2).
public enum Backtest {
    /// What is compared: history indicator → trajectory indicator, and whether it is a share (compared in pp).
    static let indicators: [(observed: String, model: String, share: Bool)] = [
        ("gdp_current", "gdp_current_prices", false), ("population", "population", false), ("urbanisation", "urbanisation_rate", true),
    ]
    /// Places per level: observed region id → trajectory place.
    static func places(_ ds: BaseDataset) -> [(level: String, observed: String, model: String)] {
        var out: [(String, String, String)] = [("circle", "circle", "circle"),
                                              ("province", "chongqing", "province-chongqing"),
                                              ("province", "sichuan", "province-sichuan")]
        for j in ds.jurisdictions where j.id.hasPrefix("sc-") { out.append(("city", j.id, j.id)) }
        return out
    }

    public static let notes = [
        "Every forecast is matched to the observed value at its origin: ŷ(t) = y(origin)·m(t)/m(origin) (shares: y(origin) + m(t) − m(origin)); the circle's GDP thereby keeps the 2019 ratio of the published circle figure to the model's (partial cities).",
        "Origins: GDP the vintage V; population and urbanisation max(V, 2020), the 2020 census (MODEL-v3 §1.1). The circle's population, published after the census only for 2022 and 2024 and on a wider basis than the model's 42 jurisdictions (the plan's circle includes parts of 开州 and 云阳), is scored from its first published year after the origin: its change 2022 → 2024.",
        "Provinces: the model covers their circle parts (province-chongqing, province-sichuan); their growth is compared with the whole province's published growth (Chongqing's circle part is 27 of its 38 districts and counties).",
        "B1: the national rate — GDP at current prices by the realised national real growth × GDP deflator, population by the national population, urbanisation by the national change in pp (national figures interpolated linearly where a year is missing). B2: the place's own trend from its earliest observation in 2015–V to V (geometric; pp a year for urbanisation); population and urbanisation at V > 2020 from 2020, so that no trend spans the census revision.",
        "Cities with no observation at the origin are left out; metrics are over the points each method has.",
        "Chongqing's population (MODEL-v3 §2 basis): the model's circle part is compared after removing the census-decade gap between its growth and the municipality's (2010 → 2020 censuses, 2010 on 2020 boundaries; 忠县's 2020 count estimated from the municipality's ratio): ŷ(t) = y(origin)·m(t)/m(origin)·exp(−gap·(t − origin)). Its urbanisation is not corrected (no circle-part urban shares for 2010 in the data).",
    ]

    /// The census-decade gap, a year, between the growth of Chongqing's circle part and the municipality's.
    static func chongqingGap(_ cs: CircleStructure) -> Double { provinceGap(cs, .chongqing) }

    /// The census-decade gap, a year, between the growth of a province's circle part and the whole province's:
    /// `ln(P₂₀₂₀/P₂₀₁₀)/10` of its jurisdictions' census counts (2020 boundaries) less the province's; 0 when a
    /// count is missing.
    static func provinceGap(_ cs: CircleStructure, _ province: Province) -> Double {
        let cm = cs.censusMigration, pop = cs.dataset.population
        let members = (0..<cs.dims.regions).filter { cs.jurisdictions[$0].province == province }
        let a = members.reduce(0.0) { $0 + cm.population2010[$1] }, b = members.reduce(0.0) { $0 + cm.population2020[$1] }
        guard a > 0, b > 0, let m10 = CensusMigration.count(pop, province.rawValue, 2010, vintage: "census2010"),
              let m20 = CensusMigration.count(pop, province.rawValue, 2020, vintage: "census2020") else { return 0 }
        return (log(b / a) - log(m20 / m10)) / 10
    }

    /// Runs `scenario` calibrated at `vintage` and scores it.
    public static func run(simulator: Simulator, scenario: Scenario, vintage: Int) throws -> BacktestResult {
        let at = scenario.overriding(["calibration.vintage": Double(vintage)])
        var prepared: PreparedBaseYear?
        let last = at.horizon.upperBound
        let cf = try withCause("backtesting \(scenario.name)") {
            at.levers.isEmpty ? nil : try simulator.simulate(at, applyLevers: false, kappa: nil, until: last, mode: .fast, progress: nil, prepared: &prepared)
        }
        let record = try withCause("backtesting \(scenario.name)") {
            try simulator.simulate(
                at, applyLevers: true, kappa: cf?.kappa, until: last, mode: .fast, progress: nil, prepared: &prepared,
                labourMarket: cf?.labourMarket)
        }
        let trajectory = record.trajectory(structure: simulator.structure, scenario: at, diagnostics: record.diagnostics)
        let ds = simulator.dataset
        var observations = VintagedObservations(history: ds.history, vintage: vintage)
        let gap = chongqingGap(simulator.structure)
        let pts = try points(trajectory: trajectory, dataset: ds, vintage: vintage, observations: &observations, chongqingGap: gap)
        let gapNote = String(format: "Chongqing's census-decade gap: circle part − municipality = %+.2f %% a year.", 100 * gap)
        return BacktestResult(
            scenario: scenario.name, vintage: vintage, points: pts, scores: scores(pts), notes: notes + [gapNote],
            observationsRead: record.observationsRead + observations.reads)
    }

    /// Every compared point: observations after the origin, up to the trajectory's last year.
    static func points(
        trajectory t: Trajectory, dataset ds: BaseDataset, vintage: Int, observations: inout VintagedObservations,
        chongqingGap: Double = 0
    ) throws -> [BacktestPoint] {
        let h = ds.history
        let national = NationalSeries(history: h)
        var out: [BacktestPoint] = []
        for (observedID, modelID, share) in indicators {
            let start = observedID == "gdp_current" ? vintage : max(vintage, 2020), end = t.years.last ?? start
            for (level, region, place) in places(ds) {
                guard let (origin, y0) = placeOrigin(h, level: level, region: region, indicator: observedID, origin: start, last: end),
                      let m0 = modelValue(t, modelID, place, origin, share) else { continue }
                let trend = try ownTrend(observedID, region: region, vintage: vintage, share: share, observations: &observations)
                for year in (origin + 1)...end {
                    guard let y = h.observation(region, observedID, year: year)?.value, let m = modelValue(t, modelID, place, year, share) else { continue }
                    let gap = observedID == "population" && region == "chongqing" ? exp(-chongqingGap * Double(year - origin)) : 1
                    let model = share ? y0 + (m - m0) : y0 * m / m0 * gap
                    let b1 = national.change(observedID, from: origin, to: year).map { share ? y0 + $0 : y0 * $0 }
                    let b2 = trend.map { share ? y0 + $0 * Double(year - origin) : y0 * pow(1 + $0, Double(year - origin)) }
                    out.append(BacktestPoint(
                        indicator: observedID, level: level, place: region, year: year, horizon: year - origin, observed: y,
                        model: model, nationalRate: b1, ownTrend: b2, origin: origin, originValue: y0))
                }
            }
        }
        return out
    }

    /// A place's origin year and observed value there: the indicator's origin `origin` where the place has a
    /// value; for the circle, which is not a census unit and whose population is published only for some years
    /// after the census (2022, 2024), its first published year after `origin` with a later one to score. The
    /// circle's published figure covers more than the model's 42 jurisdictions (the plan's circle includes parts of
    /// 开州 and 云阳; 9,874.5万 in 2022, 2.6 % above the model), so it is scored as a change from that year.
    static func placeOrigin(
        _ h: HistoryData, level: String, region: String, indicator: String, origin: Int, last: Int
    ) -> (year: Int, value: Double)? {
        if let v = originValue(h, region, indicator, origin) { return (origin, v) }
        guard level == "circle", indicator != "gdp_current", origin + 1 < last else { return nil }
        for year in (origin + 1)..<last {
            guard let v = h.observation(region, indicator, year: year)?.value else { continue }
            return ((year + 1)...last).contains { h.observation(region, indicator, year: $0) != nil } ? (year, v) : nil
        }
        return nil
    }

    /// The observed value at the origin: the preferred release, or the 2020 census for population and
    /// urbanisation where the year-end figure is missing.
    static func originValue(_ h: HistoryData, _ region: String, _ indicator: String, _ year: Int) -> Double? {
        if let o = h.observation(region, indicator, year: year) { return o.value }
        guard year == censusYear, let census = censusIndicator(indicator) else { return nil }
        return h.observation(region, census, year: year)?.value
    }

    /// The 2020 census: population and urbanisation are compared from it, their first releases before it were not
    /// revised to it.
    static let censusYear = 2020

    /// The census figure that stands in for `indicator`'s year-end in the census year (nil: none does).
    static func censusIndicator(_ indicator: String) -> String? {
        switch indicator {
        case "population": return "population_census"
        case "urbanisation": return "urban_share_census2020"
        default: return nil
        }
    }

    /// The model's value of a place in a year (shares in per cent).
    static func modelValue(_ t: Trajectory, _ id: String, _ place: String, _ year: Int, _ share: Bool) -> Double? {
        t.value(id, at: place, in: year).map { share ? $0 * 100 : $0 }
    }

    /// B2's yearly rate: from the place's earliest observation in 2015…V to V (read under the vintage rule). For
    /// population and urbanisation at V > 2020 the window starts at the 2020 census (its count where the year-end is
    /// missing): the first releases before the census were not revised to it, so a trend across 2020 measures the
    /// revision (the circle's rounded 2019 figure, 9,600万, to 9,874.5万 in 2022 is +0.94 % a year).
    static func ownTrend(
        _ indicator: String, region: String, vintage: Int, share: Bool, observations: inout VintagedObservations
    ) throws -> Double? {
        let h = observations.history
        let start = censusIndicator(indicator) != nil && vintage > censusYear ? censusYear : 2015
        guard let first = (start..<vintage).first(where: { originValue(h, region, indicator, $0) != nil }),
              h.observation(region, indicator, year: vintage) != nil,
              let a = try observations.valueOrCensus(region, indicator, year: first) else { return nil }
        let b = try observations.value(region, indicator, year: vintage)
        let years = Double(vintage - first)
        return share ? (b - a) / years : pow(b / a, 1 / years) - 1
    }
}

/// National series for B1 (exogenous, realised): GDP at current prices as Π(1 + g)(1 + d) from real growth
/// and the deflator, population and urbanisation from the releases, linearly interpolated over missing years.
struct NationalSeries {
    let gdp: [Int: Double], population: [Int: Double], urbanisation: [Int: Double]

    init(history h: HistoryData) {
        var index = [2019: 1.0]
        for year in 2020...2030 {
            guard let g = h.national("gdp_real_growth", year: year), let prev = index[year - 1] else { break }
            let d = h.national("gdp_deflator_growth", year: year) ?? 0
            index[year] = prev * (1 + g / 100) * (1 + d / 100)
        }
        gdp = index
        population = Self.interpolated(h, ["population_yearend", "population_census"])
        urbanisation = Self.interpolated(h, ["urbanisation"])
    }

    static func interpolated(_ h: HistoryData, _ ids: [String]) -> [Int: Double] {
        var known: [Int: Double] = [:]
        for year in 2010...2030 {
            for id in ids { if known[year] == nil, let v = h.national(id, year: year) { known[year] = v } }
        }
        let years = known.keys.sorted()
        var out = known
        for (a, b) in zip(years, years.dropFirst()) where b > a + 1 {
            for y in (a + 1)..<b { out[y] = known[a]! + (known[b]! - known[a]!) * Double(y - a) / Double(b - a) }
        }
        return out
    }

    /// The national change from `origin` to `year`: a ratio (GDP, population) or pp (urbanisation).
    func change(_ indicator: String, from origin: Int, to year: Int) -> Double? {
        switch indicator {
        case "gdp_current": return gdp[year].flatMap { v in gdp[origin].map { v / $0 } }
        case "population": return population[year].flatMap { v in population[origin].map { v / $0 } }
        case "urbanisation": return urbanisation[year].flatMap { v in urbanisation[origin].map { v - $0 } }
        default: return nil
        }
    }
}
