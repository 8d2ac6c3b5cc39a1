import Foundation
import Reporting
import ScenarioSpec

/// Checks of the paths given on the command line, so that a path of the wrong kind gets a message that
/// says what to give instead (a folder, a run folder, a bare scenario name, a scenario file given to
/// `report`), not a parser's complaint about its bytes.
enum InputPaths {
    static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// A folder written by `chengyu run --out` (it holds `summary.json`).
    static func isRunFolder(_ path: String) -> Bool {
        isDirectory(path) && exists((path as NSString).appendingPathComponent(RunFolder.summaryFileName))
    }

    static func yamlFiles(in directory: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
    }

    static func isYAML(_ path: String) -> Bool { path.hasSuffix(".yaml") || path.hasSuffix(".yml") }

    /// What is wrong with `path` as a scenario file, or nil when it is an existing file that may be one.
    /// - Parameter scenarios: the folder of bundled scenarios, for a bare name such as `baseline`.
    static func scenarioProblem(_ path: String, scenarios: String?) -> String? {
        if isRunFolder(path) {
            return "\(path) is a run folder (written by `chengyu run --out`), not a scenario file: give a scenario "
                + "(YAML) file, such as \((path as NSString).appendingPathComponent("scenario.resolved.yaml"))"
        }
        if isDirectory(path) {
            let files = yamlFiles(in: path)
            guard let first = files.first else { return "\(path) is a folder, not a scenario file, and holds no .yaml files" }
            let list = files.prefix(6).joined(separator: ", ") + (files.count > 6 ? ", …" : "")
            return "\(path) is a folder, not a scenario file: give one of its scenarios, such as "
                + "\((path as NSString).appendingPathComponent(first)) (\(files.count) files: \(list))"
        }
        if !exists(path) { return missingScenario(path, scenarios: scenarios) }
        if path.hasSuffix(".json") || path.hasSuffix(".csv") || path.hasSuffix(".html") {
            return "\(path) is not a scenario file (a scenario is a YAML file, such as Scenarios/baseline.yaml)"
        }
        return nil
    }

    /// The message for a scenario path that does not exist: a bare name of a bundled scenario is answered
    /// with its path; a near miss with "did you mean".
    static func missingScenario(_ path: String, scenarios: String?) -> String {
        let isBareName = !path.contains("/") && !isYAML(path)
        if isBareName, let dir = scenarios {
            let candidate = (dir as NSString).appendingPathComponent(path + ".yaml")
            if exists(candidate) { return "no file '\(path)': a scenario is given by its file; did you mean \(candidate)?" }
            let names = yamlFiles(in: dir).map { String($0.prefix { $0 != "." }) }
            if let near = Suggest.closest(to: path, in: names) {
                return "no file '\(path)' (did you mean \((dir as NSString).appendingPathComponent(near + ".yaml"))?)"
            }
        }
        let directory = (path as NSString).deletingLastPathComponent
        let siblings = yamlFiles(in: directory.isEmpty ? "." : directory)
        if let near = Suggest.closest(to: (path as NSString).lastPathComponent, in: siblings) {
            return "no such file: \(path) (did you mean \(directory.isEmpty ? near : (directory as NSString).appendingPathComponent(near))?)"
        }
        return "no such file: \(path)"
    }

    /// What is wrong with `path` as a run folder for `chengyu report`, or nil.
    static func runFolderProblem(_ path: String) -> String? {
        if isRunFolder(path) { return nil }
        if isYAML(path) && exists(path) {
            let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
            return "\(path) is a scenario file; `report` takes run folders: first `chengyu run \(path) --out out/\(name)`, "
                + "then `chengyu report out/\(name) -o report.html`"
        }
        if isDirectory(path) {
            return "\(path) is not a run folder (it has no \(RunFolder.summaryFileName)): write one with `chengyu run SCENARIO --out \(path)`"
        }
        if exists(path) && (path as NSString).lastPathComponent == RunFolder.summaryFileName { return nil }
        if exists(path) { return "\(path) is a file, not a run folder written by `chengyu run SCENARIO --out DIR`" }
        return "no such run folder: \(path)"
    }
}

/// Messages of the engine rewritten for the command line: the engine does not know the CLI's flags.
enum CLIMessages {
    /// `message` with engine wording that names a flag (`--until`) replaced by the option's meaning.
    static func withoutEngineFlags(_ message: String) -> String {
        message.replacingOccurrences(of: "--until ", with: "the last year ")
    }
}
