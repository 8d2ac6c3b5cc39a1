import BaseData
import Foundation
import RegionalModels
import Testing
@testable import SimulationEngine

/// Issue 16 item 2 (MODEL-v3 §3.3): participation by age and sex with the 2024 retirement-age decision. Hand values
/// from `labour.csv` (men 15–24: 59.6 %; CHIP 2013 urban 16–60: men 82.2 %, women 64.5 %; men 60 → 63 and women
/// 55 → 58 at one month per four, women 50 → 55 at one month per two, from 2025-01-01).
@Suite("Labour-force participation and the retirement law")
struct ParticipationTests {
    static func schedule() throws -> ParticipationSchedule {
        try #require(ParticipationSchedule.from(try Shared.dataset.get().population))
    }

    static func at(_ l: [Double], _ sex: Sex, _ age: Int) -> Double { l[sex.rawValue * Cohorts.ages + age] }

    /// 2019: men work at the core rate to 59 and at half of it at 60–64; women (half retiring at 50, half at 55)
    /// at ages 50–54 at the mean of core and half-core; nobody at 14 or 65; youths at 59.6 % (men) and
    /// 59.6 × 64.5 / 82.2 % (women).
    @Test func ratesBeforeTheDecisionByHand() throws {
        let l = try Self.schedule().rates(year: 2019)
        #expect(abs(Self.at(l, .male, 20) - 0.596) < 1e-12)
        #expect(abs(Self.at(l, .female, 20) - 0.596 * 0.645 / 0.822) < 1e-12)
        #expect(abs(Self.at(l, .male, 59) - 0.822) < 1e-12 && abs(Self.at(l, .male, 60) - 0.411) < 1e-12)
        #expect(abs(Self.at(l, .female, 49) - 0.645) < 1e-12)
        #expect(abs(Self.at(l, .female, 52) - (0.5 * 0.3225 + 0.5 * 0.645)) < 1e-12)
        #expect(abs(Self.at(l, .female, 55) - 0.3225) < 1e-12)
        #expect(Self.at(l, .male, 14) == 0 && Self.at(l, .male, 65) == 0 && Self.at(l, .female, 65) == 0)
    }

    /// Mid-2030, 5.5 years into the phase-in: men's age 60 + 5.5·12/4 months = 61.375, so age 61 works 0.375 of
    /// its year; women 50 + 5.5·12/2 months = 52.75 and 55 + 16.5 months = 56.375. From 2037 men retire at 63.
    @Test func ratesDuringThePhaseInByHand() throws {
        let s = try Self.schedule(), l = s.rates(year: 2030)
        #expect(abs(Self.at(l, .male, 60) - 0.822) < 1e-12)
        #expect(abs(Self.at(l, .male, 61) - (0.375 * 0.822 + 0.625 * 0.411)) < 1e-12)
        #expect(abs(Self.at(l, .male, 62) - 0.411) < 1e-12)
        let w52 = 0.5 * (0.75 * 0.645 + 0.25 * 0.3225) + 0.5 * 0.645
        #expect(abs(Self.at(l, .female, 52) - w52) < 1e-12)
        let w56 = 0.5 * 0.3225 + 0.5 * (0.375 * 0.645 + 0.625 * 0.3225)
        #expect(abs(Self.at(l, .female, 56) - w56) < 1e-12)
        let late = s.rates(year: 2040)
        #expect(abs(Self.at(late, .male, 62) - 0.822) < 1e-12 && abs(Self.at(late, .male, 63) - 0.411) < 1e-12)
        // Participation never falls with the year at any age and sex (the decision only delays retirement).
        for year in 2019..<2045 {
            let a = s.rates(year: year), b = s.rates(year: year + 1)
            #expect(zip(a, b).allSatisfy { $1 >= $0 - 1e-15 }, "\(year)")
        }
    }

    /// The baseline's labour force follows the age structure: over 2020 → 2035 it falls less than the population of
    /// working age (15–64), because the decision keeps people in work (−7.6 % against −9.8 % at the defaults, merged engine), and
    /// employment (`IncomeStage.employment`) never exceeds it.
    @Test func baselineLabourForceFallsLessThanWorkingAgePopulation() throws {
        let t = try Shared.trajectory("baseline")
        func change(_ id: String) throws -> Double {
            try #require(t.value(id, in: 2035)) / #require(t.value(id, in: 2020)) - 1
        }
        let lf = try change("labour_force"), wap = try change("working_age_population")
        #expect(lf > wap + 0.01 && lf < 0, "labour force \(lf), working age \(wap)")
    }
}
