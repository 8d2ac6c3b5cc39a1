import ArgumentParser
import BaseData
import ParameterSweeps
import Foundation
import Reporting
import ScenarioSpec
import SimulationEngine

extension Chengyu {
    /// `chengyu run SCENARIO`: simulate a scenario over its horizon and compare it with the goals.
    struct RunCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run",
            abstract: "Run a scenario year by year and compare it with the 2025 and 2035 goals.",
            discussion: Help.flow("""
                Prints the key indicators of the circle (or of --place) for 2019, 2025, 2035 and the end of the
                scenario's horizon, then the goal table with its legend. Default tables fit 120 columns;
                --wide prints every column (sources included). --format json prints one JSON document
                (schemaVersion, scenario, years, indicators, circle, groups, jurisdictions, goals, diagnostics);
                --format csv the tidy long table. --out DIR writes trajectory.csv, goals.csv, summary.json,
                scenario.resolved.yaml, report.html and manifest.json, each under a temporary name first, so an
                interrupted run never leaves a half-written file; an output that cannot be written exits 74.
                --ensemble N runs N members drawn from the calibrated posterior (chengyu calibrate; --priors for
                the priors), each with its model-discrepancy draw (--no-discrepancy: parameters only), and
                prints P(goal met) with the ensemble size and the source; --out DIR writes
                bands.csv, goal_probabilities.csv, draws.csv and ensemble.json beside the central run's files,
                whose report.html draws the bands and P(goal met). For a cluster, --shard I/K --out DIR
                runs one shard into DIR/shards/ and --merge K --out DIR combines them, byte-identical to a local run.
                --against BASE runs the base scenario on the same draws (common random numbers) and prints, for
                the circle's headline indicators, the central difference, the 5–95 % band of the members'
                differences and P(Δ > 0); --out DIR adds differences.csv (every indicator, place and year).

                Examples:
                  chengyu run Scenarios/baseline.yaml
                  chengyu run Scenarios/baseline.yaml --place 成都 --until 2030
                  chengyu run my-scenario.yaml --scenarios Scenarios
                  chengyu run Scenarios/plan-2025.yaml --format json > plan.json
                  chengyu run Scenarios/plan-2025.yaml --out out/plan-2025 --bom
                  chengyu run Scenarios/baseline.yaml --ensemble 200 --out out/ens
                  chengyu run Scenarios/baseline.yaml --ensemble 200 --shard 1/4 --out out/ens   (then --merge 4)
                  chengyu run Scenarios/science-city.yaml --ensemble 100 --against Scenarios/baseline.yaml
                """))

        @Argument(help: "The scenario file (YAML).")
        var scenario: String

        @Option(help: "Last year to simulate (2019 up to the scenario's horizon end, at most 2060).")
        var until: Int?

        @Option(help: "Calibrate on regional observations up to this year only (calibration.vintage, 2019–2023; MODEL-v3 §1.1).")
        var vintage: Int?

        @Option(help: "Place of the key-indicator table: an id, a Chinese or an English name (default: the circle).")
        var place: String?

        @Option(help: "Output format: table, csv, json or iamc (with --out, also trajectory.iamc.csv).")
        var format: RunOutputFormat = .table

        @Option(help: "Extra result files of --out: sectors (sectors.csv: output, value added, employment by sector).")
        var detail: [RunDetail] = []

        @Option(help: "Write the result files to this folder.")
        var out: String?

        @Flag(help: "Form A and factor I − A every year (reference mode) instead of the matrix-free GMRES solver.")
        var reference = false

        @Option(help: "Run an ensemble of N members drawn from the calibrated posterior (default) or the priors (--priors): bands and P(goal met).")
        var ensemble: Int?

        @Flag(help: "With --ensemble: draw from the priors (priors.csv) instead of the posterior.")
        var priors = false

        @Option(help: "With --ensemble: the posterior sample (a CSV of chengyu calibrate; default: the bundled posterior-2019.csv).")
        var posterior: String?

        @Option(help: "With --ensemble and --out: run only shard I/K (members m with m mod K = I) into DIR/shards/.")
        var shard: String?

        @Option(help: "With --ensemble and --out: merge the K shards in DIR/shards/ into the outputs of a local run.")
        var merge: Int?

        @Option(help: "With --ensemble: worker threads (default: the number of CPUs).")
        var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

        @Option(help: "With --ensemble: seed of the draws or of the posterior's resampling (the same seed gives every scenario the same draws).")
        var seed: UInt64 = 1

        @Flag(help: "With --ensemble: parameter uncertainty only, without each member's model-discrepancy draw (GDP, population, urbanisation; docs/MODEL.md §13).")
        var noDiscrepancy = false

        @Option(help: "With --ensemble: a base scenario run on the same draws; prints the bands of scenario − base and P(Δ > 0) (differences.csv with --out).")
        var against: String?

        @Option(help: "With --ensemble --priors: sampling, sobol (scrambled) or lhs.")
        var sampling: EnsembleDesign.Method = .sobol

        @OptionGroup var table: TableOptions
        @OptionGroup var search: ScenarioSearchOptions
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            if let u = until, !(ScenarioLoader.baseYear...ScenarioLoader.latestYear).contains(u) {
                throw ValidationError("--until must be in \(ScenarioLoader.baseYear)...\(ScenarioLoader.latestYear)")
            }
            if !detail.isEmpty && out == nil { throw ValidationError("--detail needs --out DIR") }
            if let n = ensemble, n < 2 { throw ValidationError("--ensemble needs at least 2 members") }
            if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
            if (shard != nil || merge != nil || priors || posterior != nil || noDiscrepancy) && ensemble == nil {
                throw ValidationError("--priors, --posterior, --no-discrepancy, --shard and --merge go with --ensemble N")
            }
            if against != nil && ensemble == nil { throw ValidationError("--against goes with --ensemble N (a single run's difference: chengyu compare)") }
            if against != nil && (shard != nil || merge != nil) { throw ValidationError("--against runs locally; it excludes --shard and --merge") }
            if (shard != nil || merge != nil) && out == nil { throw ValidationError("--shard and --merge need --out DIR") }
            if shard != nil && merge != nil { throw ValidationError("--shard and --merge exclude each other") }
            if priors && posterior != nil { throw ValidationError("--priors and --posterior exclude each other") }
            if let k = merge, k < 1 { throw ValidationError("--merge needs a shard count of at least 1") }
            if let s = shard, (try? ShardSelection.parse(s)) == nil { throw ValidationError("--shard expects I/K with 0 ≤ I < K, got '\(s)'") }
        }

        func run() throws {
            var sc = try ScenarioRunner.load(scenario, scenarios: search.directory, options: global)
            if let vintage {
                guard (2019...2023).contains(vintage) else {
                    Terminal.error("--vintage must be between 2019 and 2023 (the years the history data can calibrate on)")
                    throw ExitCodes.usage
                }
                sc = sc.overriding(["calibration.vintage": Double(vintage)])
            }
            if let u = until, u > sc.horizon.upperBound {
                Terminal.error("--until \(u) is after the end of \(sc.name)'s horizon (\(sc.horizon.upperBound)); "
                               + "set `horizon: {end: \(u)}` in the scenario to run that far")
                throw ExitCodes.usage
            }
            if let ensemble {
                var base = try against.map { try ScenarioRunner.load($0, scenarios: search.directory, options: global) }
                if let vintage { base = base?.overriding(["calibration.vintage": Double(vintage)]) }
                let request = EnsembleRun.Request(
                    members: ensemble, seed: seed, method: sampling, priors: priors, posterior: posterior, jobs: jobs, until: until, shard: shard, merge: merge,
                    discrepancy: !noDiscrepancy, against: base)
                return try EnsembleRun.run(sc, request, format: format, out: out, options: global)
            }
            let placeID = try place.map { try PlaceArgument.resolve($0, option: "--place") }
            let ds = try ScenarioRunner.dataset(options: global)
            let sim = try Simulator(dataset: ds)
            let t = try ScenarioRunner.simulate(sc, simulator: sim, until: until, reference: reference, options: global)
            if let out {
                let dir = URL(fileURLWithPath: out)
                let extra = try RunExports.extraFiles(t, format: format, detail: detail)
                try RunFolder.write(
                    t, resolvedScenarioYAML: sc.resolvedYAML(), to: dir, chengyuVersion: Chengyu.version,
                    dataVersion: ScenarioRunner.dataVersion(), seats: ScenarioRunner.seats(ds), extraFiles: extra,
                    csvByteOrderMark: table.bom, hash: ScenarioRunner.hash)
                if !global.quiet { Terminal.info("wrote \(dir.path)/ (trajectory.csv, goals.csv, summary.json, scenario.resolved.yaml, report.html, manifest.json)") }
            }
            switch format {
            case .json:
                FileHandle.standardOutput.write(SummaryDocument.encode(t))
                emit("")
            case .csv:
                emit(table.csv(TrajectoryCSV.render([t])))
            case .iamc:
                emit(table.csv(IAMCExport.render([t], model: RunExports.model)))
            case .table:
                let years = Self.keyYears(t.years)
                let where_ = placeID ?? "circle"
                let name = t.places.first { $0.id == where_ }.map { "\($0.nameZh), \($0.nameEn)" } ?? where_
                emit("\(t.scenario.title)  [\(t.scenario.name), \(String(t.scenario.contentHash.prefix(12)))]")
                emit("")
                emit("Key indicators: \(name)")
                emit(KeyIndicatorReport(t, years: years, place: where_).renderTable(useColour: Terminal.useColour, wide: table.wide))
                let goals = GoalReport([t])
                emit("")
                emit("Goals: the outline's 2025 goals and the 2035 proxies (\(goals.rows.count))")
                emit(goals.renderTable(useColour: Terminal.useColour, wide: table.wide))
            }
        }

        /// The years of the key-indicator table: 2019, 2025, 2035, 2050 and 2060 where the run has them,
        /// and its last year (the horizon end or `--until`).
        static func keyYears(_ years: [Int]) -> [Int] {
            guard let last = years.last else { return [] }
            let milestones = [2019, 2025, 2035, 2050, 2060].filter { years.contains($0) && $0 < last }
            return milestones + [last]
        }
    }
}

/// `--wide` and `--bom`, for the commands that print tables and CSV.
struct TableOptions: ParsableArguments {
    @Flag(help: "Print every column (sources, margins) however wide; the default fits 120 columns.")
    var wide = false

    @Flag(help: "Start CSV output with a UTF-8 byte-order mark, so that Excel reads Chinese names correctly.")
    var bom = false

    /// `text` with the byte-order mark when `--bom` is given.
    func csv(_ text: String) -> String { bom ? CSV.byteOrderMark + text : text }
}

/// A place named on the command line: an id, a Chinese or an English name (`PlaceNameIndex`).
enum PlaceArgument {
    /// The id `text` names; exits 2 with "did you mean" when none.
    static func resolve(_ text: String, option: String) throws -> String {
        let catalog = ScenarioCatalog.standard
        if let id = catalog.resolvePlace(text) { return id }
        Terminal.error("\(option): unknown jurisdiction or group '\(text)'\(catalog.placeHint(for: text))")
        throw ExitCodes.badInput
    }
}
