import Foundation

/// The seven parameters of the Rogers–Castro (1981) reduced model migration schedule
/// `m(x) = a1·exp(−α1·x) + a2·exp(−α2(x−μ2) − exp(−λ2(x−μ2))) + c`: pre-labour-force (`a1`, `α1`),
/// labour-force peak (`a2`, `α2` descent, `λ2` ascent, `μ2` location) and the constant `c`.
public struct RogersCastroParameters: Sendable, Hashable, Codable {
    public var a1: Double
    public var alpha1: Double
    public var a2: Double
    public var alpha2: Double
    public var mu2: Double
    public var lambda2: Double
    public var c: Double

    public init(a1: Double, alpha1: Double, a2: Double, alpha2: Double, mu2: Double, lambda2: Double, c: Double) {
        self.a1 = a1
        self.alpha1 = alpha1
        self.a2 = a2
        self.alpha2 = alpha2
        self.mu2 = mu2
        self.lambda2 = lambda2
        self.c = c
    }

    /// The "fundamental" standard schedule suggested by Rogers & Castro (1981), *Model Migration Schedules*,
    /// IIASA RR-81-30: `a1 = 0.02, α1 = 0.1, a2 = 0.06, α2 = 0.1, μ2 = 20, λ2 = 0.4, c = 0.003` (the values
    /// the R package `migest` ships as `rc9.fund`/`rc_model_fund`). Chosen as the neutral default until the
    /// schedule is fitted to the census migrants-by-age table (MODEL-v3 §3.1): its labour-force peak lies at
    /// `μ2 + ln(λ2/α2)/λ2 ≈ 23.5`, the child curve carries the moves of children with their parents
    /// (`α1 = α2`, the "parental shift"), and `c` keeps the old ages small but nonzero.
    public static let standard = RogersCastroParameters(
        a1: 0.02, alpha1: 0.1, a2: 0.06, alpha2: 0.1, mu2: 20, lambda2: 0.4, c: 0.003)

    /// `m(x)` unnormalised.
    public func value(at x: Double) -> Double {
        a1 * exp(-alpha1 * x) + a2 * exp(-alpha2 * (x - mu2) - exp(-lambda2 * (x - mu2))) + c
    }
}

/// Age patterns of migration (MODEL-v3 §3.1, `N = zone flows × a Rogers–Castro schedule`).
public enum MigrationAgeProfile {
    /// Rogers–Castro (1981) model schedule `m(x) = a1·exp(−α1·x) + a2·exp(−α2(x−μ2) − exp(−λ2(x−μ2))) + c`
    /// evaluated at exact ages x = 0…100 (the open group 100+ takes m(100)), normalised to sum 1 (101 values).
    /// One profile serves both sexes; pass sex-specific parameters to build two. Parameters: see
    /// `RogersCastroParameters.standard` (Rogers & Castro 1981, IIASA RR-81-30).
    /// - Precondition: parameters finite, `a1, a2, c ≥ 0` with a positive sum of the schedule.
    public static func rogersCastro(_ p: RogersCastroParameters = .standard) -> [Double] {
        let raw = (0..<Cohorts.ages).map { p.value(at: Double($0)) }
        let sum = raw.reduce(0, +)
        precondition(sum > 0 && sum.isFinite && raw.allSatisfy { $0 >= 0 },
                     "Rogers–Castro schedule must be finite, non-negative and not all zero: \(p)")
        return raw.map { $0 / sum }
    }

    /// Spreads `persons` over ages and sexes: `I(sex, x) = persons · share(sex) · profile(x) / Σ profile`, with
    /// `share(male) = maleShare`, `share(female) = 1 − maleShare`. `I.total == persons` to round-off.
    /// - Precondition: `profile` has 101 non-negative values with a positive sum; `persons ≥ 0` finite;
    ///   `maleShare` in [0, 1].
    public static func distribute(_ persons: Double, profile: [Double], maleShare: Double = 0.5) -> Cohorts {
        let sum = profileSum(profile)
        precondition(persons >= 0 && persons.isFinite, "persons must be finite and ≥ 0: \(persons)")
        precondition((0...1).contains(maleShare), "male share must be in [0, 1]: \(maleShare)")
        var c = Cohorts.zero()
        for (x, share) in [(Sex.male, maleShare), (Sex.female, 1 - maleShare)] {
            for a in 0..<Cohorts.ages { c[x, a] = persons * share * (profile[a] / sum) }
        }
        return c
    }

    /// Out-migration rates that make `persons` leave `population`: `o(sex, x) = k·profile(x)` with
    /// `k = persons / Σ_{sex,x} profile(x)·P(sex, x)`, so `Σ o·P = persons` (to round-off). Pass the population
    /// the rates will apply to (for `CohortProjection.step`, `CohortProjection.natural(p, rates:).next`).
    /// - Throws: `rateAboveOne` naming the age and sex where `o > 1` (the profile cannot move that many),
    ///   `rateAboveOne` for `persons > 0` from a population with no one at the profile's ages, and the usual
    ///   count / negative / non-finite errors.
    public static func outRates(_ persons: Double, population: Cohorts, profile: [Double]) throws -> Cohorts {
        try Demography.check(persons, quantity: "out-migrants")
        try Demography.check(profile, count: Cohorts.ages, quantity: "migration age profile", layout: .ages)
        try Demography.check(population.values, count: 2 * Cohorts.ages, quantity: "population", layout: .cohorts)
        guard persons > 0 else { return .zero() }
        var exposed = 0.0
        for x in Sex.allCases {
            for a in 0..<Cohorts.ages { exposed += profile[a] * population[x, a] }
        }
        guard exposed > 0 else {
            throw DemographyError.rateAboveOne(quantity: "out-migration rate (no population at the profile's ages)",
                                               sex: nil, age: nil, value: .infinity)
        }
        let k = persons / exposed
        var rates = Cohorts.zero()
        for x in Sex.allCases {
            for a in 0..<Cohorts.ages where population[x, a] > 0 {
                let o = k * profile[a]
                guard o <= 1 else { throw DemographyError.rateAboveOne(quantity: "out-migration rate", sex: x, age: a, value: o) }
                rates[x, a] = o
            }
        }
        return rates
    }

    private static func profileSum(_ profile: [Double]) -> Double {
        precondition(profile.count == Cohorts.ages, "profile needs \(Cohorts.ages) values, got \(profile.count)")
        let sum = profile.reduce(0, +)
        precondition(sum > 0 && sum.isFinite && profile.allSatisfy { $0 >= 0 }, "profile must be ≥ 0 with a positive sum")
        return sum
    }
}
