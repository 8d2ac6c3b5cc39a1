import ArgumentParser
import ScenarioSpec

extension Chengyu {
    /// `chengyu validate FILE...`: check scenario files, every problem in one run.
    struct ValidateCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "validate",
            abstract: "Validate scenario files; exit 0 when all are valid, 2 with the diagnostics otherwise.",
            discussion: """
                Every problem is reported in one pass as `file:line:column: error: field: message` (unknown keys
                and levers with a suggestion, unknown ids, wrong types and units, years outside the horizon,
                empty `where`, contradicting levers, `extends` cycles and missing parents).

                Examples:
                  chengyu validate Scenarios/*.yaml
                  chengyu validate my-scenario.yaml --scenarios Scenarios
                """
        )

        @Argument(help: "Scenario files.")
        var files: [String]

        @Option(name: .customLong("scenarios"), help: "Folder of bundled scenarios for bare `extends` names (default ./Scenarios).")
        var scenariosDirectory: String?

        func validate() throws {
            guard !files.isEmpty else { throw ValidationError("give at least one scenario file") }
        }

        func run() throws {
            let loader = ScenarioLoader(scenariosDirectory: scenariosDirectory ?? ScenarioValidation.defaultScenariosDirectory())
            let report = ScenarioValidation.validate(paths: files, loader: loader)
            for line in report.lines { print(line) }
            if report.exitStatus != 0 { throw ExitCode(report.exitStatus) }
        }
    }
}
