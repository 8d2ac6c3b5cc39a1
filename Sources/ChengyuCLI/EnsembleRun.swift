import ArgumentParser
import Foundation
import ParameterSweeps
import Reporting
import ScenarioSpec
import SimulationEngine

extension EnsembleDesign.Method: ExpressibleByArgument {}

/// `chengyu run SCENARIO --ensemble N`: N members drawn from the priors (priors.csv, `status: model`), run on
/// `--jobs` threads; bands and P(goal met). The same `--seed` gives every scenario the same draws.
enum EnsembleRun {
    static func run(
        _ sc: Scenario, members: Int, seed: UInt64, method: EnsembleDesign.Method, jobs: Int, until: Int?,
        format: RunOutputFormat, out: String?, options: GlobalOptions
    ) throws {
        let priors: [Prior]
        let draws: [[Double]]
        do {
            priors = try PriorCatalog.standard(parameters: sc.parameterCatalog).sampled
            draws = try EnsembleDesign.draws(priors: priors, members: members, seed: seed, method: method)
        } catch {
            Terminal.error("\(error)")
            throw ExitCodes.badInput
        }
        let sim = try Simulator(dataset: try ScenarioRunner.dataset())
        let progress = Progress("ensemble of \(sc.name)", options: options)
        let e: Ensemble
        do {
            e = try sim.ensemble(sc, parameters: priors.map(\.id), draws: draws, until: until, jobs: jobs) { done, total in
                progress.update("\(done)/\(total) members")
            }
            progress.finish()
        } catch let err as SimulationError {
            progress.finish()
            Terminal.error("\(sc.sourceFile): \(err)")
            throw err.isNumerical ? ExitCodes.numericalFailure : ExitCodes.badInput
        }
        if let out { try write(e, to: URL(fileURLWithPath: out), quiet: options.quiet) }
        switch format {
        case .csv: emit(EnsembleReport.bandsCSV(e))
        case .json, .iamc:
            Terminal.error("--ensemble writes table or csv (bands); \(format.rawValue) is not available yet")
            throw ExitCodes.usage
        case .table: emit(EnsembleReport.goalsTable(e, seed: seed, method: method.rawValue))
        }
    }

    /// `DIR/bands.csv`, `DIR/goal_probabilities.csv`, `DIR/draws.csv`, each atomically; exit 74 when it cannot.
    static func write(_ e: Ensemble, to dir: URL, quiet: Bool) throws {
        do {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            try AtomicFileWriter.write(Data(EnsembleReport.bandsCSV(e).utf8), to: dir.appendingPathComponent("bands.csv"))
            try AtomicFileWriter.write(Data(EnsembleReport.goalsCSV(e).utf8), to: dir.appendingPathComponent("goal_probabilities.csv"))
            try AtomicFileWriter.write(Data(EnsembleReport.drawsCSV(e).utf8), to: dir.appendingPathComponent("draws.csv"))
        } catch {
            Terminal.error("cannot write \(dir.path): \(error)")
            throw ExitCode(74)  // EX_CANTCREAT: cannot write an output
        }
        if !quiet { Terminal.info("wrote \(dir.path)/ (bands.csv, goal_probabilities.csv, draws.csv)") }
    }
}
