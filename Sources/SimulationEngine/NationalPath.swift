import BaseData
import Foundation
import RegionalModels

/// The national path of a run (MODEL-v3 §1, §4.1): real growth and the GDP deflator, either as projected in
/// 2019 (`national.path: projection-2019`, the v2 baseline) or as it happened (`realised`: first releases in
/// `history/national_path.csv` to the last observation, then the latest projection in the file for the next
/// year, then the `growth.national.*` parameters; deflator growth realised, then 2 % a year).
struct NationalPath: Sendable {
    /// Real growth by year (fraction) that replaces the projection; empty for the 2019 projection.
    let growth: [Int: Double]
    /// GDP deflator growth by year (fraction) where the path has data; other years use the 2019 projection's
    /// `CalibrationConstants.gdpDeflatorGrowth`.
    let deflatorGrowth: [Int: Double]
    /// The national urbanisation pace index m(t) of the step t → t + 1 where the path has it (MODEL.md §14,
    /// "National pace"); 1 in other years and throughout the 2019 projection.
    var urbanisationPace: [Int: Double] = [:]
    /// m(t) after the last observed step: the mean of the last three observed (M).
    var urbanisationPaceHeld = 1.0
    /// The same pace against the census decade 2010 → 2020 (the period of the migration targets), for
    /// migration: m_mig(t) = [L(u(t+1)) − L(u(t))] / ΔL̄₂₀₁₀₋₂₀; held likewise.
    var migrationPace: [Int: Double] = [:]
    var migrationPaceHeld = 1.0

    static let projection2019 = NationalPath(growth: [:], deflatorGrowth: [:])

    /// m(t): the national pace index of the step t → t + 1 — observed, else held after the last observed
    /// step, else 1 (before it, and throughout the 2019 projection).
    func pace(_ year: Int) -> Double { Self.lookup(urbanisationPace, held: urbanisationPaceHeld, year) }

    /// m_mig(t): the national pace of the step t → t + 1 against the census decade (1 where the path has none).
    func mobility(_ year: Int) -> Double { Self.lookup(migrationPace, held: migrationPaceHeld, year) }

    static func lookup(_ series: [Int: Double], held: Double, _ year: Int) -> Double {
        if let m = series[year] { return m }
        guard let last = series.keys.max(), year > last else { return 1 }
        return held
    }

    /// The mean of the last three values of a series (1 when empty): what is held after the data (M).
    static func heldValue(_ series: [Int: Double]) -> Double {
        let tail = series.keys.sorted().suffix(3).map { series[$0]! }
        return tail.isEmpty ? 1 : tail.reduce(0, +) / Double(tail.count)
    }

    /// The realised path from the history data (years after the base year).
    static func realised(_ history: HistoryData) -> NationalPath {
        var growth: [Int: Double] = [:], deflator: [Int: Double] = [:]
        for year in history.realisedYears("gdp_real_growth") where year > RunConventions.baseYear {
            growth[year] = history.national("gdp_real_growth", year: year).map { $0 / 100 }
        }
        for year in history.realisedYears("gdp_deflator_growth") where year > RunConventions.baseYear {
            deflator[year] = history.national("gdp_deflator_growth", year: year).map { $0 / 100 }
        }
        // The next year: the latest projection in the file (the vintage that sorts last, e.g. a January update
        // after the October outlook).
        if let last = growth.keys.max() {
            let next = history.national.filter { $0.indicator == "gdp_real_growth" && $0.year == last + 1 && $0.kind == "projection-latest" }
            if let latest = next.max(by: { Self.vintageDate($0.vintage) < Self.vintageDate($1.vintage) }) {
                growth[last + 1] = latest.value / 100
            }
        }
        let pace = urbanisationPace(history, reference: 2015...RunConventions.baseYear)
        let mobility = urbanisationPace(history, reference: 2010...DemographyData.censusYear)
        return NationalPath(
            growth: growth, deflatorGrowth: deflator, urbanisationPace: pace, urbanisationPaceHeld: heldValue(pace),
            migrationPace: mobility, migrationPaceHeld: heldValue(mobility))
    }

    /// The national urbanisation pace index (MODEL.md §14, "National pace", (M)): China's urbanisation in
    /// logits, `m(t) = [L(u(t+1)) − L(u(t))] / ΔL̄_ref`, `L(u) = ln(u/(1 − u))`, against the mean yearly change
    /// over the reference period of what it scales — 2015 → 2019 (first releases, the basis of the provinces'
    /// 2015–19 rates that set the urban trends) or 2010 → 2020 (the censuses, the decade whose net migration
    /// the 2019 flows reproduce) — for each step whose two years are on the census-2020 basis (t ≥ 2020; the
    /// 2019 → 2020 step mixes the bases and keeps 1). Empty without the reference figures.
    static func urbanisationPace(_ h: HistoryData, reference period: ClosedRange<Int>) -> [Int: Double] {
        func logit(_ year: Int) -> Double? { h.national("urbanisation", year: year).map { let u = $0 / 100; return log(u / (1 - u)) } }
        guard let a = logit(period.lowerBound), let b = logit(period.upperBound) else { return [:] }
        let reference = (b - a) / Double(period.upperBound - period.lowerBound)
        guard reference > 0 else { return [:] }
        var out: [Int: Double] = [:]
        for year in h.realisedYears("urbanisation") where year >= DemographyData.censusYear {
            if let u0 = logit(year), let u1 = logit(year + 1) { out[year] = (u1 - u0) / reference }
        }
        return out
    }

    /// `YYYY-MM` found in a vintage label (`IMF WEO Update 2026-01`), for ordering; "" when none.
    static func vintageDate(_ label: String) -> String {
        let parts = label.split(separator: " ").map(String.init)
        return parts.last { $0.count == 7 && $0.dropFirst(4).first == "-" } ?? ""
    }

    /// The GDP deflator index (2019 = 1) in `year`: `(1 + d)^(t − 2019)` for the 2019 projection (d = 2 %),
    /// the product of the yearly rates otherwise.
    func deflatorIndex(_ year: Int) -> Double {
        let d = CalibrationConstants.gdpDeflatorGrowth
        guard !deflatorGrowth.isEmpty else { return pow(1 + d, Double(year - RunConventions.baseYear)) }
        guard year > RunConventions.baseYear else { return 1 }
        return (RunConventions.baseYear + 1...year).reduce(1.0) { $0 * (1 + (deflatorGrowth[$1] ?? d)) }
    }
}

/// Regional observations read under the vintage rule (MODEL-v3 §1.1): a calibration at vintage V may read a
/// regional observation only if its reference year is ≤ V; a read after V is an error naming the datum.
/// Every read is logged, so a test can show what a calibration read.
struct VintagedObservations: Sendable {
    let history: HistoryData
    let vintage: Int
    private(set) var reads: [String] = []

    init(history: HistoryData, vintage: Int) {
        self.history = history
        self.vintage = vintage
    }

    /// The preferred (first-release) observation of `indicator` for `region` in `year`.
    mutating func value(_ region: String, _ indicator: String, year: Int) throws -> Double {
        guard year <= vintage else {
            throw SimulationError.data(
                "a calibration at vintage \(vintage) asked for \(region) \(indicator) \(year): a regional observation after the vintage (MODEL-v3 §1.1)")
        }
        reads.append("\(region):\(indicator):\(year)")
        guard let o = history.observation(region, indicator, year: year) else {
            throw SimulationError.data("history/regional_history.csv has no \(indicator) of \(region) for \(year), which the calibration at vintage \(vintage) needs")
        }
        return o.value
    }

    /// The preferred observation, or nil when the data hold none; a year after the vintage is still an error
    /// (the rule is about what is asked, not what exists).
    mutating func valueIfPresent(_ region: String, _ indicator: String, year: Int) throws -> Double? {
        guard year <= vintage else {
            throw SimulationError.data(
                "a calibration at vintage \(vintage) asked for \(region) \(indicator) \(year): a regional observation after the vintage (MODEL-v3 §1.1)")
        }
        reads.append("\(region):\(indicator):\(year)")
        return history.observation(region, indicator, year: year)?.value
    }

    /// As `valueIfPresent`, and in the census year the census figure where the year-end is missing
    /// (`Backtest.originValue`'s rule, read under the vintage rule).
    mutating func valueOrCensus(_ region: String, _ indicator: String, year: Int) throws -> Double? {
        if let v = try valueIfPresent(region, indicator, year: year) { return v }
        guard year == Backtest.censusYear, let census = Backtest.censusIndicator(indicator) else { return nil }
        return try valueIfPresent(region, census, year: year)
    }
}

/// The historical closure of the circle's growth (MODEL-v3 §4.6, in the κ-pinned model): up to the vintage
/// the circle grows as observed — each province's first-release real growth weighted by the model's 2019 GDP
/// of its circle part (the circle's own growth is not published each year; stated) — and the circle's excess
/// over China is the mean over the four years ending in V, decaying from V.
struct CircleHistory: Sendable {
    var growth: [Int: Double] = [:]
    var excess: Double
    var origin: Int

    static func fit(
        vintage: Int, national: NationalPath, structure cs: CircleStructure, gdp2019: [Double], excess2019: Double,
        observations: inout VintagedObservations
    ) throws -> CircleHistory {
        guard vintage > RunConventions.baseYear else { return CircleHistory(excess: excess2019, origin: RunConventions.baseYear) }
        let (weight, total) = provinceWeights(structure: cs, gdp2019: gdp2019)
        var growth: [Int: Double] = [:]
        for year in (RunConventions.baseYear + 1)...vintage {
            growth[year] = try observedCircle(year, weight: weight, total: total, observations: &observations)
        }
        let window = (vintage - 3)...vintage
        var excess = 0.0
        for year in window {
            let realised = observations.history.national("gdp_real_growth", year: year).map { $0 / 100 }
            guard let gNat = national.growth[year] ?? realised else {
                throw SimulationError.data("a vintage \(vintage) needs the realised national growth of \(year) (history/national_path.csv)")
            }
            let gCircle = try growth[year] ?? observedCircle(year, weight: weight, total: total, observations: &observations)
            excess += (gCircle - gNat) / Double(window.count)
        }
        return CircleHistory(growth: growth, excess: excess, origin: vintage)
    }

    /// The 2019 GDP of each province's circle part, and their sum: the weights of `observedCircle`.
    static func provinceWeights(structure cs: CircleStructure, gdp2019: [Double]) -> (weight: [String: Double], total: Double) {
        var weight: [String: Double] = [:]
        for (reg, j) in cs.jurisdictions.enumerated() { weight[j.province.rawValue, default: 0] += gdp2019[reg] }
        return (weight, weight.values.reduce(0, +))
    }

    /// Σ_p w_p·o_p(year)/100: the provinces' observed `indicator` (a percentage; real growth by default) weighted
    /// by their circle parts' 2019 GDP, read under the vintage rule.
    static func observedCircle(
        _ year: Int, indicator: String = "gdp_real_growth", weight: [String: Double], total: Double,
        observations: inout VintagedObservations
    ) throws -> Double {
        var g = 0.0
        for (province, w) in weight.sorted(by: { $0.key < $1.key }) {
            g += w / total * (try observations.value(province, indicator, year: year)) / 100
        }
        return g
    }
}
