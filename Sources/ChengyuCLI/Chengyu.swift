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
        subcommands: [Doctor.self, DataCommand.self, ValidateCommand.self, ScenarioCommand.self, IOCommand.self]
    )

    public init() {}
}
