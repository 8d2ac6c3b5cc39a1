@testable import ScenarioSpec
import Testing

@Suite struct LeverValueTests {
    let schedule = LeverSchedule(from: 2020, until: 2030, points: [
        YearValue(year: 2021, value: 1.0), YearValue(year: 2025, value: 3.0), YearValue(year: 2027, value: 2.0),
    ])

    @Test func pathInterpolatesLinearlyAndHoldsAtTheEnds() {
        #expect(schedule.interpolated(at: 2019) == 1.0)   // held before the first point
        #expect(schedule.interpolated(at: 2021) == 1.0)
        #expect(abs(schedule.interpolated(at: 2022) - 1.5) < 1e-15)  // 1 + (1/4)·2
        #expect(abs(schedule.interpolated(at: 2024) - 2.5) < 1e-15)
        #expect(schedule.interpolated(at: 2025) == 3.0)
        #expect(abs(schedule.interpolated(at: 2026) - 2.5) < 1e-15)  // descending segment
        #expect(schedule.interpolated(at: 2030) == 2.0)   // held after the last point
    }

    @Test func valueIsNilOutsideFromUntil() {
        #expect(schedule.value(at: 2019) == nil)
        #expect(schedule.value(at: 2020) == 1.0)
        #expect(schedule.value(at: 2030) == 2.0)
        #expect(schedule.value(at: 2031) == nil)
    }

    @Test func rateAccumulatesFromFromAndHoldsAfterUntil() {
        let s = LeverSchedule(from: 2021, until: 2023, points: [YearValue(year: 2021, value: 0.1)])
        #expect(s.accumulatedRateFactor(at: 2020) == 1)
        #expect(abs(s.accumulatedRateFactor(at: 2021) - 1.1) < 1e-15)
        #expect(abs(s.accumulatedRateFactor(at: 2023) - 1.331) < 1e-12)
        #expect(abs(s.accumulatedRateFactor(at: 2030) - 1.331) < 1e-12)  // held after until
    }

    @Test func compositionIsSetThenFactorsThenAdds() throws {
        let yaml = """
            schema: chengyu/scenario/v1
            name: compose
            title: Composition
            levers:
              - {lever: settlement-barrier, where: [sc-chengdu], op: set, unit: fraction, value: 0.2, from: 2021}
              - {lever: settlement-barrier, where: [sc-chengdu], op: multiply, value: 0.5, from: 2022}
              - {lever: settlement-barrier, where: [sc-chengdu], op: add, unit: pp, value: -1, from: 2023}
              - {lever: consumption-propensity, where: [sc-chengdu], op: multiply, value: 0.5, from: 2022}
              - {lever: consumption-propensity, where: [sc-chengdu], op: rate, unit: "%/yr", value: 10, from: 2024, until: 2025}
            """
        let s = try #require(ScenarioLoader().load(yaml: yaml, path: "compose.yaml").scenario)
        let levers = s.levers(of: .settlementBarrier)
        func q(_ year: Int) -> Double { LeverComposition.apply(base: 0.15, levers: levers, year: year) }
        #expect(abs(q(2020) - 0.15) < 1e-15)
        #expect(abs(q(2021) - 0.2) < 1e-15)
        #expect(abs(q(2022) - 0.1) < 1e-15)
        #expect(abs(q(2023) - 0.09) < 1e-15)
        let c = s.levers(of: .consumptionPropensity)
        func k(_ year: Int) -> Double { LeverComposition.apply(base: 100, levers: c, year: year) }
        #expect(k(2021) == 100)
        #expect(abs(k(2023) - 50) < 1e-12)
        #expect(abs(k(2024) - 55) < 1e-12)
        #expect(abs(k(2025) - 60.5) < 1e-12)
        #expect(abs(k(2030) - 60.5) < 1e-12)  // rate held after until
    }

    @Test func unitsConvertToCanonical() throws {
        let yaml = """
            schema: chengyu/scenario/v1
            name: units
            title: Units
            levers:
              - {lever: rd-intensity, where: [circle], op: set, unit: "%", value: 2.5, from: 2025}
              - {lever: population-cap, where: [sc-chengdu], op: set, unit: 10k persons, value: 2400, from: 2021}
              - {lever: investment-programme, where: [sc-chengdu], op: add, unit: billion yuan/yr, value: 30, from: 2021}
              - {lever: export-growth, where: [circle], sectors: [20], market: world, op: rate, unit: "%/yr", value: 3, from: 2021}
            """
        let s = try #require(ScenarioLoader().load(yaml: yaml, path: "units.yaml").scenario)
        #expect(s.levers[0].value(at: 2025) == 0.025)
        #expect(s.levers[0].unit == "fraction")
        #expect(s.levers[1].value(at: 2030) == 24_000_000)
        #expect(s.levers[2].value(at: 2021) == 300)
        #expect(s.levers[2].sectors == ["27"])          // default: construction
        #expect(s.levers[2].distribution == .each)      // one jurisdiction
        #expect(s.levers[3].value(at: 2022) == 0.03)
        #expect(s.levers[3].sectors == ["20"])          // unquoted 20 is read as the code "20"
        #expect(s.levers[3].schedule?.until == 2035)    // until defaults to the horizon end
    }

    @Test func editDistanceAndSuggestions() {
        #expect(Suggest.editDistance("kitten", "sitting") == 3)
        #expect(Suggest.editDistance("", "abc") == 3)
        #expect(Suggest.closest(to: "rd-intensty", in: LeverKind.allCases.map(\.rawValue)) == "rd-intensity")
        #expect(Suggest.closest(to: "zzzzzz", in: ["where", "sectors"]) == nil)
    }

    @Test func canonicalNumbers() {
        #expect(CanonicalText.number(2025) == "2025")
        #expect(CanonicalText.number(-0.0) == "0")
        #expect(CanonicalText.number(0.025) == "0.025")
        #expect(CanonicalText.rounded(0.7 * 0.01) == 0.007)
        #expect(0.7 * 0.01 != 0.007)  // why the rounding exists
    }
}

@Suite struct LeverQueryTests {
    @Test func leversCoveringACell() throws {
        let yaml = """
            schema: chengyu/scenario/v1
            name: cells
            title: Cells
            levers:
              - {lever: rd-intensity, where: [circle], op: add, unit: pp, value: 0.5, from: 2021}
              - {lever: rd-intensity, where: [core-chengdu], op: add, unit: pp, value: 0.25, from: 2021}
              - {lever: emission-intensity, where: [cq-wanzhou], sectors: ["24"], op: multiply, value: 0.5, from: 2021}
            """
        let s = try #require(ScenarioLoader().load(yaml: yaml, path: "cells.yaml").scenario)
        let members = ScenarioCatalog.standardGroupMembers
        #expect(abs(s.value(of: .rdIntensity, base: 0.02, jurisdiction: "sc-chengdu", year: 2021, groupMembers: members) - 0.0275) < 1e-15)
        #expect(abs(s.value(of: .rdIntensity, base: 0.02, jurisdiction: "sc-yibin", year: 2021, groupMembers: members) - 0.025) < 1e-15)
        #expect(s.value(of: .rdIntensity, base: 0.02, jurisdiction: "sc-yibin", year: 2020, groupMembers: members) == 0.02)
        #expect(s.value(of: .emissionIntensity, base: 1, jurisdiction: "cq-wanzhou", sector: "24", year: 2022, groupMembers: members) == 0.5)
        #expect(s.value(of: .emissionIntensity, base: 1, jurisdiction: "cq-wanzhou", sector: "12", year: 2022, groupMembers: members) == 1)
        #expect(s.value(of: .emissionIntensity, base: 1, jurisdiction: "cq-fuling", sector: "24", year: 2022, groupMembers: members) == 1)
    }
}
