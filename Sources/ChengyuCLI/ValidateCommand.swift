import ArgumentParser
import Foundation
import ScenarioSpec

extension Chengyu {
    /// `chengyu validate FILE...`: check scenario files, every problem in one run.
    struct ValidateCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "validate",
            abstract: "Validate scenario files; exit 0 when all are valid, 2 with the diagnostics otherwise.",
            discussion: Help.flow("""
                Every problem is reported in one pass as `file:line:column: error: field: message` (unknown keys
                and levers with a suggestion, unknown ids, wrong types and units, years outside the horizon,
                empty `where`, contradicting levers, `extends` cycles and missing parents). The summary line counts
                the file's own levers and those it inherits. -q prints the diagnostics only.

                Examples:
                  chengyu validate Scenarios/*.yaml
                  chengyu validate my-scenario.yaml --scenarios Scenarios
                """))

        @Argument(help: "Scenario files.")
        var files: [String]

        @OptionGroup var search: ScenarioSearchOptions
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            guard !files.isEmpty else { throw ValidationError("give at least one scenario file") }
        }

        func run() throws {
            for file in files {
                if let problem = InputPaths.scenarioProblem(file, scenarios: search.directory) {
                    Terminal.error(problem)
                    throw ExitCodes.badInput
                }
            }
            let loader = ScenarioLoader(scenariosDirectory: search.directory)
            let report = ScenarioValidation.validate(paths: files, loader: loader, quiet: global.quiet)
            for line in report.lines { print(line) }
            if report.exitStatus != 0 { throw ExitCode(report.exitStatus) }
        }
    }
}
