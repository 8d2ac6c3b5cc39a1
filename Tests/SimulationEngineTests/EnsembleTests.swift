import Foundation
import ScenarioSpec
import Testing
@testable import SimulationEngine

@Suite("Ensembles: bands and P(goal met)")
struct EnsembleTests {
    /// Bands are the type-7 quantiles of the members' own runs; the result does not depend on --jobs; P(goal
    /// met) is in [0, 1] with n for simulated goals and absent for inputs.
    @Test func bandsAreQuantilesOfTheMembers() throws {
        let sim = try Shared.simulator.get()
        let sc = try Shared.scenario("baseline")
        let ids = ["growth.capitalShare", "migration.hukouBarrier"]
        let draws = [[0.40, 0.05], [0.45, 0.30], [0.38, 0.15], [0.48, 0.10], [0.42, 0.25]]
        let e1 = try sim.ensemble(sc, parameters: ids, draws: draws, until: 2022, jobs: 1)
        let e2 = try sim.ensemble(sc, parameters: ids, draws: draws, until: 2022, jobs: 2)
        #expect(e1.q05 == e2.q05 && e1.q50 == e2.q50 && e1.q95 == e2.q95 && e1.counts == e2.counts)
        let members = try draws.map { try sim.run(sc.overriding(Dictionary(uniqueKeysWithValues: zip(ids, $0))), until: 2022) }
        for (indicator, place) in [("population", "sc-chengdu"), ("urbanisation_rate", "circle"), ("employment", "core-chongqing")] {
            let v = members.map { $0.value(indicator, at: place, in: 2022)! }.sorted()
            // Type 7 with n = 5: q05 at h = 0.2, q50 the middle value, q95 at h = 3.8.
            let band = try #require(e1.band(indicator, at: place, in: 2022))
            #expect(abs(band.0 - (v[0] + 0.2 * (v[1] - v[0]))) <= 1e-12 * abs(v[0]))
            #expect(band.1 == v[2])
            #expect(abs(band.2 - (v[3] + 0.8 * (v[4] - v[3]))) <= 1e-12 * abs(v[4]))
            #expect(v[0] < v[4], "\(indicator) does not vary")
        }
        #expect(e1.central.value("population", in: 2022) == (try sim.run(sc, until: 2022)).value("population", in: 2022))
        for g in e1.goals {
            switch g.goal.kind {
            case .input, .notModelled: #expect(g.probability == nil && g.note != nil)
            case .simulated, .accounted:
                if g.goal.year <= 2022 { #expect(g.n == 5 && (0...1).contains(g.probability!)) } else { #expect(g.probability == nil) }
            }
        }
    }
}
