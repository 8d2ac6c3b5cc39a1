import ArgumentParser
import Foundation
import ParameterSweeps
import Reporting
import ScenarioSpec
import SimulationEngine

extension Chengyu {
    /// `chengyu calibrate SCENARIO --vintage V`: ABC rejection of the priors' model parameters against the
    /// observed history up to V (MODEL-v3 §5; `ABCRejection`), written as a posterior sample.
    struct CalibrateCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "calibrate",
            abstract: "Calibrate the uncertain parameters on history up to a vintage (ABC rejection): a posterior sample.",
            discussion: Help.flow("""
                Draws --draws points from the priors (priors.csv, status model; the ensemble design, --seed), runs
                SCENARIO calibrated at vintage V up to V for each (regional observations up to V only: a later read is
                an error), and keeps the fraction --accept-fraction closest to the observations (ties by draw index).
                Distance: the root mean square of ln(forecast/observed) over the backtest's series (GDP at current
                prices, population, urbanisation; circle, provinces, Sichuan cities) in the years after their origin
                (GDP 2019, population and urbanisation the 2020 census) up to V. At V = 2019 no such year exists: every
                distance is 0 and the posterior is the first draws of the prior sample, which the sidecar notes.
                --out FILE.csv writes one row per accepted draw (member, draw, distance, parameter values) and
                FILE.json (scenario, vintage, seed, draws, accepted, acceptance rate, tolerance, engine).
                The bundled posterior-2019.csv, which chengyu run --ensemble uses by default, is `make posterior`.

                Examples:
                  chengyu calibrate Scenarios/history.yaml --vintage 2019 --out posterior.csv
                  chengyu calibrate Scenarios/history.yaml --vintage 2023 --draws 400 --out p2023.csv
                """))

        @Argument(help: "The scenario file (YAML), normally Scenarios/history.yaml.")
        var scenario: String

        @Option(help: "The vintage V: the last year of regional observations the calibration may read (2019–2023).")
        var vintage: Int = 2019

        @Option(help: "Prior draws to run.")
        var draws: Int = 2000

        @Option(help: "The accepted fraction q of the draws, the closest by distance (0 < q ≤ 1).")
        var acceptFraction: Double = 0.05

        @Option(help: "Seed of the prior draws.")
        var seed: UInt64 = 2019

        @Option(help: "Sampling of the priors, sobol (scrambled) or lhs.")
        var sampling: EnsembleDesign.Method = .sobol

        @Option(help: "Worker threads (default: the number of CPUs).")
        var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

        @Option(help: "Write the posterior sample to this CSV file and its metadata beside it (.json).")
        var out: String?

        @OptionGroup var global: GlobalOptions

        func validate() throws {
            guard (2019...2023).contains(vintage) else { throw ValidationError("--vintage must be between 2019 and 2023") }
            guard draws >= 1 else { throw ValidationError("--draws must be at least 1") }
            guard acceptFraction > 0, acceptFraction <= 1 else { throw ValidationError("--accept-fraction must be in (0, 1]") }
            guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
            if let out, !out.hasSuffix(".csv") { throw ValidationError("--out must name a .csv file (the metadata goes beside it as .json)") }
        }

        func run() throws {
            let sc = try ScenarioRunner.load(scenario, options: global)
            let priors: [Prior], values: [[Double]]
            do {
                priors = try PriorCatalog.standard(parameters: sc.parameterCatalog).sampled
                values = try EnsembleDesign.draws(priors: priors, members: draws, seed: seed, method: sampling)
            } catch {
                Terminal.error("\(error)")
                throw ExitCodes.badInput
            }
            let sim = try Simulator(dataset: try ScenarioRunner.dataset())
            let progress = Progress("calibrating \(sc.name) at vintage \(vintage)", options: global)
            let start = ContinuousClock.now
            let result: ABCResult
            do {
                result = try ABCRejection.run(simulator: sim, scenario: sc, parameters: priors.map(\.id), draws: values, vintage: vintage,
                                              acceptFraction: acceptFraction, jobs: jobs) { done, total in progress.update("\(done)/\(total) draws") }
                progress.finish()
            } catch let e as SimulationError {
                progress.finish()
                Terminal.error("\(sc.sourceFile): \(e)")
                throw e.isNumerical ? ExitCodes.numericalFailure : ExitCodes.badInput
            }
            let elapsed = ContinuousClock.now - start
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            let sample = posterior(sc, priors: priors, values: values, result: result)
            if let out { try write(sample, to: out) }
            emit(summary(sample, priors: priors, draws: values))
            if !global.quiet && result.targets.isEmpty {
                Terminal.info("no observation to compare at vintage \(vintage): every distance is 0 and no draw was run")
            } else if !global.quiet {
                Terminal.info(String(format: "%d runs in %.1f s (%.3f s a run on %d threads)", draws, seconds, seconds / Double(draws), jobs))
            }
        }

        /// The accepted draws as a posterior sample with its metadata.
        func posterior(_ sc: Scenario, priors: [Prior], values: [[Double]], result r: ABCResult) -> PosteriorSample {
            let note = r.targets.isEmpty
                ? "No observation after its origin (GDP 2019, population and urbanisation 2020) lies at or before vintage \(vintage): every distance is 0, the posterior is the first \(r.accepted.count) draws of the prior sample (the data up to \(vintage) do not inform these parameters in this model)."
                : "ABC rejection (Beaumont, Zhang & Balding 2002) on \(r.targets.count) observations up to \(vintage); ties broken by draw index."
            let meta = PosteriorSample.Metadata(
                scenario: sc.name, scenarioHash: sc.contentHash, vintage: vintage, seed: seed, sampling: sampling.rawValue, draws: draws,
                accepted: r.accepted.count, acceptFraction: acceptFraction, tolerance: r.tolerance,
                distance: "sqrt(mean ln(forecast/observed)^2) over GDP (current prices), population and urbanisation of the circle, provinces and Sichuan cities, years after the origin up to the vintage; forecasts matched at the origin as in chengyu backtest",
                comparedObservations: r.targets.count, parameters: priors.map(\.id), engineVersion: Chengyu.version,
                engineCommit: Self.engineCommit(), note: note)
            return PosteriorSample(metadata: meta, values: r.accepted.map { values[$0] }, draw: r.accepted,
                                   distance: r.accepted.map { r.distances[$0] }, file: out ?? "posterior.csv")
        }

        /// `CHENGYU_COMMIT`, else `git rev-parse HEAD` in the working directory, else nil.
        static func engineCommit() -> String? {
            if let c = ProcessInfo.processInfo.environment["CHENGYU_COMMIT"], !c.isEmpty { return c }
            let p = Process(), pipe = Pipe()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = ["git", "rev-parse", "HEAD"]
            p.standardOutput = pipe
            p.standardError = FileHandle.nullDevice
            do { try p.run() } catch { return nil }
            p.waitUntilExit()
            let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            return p.terminationStatus == 0 && !text.isEmpty ? text : nil
        }

        /// The CSV and its sidecar, each atomically; exit 74 when either cannot be written.
        func write(_ s: PosteriorSample, to path: String) throws {
            let csv = URL(fileURLWithPath: path), json = csv.deletingPathExtension().appendingPathExtension("json")
            do {
                try FileManager.default.createDirectory(at: csv.deletingLastPathComponent(), withIntermediateDirectories: true)
                try AtomicFileWriter.write(Data(s.csv().utf8), to: csv)
                try AtomicFileWriter.write(try s.metadataJSON(), to: json)
            } catch {
                Terminal.error("cannot write \(path): \(error)")
                throw ExitCodes.cannotWrite
            }
            if !global.quiet { Terminal.info("wrote \(csv.path) and \(json.lastPathComponent)") }
        }

        /// Acceptance and, per parameter, the prior sample's and the posterior's mean and sd.
        func summary(_ s: PosteriorSample, priors: [Prior], draws: [[Double]]) -> String {
            let m = s.metadata
            var out = "ABC rejection of \(m.scenario) at vintage \(m.vintage): \(m.accepted) of \(m.draws) draws accepted "
            out += String(format: "(rate %.4f, q = %g, ε = %.6g; %d observations compared; seed %d)\n", m.acceptanceRate, m.acceptFraction, m.tolerance, m.comparedObservations, m.seed)
            if m.comparedObservations == 0 { out += m.note + "\n" }
            out += "parameter                        prior mean   prior sd   post. mean    post. sd  sd ratio\n"
            func stats(_ v: [Double]) -> (Double, Double) {
                let mean = v.reduce(0, +) / Double(v.count)
                return (mean, (v.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(max(v.count - 1, 1))).squareRoot())
            }
            for (k, p) in priors.enumerated() {
                let (pm, ps) = stats(draws.map { $0[k] }), (qm, qs) = stats(s.values.map { $0[k] })
                let name = p.id.padding(toLength: 32, withPad: " ", startingAt: 0)
                out += name + String(format: " %10.4g %10.4g %12.4g %11.4g %9.2f\n", pm, ps, qm, qs, ps > 0 ? qs / ps : .nan)
            }
            return out
        }
    }
}
