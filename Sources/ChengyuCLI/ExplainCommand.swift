import ArgumentParser
import Foundation
import Reporting
import ScenarioSpec
import SimulationEngine

extension AttributionGrouping: ExpressibleByArgument {}

extension Chengyu {
    /// `chengyu explain SCENARIO`: which lever group moved which indicator (Shapley attribution).
    struct ExplainCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "explain",
            abstract: "Split a scenario's difference from a base into the contributions of its lever groups.",
            discussion: """
                Every indicator's difference from the base, per place and year, is split into additive Shapley
                contributions of the scenario's lever groups: 2^k runs for k groups (at most 8), the scenario's
                parameters in every run, weights k!-exact; the contributions sum to the difference. Groups
                (--by): group (default) a lever's `group:`, else the file it is written in (plan-2025: the eight
                scenarios it extends); chapter the outline chapter of its kind; lever one per lever.
                indicator-input levers that alone set an input indicator are on in every run and credited with
                that indicator's whole difference. The base (--against, default the scenario's `baseline`
                parent, else no levers) must hold a subset of the scenario's levers and the same parameters.

                The table shows one place and year; --format csv the tidy table (scenario, base, indicator, unit,
                place, year, group, contribution, total_difference, base_value, scenario_value); --format json one
                document. --out DIR writes attribution.csv and attribution.json.

                Examples:
                  chengyu explain Scenarios/plan-2025.yaml
                  chengyu explain Scenarios/plan-2025.yaml --year 2025 --place core-chengdu
                  chengyu explain Scenarios/green-transition.yaml --by lever --format csv > green.csv
                """)

        @Argument(help: "The scenario file (YAML).")
        var scenario: String

        @Option(help: "The base scenario file (default: the scenario's baseline parent, else no levers).")
        var against: String?

        @Option(help: "Lever groups: group, chapter or lever.")
        var by: AttributionGrouping = .group

        @Option(help: "Year of the table (default: the horizon's last year).")
        var year: Int?

        @Option(help: "Place of the table: circle, a group or a jurisdiction id.")
        var place: String = "circle"

        @Option(help: "Output format: table, csv or json.")
        var format: OutputFormat = .table

        @Option(help: "Write attribution.csv and attribution.json to this folder.")
        var out: String?

        @Option(help: "Worker threads for the runs (default: the number of CPUs).")
        var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

        @OptionGroup var global: GlobalOptions

        func validate() throws {
            if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
            if let y = year, !(2019...2035).contains(y) { throw ValidationError("--year must be in 2019...2035") }
        }

        func run() throws {
            let known = ScenarioCatalog.standard.placeIDs.union(["circle"])
            guard known.contains(place) else {
                Terminal.error("--place: unknown place '\(place)'; known: circle, groups and jurisdiction ids (chengyu data groups, chengyu data jurisdictions)")
                throw ExitCodes.badInput
            }
            let sc = try ScenarioRunner.load(scenario)
            let baseScenario = try (against ?? Self.defaultBase(of: sc)).map { try ScenarioRunner.load($0) }
            let sim = try Simulator(dataset: try ScenarioRunner.dataset())
            let attribution = try Self.attribute(sc, base: baseScenario, by: by, simulator: sim, jobs: jobs, options: global)
            let tableYear = year ?? attribution.years.last ?? 2035
            guard attribution.places.contains(where: { $0.id == place }) else {
                Terminal.error("--place: unknown place '\(place)'; known: \(attribution.places.map(\.id).joined(separator: ", "))")
                throw ExitCodes.badInput
            }
            if let out { try Self.write(attribution, to: URL(fileURLWithPath: out), quiet: global.quiet) }
            switch format {
            case .table: emit(AttributionReport.table(attribution, place: place, year: tableYear))
            case .csv: emit(AttributionReport.csv(attribution))
            case .json: emit(AttributionReport.json(attribution).rendered())
            }
        }

        /// The `baseline` parent's file, if the scenario extends one.
        static func defaultBase(of sc: Scenario) -> String? {
            sc.parentFiles.first { ($0 as NSString).lastPathComponent == "baseline.yaml" }
        }

        /// Plans and runs the attribution with progress; exits 2 (bad input) or 3 (numerical failure).
        static func attribute(
            _ sc: Scenario, base: Scenario?, by: AttributionGrouping, simulator: Simulator, jobs: Int, options: GlobalOptions
        ) throws -> Attribution {
            let progress = Progress("explaining \(sc.name)", options: options)
            defer { progress.finish() }
            do {
                let plan = try AttributionPlan(scenario: sc, base: base, grouping: by)
                return try simulator.attribute(sc, plan: plan, base: base, jobs: jobs) { done, total in
                    progress.update("\(done)/\(total) runs")
                }
            } catch let e as SimulationError {
                progress.finish()
                Terminal.error("\(e)")
                throw e.isNumerical ? ExitCodes.numericalFailure : ExitCodes.badInput
            }
        }

        /// `DIR/attribution.csv` and `DIR/attribution.json`, each written atomically; exit 74 when it cannot.
        static func write(_ a: Attribution, to dir: URL, quiet: Bool) throws {
            do {
                try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
                try AtomicFileWriter.write(Data(AttributionReport.csv(a).utf8), to: dir.appendingPathComponent("attribution.csv"))
                try AtomicFileWriter.write(AttributionReport.json(a).renderedData(), to: dir.appendingPathComponent("attribution.json"))
            } catch {
                Terminal.error("cannot write \(dir.path): \(error)")
                throw ExitCode(74)  // EX_CANTCREAT: cannot write an output
            }
            if !quiet { Terminal.info("wrote \(dir.path)/ (attribution.csv, attribution.json)") }
        }
    }
}
