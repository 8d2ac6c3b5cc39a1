import ArgumentParser
import Foundation
import Reporting
import SimulationEngine

extension PlaceKind: ExpressibleByArgument {}

extension Chengyu {
    /// `chengyu compare BASE ALT...`: differences against a base scenario.
    struct CompareCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "compare",
            abstract: "Compare scenarios with a base scenario, per indicator and year.",
            discussion: """
                Absolute and relative differences (alternative − base, and that over |base|) per indicator and
                year, for the circle, each group or each jurisdiction.

                Examples:
                  chengyu compare Scenarios/baseline.yaml Scenarios/rail-programme.yaml
                  chengyu compare Scenarios/baseline.yaml Scenarios/plan-2025.yaml --year 2035 --by group --format csv
                  chengyu compare Scenarios/baseline.yaml Scenarios/settlement-reform.yaml --indicators urbanisation_rate,population
                """)

        @Argument(help: "The base scenario file.")
        var base: String

        @Argument(help: "Alternative scenario files.")
        var alternatives: [String]

        @Option(help: "Years to compare, comma-separated, or all (default 2025,2035).")
        var year: String = "2025,2035"

        @Option(help: "Indicators to compare, comma-separated (default: the key indicators).")
        var indicators: String?

        @Option(help: "Places: circle, group or jurisdiction.")
        var by: PlaceKind = .circle

        @Option(help: "Output format: table, csv or json.")
        var format: OutputFormat = .table

        @OptionGroup var global: GlobalOptions

        func validate() throws {
            guard !alternatives.isEmpty else { throw ValidationError("give at least one alternative scenario") }
            if year != "all" {
                for y in year.split(separator: ",") where Int(y).map({ (2019...2035).contains($0) }) != true {
                    throw ValidationError("--year: '\(y)' is not a year in 2019...2035")
                }
            }
        }

        func run() throws {
            let sim = try Simulator(dataset: try ScenarioRunner.dataset())
            let baseScenario = try ScenarioRunner.load(base)
            let alts = try alternatives.map { try ScenarioRunner.load($0) }
            let b = try ScenarioRunner.simulate(baseScenario, simulator: sim, options: global)
            let a = try alts.map { try ScenarioRunner.simulate($0, simulator: sim, options: global) }
            let years = year == "all" ? nil : year.split(separator: ",").compactMap { Int($0) }
            let ids = indicators.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }
            if let ids {
                for id in ids where b.definition(id) == nil {
                    Terminal.error("unknown indicator '\(id)'; known: \(b.indicators.map(\.id).joined(separator: ", "))")
                    throw ExitCodes.badInput
                }
            }
            let report = ComparisonReport(base: b, alternatives: a, years: years, indicators: ids, by: by)
            switch format {
            case .table: emit(report.renderTable(useColour: Terminal.useColour))
            case .csv: emit(report.csv())
            case .json: emit(report.json())
            }
        }
    }
}
