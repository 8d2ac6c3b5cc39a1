import ArgumentParser
import Foundation
import ParameterSweeps
import Reporting
import ScenarioSpec
import SimulationEngine

extension EnsembleDesign.Method: ExpressibleByArgument {}

/// `chengyu run SCENARIO --ensemble N`: N members drawn from the posterior of `chengyu calibrate` (default: the
/// bundled `posterior-2019.csv`; `--posterior FILE` another) or from the priors (`--priors`: priors.csv,
/// `status: model`), run on `--jobs` threads; bands and P(goal met). The same `--seed` gives every scenario the
/// same draws (common random numbers). `--shard I/K --out DIR` runs only the members m ≡ I (mod K) into
/// `DIR/shards/`; `--merge K --out DIR` combines the K shards into the outputs a local run writes, byte for byte.
enum EnsembleRun {
    /// What `run --ensemble` was asked for, besides the scenario.
    struct Request {
        var members: Int
        var seed: UInt64
        var method: EnsembleDesign.Method
        var priors: Bool
        var posterior: String?
        var jobs: Int
        var until: Int?
        var shard: String?
        var merge: Int?
        var discrepancy: Bool = true
        /// `--against BASE`: the base scenario, run on the same draws.
        var against: Scenario?
    }

    /// The model discrepancy at the scenario's calibration vintage; exit 2 when the history cannot give it.
    static func modelDiscrepancy(_ sc: Scenario, simulator sim: Simulator) throws -> ModelDiscrepancy {
        do {
            let vintage = Int(try sc.parameterValue("calibration.vintage").rounded())
            return try sim.modelDiscrepancy(vintage: vintage)
        } catch {
            Terminal.error("\(sc.sourceFile): \(error)")
            throw ExitCodes.badInput
        }
    }

    /// The parameter draws and their source.
    struct Draws {
        let parameters: [String]
        let values: [[Double]]
        var source: EnsembleSource
    }

    /// Draws from the priors (the sweep design) or the posterior (resampled particles); exit 2 when the
    /// priors or the posterior are invalid or do not match.
    static func draws(_ sc: Scenario, members: Int, seed: UInt64, method: EnsembleDesign.Method, priors usePriors: Bool, posterior: String?) throws -> Draws {
        do {
            let priors = try PriorCatalog.standard(parameters: sc.parameterCatalog).sampled
            guard !usePriors else {
                let v = try EnsembleDesign.draws(priors: priors, members: members, seed: seed, method: method)
                return Draws(parameters: priors.map(\.id), values: v, source: EnsembleSource(kind: "priors", seed: seed, sampling: method.rawValue))
            }
            let sample = try posterior.map { try PosteriorSample.load(csv: URL(fileURLWithPath: $0)) } ?? PosteriorSample.bundled()
            if let problem = sample.mismatch(with: priors) { throw SimulationError.data(problem) }
            let picks = try EnsembleDesign.resample(particles: sample.values.count, members: members, seed: seed)
            let m = sample.metadata
            return Draws(
                parameters: m.parameters, values: picks.map { sample.values[$0] },
                source: EnsembleSource(kind: "posterior", seed: seed, sampling: "resample", posteriorFile: URL(fileURLWithPath: sample.file).lastPathComponent,
                                       posteriorSeed: m.seed, posteriorVintage: m.vintage, posteriorScenario: m.scenario, posteriorAccepted: m.accepted))
        } catch {
            Terminal.error("\(error)")
            throw ExitCodes.badInput
        }
    }

    static func run(_ sc: Scenario, _ r: Request, format: RunOutputFormat, out: String?, options: GlobalOptions) throws {
        var d = try draws(sc, members: r.members, seed: r.seed, method: r.method, priors: r.priors, posterior: r.posterior)
        let sim = try Simulator(dataset: try ScenarioRunner.dataset())
        let discrepancy = try r.discrepancy ? modelDiscrepancy(sc, simulator: sim) : nil
        d.source.discrepancy = discrepancy
        let progress = Progress("ensemble of \(sc.name)", options: options)
        let e: Ensemble
        let central: Trajectory
        var difference: EnsembleDifference?
        do {
            central = try sim.ensembleCentral(sc, until: r.until)
            if let shard = r.shard, let out {
                let sel: ShardSelection
                do { sel = try ShardSelection.parse(shard) } catch { Terminal.error("\(error)"); throw ExitCodes.usage }
                let indices = EnsembleShard.indices(members: r.members, shard: sel.index, of: sel.count)
                let members = try sim.ensembleMembers(sc, central: central, parameters: d.parameters, draws: d.values, indices: indices,
                                                      until: r.until, jobs: r.jobs, discrepancy: discrepancy) { done, total in progress.update("\(done)/\(total) members") }
                progress.finish()
                let header = self.header(sc, central: central, draws: d, request: r, shard: sel.index, of: sel.count)
                return try writeShard(header: header, members: Array(zip(indices, members)), out: out, quiet: options.quiet)
            }
            let members: [Ensemble.Member]
            if let k = r.merge, let out {
                members = try readShards(URL(fileURLWithPath: out), expected: header(sc, central: central, draws: d, request: r, shard: 0, of: k))
            } else {
                members = try sim.ensembleMembers(sc, central: central, parameters: d.parameters, draws: d.values, indices: Array(0..<r.members),
                                                  until: r.until, jobs: r.jobs, discrepancy: discrepancy) { done, total in progress.update("\(done)/\(total) members") }
            }
            progress.finish()
            e = Ensemble.summarise(central: central, parameters: d.parameters, draws: d.values, members: members)
            if let base = r.against {
                difference = try self.difference(members: members, central: central, base: base, draws: d, request: r,
                                                 simulator: sim, discrepancy: discrepancy, options: options)
            }
        } catch let err as SimulationError {
            progress.finish()
            Terminal.error("\(sc.sourceFile): \(err)")
            throw err.isNumerical ? ExitCodes.numericalFailure : ExitCodes.badInput
        }
        if let out {
            try write(e, source: d.source, until: r.until, to: URL(fileURLWithPath: out), quiet: options.quiet)
            if let difference { try write(difference, to: URL(fileURLWithPath: out), quiet: options.quiet) }
            try writeCentralRun(central, scenario: sc, ensemble: EnsembleSummary(e, source: d.source), to: URL(fileURLWithPath: out), options: options)
        }
        switch format {
        case .csv: emit(difference.map(EnsembleReport.differencesCSV) ?? EnsembleReport.bandsCSV(e))
        case .json, .iamc:
            Terminal.error("--ensemble writes table or csv (bands); \(format.rawValue) is not available yet")
            throw ExitCodes.usage
        case .table:
            emit(EnsembleReport.goalsTable(e, source: d.source))
            if let difference { emit(""); emit(EnsembleReport.differencesTable(difference)) }
        }
    }

    /// `--against BASE`: the base's central run and members on the same draws and discrepancy draws (common random
    /// numbers), and the difference scenario − base; a base the scenario cannot be compared with is bad input.
    static func difference(
        members: [Ensemble.Member], central: Trajectory, base: Scenario, draws d: Draws, request r: Request,
        simulator sim: Simulator, discrepancy: ModelDiscrepancy?, options: GlobalOptions
    ) throws -> EnsembleDifference {
        let progress = Progress("ensemble of \(base.name) (base)", options: options)
        let baseCentral = try sim.ensembleCentral(base, until: r.until)
        let baseMembers = try sim.ensembleMembers(
            base, central: baseCentral, parameters: d.parameters, draws: d.values, indices: Array(0..<r.members), until: r.until,
            jobs: r.jobs, discrepancy: discrepancy) { done, total in progress.update("\(done)/\(total) members") }
        progress.finish()
        return try EnsembleDifference.compute(scenario: central, base: baseCentral, scenarioMembers: members, baseMembers: baseMembers)
    }

    /// `DIR/differences.csv`, atomically; exit 74 when it cannot.
    static func write(_ difference: EnsembleDifference, to dir: URL, quiet: Bool) throws {
        let url = dir.appendingPathComponent("differences.csv")
        do {
            try AtomicFileWriter.write(Data(EnsembleReport.differencesCSV(difference).utf8), to: url)
        } catch {
            Terminal.error("cannot write \(url.path): \(error)")
            throw ExitCodes.cannotWrite
        }
        if !quiet { Terminal.info("wrote \(url.path) (\(difference.scenario) − \(difference.base) on common draws)") }
    }

    /// The header every shard of this ensemble carries (the shard index aside).
    static func header(_ sc: Scenario, central: Trajectory, draws d: Draws, request r: Request, shard: Int, of k: Int) -> EnsembleShard.Header {
        EnsembleShard.Header(
            scenario: sc.name, scenarioHash: sc.contentHash, members: r.members, shard: shard, shards: k, until: r.until,
            parameters: d.parameters, cells: central.indicators.count * central.places.count * central.years.count,
            goals: central.goals.count, source: d.source)
    }

    /// `DIR/shards/ensemble-shard-I-of-K.bin`, atomically; exit 74 when it cannot.
    static func writeShard(header: EnsembleShard.Header, members: [(index: Int, member: Ensemble.Member)], out: String, quiet: Bool) throws {
        let dir = URL(fileURLWithPath: out).appendingPathComponent("shards")
        let url = dir.appendingPathComponent(EnsembleShard.fileName(shard: header.shard, of: header.shards))
        do {
            let data = try EnsembleShard.encode(header: header, members: members)
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            try AtomicFileWriter.write(data, to: url)
        } catch {
            Terminal.error("cannot write \(url.path): \(error)")
            throw ExitCodes.cannotWrite
        }
        if !quiet { Terminal.info("wrote \(url.path) (\(members.count) of \(header.members) members)") }
    }

    /// The members of every shard `expected.shards` in `DIR/shards/`, checked against `expected` (same
    /// scenario, size, source, parameters); a missing or foreign shard is bad input (exit 2).
    static func readShards(_ dir: URL, expected: EnsembleShard.Header) throws -> [Ensemble.Member] {
        var shards: [(file: String, header: EnsembleShard.Header, members: [(index: Int, member: Ensemble.Member)])] = []
        for i in 0..<expected.shards {
            let url = dir.appendingPathComponent("shards").appendingPathComponent(EnsembleShard.fileName(shard: i, of: expected.shards))
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw SimulationError.data("ensemble incomplete: \(url.path) is missing (run the same command with --shard \(i)/\(expected.shards))")
            }
            let (h, m) = try EnsembleShard.decode(data, file: url.path)
            guard h == expected.forShard(i) else {
                throw SimulationError.data("\(url.path): written for another ensemble (scenario, --ensemble, seed, source, --until or model changed)")
            }
            shards.append((url.path, h, m))
        }
        return try EnsembleShard.merge(shards)
    }

    /// The central run's folder beside the ensemble files (trajectory.csv, goals.csv, summary.json,
    /// scenario.resolved.yaml, manifest.json) with a report.html that draws the ensemble's bands and P(goal met),
    /// so that one command gives the page; the files of a plain `run --out` of the same scenario are replaced by
    /// the same run's. Exit 74 when it cannot write.
    static func writeCentralRun(_ t: Trajectory, scenario sc: Scenario, ensemble: EnsembleSummary, to dir: URL, options: GlobalOptions) throws {
        let ds = try ScenarioRunner.dataset(options: options)
        do {
            try RunFolder.write(
                t, resolvedScenarioYAML: sc.resolvedYAML(), to: dir, chengyuVersion: Chengyu.version,
                dataVersion: ScenarioRunner.dataVersion(), seats: ScenarioRunner.seats(ds),
                reportOptions: HTMLReport.Options(ensembles: [ensemble.scenario: ensemble]), hash: ScenarioRunner.hash)
        } catch {
            Terminal.error("cannot write \(dir.path): \(error)")
            throw ExitCodes.cannotWrite
        }
        if !options.quiet { Terminal.info("wrote \(dir.path)/report.html with the ensemble's bands, and the central run's files") }
    }

    /// `DIR/bands.csv`, `goal_probabilities.csv`, `draws.csv`, `ensemble.json`, each atomically; exit 74 when it cannot.
    static func write(_ e: Ensemble, source: EnsembleSource, until: Int?, to dir: URL, quiet: Bool) throws {
        do {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            for file in try EnsembleReport.files(e, source: source, until: until) {
                try AtomicFileWriter.write(file.contents, to: dir.appendingPathComponent(file.name))
            }
        } catch {
            Terminal.error("cannot write \(dir.path): \(error)")
            throw ExitCodes.cannotWrite
        }
        if !quiet {
            Terminal.info("wrote \(dir.path)/ (bands.csv, goal_probabilities.csv, draws.csv, ensemble.json; "
                          + "`chengyu report` draws them when the folder also holds this scenario's run)")
        }
    }
}
