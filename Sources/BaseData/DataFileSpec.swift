import Foundation

/// A numeric column of a data file and the values it may hold.
public struct NumericColumnSpec: Sendable, Hashable {
    /// Column name (carries the unit, e.g. `gdp_2019_100m_yuan`).
    public let name: String
    /// Whether an empty cell is allowed (it means "not available", never 0).
    public let allowsEmpty: Bool
    /// Plausible range; values outside are reported.
    public let range: ClosedRange<Double>

    public init(_ name: String, allowsEmpty: Bool = false, range: ClosedRange<Double> = -1e15...1e15) {
        self.name = name
        self.allowsEmpty = allowsEmpty
        self.range = range
    }
}

/// What a data file must look like: its columns, its key, its numeric columns and its source column.
///
/// Every file that `BaseDataset.load` reads has a spec in ``DataFileSpec/all`` (of `production/` only `sources.csv` and
/// `sector_structure.csv` are loaded; the rest is data only, checked by `scripts/check_production.py`); the generic validation
/// (``DataFileSpec/validate(_:knownSourceIDs:)``) checks required columns, unique keys, finite numbers in
/// range and that every source id resolves. File-specific checks (cross references, plausible ranges per
/// figure) are done by the loaders.
public struct DataFileSpec: Sendable, Hashable {
    /// Path relative to the data folder.
    public let path: String
    /// Columns that must be present (others are allowed and ignored).
    public let requiredColumns: [String]
    /// Columns whose combined values must be unique across records.
    public let keyColumns: [String]
    /// Numeric columns.
    public let numericColumns: [NumericColumnSpec]
    /// The column holding `;`-separated source ids that must resolve in `sources.csv`, if any.
    public let sourceColumn: String?

    public init(path: String, requiredColumns: [String], keyColumns: [String], numericColumns: [NumericColumnSpec] = [],
                sourceColumn: String? = "source_ids") {
        self.path = path
        self.requiredColumns = requiredColumns
        self.keyColumns = keyColumns
        self.numericColumns = numericColumns
        self.sourceColumn = sourceColumn
    }

    public static let sources = DataFileSpec(
        path: "sources.csv", requiredColumns: ["source_id", "description", "address", "quality"], keyColumns: ["source_id"],
        sourceColumn: nil)
    public static let jurisdictions = DataFileSpec(
        path: "jurisdictions/jurisdictions.csv",
        requiredColumns: ["id", "name_zh", "name_en", "province", "kind", "coverage", "membership", "central_district",
                          "lat_deg_gcj02", "lon_deg_gcj02", "source_ids"],
        keyColumns: ["id"],
        numericColumns: [NumericColumnSpec("lat_deg_gcj02", range: 20...35), NumericColumnSpec("lon_deg_gcj02", range: 100...112)])
    public static let jurisdictionFigures = DataFileSpec(
        path: "jurisdictions/figures_2019.csv",
        requiredColumns: ["jurisdiction_id", "figure", "value", "unit", "provenance", "source_ids", "method"],
        keyColumns: ["jurisdiction_id", "figure"], numericColumns: [NumericColumnSpec("value")])
    public static let sectors = DataFileSpec(
        path: "national-io/sectors_42.csv",
        requiredColumns: ["code", "name_en", "name_zh", "broad_sector", "nontradable", "source_ids"], keyColumns: ["code"])
    /// The national 42-sector table of a year (2017, 2018 or 2020).
    public static func ioTable(year: Int) -> DataFileSpec {
        let sectorColumns = (1...42).map { String(format: "use_%02d_10k_yuan", $0) }
        let finals = ["total_intermediate_use_10k_yuan", "final_consumption_10k_yuan", "gfcf_10k_yuan", "inventory_change_10k_yuan",
                      "exports_10k_yuan", "total_final_use_10k_yuan", "gross_output_or_imports_10k_yuan"]
        return DataFileSpec(
            path: "national-io/io_table_\(year)_42.csv",
            requiredColumns: ["row_code", "description_en", "description_zh", "origin"] + sectorColumns + finals + ["source_ids"],
            keyColumns: ["row_code", "origin"],
            numericColumns: sectorColumns.map { NumericColumnSpec($0, range: -1e12...1e12) }
                + finals.map { NumericColumnSpec($0, allowsEmpty: true, range: -1e12...1e12) })
    }
    public static let consumptionSplit = DataFileSpec(
        path: "national-io/consumption_split_2018_42.csv",
        requiredColumns: ["code", "rural_household_share_fraction", "urban_household_share_fraction", "government_share_fraction",
                          "sectors_153", "source_ids"],
        keyColumns: ["code"],
        numericColumns: ["rural_household_share_fraction", "urban_household_share_fraction", "government_share_fraction"]
            .map { NumericColumnSpec($0, range: 0...1) })
    public static let employment = DataFileSpec(
        path: "national-io/employment_by_division.csv",
        requiredColumns: ["code", "description_en", "description_zh", "employed_2017_10k_persons", "employed_2018_10k_persons", "source_ids"],
        keyColumns: ["code"],
        numericColumns: (1990...2018).map { NumericColumnSpec("employed_\($0)_10k_persons", allowsEmpty: true, range: 0...1e6) })
    public static let employmentConcordance = DataFileSpec(
        path: "national-io/employment_concordance.csv",
        requiredColumns: ["division_code", "sector_code", "weight_fraction", "source_ids"], keyColumns: ["division_code"],
        numericColumns: [NumericColumnSpec("weight_fraction", range: 0...1)])
    public static let provinceContext = DataFileSpec(
        path: "province/province_context.csv",
        requiredColumns: ["region", "indicator", "year", "value", "unit", "provenance", "source_ids", "note"],
        keyColumns: ["region", "indicator", "year"],
        numericColumns: [NumericColumnSpec("year", allowsEmpty: true, range: 1990...2040), NumericColumnSpec("value")])
    public static let railLinks = DataFileSpec(
        path: "transport/rail_links.csv",
        requiredColumns: ["line_id", "line_name_zh", "line_name_en", "from_id", "to_id", "km", "design_speed_kmh", "kind", "status_2019",
                          "opened_year", "source_ids"],
        keyColumns: ["line_id", "from_id", "to_id"],
        numericColumns: [NumericColumnSpec("km", allowsEmpty: true, range: 0...3000),
                         NumericColumnSpec("design_speed_kmh", allowsEmpty: true, range: 40...450),
                         NumericColumnSpec("opened_year", allowsEmpty: true, range: 1900...2050)])
    public static let railProjects = DataFileSpec(
        path: "transport/rail_projects.csv",
        requiredColumns: ["project_id", "name_zh", "name_en", "from_id", "to_id", "design_speed_kmh", "open_year", "km_in_circle_text",
                          "status_as_found", "source_ids"],
        keyColumns: ["project_id"],
        numericColumns: [NumericColumnSpec("design_speed_kmh", allowsEmpty: true, range: 40...450),
                         NumericColumnSpec("open_year", allowsEmpty: true, range: 1900...2050)])
    public static let groups = DataFileSpec(
        path: "groups/groups.csv", requiredColumns: ["group_id", "name_zh", "name_en", "member_ids", "basis", "source_ids"],
        keyColumns: ["group_id"])
    public static let goals = DataFileSpec(
        path: "goals/goals.csv",
        requiredColumns: ["goal_id", "year", "indicator_id", "comparison", "target_value", "band_half_width", "unit", "scope", "basis",
                          "kind", "source_ids", "document"],
        keyColumns: ["goal_id"],
        numericColumns: [NumericColumnSpec("year", range: 2019...2050), NumericColumnSpec("target_value"),
                         NumericColumnSpec("band_half_width", allowsEmpty: true, range: 0...1e12)])
    public static let indicators = DataFileSpec(
        path: "goals/indicators.csv", requiredColumns: ["indicator_id", "unit", "definition", "aggregation", "source_ids"],
        keyColumns: ["indicator_id"])

    /// The history 2015–2025 (MODEL-v3 §1.2), with its own source list.
    public static let historySources = DataFileSpec(
        path: "history/sources.csv", requiredColumns: ["source_id", "description", "address", "quality"], keyColumns: ["source_id"],
        sourceColumn: nil)
    public static let regionalHistory = DataFileSpec(
        path: "history/regional_history.csv",
        requiredColumns: ["region_id", "indicator", "year", "value", "unit", "vintage", "provenance", "source_ids", "method"],
        keyColumns: ["region_id", "indicator", "year", "vintage"],
        numericColumns: [NumericColumnSpec("year", range: 2000...2030), NumericColumnSpec("value", range: -1e7...1e7)])
    public static let nationalPath = DataFileSpec(
        path: "history/national_path.csv",
        requiredColumns: ["year", "indicator", "value", "unit", "kind", "vintage", "provenance", "source_ids", "method"],
        keyColumns: ["year", "indicator", "kind", "vintage"],
        numericColumns: [NumericColumnSpec("year", range: 2000...2050), NumericColumnSpec("value", range: -1e8...1e8)])
    public static let transportEvents = DataFileSpec(
        path: "history/transport_events.csv",
        requiredColumns: ["event_id", "date", "line_id", "name_zh", "from_id", "to_id", "event_type", "design_speed_kmh",
                          "fastest_minutes", "km", "provenance", "source_ids"],
        keyColumns: ["event_id"],
        numericColumns: [NumericColumnSpec("design_speed_kmh", allowsEmpty: true, range: 40...450),
                         NumericColumnSpec("fastest_minutes", allowsEmpty: true, range: 10...2000),
                         NumericColumnSpec("km", allowsEmpty: true, range: 0...5000)])

    /// The population data (MODEL-v3 §3, `population/README.md`), with its own source list; every data file
    /// has the same 12 columns.
    public static let populationSources = DataFileSpec(
        path: "population/sources.csv", requiredColumns: ["source_id", "description", "address", "quality"], keyColumns: ["source_id"],
        sourceColumn: nil)
    static func population(_ file: String) -> DataFileSpec {
        DataFileSpec(
            path: "population/\(file)",
            requiredColumns: ["region_id", "indicator", "year", "sex", "age_from", "age_to", "value", "unit", "vintage", "provenance",
                              "source_ids", "method"],
            keyColumns: ["region_id", "indicator", "year", "sex", "age_from", "age_to", "unit", "vintage"],
            numericColumns: [NumericColumnSpec("year", range: 1950...2100), NumericColumnSpec("age_from", allowsEmpty: true, range: 0...120),
                             NumericColumnSpec("age_to", allowsEmpty: true, range: 0...120), NumericColumnSpec("value", range: -1e10...1e10)])
    }
    public static let populationFiles: [DataFileSpec] = ["census.csv", "vital_rates.csv", "labour.csv", "migration_hukou.csv", "migration_age.csv"].map(population)

    /// The production block's sources and its sector structure (MODEL-v3 §4.7, `production/README.md`); the other
    /// files of `production/` are data only, checked by `scripts/check_production.py`.
    public static let productionSources = DataFileSpec(
        path: "production/sources.csv", requiredColumns: ["source_id", "description", "address", "quality"], keyColumns: ["source_id"],
        sourceColumn: nil)
    public static let sectorStructure = DataFileSpec(
        path: "production/sector_structure.csv",
        requiredColumns: ["region_id", "indicator", "year", "sex", "age_from", "age_to", "value", "unit", "vintage", "provenance",
                          "source_ids", "method"],
        keyColumns: ["region_id", "indicator", "year", "sex", "age_from", "age_to", "unit", "vintage"],
        numericColumns: [NumericColumnSpec("year", range: 1950...2100), NumericColumnSpec("value", range: 0...1e6)])

    /// Every file of the bundled dataset, `sources.csv` first.
    public static let all: [DataFileSpec] = [
        sources, jurisdictions, jurisdictionFigures, sectors, ioTable(year: 2017), ioTable(year: 2018), ioTable(year: 2020),
        consumptionSplit, employment, employmentConcordance, provinceContext, railLinks, railProjects, groups, goals, indicators,
        historySources, regionalHistory, nationalPath, transportEvents, populationSources,
    ] + populationFiles + [productionSources, sectorStructure]

    /// Generic checks of a parsed table against this spec; returns every problem found (empty when valid).
    ///
    /// - Parameter knownSourceIDs: ids defined in `sources.csv`; nil skips the source check.
    public func validate(_ table: CSVTable, knownSourceIDs: Set<String>?) -> [DataDiagnostic] {
        var out: [DataDiagnostic] = []
        for name in requiredColumns where table.columnNumber(name) == nil {
            out.append(DataDiagnostic(file: table.file, line: 1, column: 0, field: name, message: "required column '\(name)' is missing"))
        }
        let keyIdx = keyColumns.compactMap { table.columnNumber($0) }
        if keyIdx.count == keyColumns.count {
            var seen: [[String]: Int] = [:]
            for (r, record) in table.records.enumerated() {
                let key = keyIdx.map { $0 - 1 < record.count ? record[$0 - 1] : "" }
                if key.allSatisfy({ $0.isEmpty }) {
                    out.append(DataDiagnostic(file: table.file, line: table.lineNumbers[r], column: keyIdx[0], field: keyColumns[0],
                                              message: "empty key"))
                } else if let first = seen[key] {
                    out.append(DataDiagnostic(file: table.file, line: table.lineNumbers[r], column: keyIdx[0], field: keyColumns[0],
                                              message: "duplicate key \(key.joined(separator: ", ")) (first on line \(first))"))
                } else {
                    seen[key] = table.lineNumbers[r]
                }
            }
        }
        for spec in numericColumns {
            guard let c = table.columnNumber(spec.name) else {
                if !requiredColumns.contains(spec.name) {
                    out.append(DataDiagnostic(file: table.file, line: 1, column: 0, field: spec.name,
                                              message: "required column '\(spec.name)' is missing"))
                }
                continue
            }
            for (r, record) in table.records.enumerated() where c - 1 < record.count {
                let cell = record[c - 1]
                if let problem = Self.numericProblem(cell, spec: spec) {
                    out.append(DataDiagnostic(file: table.file, line: table.lineNumbers[r], column: c, field: spec.name, message: problem))
                }
            }
        }
        if let sc = sourceColumn, let c = table.columnNumber(sc), let known = knownSourceIDs {
            for (r, record) in table.records.enumerated() where c - 1 < record.count {
                let ids = Self.splitIDs(record[c - 1])
                if ids.isEmpty {
                    out.append(DataDiagnostic(file: table.file, line: table.lineNumbers[r], column: c, field: sc, message: "no source id"))
                }
                for id in ids where !known.contains(id) {
                    out.append(DataDiagnostic(file: table.file, line: table.lineNumbers[r], column: c, field: sc,
                                              message: "unknown source id '\(id)' (not in sources.csv)"))
                }
            }
        }
        return out
    }

    /// Why a cell is not an acceptable number for `spec`, or nil when it is.
    static func numericProblem(_ cell: String, spec: NumericColumnSpec) -> String? {
        if cell.isEmpty { return spec.allowsEmpty ? nil : "empty cell where a number is required" }
        guard let v = Double(cell) else { return "'\(cell)' is not a number" }
        guard v.isFinite else { return "'\(cell)' is not a finite number" }
        guard spec.range.contains(v) else { return "\(cell) is outside the plausible range \(spec.range.lowerBound)...\(spec.range.upperBound)" }
        return nil
    }

    /// Splits a `;`-separated id list, trimming blanks and dropping empties.
    public static func splitIDs(_ text: String) -> [String] {
        text.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}

/// Read access to a validated table by column name.
struct TableReader {
    let table: CSVTable
    private let index: [String: Int]

    init(_ table: CSVTable) {
        self.table = table
        var m: [String: Int] = [:]
        for (k, name) in table.header.enumerated() where m[name] == nil { m[name] = k }
        index = m
    }

    var count: Int { table.records.count }
    func line(_ r: Int) -> Int { table.lineNumbers[r] }
    func column(_ name: String) -> Int { (index[name] ?? -1) + 1 }
    func string(_ r: Int, _ name: String) -> String {
        guard let k = index[name], k < table.records[r].count else { return "" }
        return table.records[r][k]
    }
    /// The number in a validated numeric column (nil for an empty cell).
    func double(_ r: Int, _ name: String) -> Double? {
        let s = string(r, name)
        return s.isEmpty ? nil : Double(s)
    }
    func ids(_ r: Int, _ name: String) -> [String] { DataFileSpec.splitIDs(string(r, name)) }
    func diagnostic(_ r: Int, _ name: String, _ message: String) -> DataDiagnostic {
        DataDiagnostic(file: table.file, line: line(r), column: column(name), field: name, message: message)
    }
}
