import Foundation
import Reporting
import SimulationEngine
import Testing

/// Goal rules (issue 19 item 1) and tables that fit 120 columns (item 2).
@Suite("Goal rules and table width")
struct WidthAndGoalRuleTests {
    /// ≥, ≤ and ≈ "reach about" (达到…左右): met from target − band up, "exceeded" above the band.
    @Test func ruleOfEachComparison() {
        #expect(GoalComparison.atLeast.isMet(value: 9000, target: 9000, band: nil))
        #expect(!GoalComparison.atLeast.isMet(value: 8999, target: 9000, band: nil))
        #expect(GoalComparison.atMost.isMet(value: 60, target: 60, band: nil))
        #expect(!GoalComparison.atMost.isMet(value: 61, target: 60, band: nil))
        // science-city's R&D 2.61 % against ≈ 2.50 ± 0.10: met, exceeded.
        #expect(GoalComparison.about.isMet(value: 0.0261, target: 0.025, band: 0.001))
        #expect(GoalComparison.about.isExceeded(value: 0.0261, target: 0.025, band: 0.001))
        // The baseline's 68.2 % urbanisation against ≈ 66 ± 1: met (exceeded), margin +3.2 pp.
        #expect(GoalComparison.about.isMet(value: 0.682, target: 0.66, band: 0.01))
        #expect(abs(GoalComparison.about.gap(value: 0.682, target: 0.66, band: 0.01) - 0.032) < 1e-12)
        // Inside the band: met, not exceeded; below it: missed by the distance to its lower edge.
        #expect(GoalComparison.about.isMet(value: 0.655, target: 0.66, band: 0.01))
        #expect(!GoalComparison.about.isExceeded(value: 0.655, target: 0.66, band: 0.01))
        #expect(!GoalComparison.about.isMet(value: 0.64, target: 0.66, band: 0.01))
        #expect(abs(GoalComparison.about.gap(value: 0.64, target: 0.66, band: 0.01) + 0.01) < 1e-12)
        #expect(abs(GoalComparison.atMost.gap(value: 83, target: 60, band: nil) + 23) < 1e-12)
    }

    @Test func statusInWords() {
        func goal(_ c: GoalComparison, _ target: Double, _ band: Double?, _ value: Double?, unit: String = "fraction") -> GoalResult {
            GoalResult(goalID: "g", year: 2025, indicatorID: "x", place: "circle", comparison: c, target: target, band: band,
                       unit: unit, value: value, kind: .simulated, source: "S", basis: "official")
        }
        #expect(GoalReport.status(goal(.about, 0.66, 0.01, 0.682)) == "met (exceeded)")
        #expect(GoalReport.status(goal(.about, 0.66, 0.01, 0.665)) == "met")
        #expect(GoalReport.status(goal(.about, 0.95, 0.02, 0.9102)) == "short by 1.98 pp")
        #expect(GoalReport.status(goal(.atMost, 60, nil, 83, unit: "minutes")) == "over by 23")
        #expect(GoalReport.status(goal(.atLeast, 9000, nil, 6734.3, unit: "km")) == "short by 2,266")
        #expect(GoalReport.status(goal(.atLeast, 0.9, nil, nil)) == "no value")
        #expect(goal(.about, 0.66, 0.01, 0.682).exceeded && !goal(.atLeast, 0.5, nil, 0.9).exceeded)
        // The legend states the rule of each kind.
        let legend = GoalReport.legend.joined(separator: " ")
        for needle in ["≥ met when", "≤ met when", "≈ (达到…左右, \"reach about\")", "met (exceeded)", "margin"] {
            #expect(legend.contains(needle), "\(needle)")
        }
    }

    @Test func wrapKeepsWordsAndWidth() {
        #expect(TextTable.wrap("short", width: 10) == ["short"])
        #expect(TextTable.wrap("g2035-urbanisation-chongqing", width: 20) == ["g2035-urbanisation-", "chongqing"])
        #expect(TextTable.wrap("a long note about the data", width: 10) == ["a long", "note about", "the data"])
        #expect(TextTable.wrap("abcdefghijkl", width: 5) == ["abcde", "fghij", "kl"])
        #expect(TextTable.wrap("成都市成都市", width: 4) == ["成都", "市成", "都市"])
        for line in TextTable.wrap("渝中区 Yuzhong District, 大渡口区 Dadukou District", width: 12) {
            #expect(TextTable.displayWidth(line) <= 12, "\(line)")
        }
    }

    /// A column that does not wrap keeps its width while the others give way; a goal of several scenarios
    /// prints its own cells once.
    @Test func unwrappedColumnsAndGroupedGoals() {
        var table = TextTable(columns: [.init("text"), .init("status", wraps: false)])
        table.rows = [[.init(String(repeating: "word ", count: 40)), .init("✗ short by 1.98 pp")]]
        let lines = table.render(useColour: false, maxWidth: 60).split(separator: "\n")
        #expect(lines.allSatisfy { TextTable.displayWidth(String($0)) <= 60 })
        #expect(lines[2].hasSuffix("✗ short by 1.98 pp"))
        let report = GoalReport([Synthetic.full(name: "baseline"), Synthetic.full(name: "fast", urbanGain: 0.0)])
        let text = report.renderTable(useColour: false)
        #expect(text.components(separatedBy: "urbanisation-2025").count == 2)  // once, though two scenarios
    }

    /// A table whose natural width is 200 columns renders within 120 with `maxWidth`, keeping every cell's text.
    @Test func renderFitsMaxWidth() {
        var table = TextTable(columns: [.init("id"), .init("description"), .init("value", .right), .init("source")])
        for k in 0..<5 {
            table.rows.append([.init("sc-item-\(k)"), .init(String(repeating: "word ", count: 20)), .init("1,234.5"),
                               .init("规划纲要 ch.2 §4: 常住人口城镇化率达到66%左右 (band ±1 pp: modelling choice for 左右)")])
        }
        let natural = table.render(useColour: false)
        #expect(natural.split(separator: "\n").map { TextTable.displayWidth(String($0)) }.max()! > 120)
        let fitted = table.render(useColour: false, maxWidth: 120)
        let widths = fitted.split(separator: "\n").map { TextTable.displayWidth(String($0)) }
        #expect(widths.max()! <= 120)
        #expect(fitted.contains("sc-item-4") && fitted.contains("1,234.5"))
        let words = fitted.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "─" }).filter { $0 == "word" }.count
        #expect(words == 100)
        #expect(table.render(useColour: true, maxWidth: 120)
            .replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression) == fitted)
    }
}
