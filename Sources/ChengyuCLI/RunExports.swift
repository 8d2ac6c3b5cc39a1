import ArgumentParser
import Foundation
import Reporting
import SimulationEngine

/// `--format` of `chengyu run`: the shared formats and `iamc` (the IAMC long CSV that pyam reads).
enum RunOutputFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case table, csv, json, iamc
}

/// `--detail` of `chengyu run`: extra result files of `--out DIR`.
enum RunDetail: String, ExpressibleByArgument, CaseIterable, Sendable {
    /// `sectors.csv`: output, value added and employment by sector × place × year.
    case sectors
}

/// The optional files of `run --out` (`trajectory.iamc.csv` with `--format iamc`, `sectors.csv` with
/// `--detail sectors`), with the CLI's errors.
enum RunExports {
    static var model: String { "Chengyu \(Chengyu.version)" }

    /// - Throws: exit 74 (cannot write an output) when a requested file cannot be produced, e.g. sector
    ///   detail the engine did not record; nothing has been written then.
    static func extraFiles(_ t: Trajectory, format: RunOutputFormat, detail: [RunDetail]) throws -> [OutputFile] {
        var extras: [RunFolder.Extra] = format == .iamc ? [.iamc] : []
        if detail.contains(.sectors) { extras.append(.sectors) }
        do { return try RunFolder.extraFiles(for: t, extras: extras, model: model) } catch {
            Terminal.error("--detail sectors: \(error)")
            throw ExitCode(74)
        }
    }
}
