import ArgumentParser
import Foundation
import Reporting
import ScenarioSpec
import SimulationEngine

extension PlaceKind: ExpressibleByArgument {}

extension Chengyu {
    /// `chengyu compare BASE ALT...`: differences against a base scenario.
    struct CompareCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "compare",
            abstract: "Compare scenarios with a base scenario, per indicator and year.",
            discussion: Help.flow("""
                Absolute and relative differences (alternative − base, and that over |base|) per indicator and
                year, for the circle, each group, each jurisdiction (--by) or the places named with --place.
                Fractions are shown in %, their differences in percentage points. Each argument is a scenario
                file or a run folder written by `chengyu run --out`.

                Examples:
                  chengyu compare Scenarios/baseline.yaml Scenarios/rail-programme.yaml
                  chengyu compare out/baseline out/my-rail --place chengdu,yuzhong,重庆
                  chengyu compare Scenarios/baseline.yaml Scenarios/plan-2025.yaml --year 2035 --by group --format csv
                  chengyu compare Scenarios/baseline.yaml Scenarios/settlement-reform.yaml --indicators urbanisation_rate,population
                """))

        @Argument(help: "The base scenario file or run folder.")
        var base: String

        @Argument(help: "Alternative scenario files or run folders.")
        var alternatives: [String]

        @Option(help: "Years to compare, comma-separated, or all (default: 2025, 2035 and the horizon end).")
        var year: String?

        @Option(help: "Indicators to compare, comma-separated (default: the key indicators).")
        var indicators: String?

        @Option(help: "Places: circle, group or jurisdiction.")
        var by: PlaceKind = .circle

        @Option(help: "Places to compare, comma-separated ids or names (Chinese or English); overrides --by.")
        var place: String?

        @Option(help: "Output format: table, csv or json.")
        var format: OutputFormat = .table

        @OptionGroup var table: TableOptions
        @OptionGroup var search: ScenarioSearchOptions
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            guard !alternatives.isEmpty else { throw ValidationError("give at least one alternative scenario") }
            if let year, year != "all" {
                let range = ScenarioLoader.baseYear...ScenarioLoader.latestYear
                for y in year.split(separator: ",") where Int(y).map({ range.contains($0) }) != true {
                    throw ValidationError("--year: '\(y)' is not a year in \(range.lowerBound)...\(range.upperBound)")
                }
            }
        }

        func run() throws {
            let places = try place.map { list in
                try list.split(separator: ",").map { try PlaceArgument.resolve(String($0).trimmingCharacters(in: .whitespaces), option: "--place") }
            }
            var simulator: Simulator?
            let make = { () throws -> Simulator in
                if let simulator { return simulator }
                let s = try Simulator(dataset: try ScenarioRunner.dataset(options: global))
                simulator = s
                return s
            }
            let b = try ScenarioRunner.trajectory(base, scenarios: search.directory, simulator: make, options: global)
            let a = try alternatives.map { try ScenarioRunner.trajectory($0, scenarios: search.directory, simulator: make, options: global) }
            let years: [Int]?
            switch year {
            case "all"?: years = nil
            case let list?: years = list.split(separator: ",").compactMap { Int($0) }
            case nil: years = Self.defaultYears(b.years)
            }
            let ids = indicators.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }
            if let ids {
                for id in ids where b.definition(id) == nil {
                    let hint = Suggest.hint(for: id, in: b.indicators.map(\.id))
                    Terminal.error("unknown indicator '\(id)'\(hint); known: \(b.indicators.map(\.id).joined(separator: ", "))")
                    throw ExitCodes.badInput
                }
            }
            let report = ComparisonReport(base: b, alternatives: a, years: years, indicators: ids, by: by, places: places)
            switch format {
            case .table: emit(report.renderTable(useColour: Terminal.useColour, wide: table.wide))
            case .csv: emit(table.csv(report.csv()))
            case .json: emit(report.json())
            }
        }

        /// 2025, 2035 and the base's last year, those the base has.
        static func defaultYears(_ years: [Int]) -> [Int] {
            var out = [2025, 2035].filter { years.contains($0) }
            if let last = years.last, !out.contains(last) { out.append(last) }
            return out
        }
    }
}
