import Foundation

/// Flags of a run whose numbers leave the plausible (issue 17 item 5, MODEL-v3 §4.6): now that nothing steers GDP
/// to a target, the run says where its own dynamics go where no published path went. Each flag is one line in
/// `diagnostics.warnings` (`summary.json`, the report's diagnostics); the run itself is unchanged.
public enum PlausibilityFlags {
    /// Real GDP growth of a place above this a year is flagged (the circle's fastest year since 2010 was below
    /// 13 %; China's plan-era ceiling for the 2020s: modelling choice).
    public static let fastGrowth = 0.09
    /// Real GDP growth below this a year is flagged (a deeper fall than any province's in 2020: modelling choice).
    public static let deepFall = -0.05
    /// A sign change of net migration counts only when both sides exceed this share of the population.
    public static let migrationNoise = 1e-3
    /// At most this many place-years named in the growth flag.
    static let examples = 3

    /// The flags of `t`: growth outside [−5 %, 9 %] a year (circle and jurisdictions), a population above an
    /// `atMost` population goal (the Chengdu cap) in any year, and jurisdictions whose net migration changes sign.
    public static func check(_ t: Trajectory) -> [String] {
        [growthFlag(t), capFlags(t), migrationFlag(t)].flatMap { $0 }
    }

    static func growthFlag(_ t: Trajectory) -> [String] {
        var hits: [String] = []
        let growth = t.series["gdp_growth"] ?? [:]
        for place in t.places where place.kind != .group {
            guard let series = growth[place.id] else { continue }
            for (k, year) in t.years.enumerated() where year > t.years[0] {
                guard let g = series[k] else { continue }
                if g > fastGrowth || g < deepFall { hits.append("\(place.id) \(year) \(String(format: "%+.1f", g * 100)) %") }
            }
        }
        guard !hits.isEmpty else { return [] }
        return ["real GDP growth outside \(Int(deepFall * 100)) … +\(Int(fastGrowth * 100)) % a year in \(hits.count) place-years (e.g. "
                + hits.prefix(examples).joined(separator: "; ") + ")"]
    }

    static func capFlags(_ t: Trajectory) -> [String] {
        t.goals.filter { $0.indicatorID == "population" && $0.comparison == .atMost }.compactMap { goal in
            guard let values = t.series["population"]?[goal.place],
                  let k = values.firstIndex(where: { ($0 ?? 0) > goal.target }) else { return nil }
            return "population of \(goal.place) above the \(goal.goalID) cap (\(String(format: "%.1f", goal.target / 1e6)) million) from \(t.years[k])"
        }
    }

    static func migrationFlag(_ t: Trajectory) -> [String] {
        var hits: [String] = []
        for place in t.places where place.kind == .jurisdiction {
            guard let nm = t.series["net_migration"]?[place.id], let pop = t.series["population"]?[place.id] else { continue }
            var sign = 0.0
            for k in t.years.indices {
                guard let m = nm[k], let p = pop[k], p > 0, abs(m) > migrationNoise * p else { continue }
                let s = m > 0 ? 1.0 : -1.0
                if sign != 0, s != sign { hits.append("\(place.id) \(t.years[k])"); break }
                sign = s
            }
        }
        guard !hits.isEmpty else { return [] }
        return ["net migration changes sign in \(hits.count) jurisdictions (first year each: " + hits.joined(separator: "; ") + ")"]
    }
}

extension Trajectory {
    /// The same trajectory with `extra` appended to its diagnostics' warnings.
    public func withWarnings(_ extra: [String]) -> Trajectory {
        guard !extra.isEmpty else { return self }
        var d = diagnostics
        d.warnings += extra
        var t = Trajectory(
            scenario: scenario, years: years, indicators: indicators, places: places, series: series, goals: goals,
            diagnostics: d, estimatedInputs: estimatedInputs)
        t.sectorDetail = sectorDetail
        return t
    }
}
