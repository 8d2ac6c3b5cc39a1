@testable import BaseData
import Foundation
import ScenarioSpec
import Testing
@testable import SimulationEngine

/// Issue 18, coverage: the model discrepancy of the predictive bands (docs/MODEL.md §13): its σ against a hand
/// computation from the published figures, the vintage rule, the generator's moments, common random numbers,
/// and shards that still merge exactly.
@Suite("Model discrepancy of ensembles")
struct ModelDiscrepancyTests {
    /// σ_GDP by hand: the provinces' published real growth minus China's, 2015–2019 (first releases: Chongqing
    /// 11.0, 10.7, 9.3, 6.0, 6.3; Sichuan 7.9, 7.7, 8.1, 8.0, 7.5; China 6.9, 6.7, 6.9, 6.6, 6.1 per cent).
    /// Differences 4.1, 4.0, 2.4, −0.6, 0.2 (mean 2.02) and 1.0, 1.0, 1.2, 1.4, 1.4 (mean 1.2): the squared
    /// deviations sum to 18.568 + 0.16 = 18.728 over 4 + 4 degrees of freedom, σ = √2.341 = 1.5300 pp.
    @Test func gdpSigmaMatchesTheHandComputation() throws {
        let sim = try Shared.simulator.get()
        let d = try sim.modelDiscrepancy(vintage: 2019)
        #expect(abs(d.gdp - 0.015300) < 1e-5, "σ_GDP \(d.gdp)")
        #expect(d.observations["gdp"] == 10)
        // The circle scale: √(w_CQ² + w_SC²) with the circle parts' 2019 GDP shares, between 1/√2 and 1.
        #expect(d.circleScale > 0.7071 && d.circleScale < 1)
        // Urbanisation: the larger of the published series' innovation (few consecutive pre-2020 pairs, smooth series:
        // 0.034 pp) and the trend rule's hindcast error. The hindcast by hand (first releases, pp): Chongqing 2011–15,
        // 2018, 2019; Sichuan 2010–15, 2017–19. Pseudo-vintages with a rate four years before: Chongqing 2015 (pace of
        // 2011 → 2015; errors +0.3129 in 2018, +0.2455 in 2019), 2018 (−0.1109 in 2019); Sichuan 2014 (−0.1652, −0.1850,
        // −0.2435, −0.2972 in 2015, 2017–19), 2015 (+0.1356, +0.1538, +0.1757 in 2017–19), 2017 (+0.0245, +0.0530),
        // 2018 (+0.0061): 13 errors, σ = √(mean e²/h) = 0.11024 pp.
        #expect(abs(d.urbanisation - 0.110244) < 1e-5 && d.observations["urbanisation-hindcast"] == 13, "σ_urb \(d.urbanisation)")
        var obs = VintagedObservations(history: sim.structure.dataset.history, vintage: 2019)
        let innovation = ModelDiscrepancy.pooledWithinSD(try ModelDiscrepancy.yearlyChanges(
            "urbanisation", national: "urbanisation", places: ["chongqing", "sichuan"], last: 2019, log: false, obs: &obs))
        #expect(innovation < 0.05 && innovation < d.urbanisation, "innovation \(innovation)")
        // Population: the larger of the published series' innovation and the model's own in-sample error (the
        // census-decade replay against Sichuan's 2015, 2017, 2018, 2019 and Chongqing's revised 2015; Chongqing's
        // 2015 miss alone, −0.60 %, bridge variance factor 2.5, one of five points, bounds σ² from below). The
        // innovation by hand: the places with two or more consecutive pre-census pairs relative to China are Sichuan
        // (2018, 2019: 0.000881, 0.000727) and 成都 (2017–19: 0.002637, 0.013820, 0.011912); squared deviations
        // 1.1e-8 + 7.153e-5 over 1 + 2 degrees of freedom: σ = √2.385e-5 = 0.4884 %, above the replay's.
        let bridge = try ModelDiscrepancy.populationBridgeSigma(structure: sim.structure, vintage: 2019)
        #expect(bridge.points == 5)
        #expect(abs(d.population - 0.004884) < 2e-6 && d.population > bridge.sigma, "σ_pop \(d.population)")
        #expect(d.observations["population-replay"] == 5 && d.observations["population"] == 8)
        #expect(bridge.sigma * bridge.sigma >= 0.0059 * 0.0059 / 2.5 / 5 && bridge.sigma < 0.005, "σ_pop \(bridge.sigma)")
        // At V = 2016 only the 2015 figures count.
        #expect(try ModelDiscrepancy.populationBridgeSigma(structure: sim.structure, vintage: 2016).points == 2)
    }

    /// A jurisdiction's own GDP σ by hand: 2018 is the only year ≤ 2019 in which at least five jurisdictions publish
    /// real growth: the circle's 27 Chongqing districts (−2.8 … 10.1 %, against Chongqing's 6.0 %; the optional
    /// partial units 开州 and 云阳 are not jurisdictions of the dataset) and Deyang (9.0 against Sichuan's 8.0). The
    /// 28 differences have mean 0.4286 pp and squared deviations 314.357 over 27 degrees of freedom:
    /// σ = √11.643 = 3.4122 pp. At V = 2017 no year qualifies and the σ is 0. Population and urbanisation
    /// have too little such evidence: consecutive pre-census year-ends of at most 3 Sichuan cities a year (2018:
    /// 成都, 绵阳; 2019: 成都, 达州, 遂宁; urbanisation 2018 成都, 绵阳, 遂宁 and 2019 成都, 遂宁, 内江; 九龙坡's and
    /// 黔江's 2017–18 rates do not count without Chongqing's 2017 rate), so no year qualifies and a jurisdiction's
    /// own walk takes its province's σ, (M).
    @Test func jurisdictionSigmaMatchesTheHandComputation() throws {
        let sim = try Shared.simulator.get()
        let d = try sim.modelDiscrepancy(vintage: 2019)
        #expect(abs((d.jurisdiction[.gdp] ?? 0) - 0.034122) < 1e-5, "σ_GDP,j \(d.jurisdiction)")
        #expect(d.observations["gdp-jurisdictions"] == 28)
        #expect(d.observations["population-jurisdictions"] == 0 && d.observations["urbanisation-jurisdictions"] == 0)
        #expect(d.jurisdiction[.population] == d.population && d.jurisdiction[.urbanisation] == d.urbanisation)
        #expect(try sim.modelDiscrepancy(vintage: 2017).jurisdiction[.gdp] == 0)
        // The circle: the provinces' walks weighted by their circle parts' 2019 GDP, Sichuan the larger.
        #expect(abs(d.circleWeights.values.reduce(0, +) - 1) < 1e-12)
        #expect((d.circleWeights["province-sichuan"] ?? 0) > (d.circleWeights["province-chongqing"] ?? 1))
    }

    /// The population and urbanisation cross-sections on a toy history (province `p`, five jurisdictions, year-ends
    /// 2017–2019). Population: p grows 100 → 101 → 102; the jurisdictions' 2018 log changes ln 1.02, ln 1.01,
    /// ln 1.00, ln 0.99, ln 1.03 less p's ln 1.01 have squared deviations about their mean summing to 0.00098055;
    /// 2019 has only four jurisdictions reporting and does not count: σ = √(0.00098055 / 4) = 0.015657 (5 points).
    /// Urbanisation (pp): p 50 → 51 → 52; the jurisdictions' 2018 and 2019 rises 1.2, 0.8, 1.0, 1.4, 0.6 and 1.0, 1.0, 1.0, 1.0, 1.5,
    /// less p's 1.0: squared deviations 0.40 and 0.20 over 4 + 4 degrees of freedom, σ = √0.075 = 0.27386 pp.
    @Test func populationAndUrbanisationCrossSectionsOnAToy() throws {
        func o(_ r: String, _ i: String, _ y: Int, _ v: Double) -> Observation {
            Observation(region: r, indicator: i, year: y, value: v, unit: "", vintage: "first-release", provenance: .source, sourceIDs: ["x"], method: "")
        }
        var rows = [o("p", "population", 2017, 100), o("p", "population", 2018, 101), o("p", "population", 2019, 102)]
        rows += [o("p", "urbanisation", 2017, 50), o("p", "urbanisation", 2018, 51), o("p", "urbanisation", 2019, 52)]
        let pop2018 = [1.02, 1.01, 1.00, 0.99, 1.03], urb = [[1.2, 0.8, 1.0, 1.4, 0.6], [1.0, 1.0, 1.0, 1.0, 1.5]]
        for k in 0..<5 {
            rows += [o("j\(k)", "population", 2017, 10), o("j\(k)", "population", 2018, 10 * pop2018[k])]
            if k < 4 { rows.append(o("j\(k)", "population", 2019, 10 * pop2018[k])) }
            rows += [o("j\(k)", "urbanisation", 2017, 40), o("j\(k)", "urbanisation", 2018, 40 + urb[0][k]),
                     o("j\(k)", "urbanisation", 2019, 40 + urb[0][k] + urb[1][k])]
        }
        let h = HistoryData(observations: rows, national: [], events: [])
        let js = (0..<5).map { (id: "j\($0)", province: "p") }
        let pop = try ModelDiscrepancy.jurisdictionSigma(.population, history: h, vintage: 2019, jurisdictions: js)
        #expect(pop.points == 5 && abs(pop.sigma - 0.015657) < 1e-6, "\(pop)")
        let u = try ModelDiscrepancy.jurisdictionSigma(.urbanisation, history: h, vintage: 2019, jurisdictions: js)
        #expect(u.points == 10 && abs(u.sigma - 0.075.squareRoot()) < 1e-12, "\(u)")
        // The vintage rule: at V = 2018 only 2018's changes count; at V = 2016 none (the first change is 2016's).
        #expect(try ModelDiscrepancy.jurisdictionSigma(.urbanisation, history: h, vintage: 2018, jurisdictions: js).points == 5)
        #expect(try ModelDiscrepancy.jurisdictionSigma(.population, history: h, vintage: 2016, jurisdictions: js).points == 0)
    }

    /// Urbanisation's hindcast σ on a toy province: rates 50 % (2010, logit 0) and 59.8688 % (2014, logit 0.4), so the
    /// rule's pace is 0.1 a year and it forecasts 62.2459 % for 2015 and 64.5656 % for 2016; the published 62.0 and
    /// 65.0 miss by −0.24593 and +0.43437 pp at horizons 1 and 2: σ = √((0.24593² + 0.43437²/2) / 2) = 0.27823 pp.
    /// 2011–13 are missing, so 2014 is the only pseudo-vintage with a rate four years before. The vintage rule: at
    /// V = 2015 only the one-year error counts; at V = 2014 none.
    @Test func urbanisationHindcastOnAToy() throws {
        func o(_ y: Int, _ v: Double) -> Observation {
            Observation(region: "p", indicator: "urbanisation", year: y, value: v, unit: "", vintage: "first-release", provenance: .source, sourceIDs: ["x"], method: "")
        }
        let u14 = 100 / (1 + exp(-0.4))
        let h = HistoryData(observations: [o(2010, 50), o(2014, u14), o(2015, 62.0), o(2016, 65.0)], national: [], events: [])
        let s = try ModelDiscrepancy.urbanisationHindcastSigma(history: h, vintage: 2019, provinces: ["p"])
        #expect(s.points == 2 && abs(s.sigma - 0.278228) < 1e-6, "\(s)")
        let s15 = try ModelDiscrepancy.urbanisationHindcastSigma(history: h, vintage: 2015, provinces: ["p"])
        #expect(s15.points == 1 && abs(s15.sigma - 0.245933) < 1e-6, "\(s15)")
        #expect(try ModelDiscrepancy.urbanisationHindcastSigma(history: h, vintage: 2014, provinces: ["p"]).points == 0)
    }

    /// The hierarchy: a jurisdiction's shock is its province's (the same draw as the province's own band, whether
    /// named `sichuan` as in the backtest or `province-sichuan` as in a run) plus an own walk of σ_j; the circle's
    /// is the provinces' weighted exactly; own walks of two cities are uncorrelated (20,000 members).
    @Test func jurisdictionsShareTheirProvincesWalk() {
        let d = ModelDiscrepancy(gdp: 0.02, population: 0.001, urbanisation: 0.3, vintage: 2019, circleScale: 0.75,
                                 circleWeights: ["province-chongqing": 0.4, "province-sichuan": 0.6], jurisdiction: [.gdp: 0.03])
        let n = 20_000
        var own: [Double] = [], other: [Double] = []
        for m in 0..<n {
            let sc = d.shock(.gdp, place: "province-sichuan", circle: false, member: m, year: 2023, origin: 2019)
            #expect(sc == d.shock(.gdp, place: "sichuan", circle: false, member: m, year: 2023, origin: 2019))
            let cq = d.shock(.gdp, place: "province-chongqing", circle: false, member: m, year: 2023, origin: 2019)
            let circle = d.shock(.gdp, place: "circle", circle: true, member: m, year: 2023, origin: 2019)
            #expect(abs(circle - (0.4 * cq + 0.6 * sc)) < 1e-15)
            own.append(d.shock(.gdp, place: "sc-chengdu", circle: false, member: m, year: 2023, origin: 2019) - sc)
            other.append(d.shock(.gdp, place: "sc-zigong", circle: false, member: m, year: 2023, origin: 2019) - sc)
        }
        let sd = (own.reduce(0) { $0 + $1 * $1 } / Double(n)).squareRoot()
        #expect(abs(sd / (0.03 * 2) - 1) < 0.03, "own sd \(sd)")
        let r = zip(own, other).reduce(0) { $0 + $1.0 * $1.1 } / (Double(n) * 0.06 * 0.06)
        #expect(abs(r) < 0.03, "r \(r)")
        // Without an own σ a jurisdiction moves with its province exactly.
        #expect(d.shock(.population, place: "sc-chengdu", circle: false, member: 3, year: 2024, origin: 2019)
                == d.shock(.population, place: "sichuan", circle: false, member: 3, year: 2024, origin: 2019))
    }

    /// The pooled within-group standard deviation on a toy: groups {1, 3} and {2, 2, 5}: squared deviations 2 and
    /// 6 over 1 + 2 degrees of freedom, σ = √(8/3); a group of one adds nothing.
    @Test func pooledWithinSDOnAToy() {
        #expect(abs(ModelDiscrepancy.pooledWithinSD([[1, 3], [2, 2, 5], [7]]) - (8.0 / 3).squareRoot()) < 1e-12)
        #expect(ModelDiscrepancy.pooledWithinSD([[4]]) == 0)
    }

    /// An earlier vintage uses fewer years (nothing after it), and the estimate never crosses the 2020 census break.
    @Test func theEstimateObeysTheVintage() throws {
        let sim = try Shared.simulator.get()
        let d17 = try sim.modelDiscrepancy(vintage: 2017), d19 = try sim.modelDiscrepancy(vintage: 2019)
        let d21 = try sim.modelDiscrepancy(vintage: 2021)
        #expect(d17.observations["gdp"] == 6)
        #expect(d17.gdp != d19.gdp)
        #expect(d21.gdp == d19.gdp && d21.population == d19.population && d21.urbanisation == d19.urbanisation)
    }

    /// The shocks are a random walk: mean 0, sd σ·√h after h years (20,000 members, within 3 %), increments of
    /// different years uncorrelated (|r| < 0.03), the circle scaled; a pure function of member, place, family
    /// and year.
    @Test func shocksAreARandomWalkWithTheStatedSigma() {
        let d = ModelDiscrepancy(gdp: 0.02, population: 0.001, urbanisation: 0.3, vintage: 2019, circleScale: 0.5)
        let n = 20_000
        var s4: [Double] = [], inc1: [Double] = [], inc2: [Double] = []
        for m in 0..<n {
            let p = d.shocks(.gdp, place: "sc-chengdu", circle: false, member: m, years: [2019, 2020, 2021, 2023], origin: 2019)
            #expect(p[0] == 0)
            s4.append(p[3])
            inc1.append(p[1])
            inc2.append(p[2] - p[1])
            if m < 50 {
                #expect(p[3] == d.shock(.gdp, place: "sc-chengdu", circle: false, member: m, year: 2023, origin: 2019))
                #expect(d.shock(.gdp, place: "circle", circle: true, member: m, year: 2023, origin: 2019)
                        == 0.5 * d.shock(.gdp, place: "circle", circle: false, member: m, year: 2023, origin: 2019))
            }
        }
        let mean = s4.reduce(0, +) / Double(n)
        let sd = (s4.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n - 1)).squareRoot()
        #expect(abs(mean) < 0.04 * 0.02 * 2)
        #expect(abs(sd / (0.02 * 2) - 1) < 0.03, "sd \(sd)")
        let r = zip(inc1, inc2).reduce(0) { $0 + $1.0 * $1.1 } / (Double(n) * 0.02 * 0.02)
        #expect(abs(r) < 0.03)
        #expect(d.apply(100, .gdp, shock: log(1.1)) == 100 * 1.1)
        #expect(d.apply(0.6, .urbanisation, shock: 0.5) == 0.605)
        #expect(d.apply(60, .urbanisation, shock: 0.5, percent: true) == 60.5)
    }

    /// Common random numbers: two scenarios' members carry the same shocks, so the members' ratio of GDP
    /// between the scenarios is the ratio without discrepancy; shards with discrepancy merge exactly; every
    /// P(goal met) lies in [0, 1].
    @Test func ensemblesWithDiscrepancyShareShocksAndShard() throws {
        let sim = try Shared.simulator.get()
        let base = try Shared.scenario("baseline"), science = try Shared.scenario("science-city")
        let d = try sim.modelDiscrepancy(vintage: 2019)
        let ids = ["growth.capitalShare"], draws = [[0.40], [0.45], [0.42]]
        let cB = try sim.ensembleCentral(base, until: 2023), cS = try sim.ensembleCentral(science, until: 2023)
        let plainB = try sim.ensembleMembers(base, central: cB, parameters: ids, draws: draws, indices: [0, 1, 2], until: 2023, jobs: 2)
        let plainS = try sim.ensembleMembers(science, central: cS, parameters: ids, draws: draws, indices: [0, 1, 2], until: 2023, jobs: 2)
        let b = try sim.ensembleMembers(base, central: cB, parameters: ids, draws: draws, indices: [0, 1, 2], until: 2023, jobs: 2, discrepancy: d)
        let s = try sim.ensembleMembers(science, central: cS, parameters: ids, draws: draws, indices: [0, 1, 2], until: 2023, jobs: 2, discrepancy: d)
        let i = cB.indicators.firstIndex { $0.id == "gdp" }!, p = cB.places.firstIndex { $0.id == "sc-chengdu" }!
        let c = (i * cB.places.count + p) * cB.years.count + cB.years.firstIndex(of: 2023)!
        for m in 0..<3 {
            #expect(b[m].cells[c] != plainB[m].cells[c])
            #expect(abs(s[m].cells[c] / b[m].cells[c] - plainS[m].cells[c] / plainB[m].cells[c]) < 1e-12)
            let y2019 = (i * cB.places.count + p) * cB.years.count + cB.years.firstIndex(of: 2019)!
            #expect(b[m].cells[y2019] == plainB[m].cells[y2019])
        }
        let shard = try sim.ensembleMembers(base, central: cB, parameters: ids, draws: draws, indices: [1], until: 2023, jobs: 1, discrepancy: d)
        let sameBits = zip(shard[0].cells, b[1].cells).allSatisfy { $0.bitPattern == $1.bitPattern }
        #expect(sameBits && shard[0].goals == b[1].goals)
        let e = try sim.ensemble(base, parameters: ids, draws: draws, until: 2023, jobs: 2, discrepancy: d)
        #expect(e.goals.compactMap(\.probability).allSatisfy { (0...1).contains($0) })
    }
}
