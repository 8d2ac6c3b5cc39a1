import ArgumentParser
import BaseData
import Foundation
import ScenarioSpec
import SimulationEngine

/// Flags every command shares.
struct GlobalOptions: ParsableArguments {
    @Flag(name: .shortAndLong, help: "Print only results and errors (no progress).")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Print progress and diagnostics on standard error.")
    var verbose = false
}

/// `--format` of the commands that print results.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case table, csv, json
}

/// Exit codes (README "Exit codes"): 0 ok, 1 goals missed with `--fail-on-miss`, 2 bad input, 3 numerical failure.
enum ExitCodes {
    static let goalsMissed = ExitCode(1)
    static let badInput = ExitCode(2)
    static let numericalFailure = ExitCode(3)
    /// A sweep stopped by SIGTERM/SIGUSR1 after flushing finished runs.
    static let interrupted = ExitCode(75)
}

enum Terminal {
    /// Colour only on a terminal and never with `NO_COLOR` set (https://no-color.org).
    static var useColour: Bool {
        isatty(STDOUT_FILENO) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    }

    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) != 0 }

    static func error(_ message: String) {
        FileHandle.standardError.write(Data("chengyu: \(message)\n".utf8))
    }

    static func info(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
}

/// A progress line on standard error, shown only once a task has run for a second (or always with
/// `--verbose`), rewritten in place on a terminal.
final class Progress: @unchecked Sendable {
    // @unchecked: `lock` guards every mutable field.
    private let lock = NSLock()
    private let start = ContinuousClock.now
    private let label: String
    private let enabled: Bool
    private let always: Bool
    private var shown = false

    init(_ label: String, options: GlobalOptions) {
        self.label = label
        self.enabled = !options.quiet
        self.always = options.verbose
    }

    func update(_ text: String) {
        lock.withLock {
            guard enabled else { return }
            let elapsed = ContinuousClock.now - start
            guard always || elapsed > .seconds(1) else { return }
            shown = true
            if Terminal.stderrIsTerminal {
                FileHandle.standardError.write(Data("\r\u{1B}[2K\(label): \(text)".utf8))
            } else if always {
                FileHandle.standardError.write(Data("\(label): \(text)\n".utf8))
            }
        }
    }

    func finish() {
        lock.withLock {
            if shown && Terminal.stderrIsTerminal { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
        }
    }
}

/// Loading scenarios and running them with the errors and exit codes of the CLI.
enum ScenarioRunner {
    static func loader() -> ScenarioLoader {
        ScenarioLoader(scenariosDirectory: ScenarioValidation.defaultScenariosDirectory())
    }

    /// Loads and validates a scenario file; prints every diagnostic and exits 2 when it is invalid.
    static func load(_ path: String) throws -> Scenario {
        let result = loader().load(path: path)
        for w in result.warnings { Terminal.info(w.description) }
        guard let s = result.scenario else {
            for d in result.errors { Terminal.info(d.description) }
            throw ExitCodes.badInput
        }
        return s
    }

    static func dataset() throws -> BaseDataset {
        do { return try BaseDataset.load() } catch {
            Terminal.error("the bundled base data are invalid: \(error)")
            throw ExitCodes.badInput
        }
    }

    /// Runs a scenario with progress on standard error; exits 2 (bad input) or 3 (numerical failure).
    static func simulate(
        _ scenario: Scenario, simulator: Simulator, until: Int? = nil, reference: Bool = false, options: GlobalOptions
    ) throws -> Trajectory {
        let progress = Progress("simulating \(scenario.name)", options: options)
        defer { progress.finish() }
        do {
            let t = try simulator.run(scenario, until: until, mode: reference ? .reference : .fast) { year in
                progress.update("\(year)")
            }
            if options.verbose { for w in t.diagnostics.warnings { Terminal.info("warning: \(w)") } }
            return t
        } catch let e as SimulationError {
            progress.finish()
            Terminal.error("\(scenario.sourceFile): \(e)")
            throw e.isNumerical ? ExitCodes.numericalFailure : ExitCodes.badInput
        }
    }

    /// Seats and boundaries of the dataset's jurisdictions for the maps (`MapSupport.locations`).
    static func seats(_ ds: BaseDataset) -> [Reporting.SeatLocation] { MapSupport.locations(ds) }

    static func hash(_ data: Data) -> String { SHA256.hex(SHA256.digest(Array(data))) }

    static func dataVersion() -> String {
        (try? BaseDataset.dataVersion { SHA256.hex(SHA256.digest($0)) }) ?? "unknown"
    }
}

import Reporting

/// Writes text to standard output without a trailing newline of its own.
func emit(_ text: String) {
    FileHandle.standardOutput.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
}
