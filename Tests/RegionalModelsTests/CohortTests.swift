import Foundation
import MatrixCore
import Testing
@testable import RegionalModels

/// Shared inputs of the cohort tests.
enum CohortFixture {
    /// A smooth mortality schedule (infant + Gompertz), males 20 % higher; `m(100) ≈ 1.1`.
    static func mortality() -> [Double] {
        Sex.allCases.flatMap { x in
            (0..<Cohorts.ages).map { a -> Double in
                let m = 0.004 * exp(-Double(a)) + 0.0001 + 0.00005 * exp(0.1 * Double(a))
                return x == .male ? 1.2 * m : m
            }
        }
    }

    /// A bell-shaped fertility schedule at 15…49 with total fertility `tfr`.
    static func fertility(tfr: Double = 1.3) -> [Double] {
        let shape = (0..<Cohorts.ages).map { a in (15...49).contains(a) ? exp(-pow(Double(a) - 28, 2) / 50) : 0 }
        let s = shape.reduce(0, +)
        return shape.map { tfr * $0 / s }
    }

    static func random(_ rng: inout SplitMix64, scale: Double) -> Cohorts {
        Cohorts(unchecked: (0..<(2 * Cohorts.ages)).map { _ in scale * rng.nextUniform() })
    }

    static func uniform(_ v: Double) -> Cohorts { Cohorts(unchecked: [Double](repeating: v, count: 2 * Cohorts.ages)) }

    /// WPP 2024 (legacy five-year dataset), China, central death rates for the period 2015–2020, groups 0,
    /// 1–4, 5–9, …, 95–99, 100+; copied from `Sources/BaseData/Resources/data/population/vital_rates.csv`
    /// (`china,mx_5y_period,2015`, source S-P-WPP2024).
    static let wppBounds: [(Int, Int?)] = {
        var b: [(Int, Int?)] = [(0, 0), (1, 4)]
        for g in 1...19 { b.append((5 * g, 5 * g + 4)) }
        b.append((100, nil))
        return b
    }()
    static let wppMale2015 = [
        0.00783544, 0.00045297, 0.00035351, 0.0004532, 0.00053241, 0.00077738, 0.00094565, 0.00105759, 0.00132405,
        0.00221723, 0.00346547, 0.00580011, 0.00832887, 0.01485116, 0.02323263, 0.03711008, 0.06013746, 0.10357923,
        0.17260393, 0.29298323, 0.51175699, 0.89299663,
    ]
    static let wppFemale2015 = [
        0.00670937, 0.0004589, 0.0003084, 0.00028859, 0.00033003, 0.00049386, 0.00055702, 0.00060788, 0.00075336,
        0.00114974, 0.00167546, 0.00273772, 0.00385689, 0.00696635, 0.01193689, 0.02121015, 0.03717788, 0.07029145,
        0.12254554, 0.21537465, 0.35918228, 0.53465841,
    ]
}

@Suite("Population: cohort-component projection, ledger, hand example, stationary population")
struct CohortProjectionTests {
    @Test func ledgerClosesOnRandomInputs() throws {
        var rng = SplitMix64(seed: 20_260_301)
        for _ in 0..<50 {
            let p = CohortFixture.random(&rng, scale: 1e5)
            let rates = VitalRates(
                fertility: (0..<Cohorts.ages).map { (15...49).contains($0) ? 0.2 * rng.nextUniform() : 0 },
                mortality: (0..<(2 * Cohorts.ages)).map { _ in 0.6 * rng.nextUniform() },
                sexRatioAtBirth: 1 + 0.2 * rng.nextUniform())
            let out = Cohorts(unchecked: (0..<(2 * Cohorts.ages)).map { _ in 0.3 * rng.nextUniform() })
            let inM = CohortFixture.random(&rng, scale: 500)
            let s = try CohortProjection.step(p, rates: rates, outMigrationRates: out, inMigrants: inM)
            let expected = p.total + s.births - s.deaths + s.inMigrants - s.outMigrants
            #expect(abs(s.next.total - expected) <= 1e-9 * p.total)
            #expect(abs(s.inMigrants - inM.total) <= 1e-12 * inM.total)
            #expect(s.births > 0 && s.deaths > 0 && s.outMigrants > 0)
            // The sum over ages (and over the 18 output groups) is the total.
            #expect(abs(s.next.sum(ages: 0...100) - s.next.total) <= 1e-12 * s.next.total)
            #expect(abs(s.next.fiveYearGroups(sex: nil).reduce(0, +) - s.next.total) <= 1e-12 * s.next.total)
            #expect(abs(s.next.sum(ages: 0...100, sex: .male) + s.next.sum(ages: 0...100, sex: .female) - s.next.total)
                    <= 1e-12 * s.next.total)
            #expect(s.next.values.allSatisfy { $0.isFinite && $0 >= 0 })
        }
    }

    @Test func withoutEventsOnlyAgesMove() throws {
        var rng = SplitMix64(seed: 11)
        var p = CohortFixture.random(&rng, scale: 1000)
        let none = VitalRates(fertility: [Double](repeating: 0, count: 101), mortality: [Double](repeating: 0, count: 202),
                              sexRatioAtBirth: 1.113)
        let s = try CohortProjection.step(p, rates: none, outMigrationRates: .zero(), inMigrants: .zero())
        for x in Sex.allCases {
            #expect(s.next[x, 0] == 0)
            for a in 0..<99 { #expect(s.next[x, a + 1] == p[x, a]) }
            #expect(s.next[x, 100] == p[x, 99] + p[x, 100])
        }
        #expect(s.births == 0 && s.deaths == 0 && s.outMigrants == 0 && s.inMigrants == 0)
        // With 99 and 100+ empty everyone stays in single years: the mean age rises by exactly one year.
        for x in Sex.allCases { p[x, 99] = 0; p[x, 100] = 0 }
        let t = try CohortProjection.step(p, rates: none, outMigrationRates: .zero(), inMigrants: .zero())
        #expect(abs(t.next.meanAge - p.meanAge - 1) < 1e-12)
        #expect(abs(t.next.total - p.total) <= 1e-12 * p.total)
    }

    /// One step on the real layout, every number derived by hand from the formulas of PHG (2001):
    /// women 1,000 at age 20, boys 100 at age 0, women 10 at 100+; m = 0.1 everywhere, f(20) = 0.1,
    /// f(21) = 0.2, SRB 1.1; 10 % of the women now 21 leave; 5 men aged 30 arrive.
    @Test func handComputedStep() throws {
        var p = Cohorts.zero()
        p[.female, 20] = 1000; p[.male, 0] = 100; p[.female, 100] = 10
        var f = [Double](repeating: 0, count: 101)
        f[20] = 0.1; f[21] = 0.2
        let rates = VitalRates(fertility: f, mortality: [Double](repeating: 0.1, count: 202), sexRatioAtBirth: 1.1)
        var out = Cohorts.zero(); out[.female, 21] = 0.1
        var inM = Cohorts.zero(); inM[.male, 30] = 5
        let s = try CohortProjection.step(p, rates: rates, outMigrationRates: out, inMigrants: inM)

        let surv = exp(-0.1), infant = exp(-0.05)
        // B = f(20)·½(1000 + 0) + f(21)·½(0 + 1000·s): the women aged 20 now are 21 at t+1.
        let births = 0.1 * 500 + 0.2 * 0.5 * 1000 * surv
        #expect(abs(s.births - births) < 1e-12)
        #expect(abs(s.births - 140.48374180359595) < 1e-9)
        let boys = births * 1.1 / 2.1, girls = births / 2.1
        #expect(abs(s.next[.male, 0] - boys * infant) < 1e-12)
        #expect(abs(s.next[.female, 0] - girls * infant) < 1e-12)
        #expect(abs(s.next[.male, 1] - 100 * surv) < 1e-12)
        #expect(abs(s.next[.female, 21] - 1000 * surv * 0.9) < 1e-12)
        #expect(abs(s.next[.female, 100] - 10 * surv) < 1e-12)
        #expect(s.next[.male, 30] == 5)
        let deaths = 1110 * (1 - surv) + births * (1 - infant)
        #expect(abs(s.deaths - deaths) < 1e-10)
        #expect(abs(s.outMigrants - 100 * surv) < 1e-12)
        #expect(s.inMigrants == 5)
        #expect(s.next.values.filter { $0 > 0 }.count == 6)   // boys, girls, male 1, female 21, female 100+, male 30
        #expect(abs(s.next.total - (1110 + births - deaths + 5 - 100 * surv)) < 1e-9)
    }

    /// Stationary population: the projection's own life-table structure `P(0) = births·exp(−m(0)/2)`,
    /// `P(x+1) = P(x)·exp(−m(x))`, `P(100+) = P(99)s(99)/(1 − s(100))`, with fertility scaled so that the births
    /// replace the girls and boys at age 0 (net reproduction ratio 1): the population stays put every year.
    @Test func stationaryPopulationStaysConstant() throws {
        let m = CohortFixture.mortality(), srb = 1.113, girls = 10_000.0
        var p = Cohorts.zero()
        for x in Sex.allCases {
            let o = x.rawValue * 101
            p[x, 0] = girls * (x == .male ? srb : 1) * exp(-m[o] / 2)
            for a in 0..<99 { p[x, a + 1] = p[x, a] * exp(-m[o + a]) }
            p[x, 100] = p[x, 99] * exp(-m[o + 99]) / (1 - exp(-m[o + 100]))
        }
        let shape = CohortFixture.fertility(tfr: 1)
        let exposure = (0..<101).reduce(0.0) { $0 + shape[$1] * p[.female, $1] }
        let k = girls * (1 + srb) / exposure
        let rates = VitalRates(fertility: shape.map { k * $0 }, mortality: m, sexRatioAtBirth: srb)
        var q = p
        for year in 1...50 {
            q = try CohortProjection.step(q, rates: rates, outMigrationRates: .zero(), inMigrants: .zero()).next
            let worst = zip(q.values, p.values).map { abs($0 - $1) / $1 }.max() ?? .infinity
            #expect(worst < 1e-9 * Double(year), "year \(year): largest relative change \(worst)")
        }
        // The female net reproduction ratio is 1 in this discrete scheme: total fertility ≈ k is about 2.1.
        #expect((1.9...2.3).contains(k))
    }

    @Test func youngMigrantsLowerTheMeanAge() throws {
        var rng = SplitMix64(seed: 3)
        let p = CohortFixture.random(&rng, scale: 1000)
        let rates = VitalRates(fertility: CohortFixture.fertility(), mortality: CohortFixture.mortality(), sexRatioAtBirth: 1.113)
        let profile = MigrationAgeProfile.rogersCastro()
        let without = try CohortProjection.step(p, rates: rates, outMigrationRates: .zero(), inMigrants: .zero())
        let young = MigrationAgeProfile.distribute(0.05 * p.total, profile: profile)
        let with = try CohortProjection.step(p, rates: rates, outMigrationRates: .zero(), inMigrants: young)
        #expect(with.next.meanAge < without.next.meanAge - 0.5)
        // And losing the same young people raises it.
        let base = try CohortProjection.natural(p, rates: rates).next
        let o = try MigrationAgeProfile.outRates(0.05 * p.total, population: base, profile: profile)
        let losing = try CohortProjection.step(p, rates: rates, outMigrationRates: o, inMigrants: .zero())
        #expect(abs(losing.outMigrants - 0.05 * p.total) <= 1e-9 * p.total)
        #expect(losing.next.meanAge > without.next.meanAge + 0.5)
    }

    @Test func invalidInputsThrowNamingTheCell() throws {
        let rates = VitalRates(fertility: CohortFixture.fertility(), mortality: CohortFixture.mortality(), sexRatioAtBirth: 1.113)
        var p = CohortFixture.uniform(10)
        p[.female, 30] = -1
        #expect(throws: DemographyError.negative(quantity: "population", sex: .female, age: 30, value: -1)) {
            _ = try CohortProjection.step(p, rates: rates, outMigrationRates: .zero(), inMigrants: .zero())
        }
        #expect("\(DemographyError.negative(quantity: "population", sex: .female, age: 30, value: -1))".contains("female, age 30"))
        var o = Cohorts.zero(); o[.male, 100] = 1.5
        #expect(throws: DemographyError.rateAboveOne(quantity: "out-migration rate", sex: .male, age: 100, value: 1.5)) {
            _ = try CohortProjection.step(.zero(), rates: rates, outMigrationRates: o, inMigrants: .zero())
        }
        var bad = rates; bad.mortality[5] = .nan
        #expect(throws: DemographyError.self) { _ = try CohortProjection.natural(.zero(), rates: bad) }
        bad = rates; bad.fertility.removeLast()
        #expect(throws: DemographyError.wrongCount(quantity: "fertility rate", expected: 101, got: 100)) {
            _ = try CohortProjection.natural(.zero(), rates: bad)
        }
        #expect(throws: DemographyError.self) { _ = try Cohorts(values: [1, 2, 3]) }
        #expect(throws: DemographyError.self) { _ = try Cohorts(values: [Double](repeating: .infinity, count: 202)) }
        #expect(try Cohorts(values: [Double](repeating: 1, count: 202)).total == 202)
    }

    @Test func cohortsAccessors() {
        var c = Cohorts.zero()
        for a in 0...100 { c[.male, a] = 1; c[.female, a] = 2 }
        #expect(c.total == 303)
        #expect(c.sum(ages: 60...200) == 123)
        #expect(c.sum(ages: 0...14, sex: .female) == 30)
        #expect(c.sum(ages: 101...120) == 0)
        let g = c.fiveYearGroups(sex: .male)
        #expect(g.count == 18 && g[0] == 5 && g[16] == 5 && g[17] == 16)
        #expect(abs(c.meanAge - 50.5) < 1e-12)
        #expect(Cohorts.zero().meanAge == 0)
    }
}

@Suite("Population: life table, Rogers–Castro profile, single years, raking")
struct CohortAgeStructureTests {
    /// With a = ½ and a constant m, each closed age adds `l(x)(1 − q/2) = (l(x) − l(x+1))/m` and the open group
    /// `l(100)/m`: e0 = 1/m exactly, so the tolerance is round-off only.
    @Test func constantMortalityGivesOneOverM() {
        for m in [0.02, 0.1, 0.5] {
            let e0 = LifeTable.lifeExpectancy(mortality: [Double](repeating: m, count: 101))
            #expect(abs(e0 - 1 / m) < 1e-9, "m = \(m): e0 = \(e0)")
        }
        // One sex of a Cohorts-layout array through the slice overload.
        let two = [Double](repeating: 0.02, count: 101) + [Double](repeating: 0.05, count: 101)
        #expect(abs(LifeTable.lifeExpectancy(mortality: two[101..<202]) - 20) < 1e-9)
        #expect(LifeTable.lifeExpectancy(mortality: [0, 0]) == .infinity)
    }

    /// WPP 2024 period 2015–2020 rates give e0 within 0.5 year of WPP's own annual e0, averaged over mid-2015 to
    /// mid-2020 (half weights on 2015 and 2020; same CSV, `life_expectancy` wpp2024-estimate rows): male 74.833,
    /// female 80.407 (Python check of this table: 74.734 and 80.297).
    @Test func wppRatesGivePublishedLifeExpectancy() throws {
        for (rates, published) in [(CohortFixture.wppMale2015, 74.833), (CohortFixture.wppFemale2015, 80.407)] {
            let groups = zip(CohortFixture.wppBounds, rates).map { (from: $0.0.0, to: $0.0.1, rate: $0.1) }
            let m = try LifeTable.singleAgeRates(groups: groups)
            #expect(m.count == 101 && m[0] == rates[0] && m[1] == rates[1] && m[4] == rates[1] && m[5] == rates[2])
            #expect(m[99] == rates[20] && m[100] == rates[21])
            let e0 = LifeTable.lifeExpectancy(mortality: m)
            #expect(abs(e0 - published) < 0.5, "e0 \(e0) vs \(published)")
        }
        #expect(throws: DemographyError.self) { _ = try LifeTable.singleAgeRates(groups: [(0, 4, 0.01), (6, nil, 0.1)]) }
        #expect(throws: DemographyError.self) { _ = try LifeTable.singleAgeRates(groups: [(0, 4, -0.01), (5, nil, 0.1)]) }
    }

    @Test func scalingHitsTheCrudeDeathRate() {
        var rng = SplitMix64(seed: 8)
        let m = CohortFixture.mortality(), p = CohortFixture.random(&rng, scale: 1000).values
        let s = LifeTable.scaled(m, toCrudeRate: 0.0071, population: p)
        let cdr = zip(s, p).reduce(0) { $0 + $1.0 * $1.1 } / p.reduce(0, +)
        #expect(abs(cdr - 0.0071) < 1e-15)
        let k = s[50] / m[50]
        #expect(zip(s, m).allSatisfy { abs($0 - k * $1) <= 1e-15 * $0 })
        #expect(LifeTable.scaled([0, 0], toCrudeRate: 0.01, population: [1, 1]) == [0, 0])
    }

    @Test func rogersCastroStandardProfile() throws {
        let r = MigrationAgeProfile.rogersCastro()
        #expect(r.count == 101)
        #expect(abs(r.reduce(0, +) - 1) < 1e-12)
        let peak = r.indices.max { r[$0] < r[$1] }!
        #expect((21...25).contains(peak), "peak at \(peak)")
        #expect(r[0] > r[12] && r[23] > 3 * r[60])   // child curve, labour peak well above old ages
        // distribute: totals by sex and the age pattern.
        let d = MigrationAgeProfile.distribute(1_000, profile: r, maleShare: 0.6)
        #expect(abs(d.total - 1_000) < 1e-9)
        #expect(abs(d.sum(ages: 0...100, sex: .male) - 600) < 1e-9)
        #expect(abs(d[.female, 23] - 400 * r[23]) < 1e-12)
        // outRates: Σ o·P = persons and o ∝ profile; too many persons throws.
        var rng = SplitMix64(seed: 21)
        let p = CohortFixture.random(&rng, scale: 1000)
        let o = try MigrationAgeProfile.outRates(2_000, population: p, profile: r)
        let leaving = zip(o.values, p.values).reduce(0) { $0 + $1.0 * $1.1 }
        #expect(abs(leaving - 2_000) < 1e-9)
        #expect(abs(o[.male, 23] / o[.female, 40] - r[23] / r[40]) < 1e-12)
        #expect(o.values.allSatisfy { $0 <= 1 })
        #expect(throws: DemographyError.self) { _ = try MigrationAgeProfile.outRates(p.total, population: p, profile: r) }
        #expect(try MigrationAgeProfile.outRates(0, population: p, profile: r) == .zero())
    }

    @Test func singleYearsKeepGroupTotals() throws {
        var five: [(from: Int, to: Int?, value: Double)] = []
        for g in 0..<20 { five.append((5 * g, 5 * g + 4, 1000 + 37.3 * Double(g))) }
        five.append((100, nil, 12.5))
        let y = try AgeStructure.singleYears(groups: five)
        #expect(y.count == 101)
        for g in five {
            let got = y[g.from...(g.to ?? 100)].reduce(0, +)
            #expect(abs(got - g.value) <= 1e-12 * g.value)
        }
        #expect(y[7] == y[9] && y[100] == 12.5)
        // An open group 85+ spread geometrically (r = 0.8) keeps its total; its 100+ share is 0.8^15.
        let open: [(from: Int, to: Int?, value: Double)] = [(0, 14, 150), (15, 59, 900), (60, 84, 250), (85, nil, 40)]
        let z = try AgeStructure.singleYears(groups: open)
        for g in open { #expect(abs(z[g.from...(g.to ?? 100)].reduce(0, +) - g.value) <= 1e-12 * g.value) }
        #expect(abs(z[100] - 40 * pow(0.8, 15)) < 1e-12)
        #expect(abs(z[86] / z[85] - 0.8) < 1e-12)
        #expect(throws: DemographyError.self) { _ = try AgeStructure.singleYears(groups: [(0, 14, 1), (14, nil, 1)]) }
        #expect(throws: DemographyError.self) { _ = try AgeStructure.singleYears(groups: [(0, 14, 1), (15, 99, 1)]) }
        #expect(throws: DemographyError.self) { _ = try AgeStructure.singleYears(groups: [(0, nil, .nan)]) }
    }

    @Test func rakingFitsMarginsAndDetectsInconsistency() throws {
        var rng = SplitMix64(seed: 77)
        let seed = CohortFixture.random(&rng, scale: 100)
        let margins = [
            AgeMargin(ages: 0...14, total: 1_500), AgeMargin(ages: 15...59, total: 6_400), AgeMargin(ages: 60...100, total: 2_100),
            AgeMargin(ages: 0...100, sex: .male, total: 5_100), AgeMargin(ages: 0...100, sex: .female, total: 4_900),
        ]
        let fitted = try AgeStructure.rake(seed, to: margins)
        for m in margins {
            #expect(abs(fitted.sum(ages: m.ages, sex: m.sex) - m.total) <= 1e-10 * m.total, "\(m)")
        }
        #expect(fitted.values.allSatisfy { $0 >= 0 && $0.isFinite })
        // A seed that already fits comes back unchanged.
        #expect(try AgeStructure.rake(fitted, to: margins) == fitted)
        let own = [AgeMargin(ages: 0...100, total: seed.total)]
        #expect(try AgeStructure.rake(seed, to: own) == seed)
        // Sex totals adding to 11,000 against age totals of 10,000 cannot both hold.
        var bad = margins
        bad[4].total = 5_900
        #expect(throws: DemographyError.self) { _ = try AgeStructure.rake(seed, to: bad) }
        do {
            _ = try AgeStructure.rake(seed, to: bad)
        } catch let DemographyError.inconsistentMargins(margin, fitted, target) {
            #expect(!margin.isEmpty && abs(fitted - target) > 1)
        }
        #expect(throws: DemographyError.self) {
            _ = try AgeStructure.rake(.zero(), to: [AgeMargin(ages: 0...4, total: 10)])
        }
    }
}
