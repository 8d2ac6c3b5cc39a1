import Foundation
import SimulationEngine
import Testing
@testable import Reporting

/// `EnsembleDifference` (issue 18 item 3): bands of scenario − base over members that share their draws.
@Suite("Differences between two ensembles on common draws")
struct EnsembleDifferenceTests {
    /// Member m of `central`: every cell plus `shift[m]` (NaN where the central run has no value).
    static func members(_ central: Trajectory, shift: [Double]) -> [Ensemble.Member] {
        shift.map { s in
            var cells: [Double] = []
            for ind in central.indicators {
                for place in central.places {
                    for year in central.years { cells.append(central.value(ind.id, at: place.id, in: year).map { $0 + s } ?? .nan) }
                }
            }
            return Ensemble.Member(cells: cells, goals: [])
        }
    }

    /// Same central run, scenario members shifted by −2, −1, 0, 1, 2 against unshifted base members: every cell's
    /// Δ is {−2, −1, 0, 1, 2}, so by hand (type-7) q05 = −2 + 0.2·1 = −1.8, q50 = 0, q95 = 1.8, P(Δ > 0) = 2/5 (a
    /// tie is not positive), central Δ = 0, 5 members compared.
    @Test func quantilesAndProbabilityByHand() throws {
        let central = Synthetic.full(name: "baseline")
        let d = try EnsembleDifference.compute(
            scenario: central, base: central, scenarioMembers: Self.members(central, shift: [-2, -1, 0, 1, 2]),
            baseMembers: Self.members(central, shift: [0, 0, 0, 0, 0]))
        let c = try #require(d.cell("gdp", at: "circle", in: 2025))
        #expect(abs(c.q05 + 1.8) < 1e-9 && abs(c.q50) < 1e-9 && abs(c.q95 - 1.8) < 1e-9)
        #expect(c.positive == 0.4 && c.members == 5 && c.central == 0)
        #expect(d.members == 5 && d.scenario == "baseline" && d.base == "baseline")
    }

    /// A faster-growing scenario with both ensembles scaled alike: Δ_m = D·(1 + 0.02·(m − 2)) for the central
    /// difference D, so the median is D, the band 0.964·D…1.036·D, and P(Δ > 0) = 1 where D > 0.
    @Test func commonDrawsScaleTheCentralDifference() throws {
        let s = Synthetic.full(name: "science", growth: 0.07), b = Synthetic.full(name: "baseline", growth: 0.05)
        func scaled(_ t: Trajectory) -> [Ensemble.Member] {
            (0..<5).map { m in
                let f = 1 + 0.02 * Double(m - 2)
                var cells: [Double] = []
                for ind in t.indicators { for p in t.places { for y in t.years { cells.append(t.value(ind.id, at: p.id, in: y).map { $0 * f } ?? .nan) } } }
                return Ensemble.Member(cells: cells, goals: [])
            }
        }
        let d = try EnsembleDifference.compute(scenario: s, base: b, scenarioMembers: scaled(s), baseMembers: scaled(b))
        let gap = try #require(s.value("gdp", in: 2030)) - #require(b.value("gdp", in: 2030))
        let c = try #require(d.cell("gdp", in: 2030))
        let central = try #require(c.central)
        #expect(gap > 0 && abs(central - gap) < 1e-9 * gap)
        #expect(abs(c.q50 - gap) < 1e-9 * gap && abs(c.q05 - 0.964 * gap) < 1e-9 * gap && abs(c.q95 - 1.036 * gap) < 1e-9 * gap)
        #expect(c.positive == 1)
        // The tidy file: one row per cell with a value, the header first; the table names the probability.
        let csv = EnsembleReport.differencesCSV(d).split(separator: "\n")
        #expect(csv.first == "scenario,base,year,place,place_kind,indicator,difference,q05,q50,q95,p_positive,members,unit")
        #expect(csv.contains { $0.hasPrefix("science,baseline,2030,circle,circle,gdp,") })
        #expect(EnsembleReport.differencesTable(d).contains("P(Δ > 0)"))
    }

    /// Runs that differ in years cannot be compared cell by cell, nor ensembles of different sizes.
    @Test func mismatchedRunsAreRefused() {
        let a = Synthetic.full(name: "a"), b = Synthetic.tiny()
        #expect(throws: SimulationError.self) {
            try EnsembleDifference.compute(scenario: a, base: b, scenarioMembers: [], baseMembers: [])
        }
        #expect(throws: SimulationError.self) {
            try EnsembleDifference.compute(scenario: a, base: a, scenarioMembers: Self.members(a, shift: [0]), baseMembers: [])
        }
    }
}
