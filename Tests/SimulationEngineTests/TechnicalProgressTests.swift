import BaseData
import Foundation
import Testing
import TestFixtures
@testable import SimulationEngine

@Suite("Contribution of technical progress as the official statistic (MODEL-v3 §4.8)", .tags(.slow), .skippedInFastRuns)
struct TechnicalProgressTests {
    /// The baseline run's calibration.
    static func calibration() throws -> TechnicalProgressCalibration {
        try #require(try Shared.baselineRecord.get().technicalProgress)
    }

    /// The calibration reads the provinces' published 2019 contributions (58 %, 58 %) under the vintage rule,
    /// and its elasticity reproduces that target over the 2014 → 2019 window; the pre-base output growth is the
    /// provinces' first-release real growth weighted by their circle parts (between the two provinces' rates).
    @Test func calibrationHitsThePublished2019Figure() throws {
        let c = try Self.calibration()
        #expect(abs(c.target2019 - 0.58) < 1e-12)
        let e = try #require(c.contribution(year: 2019, output: [:], capital: [:], labour: [:]))
        #expect(abs(e - 0.58) < 1e-12)
        #expect(c.fitted && c.capitalElasticity > 0.05 && c.capitalElasticity < 0.95)
        print("technical progress: α_T = \(c.capitalElasticity), pre-base capital growth \(c.preBase[2019]!.capital)")
        let sim = try Shared.simulator.get()
        let h = sim.structure.dataset.history
        for year in 2015...2019 {
            let cq = try #require(h.observation("chongqing", "gdp_real_growth", year: year)).value / 100
            let sc = try #require(h.observation("sichuan", "gdp_real_growth", year: year)).value / 100
            let y = try #require(c.preBase[year]).output
            #expect(y >= min(cq, sc) - 1e-12 && y <= max(cq, sc) + 1e-12)
        }
        // China's employment 77,253 → 77,471 万 (2014 → 2019): 0.0564 % a year.
        #expect(abs(try #require(c.preBase[2019]).labour - (pow(77471.0 / 77253, 0.2) - 1)) < 1e-12)
        #expect(c.contribution(year: 2018, output: [:], capital: [:], labour: [:]) == nil)
    }

    /// κ_KY = 3.5 (inside its sweep range) makes capital grow 3 % a year before 2019: no elasticity below 0.95
    /// gives 58 %, so α_T stops at 0.95, the run goes on, and its 2019 value stays below the target.
    @Test func anUnreachableTargetStopsAtTheEdge() throws {
        let sim = try Shared.simulator.get()
        var obs = VintagedObservations(history: sim.structure.dataset.history, vintage: 2019)
        let c = try TechnicalProgressCalibration.calibrate(
            structure: sim.structure, gdp2019: sim.structure.jurisdictions.map(\.gdp2019HundredMillionYuan.value),
            capitalGrowth: 0.442178 / 3.5 - 0.096, observations: &obs)
        #expect(!c.fitted && c.capitalElasticity == 0.95)
        let e = try #require(c.contribution(year: 2019, output: [:], capital: [:], labour: [:]))
        #expect(e > 0.58 && e < 0.8)
    }

    /// The baseline's contribution is recomputed from its own trajectory (circle real GDP, capital stock,
    /// employment) by the level method for a window inside the run, and it moves: 2025 ≠ 2035. Its first value
    /// (2019) is the provinces' published figure by calibration.
    @Test func baselineContributionIsTheOfficialEquationOnItsOwnPaths() throws {
        let t = try Shared.trajectory("baseline")
        let v2019 = try #require(t.value("tech_progress_contribution", in: 2019))
        #expect(abs(v2019 - 0.58) < 1e-9)
        let v2025 = try #require(t.value("tech_progress_contribution", in: 2025)), v2035 = try #require(t.value("tech_progress_contribution", in: 2035))
        #expect(abs(v2025 - v2035) > 0.01)
        // Independent recomputation for 2030 (window 2025 → 2030, all simulated), α_T from the calibration.
        let alpha = try Self.calibration().capitalElasticity
        func rate(_ id: String) throws -> Double {
            pow(try #require(t.value(id, in: 2030)) / #require(t.value(id, in: 2025)), 0.2) - 1
        }
        let y = try rate("gdp"), k = try rate("capital_stock"), l = try rate("employment")
        let expected = 1 - alpha * k / y - (1 - alpha) * l / y
        let got = try #require(t.value("tech_progress_contribution", in: 2030))
        #expect(abs(got - expected) < 1e-9, "2030: engine \(got), recomputed \(expected)")
    }
}
