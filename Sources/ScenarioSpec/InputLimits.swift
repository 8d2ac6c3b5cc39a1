import Foundation

/// Limits on YAML input checked before the YAML parser sees it, so that an absurd file ends in a diagnostic
/// rather than in memory use proportional to its size. (Nesting is bounded by libyaml itself: 1000 levels,
/// "Maximum nesting level reached".)
public enum YAMLInputLimits {
    /// Largest scenario or sweep file accepted: 4 MiB (the bundled ones are under 20 KiB).
    public static let maxFileBytes = 4 << 20

    /// A message naming the broken limit, or nil when `text` is within them.
    public static func violation(in text: String) -> (line: Int, message: String)? {
        let bytes = text.utf8.count
        guard bytes > maxFileBytes else { return nil }
        return (1, message(bytes))
    }

    /// The same check on a file's size, made before reading it (a 10 GB file is never loaded).
    public static func violation(atPath path: String) -> (line: Int, message: String)? {
        guard let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > maxFileBytes else { return nil }
        return (1, message(size))
    }

    static func message(_ bytes: Int) -> String {
        "the file is \(bytes) bytes, over the limit of \(maxFileBytes) bytes (4 MiB) for scenario and sweep files"
    }
}

extension ScenarioLoader {
    /// Largest scenario file accepted (see `YAMLInputLimits`).
    public static let maxFileBytes = YAMLInputLimits.maxFileBytes
}
