import ArgumentParser

/// The `chengyu` command: subcommands live in their own files.
public struct Chengyu: ParsableCommand {
    public static let version = "0.1.0"

    public static let configuration = CommandConfiguration(
        commandName: "chengyu",
        abstract: "Regional economic simulation of the Chengdu–Chongqing Twin-City Economic Circle.",
        discussion: """
            Examples:
              chengyu doctor                 check the BLAS/LAPACK set-up and run a self-check
            """,
        version: version,
        subcommands: [RunCommand.self, GoalsCommand.self, CompareCommand.self, ReportCommand.self, ValidateCommand.self, ScenarioCommand.self, DataCommand.self, IOCommand.self, SweepCommand.self, Doctor.self]
    )

    public init() {}
}
