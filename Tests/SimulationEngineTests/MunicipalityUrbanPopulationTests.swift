import BaseData
import Foundation
import Testing
import TestFixtures
@testable import SimulationEngine

/// Chongqing's whole-municipality urban population (issue 16 item 5: the 2035 goal of about 28 million becomes
/// simulated): the run's circle part plus the stated extrapolation of the districts outside the circle.
@Suite("Chongqing's whole-municipality urban population", .tags(.slow), .skippedInFastRuns)
struct MunicipalityUrbanPopulationTests {
    /// 2020 equals the census municipality × the published 2020 rate (32,054,159 × 69.46 %); 2035 recomputed by
    /// hand from the baseline's circle-part series; the 2035 goal is compared on it and is no longer "not modelled".
    @Test func anchoredIn2020AndRecomputedIn2035() throws {
        let sim = try Shared.simulator.get()
        let a = try #require(MunicipalityUrbanPopulation.anchors(sim.structure))
        #expect(abs(a.municipalityUrban2020 - 32_054_159 * 0.6946) < 1e-6)
        #expect(a.rest2020 > 5e6 && a.rest2020 < 8e6 && a.growth < 0, "outside the circle: \(a.rest2020), \(a.growth) a year")
        let t = try Shared.trajectory("baseline")
        let id = MunicipalityUrbanPopulation.indicator, cq = "province-chongqing"
        let v2020 = try #require(t.value(id, at: cq, in: 2020))
        #expect(abs(v2020 - a.municipalityUrban2020) < 1e-6 * v2020)
        // By hand for 2035: the remainder's 2020 share, moved by the circle part's logit change, on its decade trend.
        func logit(_ u: Double) -> Double { log(u / (1 - u)) }
        let p20 = try #require(t.value("population", at: cq, in: 2020)), u20 = try #require(t.value("urban_population", at: cq, in: 2020))
        let p35 = try #require(t.value("population", at: cq, in: 2035)), u35 = try #require(t.value("urban_population", at: cq, in: 2035))
        let rest = (a.municipalityUrban2020 - u20) / a.rest2020
        let share = 1 / (1 + exp(-(logit(rest) + logit(u35 / p35) - logit(u20 / p20))))
        let expected = u35 + a.rest2020 * exp(15 * a.growth) * share
        let v2035 = try #require(t.value(id, at: cq, in: 2035))
        #expect(abs(v2035 - expected) < 1e-9 * expected)
        let goal = try #require(t.goals.first { $0.goalID == "g2035-cq-urban-population" })
        #expect(goal.kind == .simulated && goal.value == v2035 && goal.indicatorID == id)
        print("Chongqing urban population: 2020 \(v2020), 2035 \(v2035) (goal about 28 million); outside the circle \(a.rest2020) in 2020, \(a.rest2010) in 2010, \(a.growth) a year")
    }

    /// Out of sample (V = 2019, the history scenario): within 2 % of the published municipality's year-end
    /// population × urbanisation rate in 2021–2024 (first releases; measured +0.0, −0.2, +0.9, +1.5 %).
    @Test func historyFollowsThePublishedMunicipality() throws {
        let sim = try Shared.simulator.get()
        let h = try sim.run(try Shared.scenario("history").overriding(["calibration.vintage": 2019]), until: 2024)
        let hist = sim.structure.dataset.history
        for year in 2021...2024 {
            let p = try #require(hist.observation("chongqing", "population", year: year)).value * 1e4
            let u = try #require(hist.observation("chongqing", "urbanisation", year: year)).value / 100
            let model = try #require(h.value(MunicipalityUrbanPopulation.indicator, at: "province-chongqing", in: year))
            #expect(abs(model / (p * u) - 1) < 0.02, "\(year): model \(model), published \(p * u)")
        }
    }
}
