import Foundation
import MatrixCore

/// Textbook tables and helpers shared by the test targets.
public enum Fixtures {
    /// The repository root: the folder holding Package.swift above this file (tests read `Scenarios/`
    /// and write snapshots there).
    public static let repositoryRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }()

    /// Folder of the bundled fixture resources.
    public static var resourceDirectory: URL {
        if let url = Bundle.module.url(forResource: "Resources", withExtension: nil) { return url }
        return Bundle.module.bundleURL.appendingPathComponent("Resources")
    }

    /// Miller & Blair (2009), *Input–Output Analysis*, 2nd ed., §2.2: the two-sector example.
    public enum MillerBlair {
        /// Interindustry flows `Z`.
        public static let z: [[Double]] = [[150, 500], [200, 100]]
        /// Gross output `x`.
        public static let x: [Double] = [1000, 2000]
        /// Final demand `f = x − Z·1`.
        public static let f: [Double] = [350, 1700]
    }
}
