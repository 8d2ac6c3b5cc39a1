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

                Examples:
                  chengyu run Scenarios/baseline.yaml
                  chengyu run Scenarios/baseline.yaml --place 成都 --until 2030
                  chengyu run my-scenario.yaml --scenarios Scenarios
                  chengyu run Scenarios/plan-2025.yaml --format json > plan.json
                  chengyu run Scenarios/plan-2025.yaml --out out/plan-2025 --bom
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

        @Option(help: "Run an ensemble of N members drawn from the priors (priors.csv): bands and P(goal met).")
        var ensemble: Int?

        @Option(help: "With --ensemble: worker threads (default: the number of CPUs).")
        var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

        @Option(help: "With --ensemble: seed of the draws (the same seed gives every scenario the same draws).")
        var seed: UInt64 = 1

        @Option(help: "With --ensemble: sampling, sobol (scrambled) or lhs.")
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
                return try EnsembleRun.run(sc, members: ensemble, seed: seed, method: sampling, jobs: jobs, until: until, format: format, out: out, options: global)
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
