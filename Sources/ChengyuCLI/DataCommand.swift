import ArgumentParser
import BaseData
import Foundation
import Reporting

extension Chengyu {
    /// `chengyu data …`: list and check the bundled 2019 base data.
    struct DataCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "data",
            abstract: "List and check the bundled 2019 base data (jurisdictions, sectors, goals, groups).",
            discussion: Help.flow("""
                Examples:
                  chengyu data jurisdictions --format csv     42 rows with provenance
                  chengyu data jurisdictions --include-partial
                  chengyu data sectors --format json
                  chengyu data sectors --by jurisdiction      2019 VA split with tilts
                  chengyu data check                          validate, totals vs plan
                """),
            subcommands: [Jurisdictions.self, Sectors.self, Goals.self, Groups.self, Check.self]
        )
    }
}

/// Output format of the listing commands.
enum DataOutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json
}

/// Options shared by the `data` subcommands.
struct DataOptions: ParsableArguments {
    @Option(help: "Output format: table, csv or json.")
    var format: DataOutputFormat = .table

    @Option(name: .customLong("data"), help: "A data folder laid out like the bundled one (default: the bundled data).")
    var dataDirectory: String?

    @Flag(help: "Print every column however wide; the default table fits 120 columns (csv and json keep every column).")
    var wide = false

    @Flag(help: "Start CSV output with a UTF-8 byte-order mark, so that Excel reads Chinese names correctly.")
    var bom = false

    @OptionGroup var global: GlobalOptions

    func load(includePartial: Bool) throws -> BaseDataset {
        do {
            if let d = dataDirectory { return try BaseDataset.load(from: URL(fileURLWithPath: d), includePartial: includePartial) }
            return try BaseDataset.load(includePartial: includePartial)
        } catch let e as BaseDataError {
            Terminal.error(e.description)
            throw ExitCodes.badInput
        }
    }
}

/// A cell of a listing: text or a number.
enum DataCell {
    case text(String)
    case number(Double)

    /// Exact text for CSV: integers without a decimal point, other numbers as Swift's shortest round-trip
    /// decimal.
    var rendered: String {
        switch self {
        case .text(let s): return s
        case .number(let v):
            if v == v.rounded() && abs(v) < 1e15 { return String(Int64(v)) }
            return String(v)
        }
    }

    /// Text for a terminal table: numbers to 10 significant digits (no binary noise such as
    /// 82.50000000000003, which prints as 82.5).
    var shown: String {
        switch self {
        case .text(let s): return s
        case .number(let v): return Plain.number(v)
        }
    }

    var json: Any {
        switch self {
        case .text(let s): return s
        case .number(let v): return v
        }
    }
}

/// Numbers for people in plain listings.
enum Plain {
    /// `v` to 10 significant digits without trailing zeros: 82.50000000000003 → "82.5", 6734.300000000001 →
    /// "6734.3", 95602208 → "95602208"; integers below 1e15 without a decimal point.
    static func number(_ v: Double) -> String {
        guard v.isFinite else { return v.isNaN ? "NaN" : (v > 0 ? "∞" : "-∞") }
        if v == v.rounded() && abs(v) < 1e15 { return String(Int64(v)) }
        return String(format: "%.10g", v)
    }
}

/// `s` padded with spaces to `n` characters.
func pad(_ s: String, _ n: Int) -> String { s + String(repeating: " ", count: max(1, n - s.count)) }

/// Prints a listing as a terminal table, CSV (RFC 4180) or JSON (an array of objects). The table shows
/// `tableColumns` (CSV column → table heading with its unit; every column under its CSV name when nil or
/// `wide`) and fits 120 columns unless `wide`.
func printListing(header: [String], rows: [[DataCell]], options: DataOptions, tableColumns: KeyValuePairs<String, String>? = nil) throws {
    switch options.format {
    case .csv:
        let text = CSV.document(header: header, rows: rows.map { $0.map(\.rendered) })
        emit(options.bom ? CSV.byteOrderMark + text : text)
    case .json:
        let objects: [[String: Any]] = rows.map { r in
            Dictionary(uniqueKeysWithValues: zip(header, r.map(\.json)))
        }
        let data: Data
        do { data = try JSONSerialization.data(withJSONObject: objects, options: [.prettyPrinted, .sortedKeys]) } catch {
            Terminal.error("cannot encode the listing as JSON: \(error)")
            throw ExitCodes.badInput
        }
        emit(String(decoding: data, as: UTF8.self))
    case .table:
        let chosen = tableColumns.map { pairs in pairs.compactMap { pair in header.firstIndex(of: pair.key).map { ($0, pair.value) } } }
        let keep = options.wide || chosen == nil ? header.indices.map { ($0, header[$0]) } : chosen!
        let numeric = keep.map { k in rows.contains { if case .number = $0[k.0] { return true } else { return false } } }
        var table = TextTable(columns: zip(keep, numeric).map { TextTable.Column($0.1, $1 ? .right : .left) })
        table.rows = rows.map { r in keep.map { TextTable.Cell(r[$0.0].shown) } }
        emit(table.render(useColour: Terminal.useColour, maxWidth: options.wide ? nil : TextTable.terminalWidth))
        if !options.wide && keep.count < header.count {
            emit("(\(header.count - keep.count) more columns with --wide, --format csv or --format json)")
        }
    }
}

extension Chengyu.DataCommand {
    struct Jurisdictions: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the jurisdictions with 2019 population, GDP, area and their provenance.",
            discussion: "Prints 42 rows (44 with --include-partial). Provenance is 'source' or 'estimate'; `chengyu data check` lists the estimation methods.\n\nExample:\n  chengyu data jurisdictions --format csv --include-partial > jurisdictions.csv")

        @OptionGroup var options: DataOptions
        @Flag(help: "Include the optional partial jurisdictions 开州 and 云阳.")
        var includePartial = false

        func run() throws {
            let d = try options.load(includePartial: includePartial)
            let header = ["id", "name_zh", "name_en", "province", "coverage", "lat_deg", "lon_deg",
                          "population_2019_persons", "population_provenance",
                          "population_2019_first_published_persons", "population_first_published_provenance",
                          "gdp_2019_100m_yuan", "gdp_provenance", "area_km2", "area_provenance",
                          "va_primary_2019_100m_yuan", "va_secondary_2019_100m_yuan", "va_tertiary_2019_100m_yuan", "va_provenance",
                          "urban_share_2019_fraction", "urban_share_provenance", "coverage_share_fraction"]
            let rows: [[DataCell]] = d.jurisdictions.map { j in
                [.text(j.id), .text(j.nameZh), .text(j.nameEn), .text(j.province.rawValue), .text(j.isPartialCoverage ? "partial" : "full"),
                 .number(j.latitudeDegrees), .number(j.longitudeDegrees),
                 .number(j.population2019Persons.value), .text(j.population2019Persons.provenance.rawValue),
                 .number(j.population2019FirstPublishedPersons.value), .text(j.population2019FirstPublishedPersons.provenance.rawValue),
                 .number(j.gdp2019HundredMillionYuan.value), .text(j.gdp2019HundredMillionYuan.provenance.rawValue),
                 .number(j.areaKm2.value), .text(j.areaKm2.provenance.rawValue),
                 .number(j.valueAddedPrimary2019HundredMillionYuan.value), .number(j.valueAddedSecondary2019HundredMillionYuan.value),
                 .number(j.valueAddedTertiary2019HundredMillionYuan.value), .text(j.valueAddedSecondary2019HundredMillionYuan.provenance.rawValue),
                 .number(j.urbanShare2019Fraction.value), .text(j.urbanShare2019Fraction.provenance.rawValue),
                 .number(j.coverageShareFraction)]
            }
            try printListing(header: header, rows: rows, options: options, tableColumns: [
                "id": "id", "name_zh": "name", "name_en": "English name", "population_2019_persons": "population 2019",
                "gdp_2019_100m_yuan": "GDP 2019 (100m yuan)", "area_km2": "area (km2)", "urban_share_2019_fraction": "urban share",
                "population_provenance": "population from", "gdp_provenance": "GDP from"])
        }
    }

    struct Sectors: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the 42 sectors of the national 2018 table with coefficients and labour intensity.",
            discussion: Help.flow("""
                With --by jurisdiction: per jurisdiction and sector the 2019 value added, its share of the jurisdiction's \
                broad sector and of its GDP, the sector tilt and its level (own, province, national) with the source ids \
                (MODEL-v3 §4.7).

                Examples:
                  chengyu data sectors --format csv
                  chengyu data sectors --by jurisdiction --format csv
                """))

        /// What one row lists.
        enum By: String, ExpressibleByArgument, CaseIterable { case sector, jurisdiction }

        @Option(help: "One row per sector (sector) or per jurisdiction and sector (jurisdiction).")
        var by: By = .sector

        @OptionGroup var options: DataOptions

        func run() throws {
            let d = try options.load(includePartial: false)
            if by == .jurisdiction { return try listByJurisdiction(d) }
            let t = d.nationalTable
            let ad = t.domesticCoefficients.columnSums, am = t.importCoefficients.columnSums, v = t.valueAddedCoefficients
            let header = ["code", "name_zh", "name_en", "broad_sector", "nontradable", "gross_output_2018_10k_yuan",
                          "domestic_input_coeff", "import_input_coeff", "value_added_coeff", "compensation_share_of_va",
                          "employment_2018_persons", "labour_coeff_persons_per_10k_yuan"]
            let rows: [[DataCell]] = t.sectors.indices.map { i in
                let s = t.sectors[i]
                return [.text(s.id), .text(s.nameZh), .text(s.nameEn), .text(s.broadSector.rawValue), .text(s.isNontradable ? "true" : "false"),
                        .number(t.grossOutput[i]), .number(ad[i]), .number(am[i]), .number(v[i]), .number(t.compensationShareOfValueAdded[i]),
                        .number(d.labour.employmentPersons[i]), .number(d.labour.labourCoefficientsPersonsPer10kYuan[i])]
            }
            try printListing(header: header, rows: rows, options: options, tableColumns: [
                "code": "code", "name_zh": "name", "name_en": "English name", "broad_sector": "broad sector",
                "gross_output_2018_10k_yuan": "gross output 2018 (10k yuan)", "value_added_coeff": "value added / output",
                "employment_2018_persons": "employment 2018"])
        }

        /// `--by jurisdiction`: the 2019 split of MODEL-v3 §4.7 with its tilts.
        func listByJurisdiction(_ d: BaseDataset) throws {
            let sectors = d.nationalTable.sectors
            let header = ["jurisdiction_id", "name_zh", "code", "broad_sector", "va_2019_100m_yuan", "share_of_broad_sector",
                          "share_of_gdp", "tilt", "level", "rest_of_industry", "source_ids"]
            var rows: [[DataCell]] = []
            for j in d.jurisdictions {
                let va = d.valueAdded2019BySector(jurisdiction: j), tilts = d.sectorTilts(jurisdiction: j)
                let gdp = va.reduce(0, +)
                var broad: [BroadSector: Double] = [:]
                for (i, s) in sectors.enumerated() { broad[s.broadSector, default: 0] += va[i] }
                for (i, s) in sectors.enumerated() {
                    let b = broad[s.broadSector] ?? 0
                    rows.append([.text(j.id), .text(j.nameZh), .text(s.id), .text(s.broadSector.rawValue), .number(va[i]),
                                 .number(b > 0 ? va[i] / b : 0), .number(gdp > 0 ? va[i] / gdp : 0), .number(tilts[i].tilt),
                                 .text(tilts[i].level.rawValue), .text(tilts[i].isRestOfIndustry ? "true" : "false"),
                                 .text(tilts[i].sourceIDs.joined(separator: ";"))])
                }
            }
            try printListing(header: header, rows: rows, options: options, tableColumns: [
                "jurisdiction_id": "id", "name_zh": "name", "code": "sector", "va_2019_100m_yuan": "VA 2019 (100m yuan)",
                "share_of_broad_sector": "share of broad sector", "tilt": "tilt", "level": "level", "source_ids": "sources"])
        }
    }

    struct Goals: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the goal table (2025 outline goals, 2035 proxies) with documents.",
            discussion: "Example:\n  chengyu data goals --format json")

        @OptionGroup var options: DataOptions

        func run() throws {
            let d = try options.load(includePartial: false)
            let header = ["goal_id", "year", "indicator_id", "comparison", "target_value", "band_half_width", "unit", "scope", "kind",
                          "source_ids", "document"]
            let rows: [[DataCell]] = d.goals.map { g in
                var band: DataCell = .text("")
                if case .about(let b) = g.comparison { band = .number(b) }
                return [.text(g.id), .number(Double(g.year)), .text(g.indicatorID), .text(g.comparison.name), .number(g.targetValue), band,
                        .text(g.unit), .text(g.scope), .text(g.kind.rawValue), .text(g.sourceIDs.joined(separator: ";")), .text(g.document)]
            }
            try printListing(header: header, rows: rows, options: options, tableColumns: [
                "goal_id": "goal", "comparison": "comparison", "target_value": "target", "band_half_width": "band ±",
                "unit": "unit", "scope": "place", "kind": "kind", "source_ids": "sources"])
        }
    }

    struct Groups: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the groupings of chapter 3 (cores, metropolitan areas, wings, provinces).",
            discussion: "Example:\n  chengyu data groups --include-partial")

        @OptionGroup var options: DataOptions
        @Flag(help: "Include the optional partial jurisdictions 开州 and 云阳 among the members.")
        var includePartial = false

        func run() throws {
            let d = try options.load(includePartial: includePartial)
            let header = ["group_id", "name_zh", "name_en", "member_count", "member_ids", "basis"]
            let rows: [[DataCell]] = try d.groups.map { g in
                let m = try d.members(ofGroup: g.id)
                return [.text(g.id), .text(g.nameZh), .text(g.nameEn), .number(Double(m.count)),
                        .text(m.map(\.id).joined(separator: ";")), .text(g.basis)]
            }
            try printListing(header: header, rows: rows, options: options, tableColumns: [
                "group_id": "group", "name_zh": "name", "name_en": "English name", "member_count": "members", "member_ids": "member ids"])
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate all data files, print the totals against the plan and count the estimated figures.",
            discussion: "Exit status 0 when every file is valid and the population and GDP totals are within 3 % of the plan; 2 otherwise. --list-estimates (or -v) lists every estimated figure with its method.\n\nExamples:\n  chengyu data check\n  chengyu data check --list-estimates --wide")

        @Option(name: .customLong("data"), help: "A data folder laid out like the bundled one (default: the bundled data).")
        var dataDirectory: String?

        @Flag(help: "List the estimated figures one by one, with their methods.")
        var listEstimates = false

        @Flag(help: "Print the lists however wide; the default fits 120 columns.")
        var wide = false

        @OptionGroup var global: GlobalOptions

        func run() throws {
            let url: URL
            do { url = try dataDirectory.map { URL(fileURLWithPath: $0) } ?? BaseDataset.bundledDataURL() } catch {
                Terminal.error("\(error)")
                throw ExitCodes.badInput
            }
            let problems = BaseDataset.validate(directory: url)
            print("files checked: \(DataFileSpec.all.count) in \(url.path)")
            guard problems.isEmpty else {
                print("FAILED: \(problems.count) problem\(problems.count == 1 ? "" : "s")")
                for p in problems { print("  " + p.description) }
                throw ExitCodes.badInput
            }
            print("all files valid: ids unique, numbers finite and in range, every source id resolves")
            let d: BaseDataset
            do { d = try BaseDataset.load(from: url) } catch {
                Terminal.error("\(error)")
                throw ExitCodes.badInput
            }
            let ok = printTotals(d)
            printEstimates(d)
            guard ok else {
                print("FAILED: a total is outside its tolerance")
                throw ExitCodes.badInput
            }
            print("")
            print("check passed")
        }

        var maxWidth: Int? { wide ? nil : TextTable.terminalWidth }

        /// The totals table against the plan's preface; false when a total is outside its tolerance.
        func printTotals(_ d: BaseDataset) -> Bool {
            print("")
            print("totals of the 42 core jurisdictions against the plan's preface (S-PLAN):")
            var ok = true
            var table = TextTable(columns: [.init("total"), .init("computed", .right), .init("unit"), .init("plan", .right),
                                            .init("gap", .right), .init("tolerance"), .init("status"), .init("note", .right)])
            var notes: [String] = []
            for t in d.planTotals {
                let tol = t.relativeTolerance.map { String(format: "±%.0f %%", $0 * 100) } ?? "reported only"
                let status = t.relativeTolerance == nil ? "info" : (t.isWithinTolerance ? "ok" : "FAIL")
                if !t.isWithinTolerance { ok = false }
                table.rows.append([.init(t.name), .init(NumberFormatting.grouped(t.computed, fractionDigits: 1)), .init(t.unit),
                                   .init(NumberFormatting.grouped(t.plan, fractionDigits: 0)),
                                   .init(String(format: "%+.2f %%", t.relativeGap * 100)), .init(tol),
                                   .init(status, style: status == "FAIL" ? .bad : .plain), .init("[\(notes.count + 1)]")])
                notes.append(t.note)
            }
            print(table.render(useColour: Terminal.useColour, maxWidth: maxWidth), terminator: "")
            printNotes(notes)
            return ok
        }

        /// Numbered notes under a table (`[1] …`), wrapped to 120 columns unless `--wide`.
        func printNotes(_ notes: [String]) {
            for (k, note) in notes.enumerated() {
                let lines = TextTable.wrap("[\(k + 1)] \(note)", width: wide ? Int.max : TextTable.terminalWidth - 4)
                print(lines.enumerated().map { $0.offset == 0 ? $0.element : "    " + $0.element }.joined(separator: "\n"))
            }
        }

        /// The count of estimated figures by field (and with --list-estimates or -v, each with its method),
        /// then the province context's estimates and assumptions.
        func printEstimates(_ d: BaseDataset) {
            let est = d.estimatedFigures
            let byFigure = Dictionary(grouping: est, by: \.figureID).mapValues(\.count)
            print("")
            let counts = byFigure.keys.sorted().map { "\($0) \(byFigure[$0]!)" }.joined(separator: ", ")
            for line in TextTable.wrap("estimated figures: \(est.count) (\(counts))", width: TextTable.terminalWidth) { print(line) }
            if listEstimates || global.verbose {
                var table = TextTable(columns: [.init("jurisdiction"), .init("figure"), .init("value", .right), .init("method")])
                for e in est {
                    table.rows.append([.init(e.jurisdictionID), .init(e.figureID), .init(Plain.number(e.figure.value)), .init(e.figure.method)])
                }
                print(table.render(useColour: Terminal.useColour, maxWidth: maxWidth), terminator: "")
            } else {
                print("(list them with --list-estimates; `chengyu data jurisdictions --format csv` gives every figure's provenance)")
            }
            let assumptions = d.provinceContext.figures.filter { $0.provenance != .source }
            print("")
            print("province context: \(d.provinceContext.figures.count) figures, \(assumptions.count) estimates or assumptions:")
            var table = TextTable(columns: [.init("region"), .init("indicator"), .init("year", .right), .init("value", .right),
                                            .init("provenance"), .init("note", .right)])
            var notes: [String] = []
            for a in assumptions {
                if !notes.contains(a.note) { notes.append(a.note) }
                table.rows.append([.init(a.region), .init(a.indicator), .init(a.year.map(String.init) ?? ""), .init(Plain.number(a.value)),
                                   .init(a.provenance.rawValue), .init("[\(notes.firstIndex(of: a.note)! + 1)]")])
            }
            print(table.render(useColour: Terminal.useColour, maxWidth: maxWidth), terminator: "")
            printNotes(notes)
        }
    }
}
