import ArgumentParser
import BaseData
import Foundation
import ParameterSweeps
import Reporting
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

/// Exit codes (README "Exit codes"): 0 ok, 1 goals missed with `--fail-on-miss`, 2 bad input, 3 numerical
/// failure, 64 usage (ArgumentParser's `EX_USAGE` for a bad flag or argument), 74 an output that cannot be
/// written (`EX_IOERR`), 75 interrupted (`EX_TEMPFAIL`).
enum ExitCodes {
    static let goalsMissed = ExitCode(1)
    static let badInput = ExitCode(2)
    static let numericalFailure = ExitCode(3)
    static let usage = ExitCode(64)
    static let cannotWrite = ExitCode(74)
    /// A sweep stopped by SIGTERM/SIGUSR1 after flushing finished runs.
    static let interrupted = ExitCode(75)
}

/// How an error that leaves a command becomes a message and an exit code.
enum CLIErrors {
    /// "cannot write PATH: reason" when `error` is a failure to create or write an output, else nil.
    static func writeFailure(_ error: Error) -> String? {
        switch error {
        case let e as ReportingError:
            switch e {
            case let .io(operation, path, code):
                return "cannot write \(path): \(operation) failed: \(String(cString: strerror(code)))"
            case let .cannotCreateDirectory(path, reason):
                return "cannot write \(path): cannot create the folder: \(reason)"
            case .invalidFileName, .invalidDocument:
                return nil
            }
        case let ShardJournalError.io(path, why):
            return "cannot write \(path): \(why)"
        case let e as CocoaError where (CocoaError.Code.fileWriteUnknown.rawValue...CocoaError.Code.fileWriteVolumeReadOnly.rawValue).contains(e.code.rawValue):
            return "cannot write \(e.filePath ?? e.url?.path ?? "the output"): \(e.localizedDescription)"
        default:
            return nil
        }
    }

    /// The exit code of an error that a command did not turn into one itself: 74 for a write failure
    /// (with a message naming the path), the code of an `ExitCode`, otherwise 2 with the error's text.
    /// ArgumentParser's own errors (usage, help, version) are returned as nil: `exit(withError:)` handles them.
    static func handle(_ error: Error) -> ExitCode? {
        if let code = error as? ExitCode { return code }
        if let message = writeFailure(error) {
            Terminal.error(message)
            return ExitCodes.cannotWrite
        }
        if error is ValidationError || error is CleanExit { return nil }
        if String(reflecting: type(of: error)).hasPrefix("ArgumentParser.") { return nil }
        Terminal.error("\(error)")
        return ExitCodes.badInput
    }
}

/// Writes `data` to `path` atomically, or exits 74 naming the path.
func writeOutput(_ data: Data, to path: String) throws {
    do { try AtomicFileWriter.write(data, to: URL(fileURLWithPath: path)) } catch {
        Terminal.error(CLIErrors.writeFailure(error) ?? "cannot write \(path): \(error)")
        throw ExitCodes.cannotWrite
    }
}

/// Help text flowed by ArgumentParser to the terminal's width: lines of a paragraph are joined with a
/// space; indented lines (examples) and blank lines are kept as they are.
enum Help {
    static func flow(_ text: String) -> String {
        var out: [String] = []
        var paragraph: [String] = []
        func flush() {
            if !paragraph.isEmpty { out.append(paragraph.joined(separator: " ")) }
            paragraph = []
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.isEmpty || line.hasPrefix(" ") || line.hasSuffix(":") {
                if line.hasSuffix(":") && !line.hasPrefix(" ") {
                    paragraph.append(line)
                    flush()
                    continue
                }
                flush()
                out.append(line)
            } else {
                paragraph.append(line)
            }
        }
        flush()
        return out.joined(separator: "\n")
    }
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

/// `--scenarios DIR` of the commands that load scenario files.
struct ScenarioSearchOptions: ParsableArguments {
    @Option(name: .customLong("scenarios"), help: "Folder where a bare `extends:` name (such as baseline) is looked up first (default: $CHENGYU_SCENARIOS or ./Scenarios; then the scenarios installed with chengyu).")
    var scenariosDirectory: String?

    var directory: String? { scenariosDirectory ?? ScenarioValidation.defaultScenariosDirectory() }
}

/// Loading scenarios and running them with the errors and exit codes of the CLI.
enum ScenarioRunner {
    static func loader(scenarios: String? = nil) -> ScenarioLoader {
        ScenarioLoader(scenariosDirectory: scenarios ?? ScenarioValidation.defaultScenariosDirectory())
    }

    /// Loads and validates a scenario file; prints every diagnostic and exits 2 when it is invalid. A path of
    /// the wrong kind (a folder, a run folder, a bare scenario name, a JSON file) gets a message that says
    /// what to give instead (`InputPaths.scenarioProblem`).
    static func load(_ path: String, scenarios: String? = nil, options: GlobalOptions? = nil) throws -> Scenario {
        if let problem = InputPaths.scenarioProblem(path, scenarios: scenarios ?? ScenarioValidation.defaultScenariosDirectory()) {
            Terminal.error(problem)
            throw ExitCodes.badInput
        }
        let result = loader(scenarios: scenarios).load(path: path)
        for w in result.warnings { Terminal.info(w.description) }
        guard let s = result.scenario else {
            for d in result.errors { Terminal.info(d.description) }
            throw ExitCodes.badInput
        }
        if options?.verbose == true {
            Terminal.info("loaded \(path): \(s.name), horizon \(s.horizon.lowerBound)–\(s.horizon.upperBound), "
                          + "\(s.levers.count) levers, parents [\(s.parentFiles.joined(separator: ", "))], hash \(s.shortHash)")
        }
        return s
    }

    static func dataset(options: GlobalOptions? = nil) throws -> BaseDataset {
        do {
            let ds = try BaseDataset.load()
            if options?.verbose == true { Terminal.info("base data: \((try? BaseDataset.bundledDataURL().path) ?? "?"), version \(dataVersion())") }
            return ds
        } catch {
            Terminal.error("the bundled base data cannot be used: \(error)")
            throw ExitCodes.badInput
        }
    }

    /// Runs a scenario with progress on standard error; exits 2 (bad input) or 3 (numerical failure). With
    /// `--verbose`, prints the run's numerical diagnostics and stage timings afterwards.
    static func simulate(
        _ scenario: Scenario, simulator: Simulator, until: Int? = nil, reference: Bool = false, options: GlobalOptions
    ) throws -> Trajectory {
        let progress = Progress("simulating \(scenario.name)", options: options)
        defer { progress.finish() }
        do {
            let t = try simulator.run(scenario, until: until, mode: reference ? .reference : .fast) { year in
                progress.update("\(year)")
            }
            progress.finish()
            if options.verbose { verboseDiagnostics(t) }
            return t
        } catch let e as SimulationError {
            progress.finish()
            Terminal.error("\(scenario.sourceFile): \(CLIMessages.withoutEngineFlags(e.description))")
            throw e.isNumerical ? ExitCodes.numericalFailure : ExitCodes.badInput
        }
    }

    /// The `--verbose` lines of a finished run: matrix order, ρ(A) bracket, 1/κ, calibration residual,
    /// solver work, capped cells, stage timings and every warning.
    static func verboseDiagnostics(_ t: Trajectory) {
        let d = t.diagnostics
        func e(_ v: Double) -> String { String(format: "%.3e", v) }
        Terminal.info("\(t.scenario.name): n = \(d.matrixOrder), ρ(A) in [\(e(d.spectralRadiusLowerBound)), \(e(d.spectralRadius))], "
                      + "max column sum \(e(d.largestColumnSum)), 1/κ₁(I − A) \(e(d.reciprocalCondition)), "
                      + "calibration residual \(e(d.calibrationResidual))")
        Terminal.info("\(t.scenario.name): \(d.factorisations) LU factorisations, \(d.iterations) GMRES operator products, "
                      + "\(d.cappedCells) supply-capped cells, years \(t.years.first ?? 0)–\(t.years.last ?? 0)")
        let timings = d.timingsSeconds.sorted { $0.key < $1.key }.map { "\($0.key) \(String(format: "%.3f", $0.value)) s" }
        if !timings.isEmpty { Terminal.info("\(t.scenario.name): timings: \(timings.joined(separator: ", "))") }
        for w in d.warnings { Terminal.info("warning: \(w)") }
    }

    /// A trajectory from a scenario file (loaded and simulated) or from a run folder written by `chengyu
    /// run --out` (read back, not simulated), for `goals` and `compare`.
    static func trajectory(
        _ path: String, scenarios: String?, simulator: () throws -> Simulator, options: GlobalOptions
    ) throws -> Trajectory {
        if InputPaths.isRunFolder(path) {
            do { return try RunFolder.readTrajectory(at: URL(fileURLWithPath: path)) } catch {
                Terminal.error("\(path): \(error)")
                throw ExitCodes.badInput
            }
        }
        let scenario = try load(path, scenarios: scenarios, options: options)
        return try simulate(scenario, simulator: try simulator(), options: options)
    }

    /// Seats and boundaries of the dataset's jurisdictions for the maps (`MapSupport.locations`).
    static func seats(_ ds: BaseDataset) -> [Reporting.SeatLocation] { MapSupport.locations(ds) }

    static func hash(_ data: Data) -> String { SHA256.hex(SHA256.digest(Array(data))) }

    /// The data version (a hash of the bundled data files); "unknown" when they cannot be read, which
    /// `dataset()` has already reported.
    static func dataVersion() -> String {
        do { return try BaseDataset.dataVersion { SHA256.hex(SHA256.digest($0)) } } catch { return "unknown" }
    }
}

/// Writes text to standard output without a trailing newline of its own.
func emit(_ text: String) {
    FileHandle.standardOutput.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
}
