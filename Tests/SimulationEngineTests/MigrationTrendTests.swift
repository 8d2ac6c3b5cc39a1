import BaseData
import Foundation
import ScenarioSpec
import Testing
@testable import SimulationEngine

/// Issue 16: the late-2010s migration trend γ_p·d(t) (MODEL-v3 §3.4, `MigrationTrend`).
@Suite("Migration trend γ_p·d(t)", .serialized, .tags(.slow), .skippedInFastRuns)
struct MigrationTrendTests {
    /// The residuals by hand. Sichuan: 2010 census 80,417,528, 2015 1 % survey 8,204万, 2020 census 83,674,866;
    /// b − d ‰ 2011 2.98, 2015 3.36, 2019 3.61 (first releases), 2020 1.30 (yearbook 2022), the years between
    /// interpolated: 15.85 ‰ over 2011–15, 15.365 ‰ over 2016–20. Chongqing: 28,846,170, 2015 year-end as revised
    /// on the 2020 census 3,070.02万 (the latest vintage), 32,054,159; b − d ‰ 2012 4.00 (held for 2011), 2013
    /// 3.60, 2015 3.86, 2019 2.91 (held for 2020): 19.19 ‰ and 15.975 ‰.
    @Test("residual net migration 2010→15 and 2015→20 by hand, and the slope of the rate")
    func residualsByHand() throws {
        let trend = try Shared.simulator.get().structure.migrationTrend
        func check(_ p: Province, _ a: Double, _ b: Double, _ c: Double, _ r1: Double, _ r2: Double) throws {
            let res = try #require(trend.residuals[p])
            let n1 = r1 / 1000 * (a + b) / 2, n2 = r2 / 1000 * (b + c) / 2
            #expect(abs(res.natural1 - n1) < 1e-3 && abs(res.natural2 - n2) < 1e-3, "\(p): \(res.natural1) \(res.natural2)")
            #expect(abs(res.net1 - (b - a - n1)) < 1e-3 && abs(res.net2 - (c - b - n2)) < 1e-3, "\(p)")
            let slope = ((c - b - n2) / (5 * (b + c) / 2) - (b - a - n1) / (5 * (a + b) / 2)) / 5
            #expect(abs(res.slope - slope) < 1e-12, "\(p): \(res.slope) vs \(slope)")
        }
        try check(.sichuan, 80_417_528, 82_040_000, 83_674_866, 2.98 + 3.075 + 3.17 + 3.265 + 3.36, 3.4225 + 3.485 + 3.5475 + 3.61 + 1.3)
        try check(.chongqing, 28_846_170, 30_700_200, 32_054_159, 4.0 + 4.0 + 3.6 + 3.73 + 3.86, 3.6225 + 3.385 + 3.1475 + 2.91 + 2.91)
        // Net migration: Sichuan 33.5 then 36.2万 (rate 0.082 → 0.087 % a year, flat), Chongqing 128.3 then 85.3万
        // (0.855 → 0.541 % a year): Chongqing's gain slowed in the late 2010s.
        #expect(abs(trend.residuals[.sichuan]!.slope - 9.68e-6) < 1e-7)
        #expect(abs(trend.residuals[.chongqing]!.slope + 6.362e-4) < 1e-6)
        // On the survey-based first release (3,016.55万) Chongqing's slope has the other sign (75.3 then 139.2万):
        // the 2015 basis decides it, which is why the prior on w_γ is wide.
        let first = MigrationTrend.Residuals(
            population2010: 28_846_170, population2015: 30_165_500, population2020: 32_054_159,
            natural1: trend.residuals[.chongqing]!.natural1 * (28_846_170 + 30_165_500) / (28_846_170 + 30_700_200),
            natural2: trend.residuals[.chongqing]!.natural2 * (30_165_500 + 32_054_159) / (30_700_200 + 32_054_159))
        #expect(abs(first.slope - 7.684e-4) < 1e-6)
    }

    /// d(t) relative to the decade's mean: t − 2015 + 0.5 up to V, increments exp(−k/τ) after.
    @Test("the trend variable d(t) − d̄ by hand")
    func shiftByHand() {
        #expect(MigrationTrend.shift(year: 2010, vintage: 2019, decayYears: 8) == -4.5)
        #expect(MigrationTrend.shift(year: 2019, vintage: 2019, decayYears: 8) == 4.5)
        let d2021 = 4.5 + exp(-1.0 / 8) + exp(-2.0 / 8)
        #expect(abs(MigrationTrend.shift(year: 2021, vintage: 2019, decayYears: 8) - d2021) < 1e-12)
        #expect(MigrationTrend.shift(year: 2021, vintage: 2022, decayYears: 8) == 6.5)
        #expect(MigrationTrend.shift(year: 2030, vintage: 2019, decayYears: 0) == 4.5)
    }

    /// γ_p moves the calibrated 2019 allocation's net migration of each province's circle part by `s_p·P_p` per
    /// unit of d (to 1e-6 of its population), and the ledger of that allocation balances.
    @Test("γ_p reproduces the province's slope on the calibrated allocation")
    func gammaFit() throws {
        let cs = try Shared.simulator.get().structure
        let setup = try Shared.historySetup2019()
        let m = setup.state.migration
        #expect(m.trendUtility.count == m.model.count)
        var x = RunSetup.neutralStep(m, context: setup.context)
        let zero = [Double](repeating: 0, count: m.model.count)
        let before = try m.allocate(extraBarrier: zero, inputs: x, structure: cs)
        x.trend = 1
        let after = try m.allocate(extraBarrier: zero, inputs: x, structure: cs)
        for p in Province.allCases {
            let members = (0..<cs.dims.regions).filter { cs.jurisdictions[$0].province == p }
            let pop = members.reduce(0.0) { $0 + setup.context.population2019[$1] }
            let change = members.reduce(0.0) { $0 + after.result.netMigration[$1] - before.result.netMigration[$1] }
            let target = cs.migrationTrend.residuals[p]!.slope * pop
            #expect(abs(change - target) <= 1e-6 * pop, "\(p): \(change) vs \(target)")
            let g = m.trendUtility[m.model.zoneOf[members[0]]]
            print(String(format: "migration trend %@: slope %.3e /yr², part %.0f, target %.0f persons/yr per unit d, γ %.5f", p.rawValue, cs.migrationTrend.residuals[p]!.slope, pop, target, g))
        }
        _ = try MigrationState.balancingLedger(after, warnings: [], population: x.population)
    }

    static let runs = Result { () throws -> (with: Trajectory, without: Trajectory) in
        let sim = try Shared.simulator.get()
        let s = try Shared.scenario("history").overriding(["calibration.vintage": 2019])
        return (try sim.run(s, until: 2025), try sim.run(s.overriding(["migration.trendWeight": 0]), until: 2025))
    }

    /// The circle's net in-migration 2021–2025 (steps 2020–2024) against the run without the trend
    /// (`migration.trendWeight` 0), at V = 2019. Chongqing's slope is negative and Sichuan's about zero, so the
    /// trend *lowers* the circle's net in-migration: by about
    /// Σ_p s_p·P_p·(d(t) − d̄)·m(t) a year (Chongqing −16.3, Sichuan +0.7 thousand persons per unit, 4.9–6.9 units
    /// of d, m(t) the national mobility factor on gross flows), within ±40 % once the year's wages and
    /// populations have moved the flows. The check can fail: a
    /// γ of the other sign, or a trend that never reaches the allocation, breaks it.
    @Test("the circle's net in-migration after 2020 is below the no-trend run's, by what the fitted slopes say")
    func circleNetMigrationAgainstNoTrend() throws {
        let (with, without) = try Self.runs.get()
        let cs = try Shared.simulator.get().structure
        let national = NationalPath.realised(cs.dataset.history)
        let perUnit = Province.allCases.reduce(0.0) { acc, p in
            let pop = (0..<cs.dims.regions).filter { cs.jurisdictions[$0].province == p }
                .reduce(0.0) { $0 + (without.value("population", at: cs.ids[$1], in: 2019) ?? 0) }
            return acc + cs.migrationTrend.residuals[p]!.slope * pop
        }
        for year in 2021...2025 {
            let a = try #require(with.value("net_migration", at: "circle", in: year))
            let b = try #require(without.value("net_migration", at: "circle", in: year))
            let expected = perUnit * MigrationTrend.shift(year: year - 1, vintage: 2019, decayYears: 8) * national.mobility(year - 1)
            print(String(format: "circle net migration %d: %.0f with the trend, %.0f without (expected %+.0f)", year, a, b, expected))
            #expect(expected < 0 && a - b < 0.6 * expected && a - b > 1.4 * expected, "\(year): \(a - b) vs \(expected)")
        }
    }

    /// The population ledger stays exact with the trend: per place and year, ΔP = births − deaths + arrivals −
    /// departures to 1e-9 of the population (the inflow from the rest of China scaled by the logsum ratio is
    /// counted in the arrivals).
    @Test("the population ledger is exact with the trend")
    func ledgerWithTrend() throws {
        try Shared.expectPopulationLedger(try Self.runs.get().with)
    }
}
