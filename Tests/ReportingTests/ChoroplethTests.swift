import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Reporting

@Suite("Choropleth")
struct ChoroplethTests {
    func map(_ values: [String: Double], scale: Choropleth.Scale, style: Choropleth.ValueStyle = .percentChange) -> Choropleth {
        Choropleth(title: "t", valueLabel: "v", places: Synthetic.mapSeats, values: values, scale: scale, style: style, labelled: ["sc-chengdu"])
    }

    @Test("diverging: 9 classes of width 2m/9 centred on zero, m = max |v| rounded up; white middle class")
    func diverging() throws {
        let m = map(["sc-chengdu": -0.03, "sc-deyang": 0.01, "cq-yuzhong": 0.2], scale: .diverging)
        let edges = m.classEdges()
        #expect(edges.count == 10)
        for (k, e) in edges.enumerated() { #expect(abs(e - 0.2 * (2 * Double(k) - 9) / 9) < 1e-15) }
        // −0.03 is in [−0.0667, −0.0222] (class 3), 0.01 in the middle [−0.0222, 0.0222] (4), 0.2 at the top (8).
        #expect(Choropleth.classIndex(-0.03, edges: edges) == 3)
        #expect(Choropleth.classIndex(0.01, edges: edges) == 4)
        #expect(Choropleth.classIndex(0.2, edges: edges) == 8)
        let svg = try #require(SVGCollector.parse(m.svg()))
        let paths = svg.all("path", class: "jurisdiction")
        #expect(paths.count == 3)
        let fill = Dictionary(uniqueKeysWithValues: paths.map { ($0["data-place"]!, $0["fill"]!) })
        #expect(fill == ["sc-chengdu": "#d1e5f0", "sc-deyang": "#f7f7f7", "cq-yuzhong": "#b2182b"])
        #expect(svg.all("path", class: "outside-circle").count == 1)
        #expect(svg.all("rect", class: "legend-step").count == 9)
    }

    @Test("nice ceilings: 1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10^k")
    func niceCeiling() {
        #expect(Choropleth.niceCeiling(0.2) == 0.2)
        #expect(abs(Choropleth.niceCeiling(0.27) - 0.3) < 1e-15)
        #expect(abs(Choropleth.niceCeiling(0.031) - 0.04) < 1e-15)
        #expect(Choropleth.niceCeiling(7_100) == 8_000)
        #expect(Choropleth.niceCeiling(0) == 1)
    }

    @Test("sequential: quantile edges v[round(k(n−1)/5)], a value in the first class whose upper edge is ≥ it")
    func sequential() {
        let places = (0..<11).map { k in
            SeatLocation(place: "p\(k)", name: "p\(k)", latitude: 30.5, longitude: 100.5 + Double(k), boundary: [[Synthetic.square(lon: 100 + Double(k), lat: 30)]])
        }
        let values = Dictionary(uniqueKeysWithValues: (0..<11).map { ("p\($0)", Double($0 + 1)) })
        let m = Choropleth(title: "t", valueLabel: "v", places: places, values: values, scale: .sequential, style: .unit("km", signed: false))
        #expect(m.classEdges() == [1, 3, 5, 7, 9, 11])
        #expect(Choropleth.classIndex(1, edges: m.classEdges()) == 0)
        #expect(Choropleth.classIndex(4, edges: m.classEdges()) == 1)
        #expect(Choropleth.classIndex(11, edges: m.classEdges()) == 4)
        #expect(m.svg().components(separatedBy: "class=\"jurisdiction\"").count - 1 == 11)
    }

    @Test("projection: x ∝ lon·cos φ₀, aspect kept, fitted to the width; one path per jurisdiction with a boundary")
    func projection() throws {
        let m = map(["sc-chengdu": 0.1], scale: .diverging)
        let svg = try #require(SVGCollector.parse(m.svg()))
        // Three 1° squares side by side over [104, 107] × [30, 31]: φ₀ = 30.5°, the 536 px between the margins
        // (12 … 548) span 3·cos φ₀ units, so one degree of latitude is 536 / (3 cos φ₀) px.
        let unit = 536 / (3 * cos(30.5 * Double.pi / 180))
        let chengdu = try #require(svg.all("path", class: "jurisdiction").first { $0["data-place"] == "sc-chengdu" })
        let expected = String(format: "M%.1f,%.1fL%.1f,%.1fL%.1f,%.1fL%.1f,%.1fZ", 12.0, 40 + unit, 12 + 536.0 / 3, 40 + unit, 12 + 536.0 / 3, 40.0, 12.0, 40.0)
        #expect(chengdu["d"] == expected)
        #expect(svg.all("path", class: "no-data").count == 2)
        #expect(svg.all("svg").first?["data-paths"] == "3")
        // A place without a boundary gets no path.
        let more = Choropleth(title: "t", valueLabel: "v", places: Synthetic.mapSeats + Synthetic.seats, values: [:], scale: .diverging, style: .percentChange)
        #expect(more.svg().components(separatedBy: "<path class=\"jurisdiction").count - 1 == 3)
    }
}
