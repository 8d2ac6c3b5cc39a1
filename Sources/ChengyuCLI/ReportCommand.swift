import ArgumentParser
import Foundation
import Reporting
import SimulationEngine

extension Chengyu {
    /// `chengyu report DIR... -o report.html`: one self-contained HTML page for one or more run folders.
    struct ReportCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report",
            abstract: "Write a self-contained HTML report (charts, goal table, map) for run folders.",
            discussion: Help.flow("""
                Reads the summary.json of each folder written by `chengyu run --out DIR`; the first folder is
                the base of the comparisons. The page has no scripts, fonts or network references. A file that
                cannot be written exits 74.

                Example:
                  chengyu run Scenarios/baseline.yaml --out out/baseline
                  chengyu run Scenarios/plan-2025.yaml --out out/plan-2025
                  chengyu report out/baseline out/plan-2025 -o report.html
                """))

        @Argument(help: "Run folders written by `chengyu run --out`.")
        var runs: [String]

        @Option(name: .shortAndLong, help: "The HTML file to write.")
        var output: String = "report.html"

        @OptionGroup var global: GlobalOptions

        func run() throws {
            guard !runs.isEmpty else { throw ValidationError("give at least one run folder") }
            var ts: [Trajectory] = []
            for dir in runs {
                if let problem = InputPaths.runFolderProblem(dir) {
                    Terminal.error(problem)
                    throw ExitCodes.badInput
                }
                do { ts.append(try RunFolder.readTrajectory(at: URL(fileURLWithPath: dir))) } catch {
                    Terminal.error("\(dir): \(error)")
                    throw ExitCodes.badInput
                }
            }
            let ds = try ScenarioRunner.dataset(options: global)
            let html = HTMLReport.render(ts, seats: ScenarioRunner.seats(ds))
            try writeOutput(Data(html.utf8), to: output)
            if !global.quiet { Terminal.info("wrote \(output)") }
        }
    }
}
