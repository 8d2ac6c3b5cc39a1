import Foundation
import Testing

@Suite("chengyu run --ensemble")
struct EnsembleCLITests {
    /// Bands for every cell, draws kept, P(goal met) with the ensemble size; the same seed gives the same
    /// bytes whatever --jobs; common random numbers: another scenario gets the same draws.
    @Test func bandsGoalsAndDraws() throws {
        let a = try CLI.temporaryDirectory(), b = try CLI.temporaryDirectory(), c = try CLI.temporaryDirectory()
        defer { for d in [a, b, c] { try? FileManager.default.removeItem(at: d) } }
        let r1 = try CLI.run(["run", CLI.scenario("baseline"), "--ensemble", "4", "--until", "2021", "--jobs", "1", "--seed", "9", "--out", a.path, "-q"])
        #expect(r1.status == 0, "\(r1.stderr)")
        #expect(r1.stdout.contains("P(met)") && r1.stdout.contains("ensemble of 4 members"))
        let r2 = try CLI.run(["run", CLI.scenario("baseline"), "--ensemble", "4", "--until", "2021", "--jobs", "2", "--seed", "9", "--out", b.path, "-q"])
        #expect(r2.status == 0, "\(r2.stderr)")
        for f in ["bands.csv", "goal_probabilities.csv", "draws.csv"] {
            #expect(try Data(contentsOf: a.appendingPathComponent(f)) == Data(contentsOf: b.appendingPathComponent(f)), "\(f)")
        }
        let bands = try String(contentsOf: a.appendingPathComponent("bands.csv"), encoding: .utf8).split(separator: "\n")
        #expect(bands.first == "scenario,year,place,place_kind,indicator,value,q05,q50,q95,members,unit")
        #expect(bands.count > 2_000)
        let r3 = try CLI.run(["run", CLI.scenario("rail-programme"), "--ensemble", "4", "--until", "2021", "--seed", "9", "--out", c.path, "-q"])
        #expect(r3.status == 0, "\(r3.stderr)")
        #expect(try Data(contentsOf: a.appendingPathComponent("draws.csv")) == Data(contentsOf: c.appendingPathComponent("draws.csv")))
        let bad = try CLI.run(["run", CLI.scenario("baseline"), "--ensemble", "1"])
        #expect(bad.status == 64)
    }
}
