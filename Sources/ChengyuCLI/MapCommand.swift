import ArgumentParser
import Foundation
import Reporting
import SimulationEngine

extension Chengyu {
    /// `chengyu map SCENARIO --indicator X --year Y -o map.svg`: a choropleth of the jurisdictions for papers.
    struct MapCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "map",
            abstract: "Write an SVG choropleth of one indicator by jurisdiction.",
            discussion: """
                SCENARIO is a scenario file (simulated first) or a run folder written by `chengyu run --out`.
                The map has one path per jurisdiction (simplified boundaries bundled with the data), a legend
                and labels for 成都 and 渝中. Levels use 5 quantile classes; with --against BASE the map shows
                the relative difference to BASE on a scale centred on zero.

                Examples:
                  chengyu map Scenarios/baseline.yaml --indicator gdp_per_capita --year 2035 -o gdp-pc.svg
                  chengyu map out/plan-2025 --against out/baseline --indicator gdp --year 2035 -o diff.svg
                """)

        @Argument(help: "A scenario file (YAML) or a run folder.")
        var scenario: String

        @Option(help: "Indicator id (e.g. gdp, gdp_per_capita, population, urbanisation_rate).")
        var indicator: String = "gdp_per_capita"

        @Option(help: "Year to map (default: the last simulated year).")
        var year: Int?

        @Option(help: "A base scenario file or run folder: map the relative difference to it.")
        var against: String?

        @Option(name: .shortAndLong, help: "The SVG file to write.")
        var output: String = "map.svg"

        @OptionGroup var global: GlobalOptions

        func run() throws {
            let ds = try ScenarioRunner.dataset()
            let t = try trajectory(scenario)
            let base = try against.map(trajectory)
            let svg: String
            do {
                svg = try JurisdictionMap.svg(t, indicator: indicator, year: year, base: base, seats: MapSupport.locations(ds))
            } catch let failure as JurisdictionMap.Failure {
                Terminal.error(failure.description)
                throw ExitCodes.badInput
            }
            do { try AtomicFileWriter.write(Data(svg.utf8), to: URL(fileURLWithPath: output)) } catch {
                Terminal.error("\(output): \(error)")
                throw ExitCode(74)
            }
            if !global.quiet { Terminal.info("wrote \(output)") }
        }

        /// A run folder (or `summary.json`) is read back; anything else is loaded and simulated.
        func trajectory(_ path: String) throws -> Trajectory {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue || path.hasSuffix(".json") {
                do { return try RunFolder.readTrajectory(at: URL(fileURLWithPath: path)) } catch {
                    Terminal.error("\(path): \(error)")
                    throw ExitCodes.badInput
                }
            }
            let sc = try ScenarioRunner.load(path)
            return try ScenarioRunner.simulate(sc, simulator: try Simulator(dataset: try ScenarioRunner.dataset()), options: global)
        }
    }
}
