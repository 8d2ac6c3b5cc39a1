import Foundation
import MatrixCore
import Testing
@testable import RegionalModels

@Suite("Transport network: distances, shortest paths, rail km, f_op fit")
struct TransportNetworkTests {
    @Test func greatCircleAgainstClosedForms() {
        let R = meanEarthRadiusKilometres
        // One degree of longitude on the equator is 2πR/360.
        let d1 = greatCircleKilometres(.init(latitudeDegrees: 0, longitudeDegrees: 0), .init(latitudeDegrees: 0, longitudeDegrees: 1))
        #expect(abs(d1 - 2 * Double.pi * R / 360) < 1e-9)
        // Equator to pole is a quarter circumference.
        let d2 = greatCircleKilometres(.init(latitudeDegrees: 0, longitudeDegrees: 30), .init(latitudeDegrees: 90, longitudeDegrees: 0))
        #expect(abs(d2 - Double.pi * R / 2) < 1e-9)
        #expect(greatCircleKilometres(.init(latitudeDegrees: 30, longitudeDegrees: 104), .init(latitudeDegrees: 30, longitudeDegrees: 104)) == 0)
    }

    /// Three seats on the equator, 1° apart (111.19 km): A — B — C; a 300 km/h rail link A–C.
    func line(railOpen: Int? = 2015, kind: RailKind = .highSpeed, km: Double? = 222.39) throws -> TransportNetwork {
        let pts = [0.0, 1, 2].map { GeoPoint(latitudeDegrees: 0, longitudeDegrees: $0) }
        var p = TransportParameters()
        p.railOperatingFactor = 1
        return try TransportNetwork(
            nodeIDs: ["a", "b", "c"], positions: pts, areasSquareKilometres: [Double.pi * 900, 0, 0],
            segments: [
                RailSegment(lineID: "L", from: "a", to: "c", lengthKilometres: km, designSpeedKmh: 300, kind: kind, openYear: railOpen),
                RailSegment(lineID: "X", from: "c", to: "edge", lengthKilometres: nil, designSpeedKmh: nil, kind: .conventional, openYear: 2000),
            ],
            parameters: p)
    }

    @Test func shortestPathsUseRailWhenOpenAndRoadOtherwise() throws {
        let net = try line()
        let deg = 2 * Double.pi * meanEarthRadiusKilometres / 360
        let road = { (k: Double) in k * deg * 1.3 / 70 }
        let before = net.travelTimes(year: 2014, kind: .passenger)
        #expect(abs(before[0, 2] - (road(2) + 0.25)) < 1e-12)
        #expect(abs(before[0, 1] - (road(1) + 0.25)) < 1e-12)
        let after = net.travelTimes(year: 2019, kind: .passenger)
        let rail = 222.39 / 300 + 2.0 / 60
        #expect(abs(after[0, 2] - (rail + 0.25)) < 1e-12)
        #expect(abs(after[2, 0] - after[0, 2]) < 1e-15)
        // B is reached by road (rail to C then road back is longer).
        #expect(abs(after[0, 1] - (road(1) + 0.25)) < 1e-12)
        // Internal time: (2/3)·√(area/π)/v = (2/3)·30/30 h.
        #expect(abs(after[0, 0] - 2.0 / 3.0) < 1e-12)
        // Freight cannot use high-speed rail.
        let freight = net.travelTimes(year: 2019, kind: .freight)
        #expect(abs(freight[0, 2] - (road(2) + 0.25)) < 1e-12)
    }

    @Test func fastestRailTimeAndFit() throws {
        let net = try line()
        let m = try #require(net.fastestRailMinutes(from: "a", to: "c", year: 2019))
        #expect(abs(m - 222.39 / 300 * 60) < 1e-9)  // no intermediate stop on a one-segment path
        #expect(net.fastestRailMinutes(from: "a", to: "c", year: 2010) == nil)
        // Fit f_op so the time is 60 min: f = 222.39 / 300 / 1 h.
        let f = try net.fitOperatingFactor(from: "a", to: "c", year: 2019, targetMinutes: 60)
        #expect(abs(f - 222.39 / 300) < 1e-9)
        #expect(throws: TransportError.self) { try net.fitOperatingFactor(from: "a", to: "c", year: 2019, targetMinutes: 1) }
    }

    @Test func railKilometresCountKnownLengthsOnlyAndReportMissing() throws {
        let net = try line()
        let r = net.railKilometres(year: 2019)
        #expect(r.kilometres == 222.39)
        #expect(r.segmentsWithoutLength == 1)  // the border segment has no length
        let missing = try line(km: nil)
        #expect(missing.railKilometres(year: 2019).kilometres == 0)
        #expect(missing.railKilometres(year: 2019).segmentsWithoutLength == 2)
        // A missing length is estimated for travel times from the great circle × detour 1.1.
        let deg = 2 * Double.pi * meanEarthRadiusKilometres / 360
        #expect(abs(missing.lengthKilometres(of: missing.segments[0]) - 2 * deg * 1.1) < 1e-9)
    }

    @Test func gatewaysAndProjects() throws {
        let net = try line()
        let gw = net.gatewayHours(year: 2019, kind: .passenger)
        // C has the border segment: access + border leg.
        #expect(abs(gw[2] - 0.75) < 1e-12)
        // A: to C by rail (incl. access/egress) + border leg, or the road default 2·0.5 + 0.25, whichever is less.
        let viaC = 222.39 / 300 + 2.0 / 60 + 0.25 + 0.5
        #expect(abs(gw[0] - min(viaC, 1.25)) < 1e-12)
        let more = try net.adding([RailSegment(lineID: "N", from: "a", to: "b", lengthKilometres: 111, designSpeedKmh: 350, kind: .highSpeed, openYear: 2025)])
        #expect(more.railKilometres(year: 2024).kilometres == 222.39)
        #expect(more.railKilometres(year: 2025).kilometres == 222.39 + 111)
        #expect(throws: TransportError.self) {
            try net.adding([RailSegment(lineID: "Z", from: "a", to: "nowhere", lengthKilometres: 1, designSpeedKmh: 1, kind: .conventional, openYear: 1)])
        }
    }
}
