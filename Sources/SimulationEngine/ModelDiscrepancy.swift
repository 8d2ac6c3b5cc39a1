import BaseData
import Foundation
import RegionalModels

/// Model discrepancy of an ensemble's predictive bands (Kennedy & O'Hagan 2001; Brynjarsdóttir & O'Hagan 2014):
/// what a place does beyond any parameter draw. Observed = model·exp(e) (urbanisation: model + e, in pp), with e a
/// driftless random walk from the origin, `e(t) = σ_f·s·Σ_{τ = origin+1}^{t} z_τ`, z iid N(0, 1).
///
/// **σ_f is estimated, per family, from regional history up to the vintage only** (MODEL-v3 §1.1): the pooled
/// within-place standard deviation of the places' yearly change relative to China's, each place about its own
/// mean (the drift is the model's to explain; the discrepancy is the year-to-year innovation around it):
/// - gdp: the provinces' published real growth minus China's, 2015…V (pp → log units);
/// - population: consecutive year-end figures of the provinces and the Sichuan cities, log change minus China's;
/// - urbanisation: the same, in pp.
/// Population and urbanisation then take the larger of that innovation and the model's own pre-vintage error
/// (`populationBridgeSigma`, `urbanisationHindcastSigma`; `Simulator.modelDiscrepancy(vintage:)`).
/// Pairs across 2019 → 2020 are skipped (the 2020 census revised the year-end figures before it).
/// The walks are hierarchical (modelling choice): a province or a group has its own; a jurisdiction has its
/// province's plus its own with σ `jurisdiction[f]` (the jurisdictions' cross-section of yearly changes around
/// their province's, `jurisdictionSigma`; population, urbanisation: the province's σ where no year has enough
/// jurisdictions); the circle's is the provinces' weighted by their circle parts' 2019 GDP (`circleWeights`; its sd
/// is `circleScale` = √Σ w_p² of a province's).
///
/// Shocks are a pure function of (member, place, family, year): a counter-based generator (FNV-1a key,
/// SplitMix64, Box–Muller), so scenarios share them (common random numbers) and shards merge byte-identically.
public struct ModelDiscrepancy: Sendable, Hashable, Codable {
    public enum Family: String, Sendable, Codable, CodingKeyRepresentable, CaseIterable { case gdp, population, urbanisation }

    /// σ per √year: log units for gdp and population, pp for urbanisation.
    public let gdp: Double
    public let population: Double
    public let urbanisation: Double
    /// The vintage the σ were estimated at; forecast shocks start the year after.
    public let vintage: Int
    public let circleScale: Double
    /// The circle's walk as the provinces' walks weighted by their circle parts' 2019 GDP (keys
    /// `province-chongqing`, `province-sichuan`, shares summing to 1); empty: an own walk scaled by `circleScale`.
    public let circleWeights: [String: Double]
    /// σ of a jurisdiction's own walk on top of its province's, per family (`ModelDiscrepancy.idiosyncratic`),
    /// in the units of `sigma`.
    public let jurisdiction: [Family: Double]
    /// Places and yearly changes behind each σ, for the report.
    public let observations: [String: Int]

    public init(gdp: Double, population: Double, urbanisation: Double, vintage: Int, circleScale: Double,
                circleWeights: [String: Double] = [:], jurisdiction: [Family: Double] = [:], observations: [String: Int] = [:]) {
        self.gdp = gdp
        self.population = population
        self.urbanisation = urbanisation
        self.vintage = vintage
        self.circleScale = circleScale
        self.circleWeights = circleWeights
        self.jurisdiction = jurisdiction
        self.observations = observations
    }

    public func sigma(_ f: Family) -> Double {
        switch f {
        case .gdp: return gdp
        case .population: return population
        case .urbanisation: return urbanisation
        }
    }

    /// The family of a trajectory indicator, with the sign its shock enters with (GDP per head: gdp − population
    /// shocks are composed by the caller); nil for indicators without discrepancy.
    public static func family(ofIndicator id: String) -> Family? {
        switch id {
        case "gdp", "gdp_current_prices", "gdp_current": return .gdp
        case "population": return .population
        case "urbanisation_rate", "urbanisation": return .urbanisation
        default: return nil
        }
    }

    /// The cumulated shock e of `family` at `place` in `year` for ensemble member `member`, from `origin`
    /// (0 at or before it). `circle` marks the circle (scaled by `circleScale`).
    public func shock(_ f: Family, place: String, circle: Bool, member: Int, year: Int, origin: Int) -> Double {
        shocks(f, place: place, circle: circle, member: member, years: [year], origin: origin)[0]
    }

    /// The shocks of `family` at `place` for `years` (ascending) from `origin`, in one pass.
    /// A jurisdiction (`cq-…`, `sc-…`) carries its province's walk plus its own with σ `jurisdiction[f]`, so its
    /// band is wider than the province's and shares the province's common part; every other place has one walk.
    public func shocks(_ f: Family, place: String, circle: Bool, member: Int, years: [Int], origin: Int) -> [Double] {
        let id = Self.canonicalPlace(place)
        if circle, !circleWeights.isEmpty {
            var e = [Double](repeating: 0, count: years.count)
            for (province, w) in circleWeights.sorted(by: { $0.key < $1.key }) {
                let p = walk(key: Self.placeKey(province, f), sigma: sigma(f), member: member, years: years, origin: origin)
                for k in e.indices { e[k] += w * p[k] }
            }
            return e
        }
        if !circle, let province = Self.province(ofJurisdiction: id) {
            let common = walk(key: Self.placeKey(province, f), sigma: sigma(f), member: member, years: years, origin: origin)
            let own = walk(key: Self.placeKey(id, f), sigma: jurisdiction[f] ?? 0, member: member, years: years, origin: origin)
            return zip(common, own).map { $0 + $1 }
        }
        return walk(key: Self.placeKey(id, f), sigma: sigma(f) * (circle ? circleScale : 1), member: member, years: years, origin: origin)
    }

    /// `s·Σ_{τ = origin+1}^{y} z_τ` for each year y (0 at or before the origin; all 0 when s = 0).
    func walk(key: UInt64, sigma s: Double, member: Int, years: [Int], origin: Int) -> [Double] {
        guard s > 0 else { return [Double](repeating: 0, count: years.count) }
        var e = 0.0, t = origin
        return years.map { y in
            while t < y { t += 1; e += Self.standardNormal(key: key, member: member, year: t) }
            return y > origin ? s * e : 0
        }
    }

    /// The trajectory's id of a place the backtest names by province (`chongqing` → `province-chongqing`), so a
    /// run and a backtest draw the same walk for it.
    static func canonicalPlace(_ id: String) -> String {
        Province(rawValue: id).map { "province-\($0.rawValue)" } ?? id
    }

    /// `province-chongqing` for a `cq-` jurisdiction, `province-sichuan` for an `sc-` one, nil otherwise.
    static func province(ofJurisdiction id: String) -> String? {
        if id.hasPrefix("cq-") { return "province-chongqing" }
        if id.hasPrefix("sc-") { return "province-sichuan" }
        return nil
    }

    /// `value` with the discrepancy applied: ×exp(e) for gdp and population, +e/100 for a share (urbanisation
    /// rate stored as a fraction) or +e for a share in per cent (`percent: true`).
    public func apply(_ value: Double, _ f: Family, shock e: Double, percent: Bool = false) -> Double {
        switch f {
        case .gdp, .population: return value * exp(e)
        case .urbanisation: return value + (percent ? e : e / 100)
        }
    }

    /// FNV-1a 64 of `place|family`.
    static func placeKey(_ place: String, _ f: Family) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in place.utf8 + [0x7c] + f.rawValue.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        return h
    }

    /// A standard normal draw keyed by (place and family key, member, year): SplitMix64 seeded by the key
    /// mixed with the two integers, two outputs, Box–Muller.
    static func standardNormal(key: UInt64, member: Int, year: Int) -> Double {
        var state = key ^ (UInt64(truncatingIfNeeded: member) &* 0x9e37_79b9_7f4a_7c15)
        _ = splitMix(&state)
        state ^= UInt64(truncatingIfNeeded: year) &* 0xc2b2_ae3d_27d4_eb4f
        let u1 = (Double(splitMix(&state) >> 11) + 0.5) / 9_007_199_254_740_992
        let u2 = Double(splitMix(&state) >> 11) / 9_007_199_254_740_992
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    static func splitMix(_ s: inout UInt64) -> UInt64 {
        s &+= 0x9e37_79b9_7f4a_7c15
        var z = s
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}

extension ModelDiscrepancy {
    /// The last year whose change may enter the estimate: the vintage, and never past 2019 (the census break).
    static let lastEstimationYear = 2019
    static let firstEstimationYear = 2015

    /// σ of every family estimated from `history` read under the vintage rule; the circle scale from
    /// `provinceWeight` (circle-part GDP by province).
    static func estimate(
        history: HistoryData, vintage: Int, places: [String], provinceWeight: [String: Double]
    ) throws -> ModelDiscrepancy {
        var obs = VintagedObservations(history: history, vintage: vintage)
        let last = min(vintage, lastEstimationYear)
        let provinces = provinceWeight.keys.sorted()
        var gdpChanges: [[Double]] = []
        for p in provinces {
            var d: [Double] = []
            for year in firstEstimationYear...max(firstEstimationYear, last) {
                guard let g = try obs.valueIfPresent(p, "gdp_real_growth", year: year), let n = history.national("gdp_real_growth", year: year) else { continue }
                d.append((g - n) / 100)
            }
            gdpChanges.append(d)
        }
        let popChanges = try yearlyChanges("population", national: "population_yearend", places: places, last: last, log: true, obs: &obs)
        let urbChanges = try yearlyChanges("urbanisation", national: "urbanisation", places: places, last: last, log: false, obs: &obs)
        let total = provinceWeight.values.reduce(0, +)
        let scale = total > 0 ? provinceWeight.values.map { ($0 / total) * ($0 / total) }.reduce(0, +).squareRoot() : 1
        let weights = total > 0 ? Dictionary(uniqueKeysWithValues: provinceWeight.map { ("province-\($0.key)", $0.value / total) }) : [:]
        return ModelDiscrepancy(
            gdp: pooledWithinSD(gdpChanges), population: pooledWithinSD(popChanges), urbanisation: pooledWithinSD(urbChanges),
            vintage: vintage, circleScale: scale, circleWeights: weights,
            observations: ["gdp": gdpChanges.map(\.count).reduce(0, +), "population": popChanges.map(\.count).reduce(0, +),
                           "urbanisation": urbChanges.map(\.count).reduce(0, +)])
    }

    /// Per place, the changes between consecutive years ≤ `last` of `indicator` minus China's (log or pp).
    static func yearlyChanges(
        _ indicator: String, national: String, places: [String], last: Int, log useLog: Bool, obs: inout VintagedObservations
    ) throws -> [[Double]] {
        try places.map { place in
            var d: [Double] = []
            guard last > firstEstimationYear else { return d }
            for year in (firstEstimationYear + 1)...last {
                guard let a = try obs.valueIfPresent(place, indicator, year: year - 1), let b = try obs.valueIfPresent(place, indicator, year: year),
                      let na = obs.history.national(national, year: year - 1), let nb = obs.history.national(national, year: year) else { continue }
                d.append(useLog ? Foundation.log(b / a) - Foundation.log(nb / na) : (b - a) - (nb - na))
            }
            return d
        }
    }

    /// The fewest jurisdictions a year must report for its cross-section to count (`jurisdictionSigma`), (M).
    static let minimumCrossSection = 5

    /// σ of a jurisdiction's own walk of family `f`: the pooled cross-sectional standard deviation of the
    /// jurisdictions' yearly change minus their province's, over the years ≤ min(V, 2019) in which at least
    /// `minimumCrossSection` jurisdictions report (each year about its own mean), in the units of the walk:
    /// - gdp: published real growth, 2015…, pp → log units. At V = 2019 that is 2018's 27 Chongqing districts and
    ///   Deyang (Chongqing's district figures up to 2020 are not reserved);
    /// - population: the log change of consecutive year-end figures, 2016…;
    /// - urbanisation: the change of consecutive year-end rates, pp, 2016….
    /// A cross-section also holds the places' lasting differences in pace, which a model that gives every
    /// district its province's sector shares does not explain either; so it bounds the innovation from above
    /// (stated in docs/MODEL.md §13). `points`: the changes behind it (0: no year qualifies).
    static func jurisdictionSigma(
        _ f: Family, history: HistoryData, vintage: Int, jurisdictions: [(id: String, province: String)]
    ) throws -> (sigma: Double, points: Int) {
        var obs = VintagedObservations(history: history, vintage: vintage)
        let last = min(vintage, lastEstimationYear), first = f == .gdp ? firstEstimationYear : firstEstimationYear + 1
        guard last >= first else { return (0, 0) }
        var years: [[Double]] = []
        for year in first...last {
            var d: [Double] = []
            for j in jurisdictions {
                guard let g = try yearlyChange(f, j.id, year: year, obs: &obs),
                      let p = try yearlyChange(f, j.province, year: year, obs: &obs) else { continue }
                d.append(g - p)
            }
            if d.count >= minimumCrossSection { years.append(d) }
        }
        return (pooledWithinSD(years), years.map(\.count).reduce(0, +))
    }

    /// The change of family `f` at `place` into `year`: published real growth (pp → log units), the log change
    /// of the year-end population, the change of the year-end urbanisation rate (pp); nil when a figure is missing.
    static func yearlyChange(_ f: Family, _ place: String, year: Int, obs: inout VintagedObservations) throws -> Double? {
        if f == .gdp { return try obs.valueIfPresent(place, "gdp_real_growth", year: year).map { $0 / 100 } }
        let indicator = f == .population ? "population" : "urbanisation"
        guard let a = try obs.valueIfPresent(place, indicator, year: year - 1), let b = try obs.valueIfPresent(place, indicator, year: year)
        else { return nil }
        return f == .population ? Foundation.log(b / a) : b - a
    }

    /// √(Σ_p Σ_k (d_pk − d̄_p)² / Σ_p (n_p − 1)) over the places with at least two changes; 0 when none has.
    static func pooledWithinSD(_ groups: [[Double]]) -> Double {
        var ss = 0.0, dof = 0
        for g in groups where g.count >= 2 {
            let m = g.reduce(0, +) / Double(g.count)
            ss += g.reduce(0) { $0 + ($1 - m) * ($1 - m) }
            dof += g.count - 1
        }
        return dof > 0 ? (ss / Double(dof)).squareRoot() : 0
    }
}

extension Simulator {
    /// The model discrepancy at `vintage` (`ModelDiscrepancy.estimate` on this dataset's history, the two
    /// provinces and the Sichuan cities), with population's σ the larger of the published series' innovation and
    /// the model's own in-sample error (`populationBridgeSigma`), and urbanisation's the larger of the innovation
    /// and the trend rule's own error before the vintage (`urbanisationHindcastSigma`).
    public func modelDiscrepancy(vintage: Int) throws -> ModelDiscrepancy {
        let gdp19 = structure.jurisdictions.map(\.gdp2019HundredMillionYuan.value)
        let (weight, _) = CircleHistory.provinceWeights(structure: structure, gdp2019: gdp19)
        let places = weight.keys.sorted() + dataset.jurisdictions.map(\.id).filter { $0.hasPrefix("sc-") }
        let d = try ModelDiscrepancy.estimate(history: dataset.history, vintage: vintage, places: places, provinceWeight: weight)
        let bridge = try ModelDiscrepancy.populationBridgeSigma(structure: structure, vintage: vintage)
        let js = dataset.jurisdictions.map { (id: $0.id, province: $0.province.rawValue) }
        var n = d.observations
        n["population-replay"] = bridge.points
        let population = max(d.population, bridge.sigma)
        let hindcast = try ModelDiscrepancy.urbanisationHindcastSigma(history: dataset.history, vintage: vintage, provinces: weight.keys.sorted())
        n["urbanisation-hindcast"] = hindcast.points
        let urbanisation = max(d.urbanisation, hindcast.sigma)
        let province: [ModelDiscrepancy.Family: Double] = [.gdp: 0, .population: population, .urbanisation: urbanisation]
        var jurisdiction: [ModelDiscrepancy.Family: Double] = [:]
        for f in ModelDiscrepancy.Family.allCases {
            let own = try ModelDiscrepancy.jurisdictionSigma(f, history: dataset.history, vintage: vintage, jurisdictions: js)
            n["\(f.rawValue)-jurisdictions"] = own.points
            // Without a qualifying cross-section (population and urbanisation at V = 2019: at most 3 Sichuan cities
            // a year publish consecutive pre-census figures) a jurisdiction's own walk gets its province's σ, (M);
            // GDP's is then 0 (no own walk).
            jurisdiction[f] = own.points > 0 ? own.sigma : province[f]
        }
        return ModelDiscrepancy(gdp: d.gdp, population: population, urbanisation: urbanisation, vintage: vintage,
                                circleScale: d.circleScale, circleWeights: d.circleWeights, jurisdiction: jurisdiction, observations: n)
    }
}

extension ModelDiscrepancy {
    /// The published province figures on the census basis that the replay is compared with (docs/MODEL.md §14):
    /// Chongqing's 2015 as revised after the 2020 census, Sichuan's first releases (the census confirmed them).
    static let replayComparisons: [(province: Province, vintage: String)] = [(.chongqing, "revised-census2020"), (.sichuan, "first-release")]

    /// Population's σ from the model's own error before the vintage: the census decade replayed zone by zone
    /// (`CensusBackcast`, anchored at the 2010 and 2020 censuses) against each province's published figures of
    /// 2011…min(V, 2019) on the census basis, as issue 16's in-sample check compares them (net of the circle part's
    /// census-decade gap, relative to the 2020 census). Between two anchors a random walk's variance at year t is
    /// σ²·(t − 2010)(2020 − t)/10 (a Brownian bridge), so `σ² = mean(e_k² / ((t_k − 2010)(2020 − t_k)/10))`.
    static func populationBridgeSigma(structure cs: CircleStructure, vintage: Int) throws -> (sigma: Double, points: Int) {
        let zones = try CensusBackcast.run(structure: cs)
        let h = cs.dataset.history
        var sum = 0.0, n = 0
        for (province, release) in replayComparisons {
            let prefix = province == .chongqing ? "cq-" : "sc-"
            let mine = zones.filter { $0.id.hasPrefix(prefix) }
            guard let census = h.observation(province.rawValue, "population_census", year: 2020)?.value else { continue }
            let end = mine.reduce(0.0) { $0 + ($1.path[2020] ?? .nan) }
            let gap = Backtest.provinceGap(cs, province)
            for year in 2011...min(vintage, lastEstimationYear) {
                guard let o = h.observations.first(where: {
                    $0.region == province.rawValue && $0.indicator == "population" && $0.year == year && $0.vintage == release
                }) else { continue }
                let model = mine.reduce(0.0) { $0 + ($1.path[year] ?? .nan) } / end / exp(-gap * Double(2020 - year))
                let e = log(model / (o.value / census))
                guard e.isFinite else { continue }
                sum += e * e / (Double(year - 2010) * Double(2020 - year) / 10)
                n += 1
            }
        }
        return (n > 0 ? (sum / Double(n)).squareRoot() : 0, n)
    }
}

extension ModelDiscrepancy {
    /// Member `m` of an ensemble with its discrepancy draw: every cell of a family's indicator (GDP per head:
    /// the GDP shock less the population shock) after the vintage, and the goals on those indicators re-judged.
    func perturbed(_ member: Ensemble.Member, index m: Int, central: Trajectory) -> Ensemble.Member {
        var cells = member.cells
        let years = central.years, nY = years.count, places = central.places
        // Each family's shocks of every place, drawn once per member and family (on first use).
        var paths: [Family: [[Double]]] = [:]
        func path(_ f: Family) -> [[Double]] {
            if let p = paths[f] { return p }
            let p = places.map { shocks(f, place: $0.id, circle: $0.kind == .circle, member: m, years: years, origin: vintage) }
            paths[f] = p
            return p
        }
        for (i, ind) in central.indicators.enumerated() {
            let perHead = ind.id == "gdp_per_capita"
            guard let f = perHead ? .gdp : Self.family(ofIndicator: ind.id) else { continue }
            let e = path(f), ePop = perHead ? path(.population) : []
            for p in places.indices {
                for y in 0..<nY where years[y] > vintage {
                    let c = (i * places.count + p) * nY + y
                    guard cells[c].isFinite else { continue }
                    cells[c] = perHead ? cells[c] * exp(e[p][y] - ePop[p][y]) : apply(cells[c], f, shock: e[p][y])
                }
            }
        }
        let goals = zip(central.goals, member.goals).map { g, o -> Ensemble.GoalOutcome in
            guard let v = o.value, g.year > vintage, let f = Self.family(ofIndicator: g.indicatorID) else { return o }
            let circle = g.place == "circle"
            let v2 = apply(v, f, shock: shock(f, place: g.place, circle: circle, member: m, year: g.year, origin: vintage))
            return Ensemble.GoalOutcome(met: g.comparison.isMet(value: v2, target: g.target, band: g.band), value: v2)
        }
        return Ensemble.Member(cells: cells, goals: goals)
    }
}

extension ModelDiscrepancy {
    /// The first year the hindcast reads: the 2010 census.
    static let hindcastFirstYear = 2010

    /// Urbanisation's σ from the model's own trend rule before the vintage (a pseudo-out-of-sample hindcast, the
    /// analogue of `populationBridgeSigma`): at every pseudo-vintage v whose province has first-release rates for
    /// v − 4 and v, the rule — the logit pace of those four years, continued — forecasts each later published rate
    /// of year t ≤ min(V, 2019) (the census break). A random walk's error variance grows with the horizon, so
    /// `σ² = mean(e² / (t − v))`, e in pp. The province's rate on the plain logit (ceiling 1: its aggregate has no
    /// single ceiling; `logitLinearRate`, `logitLinearUrbanShare` as the run's rule), unconditional on China's pace
    /// (M). `points`: the errors behind it.
    static func urbanisationHindcastSigma(history: HistoryData, vintage: Int, provinces: [String]) throws -> (sigma: Double, points: Int) {
        var obs = VintagedObservations(history: history, vintage: vintage)
        let last = min(vintage, lastEstimationYear)
        guard last >= hindcastFirstYear else { return (0, 0) }
        let window = RunSetup.urbanTrendWindow
        var sum = 0.0, n = 0
        for p in provinces {
            var rate: [Int: Double] = [:]
            for year in hindcastFirstYear...last { rate[year] = try obs.valueIfPresent(p, "urbanisation", year: year).map { $0 / 100 } }
            for v in rate.keys.sorted() {
                guard let uv = rate[v], let u0 = rate[v - window] else { continue }
                let k = logitLinearRate(from: u0, to: uv, years: Double(window), ceiling: 1)
                for t in (v + 1)...max(v + 1, last) {
                    guard t <= last, let ut = rate[t] else { continue }
                    let h = Double(t - v)
                    let e = 100 * (ut - logitLinearUrbanShare(uv, rate: k * h, ceiling: 1))
                    sum += e * e / h
                    n += 1
                }
            }
        }
        return (n > 0 ? (sum / Double(n)).squareRoot() : 0, n)
    }
}
