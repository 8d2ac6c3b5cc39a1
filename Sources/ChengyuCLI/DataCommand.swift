import ArgumentParser
import BaseData
import Foundation

extension Chengyu {
    /// `chengyu data …`: list and check the bundled 2019 base data.
    struct DataCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "data",
            abstract: "List and check the bundled 2019 base data (jurisdictions, sectors, goals, groups).",
            discussion: """
                Examples:
                  chengyu data jurisdictions --format csv     42 rows with provenance
                  chengyu data jurisdictions --include-partial
                  chengyu data sectors --format json
                  chengyu data check                          validate, totals vs plan
                """,
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

    func load(includePartial: Bool) throws -> BaseDataset {
        do {
            if let d = dataDirectory { return try BaseDataset.load(from: URL(fileURLWithPath: d), includePartial: includePartial) }
            return try BaseDataset.load(includePartial: includePartial)
        } catch let e as BaseDataError {
            FileHandle.standardError.write(Data((e.description + "\n").utf8))
            throw ExitCode(2)
        }
    }
}

/// A cell of a listing: text or a number.
enum DataCell {
    case text(String)
    case number(Double)

    var rendered: String {
        switch self {
        case .text(let s): return s
        case .number(let v):
            if v == v.rounded() && abs(v) < 1e15 { return String(Int64(v)) }
            return String(v)
        }
    }
    var json: Any {
        switch self {
        case .text(let s): return s
        case .number(let v): return v
        }
    }
}

/// `s` padded with spaces to `n` characters.
func pad(_ s: String, _ n: Int) -> String { s + String(repeating: " ", count: max(1, n - s.count)) }

/// Prints a listing as an aligned table, CSV (RFC 4180) or JSON (an array of objects).
func printListing(header: [String], rows: [[DataCell]], format: DataOutputFormat) {
    switch format {
    case .csv:
        func esc(_ s: String) -> String {
            s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        print(header.map(esc).joined(separator: ","))
        for r in rows { print(r.map { esc($0.rendered) }.joined(separator: ",")) }
    case .json:
        let objects: [[String: Any]] = rows.map { r in
            Dictionary(uniqueKeysWithValues: zip(header, r.map(\.json)))
        }
        if let data = try? JSONSerialization.data(withJSONObject: objects, options: [.prettyPrinted, .sortedKeys]),
           let s = String(data: data, encoding: .utf8) {
            print(s)
        }
    case .table:
        let cells = [header] + rows.map { $0.map(\.rendered) }
        func width(_ s: String) -> Int { s.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x1100 && $1.value <= 0xFFFF && $1.properties.isIdeographic || ($1.value >= 0xFF00 && $1.value <= 0xFFEF) ? 2 : 1) } }
        let widths = header.indices.map { k in min(48, cells.map { width($0[k]) }.max() ?? 0) }
        for (n, r) in cells.enumerated() {
            let line = r.enumerated().map { k, s -> String in
                var t = s
                if width(t) > 48 { t = String(t.prefix(45)) + "…" }
                return t + String(repeating: " ", count: max(0, widths[k] - width(t)))
            }.joined(separator: "  ")
            print(line.trimmingCharacters(in: .whitespaces))
            if n == 0 { print(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")) }
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
            printListing(header: header, rows: rows, format: options.format)
        }
    }

    struct Sectors: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the 42 sectors of the national 2018 table with coefficients and labour intensity.",
            discussion: "Example:\n  chengyu data sectors --format csv")

        @OptionGroup var options: DataOptions

        func run() throws {
            let d = try options.load(includePartial: false)
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
            printListing(header: header, rows: rows, format: options.format)
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
            printListing(header: header, rows: rows, format: options.format)
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
            printListing(header: header, rows: rows, format: options.format)
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate all data files, print the totals against the plan and list the estimated figures.",
            discussion: "Exit status 0 when every file is valid and the population and GDP totals are within 3 % of the plan; 2 otherwise.\n\nExample:\n  chengyu data check")

        @Option(name: .customLong("data"), help: "A data folder laid out like the bundled one (default: the bundled data).")
        var dataDirectory: String?

        @Flag(help: "Do not list the estimated figures one by one.")
        var quiet = false

        func run() throws {
            let url = try dataDirectory.map { URL(fileURLWithPath: $0) } ?? BaseDataset.bundledDataURL()
            let problems = BaseDataset.validate(directory: url)
            print("files checked: \(DataFileSpec.all.count) in \(url.path)")
            guard problems.isEmpty else {
                print("FAILED: \(problems.count) problem\(problems.count == 1 ? "" : "s")")
                for p in problems { print("  " + p.description) }
                throw ExitCode(2)
            }
            print("all files valid: ids unique, numbers finite and in range, every source id resolves")
            let d = try BaseDataset.load(from: url)
            print("")
            print("totals of the 42 core jurisdictions against the plan's preface (S-PLAN):")
            var ok = true
            for t in d.planTotals {
                let tol = t.relativeTolerance.map { String(format: "±%.0f %%", $0 * 100) } ?? "reported only"
                let status = t.relativeTolerance == nil ? "info" : (t.isWithinTolerance ? "ok" : "FAIL")
                if !t.isWithinTolerance { ok = false }
                print("  " + pad(t.name, 30) + String(format: "%16.2f", t.computed) + " " + t.unit + " vs plan " + String(format: "%.0f", t.plan)
                      + ": gap " + String(format: "%+.2f", t.relativeGap * 100) + " % (" + tol + ") " + status)
                print("      \(t.note)")
            }
            let est = d.estimatedFigures
            let byFigure = Dictionary(grouping: est, by: \.figureID).mapValues(\.count)
            print("")
            print("estimated figures: \(est.count) (" + byFigure.keys.sorted().map { "\($0) \(byFigure[$0]!)" }.joined(separator: ", ") + ")")
            if !quiet {
                for e in est {
                    print("  " + pad(e.jurisdictionID, 14) + pad(e.figureID, 42) + String(format: "%16.4f", e.figure.value) + "  " + e.figure.method)
                }
            }
            let assumptions = d.provinceContext.figures.filter { $0.provenance != .source }
            print("")
            print("province context: \(d.provinceContext.figures.count) figures, \(assumptions.count) estimates or assumptions:")
            for a in assumptions {
                print("  \(a.region) \(a.indicator) \(a.year.map(String.init) ?? "") = \(a.value) [\(a.provenance.rawValue)] \(a.note)")
            }
            guard ok else {
                print("FAILED: a total is outside its tolerance")
                throw ExitCode(2)
            }
            print("")
            print("check passed")
        }
    }
}
