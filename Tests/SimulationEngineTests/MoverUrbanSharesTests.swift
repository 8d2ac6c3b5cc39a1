import BaseData
import Foundation
import RegionalModels
import Testing
@testable import SimulationEngine

/// Movers' urban shares (issue 16 item 4, MODEL-v3 §3.5): arrivals live in cities and towns at μ_u (at least the
/// place's own share), departures leave at the odds ζ against stayers, and the in-situ trend nets out one year of
/// these flows so the base period's pace is kept.
@Suite("Movers' urban shares")
struct MoverUrbanSharesTests {
    /// By hand: 40 urban of 100, 10 arrivals, 8 departures. μ_u 0.85, ζ 1: 40 + 0.85·10 − 0.4·8 = 45.3. ζ 0.5: a
    /// leaver's urban share is 0.5·0.4/(0.5·0.4 + 0.6) = 0.25, so 40 + 8.5 − 2 = 46.5.
    @Test func oneStepByHand() {
        let m = MoverUrbanShares(arrivals: 0.85, leaverOdds: 1)
        #expect(abs(m.urbanAfter(urban: 40, population: 100, arrivals: 10, departures: 8) - 45.3) < 1e-12)
        let rural = MoverUrbanShares(arrivals: 0.85, leaverOdds: 0.5)
        #expect(abs(rural.leaverShare(0.4) - 0.25) < 1e-15)
        #expect(abs(rural.urbanAfter(urban: 40, population: 100, arrivals: 10, departures: 8) - 46.5) < 1e-12)
    }

    /// Neutral movers (the defaults) leave the share unchanged: 40 of 100, +10 −8 gives 40.8 of 102 (0.4), by the
    /// engine's formula before movers' shares, `U + u·(In − Out)`, to the bit.
    @Test func neutralMoversKeepTheShare() {
        let n = MoverUrbanShares.neutral
        #expect(YearParameters().moverUrbanShares == n && n.isNeutral)
        let after = n.urbanAfter(urban: 40, population: 100, arrivals: 10, departures: 8)
        #expect(abs(after - 40.8) < 1e-12 && abs(after / 102 - 0.4) < 1e-15)
        let (urban, pop, inflow, outflow) = (1234.567, 2345.678, 34.5, 56.7)
        #expect(n.urbanAfter(urban: urban, population: pop, arrivals: inflow, departures: outflow) == urban + urban / pop * (inflow - outflow))
        #expect(!MoverUrbanShares(arrivals: 0.85, leaverOdds: 1).isNeutral)
    }

    /// A place where everybody is urban stays so (arrivals take its share 1, leavers are urban), one where nobody
    /// is loses no urban residents, and the urban population never exceeds the population after the flows.
    @Test func boundsHold() {
        let m = MoverUrbanShares(arrivals: 0.85, leaverOdds: 0.5)
        #expect(m.urbanAfter(urban: 100, population: 100, arrivals: 10, departures: 5) == 105)
        #expect(m.leaverShare(1) == 1 && m.leaverShare(0) == 0 && m.arrivalShare(0.97) == 0.97)
        #expect(abs(m.urbanAfter(urban: 0, population: 100, arrivals: 10, departures: 5) - 8.5) < 1e-12)
        let odd = MoverUrbanShares(arrivals: 1, leaverOdds: 0.1)
        #expect(odd.urbanAfter(urban: 95, population: 100, arrivals: 0, departures: 50) == 50)
    }

    /// The calibrated 2019 allocation (V = 2019, no natural change): each place's urban population after the
    /// flows is `U + max(μ, u)·In − s(u)·Out` on the allocation's own flows; with neutral movers every share is
    /// unchanged to 1e-12; with μ_u = 0.85 the circle's urban population gains what arrivals at 0.85 add.
    @Test func allocationUsesTheMoversShares() throws {
        let cs = try Shared.simulator.get().structure
        let setup = try Shared.historySetup2019()
        let m = setup.state.migration
        var x = RunSetup.neutralStep(m, context: setup.context)
        let zero = [Double](repeating: 0, count: m.model.count)
        let neutral = try m.allocate(extraBarrier: zero, inputs: x, structure: cs).result
        x.movers = MoverUrbanShares(arrivals: 0.85, leaverOdds: 1)
        let moved = try m.allocate(extraBarrier: zero, inputs: x, structure: cs).result
        var gain = 0.0
        for r in 0..<cs.dims.regions {
            let p = x.population[r], u = x.urban[r] / p
            #expect(abs(neutral.urbanBeforeConversion[r] / neutral.population[r] - u) < 1e-12, "\(cs.ids[r])")
            let byHand = x.urban[r] + max(0.85, u) * moved.inMigrants[r] - u * moved.outMigrants[r]
            #expect(abs(moved.urbanBeforeConversion[r] - byHand) <= 1e-9 * p, "\(cs.ids[r])")
            gain += moved.urbanBeforeConversion[r] - neutral.urbanBeforeConversion[r]
        }
        let expected = (0..<cs.dims.regions).reduce(0.0) { acc, r in
            acc + max(0, 0.85 - x.urban[r] / x.population[r]) * moved.inMigrants[r]
        }
        #expect(gain > 0 && abs(gain - expected) <= 1e-9 * expected, "\(gain) vs \(expected)")
    }

    /// The in-situ trend nets out the movers: with neutral movers the province's share after one year is the
    /// composition effect of `NM/10` alone (recomputed by hand, to the bit), and with arrivals at 0.85 the share after the
    /// year is higher, so every place's in-situ rate k is lower than with neutral movers.
    @Test func inSituTrendNetsOutTheMovers() throws {
        let cs = try Shared.simulator.get().structure
        let setup = try Shared.historySetup2019()
        let base = setup.context.base
        var p0 = YearParameters()
        #expect(p0.moverUrbanShares.isNeutral)
        let composed = RunSetup.migrationComposition(cs, base: base, grossOutRate: p0.grossOutRate, movers: .neutral)
        for province in Province.allCases {
            let members = (0..<cs.dims.regions).filter { cs.jurisdictions[$0].province == province }
            var pop = 0.0, urb = 0.0
            for r in members {
                let q = base.population[r] + cs.censusMigration.netMigration[r] / 10
                pop += q; urb += base.urbanShare[r] * q
            }
            #expect(composed[province]!.after == urb / pop, "\(province)")
        }
        let without = RunSetup.urbanTrends(cs, base: base, parameters: p0)
        p0.moverUrbanShares = MoverUrbanShares(arrivals: 0.85, leaverOdds: 1)
        let withMovers = RunSetup.urbanTrends(cs, base: base, parameters: p0)
        #expect(zip(withMovers, without).allSatisfy { $0 < $1 }, "\(withMovers) vs \(without)")
    }

    /// At the extremes — every arrival urban, leavers ten times likelier to be rural (μ_u = 1, ζ = 0.1) — the run
    /// completes, every share stays in [0, 1] and the circle urbanises faster than with neutral movers in 2025.
    @Test func extremeMoversKeepSharesInRange() throws {
        let sim = try Shared.simulator.get()
        let extreme = try Shared.scenario("baseline").overriding(
            ["urbanisation.migrantUrbanShare": 1, "urbanisation.leaverUrbanOdds": 0.1], name: "extreme-movers")
        let t = try sim.run(extreme, until: 2025)
        for place in t.places where place.kind == .jurisdiction {
            for year in t.years {
                let u = try #require(t.value("urbanisation_rate", at: place.id, in: year))
                #expect(u >= 0 && u <= 1, "\(place.id) \(year): \(u)")
            }
        }
        let base = try Shared.trajectory("baseline")
        let fast = try #require(t.value("urbanisation_rate", in: 2025)), neutral = try #require(base.value("urbanisation_rate", in: 2025))
        #expect(fast > neutral, "\(fast) vs \(neutral)")
    }

    /// The in-situ ceiling at a share of 1 is 1 (it was 1 + 1e-9, and `logitLinearUrbanShare` trapped), so a fully
    /// urban place stays at 1; below its u_max a place keeps u_max, above it the ceiling sits just over the share.
    @Test func inSituCeilingNeverExceedsOne() {
        #expect(PopulationStage.inSituCeiling(0.97, share: 1) == 1)
        #expect(PopulationStage.inSituCeiling(0.85, share: 0.5) == 0.85)
        #expect(PopulationStage.inSituCeiling(0.85, share: 0.9) == 0.9 + 1e-9)
        let u = logitLinearUrbanShare(1, rate: 0.05, ceiling: PopulationStage.inSituCeiling(0.97, share: 1))
        #expect(u <= 1 && u > 0.999, "\(u)")
    }
}
