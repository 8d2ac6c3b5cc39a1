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
                cannot be written exits 74. A folder that also holds the outputs of
                `chengyu run SCENARIO --ensemble N --out DIR` (bands.csv, goal_probabilities.csv, ensemble.json) adds
                the ensemble's 5–95 % bands and median to the charts and P(goal met) to the goal table, with the
                ensemble's size and source.

                Example:
                  chengyu run Scenarios/baseline.yaml --out out/baseline
                  chengyu run Scenarios/plan-2025.yaml --out out/plan-2025
                  chengyu report out/baseline out/plan-2025 -o report.html
                  chengyu run Scenarios/baseline.yaml --ensemble 200 --out out/baseline
                  chengyu report out/baseline -o baseline-bands.html
                """))

        @Argument(help: "Run folders written by `chengyu run --out`.")
        var runs: [String]

        @Option(name: .shortAndLong, help: "The HTML file to write.")
        var output: String = "report.html"

        @OptionGroup var global: GlobalOptions

        func run() throws {
            guard !runs.isEmpty else { throw ValidationError("give at least one run folder") }
            var ts: [Trajectory] = []
            var ensembles: [String: EnsembleSummary] = [:]
            for dir in runs {
                if let problem = InputPaths.runFolderProblem(dir) {
                    Terminal.error(problem)
                    throw ExitCodes.badInput
                }
                do { ts.append(try RunFolder.readTrajectory(at: URL(fileURLWithPath: dir))) } catch {
                    Terminal.error("\(dir): \(error)")
                    throw ExitCodes.badInput
                }
                if let ens = try Self.ensemble(in: dir, for: ts.last!) { ensembles[ens.scenario] = ens }
            }
            let ds = try ScenarioRunner.dataset(options: global)
            let html = HTMLReport.render(ts, seats: ScenarioRunner.seats(ds), options: HTMLReport.Options(ensembles: ensembles))
            try writeOutput(Data(html.utf8), to: output)
            if !global.quiet { Terminal.info("wrote \(output)") }
        }

        /// The ensemble outputs in run folder `dir` (or beside its `summary.json`), or nil when there are none;
        /// an ensemble of another scenario (name or content hash) is left out with a warning; malformed
        /// ensemble files are bad input (exit 2).
        static func ensemble(in dir: String, for t: Trajectory) throws -> EnsembleSummary? {
            var url = URL(fileURLWithPath: dir)
            if url.lastPathComponent == RunFolder.summaryFileName { url.deleteLastPathComponent() }
            let ens: EnsembleSummary?
            do { ens = try EnsembleSummary.read(at: url) } catch {
                Terminal.error("\(dir): \(error)")
                throw ExitCodes.badInput
            }
            guard let ens else { return nil }
            guard ens.scenario == t.scenario.name, ens.scenarioHash == t.scenario.contentHash else {
                Terminal.info("warning: \(dir): the ensemble outputs are of another scenario (\(ens.scenario)) or another version of it; not drawn")
                return nil
            }
            return ens
        }
    }
}
