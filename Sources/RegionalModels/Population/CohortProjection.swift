import Foundation

/// One year's vital rates of a place (MODEL-v3 §3.2 supplies them; this component only applies them).
public struct VitalRates: Sendable, Equatable {
    /// Age-specific fertility `f(x)`: births per woman per year by single age 0…100 (101 values; in practice
    /// nonzero at 15…49 only). Ages are the mothers' completed ages at the start of the year.
    public var fertility: [Double]
    /// Central death rates `m(x)` (deaths per person-year) by sex and single age, `2 × 101` in the `Cohorts`
    /// layout (`sex · 101 + age`); index 100 of each sex is the open group 100+.
    public var mortality: [Double]
    /// Boys per girl at birth, e.g. 1.113 (China, 2020 census: 111.3 per 100).
    public var sexRatioAtBirth: Double

    public init(fertility: [Double], mortality: [Double], sexRatioAtBirth: Double) {
        self.fertility = fertility
        self.mortality = mortality
        self.sexRatioAtBirth = sexRatioAtBirth
    }

    /// Counts (101 and 202), finite non-negative rates and a positive sex ratio.
    func validate() throws {
        try Demography.check(fertility, count: Cohorts.ages, quantity: "fertility rate", layout: .ages)
        try Demography.check(mortality, count: 2 * Cohorts.ages, quantity: "death rate", layout: .cohorts)
        try Demography.check(sexRatioAtBirth, quantity: "sex ratio at birth")
        guard sexRatioAtBirth > 0 else {
            throw DemographyError.negative(quantity: "sex ratio at birth (must be > 0)", sex: nil, age: nil, value: sexRatioAtBirth)
        }
    }
}

/// The result of one projection year: the population at `t+1` and every flow of the year, in persons.
/// `next.total == p.total + births − deaths + inMigrants − outMigrants` to round-off.
public struct CohortStep: Sendable, Equatable {
    /// Population at `t+1` by sex and age (ages at `t+1`).
    public var next: Cohorts
    /// Live births of the year (both sexes, before infant deaths).
    public var births: Double
    /// Deaths of the year: of the population at `t` and of the year's births before `t+1`.
    public var deaths: Double
    /// Persons who left (rates × the survived, aged population).
    public var outMigrants: Double
    /// Persons who arrived (`inMigrants.total`).
    public var inMigrants: Double

    public init(next: Cohorts, births: Double, deaths: Double, outMigrants: Double, inMigrants: Double) {
        self.next = next
        self.births = births
        self.deaths = deaths
        self.outMigrants = outMigrants
        self.inMigrants = inMigrants
    }
}

/// Cohort-component projection by single years (Preston, Heuveline & Guillot 2001, *Demography*, ch. 6;
/// MODEL-v3 §3.1).
public enum CohortProjection {
    /// Natural change only, `t → t+1` (no migration): the population before migrants leave and arrive.
    ///
    /// - Survival with a constant hazard within the year: `s(x) = exp(−m(x))`, deaths `D(x) = P(x)·(1 − s(x))`
    ///   (computed as `−expm1(−m)·P`). Survivors age by one year: `P(x+1, t+1) = s(x)·P(x, t)` for x < 99;
    ///   the open group keeps its survivors, `P(100, t+1) = s(99)·P(99, t) + s(100)·P(100, t)`.
    /// - Births `B = Σ_x f(x)·½(P_F(x, t) + P_F(x, t+1))`, the survivors at x at t+1 standing for the women
    ///   who reach x during the year (PHG 2001 eq. 6.4 with one-year steps; MODEL-v3 §3.1).
    /// - Boys `B·SRB/(1 + SRB)`, girls `B/(1 + SRB)`, each put at age 0 after infant survival
    ///   `exp(−m(0)/2)` (born on average mid-year, so exposed half a year); infant deaths count in `deaths`.
    public static func natural(_ p: Cohorts, rates: VitalRates) throws -> CohortStep {
        try Demography.check(p.values, count: 2 * Cohorts.ages, quantity: "population", layout: .cohorts)
        try rates.validate()
        let n = Cohorts.ages, top = Cohorts.openAge
        var next = Cohorts.zero()
        var deaths = 0.0
        for x in Sex.allCases {
            let o = x.rawValue * n
            for a in 0...top {
                let died = -expm1(-rates.mortality[o + a]) * p.values[o + a]
                deaths += died
                next.values[o + min(a + 1, top)] += p.values[o + a] - died
            }
        }
        let f0 = Sex.female.rawValue * n
        var births = 0.0
        for a in 0...top where rates.fertility[a] > 0 {
            births += rates.fertility[a] * 0.5 * (p.values[f0 + a] + next.values[f0 + a])
        }
        let srb = rates.sexRatioAtBirth
        for (x, b) in [(Sex.male, births * srb / (1 + srb)), (Sex.female, births / (1 + srb))] {
            let infantDeaths = -expm1(-rates.mortality[x.rawValue * n] / 2) * b
            deaths += infantDeaths
            next[x, 0] = b - infantDeaths
        }
        return CohortStep(next: next, births: births, deaths: deaths, outMigrants: 0, inMigrants: 0)
    }

    /// One year `t → t+1` (Preston, Heuveline & Guillot 2001): `natural(p, rates:)` (survival `exp(−m(x))`,
    /// ageing, open group 100+ keeping its survivors, births `B = Σ_x f(x)·½(P_F(x, t) + P_F(x, t+1))` split
    /// by the sex ratio at birth and put at age 0 after infant survival `exp(−m(0)/2)`), then migration on the
    /// survived, aged population `N(x)` (ages at `t+1`):
    /// `P(x, t+1) = N(x)·(1 − o(x)) + I(x)`, out-migrants `Σ o(x)·N(x)`, in-migrants `Σ I(x)`.
    ///
    /// - Parameters:
    ///   - outMigrationRates: `o(sex, x)` ∈ [0, 1] by age at `t+1` (`MigrationAgeProfile.outRates` on
    ///     `natural(p, rates:).next` makes a given number of persons leave exactly).
    ///   - inMigrants: `I(sex, x)` persons by age at `t+1` (`MigrationAgeProfile.distribute`).
    /// - Returns: every flow, so the ledger closes:
    ///   `next.total = p.total + births − deaths + inMigrants − outMigrants` (to round-off, ≈ 1e-15 relative).
    /// - Throws: `DemographyError` for wrong counts, negative or non-finite inputs, or a rate above 1.
    public static func step(
        _ p: Cohorts, rates: VitalRates, outMigrationRates: Cohorts, inMigrants: Cohorts
    ) throws -> CohortStep {
        try Demography.check(outMigrationRates.values, count: 2 * Cohorts.ages, quantity: "out-migration rate",
                             layout: .cohorts, atMostOne: true)
        try Demography.check(inMigrants.values, count: 2 * Cohorts.ages, quantity: "in-migrants", layout: .cohorts)
        var s = try natural(p, rates: rates)
        for i in s.next.values.indices {
            let out = s.next.values[i] * outMigrationRates.values[i]
            s.outMigrants += out
            s.next.values[i] += inMigrants.values[i] - out
        }
        s.inMigrants = inMigrants.total
        return s
    }
}
