import Foundation
import TestFixtures
import Testing

/// Every module imports only what its `Package.swift` target declares (README "Layout"; issue 14): a module
/// that leans on a transitive dependency breaks when that dependency's own dependencies change.
@Suite("Imports match the declared target dependencies")
struct ImportRuleTests {
    /// Modules of the toolchain and the platform, always available.
    static let system: Set<String> = ["Foundation", "FoundationXML", "FoundationNetworking", "FoundationEssentials",
                                      "Glibc", "Musl", "Darwin", "Dispatch", "Testing", "XCTest"]

    /// target name → (source folder, declared module dependencies), read from Package.swift: the text from
    /// each `.target(`, `.testTarget(` or `.executableTarget(` to the next target declaration.
    static func targets(_ manifest: String) throws -> [String: (folder: String, dependencies: Set<String>)] {
        let start = try Regex(#"\.(target|testTarget|executableTarget|systemLibrary)\("#)
        let starts = manifest.matches(of: start)
        var out: [String: (String, Set<String>)] = [:]
        for (k, m) in starts.enumerated() {
            let kind = String(m.output[1].substring ?? "")
            guard kind != "systemLibrary" else { continue }
            let end = k + 1 < starts.count ? starts[k + 1].range.lowerBound : manifest.endIndex
            let chunk = String(manifest[m.range.upperBound..<end])
            guard let nameMatch = chunk.firstMatch(of: try Regex(#"name:\s*"([^"]+)""#)) else { continue }
            let name = String(nameMatch.output[1].substring ?? "")
            var dependencies = Set<String>()
            if let list = chunk.firstMatch(of: try Regex(#"dependencies:\s*\[(.*?)\]"#).dotMatchesNewlines()) {
                // "X" entries and .product(name: "X", …): the module names; not the package: "…" strings.
                let text = String(list.output[1].substring ?? "").replacing(try Regex(#"package:\s*"[^"]*""#), with: "")
                for d in text.matches(of: try Regex(#""([^"]+)""#)) { dependencies.insert(String(d.output[1].substring ?? "")) }
            }
            let path = chunk.firstMatch(of: try Regex(#"path:\s*"([^"]+)""#)).map { String($0.output[1].substring ?? "") }
            out[name] = (path ?? (kind == "testTarget" ? "Tests/\(name)" : "Sources/\(name)"), dependencies)
        }
        return out
    }

    @Test("every import of every target is a declared dependency or a system module")
    func importsAreDeclared() throws {
        let root = Fixtures.repositoryRoot
        let manifest = try String(contentsOf: root.appendingPathComponent("Package.swift"), encoding: .utf8)
        let targets = try Self.targets(manifest)
        #expect(targets.count >= 18, "parsed \(targets.count) targets of Package.swift")
        let importLine = try Regex(#"(?m)^(?:@testable\s+)?import\s+([A-Za-z_][A-Za-z0-9_]*)"#)
        var problems: [String] = []
        for (name, target) in targets.sorted(by: { $0.key < $1.key }) {
            let folder = root.appendingPathComponent(target.folder)
            guard let files = FileManager.default.enumerator(atPath: folder.path) else { continue }
            while let file = files.nextObject() as? String {
                guard file.hasSuffix(".swift") else { continue }
                let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
                for m in text.matches(of: importLine) {
                    let module = String(m.output[1].substring ?? "")
                    if module != name && !Self.system.contains(module) && !target.dependencies.contains(module) {
                        problems.append("\(target.folder)/\(file) imports \(module), not a dependency of \(name)")
                    }
                }
            }
        }
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }
}
