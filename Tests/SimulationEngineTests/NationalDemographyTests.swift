import BaseData
import Foundation
import RegionalModels
import ScenarioSpec
import Testing
import TestFixtures
@testable import SimulationEngine

/// Issue 16: China's realised demography and urbanisation pace as exogenous national inputs (MODEL-v3 §1.1;
/// docs/MODEL.md §14, "National pace" and "National vital levels").
@Suite("National demographic path and urbanisation pace", .serialized, .tags(.slow), .skippedInFastRuns)
struct NationalDemographyTests {
    static func logit(_ percent: Double) -> Double { let u = percent / 100; return log(u / (1 - u)) }

    @Test("the pace indices by hand from the NBS series; 1 before 2020 and on the 2019 projection")
    func paceIndices() throws {
        let path = NationalPath.realised(try Shared.dataset.get().history)
        // Urban trends: against 2015 → 2019 first releases (56.10 → 60.60 %).
        let since2015 = (Self.logit(60.60) - Self.logit(56.10)) / 4
        #expect(abs(path.pace(2020) - (Self.logit(64.72) - Self.logit(63.89)) / since2015) < 1e-12)
        #expect(abs(path.pace(2021) - (Self.logit(65.22) - Self.logit(64.72)) / since2015) < 1e-12)
        // Migration: against the census decade (49.68 → 63.89 %).
        let decade = (Self.logit(63.89) - Self.logit(49.68)) / 10
        #expect(abs(path.mobility(2021) - (Self.logit(65.22) - Self.logit(64.72)) / decade) < 1e-12)
        // 2022's slowdown (+0.50 pp) is the deepest; every observed step is below the reference pace.
        for year in 2020...2024 {
            #expect(path.pace(year) < 1 && path.mobility(year) < path.pace(year), "\(year)")
            #expect(path.mobility(2021) <= path.mobility(year))
        }
        // The 2019 → 2020 step mixes the first-release and census bases: 1. After the data: the last three held.
        #expect(path.pace(2019) == 1 && path.mobility(2019) == 1)
        let held = (path.pace(2022) + path.pace(2023) + path.pace(2024)) / 3
        #expect(abs(path.pace(2030) - held) < 1e-12)
        #expect(NationalPath.projection2019.pace(2022) == 1 && NationalPath.projection2019.mobility(2022) == 1)
    }

    @Test("national vital levels: fitted to China's crude rates 2020–2025 (steps 2019–2024); none on the 2019 projection")
    func vitalLevels() throws {
        let sim = try Shared.simulator.get()
        let cs = sim.structure
        let pop = cs.jurisdictions.map(\.population2019Persons.value)
        let emp = pop.map { $0 * 0.5 }
        let plain = try Demography.build(structure: cs, population2019: pop, employment2019: emp)
        let realised = try Demography.build(structure: cs, population2019: pop, employment2019: emp, realisedNational: true)
        #expect(plain.national.factors.isEmpty)
        #expect(plain.national.factor(2022).fertility == 1 && plain.national.factor(2022).mortality == 1)
        #expect(Set(realised.national.factors.keys) == Set(2019...2024))
        let f = realised.national.factors
        // Births: China's registered births fall faster than the WPP TFR path at its 2019 level gives (F ≈ 0.81
        // for the events of 2020, 0.89 for 2022), except the dragon year 2024 (6.77 ‰ after 6.39 ‰).
        for year in [2019, 2020, 2021, 2022, 2024] { #expect(f[year]!.fertility < 0.95, "\(year)") }
        #expect(f[2023]!.fertility > f[2022]!.fertility + 0.05)
        // Deaths: the WPP trend with ageing gives China's crude death rate within 2 %; the step of 2022 (events of
        // 2023, 7.87 ‰, the COVID exit wave) has the largest factor.
        #expect(f.values.allSatisfy { abs($0.mortality - 1) < 0.025 })
        #expect(f[2022]!.mortality == f.values.map(\.mortality).max())
        // Every place's rates carry the same factors: the ratio of two places' rates is the 2019 one.
        for year in [2019, 2022, 2024] {
            let a = realised.rates(region: 0, year: year), b = plain.rates(region: 0, year: year)
            let x = Cohorts.ages + 60  // women aged 60
            #expect(abs(a.mortality[x] / b.mortality[x] - realised.national.factor(year).mortality) < 1e-12)
            #expect(abs(a.fertility[28] / b.fertility[28] - realised.national.factor(year).fertility) < 1e-12)
        }
        // After the data: the mean of the last three steps is held.
        let held = (f[2022]!.mortality + f[2023]!.mortality + f[2024]!.mortality) / 3
        #expect(abs(realised.national.factor(2030).mortality - held) < 1e-12)
    }

    @Test("history: the circle's births fall with China's and its net migration slows with the national pace")
    func historyDemography() throws {
        let sim = try Shared.simulator.get()
        // Without the late-2010s migration trend (w_γ = 0) in both: its (negative) shift moves flows in proportion
        // to the gross flows, which the national pace scales in history and not in the baseline, so with it the
        // baseline loses more and history's 2023–24 net migration is above the baseline's (the pace is tested alone).
        let noTrend = ["migration.trendWeight": 0.0]
        let h = try sim.run(try Shared.scenario("history").overriding(noTrend.merging(["calibration.vintage": 2019]) { a, _ in a }), until: 2025)
        let b = try sim.run(try Shared.scenario("baseline").overriding(noTrend), until: 2025)
        func v(_ t: Trajectory, _ id: String, _ y: Int) throws -> Double { try #require(t.value(id, at: "circle", in: y)) }
        // Births of 2022 (NBS 6.77 ‰ nationally) below the baseline's (WPP path at 2019 levels).
        #expect(try v(h, "births", 2023) < v(b, "births", 2023))
        // Net migration into the circle: the 2022 step (national urbanisation +0.50 pp) is the smallest, and
        // every step of 2021–24 is below the baseline's (after the merge with the knowledge stock, 2025's is
        // 1.7 % above it: the pace index of 2025 and the stronger history growth pull the other way).
        let nm = try (2021...2025).map { try v(h, "net_migration", $0) }
        #expect(nm[1] == nm.min())
        for (k, year) in (2021...2024).enumerated() { #expect(try nm[k] < v(b, "net_migration", year), "\(year)") }
        // Urbanisation slows with the national pace: 2020 → 2024 below the baseline's.
        let pace = { (t: Trajectory) in try (v(t, "urbanisation_rate", 2024) - v(t, "urbanisation_rate", 2020)) / 4 }
        #expect(try pace(h) < pace(b) - 0.002)
    }
}

/// Issue 16's in-sample check of the 2015–19 population path (MODEL-v3 §7.2), on the census basis: the census
/// decade replayed zone by zone (`CensusBackcast`: the 2010 census, the provinces' crude rates, each zone's census
/// residual timed by its province's two five-year windows) gives each province's circle part a path from 2010 to 2020; net of the census-
/// decade gap between circle part and province (`Backtest.provinceGap`) and relative to the 2020 census, it is
/// compared with the published province figures that share the census basis: Chongqing's 2015 (revised after the
/// census, 3070.02万) and Sichuan's 2015 (8204) and 2019 (8375; the census confirmed Sichuan's series). The
/// replay is on the census dates (November), the published figures year-end.
@Suite("In-sample: the 2015–19 population path", .serialized, .tags(.slow), .skippedInFastRuns)
struct InSamplePopulationPathTests {
    @Test("provinces' 2015 (and Sichuan's 2019) population from the census-decade replay")
    func provincePath() throws {
        let sim = try Shared.simulator.get()
        let cs = sim.structure
        let zones = try CensusBackcast.run(structure: cs)
        let ds = try Shared.dataset.get()
        func relative(_ province: Province, _ year: Int) throws -> Double {
            let mine = zones.filter { $0.id.hasPrefix(province == .chongqing ? "cq-" : "sc-") }
            let at = mine.reduce(0.0) { $0 + $1.path[year]! }, end = mine.reduce(0.0) { $0 + $1.path[2020]! }
            return at / end / exp(-Backtest.provinceGap(cs, province) * Double(2020 - year))
        }
        func published(_ region: String, _ year: Int, vintage: String) throws -> Double {
            let o = try #require(ds.history.observations.first { $0.region == region && $0.indicator == "population" && $0.year == year && $0.vintage == vintage })
            let census = try #require(ds.history.observation(region, "population_census", year: 2020))
            return o.value / census.value
        }
        let cq2015 = try relative(.chongqing, 2015) / published("chongqing", 2015, vintage: "revised-census2020") - 1
        let sc2015 = try relative(.sichuan, 2015) / published("sichuan", 2015, vintage: "first-release") - 1
        let sc2019 = try relative(.sichuan, 2019) / published("sichuan", 2019, vintage: "first-release") - 1
        print("in-sample: Chongqing 2015 \(cq2015), Sichuan 2015 \(sc2015), 2019 \(sc2019)")
        // Both provinces within issue 16's 0.5 % bar. Chongqing's 2015 missed it (−0.60 %) while the replay spread
        // the decade's net migration evenly: the municipality gained 60 % of it in 2010–15 (`firstWindowShares`).
        #expect(abs(sc2015) < 0.005 && abs(sc2019) < 0.005, "\(sc2015) \(sc2019)")
        #expect(abs(cq2015) < 0.005, "\(cq2015)")
    }
}
