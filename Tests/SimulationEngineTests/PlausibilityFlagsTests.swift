import Foundation
import Testing
import TestFixtures
@testable import SimulationEngine

@Suite("Plausibility flags of a run (issue 17 item 5)", .tags(.slow), .skippedInFastRuns)
struct PlausibilityFlagsTests {
    /// The baseline's series with some values replaced.
    static func edited(_ t: Trajectory, _ edits: [(String, String, Int, Double)]) -> Trajectory {
        var series = t.series
        for (indicator, place, year, value) in edits {
            let k = t.years.firstIndex(of: year)!
            series[indicator]![place]![k] = value
        }
        return Trajectory(
            scenario: t.scenario, years: t.years, indicators: t.indicators, places: t.places, series: series, goals: t.goals,
            diagnostics: t.diagnostics, estimatedInputs: t.estimatedInputs)
    }

    /// Growth of 12 % and −6 %, a Chengdu population above its 24 million cap, and a net-migration sign change
    /// are each flagged with the place and year; a series inside the bounds is not.
    @Test func eachFlagNamesPlaceAndYear() throws {
        let t = try Shared.trajectory("baseline")
        let nm = try #require(t.value("net_migration", at: "sc-chengdu", in: 2030))
        #expect(nm > 0)
        let e = Self.edited(t, [
            ("gdp_growth", "sc-zigong", 2027, 0.12), ("gdp_growth", "cq-wanzhou", 2028, -0.06),
            ("population", "core-chengdu", 2031, 24.5e6),
            ("net_migration", "sc-chengdu", 2030, -nm),
        ])
        let flags = PlausibilityFlags.check(e)
        let growth = try #require(flags.first { $0.hasPrefix("real GDP growth outside") })
        #expect(growth.contains("sc-zigong 2027 +12.0 %") && growth.contains("cq-wanzhou 2028 -6.0 %"), "\(growth)")
        #expect(flags.contains { $0.hasPrefix("population of core-chengdu above the g2035-chengdu-population-cap cap (24.0 million)") })
        #expect(flags.contains { $0.contains("net migration changes sign") && $0.contains("sc-chengdu 2030") }, "\(flags)")
        // The edited places are flagged, not in the baseline's own flags.
        let own = PlausibilityFlags.check(t).joined()
        #expect(!own.contains("sc-zigong 2027") && !own.contains("sc-chengdu 2030"))
    }

    /// A run carries its flags in its diagnostics: plan-2025 grows 9.1 % in 2025 under the forecast closure.
    @Test func aRunCarriesItsFlags() throws {
        let t = try Shared.trajectory("plan-2025")
        #expect(t.diagnostics.warnings.contains { $0.hasPrefix("real GDP growth outside") && $0.contains("circle 2025") }, "\(t.diagnostics.warnings)")
    }
}
