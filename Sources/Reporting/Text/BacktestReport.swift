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
        return out
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

    /// `backtest_scores.csv`: one row per indicator, level and method.
    public func scoresCSV() -> String {
        let f = { (v: Double?) in v.map { CSVNumber.text($0) } ?? "" }
        return CSV.document(
            header: ["indicator", "level", "method", "points", "places", "mape_percent", "bias_percent", "theil_u", "growth_correlation",
                     "spread_ratio", "sign_agreement_percent"],
            rows: result.scores.map { s in
                [s.indicator, s.level, s.method, "\(s.points)", "\(s.places)", f(s.mape), f(s.bias), f(s.theilU), f(s.growthCorrelation),
                 f(s.spreadRatio), f(s.signAgreement)]
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
