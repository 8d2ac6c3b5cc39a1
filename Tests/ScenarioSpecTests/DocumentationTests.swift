import Foundation
import ScenarioSpec
import Testing

/// Scenarios/README.md stays in step with the code: every lever kind has a heading and an example that
/// validates, and the parameter table is the registry's.
@Suite struct DocumentationTests {
    let readme: String = (try? String(contentsOfFile: scenariosDirectory + "/README.md", encoding: .utf8)) ?? ""

    /// The ```yaml blocks that are single levers (`- lever: …`).
    var leverExamples: [String] {
        readme.components(separatedBy: "```yaml\n").dropFirst()
            .compactMap { $0.components(separatedBy: "```").first }
            .filter { $0.hasPrefix("- lever:") }
    }

    @Test func everyLeverKindHasAHeadingAndAnExample() {
        for kind in LeverKind.allCases {
            #expect(readme.contains("#### `\(kind.rawValue)`"), "no heading for \(kind.rawValue)")
            #expect(leverExamples.contains { $0.hasPrefix("- lever: \(kind.rawValue) ") || $0.hasPrefix("- lever: \(kind.rawValue)\n") },
                    "no example for \(kind.rawValue)")
        }
    }

    @Test func everyLeverExampleValidates() {
        #expect(leverExamples.count == LeverKind.allCases.count)
        for example in leverExamples {
            let indented = example.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n")
            let yaml = "schema: chengyu/scenario/v1\nname: example\ntitle: README example\nlevers:\n" + indented
            let result = ScenarioLoader().load(yaml: yaml, path: "README-example.yaml")
            #expect(result.errors.isEmpty, "\(example)\n\(result.errors.map(\.description))")
        }
    }

    @Test func parameterTableIsTheRegistry() {
        #expect(readme.contains(ParameterCatalog.standard.markdownTable()))
    }
}
