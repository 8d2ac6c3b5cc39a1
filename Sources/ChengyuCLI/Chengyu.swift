import ArgumentParser
import MatrixCore

/// The `chengyu` command: subcommands live in their own files.
public struct Chengyu: ParsableCommand {
    public static let version = "0.1.0"

    public static let configuration = CommandConfiguration(
        commandName: "chengyu",
        abstract: "Regional economic simulation of the Chengdu–Chongqing Twin-City Economic Circle.",
        discussion: Help.flow("""
            Examples:
              chengyu run Scenarios/baseline.yaml                  the baseline against the goals
              chengyu goals Scenarios/baseline.yaml Scenarios/plan-2025.yaml --year 2025
              chengyu compare Scenarios/baseline.yaml Scenarios/rail-programme.yaml
              chengyu run Scenarios/plan-2025.yaml --out out/plan && chengyu report out/plan -o report.html
              chengyu validate Scenarios/*.yaml
              chengyu doctor                                       check BLAS/LAPACK and run a self-check

            Exit codes: 0 ok, 1 goals missed (--fail-on-miss), 2 bad input, 3 numerical failure, 64 usage (a bad
            flag or argument), 74 an output that cannot be written, 75 interrupted (a sweep: resumable).
            NO_COLOR disables colour; -q silences progress, -v adds diagnostics; --wide prints every column.
            """),
        version: version,
        subcommands: [RunCommand.self, GoalsCommand.self, BacktestCommand.self, CalibrateCommand.self, CompareCommand.self, ReportCommand.self, MapCommand.self, ValidateCommand.self, ScenarioCommand.self, DataCommand.self, IOCommand.self, SweepCommand.self, ExplainCommand.self, Doctor.self]
    )

    public init() {}

    /// Parses the command line and runs the command; an error becomes its documented exit code
    /// (`CLIErrors.handle`: 74 for a failed write, 2 for bad input, 64 for a usage error), never 1, which
    /// means "goals missed" (`--fail-on-miss`).
    public static func main() {
        ComputeResources.keepFreedMemoryForReuse()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if let code = CLIErrors.handle(error) { exit(withError: code) }
            exit(withError: error)
        }
    }
}
