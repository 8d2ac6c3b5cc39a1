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
            discussion: Help.flow("""
                One row per goal and scenario: target (with its comparison), value, status and the indicator's
                kind (simulated, accounted, input, not_modelled); --wide adds year, indicator, margin and the
                source document. Rules: ≥ met when the value is at least the target; ≤ met when at most the
                target; ≈ (达到…左右, "reach about") met when the value reaches the band (target − band or
                more), shown as "met (exceeded)" above the band. Each argument is a scenario file or a run folder
                written by `chengyu run --out` (read back, not simulated). --fail-on-miss exits 1 when a
                simulated or accounted goal is missed (for regression scripts).

                Examples:
                  chengyu goals Scenarios/baseline.yaml Scenarios/plan-2025.yaml --year 2025
                  chengyu goals out/baseline out/my-rail --year 2035
                  chengyu goals Scenarios/plan-2025.yaml --format csv --fail-on-miss
                """))

        @Argument(help: "Scenario files (YAML) or run folders.")
        var scenarios: [String]

        @Option(help: "Goal year: 2025, 2035 or all.")
        var year: String = "all"

        @Option(help: "Output format: table, csv or json.")
        var format: OutputFormat = .table

        @Flag(help: "Exit with status 1 when any modelled goal is missed.")
        var failOnMiss = false

        @OptionGroup var table: TableOptions
        @OptionGroup var search: ScenarioSearchOptions
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            guard ["2025", "2035", "all"].contains(year) else { throw ValidationError("--year must be 2025, 2035 or all") }
            guard !scenarios.isEmpty else { throw ValidationError("give at least one scenario file or run folder") }
        }

        func run() throws {
            var simulator: Simulator?
            let make = { () throws -> Simulator in
                if let simulator { return simulator }
                let s = try Simulator(dataset: try ScenarioRunner.dataset(options: global))
                simulator = s
                return s
            }
            let ts = try scenarios.map { try ScenarioRunner.trajectory($0, scenarios: search.directory, simulator: make, options: global) }
            let years: Set<Int>? = year == "all" ? nil : [Int(year)!]
            let report = GoalReport(ts, years: years)
            switch format {
            case .table: emit(report.renderTable(useColour: Terminal.useColour, wide: table.wide))
            case .csv: emit(table.csv(report.csv()))
            case .json: emit(report.json())
            }
            if failOnMiss && !report.missed().isEmpty { throw ExitCodes.goalsMissed }
        }
    }
}
