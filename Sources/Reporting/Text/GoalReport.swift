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
    }

    private static func key(_ g: GoalResult) -> String { "\(g.goalID)\u{0}\(g.year)\u{0}\(g.place)" }

    /// Goals missed (`met == false`) among those whose kind is in `kinds` (by default the modelled kinds,
    /// simulated and accounted: an input path or an unmodelled indicator is not the model's miss).
    /// `chengyu goals --fail-on-miss` exits 1 when this is not empty.
    public func missed(kinds: Set<IndicatorKind> = [.simulated, .accounted]) -> [Row] {
        rows.filter { $0.goal.met == false && kinds.contains($0.goal.kind) }
    }

    /// Columns: scenario, goal, year, indicator, place, target (with comparison), value, gap, met, kind,
    /// source. Fractions are shown as % and their gaps in percentage points.
    public func table() -> TextTable {
        var table = TextTable(columns: [
            .init("scenario"), .init("goal"), .init("year", .right), .init("indicator"), .init("place"),
            .init("target", .right), .init("value", .right), .init("gap", .right), .init("met"), .init("kind"),
            .init("source"),
        ])
        for row in rows {
            let g = row.goal
            let display = NumberFormatting.UnitDisplay(unit: g.unit)
            var target = "\(g.comparison.symbol) \(display.text(g.target))"
            if let band = g.band, g.comparison == .about { target += " ± \(display.number(band))" }
            let mark: TextTable.Cell
            switch g.met {
            case true?: mark = TextTable.Cell("✓", style: .good)
            case false?: mark = TextTable.Cell("✗", style: .bad)
            case nil: mark = TextTable.Cell("–", style: .dim)
            }
            table.rows.append([
                .init(row.scenario), .init(g.goalID), .init(String(g.year)), .init(g.indicatorID), .init(g.place),
                .init(target), g.value.map { .init(display.text($0)) } ?? .init("—", style: .dim),
                g.gap.map { .init(display.differenceText($0), style: g.met == true ? .plain : .bad) } ?? .init(""),
                mark, .init(g.kind.rawValue, style: .dim), .init(g.source, style: .dim),
            ])
        }
        return table
    }

    /// The table as terminal text.
    public func renderTable(useColour: Bool) -> String { table().render(useColour: useColour) }

    public static let csvHeader = [
        "scenario", "goal", "year", "indicator", "place", "comparison", "target", "band", "unit", "value", "gap",
        "met", "kind", "source", "basis",
    ]

    /// `goals.csv`: the columns of `csvHeader`, exact values, `met` as `true`/`false`/empty, comparison as
    /// `atLeast`/`atMost`/`about`.
    public func csv() -> String {
        CSV.document(header: Self.csvHeader, rows: rows.map { row in
            let g = row.goal
            return [
                row.scenario, g.goalID, String(g.year), g.indicatorID, g.place, g.comparison.rawValue,
                NumberFormatting.roundTrip(g.target), NumberFormatting.roundTrip(g.band), g.unit,
                NumberFormatting.roundTrip(g.value), NumberFormatting.roundTrip(g.gap),
                g.met.map { $0 ? "true" : "false" } ?? "", g.kind.rawValue, g.source, g.basis,
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
