import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import SimulationEngine
import Testing
@testable import Reporting

@Suite("HTML report")
struct HTMLReportTests {
    let scenarios = [Synthetic.full(name: "baseline"), Synthetic.full(name: "fast", growth: 0.07, urbanGain: 0.0)]

    var html: String { HTMLReport.render(scenarios, seats: Synthetic.seats, options: .init(generator: "chengyu test")) }

    /// The `<svg …>…</svg>` fragments of a page.
    func svgFragments(_ page: String) -> [String] {
        var out: [String] = []
        var rest = page[...]
        while let start = rest.range(of: "<svg"), let end = rest.range(of: "</svg>", range: start.upperBound..<rest.endIndex) {
            out.append(String(rest[start.lowerBound..<end.upperBound]))
            rest = rest[end.upperBound...]
        }
        return out
    }

    @Test("self-contained: no network references, no scripts, no external fonts")
    func selfContained() {
        let page = html
        #expect(!page.contains("http://"))
        #expect(!page.contains("https://"))
        #expect(!page.lowercased().contains("<script"))
        #expect(!page.contains("@import"))
        #expect(!page.contains("@font-face"))
        #expect(!page.contains("<link"))
        #expect(page.hasPrefix("<!DOCTYPE html>"))
    }

    @Test("responsive and printable: viewport, scrolling tables, scalable charts, print CSS")
    func responsive() {
        let page = html
        #expect(page.contains("name=\"viewport\" content=\"width=device-width, initial-scale=1\""))
        #expect(page.contains(".table-wrap { overflow-x: auto;"))
        #expect(page.contains("@media print"))
        #expect(page.contains("svg { display: block; width: 100%; height: auto; }"))
        for fragment in svgFragments(page) { #expect(fragment.contains("viewBox=\"0 0 ")) }
        // Every table sits in a scrolling wrapper.
        #expect(page.components(separatedBy: "<table").count == page.components(separatedBy: "<div class=\"table-wrap\"><table").count)
    }

    @Test("goal table with met and missed marks, and run identity")
    func goalsAndIdentity() {
        let page = html
        // One row per goal, one value-and-mark cell per scenario.
        #expect(page.range(of: #"<td class="num met">[^<]* ✓</td>"#, options: .regularExpression) != nil)
        #expect(page.range(of: #"<td class="num missed">[^<]* ✗</td>"#, options: .regularExpression) != nil)
        #expect(page.contains("<td class=\"num muted\">—</td>"))
        #expect(page.contains(String(repeating: "0f", count: 32)))
        #expect(page.contains("chengyu test"))
    }

    @Test("one chart per indicator present; every chart parses and its lines and goals sit where the data say")
    func charts() throws {
        let fragments = svgFragments(html)
        let lineCharts = fragments.filter { $0.contains("class=\"chart line-chart\"") }
        // population, urbanisation_rate, rail_km are present; the other defaults (GDP is charted at current
        // prices, which the synthetic trajectory lacks) are skipped.
        #expect(lineCharts.count == 3)
        for fragment in lineCharts {
            let svg = try #require(SVGCollector.parse(fragment))
            checkLineChart(svg, trajectories: scenarios)
        }
        let maps = fragments.filter { $0.contains("class=\"chart seat-scatter\"") }
        #expect(maps.count == 2)  // change over time for the base, difference for the alternative
        for fragment in maps {
            let svg = try #require(SVGCollector.parse(fragment))
            #expect(svg.all("circle", class: "seat").count == 3)
        }
    }

    @Test("tables by group list each group with values for the chosen years")
    func groupTables() {
        let page = html
        #expect(page.contains("Core Chengdu · 成都"))
        #expect(page.contains("Sichuan part · 四川"))
        #expect(page.contains("<th class=\"num\">2025</th>"))
    }

    @Test("text is escaped")
    func escaping() {
        let t = Synthetic.full(name: "a<b>&\"c\"")
        let page = HTMLReport.render([t])
        #expect(!page.contains("a<b>"))
        #expect(page.contains("a&lt;b&gt;&amp;&quot;c&quot;"))
    }
}
