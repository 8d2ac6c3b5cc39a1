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
        let wrapped = try! NSRegularExpression(pattern: #"<div class="table-wrap[^"]*"><table"#)
        #expect(page.components(separatedBy: "<table").count - 1 == wrapped.numberOfMatches(in: page, range: NSRange(page.startIndex..., in: page)))
    }

    @Test("goal table with met and missed marks, and run identity")
    func goalsAndIdentity() {
        let page = html
        // One row per goal, one value-and-mark cell per scenario.
        #expect(page.range(of: #"<td class="num met" data-label="baseline">[^<]* ✓</td>"#, options: .regularExpression) != nil)
        #expect(page.range(of: #"<td class="num missed" data-label="[a-z]+">[^<]* ✗</td>"#, options: .regularExpression) != nil)
        #expect(page.contains("<td class=\"num muted\" data-label=\"baseline\">—</td>"))
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

    @Test("with boundaries: choropleths with one path per jurisdiction, one section per comparison")
    func mapsAndComparisons() throws {
        let page = HTMLReport.render(scenarios, seats: Synthetic.mapSeats)
        let maps = svgFragments(page).filter { $0.contains("class=\"chart choropleth\"") }
        // The base's growth (sequential; the synthetic data have no gdp_per_capita) and fast − baseline (diverging).
        #expect(maps.count == 2)
        #expect(maps.filter { $0.contains("data-scale=\"diverging\"") }.count == 1)
        for m in maps {
            let svg = try #require(SVGCollector.parse(m))
            #expect(svg.all("path", class: "jurisdiction").count == Synthetic.mapSeats.count)
            #expect(svg.all("text", class: "core-label").count == 2)  // 成都 and 渝中, the default cores
        }
        #expect(page.components(separatedBy: "<section class=\"comparison\"").count - 1 == scenarios.count - 1)
        #expect(page.contains("<h2>fast against baseline</h2>"))
        #expect(!page.contains("class=\"chart seat-scatter\""))
    }

    @Test("per-jurisdiction table and its CSV: growth a year and the difference to the base, in %")
    func jurisdictionTable() throws {
        let page = HTMLReport.render(scenarios, seats: Synthetic.mapSeats)
        let start = try #require(page.range(of: "href=\"data:text/csv;charset=utf-8,"))
        let end = try #require(page.range(of: "\"", range: start.upperBound..<page.endIndex))
        let raw = String(page[start.upperBound..<end.lowerBound])
        #expect(raw.hasPrefix("%EF%BB%BF"))  // the UTF-8 byte-order mark, so that spreadsheet programs read UTF-8
        let csv = try #require(String(raw.dropFirst(9)).removingPercentEncoding)
        let lines = csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(csv.hasPrefix("place,name_zh,name_en,"))
        let header = lines[0]
        #expect(lines.count == 1 + 3)
        let row = try #require(lines.first { $0.first == "sc-chengdu" })
        let growthColumn = try #require(header.firstIndex(of: "gdp growth a year 2019–2035 (%)"))
        let versusColumn = try #require(header.firstIndex(of: "gdp 2035: fast vs baseline (%)"))
        let growth = try #require(Double(row[growthColumn]))
        let versus = try #require(Double(row[versusColumn]))
        // Independent: GDP grows 5 % a year in the base, 7 % in "fast", the same shares in both.
        #expect(abs(growth - 5) < 1e-9)
        #expect(abs(versus - (pow(1.07 / 1.05, 16) - 1) * 100) < 1e-9)
        #expect(page.contains("<table class=\"jurisdictions\">"))
        #expect(page.components(separatedBy: "<td class=\"sticky\">").count - 1 == 3)
    }

    @Test("inputs not given are named in one line, not drawn; estimated inputs are collapsed")
    func notGivenAndEstimates() {
        let t = Synthetic.full(name: "baseline")
        let air = IndicatorDefinition(id: "air_good_days_share", unit: "fraction", kind: .input, aggregation: .meanOverCities, description: "")
        var series = t.series
        series["air_good_days_share"] = ["circle": Array(repeating: nil, count: t.years.count)]
        let blank = Trajectory(
            scenario: t.scenario, years: t.years, indicators: t.indicators + [air], places: t.places, series: series,
            goals: t.goals, diagnostics: t.diagnostics)
        let page = HTMLReport.render([blank])
        #expect(page.contains("Not drawn, no values in this run (inputs the scenario does not give): Days with good air quality."))
        #expect(!page.contains("id=\"chart-air_good_days_share\""))
        let tiny = HTMLReport.render([Synthetic.tiny()])
        #expect(tiny.range(of: #"<details class="estimated">\n<summary>Estimated inputs: 1 [^<]*</summary>\n<p><code>sc-chengdu:rd</code></p>\n</details>"#, options: .regularExpression) != nil)
    }

    @Test("text is escaped")
    func escaping() {
        let t = Synthetic.full(name: "a<b>&\"c\"")
        let page = HTMLReport.render([t])
        #expect(!page.contains("a<b>"))
        #expect(page.contains("a&lt;b&gt;&amp;&quot;c&quot;"))
    }
}
