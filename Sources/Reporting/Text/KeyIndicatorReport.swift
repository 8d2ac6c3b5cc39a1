import Foundation
import SimulationEngine

/// The key-indicator table of `chengyu run`: one place's values (the circle by default) for chosen years,
/// one row per indicator, as a terminal table, CSV or JSON.
public struct KeyIndicatorReport: Sendable {
    /// The circle's indicators `chengyu run` prints by default, in this order (those the trajectory has).
    public static let defaultIndicators = [
        "gdp", "population", "urbanisation_rate", "rd_intensity", "tech_progress_contribution", "rail_km",
        "cq_cd_rail_minutes", "air_good_days_share", "water_section_compliance", "ecological_flow_share",
        "fiveg_coverage",
    ]

    public struct Row: Sendable, Hashable {
        public let indicator: String
        public let unit: String
        public let kind: IndicatorKind?
        /// One value per entry of the report's `years`.
        public let values: [Double?]
    }

    public let scenario: String
    public let place: String
    public let years: [Int]
    public let rows: [Row]

    /// - Parameters:
    ///   - years: years to show; years the trajectory lacks show as empty.
    ///   - indicators: ids to show in this order; nil shows `defaultIndicators` the trajectory has, or
    ///     every indicator if it has none of them. Ids without a series at `place` are skipped.
    public init(_ trajectory: Trajectory, years: [Int], indicators: [String]? = nil, place: String = "circle") {
        let t = trajectory
        var ids = indicators ?? Self.defaultIndicators.filter { t.series[$0]?[place] != nil }
        if indicators == nil && ids.isEmpty { ids = t.indicators.map(\.id) }
        self.scenario = t.scenario.name
        self.place = place
        self.years = years
        self.rows = ids.compactMap { id in
            guard t.series[id]?[place] != nil else { return nil }
            let def = t.definition(id)
            return Row(indicator: id, unit: def?.unit ?? "", kind: def?.kind, values: years.map { t.value(id, at: place, in: $0) })
        }
    }

    /// Aligned table: indicator, unit, one column per year (fractions shown as %), kind.
    public func table() -> TextTable {
        var table = TextTable(
            columns: [TextTable.Column("indicator"), TextTable.Column("unit")]
                + years.map { TextTable.Column(String($0), .right) } + [TextTable.Column("kind")])
        for row in rows {
            let display = NumberFormatting.UnitDisplay(unit: row.unit)
            table.rows.append(
                [TextTable.Cell(row.indicator), TextTable.Cell(display.label)]
                    + row.values.map { $0.map { TextTable.Cell(display.number($0)) } ?? TextTable.Cell("—", style: .dim) }
                    + [TextTable.Cell(row.kind?.rawValue ?? "", style: .dim)])
        }
        return table
    }

    /// The table as terminal text, at most `TextTable.terminalWidth` columns unless `wide`.
    public func renderTable(useColour: Bool, wide: Bool = false) -> String {
        table().render(useColour: useColour, maxWidth: wide ? nil : TextTable.terminalWidth)
    }

    /// Tidy CSV: `scenario,place,indicator,year,value,unit` (exact values).
    public func csv() -> String {
        var rowsOut: [[String]] = []
        for row in rows {
            for (k, year) in years.enumerated() {
                rowsOut.append([scenario, place, row.indicator, String(year), NumberFormatting.roundTrip(row.values[k]), row.unit])
            }
        }
        return CSV.document(header: ["scenario", "place", "indicator", "year", "value", "unit"], rows: rowsOut)
    }

    /// `{scenario, place, years, indicators: {id → {unit, kind, values}}}`.
    public func json() -> String {
        JSONValue.object([
            "scenario": .string(scenario), "place": .string(place), "years": .array(years.map(JSONValue.int)),
            "indicators": .object(Dictionary(rows.map { row in
                (row.indicator, JSONValue.object([
                    "unit": .string(row.unit), "kind": .optional(row.kind?.rawValue),
                    "values": .array(row.values.map(JSONValue.optional)),
                ]))
            }, uniquingKeysWith: { a, _ in a })),
        ]).rendered()
    }
}
