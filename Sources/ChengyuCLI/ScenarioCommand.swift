import ArgumentParser
import ScenarioSpec

extension Chengyu {
    /// `chengyu scenario show|schema|parameters|levers`.
    struct ScenarioCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "scenario",
            abstract: "Show a resolved scenario, the scenario schema, the parameter registry or the lever kinds.",
            discussion: """
                Examples:
                  chengyu scenario show Scenarios/plan-2025.yaml
                  chengyu scenario schema > scenario.schema.json
                  chengyu scenario parameters
                  chengyu scenario levers
                """,
            subcommands: [Show.self, Schema.self, Parameters.self, Levers.self]
        )

        struct Show: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Print the resolved scenario (parents applied, canonical units) as YAML, and its content hash.",
                discussion: "Example:\n  chengyu scenario show Scenarios/plan-2025.yaml")

            @Argument(help: "Scenario file.")
            var file: String

            @Option(name: .customLong("scenarios"), help: "Folder of bundled scenarios (default ./Scenarios).")
            var scenariosDirectory: String?

            func run() throws {
                let loader = ScenarioLoader(scenariosDirectory: scenariosDirectory ?? ScenarioValidation.defaultScenariosDirectory())
                let result = loader.load(path: file)
                guard let scenario = result.scenario else {
                    for d in result.diagnostics { print(d) }
                    throw ExitCode(2)
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
            func run() throws { print(ScenarioSchema.jsonSchema().pretty) }
        }

        struct Parameters: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "List every model parameter: id, unit, default, allowed and sweep range, basis.",
                discussion: "Example:\n  chengyu scenario parameters --markdown")
            @Flag(help: "Print a Markdown table (as in Scenarios/README.md).")
            var markdown = false

            @Flag(help: "Print the priors of the uncertain parameters (priors.csv): distribution, bounds, source; absent = not yet in the model.")
            var priors = false

            func run() throws {
                if priors { return try PriorsListing.print() }
                if markdown {
                    print(ParameterCatalog.standard.markdownTable())
                    return
                }
                for d in ParameterCatalog.standard.definitions {
                    let allowed = d.allowedRange.map { "\(CanonicalText.number($0.lowerBound))–\(CanonicalText.number($0.upperBound))" } ?? d.choices.joined(separator: "|")
                    let sweep = d.sweepRange.map { "\(CanonicalText.number($0.lowerBound))–\(CanonicalText.number($0.upperBound))" } ?? "-"
                    print("\(d.id)\t\(d.unit)\t\(d.defaultValue)\tallowed \(allowed)\tsweep \(sweep)\t\(d.basis)")
                }
            }
        }

        struct Levers: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "List the lever kinds with what they act on.",
                discussion: "Example:\n  chengyu scenario levers")
            func run() throws {
                for kind in LeverKind.allCases {
                    let spec = kind.spec
                    let ops = spec.operations.map { "\($0.key.rawValue) [\($0.value.canonical)]" }.sorted().joined(separator: ", ")
                    print("\(kind.rawValue) — \(spec.chapter)\n  \(spec.target)\n  operations: \(ops.isEmpty ? "event" : ops)\n")
                }
            }
        }
    }
}
