import BaseData
import Foundation
import ScenarioSpec
import Testing
import TestFixtures
@testable import SimulationEngine

/// Issue 15: the history scenario, the vintage rule and the backtest.
@Suite("History, vintages and backtesting", .serialized, .tags(.slow), .skippedInFastRuns)
struct HistoryTests {
    static func history(vintage: Int) throws -> Scenario {
        try Shared.scenario("history").overriding(["calibration.vintage": Double(vintage)])
    }

    static func record(vintage: Int) throws -> RunRecord {
        let sim = try Shared.simulator.get()
        var prepared: PreparedBaseYear?
        let s = try history(vintage: vintage)
        let cf = try sim.simulate(s, applyLevers: false, kappa: nil, until: 2025, mode: .fast, progress: nil, prepared: &prepared)
        return try sim.simulate(s, applyLevers: true, kappa: cf.kappa, until: 2025, mode: .fast, progress: nil, prepared: &prepared)
    }

    static let backtest2019 = Result { try Backtest.run(simulator: Shared.simulator.get(), scenario: Shared.scenario("history"), vintage: 2019) }

    @Test("the calibration at V reads no regional observation after V", arguments: [2019, 2022])
    func vintageRule(vintage: Int) throws {
        let rec = try Self.record(vintage: vintage)
        let years = rec.observationsRead.compactMap { Int($0.split(separator: ":").last ?? "") }
        #expect(years.allSatisfy { $0 <= vintage }, "read after \(vintage): \(rec.observationsRead)")
        if vintage == 2022 {
            // 2020–2022 growth of both provinces and the four years of the excess: it does read history.
            #expect(rec.observationsRead.contains("sichuan:gdp_real_growth:2022"))
            #expect(rec.observationsRead.contains("chongqing:gdp_real_growth:2019"))
        } else {
            // V = 2019 reads the cities' own R&D intensity (2018) and, for the technical-progress calibration,
            // the provinces' 2015–19 real growth and 2019 contributions, besides the 2019 base data.
            #expect(rec.observationsRead.contains("sc-mianyang:rd_intensity:2018"))
            #expect(rec.observationsRead.contains("chongqing:tech_progress_contribution:2019"))
            let kinds = [":rd_intensity:", ":gdp_real_growth:", ":tech_progress_contribution:"]
            #expect(rec.observationsRead.allSatisfy { r in kinds.contains { r.contains($0) } }, "\(rec.observationsRead)")
        }
        // The backtest's benchmarks read through the same rule.
        let bt = try Self.backtest2019.get()
        let btYears = bt.observationsRead.compactMap { Int($0.split(separator: ":").last ?? "") }
        #expect(!btYears.isEmpty && btYears.allSatisfy { $0 <= 2019 })
    }

    @Test("an observation after the vintage is refused with a message naming it")
    func readAfterVintageIsAnError() throws {
        var obs = VintagedObservations(history: try Shared.dataset.get().history, vintage: 2019)
        #expect(try obs.value("sichuan", "gdp_real_growth", year: 2019) == 7.5)
        do {
            _ = try obs.value("sichuan", "gdp_real_growth", year: 2020)
            Issue.record("a 2020 observation was read at vintage 2019")
        } catch let e as SimulationError {
            #expect("\(e)".contains("sichuan gdp_real_growth 2020"))
        }
        #expect(obs.reads == ["sichuan:gdp_real_growth:2019"])
    }

    @Test("history reproduces the 2020 speed-up and the openings; the baseline keeps 82.5 minutes")
    func realisedEvents() throws {
        let sim = try Shared.simulator.get()
        let h = try sim.run(try Self.history(vintage: 2019), until: 2025)
        let b = try Shared.trajectory("baseline")
        #expect(abs((h.value("cq_cd_rail_minutes", in: 2020) ?? 0) - 82.5) < 1e-6)
        for year in 2021...2025 {
            #expect(abs((h.value("cq_cd_rail_minutes", in: year) ?? 0) - 60) < 1e-9, "\(year)")
            #expect(abs((b.value("cq_cd_rail_minutes", in: year) ?? 0) - 82.5) < 1e-6, "\(year)")
        }
        // The speed-up adds no route-km; 渝昆 (2024) and 渝湘 (2025) add theirs.
        let extra = { (y: Int) in (h.value("rail_km", in: y) ?? 0) - (b.value("rail_km", in: y) ?? 0) }
        #expect(abs(extra(2023)) < 1e-9)
        #expect(extra(2024) > 50)
        #expect(extra(2025) > extra(2024) + 50)
    }

    @Test("the realised national path: COVID-2020 in circle growth and the realised deflator in current prices")
    func realisedNationalPath() throws {
        let sim = try Shared.simulator.get()
        let h = try sim.run(try Self.history(vintage: 2019), until: 2025)
        let b = try Shared.trajectory("baseline")
        // Under the forecast closure (κ held from 2020 at V = 2019) the national slump of 2020 (2.3 %) reaches the
        // circle through exports and the rest of China's demand: 4.45 % (observed 4.0 %), more than a point
        // below the baseline's 2020 on the 2019 projection (5.8 % nationally).
        let g2020 = try #require(h.value("gdp_growth", in: 2020))
        #expect(g2020 > 0.035 && g2020 < 0.055, "\(g2020)")
        #expect(try #require(b.value("gdp_growth", in: 2020)) > g2020 + 0.01)
        // Current prices = real × the regional deflator (issue 17, docs/MODEL.md §7a): the realised national deflator
        // Π(1 + d) (0.67 %, 4.38 %, 2.24 %, −0.54 %, −0.79 %) times the circle's relative unit costs, which stay within
        // 5 % of 1 and are not 1 (before the price block current/real was exactly the national index).
        let d = [0.0067, 0.0438, 0.0224, -0.0054, -0.0079]
        var index = 1.0
        for (k, year) in (2020...2024).enumerated() {
            index *= 1 + d[k]
            let real = try #require(h.value("gdp", in: year)), current = try #require(h.value("gdp_current_prices", in: year))
            let deflator = try #require(h.value("gdp_deflator", in: year))
            #expect(abs(current / real - deflator) < 1e-12, "\(year)")
            #expect(abs(deflator / index - 1) < 0.05 && abs(deflator / index - 1) > 1e-4, "\(year): \(deflator) vs national \(index)")
        }
    }

    /// The backtest at V = 2019, pinned (the table of the closing note). A model change that moves these
    /// is deliberate: update the numbers with the reason in the commit. Issue 17's price block (current-price GDP =
    /// real × the regional deflator instead of real × the national one) moved GDP: circle 0.89 → 1.10, provinces
    /// 1.34 → 1.45, cities 3.01 → 3.54 (still below B1's 3.64), and population through migration's real wage. Merged
    /// with the migration trend and the participation schedule: circle 1.32, provinces 1.67, cities 3.54; population
    /// provinces 0.14 (below B1's 0.17), cities 0.76. The unit labour cost in the unit value-added cost (the wage over
    /// the productivity it is indexed to; relative TFP on the non-labour part) and R&D within GFCF (issue 17's missed
    /// points): circle 1.32 → 0.80, provinces 1.67 → 1.20, cities 3.54 → 3.52; population provinces 0.14 → 0.15, cities
    /// 0.76 → 0.73 (migration's real wage reads the CPI, which moved). The 2019 settlement opening in history.yaml
    /// (NDRC's 2019 task: the barrier removed from 2020 outside the two cores): population cities 0.73 → 0.57 (成都
    /// +4.2 → +3.6 % against the observed +2.2 % by 2023), provinces 0.15 → 0.16 (B1 0.17); GDP circle 0.80 → 0.76,
    /// provinces 1.20 → 1.16, cities 3.52 → 3.49; urbanisation provinces 0.26 → 0.24. The employment closure that
    /// clears through the wage (a lever's jobs met by the run's labour force, the migrants it drew included; the
    /// settlement opening is a lever): GDP circle 0.76 → 0.63, provinces 1.16 → 1.01, cities 3.49 → 3.37; population
    /// provinces 0.163 → 0.160 (B1 0.166), cities 0.570 → 0.560.
    @Test("backtest at vintage 2019: pinned metrics")
    func backtestPinned() throws {
        let r = try Self.backtest2019.get()
        let pinned: [(String, String, String, Double)] = [
            ("gdp_current", "circle", "model", 0.63), ("gdp_current", "circle", "B1", 1.71),
            ("gdp_current", "province", "model", 1.01), ("gdp_current", "province", "B1", 1.86), ("gdp_current", "province", "B2", 16.03),
            ("gdp_current", "city", "model", 3.37), ("gdp_current", "city", "B1", 3.64), ("gdp_current", "city", "B2", 17.83),
            // Population with the late-2010s migration trend γ_p·d(t) (Chongqing's net migration slowed from 2010→15
            // to 2015→20, Sichuan's flat): 0.20 → 0.14 (provinces, below B1's 0.17), cities 0.76; 0.15 and 0.73 since the
            // unit labour cost.
            ("population", "province", "model", 0.16), ("population", "province", "B1", 0.17), ("population", "city", "model", 0.56), ("population", "city", "B1", 1.09),
            ("urbanisation", "province", "model", 0.24), ("urbanisation", "city", "model", 0.38),
        ]
        for (indicator, level, method, mape) in pinned {
            let s = try #require(r.score(indicator, level, method), "\(indicator) \(level) \(method)")
            #expect(abs((s.mape ?? .nan) - mape) < 0.05, "\(indicator) \(level) \(method): MAPE \(String(describing: s.mape)) vs pinned \(mape)")
        }
        #expect(r.points.allSatisfy { $0.year > 2019 && $0.observed.isFinite && $0.model.isFinite })
        #expect(r.points.filter { $0.indicator == "gdp_current" && $0.level == "city" }.count >= 40)
    }

    /// Issue 17's bars on the Sichuan cities' GDP at current prices (V = 2019): MAPE ≤ 5 % and below both naive
    /// benchmarks; the cross-place correlation of 2019 → last growth r ≥ 0.4 and its spread within ±50 % of the
    /// observed. With the regional deflator on the relative wage (ŵ/P̂ω_nat) r was 0.36: the deflator moved with each
    /// city's real output per worker (r 0.50 with real growth, 0.04 with the observed); with the unit labour cost it
    /// is 0.45 (spread 1.16; real growth × P̂ alone gives 0.58); with the wage-cleared employment closure 0.45, spread
    /// 1.08, MAPE 3.37 % (B1 3.64, B2 17.83).
    @Test("backtest at vintage 2019: the cities' GDP bars (MAPE below B1 and B2, r ≥ 0.4, spread 0.5–1.5)")
    func cityGDPBars() throws {
        let r = try Self.backtest2019.get()
        let m = try #require(r.score("gdp_current", "city", "model"))
        let b1 = try #require(r.score("gdp_current", "city", "B1")), b2 = try #require(r.score("gdp_current", "city", "B2"))
        let mape = try #require(m.mape)
        #expect(mape <= 5 && mape < (b1.mape ?? 0) && mape < (b2.mape ?? 0), "MAPE \(mape) vs B1 \(String(describing: b1.mape)), B2 \(String(describing: b2.mape))")
        let corr = try #require(m.growthCorrelation), spread = try #require(m.spreadRatio)
        #expect(corr >= 0.4, "r \(corr)")
        #expect(spread >= 0.5 && spread <= 1.5, "spread \(spread)")
        print("cities' GDP: MAPE \(mape), r \(corr), spread \(spread), Theil U \(String(describing: m.theilU)) (B1 \(String(describing: b1.theilU)))")
    }

    /// Issue 16's bar: each province's urbanisation pace 2020 → 2024 within 0.2 pp a year of the published one
    /// (Chongqing 69.46 → 72.14 %, 0.67 pp/yr; Sichuan 56.70 → 60.10 %, 0.85 pp/yr). The model's circle parts:
    /// 0.81 and 0.92 pp/yr (the in-situ trend net of migration's composition effect, times the national pace).
    /// Issue 16's out-of-sample population bars (V = 2019): the sign of the 2020 → last change agrees for at least
    /// 80 % of the Sichuan cities and the provinces (those whose observed change is at least 0.05 % a year: 10 cities
    /// and Chongqing; Sichuan's −0.02 % a year is left out), r across places ≥ 0.6, and the model's MAPE below both
    /// naive benchmarks at city and province level. The sign passes narrowly: 绵阳's change is +0.02 % against the
    /// observed +0.61 %; 泸州 and 宜宾 still fall against the observed gains (docs/MODEL.md §14).
    @Test("backtest at vintage 2019: population bars (sign ≥ 80 %, r ≥ 0.6, MAPE below B1 and B2)")
    func populationBars() throws {
        let r = try Self.backtest2019.get()
        // Each place's change a year from the origin to its last point, observed and modelled (recomputed here).
        var last: [String: BacktestPoint] = [:]
        for p in r.points where p.indicator == "population" && (p.level == "city" || p.level == "province") {
            if p.year >= (last[p.place]?.year ?? Int.min) { last[p.place] = p }
        }
        let changes = last.values.map { p in
            (observed: log(p.observed / p.originValue) / Double(p.horizon), model: log(p.model / p.originValue) / Double(p.horizon))
        }
        let counted = changes.filter { abs($0.observed) >= 0.0005 }
        let agree = counted.filter { ($0.observed > 0) == ($0.model > 0) }.count
        #expect(counted.count == 11 && Double(agree) / Double(counted.count) >= 0.8, "\(agree) of \(counted.count)")
        let city = try #require(r.score("population", "city", "model"))
        #expect((city.growthCorrelation ?? 0) >= 0.6)
        for level in ["city", "province"] {
            let m = try #require(r.score("population", level, "model")?.mape)
            for b in ["B1", "B2"] {
                let bench = try #require(r.score("population", level, b)?.mape)
                #expect(m < bench, "\(level): model \(m) vs \(b) \(bench)")
            }
        }
    }

    @Test("provinces' urbanisation pace 2020–2024 within 0.2 pp a year of the published (V = 2019)")
    func urbanisationPace() throws {
        let r = try Self.backtest2019.get()
        for place in ["chongqing", "sichuan"] {
            let last = try #require(r.points.filter { $0.indicator == "urbanisation" && $0.place == place }.max { $0.year < $1.year })
            #expect(last.year == 2024)
            let h = Double(last.horizon)
            let model = (last.model - last.originValue) / h, observed = (last.observed - last.originValue) / h
            #expect(abs(model - observed) <= 0.2, "\(place): model \(model) pp/yr, published \(observed)")
        }
    }

    /// MODEL-v3 §2's basis for Chongqing: its circle part grew faster than the municipality over the census
    /// decade (2010 → 2020, in logs: +1.41 against +1.05 % a year), so the model's circle-part population is compared after
    /// removing that gap; GDP and urbanisation are not corrected.
    @Test("Chongqing's population is compared net of the census-decade gap between circle part and municipality")
    func chongqingGap() throws {
        let sim = try Shared.simulator.get()
        let gap = Backtest.chongqingGap(sim.structure)
        #expect(gap > 0.002 && gap < 0.005, "\(gap)")
        let r = try Self.backtest2019.get()
        #expect(r.notes.contains { $0.hasPrefix("Chongqing's census-decade gap") })
        let t = try sim.run(try Self.history(vintage: 2019), until: 2025)
        let pts = r.points.filter { $0.place == "chongqing" && $0.indicator == "population" }
        #expect(pts.count == 4)
        for p in pts {
            let m = try #require(t.value("population", at: "province-chongqing", in: p.year))
            let m0 = try #require(t.value("population", at: "province-chongqing", in: p.origin))
            #expect(abs(p.model / (p.originValue * m / m0 * exp(-gap * Double(p.horizon))) - 1) < 1e-6, "\(p.year)")
        }
    }

    @Test("circle GDP at current prices 2020–2024 against the first releases (V = 2019)")
    func circleGDP() throws {
        let r = try Self.backtest2019.get()
        let circle = r.points.filter { $0.indicator == "gdp_current" && $0.level == "circle" }
        #expect(Set(circle.map(\.year)) == [2021, 2022, 2023, 2024])
        for p in circle {
            // Within 3 % in every published year (issue 15 and issue 17's bar). Before the price block: −0.73, +1.84,
            // +1.38, +0.61 % (2021–24); the price block alone (regional deflator): −3.33, +0.06, −0.46, −0.56 %; merged with
            // the migration trend and the participation schedule: −2.60, +1.04, +0.76, +0.90 %; with the unit labour cost
            // and R&D within GFCF: −1.65, +0.70, +0.47, +0.36 %; with the wage-cleared employment closure: −1.90, +0.53,
            // +0.04, −0.05 %.
            let bar = 0.03
            #expect(abs(p.model / p.observed - 1) < bar, "\(p.year): \(p.model) vs \(p.observed)")
        }
    }

    /// The circle's population is published after the census only for 2022 (9,874.5万) and 2024 (9,853.5万), on a
    /// wider basis than the model's 42 jurisdictions (the plan's circle includes parts of 开州 and 云阳), so it is
    /// scored as its change from 2022 (`Backtest.placeOrigin`). Issue 16 asks it to fall, as published (−0.11 % a
    /// year); at V = 2019 the model's rises (9,620.8 → 9,627.1万, +0.03 % a year): a known miss (docs/MODEL.md §14,
    /// "Why the circle's population does not fall"), recorded as one so that this test fails when the model comes
    /// right and the bar can become a plain expectation.
    @Test("the circle's population 2022 → 2024 (V = 2019): scored from its first published year; its fall is a known miss")
    func circlePopulation() throws {
        let r = try Self.backtest2019.get()
        let pts = r.points.filter { $0.indicator == "population" && $0.level == "circle" }
        let p = try #require(pts.first)
        #expect(pts.count == 1 && p.origin == 2022 && p.year == 2024 && p.horizon == 2)
        #expect(p.originValue == 9874.5 && p.observed == 9853.5)
        let t = try Shared.simulator.get().run(try Self.history(vintage: 2019), until: 2025)
        let m24 = try #require(t.value("population", at: "circle", in: 2024))
        let m22 = try #require(t.value("population", at: "circle", in: 2022))
        #expect(abs(p.model / (9874.5 * m24 / m22) - 1) < 1e-6, "\(p.model)")
        // B1: China's year-end population 141,175 → 140,828万 (NBS); B2: the circle has no 2015–19 series.
        #expect(abs(try #require(p.nationalRate) - 9874.5 * 140828 / 141175) < 1e-6)
        #expect(p.ownTrend == nil)
        #expect(r.score("population", "circle", "model")?.signAgreement == 0)
        #expect(r.score("population", "circle", "B1")?.signAgreement == 100)
        withKnownIssue("issue 16: the circle's population does not fall 2022 → 2024 at V = 2019") {
            #expect(p.model < p.originValue)
        }
    }

    /// B2 after the census: population and urbanisation trends start at 2020 when V > 2020 — 成都's first-release
    /// 2019 (1,658.1万) sits 26 % below its 2020 figure (2,094.7万), the census revision, not growth.
    @Test("B2's own trend does not span the 2020 census revision at V > 2020")
    func ownTrendAfterCensus() throws {
        let ds = try Shared.simulator.get().dataset
        var obs = VintagedObservations(history: ds.history, vintage: 2022)
        let chengdu = try #require(try Backtest.ownTrend("population", region: "sc-chengdu", vintage: 2022, share: false, observations: &obs))
        #expect(abs(chengdu - ((2126.8 / 2094.7).squareRoot() - 1)) < 1e-12, "\(chengdu)")
        let urban = try #require(try Backtest.ownTrend("urbanisation", region: "sc-chengdu", vintage: 2022, share: true, observations: &obs))
        #expect(abs(urban - (79.89 - 78.77) / 2) < 1e-12)
        // The circle's only earlier figure is 2019's (rounded, before the census): no trend.
        #expect(try Backtest.ownTrend("population", region: "circle", vintage: 2022, share: false, observations: &obs) == nil)
        #expect(!obs.reads.contains { $0.hasSuffix(":2019") || $0.hasSuffix(":2015") })
        // GDP keeps the 2015 start (no break): 成都 2015 → 2022.
        _ = try Backtest.ownTrend("gdp_current", region: "sc-chengdu", vintage: 2022, share: false, observations: &obs)
        #expect(obs.reads.contains("sc-chengdu:gdp_current:2015"))
    }

    /// Hand example: two places, known metrics.
    @Test("metrics on a hand example")
    func metricsByHand() {
        func point(_ place: String, _ year: Int, observed: Double, model: Double) -> BacktestPoint {
            BacktestPoint(indicator: "gdp_current", level: "city", place: place, year: year, horizon: year - 2019, observed: observed,
                          model: model, nationalRate: nil, ownTrend: nil, origin: 2019, originValue: 100)
        }
        let pts = [point("a", 2020, observed: 110, model: 121), point("b", 2020, observed: 100, model: 90),
                   point("c", 2020, observed: 105, model: 105)]
        let s = Backtest.score(pts, method: "model") { $0.model }
        // APE: 0.1, 0.1, 0 → MAPE 6.667 %; PE: +0.1, −0.1, 0 → bias 0.
        #expect(abs((s.mape ?? 0) - 100.0 * 0.2 / 3) < 1e-12)
        #expect(abs(s.bias ?? 1) < 1e-12)
        // U = sqrt(0.11² + 0.1² + 0)/sqrt(0.1² + 0 + 0.05²).
        let u = (0.11 * 0.11 + 0.1 * 0.1).squareRoot() / (0.01 + 0.0025).squareRoot()
        #expect(abs((s.theilU ?? 0) - u) < 1e-12)
        // Growth a year: observed ln1.1, 0, ln1.05; model ln1.21, ln0.9, ln1.05.
        let o = [log(1.1), 0, log(1.05)], m = [log(1.21), log(0.9), log(1.05)]
        #expect(abs((s.growthCorrelation ?? 0) - (Backtest.pearson(m, o) ?? 9)) < 1e-15)
        // b's observed change is 0 (< 0.05 %/yr): left out of the sign count; a and c agree.
        #expect(s.signAgreement == 100)
    }

    /// `--fail-if-worse`'s cells on a hand result: B1 off by 20 % and 10 %, B2 exact on one point.
    @Test("Backtest.losses names the cells where a benchmark beats the model, and none where none does")
    func lossesByHand() {
        func point(_ place: String, model: Double, b1: Double, b2: Double?) -> BacktestPoint {
            BacktestPoint(indicator: "population", level: "city", place: place, year: 2021, horizon: 1, observed: 100,
                          model: model, nationalRate: b1, ownTrend: b2, origin: 2020, originValue: 99)
        }
        func result(_ pts: [BacktestPoint]) -> BacktestResult {
            BacktestResult(scenario: "hand", vintage: 2019, points: pts, scores: Backtest.scores(pts), notes: [], observationsRead: [])
        }
        let good = result([point("a", model: 101, b1: 120, b2: nil), point("b", model: 99, b1: 90, b2: nil)])
        #expect(Backtest.losses(good, metric: "mape").isEmpty)
        #expect(Backtest.losses(good, metric: "unknown").isEmpty)
        // Model MAPE 1 %; B2 has b alone, exact (0 %): the model loses on MAPE to B2, not to B1 (15 %).
        let bad = result([point("a", model: 101, b1: 120, b2: nil), point("b", model: 99, b1: 90, b2: 100)])
        #expect(Backtest.losses(bad, metric: "mape") == ["population city: model mape worse than B2"])
    }
}
