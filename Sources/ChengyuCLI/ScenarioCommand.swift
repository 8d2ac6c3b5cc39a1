import ArgumentParser
import Foundation
import Reporting
import ScenarioSpec

extension Chengyu {
    /// `chengyu scenario show|schema|parameters|levers`.
    struct ScenarioCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "scenario",
            abstract: "Show a resolved scenario, the scenario schema, the parameter registry or the lever kinds.",
            discussion: Help.flow("""
                Examples:
                  chengyu scenario show Scenarios/plan-2025.yaml
                  chengyu scenario schema > scenario.schema.json
                  chengyu scenario parameters
                  chengyu scenario levers
                """),
            subcommands: [Show.self, Schema.self, Parameters.self, Levers.self]
        )

        struct Show: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Print the resolved scenario (parents applied, canonical units) as YAML, and its content hash.",
                discussion: "Example:\n  chengyu scenario show Scenarios/plan-2025.yaml")

            @Argument(help: "Scenario file.")
            var file: String

            @OptionGroup var search: ScenarioSearchOptions
            @OptionGroup var global: GlobalOptions

            func run() throws {
                if let problem = InputPaths.scenarioProblem(file, scenarios: search.directory) {
                    Terminal.error(problem)
                    throw ExitCodes.badInput
                }
                let loader = ScenarioLoader(scenariosDirectory: search.directory)
                let result = loader.load(path: file)
                guard let scenario = result.scenario else {
                    for d in result.diagnostics { print(d) }
                    throw ExitCodes.badInput
                }
                for w in result.warnings { print("# \(w)") }
                print(scenario.resolvedYAML(), terminator: "")
                print("# hash: \(scenario.contentHash)")
            }
        }

        struct Schema: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Print the JSON Schema of scenario files.",
                discussion: "Example:\n  chengyu scenario schema > scenario.schema.json")
            @OptionGroup var global: GlobalOptions
            func run() throws { print(ScenarioSchema.jsonSchema().pretty) }
        }

        struct Parameters: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "List every model parameter: id, unit, default, allowed and sweep range, basis.",
                discussion: "Example:\n  chengyu scenario parameters --markdown")
            @Flag(help: "Print a Markdown table (as in Scenarios/README.md).")
            var markdown = false
            @Flag(help: "Print every column (the basis of each value) however wide; the default fits 120 columns.")
            var wide = false
            @OptionGroup var global: GlobalOptions

            @Flag(help: "Print the priors of the uncertain parameters (priors.csv): distribution, bounds, source; absent = not yet in the model.")
            var priors = false

            func run() throws {
                if priors { return try PriorsListing.print() }
                if markdown {
                    print(ParameterCatalog.standard.markdownTable())
                    return
                }
                var table = TextTable(columns: [.init("parameter"), .init("unit"), .init("default", .right), .init("allowed"),
                                                .init("sweep range"), .init("basis")])
                for d in ParameterCatalog.standard.definitions {
                    let allowed = d.allowedRange.map { "\(CanonicalText.number($0.lowerBound))–\(CanonicalText.number($0.upperBound))" } ?? d.choices.joined(separator: "|")
                    let sweep = d.sweepRange.map { "\(CanonicalText.number($0.lowerBound))–\(CanonicalText.number($0.upperBound))" } ?? "-"
                    table.rows.append([.init(d.id), .init(d.unit), .init(d.defaultValue.description), .init(allowed), .init(sweep), .init(d.basis)])
                }
                print(table.render(useColour: Terminal.useColour, maxWidth: wide ? nil : TextTable.terminalWidth), terminator: "")
            }
        }

        struct Levers: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "List the lever kinds with what they act on.",
                discussion: "Example:\n  chengyu scenario levers")
            @OptionGroup var global: GlobalOptions
            func run() throws {
                for kind in LeverKind.allCases {
                    let spec = kind.spec
                    let ops = spec.operations.map { "\($0.key.rawValue) [\($0.value.canonical)]" }.sorted().joined(separator: ", ")
                    let width = TextTable.terminalWidth - 2
                    let target = TextTable.wrap(spec.target, width: width).map { "  " + $0 }.joined(separator: "\n")
                    let operations = TextTable.wrap("operations: \(ops.isEmpty ? "event" : ops)", width: width).map { "  " + $0 }
                    print("\(kind.rawValue) — \(spec.chapter)\n\(target)\n\(operations.joined(separator: "\n"))\n")
                }
            }
        }
    }
}
