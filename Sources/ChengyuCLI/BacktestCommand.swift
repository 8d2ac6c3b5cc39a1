import ArgumentParser
import Foundation
import Reporting
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
                own 2015–V trend). --fail-if-worse METRIC exits 1 when the model loses to a benchmark on that metric.

                Examples:
                  chengyu backtest Scenarios/history.yaml --vintage 2019
                  chengyu backtest Scenarios/history.yaml --vintage 2019 --out out/backtest
                  chengyu backtest Scenarios/history.yaml --vintage 2019 --fail-if-worse mape
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

        @OptionGroup var global: GlobalOptions

        func validate() throws {
            guard (2019...2023).contains(vintage) else { throw ValidationError("--vintage must be between 2019 and 2023") }
            if let m = failIfWorse, Backtest.comparableMetrics[m] == nil {
                throw ValidationError("--fail-if-worse must be one of \(Backtest.comparableMetrics.keys.sorted().joined(separator: ", "))")
            }
        }

        func run() throws {
            let loaded = try ScenarioRunner.load(scenario)
            let sim = try Simulator(dataset: try ScenarioRunner.dataset())
            let result: BacktestResult
            do { result = try Backtest.run(simulator: sim, scenario: loaded, vintage: vintage) } catch let e as SimulationError {
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

        func write(_ report: BacktestReport, to folder: String) throws {
            let dir = URL(fileURLWithPath: folder)
            do {
                try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
                try AtomicFileWriter.write(Data(report.pointsCSV().utf8), to: dir.appendingPathComponent("backtest.csv"))
                try AtomicFileWriter.write(Data(report.scoresCSV().utf8), to: dir.appendingPathComponent("backtest_scores.csv"))
                try AtomicFileWriter.write(Data(try report.json().utf8), to: dir.appendingPathComponent("backtest.json"))
                try AtomicFileWriter.write(Data(BacktestPage.render(report.result).utf8), to: dir.appendingPathComponent("backtest.html"))
            } catch {
                Terminal.error("cannot write the backtest to \(folder): \(error)")
                throw ExitCode(74)
            }
        }
    }
}
