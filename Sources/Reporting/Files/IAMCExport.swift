import Foundation
import SimulationEngine

/// Trajectories in the IAMC long format that scenario databases and pyam read
/// (`pyam.IamDataFrame(pandas.read_csv(path))`): columns `model,scenario,region,variable,unit,year,value`.
///
/// - `model`: the program and version (e.g. `Chengyu 0.1.0`);
/// - `region`: the place id (`circle`, a group id such as `core-chengdu`, a jurisdiction id such as
///   `sc-chengdu`; ids, because the English names of a group and a city can coincide);
/// - `variable`: IAMC-style names for the common indicators (`variableNames`), `Chengyu|<indicator id>`
///   for the others;
/// - `unit` and `value`: converted to the customary IAMC units by the indicator's unit (`conversion(for:)`):
///   fractions → `%` (× 100), persons → `million` (× 10⁻⁶), 100m yuan (亿元) → `billion CNY` (× 0.1, with
///   `_2019` for 2019 prices); other units unchanged.
/// Rows without a value are left out (IAMC has no missing cells). Order: scenario name, region (circle,
/// groups, jurisdictions, each by id), variable, year; numbers are shortest round-trip decimals.
public enum IAMCExport {
    public static let header = ["model", "scenario", "region", "variable", "unit", "year", "value"]

    /// IAMC variable names of the indicators that have a customary one.
    public static let variableNames: [String: String] = [
        "population": "Population",
        "urban_population": "Population|Urban",
        "employment": "Employment",
        "net_migration": "Migration|Net",
        "gdp": "GDP|Constant 2019 Prices",
        "gdp_current_prices": "GDP|Current Prices",
        "gdp_per_capita": "GDP per Capita|Constant 2019 Prices",
        "gross_output": "Gross Output|Constant 2019 Prices",
        "capital_stock": "Capital Stock|Constant 2019 Prices",
        "urbanisation_rate": "Urbanisation Rate",
        "rd_intensity": "R&D Intensity",
        "emission_index": "Emissions|Index (2019 = 1)",
        "rail_km": "Infrastructure|Rail|Length",
    ]

    /// The IAMC unit and the factor that converts a value of `unit` to it.
    public static func conversion(for unit: String) -> (unit: String, factor: Double) {
        switch unit {
        case "fraction", "share": return ("%", 100)
        case "persons", "people": return ("million", 1e-6)
        case "100m yuan": return ("billion CNY", 0.1)
        case "100m yuan (2019 prices)": return ("billion CNY_2019", 0.1)
        case "yuan (2019 prices)": return ("CNY_2019", 1)
        case "minutes": return ("min", 1)
        default: return (unit, 1)
        }
    }

    /// The variable name of an indicator.
    public static func variable(_ indicator: String) -> String { variableNames[indicator] ?? "Chengyu|\(indicator)" }

    /// IAMC rows (no header) of a `trajectory.csv` document (`TrajectoryCSV`: `scenario,year,place,
    /// place_kind,indicator,value,unit`), in its row order; the same variable names and unit conversions as
    /// `render`, rows without a value left out. Used for sweep ensembles, whose runs keep `trajectory.csv`
    /// files.
    ///
    /// - Throws: `ReportingError.invalidDocument` naming the line of a row that does not have 7 fields or
    ///   whose value is not a number.
    public static func rows(fromTrajectoryCSV text: String, model: String, path: String? = nil) throws -> String {
        var out = ""
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        guard let head = lines.first else { return out }
        // Columns by name: trajectory.csv may carry name_zh/name_en beside the place.
        let header = fields(head)
        let needed = ["scenario", "year", "place", "indicator", "value", "unit"]
        let at = needed.map { header.firstIndex(of: $0) }
        guard at.allSatisfy({ $0 != nil }) else {
            throw ReportingError.invalidDocument(path: path, reason: "line 1: a trajectory.csv header needs \(needed.joined(separator: ", "))")
        }
        let (iScenario, iYear, iPlace, iIndicator, iValue, iUnit) = (at[0]!, at[1]!, at[2]!, at[3]!, at[4]!, at[5]!)
        for (n, line) in lines.enumerated() where n > 0 {
            let f = fields(line)
            guard f.count == header.count else {
                throw ReportingError.invalidDocument(path: path, reason: "line \(n + 1): \(f.count) fields, expected \(header.count) (trajectory.csv)")
            }
            guard !f[iValue].isEmpty else { continue }
            guard let v = Double(f[iValue]), v.isFinite else {
                throw ReportingError.invalidDocument(path: path, reason: "line \(n + 1): value '\(f[iValue])' is not a number")
            }
            let (unit, factor) = conversion(for: f[iUnit])
            out += CSV.record([model, f[iScenario], f[iPlace], variable(f[iIndicator]), unit, f[iYear], NumberFormatting.roundTrip(v * factor)])
        }
        return out
    }

    /// The fields of one CSV record without line breaks inside quotes (RFC 4180 quoting, `""` for `"`).
    static func fields(_ line: Substring) -> [String] {
        var result: [String] = [], field = "", quoted = false, previous: Character? = nil
        for ch in line {
            if quoted {
                if ch == "\"" { quoted = false } else { field.append(ch) }
            } else if ch == "\"" {
                if previous == "\"" { field.append("\"") }
                quoted = true
            } else if ch == "," {
                result.append(field)
                field = ""
            } else if ch != "\r" {
                field.append(ch)
            }
            previous = ch
        }
        result.append(field)
        return result
    }

    /// The CSV document of `trajectories` with `model` in the first column.
    public static func render(_ trajectories: [Trajectory], model: String) -> String {
        var out = CSV.record(header)
        for t in trajectories.sorted(by: { JSONValue.byteOrder($0.scenario.name, $1.scenario.name) }) {
            let kinds = Dictionary(t.places.map { ($0.id, TrajectoryCSV.rank($0.kind)) }, uniquingKeysWith: { a, _ in a })
            var keys: [(rank: Int, place: String, indicator: String)] = []
            for (indicator, byPlace) in t.series { for place in byPlace.keys { keys.append((kinds[place] ?? 3, place, indicator)) } }
            keys.sort {
                if $0.rank != $1.rank { return $0.rank < $1.rank }
                if $0.place != $1.place { return JSONValue.byteOrder($0.place, $1.place) }
                return JSONValue.byteOrder(variable($0.indicator), variable($1.indicator))
            }
            let yearOrder = t.years.indices.sorted { t.years[$0] < t.years[$1] }
            for key in keys {
                let values = t.series[key.indicator]![key.place]!
                let (unit, factor) = conversion(for: t.definition(key.indicator)?.unit ?? "")
                for k in yearOrder {
                    guard k < values.count, let v = values[k], v.isFinite else { continue }
                    out += CSV.record([model, t.scenario.name, key.place, variable(key.indicator), unit, String(t.years[k]), NumberFormatting.roundTrip(v * factor)])
                }
            }
        }
        return out
    }
}
