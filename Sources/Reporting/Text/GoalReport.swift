import Foundation
import SimulationEngine

/// The goal table of `chengyu goals` and `chengyu run`: one row per goal and scenario, as a terminal
/// table (✓/✗), CSV (`goals.csv`) or JSON.
public struct GoalReport: Sendable {
    public struct Row: Sendable, Hashable {
        public let scenario: String
        public let goal: GoalResult
    }

    /// Rows ordered by goal (first appearance over the trajectories, in their order), then scenario in the
    /// order given, so a goal's scenarios sit together.
    public let rows: [Row]
    /// Place id → (Chinese name, English name), from the trajectories' places.
    public let placeNames: [String: (zh: String, en: String)]

    /// - Parameter years: keep goals of these years only; nil keeps all.
    public init(_ trajectories: [Trajectory], years: Set<Int>? = nil) {
        var goalOrder: [String: Int] = [:]
        for t in trajectories {
            for g in t.goals where goalOrder[Self.key(g)] == nil { goalOrder[Self.key(g)] = goalOrder.count }
        }
        var rows: [(Int, Int, Row)] = []
        for (s, t) in trajectories.enumerated() {
            for g in t.goals where years?.contains(g.year) ?? true {
                rows.append((goalOrder[Self.key(g)]!, s, Row(scenario: t.scenario.name, goal: g)))
            }
        }
        self.rows = rows.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map(\.2)
        var names: [String: (zh: String, en: String)] = [:]
        for t in trajectories { for p in t.places where names[p.id] == nil { names[p.id] = (p.nameZh, p.nameEn) } }
        self.placeNames = names
    }

    private static func key(_ g: GoalResult) -> String { "\(g.goalID)\u{0}\(g.year)\u{0}\(g.place)" }

    /// Goals missed (`met == false`) among those whose kind is in `kinds` (by default the modelled kinds,
    /// simulated and accounted: an input path or an unmodelled indicator is not the model's miss).
    /// `chengyu goals --fail-on-miss` exits 1 when this is not empty.
    public func missed(kinds: Set<IndicatorKind> = [.simulated, .accounted]) -> [Row] {
        rows.filter { $0.goal.met == false && kinds.contains($0.goal.kind) }
    }

    /// The rule of each comparison and the meaning of the columns, printed under every goal table and
    /// stated in `docs/goals.md`.
    public static let legend = [
        "≥ met when the value is at least the target; ≤ met when it is at most the target;",
        "≈ (达到…左右, \"reach about\") met when the value reaches the band (target − band or more); above the band",
        "  it is \"met (exceeded)\". status: met, or how far the value falls short of meeting the goal, in the unit",
        "  shown (pp: percentage points). --wide adds the signed margin: + past the threshold of meeting, − short of it.",
        "observed: the published value (history data; its year when earlier than the goal's) and whether it meets the",
        "  goal in reality (a column with --wide); — none published in the data.",
        "kind: simulated (model equations), accounted (summed from scenario inputs), input (typed into the",
        "  scenario), not_modelled (no value). Sources: --wide, or --format csv|json.",
    ]

    /// The status of a goal in words: `met`, `met (exceeded)`, `short by 1.2 pp` (≥ and ≈) or `over by 3`
    /// (≤), `no value`; the amount is in the unit of the table's `unit` column (percentage points for %).
    public static func status(_ g: GoalResult) -> String {
        guard let met = g.met, let gap = g.gap else { return "no value" }
        if met { return g.exceeded ? "met (exceeded)" : "met" }
        let display = Self.display(unit: g.unit)
        let amount = display.differenceLabel == display.label ? display.number(-gap) : "\(display.number(-gap)) \(display.differenceLabel)"
        return g.comparison == .atMost ? "over by \(amount)" : "short by \(amount)"
    }

    /// How a goal's numbers are shown in the terminal: as `NumberFormatting.UnitDisplay`, except persons in
    /// millions (`m persons`, two decimals), so that a target fits its column.
    public static func display(unit: String) -> NumberFormatting.UnitDisplay {
        unit == "persons"
            ? NumberFormatting.UnitDisplay(scale: 1e-6, label: "m persons", differenceLabel: "m persons", fractionDigits: 2)
            : NumberFormatting.UnitDisplay(unit: unit)
    }

    /// Columns: scenario (when there are several), goal, place, unit, target (with comparison), value,
    /// status (✓/✗ and words), kind; `wide` adds the scenario always, year, indicator, margin (the signed
    /// `gap`: + past the threshold of meeting, − short of it) and source. Fractions are shown as % and their
    /// differences in percentage points; persons in millions.
    public func table(wide: Bool = false) -> TextTable {
        let showScenario = wide || Set(rows.map(\.scenario)).count > 1
        var columns: [TextTable.Column] = showScenario ? [.init("scenario")] : []
        columns.append(.init("goal"))
        if wide { columns += [.init("year", .right), .init("indicator")] }
        columns += [.init("place"), .init("unit"), .init("target", .right, wraps: false), .init("value", .right), .init("status", wraps: false)]
        if wide { columns.append(.init("observed", .right, wraps: false)) }
        if wide { columns.append(.init("margin", .right)) }
        columns.append(.init("kind", wraps: false))
        if wide { columns.append(.init("source")) }
        var table = TextTable(columns: columns)
        var previous: String?
        for row in rows {
            let g = row.goal
            // Several scenarios: a goal's own cells are printed on its first row only.
            let repeated = showScenario && !wide && previous == "\(g.goalID)\u{0}\(g.place)"
            previous = "\(g.goalID)\u{0}\(g.place)"
            let display = Self.display(unit: g.unit)
            var target = "\(g.comparison.symbol) \(display.number(g.target))"
            if let band = g.band, g.comparison == .about { target += " ± \(display.number(band))" }
            let status: TextTable.Cell
            switch g.met {
            case true?: status = TextTable.Cell("✓ " + Self.status(g), style: .good)
            case false?: status = TextTable.Cell("✗ " + Self.status(g), style: .bad)
            case nil: status = TextTable.Cell("– " + Self.status(g), style: .dim)
            }
            var cells: [TextTable.Cell] = showScenario ? [.init(row.scenario)] : []
            cells.append(.init(g.goalID))
            if wide { cells += [.init(String(g.year)), .init(g.indicatorID)] }
            cells += [.init(g.place), .init(display.label), .init(target)].map { repeated ? TextTable.Cell("") : $0 }
            if repeated { cells[cells.count - 4] = TextTable.Cell("") }
            cells += [g.value.map { .init(display.number($0)) } ?? .init("—", style: .dim), status]
            if wide { cells.append(repeated ? TextTable.Cell("") : Self.observedCell(g, display)) }
            if wide {
                let margin = { (d: Double) in display.differenceLabel == display.label ? display.signedNumber(d) : display.differenceText(d) }
                cells.append(g.gap.map { .init(margin($0)) } ?? .init(""))
            }
            cells.append(.init(g.kind.rawValue, style: .dim))
            if wide { cells.append(.init(g.source, style: .dim)) }
            table.rows.append(cells)
        }
        return table
    }

    /// What happened: the published value with ✓/✗ (met in reality) and its year when earlier than the goal's;
    /// "—" when the data publish none.
    static func observedCell(_ g: GoalResult, _ display: NumberFormatting.UnitDisplay) -> TextTable.Cell {
        guard let v = g.observed, let met = g.observedMet else { return TextTable.Cell("—", style: .dim) }
        let year = g.observedYear.map { $0 == g.year ? "" : " (\($0))" } ?? ""
        return TextTable.Cell("\(met ? "✓" : "✗") \(display.number(v))\(year)", style: met ? .good : .bad)
    }

    /// The table as terminal text, followed by the legend: at most `TextTable.terminalWidth` columns
    /// unless `wide`.
    public func renderTable(useColour: Bool, wide: Bool = false) -> String {
        table(wide: wide).render(useColour: useColour, maxWidth: wide ? nil : TextTable.terminalWidth)
            + (wide ? "" : observedLines().joined(separator: "\n") + "\n")
            + Self.legend.joined(separator: "\n") + "\n"
    }

    /// What happened, under the default table (a column with `--wide`): each goal with a published value in the
    /// history data, its year and whether it meets the goal in reality; how many have none.
    public func observedLines() -> [String] {
        var seen = Set<String>(), lines: [String] = [], missing = 0
        for row in rows where seen.insert("\(row.goal.goalID)\u{0}\(row.goal.place)").inserted {
            let g = row.goal
            guard let v = g.observed, let met = g.observedMet else { missing += 1; continue }
            let display = Self.display(unit: g.unit)
            let year = g.observedYear.map { " (\($0))" } ?? ""
            lines.append("  \(g.goalID): \(display.number(v)) \(display.label)\(year) — \(met ? "met" : "not met") in reality")
        }
        let head = "Observed (published, history data):" + (lines.isEmpty ? " none of these goals has a published value in the data." : "")
        let tail = missing > 0 && !lines.isEmpty ? ["  no published value in the data for the other \(missing) goals."] : []
        return [head] + lines + tail
    }

    public static let csvHeader = [
        "scenario", "goal", "year", "indicator", "place", "name_zh", "name_en", "comparison", "target", "band", "unit",
        "value", "gap", "met", "kind", "source", "basis", "status", "observed", "observed_year", "observed_met",
    ]

    /// `goals.csv`: the columns of `csvHeader`, exact values, `met` as `true`/`false`/empty, comparison as
    /// `atLeast`/`atMost`/`about`; `gap` is the signed margin to the threshold of meeting (`GoalComparison.gap`:
    /// positive or 0 when met, negative by how much the value falls short) and `status` is
    /// `GoalReport.status` in words.
    public func csv() -> String {
        CSV.document(header: Self.csvHeader, rows: rows.map { row in
            let g = row.goal
            return [
                row.scenario, g.goalID, String(g.year), g.indicatorID, g.place, placeNames[g.place]?.zh ?? "",
                placeNames[g.place]?.en ?? "", g.comparison.rawValue,
                NumberFormatting.roundTrip(g.target), NumberFormatting.roundTrip(g.band), g.unit,
                NumberFormatting.roundTrip(g.value), NumberFormatting.roundTrip(g.gap),
                g.met.map { $0 ? "true" : "false" } ?? "", g.kind.rawValue, g.source, g.basis, Self.status(g),
                NumberFormatting.roundTrip(g.observed), g.observedYear.map(String.init) ?? "",
                g.observedMet.map { $0 ? "true" : "false" } ?? "",
            ]
        })
    }

    /// `{"goals": [{scenario, id, year, …}]}` with the goal fields of `summary.json` plus `scenario`.
    public func json() -> String {
        JSONValue.object(["goals": .array(rows.map { row in
            guard case var .object(members) = SummaryDocument.goalJSON(row.goal) else { return .null }
            members["scenario"] = .string(row.scenario)
            return .object(members)
        })]).rendered()
    }
}
