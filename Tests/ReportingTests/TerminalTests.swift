import Foundation
import SimulationEngine
import Testing
@testable import Reporting

@Suite("Terminal tables, numbers and comparisons")
struct TerminalTests {
    @Test("thousands separators, rounding and signs")
    func grouping() {
        #expect(NumberFormatting.grouped(1_234_567.891, fractionDigits: 1) == "1,234,567.9")
        #expect(NumberFormatting.grouped(-1234, fractionDigits: 0) == "-1,234")
        #expect(NumberFormatting.grouped(999.5, fractionDigits: 0) == "1,000")
        #expect(NumberFormatting.grouped(100, fractionDigits: 0) == "100")
        #expect(NumberFormatting.grouped(123_456, fractionDigits: 2) == "123,456.00")
        #expect(NumberFormatting.grouped(-0.004, fractionDigits: 2) == "0.00")
        #expect(NumberFormatting.grouped(98_000_000, fractionDigits: 0, separator: " ") == "98 000 000")
        #expect(NumberFormatting.grouped(0.5, fractionDigits: 3) == "0.500")
    }

    @Test("units: fractions as %, differences in pp, persons grouped")
    func units() {
        let fraction = NumberFormatting.UnitDisplay(unit: "fraction")
        #expect(fraction.text(0.6523) == "65.2 %")
        #expect(fraction.text(0.0212) == "2.12 %")
        #expect(fraction.differenceText(0.013) == "+1.30 pp")
        #expect(fraction.differenceText(-0.2) == "-20.0 pp")
        let persons = NumberFormatting.UnitDisplay(unit: "persons")
        #expect(persons.text(98_123_456.4) == "98,123,456 persons")
        #expect(persons.differenceText(-2000) == "-2,000 persons")
        #expect(NumberFormatting.UnitDisplay(unit: "100m yuan").text(73919.21) == "73,919.2 100m yuan")
        #expect(NumberFormatting.percentChange(0.0123) == "+1.2 %")
        #expect(NumberFormatting.percentChange(-0.5) == "-50.0 %")
    }

    @Test("aligned table: text left, numbers right, two spaces between columns")
    func alignment() {
        let table = TextTable(
            columns: [.init("name"), .init("value", .right)],
            rows: [["a", "1"], ["bbb", "1,000"], ["成都", "2"]])
        let expected = """
            name  value
            ────  ─────
            a         1
            bbb   1,000
            成都      2

            """
        #expect(table.render(useColour: false) == expected)
        #expect(TextTable.displayWidth("成都 ✓") == 6)
    }

    @Test("colour only when asked")
    func colour() {
        let report = GoalReport([Synthetic.full(name: "baseline"), Synthetic.full(name: "fast", urbanGain: 0.0)])
        let plain = report.renderTable(useColour: false)
        let coloured = report.renderTable(useColour: true)
        #expect(!plain.contains("\u{1B}["))
        #expect(coloured.contains("\u{1B}[32m✓ met\u{1B}[0m"))
        #expect(coloured.contains("\u{1B}[31m✗ short by 4.70 pp\u{1B}[0m"))
        // Same text once the escape codes are removed.
        let stripped = coloured.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
        #expect(stripped == plain)
    }

    @Test("goal table: one row per goal and scenario, ✓/✗ as the values say, goals of a scenario filtered by year")
    func goalTable() {
        let slow = Synthetic.full(name: "baseline")  // urbanisation 0.613 + 6·0.008 = 0.661 ≥ 0.66: met
        let fast = Synthetic.full(name: "fast", urbanGain: 0.0)  // 0.613 < 0.66: missed
        let report = GoalReport([slow, fast])
        #expect(report.rows.count == 8)
        #expect(report.rows.map(\.scenario).prefix(2) == ["baseline", "fast"])
        let urb = report.rows.filter { $0.goal.goalID == "urbanisation-2025" }
        #expect(urb.map { $0.goal.met } == [true, false])
        #expect(report.missed().map(\.scenario) == ["fast"])
        let text = report.renderTable(useColour: false)
        #expect(text.contains("≥ 66.0") && text.contains("  %  "))
        #expect(text.contains("✗ short by 4.70 pp") && text.contains("✓ met"))
        let wide = report.renderTable(useColour: false, wide: true)
        #expect(wide.contains("+0.10 pp") && wide.contains("-4.70 pp") && wide.contains("margin"))
        #expect(text.contains("✓") && text.contains("✗"))
        #expect(GoalReport([slow], years: [2035]).rows.map(\.goal.goalID) == ["population-2035"])
        let json = try! JSONSerialization.jsonObject(with: Data(report.json().utf8)) as! [String: Any]
        #expect((json["goals"] as! [Any]).count == 8)
    }

    @Test("key-indicator table: circle values for chosen years with units")
    func keyIndicators() {
        let t = Synthetic.full(name: "baseline")
        let report = KeyIndicatorReport(t, years: [2019, 2025, 2035])
        #expect(report.rows.map(\.indicator) == ["gdp", "population", "urbanisation_rate", "rail_km", "fiveg_coverage"])
        let text = report.renderTable(useColour: false)
        #expect(text.contains("73,919.2"))
        #expect(text.contains("98,000,000"))
        #expect(text.contains("61.3"))
        let lines = report.csv().split(separator: "\n")
        #expect(lines.count == 1 + 5 * 3)
        #expect(lines[1] == "baseline,circle,gdp,2019,73919.2,100m yuan")
    }

    @Test("comparison maths on a hand example")
    func comparisonMaths() {
        #expect(ComparisonMath.absoluteDifference(base: 200, alternative: 210) == 10)
        #expect(ComparisonMath.relativeDifference(base: 200, alternative: 210) == 0.05)
        #expect(ComparisonMath.absoluteDifference(base: -4, alternative: -2) == 2)
        #expect(ComparisonMath.relativeDifference(base: -4, alternative: -2) == 0.5)  // up, whatever the sign
        #expect(ComparisonMath.relativeDifference(base: 0, alternative: 1) == nil)
        #expect(ComparisonMath.absoluteDifference(base: nil, alternative: 1) == nil)
    }

    @Test("comparison report: by circle and by group, differences matched by year")
    func comparisonReport() throws {
        let base = Synthetic.full(name: "baseline", growth: 0.05)
        let alt = Synthetic.full(name: "fast", growth: 0.06)
        let circle = ComparisonReport(base: base, alternatives: [alt], years: [2019, 2025], indicators: ["gdp"])
        #expect(circle.rows.count == 2)
        #expect(circle.rows[0].absoluteDifference == 0)
        let r = circle.rows[1]
        let b = 73919.2 * pow(1.05, 6), a = 73919.2 * pow(1.06, 6)
        #expect(abs(r.absoluteDifference! - (a - b)) < 1e-9 * a)
        #expect(abs(r.relativeDifference! - (pow(1.06 / 1.05, 6) - 1)) < 1e-12)
        let groups = ComparisonReport(base: base, alternatives: [alt], years: [2035], indicators: ["gdp", "population"], by: .group)
        #expect(groups.rows.map(\.place) == ["core-chengdu", "core-chengdu", "province-sichuan", "province-sichuan"])
        let jurisdictions = ComparisonReport(base: base, alternatives: [alt], years: [2035], by: .jurisdiction)
        #expect(Set(jurisdictions.rows.map(\.place)) == ["sc-chengdu", "cq-yuzhong", "sc-deyang"])
        // A year the alternative lacks gives no difference rather than a wrong one.
        let short = Trajectory(
            scenario: alt.scenario, years: Array(alt.years.prefix(3)), indicators: alt.indicators, places: alt.places,
            series: alt.series.mapValues { $0.mapValues { Array($0.prefix(3)) } }, goals: [], diagnostics: RunDiagnostics())
        let partial = ComparisonReport(base: base, alternatives: [short], years: [2020, 2030], indicators: ["gdp"])
        #expect(partial.rows[0].absoluteDifference != nil)
        #expect(partial.rows[1].value == nil && partial.rows[1].absoluteDifference == nil)
        let csv = circle.csv().split(separator: "\n")
        #expect(csv[0] == "base,scenario,place,name_zh,name_en,place_kind,indicator,unit,year,base_value,value,absolute_difference,relative_difference")
        #expect(csv[1] == "baseline,fast,circle,成渝地区双城经济圈,Twin-City Economic Circle,circle,gdp,100m yuan,2019,73919.2,73919.2,0.0,0.0")
        let json = try JSONSerialization.jsonObject(with: Data(circle.json().utf8)) as! [String: Any]
        #expect((json["comparisons"] as! [Any]).count == 2)
        let table = circle.renderTable(useColour: false)
        #expect(table.contains("Δ %") && table.contains("+5.9 %"))
    }
}
