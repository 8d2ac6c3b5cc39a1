import Foundation
import SimulationEngine

/// Differences between scenarios, the maths of `chengyu compare`.
public enum ComparisonMath {
    /// Absolute difference `Δ = a − b` of an alternative value `a` against a base value `b`; nil when
    /// either is nil.
    public static func absoluteDifference(base b: Double?, alternative a: Double?) -> Double? {
        guard let a, let b else { return nil }
        return a - b
    }

    /// Relative difference `δ = (a − b) / |b|` (a fraction: 0.05 is 5 % above the base, whatever the
    /// base's sign); nil when either is nil or `b = 0`.
    public static func relativeDifference(base b: Double?, alternative a: Double?) -> Double? {
        guard let a, let b, b != 0 else { return nil }
        return (a - b) / abs(b)
    }
}

/// `chengyu compare BASE ALT...`: per alternative, place, indicator and year, the base value, the
/// alternative's value, and their absolute and relative differences; as a table, CSV or JSON.
public struct ComparisonReport: Sendable {
    public struct Row: Sendable, Hashable {
        public let base: String
        public let scenario: String
        public let place: String
        public let placeKind: PlaceKind
        public let indicator: String
        public let unit: String
        public let year: Int
        public let baseValue: Double?
        public let value: Double?
        /// `ComparisonMath.absoluteDifference`.
        public let absoluteDifference: Double?
        /// `ComparisonMath.relativeDifference`.
        public let relativeDifference: Double?
    }

    public let rows: [Row]
    /// Place id → (Chinese name, English name), from the base's places.
    public let placeNames: [String: (zh: String, en: String)]

    /// - Parameters:
    ///   - years: years to compare (nil: every year of the base); years an alternative lacks give nil.
    ///   - indicators: ids in this order (nil: every indicator of the base, in its order).
    ///   - placeKind: compare the circle, every group, or every jurisdiction (the base's places of that
    ///     kind, in its order).
    ///   - chosen: compare these place ids, in this order, instead of the places of `placeKind`.
    /// Rows run alternative → place → indicator → year; values are matched by year, not position.
    public init(
        base: Trajectory, alternatives: [Trajectory], years: [Int]? = nil, indicators: [String]? = nil,
        by placeKind: PlaceKind = .circle, places chosen: [String]? = nil
    ) {
        let years = years ?? base.years
        let ids = indicators ?? base.indicators.map(\.id)
        let places = chosen ?? base.places.filter { $0.kind == placeKind }.map(\.id)
        let kinds = Dictionary(base.places.map { ($0.id, $0.kind) }, uniquingKeysWith: { a, _ in a })
        var rows: [Row] = []
        for alt in alternatives {
            for place in places {
                for id in ids where base.series[id]?[place] != nil || alt.series[id]?[place] != nil {
                    let unit = base.definition(id)?.unit ?? alt.definition(id)?.unit ?? ""
                    for year in years {
                        let b = base.value(id, at: place, in: year)
                        let a = alt.value(id, at: place, in: year)
                        rows.append(Row(
                            base: base.scenario.name, scenario: alt.scenario.name, place: place, placeKind: kinds[place] ?? placeKind,
                            indicator: id, unit: unit, year: year, baseValue: b, value: a,
                            absoluteDifference: ComparisonMath.absoluteDifference(base: b, alternative: a),
                            relativeDifference: ComparisonMath.relativeDifference(base: b, alternative: a)))
                    }
                }
            }
        }
        self.rows = rows
        self.placeNames = Dictionary(base.places.map { ($0.id, (zh: $0.nameZh, en: $0.nameEn)) }, uniquingKeysWith: { a, _ in a })
    }

    /// Columns: scenario, place, indicator, unit (as shown: `%` for fractions, whose Δ is in percentage
    /// points), year, base, value, Δ, Δ %.
    public func table() -> TextTable {
        let baseName = rows.first?.base ?? "base"
        var table = TextTable(columns: [
            .init("scenario"), .init("place"), .init("indicator"), .init("unit"), .init("year", .right),
            .init(baseName, .right), .init("value", .right), .init("Δ", .right), .init("Δ %", .right),
        ])
        for r in rows {
            let display = NumberFormatting.UnitDisplay(unit: r.unit)
            func cell(_ v: Double?, _ f: (Double) -> String) -> TextTable.Cell {
                v.map { TextTable.Cell(f($0)) } ?? TextTable.Cell("—", style: .dim)
            }
            table.rows.append([
                .init(r.scenario), .init(r.place), .init(r.indicator), .init(display.label), .init(String(r.year)),
                cell(r.baseValue, display.number), cell(r.value, display.number),
                cell(r.absoluteDifference, display.signedNumber), cell(r.relativeDifference, NumberFormatting.percentChange),
            ])
        }
        return table
    }

    /// The table as terminal text, at most `TextTable.terminalWidth` columns unless `wide`.
    public func renderTable(useColour: Bool, wide: Bool = false) -> String {
        table().render(useColour: useColour, maxWidth: wide ? nil : TextTable.terminalWidth)
    }

    public static let csvHeader = [
        "base", "scenario", "place", "name_zh", "name_en", "place_kind", "indicator", "unit", "year", "base_value", "value",
        "absolute_difference", "relative_difference",
    ]

    /// CSV with the columns of `csvHeader`, exact values (`relative_difference` a fraction).
    public func csv() -> String {
        CSV.document(header: Self.csvHeader, rows: rows.map { r in
            [
                r.base, r.scenario, r.place, placeNames[r.place]?.zh ?? "", placeNames[r.place]?.en ?? "", r.placeKind.rawValue, r.indicator, r.unit, String(r.year),
                NumberFormatting.roundTrip(r.baseValue), NumberFormatting.roundTrip(r.value),
                NumberFormatting.roundTrip(r.absoluteDifference), NumberFormatting.roundTrip(r.relativeDifference),
            ]
        })
    }

    /// `{"comparisons": [{base, scenario, place, placeKind, indicator, unit, year, baseValue, value,
    /// absoluteDifference, relativeDifference}]}`.
    public func json() -> String {
        JSONValue.object(["comparisons": .array(rows.map { r in
            .object([
                "base": .string(r.base), "scenario": .string(r.scenario), "place": .string(r.place),
                "placeKind": .string(r.placeKind.rawValue), "indicator": .string(r.indicator), "unit": .string(r.unit),
                "year": .int(r.year), "baseValue": .optional(r.baseValue), "value": .optional(r.value),
                "absoluteDifference": .optional(r.absoluteDifference),
                "relativeDifference": .optional(r.relativeDifference),
            ])
        })]).rendered()
    }
}
