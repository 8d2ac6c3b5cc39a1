import ArgumentParser
import BaseData
import Foundation
import MatrixCore
import ScenarioSpec
import SimulationEngine

extension Chengyu {
    /// `chengyu run SCENARIO`: simulate a scenario 2019 → 2035 and compare it with the goals.
    struct RunCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run",
            abstract: "Run a scenario year by year and compare it with the 2025 and 2035 goals.",
            discussion: """
                Examples:
                  chengyu run Scenarios/baseline.yaml
                  chengyu run Scenarios/plan-2025.yaml --format json > plan.json
                """)

        @Argument(help: "The scenario file (YAML).")
        var scenario: String

        @Option(help: "Last year to simulate (2019–2035).")
        var until: Int?

        @Flag(help: "Refactor the Leontief matrix every year (reference mode) instead of reusing it.")
        var reference = false

        func run() throws {
            let loader = ScenarioLoader(scenariosDirectory: ScenarioValidation.defaultScenariosDirectory())
            let result = loader.load(path: scenario)
            guard let sc = result.scenario else {
                for d in result.errors { FileHandle.standardError.write(Data((d.description + "\n").utf8)) }
                throw ExitCode(2)
            }
            let sim = try Simulator(dataset: BaseDataset.load())
            let t: Trajectory
            do {
                t = try sim.run(sc, until: until, mode: reference ? .reference : .fast)
            } catch let e as SimulationError {
                FileHandle.standardError.write(Data("chengyu: \(e)\n".utf8))
                throw ExitCode(e.isNumerical ? 3 : 2)
            }
            for id in ["gdp", "gdp_growth", "population", "urbanisation_rate", "employment", "rd_intensity", "rail_km", "cq_cd_rail_minutes", "tech_progress_contribution", "exports_rest_of_china", "net_migration"] {
                let vals = t.years.map { y in t.value(id, in: y).map { String(format: "%.4g", $0) } ?? "—" }
                print(id.padding(toLength: 28, withPad: " ", startingAt: 0), vals.joined(separator: " "))
            }
            for g in t.goals {
                print(g.goalID, g.value.map { String($0) } ?? "—", g.met.map { $0 ? "✓" : "✗" } ?? "·", g.kind.rawValue)
            }
            print(t.diagnostics)
        }
    }
}
