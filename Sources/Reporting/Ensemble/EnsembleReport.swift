import Foundation
import SimulationEngine

/// The outputs of `chengyu run --ensemble N`: bands (tidy CSV), the goal table with P(goal met), the draws.
public enum EnsembleReport {
    public static let bandsHeader = [
        "scenario", "year", "place", "place_kind", "indicator", "value", "q05", "q50", "q95", "members", "unit",
    ]

    /// Tidy bands: one row per indicator, place and year with a value in the central run or a band; `value`
    /// is the central run (the scenario's own parameters), q05/q50/q95 over the members, `members` how many had
    /// a value. Numbers in shortest round-trip form, empty for none.
    public static func bandsCSV(_ e: Ensemble) -> String {
        var out = CSV.record(bandsHeader)
        forEachCell(indicators: e.indicators, places: e.places, years: e.years) { c, ind, place, year in
            let v = e.central.value(ind.id, at: place.id, in: year)
            guard v != nil || e.q50[c] != nil else { return }
            out += CSV.record([
                e.central.scenario.name, String(year), place.id, place.kind.rawValue, ind.id,
                NumberFormatting.roundTrip(v), NumberFormatting.roundTrip(e.q05[c]), NumberFormatting.roundTrip(e.q50[c]),
                NumberFormatting.roundTrip(e.q95[c]), String(e.counts[c]), ind.unit,
            ])
        }
        return out
    }

    public static let goalsHeader = [
        "scenario", "goal", "year", "place", "indicator", "comparison", "target", "value", "median", "p_met", "n", "members", "source",
        "kind", "note",
    ]

    /// Goals with P(goal met) over n members, the ensemble size and the draws' source (`posterior`, `priors`);
    /// inputs and not-modelled goals say so.
    public static func goalsCSV(_ e: Ensemble, source: EnsembleSource) -> String {
        var out = CSV.record(goalsHeader)
        for g in e.goals {
            out += CSV.record([
                e.central.scenario.name, g.goal.goalID, String(g.goal.year), g.goal.place, g.goal.indicatorID,
                g.goal.comparison.rawValue, NumberFormatting.roundTrip(g.goal.target), NumberFormatting.roundTrip(g.goal.value),
                NumberFormatting.roundTrip(g.median), NumberFormatting.roundTrip(g.probability), String(g.n), String(e.members),
                source.kind, g.goal.kind.rawValue, g.note ?? "",
            ])
        }
        return out
    }

    /// `member,<parameter ids>`: the draws, so that a band can be traced to its members.
    public static func drawsCSV(_ e: Ensemble) -> String {
        var out = CSV.record(["member"] + e.parameters)
        for (m, d) in e.draws.enumerated() { out += CSV.record([String(m)] + d.map { NumberFormatting.roundTrip($0) }) }
        return out
    }

    /// `ensemble.json`: the scenario, the ensemble size, `--until`, the parameters and the draws' source (the
    /// posterior's file, seed and vintage, or the priors' design), sorted keys, no timestamp (a merge of shards
    /// writes the same bytes as a local run).
    public static func provenanceJSON(_ e: Ensemble, source: EnsembleSource, until: Int?) throws -> Data {
        struct Document: Encodable {
            let scenario: String, scenarioHash: String, members: Int, until: Int?, parameters: [String], source: EnsembleSource
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        var data = try encoder.encode(Document(
            scenario: e.central.scenario.name, scenarioHash: e.central.scenario.contentHash, members: e.members, until: until,
            parameters: e.parameters, source: source))
        data.append(0x0A)
        return data
    }

    /// The four files of `chengyu run --ensemble N --out DIR`, in the order they are written: `bands.csv`,
    /// `goal_probabilities.csv`, `draws.csv`, `ensemble.json` (`EnsembleSummary.read(at:)` reads them back).
    public static func files(_ e: Ensemble, source: EnsembleSource, until: Int?) throws -> [OutputFile] {
        [
            OutputFile(name: EnsembleSummary.fileNames.bands, text: bandsCSV(e)),
            OutputFile(name: EnsembleSummary.fileNames.goals, text: goalsCSV(e, source: source)),
            OutputFile(name: "draws.csv", text: drawsCSV(e)),
            OutputFile(name: EnsembleSummary.fileNames.provenance, contents: try provenanceJSON(e, source: source, until: until)),
        ]
    }

    /// Terminal goal table: goal, year, place, target, the central value, the members' median and
    /// `P(met)` with n; at most 120 columns. The heading gives the ensemble size and the draws' source.
    public static func goalsTable(_ e: Ensemble, source: EnsembleSource) -> String {
        func cut(_ s: String, _ n: Int) -> String {
            let t = s.count > n ? String(s.prefix(n - 1)) + "…" : s
            return t + String(repeating: " ", count: max(0, n - t.count))
        }
        func right(_ s: String, _ n: Int) -> String { String(repeating: " ", count: max(0, n - s.count)) + s }
        func num(_ x: Double?) -> String { x.map { String(format: "%.4g", $0) } ?? "—" }
        var out = "\(e.central.scenario.title)  [\(e.central.scenario.name)]: ensemble of \(e.members) members from \(source.summary); \(e.parameters.count) parameters\n"
        out += cut("goal", 34) + " " + right("year", 4) + " " + cut("place", 16) + " " + right("target", 11) + " " + right("value", 11) + " " + right("median", 11) + "  P(met)\n"
        out += String(repeating: "─", count: 118) + "\n"
        for g in e.goals {
            let p = g.probability.map { String(format: "%.3f (n=%d)", $0, g.n) } ?? (g.note ?? "—")
            out += cut(g.goal.goalID, 34) + " " + right(String(g.goal.year), 4) + " " + cut(g.goal.place, 16) + " "
                + right(g.goal.comparison.symbol + " " + num(g.goal.target), 11) + " " + right(num(g.goal.value), 11) + " "
                + right(num(g.median), 11) + "  " + String(p.prefix(25)) + "\n"
        }
        return out
    }
}

extension EnsembleReport {
    public static let differencesHeader = [
        "scenario", "base", "year", "place", "place_kind", "indicator", "difference", "q05", "q50", "q95", "p_positive", "members", "unit",
    ]

    /// Tidy differences `scenario − base` on common draws (`EnsembleDifference`): one row per indicator, place
    /// and year with a central difference or a band; `difference` is the central runs', q05/q50/q95 and
    /// `p_positive` (P(Δ > 0)) over the `members` that have both values.
    public static func differencesCSV(_ d: EnsembleDifference) -> String {
        var out = CSV.record(differencesHeader)
        forEachCell(indicators: d.indicators, places: d.places, years: d.years) { c, ind, place, year in
            guard d.central[c] != nil || d.q50[c] != nil else { return }
            out += CSV.record([
                d.scenario, d.base, String(year), place.id, place.kind.rawValue, ind.id,
                NumberFormatting.roundTrip(d.central[c]), NumberFormatting.roundTrip(d.q05[c]), NumberFormatting.roundTrip(d.q50[c]),
                NumberFormatting.roundTrip(d.q95[c]), NumberFormatting.roundTrip(d.positive[c]), String(d.counts[c]), ind.unit,
            ])
        }
        return out
    }

    /// The circle's headline indicators in the terminal table of `run --ensemble N --against BASE`.
    public static let differenceHeadlines = [
        "gdp", "gdp_current_prices", "population", "urbanisation_rate", "employment", "tech_progress_contribution", "rd_intensity",
    ]

    /// Terminal table of the circle's headline differences in 2025, 2035 and the last year: the central
    /// difference, the median and 5–95 % band of Δ over the members, and P(Δ > 0) with n (`TextTable`, 120 columns).
    public static func differencesTable(_ d: EnsembleDifference) -> String {
        func num(_ x: Double?) -> TextTable.Cell { TextTable.Cell(x.map { String(format: "%+.4g", $0) } ?? "—") }
        let years = Set([2025, 2035, d.years.last ?? 2035]).filter { d.years.contains($0) }.sorted()
        var table = TextTable(columns: [
            .init("indicator"), .init("year", .right), .init("central Δ", .right), .init("median Δ", .right),
            .init("5 %", .right), .init("95 %", .right), .init("P(Δ > 0)", .right, wraps: false),
        ])
        for id in differenceHeadlines {
            for year in years {
                guard let c = d.cell(id, at: "circle", in: year) else { continue }
                table.rows.append([
                    TextTable.Cell(id), TextTable.Cell(String(year)), num(c.central), num(c.q50), num(c.q05), num(c.q95),
                    TextTable.Cell(String(format: "%.3f (n=%d)", c.positive, c.members)),
                ])
            }
        }
        return "\(d.scenario) − \(d.base) on the same \(d.members) draws (common random numbers): circle\n"
            + table.render(useColour: false, maxWidth: TextTable.terminalWidth)
    }
}

extension EnsembleReport {
    /// Every cell in the tidy files' order (indicator, then place, then year), with its index in the layout of
    /// `Ensemble.cellIndex`.
    static func forEachCell(
        indicators: [IndicatorDefinition], places: [Place], years: [Int], _ body: (Int, IndicatorDefinition, Place, Int) -> Void
    ) {
        for (i, ind) in indicators.enumerated() {
            for (p, place) in places.enumerated() {
                for (y, year) in years.enumerated() {
                    body(Ensemble.cellIndex(indicator: i, place: p, year: y, places: places.count, years: years.count), ind, place, year)
                }
            }
        }
    }
}
