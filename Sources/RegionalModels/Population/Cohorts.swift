import Foundation

/// Sex of a cohort; the raw value is the block index in `Cohorts.values`.
public enum Sex: Int, Sendable, CaseIterable, CustomStringConvertible {
    case male = 0, female = 1
    public var description: String { self == .male ? "male" : "female" }
}

/// Population of one place by single year of age 0…99 and an open group 100+ (101 ages), two sexes
/// (MODEL-v3 §3.1, state `P[r,a,x]`). Values are persons (or, for migration rates, rates by the same layout).
///
/// Layout: `values[sex.rawValue · 101 + age]`, males first. `init(values:)` checks the count and that every
/// value is finite and ≥ 0; the subscript setter does not check (the functions that consume a `Cohorts`
/// validate it again).
public struct Cohorts: Sendable, Equatable {
    /// Ages per sex: 0…99 and the open group 100+.
    public static let ages = 101
    /// The index of the open group 100+.
    public static let openAge = 100
    /// `values[sex.rawValue · 101 + age]`.
    public var values: [Double]

    /// Checks `2 × 101` finite, non-negative values.
    public init(values: [Double]) throws {
        try Demography.check(values, count: 2 * Cohorts.ages, quantity: "population", layout: .cohorts)
        self.values = values
    }

    /// Unchecked, for values this module has just computed from checked inputs.
    init(unchecked values: [Double]) { self.values = values }

    /// All 202 cells zero.
    public static func zero() -> Cohorts { Cohorts(unchecked: [Double](repeating: 0, count: 2 * ages)) }

    /// The flat index `sex · 101 + age`.
    @inline(__always) public static func index(_ sex: Sex, _ age: Int) -> Int { sex.rawValue * ages + age }

    /// Persons of `sex` at single age `age` (0…99) or in the open group (`age` = 100).
    public subscript(sex: Sex, age: Int) -> Double {
        get { values[Cohorts.index(sex, age)] }
        set { values[Cohorts.index(sex, age)] = newValue }
    }

    /// `Σ_{sex, age} P`.
    public var total: Double { values.reduce(0, +) }

    /// `Σ_{a ∈ ages} P(sex, a)` over one sex or both (`sex == nil`). The upper end is clipped to 100, so
    /// `60...200` means 60+ (the open group included); the lower end is clipped to 0; a range wholly above 100
    /// sums to 0.
    public func sum(ages: ClosedRange<Int>, sex: Sex? = nil) -> Double {
        let lo = max(ages.lowerBound, 0), hi = min(ages.upperBound, Cohorts.openAge)
        guard lo <= hi else { return 0 }
        var s = 0.0
        for x in sex.map({ [$0] }) ?? Sex.allCases {
            for a in lo...hi { s += self[x, a] }
        }
        return s
    }

    /// Mean age `Σ (a + ½)·P(a) / Σ P`, single years at their mid-point and the open group at 100.5;
    /// 0 for an empty population (never NaN).
    public var meanAge: Double {
        var weighted = 0.0, persons = 0.0
        for x in Sex.allCases {
            for a in 0..<Cohorts.ages {
                weighted += (Double(a) + 0.5) * self[x, a]
                persons += self[x, a]
            }
        }
        return persons > 0 ? weighted / persons : 0
    }

    /// Output groups 0–4, 5–9, …, 80–84 and 85+ (18 values) of one sex or both (`sex == nil`).
    public func fiveYearGroups(sex: Sex?) -> [Double] {
        (0..<17).map { sum(ages: (5 * $0)...(5 * $0 + 4), sex: sex) } + [sum(ages: 85...Cohorts.openAge, sex: sex)]
    }
}

/// Failures of the demography component, each naming the quantity, the cell (sex and age where there is
/// one) and the offending value.
public enum DemographyError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A value below 0 where persons, rates or shares must be ≥ 0.
    case negative(quantity: String, sex: Sex?, age: Int?, value: Double)
    /// NaN or ±∞ in an input.
    case nonFinite(quantity: String, sex: Sex?, age: Int?, value: Double)
    /// A probability-like rate above 1 (out-migration rates, or the rates `outRates` would need).
    case rateAboveOne(quantity: String, sex: Sex?, age: Int?, value: Double)
    /// Raking did not fit: the margin named is still off after the sweep limit (`fitted` vs `target`).
    case inconsistentMargins(margin: String, fitted: Double, target: Double)
    /// An array of the wrong length.
    case wrongCount(quantity: String, expected: Int, got: Int)
    /// Age groups that do not start at 0, overlap, leave gaps or lack the open group.
    case invalidGroups(quantity: String, reason: String)

    public var description: String {
        switch self {
        case let .negative(q, s, a, v): return "negative \(q)\(Demography.cell(s, a)): \(v)"
        case let .nonFinite(q, s, a, v): return "non-finite \(q)\(Demography.cell(s, a)): \(v)"
        case let .rateAboveOne(q, s, a, v): return "\(q)\(Demography.cell(s, a)) is \(v), above 1"
        case let .inconsistentMargins(m, f, t):
            return "inconsistent margins: \(m) reaches \(f) instead of \(t) after the sweep limit"
        case let .wrongCount(q, e, g): return "\(q): expected \(e) values, got \(g)"
        case let .invalidGroups(q, r): return "invalid age groups for \(q): \(r)"
        }
    }
}

/// Shared checks of the demography component.
enum Demography {
    /// How a flat array maps to cells for error messages.
    enum Layout { case cohorts, ages, plain }

    static func cell(_ sex: Sex?, _ age: Int?) -> String {
        switch (sex, age) {
        case let (s?, a?): return " (\(s), age \(a == Cohorts.openAge ? "100+" : String(a)))"
        case let (nil, a?): return " (age \(a == Cohorts.openAge ? "100+" : String(a)))"
        case let (s?, nil): return " (\(s))"
        case (nil, nil): return ""
        }
    }

    static func location(_ i: Int, _ layout: Layout) -> (Sex?, Int?) {
        switch layout {
        case .cohorts: return (Sex(rawValue: i / Cohorts.ages), i % Cohorts.ages)
        case .ages: return (nil, i)
        case .plain: return (nil, nil)
        }
    }

    /// Throws `wrongCount` (when `count` is given), then `nonFinite`, `negative` and, with `atMostOne`,
    /// `rateAboveOne` for the first offending cell.
    static func check(_ v: [Double], count: Int?, quantity: String, layout: Layout, atMostOne: Bool = false) throws {
        if let count, v.count != count { throw DemographyError.wrongCount(quantity: quantity, expected: count, got: v.count) }
        for (i, x) in v.enumerated() where !x.isFinite || x < 0 || (atMostOne && x > 1) {
            let (s, a) = location(i, layout)
            if !x.isFinite { throw DemographyError.nonFinite(quantity: quantity, sex: s, age: a, value: x) }
            if x < 0 { throw DemographyError.negative(quantity: quantity, sex: s, age: a, value: x) }
            throw DemographyError.rateAboveOne(quantity: quantity, sex: s, age: a, value: x)
        }
    }

    /// Throws `nonFinite` / `negative` for one scalar.
    static func check(_ x: Double, quantity: String) throws {
        if !x.isFinite { throw DemographyError.nonFinite(quantity: quantity, sex: nil, age: nil, value: x) }
        if x < 0 { throw DemographyError.negative(quantity: quantity, sex: nil, age: nil, value: x) }
    }
}
