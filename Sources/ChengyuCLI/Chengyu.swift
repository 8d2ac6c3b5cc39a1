import ArgumentParser

/// The `chengyu` command: subcommands live in their own files.
public struct Chengyu: ParsableCommand {
    public static let version = "0.1.0"

    public static let configuration = CommandConfiguration(
        commandName: "chengyu",
        abstract: "Regional economic simulation of the Chengdu–Chongqing Twin-City Economic Circle.",
        discussion: """
            Examples:
              chengyu run Scenarios/baseline.yaml                  the baseline against the goals
              chengyu goals Scenarios/baseline.yaml Scenarios/plan-2025.yaml --year 2025
              chengyu compare Scenarios/baseline.yaml Scenarios/rail-programme.yaml
              chengyu run Scenarios/plan-2025.yaml --out out/plan && chengyu report out/plan -o report.html
              chengyu validate Scenarios/*.yaml
              chengyu doctor                                       check BLAS/LAPACK and run a self-check

            Exit codes: 0 ok, 1 goals missed (--fail-on-miss), 2 bad input, 3 numerical failure,
            75 sweep interrupted (resumable). NO_COLOR disables colour.
            """,
        version: version,
        subcommands: [RunCommand.self, GoalsCommand.self, CompareCommand.self, ReportCommand.self, ValidateCommand.self, ScenarioCommand.self, DataCommand.self, IOCommand.self, SweepCommand.self, ExplainCommand.self, Doctor.self]
    )

    public init() {}
}
