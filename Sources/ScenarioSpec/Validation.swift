import Foundation

/// What `chengyu validate` prints and returns, kept here so that it is tested with the loader.
public enum ScenarioValidation {
    /// Validates every file; returns the report lines (diagnostics as `file:line:column: severity: field:
    /// message`, then one summary line per valid file) and the exit status: 0 when all are valid, 2 otherwise.
    public static func validate(paths: [String], loader: ScenarioLoader) -> (lines: [String], exitStatus: Int32) {
        var lines: [String] = []
        var failed = 0
        for path in paths {
            let result = loader.load(path: path)
            lines += result.diagnostics.map(\.description)
            if let s = result.scenario {
                lines.append("\(path): ok: \(s.name) (\(s.levers.count) levers, hash \(s.shortHash))")
            } else {
                failed += 1
            }
        }
        if failed > 0 { lines.append("\(failed) of \(paths.count) file(s) invalid") }
        return (lines, failed == 0 ? 0 : 2)
    }

    /// The scenarios folder to use when none is given: `./Scenarios` if it exists.
    public static func defaultScenariosDirectory() -> String? {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: "Scenarios", isDirectory: &isDirectory) && isDirectory.boolValue
            ? "Scenarios" : nil
    }
}
