import Foundation
import Testing

@Suite("chengyu explain")
struct ExplainCLITests {
    /// The CSV's contributions sum to each cell's total difference; --out writes both files; a base with a
    /// lever the scenario lacks is bad input (2); a write into a file path exits 74.
    @Test func csvSumsAndErrors() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("explain-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try CLI.run(["explain", CLI.scenario("green-transition"), "--by", "lever", "--format", "csv", "--out", dir.path, "-q"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(lines.first == ["scenario", "base", "indicator", "unit", "place", "year", "group", "contribution", "total_difference", "base_value", "scenario_value"])
        var sums: [String: (Double, Double, Double)] = [:]
        for f in lines.dropFirst() where f.count == 11 {
            let key = f[2] + "|" + f[4] + "|" + f[5]
            let (s, _, _) = sums[key] ?? (0, 0, 0)
            sums[key] = (s + Double(f[7])!, Double(f[8])!, Double(f[10])!)
        }
        #expect(sums.count > 10_000)
        let groups = Set(lines.dropFirst().compactMap { $0.count == 11 ? $0[6] : nil })
        #expect(groups == ["all-sectors", "heavy-emitters", "clean-energy", "input-saving", "water-sections", "ecological-flow"])
        for (key, (s, total, value)) in sums { #expect(abs(s - total) <= 1e-9 * max(1, abs(value)), "\(key)") }
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("attribution.json").path))
        let table = try CLI.run(["explain", CLI.scenario("green-transition"), "--year", "2025", "-q"])
        #expect(table.status == 0 && table.stdout.contains("emission_index"))
        #expect(table.stdout.split(separator: "\n").allSatisfy { $0.count <= 120 })
        let bad = try CLI.run(["explain", CLI.scenario("baseline"), "--against", CLI.scenario("green-transition"), "-q"])
        #expect(bad.status == 2 && bad.stderr.contains("not in"))
        let nowhere = try CLI.run(["explain", CLI.scenario("green-transition"), "--place", "atlantis", "-q"])
        #expect(nowhere.status == 2 && nowhere.stderr.contains("atlantis"))
        let tooMany = try CLI.run(["explain", CLI.scenario("plan-2025"), "--by", "chapter", "-q"])
        #expect(tooMany.status == 2 && tooMany.stderr.contains("2^10 runs"))
        let blocked = try CLI.run(["explain", CLI.scenario("green-transition"), "--out", CLI.scenario("baseline"), "-q"])
        #expect(blocked.status == 74)
    }
}
