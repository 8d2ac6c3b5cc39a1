import BaseData
import Foundation
import Testing
@testable import SimulationEngine

/// The provinces' vital levels relative to China over a window (`demography.levelWindowStart`, MODEL-v3 §3.2).
@Suite("Provincial vital levels over a window")
struct RelativeVitalLevelsTests {
    /// The 2015–19 factors against an independent computation in Python (`scripts/relative_vital_levels.py`, reading the same
    /// CSV files: census five-year groups split evenly, the open group geometric; China's 2020 ASFR schedule and
    /// WPP 2015–20 mortality): Sichuan 0.937087 (births) and 0.997118 (deaths), Chongqing 0.993805 and 0.973468.
    /// The open group's split differs slightly between the two, hence 2e-4.
    @Test func windowFactorsAgainstAnIndependentComputation() throws {
        let pop = try Shared.dataset.get().population
        let phi = try Demography.fertilitySchedule(pop), m = try Demography.nationalMortality(pop).rates
        let sc = try RelativeVitalLevels.factor(pop, province: "sichuan", from: 2015, schedule: phi, mortality: m)
        let cq = try RelativeVitalLevels.factor(pop, province: "chongqing", from: 2015, schedule: phi, mortality: m)
        #expect(abs(sc.fertility - 0.937087) < 2e-4 && abs(sc.mortality - 0.997118) < 2e-4, "\(sc)")
        #expect(abs(cq.fertility - 0.993805) < 2e-4 && abs(cq.mortality - 0.973468) < 2e-4, "\(cq)")
        // Sichuan's relative fertility of 2015 from the crude rates alone: (10.3/12.07)/(10.7/10.48) = 0.836; the
        // age standardisation moves it, but the published years are the window's two.
        let years = try RelativeVitalLevels.relativeLevels(pop, province: "sichuan", window: 2015...2019, schedule: phi, mortality: m)
        #expect(years.map(\.year) == [2015, 2019])
    }

    /// The default window is the 2019 rates alone: the factor is exactly 1 and the levels are the one-year fit.
    @Test func defaultWindowLeavesTheFitUnchanged() throws {
        let pop = try Shared.dataset.get().population
        let phi = try Demography.fertilitySchedule(pop), m = try Demography.nationalMortality(pop).rates
        for province in ["sichuan", "chongqing"] {
            let f = try RelativeVitalLevels.factor(pop, province: province, from: 2019, schedule: phi, mortality: m)
            #expect(f.fertility == 1 && f.mortality == 1)
        }
        let cs = try Shared.simulator.get().structure
        let pop2019 = cs.jurisdictions.map(\.population2019Persons.value)
        let employment = pop2019.map { $0 * 0.5 }
        let one = try Demography.build(structure: cs, population2019: pop2019, employment2019: employment)
        let window = try Demography.build(structure: cs, population2019: pop2019, employment2019: employment, levelWindowStart: 2015)
        let sc = try #require(cs.index["sc-chengdu"])
        let f = try RelativeVitalLevels.factor(pop, province: "sichuan", from: 2015, schedule: phi, mortality: m)
        #expect(abs(window.fertilityLevel[sc] / one.fertilityLevel[sc] - f.fertility) < 1e-12)
        #expect(abs(window.mortality2019[sc][70] / one.mortality2019[sc][70] - f.mortality) < 1e-12)
    }
}
