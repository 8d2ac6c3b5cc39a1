import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import SimulationEngine
import Testing
@testable import Reporting

/// Collects elements (name and attributes) of an SVG document with Foundation's XMLParser.
final class SVGCollector: NSObject, XMLParserDelegate {
    var elements: [(name: String, attributes: [String: String])] = []
    var error: Error?
    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        elements.append((elementName, attributes))
    }
    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) { error = parseError }

    static func parse(_ svg: String) -> SVGCollector? {
        let collector = SVGCollector()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = collector
        guard parser.parse(), collector.error == nil else { return nil }
        return collector
    }

    func all(_ name: String, class cls: String? = nil) -> [[String: String]] {
        elements.filter { $0.name == name && (cls == nil || ($0.attributes["class"]?.split(separator: " ").contains { String($0) == cls } ?? false)) }
            .map(\.attributes)
    }
}

/// Checks one parsed line chart against the trajectories it was drawn from, mapping pixels back through
/// the scale that the root element states.
func checkLineChart(_ svg: SVGCollector, trajectories: [Trajectory], place: String = "circle") {
    guard let root = svg.all("svg").first, let indicator = root["data-indicator"] else {
        Issue.record("no root svg")
        return
    }
    let yDomain = root["data-y-domain"]!.split(separator: " ").map { Double($0)! }
    let xDomain = root["data-x-domain"]!.split(separator: " ").map { Double($0)! }
    let plot = root["data-plot"]!.split(separator: " ").map { Double($0)! }
    let (left, top, right, bottom) = (plot[0], plot[1], plot[2], plot[3])
    func valueAt(y: Double) -> Double { yDomain[0] + (bottom - y) / (bottom - top) * (yDomain[1] - yDomain[0]) }
    func yearAt(x: Double) -> Double { xDomain[0] + (x - left) / (right - left) * (xDomain[1] - xDomain[0]) }
    // Pixels carry two decimals: half a hundredth of a pixel in value terms, plus round-off.
    let tolerance = 0.005 / (bottom - top) * (yDomain[1] - yDomain[0]) * 1.0001 + 1e-9
    let drawn = trajectories.filter { $0.series[indicator]?[place] != nil }
    let polylines = svg.all("polyline", class: "series")
    #expect(polylines.count == drawn.count, "\(indicator): one polyline per scenario")
    for t in drawn {
        guard let line = polylines.first(where: { $0["data-scenario"] == t.scenario.name }) else {
            Issue.record("\(indicator): no polyline for \(t.scenario.name)")
            continue
        }
        let points = line["points"]!.split(separator: " ").map { $0.split(separator: ",").map { Double($0)! } }
        #expect(points.count == t.years.count, "\(indicator)/\(t.scenario.name): one point per year")
        for (k, p) in points.enumerated() where k < t.years.count {
            #expect(abs(yearAt(x: p[0]) - Double(t.years[k])) < 0.01)
            let expected = t.series[indicator]![place]![k]!
            #expect(abs(valueAt(y: p[1]) - expected) <= tolerance, "\(indicator) \(t.years[k])")
        }
    }
    let goals = trajectories.flatMap(\.goals).filter { $0.indicatorID == indicator && $0.place == place }
    for marker in svg.all("circle", class: "goal-marker") {
        let goal = goals.first { $0.goalID == marker["data-goal"] }
        #expect(goal != nil)
        guard let goal else { continue }
        #expect(Double(marker["data-value"]!) == goal.target)
        #expect(abs(valueAt(y: Double(marker["cy"]!)!) - goal.target) <= tolerance, "goal \(goal.goalID) sits at its value")
        #expect(abs(yearAt(x: Double(marker["cx"]!)!) - Double(goal.year)) < 0.01)
    }
    for band in svg.all("rect", class: "goal-band") {
        let goal = goals.first { $0.goalID == band["data-goal"] }!
        let y = Double(band["y"]!)!, h = Double(band["height"]!)!
        #expect(abs(valueAt(y: y) - (goal.target + goal.band!)) <= tolerance)
        #expect(abs(valueAt(y: y + h) - (goal.target - goal.band!)) <= 2 * tolerance)
    }
    let expectedMarkers = goals.filter { $0.comparison != .about }.map(\.goalID)
    let expectedBands = goals.filter { $0.comparison == .about }.map(\.goalID)
    #expect(Set(svg.all("circle", class: "goal-marker").compactMap { $0["data-goal"] }) == Set(expectedMarkers))
    #expect(Set(svg.all("rect", class: "goal-band").compactMap { $0["data-goal"] }) == Set(expectedBands))
}

@Suite("SVG charts")
struct ChartTests {
    let scenarios = [
        Synthetic.full(name: "baseline"), Synthetic.full(name: "fast", growth: 0.07, urbanGain: 0.012),
        Synthetic.full(name: "slow", growth: 0.03, urbanGain: 0.004),
    ]

    @Test("nice ticks: 1-2-5 steps covering the range")
    func niceTicks() {
        let a = NiceTicks.ticks(lower: 0.613, upper: 0.741, count: 6)
        #expect(a.step == 0.02)
        #expect(a.values.first! <= 0.613 && a.values.last! >= 0.741)
        #expect(a.values == [0.6, 0.62, 0.64, 0.66, 0.68, 0.7, 0.72, 0.74, 0.76])
        let b = NiceTicks.ticks(lower: 73919, upper: 169_000, count: 6)
        #expect(b.step == 20000 && b.values.first == 60000 && b.values.last == 180_000)
        let flat = NiceTicks.ticks(lower: 5, upper: 5)
        #expect(flat.values.first! < 5 && flat.values.last! > 5)
        let scale = LinearScale(domain: (0, 10), range: (300, 100))
        #expect(scale(2.5) == 250 && scale.invert(250) == 2.5)
    }

    @Test("each line chart: one point per year per scenario, goal markers and bands at the goal's value",
          arguments: ["gdp", "population", "urbanisation_rate", "rail_km"])
    func lineChart(indicator: String) throws {
        let chart = try #require(LineChart.forIndicator(indicator, trajectories: scenarios))
        for standalone in [false, true] {
            let svg = try #require(SVGCollector.parse(chart.svg(standalone: standalone)), "SVG parses as XML")
            checkLineChart(svg, trajectories: scenarios)
            #expect(svg.all("text", class: "legend-label").count >= scenarios.count)
            #expect(svg.all("text", class: "axis-title").count == 2)
            #expect(svg.all("text", class: "tick-label").count >= 6)
        }
    }

    @Test("charts of indicators no trajectory has are skipped")
    func missingIndicator() {
        #expect(LineChart.forIndicator("rd_intensity", trajectories: scenarios) == nil)
    }

    @Test("a chart with a band goal draws a band, not a marker")
    func bandGoal() throws {
        let svg = try #require(SVGCollector.parse(LineChart.forIndicator("population", trajectories: scenarios)!.svg()))
        #expect(svg.all("rect", class: "goal-band").count == 1)
        #expect(svg.all("circle", class: "goal-marker").isEmpty)
    }

    @Test("seat scatter: one circle per seat, colour by the sign of the change, legend")
    func seatScatter() throws {
        let scatter = SeatScatter(
            title: "GDP change", valueLabel: "relative change", seats: Synthetic.seats,
            values: ["sc-chengdu": 0.5, "cq-yuzhong": -0.25], labelled: ["sc-chengdu"])
        let svg = try #require(SVGCollector.parse(scatter.svg()))
        let seats = svg.all("circle", class: "seat")
        #expect(seats.count == 3)
        let chengdu = try #require(seats.first { $0["data-place"] == "sc-chengdu" })
        let yuzhong = try #require(seats.first { $0["data-place"] == "cq-yuzhong" })
        #expect(chengdu["fill"] == "#b2182b")  // the largest |change|: the red end
        #expect(yuzhong["fill"] == SeatScatter.divergingColour(-0.5))
        #expect(seats.first { $0["data-place"] == "sc-deyang" }?["class"] == "seat no-data")
        // Chengdu lies west of Yuzhong and north of it.
        #expect(Double(chengdu["cx"]!)! < Double(yuzhong["cx"]!)!)
        #expect(Double(chengdu["cy"]!)! < Double(yuzhong["cy"]!)!)
        #expect(svg.all("rect", class: "legend-step").count == 9)
        #expect(SeatScatter.divergingColour(0) == "#f7f7f7")
        #expect(SeatScatter.divergingColour(-1) == "#2166ac")
    }
}
