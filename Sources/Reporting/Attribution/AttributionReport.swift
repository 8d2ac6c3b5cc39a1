import Foundation
import SimulationEngine

/// The outputs of `chengyu explain`: a terminal table, a tidy CSV and a JSON document of an `Attribution`.
public enum AttributionReport {
    public static let schemaVersion = "chengyu/attribution/v1"

    /// CSV columns: one row per indicator, place, year and group with a contribution.
    public static let csvHeader = [
        "scenario", "base", "indicator", "unit", "place", "year", "group", "contribution", "total_difference",
        "base_value", "scenario_value",
    ]

    /// Tidy CSV (RFC 4180): rows in indicator, place, year, group order; numbers in shortest round-trip form.
    public static func csv(_ a: Attribution) -> String {
        var out = CSV.record(csvHeader)
        let groups = a.plan.groups.map(\.id)
        for (i, ind) in a.indicators.enumerated() {
            for (p, place) in a.places.enumerated() {
                for (y, year) in a.years.enumerated() {
                    let c = a.cellIndex(indicator: i, place: p, year: y)
                    guard let phi = a.contributions[c], let s = a.scenarioValues[c], let b = a.baseValues[c] else { continue }
                    for (g, id) in groups.enumerated() {
                        out += CSV.record([
                            a.scenario.name, a.base.name, ind.id, ind.unit, place.id, String(year), id,
                            NumberFormatting.roundTrip(phi[g]), NumberFormatting.roundTrip(s - b),
                            NumberFormatting.roundTrip(b), NumberFormatting.roundTrip(s),
                        ])
                    }
                }
            }
        }
        return out
    }

    /// JSON: identity, groups (with their levers), and per indicator and place the base, scenario, total
    /// difference and each group's contribution per year (null where a run lacks the value).
    public static func json(_ a: Attribution) -> JSONValue {
        var indicators: [String: JSONValue] = [:]
        for (i, ind) in a.indicators.enumerated() {
            var places: [String: JSONValue] = [:]
            for (p, place) in a.places.enumerated() {
                let cells = a.years.indices.map { a.cellIndex(indicator: i, place: p, year: $0) }
                guard cells.contains(where: { a.contributions[$0] != nil }) else { continue }
                var byGroup: [String: JSONValue] = [:]
                for (g, group) in a.plan.groups.enumerated() {
                    byGroup[group.id] = .array(cells.map { .optional(a.contributions[$0]?[g]) })
                }
                places[place.id] = .object([
                    "base": .array(cells.map { .optional(a.baseValues[$0]) }),
                    "scenario": .array(cells.map { .optional(a.scenarioValues[$0]) }),
                    "total_difference": .array(cells.map { c in .optional(a.contributions[c] == nil ? nil : a.scenarioValues[c]! - a.baseValues[c]!) }),
                    "contributions": .object(byGroup),
                ])
            }
            if !places.isEmpty { indicators[ind.id] = .object(["unit": .string(ind.unit), "kind": .string(ind.kind.rawValue), "places": .object(places)]) }
        }
        return .object([
            "schemaVersion": .string(schemaVersion),
            "scenario": identity(a.scenario), "base": identity(a.base),
            "grouping": .string(a.plan.grouping.rawValue), "runs": .int(a.runs),
            "groups": .array(a.plan.groups.map { g in
                .object(["id": .string(g.id), "levers": .array(g.levers.map(JSONValue.string)), "inputOnly": .bool(g.inputOnly)])
            }),
            "years": .array(a.years.map(JSONValue.int)),
            "indicators": .object(indicators),
        ])
    }

    static func identity(_ s: ScenarioIdentity) -> JSONValue {
        .object(["name": .string(s.name), "title": .string(s.title), "file": .optional(s.file), "contentHash": .string(s.contentHash)])
    }
}

extension AttributionReport {
    /// Terminal table of one place and year: a row per indicator with a difference (id cut to 20
    /// characters), its total difference and each group's contribution (`%.3g`), groups numbered G1… with a
    /// legend below; at most 120 columns for up to 9 groups, else one row per indicator and group.
    public static func table(_ a: Attribution, place: String = "circle", year: Int) -> String {
        let groups = a.plan.groups
        var rows: [(String, Double, [Double])] = []
        for ind in a.indicators {
            guard let phi = a.contributions(ind.id, at: place, in: year), let total = a.total(ind.id, at: place, in: year),
                  total != 0 || phi.contains(where: { $0 != 0 }) else { continue }
            rows.append((ind.id, total, phi))
        }
        var out = "\(a.scenario.name) − \(a.base.name) at \(place) in \(year): Shapley contributions by \(a.plan.grouping.rawValue) (\(a.runs) runs)\n"
        guard !rows.isEmpty else { return out + "no indicator differs from the base\n" }
        func cut(_ s: String, _ n: Int) -> String {
            let t = s.count > n ? String(s.prefix(n - 1)) + "…" : s
            return t + String(repeating: " ", count: n - t.count)
        }
        func num(_ x: Double) -> String {
            let s = x == 0 ? "0" : String(format: "%.3g", x)
            return String(repeating: " ", count: max(0, 9 - s.count)) + s
        }
        if groups.count <= 9 {
            out += cut("indicator", 20) + "     total"
            for g in groups.indices { out += " " + String(repeating: " ", count: 9 - "G\(g + 1)".count) + "G\(g + 1)" }
            out += "\n" + String(repeating: "─", count: 30 + 10 * groups.count) + "\n"
            for (id, total, phi) in rows { out += cut(id, 20) + " " + num(total) + phi.map { " " + num($0) }.joined() + "\n" }
        } else {
            out += cut("indicator", 20) + " " + cut("group", 30) + "  contribution      total\n"
            for (id, total, phi) in rows {
                for (g, group) in groups.enumerated() { out += cut(id, 20) + " " + cut(group.id, 30) + "     " + num(phi[g]) + "  " + num(total) + "\n" }
            }
        }
        out += "\n"
        for (g, group) in groups.enumerated() {
            let levers = group.levers.joined(separator: ", ")
            let line = "G\(g + 1) \(group.id)\(group.inputOnly ? " (input only)" : ""): \(levers)"
            out += (line.count > 120 ? String(line.prefix(119)) + "…" : line) + "\n"
        }
        return out
    }
}
