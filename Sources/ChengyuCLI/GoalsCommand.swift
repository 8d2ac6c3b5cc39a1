import ArgumentParser
import Foundation
import Reporting
import SimulationEngine

extension Chengyu {
    /// `chengyu goals SCENARIO...`: the goal table for one or more scenarios.
    struct GoalsCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "goals",
            abstract: "Compare scenarios with the plan's 2025 goals and the 2035 proxies.",
            discussion: """
                One row per goal and scenario: target (with its comparison), value, gap, met ✓/✗, the
                indicator's kind (simulated, accounted, input, not_modelled) and the source document.
                --fail-on-miss exits 1 when a simulated or accounted goal is missed (for regression scripts).

                Examples:
                  chengyu goals Scenarios/baseline.yaml Scenarios/plan-2025.yaml --year 2025
                  chengyu goals Scenarios/plan-2025.yaml --format csv --fail-on-miss
                """)

        @Argument(help: "Scenario files (YAML).")
        var scenarios: [String]

        @Option(help: "Goal year: 2025, 2035 or all.")
        var year: String = "all"

        @Option(help: "Output format: table, csv or json.")
        var format: OutputFormat = .table

        @Flag(help: "Exit with status 1 when any modelled goal is missed.")
        var failOnMiss = false

        @OptionGroup var global: GlobalOptions

        func validate() throws {
            guard ["2025", "2035", "all"].contains(year) else { throw ValidationError("--year must be 2025, 2035 or all") }
            guard !scenarios.isEmpty else { throw ValidationError("give at least one scenario file") }
        }

        func run() throws {
            let loaded = try scenarios.map { try ScenarioRunner.load($0) }
            let sim = try Simulator(dataset: try ScenarioRunner.dataset())
            let ts = try loaded.map { try ScenarioRunner.simulate($0, simulator: sim, options: global) }
            let years: Set<Int>? = year == "all" ? nil : [Int(year)!]
            let report = GoalReport(ts, years: years)
            switch format {
            case .table: emit(report.renderTable(useColour: Terminal.useColour))
            case .csv: emit(report.csv())
            case .json: emit(report.json())
            }
            if failOnMiss && !report.missed().isEmpty { throw ExitCodes.goalsMissed }
        }
    }
}
