import Testing
@testable import ScenarioSpec

@Suite("Resolved YAML: long place lists wrap within 120 columns")
struct ResolvedYAMLWrapTests {
    /// 32 ids (the 2019 settlement opening of history.yaml): broken after commas, continuation lines indented under the
    /// first item, every line ≤ 120 characters, and the items in order once the brackets and breaks are removed.
    @Test func longListsWrapAndKeepTheirItems() {
        let ids = (0..<32).map { "cq-district-\($0)" }
        let text = Scenario.flowList("    where: ", ids)
        let lines = text.split(separator: "\n")
        #expect(lines.count > 1 && lines.allSatisfy { $0.count <= 120 })
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix(String(repeating: " ", count: 12)) && !$0.hasPrefix(String(repeating: " ", count: 13)) })
        let items = text.replacingOccurrences(of: "    where: [", with: "").replacingOccurrences(of: "]\n", with: "")
            .split(separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        #expect(items == ids)
        #expect(Scenario.flowList("    where: ", ["a", "b"]) == "    where: [a, b]\n")
    }
}
