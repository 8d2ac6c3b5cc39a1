import Foundation

/// A raking margin: the total of one block of `Cohorts` cells, ages `ages` (clipped to 0…100, 100 = 100+) of
/// one sex or of both (`sex == nil`).
public struct AgeMargin: Sendable, Equatable, CustomStringConvertible {
    public var ages: ClosedRange<Int>
    public var sex: Sex?
    public var total: Double

    public init(ages: ClosedRange<Int>, sex: Sex? = nil, total: Double) {
        self.ages = ages
        self.sex = sex
        self.total = total
    }

    public var description: String {
        let hi = ages.upperBound >= Cohorts.openAge ? "+" : "–\(ages.upperBound)"
        return "ages \(ages.lowerBound)\(hi), \(sex.map { "\($0)" } ?? "both sexes")"
    }

    /// Flat `Cohorts` indices of the block.
    var cells: [Int] {
        let lo = max(ages.lowerBound, 0), hi = min(ages.upperBound, Cohorts.openAge)
        guard lo <= hi else { return [] }
        return (sex.map { [$0] } ?? Sex.allCases).flatMap { x in (lo...hi).map { Cohorts.index(x, $0) } }
    }
}

/// Age structures from published groups and margins (MODEL-v3 §3.1, the base population).
public enum AgeStructure {
    /// Splits group counts into single years 0…99 and the open group 100+ (101 values).
    ///
    /// - Closed groups `from…to` (to ≤ 99): uniform within the group, `v/(to − from + 1)` per year (the
    ///   simplest split that keeps every group total; no smoothing across groups).
    /// - The last group must be open (`to == nil`). Starting at 100 it is the 100+ group. Starting at `a < 100`
    ///   it is spread geometrically, share `(1 − r)·r^(x−a)` at x = a…99 and `r^(100−a)` for 100+ (the tail of
    ///   the same series), `r = openGroupRatio` (default 0.8: China 2020 puts ≈ 65/28/6 % of 85+ at 85–89/
    ///   90–94/95–99; r = 0.8 gives 67/22/7 %). Shares are normalised so the group total is kept.
    /// - Throws: `invalidGroups` (not from 0, gaps, overlaps, closed group past 99, no open group, ratio
    ///   outside (0, 1)), `negative` / `nonFinite` values.
    public static func singleYears(
        groups: [(from: Int, to: Int?, value: Double)], openGroupRatio r: Double = 0.8
    ) throws -> [Double] {
        try checkGroups(groups.map { ($0.from, $0.to) }, quantity: "population groups")
        try Demography.check(groups.map(\.value), count: nil, quantity: "group population", layout: .plain)
        guard r > 0, r < 1 else {
            throw DemographyError.invalidGroups(quantity: "population groups", reason: "open-group ratio \(r) not in (0, 1)")
        }
        var out = [Double](repeating: 0, count: Cohorts.ages)
        for g in groups {
            if let to = g.to {
                for a in g.from...to { out[a] = g.value / Double(to - g.from + 1) }
            } else {
                var w = (g.from..<Cohorts.openAge).map { (1 - r) * pow(r, Double($0 - g.from)) }
                w.append(pow(r, Double(Cohorts.openAge - g.from)))
                let sum = w.reduce(0, +)
                for (i, wi) in w.enumerated() { out[g.from + i] = g.value * wi / sum }
            }
        }
        return out
    }

    /// Iterative proportional fitting (Deming & Stephan 1940) of `seed` to block totals: each sweep scales
    /// every margin's cells in turn by `total / current sum`. Stops when every margin fits to `tolerance`
    /// relative (`|Σ − T| ≤ tol·T`); returns `seed` itself when it already fits. Cells outside every margin
    /// keep their seed values; zero seed cells stay zero.
    /// - Throws: `inconsistentMargins` naming the worst margin after `maxSweeps` sweeps (margins that cannot
    ///   hold together, e.g. sex totals that do not add up to the age totals) or at once for a positive total
    ///   over a block whose seed is all zero; `negative` / `nonFinite` seed cells or totals.
    public static func rake(
        _ seed: Cohorts, to margins: [AgeMargin], tolerance: Double = 1e-12, maxSweeps: Int = 1000
    ) throws -> Cohorts {
        try Demography.check(seed.values, count: 2 * Cohorts.ages, quantity: "raking seed", layout: .cohorts)
        for m in margins { try Demography.check(m.total, quantity: "margin \(m)") }
        let blocks = margins.map(\.cells)
        var c = seed
        func worst() -> (index: Int, fitted: Double, misfit: Double) {
            var w = (index: 0, fitted: 0.0, misfit: 0.0)
            for (i, cells) in blocks.enumerated() {
                let s = cells.reduce(0) { $0 + c.values[$1] }
                let misfit = abs(s - margins[i].total) / max(margins[i].total, .leastNormalMagnitude)
                if misfit > w.misfit { w = (i, s, misfit) }
            }
            return w
        }
        if worst().misfit <= tolerance { return seed }
        for _ in 0..<maxSweeps {
            for (m, cells) in zip(margins, blocks) {
                let s = cells.reduce(0) { $0 + c.values[$1] }
                guard s > 0 else {
                    if m.total > 0 { throw DemographyError.inconsistentMargins(margin: "\(m) (empty seed)", fitted: 0, target: m.total) }
                    continue
                }
                let f = m.total / s
                for i in cells { c.values[i] *= f }
            }
            if worst().misfit <= tolerance { return c }
        }
        let w = worst()
        throw DemographyError.inconsistentMargins(margin: "\(margins[w.index])", fitted: w.fitted, target: margins[w.index].total)
    }

    /// Groups start at 0, follow each other without gaps or overlaps, closed ones end by 99, and the last is
    /// open and starts at 100 at the latest.
    static func checkGroups(_ groups: [(from: Int, to: Int?)], quantity: String) throws {
        var next = 0
        for (i, g) in groups.enumerated() {
            guard g.from == next else {
                throw DemographyError.invalidGroups(quantity: quantity, reason: "group \(i + 1) starts at \(g.from), expected \(next)")
            }
            if let to = g.to {
                guard to >= g.from, to < Cohorts.openAge, i < groups.count - 1 else {
                    throw DemographyError.invalidGroups(
                        quantity: quantity, reason: "group \(i + 1) (\(g.from)–\(to)) must end by 99 and be followed by an open group")
                }
                next = to + 1
            } else {
                guard i == groups.count - 1, g.from <= Cohorts.openAge else {
                    throw DemographyError.invalidGroups(quantity: quantity, reason: "the open group (\(g.from)+) must be last and start by 100")
                }
                return
            }
        }
        throw DemographyError.invalidGroups(quantity: quantity, reason: "no open group")
    }
}

/// Single-age period life tables (Preston, Heuveline & Guillot 2001, ch. 3).
public enum LifeTable {
    /// Period life expectancy at birth from single-age central death rates, the last entry being the open
    /// group (101 values for 0…99, 100+; any length ≥ 1 works).
    ///
    /// `q(x) = m/(1 + ½m)` (deaths at mid-year, `a(x) = ½`; capped at 1 for m ≥ 2), `l(x+1) = l(x)(1 − q)`,
    /// `L(x) = l(x)(1 − ½q)`, open group `L(ω) = l(ω)/m(ω)`, `e0 = Σ L`. With a constant `m` this gives
    /// `e0 = 1/m` exactly (each closed age contributes `(1 − l(x+1)/l(x))·l(x)/m`), like the constant hazard.
    /// - Precondition: rates finite and ≥ 0. An open-group rate of 0 gives `+∞` (no one dies), never NaN.
    public static func lifeExpectancy(mortality m: ArraySlice<Double>) -> Double {
        precondition(!m.isEmpty && m.allSatisfy { $0.isFinite && $0 >= 0 }, "death rates must be finite and ≥ 0")
        var l = 1.0, e = 0.0
        for x in m.indices.dropLast() {
            let q = min(1, m[x] / (1 + m[x] / 2))
            e += l * (1 - q / 2)
            l *= 1 - q
        }
        guard l > 0 else { return e }
        let open = m[m.index(before: m.endIndex)]
        return open > 0 ? e + l / open : .infinity
    }

    /// `lifeExpectancy` of a whole array (e.g. one sex's 101 rates).
    public static func lifeExpectancy(mortality m: [Double]) -> Double { lifeExpectancy(mortality: m[...]) }

    /// Single-age `m(x)`, 0…99 and 100+ (101 values), from group rates constant within each group: the
    /// abridged WPP layout 0, 1–4, 5–9, …, 95–99, 100+ or any other contiguous groups from 0 ending in an open
    /// group (starting by 100, filling the ages up to 100+).
    /// - Throws: `invalidGroups`, `negative`, `nonFinite`.
    public static func singleAgeRates(groups: [(from: Int, to: Int?, rate: Double)]) throws -> [Double] {
        try AgeStructure.checkGroups(groups.map { ($0.from, $0.to) }, quantity: "death-rate groups")
        try Demography.check(groups.map(\.rate), count: nil, quantity: "group death rate", layout: .plain)
        var m = [Double](repeating: 0, count: Cohorts.ages)
        for g in groups {
            for a in g.from...(g.to ?? Cohorts.openAge) { m[a] = g.rate }
        }
        return m
    }

    /// Proportional scaling `m'(x) = k·m(x)` with `k = target·ΣP / Σ m·P`, so the crude death rate
    /// `Σ m'·P / Σ P` equals `target` exactly (m' is linear in k: no bisection). `m` and `population` have the
    /// same layout (101 ages, or 2 × 101 as `Cohorts`).
    ///
    /// Modelling choice: proportional scaling shifts `ln m(x)` by `ln k` at every age, keeping the age pattern
    /// of log mortality. The design's Brass logit (`Y(a) = α + β·Y_std(a)`, MODEL-v3 §3.2) instead moves
    /// the logit of `1 − l(a)`, which changes young and old ages differently and needs a one-dimensional
    /// root search for `α`; this function is the simple alternative for matching a crude rate within a year.
    /// Returns `m` unchanged when `Σ m·P = 0` (nothing to scale).
    /// - Precondition: equal counts; rates, persons and target finite and ≥ 0.
    public static func scaled(_ m: [Double], toCrudeRate target: Double, population: [Double]) -> [Double] {
        precondition(m.count == population.count, "rates (\(m.count)) and population (\(population.count)) differ in length")
        precondition(target >= 0 && target.isFinite, "target crude death rate must be finite and ≥ 0: \(target)")
        precondition((m + population).allSatisfy { $0.isFinite && $0 >= 0 }, "rates and persons must be finite and ≥ 0")
        let deaths = zip(m, population).reduce(0) { $0 + $1.0 * $1.1 }
        guard deaths > 0 else { return m }
        let k = target * population.reduce(0, +) / deaths
        return m.map { $0 * k }
    }
}
