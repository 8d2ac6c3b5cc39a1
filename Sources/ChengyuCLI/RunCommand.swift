import ArgumentParser
import BaseData
import ParameterSweeps
import Foundation
import Reporting
import ScenarioSpec
import SimulationEngine

extension Chengyu {
    /// `chengyu run SCENARIO`: simulate a scenario 2019 → 2035 and compare it with the goals.
    struct RunCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run",
            abstract: "Run a scenario year by year and compare it with the 2025 and 2035 goals.",
            discussion: """
                Prints the circle's key indicators for 2019, 2025 and 2035 and the goal table. --format json
                prints one JSON document (schemaVersion, scenario, years, indicators, circle, groups,
                jurisdictions, goals, diagnostics); --format csv the tidy long table. --out DIR writes
                trajectory.csv, goals.csv, summary.json, scenario.resolved.yaml, report.html and manifest.json,
                each under a temporary name first, so an interrupted run never leaves a half-written file.

                Examples:
                  chengyu run Scenarios/baseline.yaml
                  chengyu run Scenarios/plan-2025.yaml --format json > plan.json
                  chengyu run Scenarios/plan-2025.yaml --out out/plan-2025
                """)

        @Argument(help: "The scenario file (YAML).")
        var scenario: String

        @Option(help: "Last year to simulate (2019–2035).")
        var until: Int?

        @Option(help: "Output format: table, csv or json.")
        var format: OutputFormat = .table

        @Option(help: "Write the result files to this folder.")
        var out: String?

        @Flag(help: "Form A and factor I − A every year (reference mode) instead of the matrix-free GMRES solver.")
        var reference = false

        @Option(help: "Run an ensemble of N members drawn from the priors (priors.csv): bands and P(goal met).")
        var ensemble: Int?

        @Option(help: "With --ensemble: worker threads (default: the number of CPUs).")
        var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

        @Option(help: "With --ensemble: seed of the draws (the same seed gives every scenario the same draws).")
        var seed: UInt64 = 1

        @Option(help: "With --ensemble: sampling, sobol (scrambled) or lhs.")
        var sampling: EnsembleDesign.Method = .sobol

        @OptionGroup var global: GlobalOptions

        func validate() throws {
            if let u = until, !(2019...2035).contains(u) { throw ValidationError("--until must be in 2019...2035") }
            if let n = ensemble, n < 2 { throw ValidationError("--ensemble needs at least 2 members") }
            if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        }

        func run() throws {
            let sc = try ScenarioRunner.load(scenario)
            if let ensemble {
                return try EnsembleRun.run(sc, members: ensemble, seed: seed, method: sampling, jobs: jobs, until: until, format: format, out: out, options: global)
            }
            let ds = try ScenarioRunner.dataset()
            let sim = try Simulator(dataset: ds)
            let t = try ScenarioRunner.simulate(sc, simulator: sim, until: until, reference: reference, options: global)
            if let out {
                let dir = URL(fileURLWithPath: out)
                try RunFolder.write(
                    t, resolvedScenarioYAML: sc.resolvedYAML(), to: dir, chengyuVersion: Chengyu.version,
                    dataVersion: ScenarioRunner.dataVersion(), seats: ScenarioRunner.seats(ds), hash: ScenarioRunner.hash)
                if !global.quiet { Terminal.info("wrote \(dir.path)/ (trajectory.csv, goals.csv, summary.json, scenario.resolved.yaml, report.html, manifest.json)") }
            }
            switch format {
            case .json:
                FileHandle.standardOutput.write(SummaryDocument.encode(t))
                emit("")
            case .csv:
                emit(TrajectoryCSV.render([t]))
            case .table:
                let years = [2019, 2025, 2035].filter { t.years.contains($0) }
                emit("\(t.scenario.title)  [\(t.scenario.name), \(String(t.scenario.contentHash.prefix(12)))]")
                emit(KeyIndicatorReport(t, years: years).renderTable(useColour: Terminal.useColour))
                emit(GoalReport([t]).renderTable(useColour: Terminal.useColour))
            }
        }
    }
}
