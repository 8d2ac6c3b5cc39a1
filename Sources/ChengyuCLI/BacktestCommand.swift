import ArgumentParser
import Foundation
import Reporting
import ScenarioSpec
import SimulationEngine

extension Chengyu {
    /// `chengyu backtest SCENARIO --vintage V`: the model calibrated on what was known at V, scored on what
    /// happened after it, beside two naive benchmarks (MODEL-v3 §2).
    struct BacktestCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "backtest",
            abstract: "Score a scenario calibrated at a vintage against what happened after it.",
            discussion: """
                Runs SCENARIO (normally Scenarios/history.yaml) calibrated at vintage V — regional observations up to V only; \
                national and transport inputs after V are allowed, a conditional forecast — and compares every simulated \
                GDP (current prices), population and urbanisation series with every observation after V: the circle, the \
                two provinces (the model's circle parts against the provinces' published growth) and the 15 Sichuan cities. \
                Metrics per indicator and level: MAPE, bias, Theil's U, the correlation and spread of change across places, \
                sign agreement; the same for B1 (every place grows at the national rate) and B2 (every place continues its \
                own 2015–V trend). --fail-if-worse METRIC exits 1 when the model loses to a benchmark on that metric. \
                --ensemble N runs N members drawn from the calibrated posterior (--priors: the priors) and reports, per \
                indicator and level, the share of observed values inside the members' 90 % band and the band's mean \
                width (per cent of the observed value), in the table, the CSV (columns coverage90_percent and \
                band_width_percent on the model's rows), the JSON and --out (backtest_bands.csv, backtest_coverage.csv).

                Examples:
                  chengyu backtest Scenarios/history.yaml --vintage 2019
                  chengyu backtest Scenarios/history.yaml --vintage 2019 --out out/backtest
                  chengyu backtest Scenarios/history.yaml --vintage 2019 --fail-if-worse mape
                  chengyu backtest Scenarios/history.yaml --vintage 2019 --ensemble 50
                """)

        @Argument(help: "The scenario file (YAML), normally Scenarios/history.yaml.")
        var scenario: String

        @Option(help: "The vintage V: the last year of regional observations the calibration may use (2019–2023).")
        var vintage: Int = 2019

        @Option(help: "Output format: table, csv (the scores) or json.")
        var format: OutputFormat = .table

        @Option(help: "Write backtest.csv (points), backtest_scores.csv, backtest.json and backtest.html (charts) to this folder.")
        var out: String?

        @Option(help: "Exit with status 1 when the model is worse than a benchmark on this metric: mape, bias, theil-u, correlation or sign.")
        var failIfWorse: String?

        @Option(help: "Bands from an ensemble of N members: coverage of the observations by the 90 % bands, and their widths.")
        var ensemble: Int?

        @Flag(help: "With --ensemble: draw from the priors instead of the posterior.")
        var priors = false

        @Option(help: "With --ensemble: the posterior sample (default: the bundled posterior-2019.csv).")
        var posterior: String?

        @Option(help: "With --ensemble: seed of the draws.")
        var seed: UInt64 = 1

        @Flag(help: "With --ensemble: parameter bands only, without the predictive bands that add the model discrepancy estimated at the vintage.")
        var noDiscrepancy = false

        @Option(help: "With --ensemble: worker threads (default: the number of CPUs).")
        var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

        @OptionGroup var global: GlobalOptions

        func validate() throws {
            guard (2019...2023).contains(vintage) else { throw ValidationError("--vintage must be between 2019 and 2023") }
            if let n = ensemble, n < 2 { throw ValidationError("--ensemble needs at least 2 members") }
            if (priors || posterior != nil) && ensemble == nil { throw ValidationError("--priors and --posterior go with --ensemble N") }
            if priors && posterior != nil { throw ValidationError("--priors and --posterior exclude each other") }
            if noDiscrepancy && ensemble == nil { throw ValidationError("--no-discrepancy goes with --ensemble N") }
            if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
            if let m = failIfWorse, Backtest.comparableMetrics[m] == nil {
                throw ValidationError("--fail-if-worse must be one of \(Backtest.comparableMetrics.keys.sorted().joined(separator: ", "))")
            }
        }

        func run() throws {
            let loaded = try ScenarioRunner.load(scenario)
            let sim = try Simulator(dataset: try ScenarioRunner.dataset())
            var result: BacktestResult
            do {
                result = try Backtest.run(simulator: sim, scenario: loaded, vintage: vintage)
                if let n = ensemble { try addBands(&result, simulator: sim, scenario: loaded, members: n) }
            } catch let e as SimulationError {
                Terminal.error("\(loaded.sourceFile): \(e)")
                throw e.isNumerical ? ExitCodes.numericalFailure : ExitCodes.badInput
            }
            let report = BacktestReport(result)
            if let out { try write(report, to: out) }
            switch format {
            case .table: emit(report.render(useColour: Terminal.useColour))
            case .csv: emit(report.scoresCSV())
            case .json: emit(try report.json())
            }
            if let m = failIfWorse {
                let losses = Backtest.losses(result, metric: m)
                for l in losses { Terminal.error(l) }
                if !losses.isEmpty { throw ExitCodes.goalsMissed }
            }
        }

        /// The ensemble's bands and coverage (`Backtest.coverage`) added to `result`.
        func addBands(_ result: inout BacktestResult, simulator sim: Simulator, scenario sc: Scenario, members n: Int) throws {
            let d = try EnsembleRun.draws(sc, members: n, seed: seed, method: .sobol, priors: priors, posterior: posterior)
            let progress = Progress("backtest ensemble of \(sc.name)", options: global)
            let discrepancy = noDiscrepancy ? nil : try sim.modelDiscrepancy(vintage: vintage)
            let (bands, coverage) = try Backtest.coverage(
                simulator: sim, scenario: sc, vintage: vintage, central: result.points, parameters: d.parameters, draws: d.values, jobs: jobs,
                discrepancy: discrepancy
            ) { done, total in progress.update("\(done)/\(total) members") }
            progress.finish()
            result.ensemble = d.source
            result.ensembleMembers = n
            result.bands = bands
            result.coverage = coverage
            result.discrepancy = discrepancy
        }

        func write(_ report: BacktestReport, to folder: String) throws {
            let dir = URL(fileURLWithPath: folder)
            do {
                try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
                try AtomicFileWriter.write(Data(report.pointsCSV().utf8), to: dir.appendingPathComponent("backtest.csv"))
                try AtomicFileWriter.write(Data(report.scoresCSV().utf8), to: dir.appendingPathComponent("backtest_scores.csv"))
                try AtomicFileWriter.write(Data(try report.json().utf8), to: dir.appendingPathComponent("backtest.json"))
                try AtomicFileWriter.write(Data(BacktestPage.render(report.result).utf8), to: dir.appendingPathComponent("backtest.html"))
                if report.result.coverage != nil {
                    try AtomicFileWriter.write(Data(report.bandsCSV().utf8), to: dir.appendingPathComponent("backtest_bands.csv"))
                    try AtomicFileWriter.write(Data(report.coverageCSV().utf8), to: dir.appendingPathComponent("backtest_coverage.csv"))
                }
            } catch {
                Terminal.error("cannot write the backtest to \(folder): \(error)")
                throw ExitCode(74)
            }
        }
    }
}
