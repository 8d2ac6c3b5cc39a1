import Foundation

/// What `chengyu validate` prints and returns, kept here so that it is tested with the loader.
public enum ScenarioValidation {
    /// Validates every file; returns the report lines (diagnostics as `file:line:column: severity: field:
    /// message`, then one summary line per valid file) and the exit status: 0 when all are valid, 2 otherwise.
    /// The summary line counts the file's own levers and those it inherits from its parents separately.
    /// With `quiet`, only the diagnostics and the final count of invalid files are returned.
    public static func validate(paths: [String], loader: ScenarioLoader, quiet: Bool = false) -> (lines: [String], exitStatus: Int32) {
        var lines: [String] = []
        var failed = 0
        for path in paths {
            let result = loader.load(path: path)
            lines += result.diagnostics.map(\.description)
            if let s = result.scenario {
                let own = s.levers.filter { $0.location.file == path }.count
                let inherited = s.levers.count - own
                let levers = "\(own) lever\(own == 1 ? "" : "s")" + (inherited > 0 ? " + \(inherited) inherited" : "")
                if !quiet { lines.append("\(path): ok: \(s.name) (\(levers), hash \(s.shortHash))") }
            } else {
                failed += 1
            }
        }
        if failed > 0 { lines.append("\(failed) of \(paths.count) file(s) invalid") }
        return (lines, failed == 0 ? 0 : 2)
    }

    /// The scenarios folder to use when none is given, the first that exists of: `$CHENGYU_SCENARIOS`;
    /// `./Scenarios`; `share/chengyu/Scenarios` beside the executable's `bin/` (the `make install` layout);
    /// a `Scenarios/` folder holding `baseline.yaml` in a folder above the executable (a build inside the
    /// repository, `.build/debug/chengyu`). So a scenario in any folder finds `extends: baseline`.
    public static func defaultScenariosDirectory() -> String? {
        scenariosDirectoryCandidates().first(where: isDirectory)
    }

    static func scenariosDirectoryCandidates() -> [String] {
        var out: [String] = []
        if let env = ProcessInfo.processInfo.environment["CHENGYU_SCENARIOS"], !env.isEmpty { out.append(env) }
        out.append("Scenarios")
        return out + bundledScenariosDirectories()
    }

    /// The scenarios installed or built with chengyu, those that exist: `share/chengyu/Scenarios` beside the
    /// executable's folder (`make install`), and a `Scenarios/` folder holding `baseline.yaml` up to five
    /// folders above the executable (a build inside the repository).
    public static func bundledScenariosDirectories() -> [String] {
        var out: [String] = []
        var dir = Bundle.main.bundleURL
        let installed = dir.deletingLastPathComponent().appendingPathComponent("share/chengyu/Scenarios").path
        if isDirectory(installed) { out.append(installed) }
        for _ in 0..<5 {
            dir = dir.deletingLastPathComponent()
            let candidate = dir.appendingPathComponent("Scenarios")
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("baseline.yaml").path) {
                out.append(candidate.path)
                break
            }
        }
        return out
    }

    static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// Whether `path` is an existing file, not a folder: what a scenario reference (`extends`, a sweep's `base`)
    /// may resolve to (`extends: .` names the file's own folder).
    package static func isFile(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }
}
