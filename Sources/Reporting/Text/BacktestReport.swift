import Foundation
import SimulationEngine

/// A backtest as a terminal table (≤ 120 columns), CSV files and JSON (MODEL-v3 §2).
public struct BacktestReport: Sendable {
    public let result: BacktestResult
    public init(_ result: BacktestResult) { self.result = result }

    static func f(_ v: Double?, _ digits: Int) -> String { v.map { String(format: "%.\(digits)f", $0) } ?? "—" }

    /// One row per indicator and level; model, B1 and B2 side by side for each metric.
    public func table() -> TextTable {
        let cols: [TextTable.Column] = [
            .init("indicator"), .init("level"), .init("n", .right), .init("MAPE % m/B1/B2", .right), .init("bias % m", .right),
            .init("Theil U m/B1/B2", .right), .init("r m/B2", .right), .init("spread m", .right), .init("sign % m/B1/B2", .right),
        ]
        var rows: [[TextTable.Cell]] = []
        let keys = result.scores.filter { $0.method == "model" }
        for m in keys {
            let b1 = result.score(m.indicator, m.level, "B1"), b2 = result.score(m.indicator, m.level, "B2")
            let f = Self.f
            let beaten = [b1?.mape, b2?.mape].compactMap { $0 }.contains { (m.mape ?? .infinity) > $0 }
            rows.append([
                .init(m.indicator), .init(m.level), .init("\(m.points)"),
                .init("\(f(m.mape, 1))/\(f(b1?.mape, 1))/\(f(b2?.mape, 1))", style: beaten ? .bad : .good),
                .init(f(m.bias, 1)),
                .init("\(f(m.theilU, 2))/\(f(b1?.theilU, 2))/\(f(b2?.theilU, 2))"),
                .init("\(f(m.growthCorrelation, 2))/\(f(b2?.growthCorrelation, 2))"),
                .init(f(m.spreadRatio, 2)),
                .init("\(f(m.signAgreement, 0))/\(f(b1?.signAgreement, 0))/\(f(b2?.signAgreement, 0))"),
            ])
        }
        return TextTable(columns: cols, rows: rows)
    }

    /// The table with a heading and the legend.
    public func render(useColour: Bool) -> String {
        var out = "Backtest of \(result.scenario), calibrated at vintage \(result.vintage): model (m) against B1 (national rate) and B2 (own trend)\n\n"
        out += table().render(useColour: useColour)
        out += "\nn: points scored (observations after the origin). MAPE and bias: per cent of the observed value. Theil U < 1 beats\n"
        out += "no change. r: correlation across places of the change from the origin; spread: its sd ratio (1 = observed spread).\n"
        out += "sign: places whose change has the observed sign. Red MAPE: a benchmark does better.\n"
        if let coverage = result.coverage {
            out += "\nCoverage of the 90 % bands: \(result.ensembleMembers ?? 0) members from \(result.ensemble?.summary ?? "?")\n\n"
            out += coverageTable(coverage).render(useColour: useColour)
            out += "\ncovered: observed values inside the members' 5–95 % band (each member matched at the origin as the model).\n"
            out += "width: mean (q95 − q05)/observed, per cent.\n"
            if let d = result.discrepancy {
                out += "predictive: the same with each member's model-discrepancy draw, a random walk from the origin with σ per √year\n"
                out += "estimated at vintage \(d.vintage) (GDP \(Self.f(100 * d.gdp, 2)) %, population \(Self.f(100 * d.population, 3)) %, urbanisation "
                out += "\(Self.f(d.urbanisation, 3)) pp; the circle: the provinces' walks, 2019 GDP weights; a city: its province's walk plus\n"
                out += "its own, GDP \(Self.f(100 * (d.jurisdiction[.gdp] ?? 0), 2)) %, population \(Self.f(100 * (d.jurisdiction[.population] ?? 0), 3)) %, "
                out += "urbanisation \(Self.f(d.jurisdiction[.urbanisation] ?? 0, 3)) pp): docs/MODEL.md §13.\n"
            }
        }
        return out
    }

    /// Coverage per indicator and level: points, per cent inside the band, mean relative width.
    func coverageTable(_ rows: [BacktestCoverage]) -> TextTable {
        var cols: [TextTable.Column] = [.init("indicator"), .init("level"), .init("n", .right), .init("covered %", .right), .init("width %", .right)]
        let predictive = rows.contains { $0.predictiveCoverage != nil }
        if predictive { cols += [.init("predictive covered %", .right), .init("width %", .right)] }
        let style = { (v: Double) -> TextTable.Style in v >= 80 ? .good : .bad }
        return TextTable(columns: cols, rows: rows.map { c in
            var row: [TextTable.Cell] = [.init(c.indicator), .init(c.level), .init("\(c.points)"), .init(Self.f(c.coverage, 1), style: style(c.coverage)),
                                         .init(Self.f(c.meanWidth, 2))]
            if predictive {
                row += [.init(c.predictiveCoverage.map { Self.f($0, 1) } ?? "—", style: c.predictiveCoverage.map(style) ?? .plain),
                        .init(c.predictiveWidth.map { Self.f($0, 2) } ?? "—")]
            }
            return row
        })
    }

    /// `backtest_coverage.csv`: one row per indicator and level, with the ensemble's size and source.
    public func coverageCSV() -> String {
        let f = { (v: Double?) in v.map { CSVNumber.text($0) } ?? "" }
        return CSV.document(
            header: ["indicator", "level", "points", "coverage90_percent", "band_width_percent", "members", "source",
                     "predictive_coverage90_percent", "predictive_band_width_percent"],
            rows: (result.coverage ?? []).map { c in
                [c.indicator, c.level, "\(c.points)", f(c.coverage), f(c.meanWidth), "\(result.ensembleMembers ?? 0)", result.ensemble?.kind ?? "",
                 f(c.predictiveCoverage), f(c.predictiveWidth)]
            })
    }

    /// `backtest_bands.csv`: each point's observed value and 5/50/95 % band over the ensemble.
    public func bandsCSV() -> String {
        let f = { (v: Double?) in v.map { CSVNumber.text($0) } ?? "" }
        return CSV.document(
            header: ["indicator", "level", "place", "year", "observed", "q05", "q50", "q95", "inside", "predictive_q05", "predictive_q95",
                     "predictive_inside"],
            rows: (result.bands ?? []).map { b in
                [b.indicator, b.level, b.place, "\(b.year)", f(b.observed), f(b.q05), f(b.q50), f(b.q95), b.inside ? "1" : "0",
                 f(b.predictiveQ05), f(b.predictiveQ95), b.predictiveInside.map { $0 ? "1" : "0" } ?? ""]
            })
    }

    /// `backtest.csv`: one row per compared point (the tidy form for plots).
    public func pointsCSV() -> String {
        let f = { (v: Double?) in v.map { CSVNumber.text($0) } ?? "" }
        return CSV.document(
            header: ["indicator", "level", "place", "year", "horizon", "origin", "origin_value", "observed", "model", "b1_national_rate", "b2_own_trend"],
            rows: result.points.map { p in
                [p.indicator, p.level, p.place, "\(p.year)", "\(p.horizon)", "\(p.origin)", f(p.originValue), f(p.observed), f(p.model),
                 f(p.nationalRate), f(p.ownTrend)]
            })
    }

    /// `backtest_scores.csv`: one row per indicator, level and method; with an ensemble, two more columns
    /// (coverage90_percent, band_width_percent) filled on the model's rows.
    public func scoresCSV() -> String {
        let f = { (v: Double?) in v.map { CSVNumber.text($0) } ?? "" }
        let extra = result.coverage != nil ? ["coverage90_percent", "band_width_percent"] : []
        return CSV.document(
            header: ["indicator", "level", "method", "points", "places", "mape_percent", "bias_percent", "theil_u", "growth_correlation",
                     "spread_ratio", "sign_agreement_percent"] + extra,
            rows: result.scores.map { s in
                let c = s.method == "model" ? result.coverage?.first { $0.indicator == s.indicator && $0.level == s.level } : nil
                return [s.indicator, s.level, s.method, "\(s.points)", "\(s.places)", f(s.mape), f(s.bias), f(s.theilU), f(s.growthCorrelation),
                        f(s.spreadRatio), f(s.signAgreement)] + (extra.isEmpty ? [] : [f(c?.coverage), f(c?.meanWidth)])
            })
    }

    /// The whole result as JSON (sorted keys).
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try encoder.encode(result), as: UTF8.self) + "\n"
    }
}

/// Shortest round-trip text of a number for CSV (no float noise beyond what the value holds).
enum CSVNumber {
    static func text(_ v: Double) -> String {
        let rounded = (v * 1e10).rounded() / 1e10
        return abs(rounded - v) <= 1e-12 * max(abs(v), 1) ? "\(rounded)" : "\(v)"
    }
}
