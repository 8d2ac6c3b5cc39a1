import Foundation
import Testing
@testable import BaseData

@Suite("Jurisdiction boundaries")
struct BoundariesTests {
    /// Even–odd ray casting over every ring of every part (independent of the drawing code).
    static func contains(_ polygons: [[[GeoPoint]]], _ p: GeoPoint) -> Bool {
        var inside = false
        for ring in polygons.joined() {
            for (a, b) in zip(ring, ring.dropFirst()) where (a.latitude > p.latitude) != (b.latitude > p.latitude) {
                let x = a.longitude + (p.latitude - a.latitude) / (b.latitude - a.latitude) * (b.longitude - a.longitude)
                if p.longitude < x { inside.toggle() }
            }
        }
        return inside
    }

    /// Area in km² on a sphere of radius 6,371 km, by the shoelace formula on (lon·cos φ, lat) in km of
    /// each ring (outer positive, holes subtracted by the even–odd orientation-free rule: |outer| − Σ|holes|).
    static func areaKm2(_ polygons: [[[GeoPoint]]]) -> Double {
        let kmPerDegree = 6371.0 * Double.pi / 180
        func ring(_ r: [GeoPoint]) -> Double {
            let phi0 = r.map(\.latitude).reduce(0, +) / Double(r.count) * .pi / 180
            var s = 0.0
            for (a, b) in zip(r, r.dropFirst()) {
                s += (a.longitude * b.latitude - b.longitude * a.latitude)
            }
            return abs(s) / 2 * kmPerDegree * kmPerDegree * cos(phi0)
        }
        return polygons.map { parts in ring(parts[0]) - parts.dropFirst().map(ring).reduce(0, +) }.reduce(0, +)
    }

    @Test("one boundary per jurisdiction of the data (42 core + 2 optional) and the 5 outside counties")
    func coversEveryJurisdiction() throws {
        let b = try JurisdictionBoundaries.load()
        let ds = try BaseDataset.load(includePartial: true)
        let own = b.filter { $0.role == .jurisdiction }
        #expect(own.count == 44)
        #expect(Set(own.map(\.id)) == Set(ds.jurisdictions.map(\.id)))
        let outside = b.filter { $0.role == .outside }
        #expect(Set(outside.map(\.nameZh)) == ["北川羌族自治县", "平武县", "万源市", "天全县", "宝兴县"])
        #expect(Set(outside.compactMap(\.parent)) == ["sc-mianyang", "sc-dazhou", "sc-yaan"])
        for x in b { for ring in x.polygons.joined() { #expect(ring.first == ring.last && ring.count >= 4) } }
    }

    @Test("each seat lies inside its own boundary and in no other jurisdiction's")
    func seatsInside() throws {
        let own = try JurisdictionBoundaries.load().filter { $0.role == .jurisdiction }
        let ds = try BaseDataset.load(includePartial: true)
        for j in ds.jurisdictions {
            let seat = GeoPoint(longitude: j.longitudeDegrees, latitude: j.latitudeDegrees)
            let hits = own.filter { Self.contains($0.polygons, seat) }.map(\.id)
            #expect(hits == [j.id], "seat of \(j.id) falls in \(hits)")
        }
    }

    @Test("outlined area within 5 % of the area in the data for each full-coverage jurisdiction")
    func areasMatchTheData() throws {
        let own = try JurisdictionBoundaries.load().filter { $0.role == .jurisdiction }
        let ds = try BaseDataset.load(includePartial: true)
        for j in ds.jurisdictions where !j.isPartialCoverage {
            let shape = try #require(own.first { $0.id == j.id })
            let area = Self.areaKm2(shape.polygons)
            #expect(abs(area / j.areaKm2.value - 1) < 0.05, "\(j.id): outlined \(Int(area)) km², data \(Int(j.areaKm2.value)) km²")
        }
    }

    @Test("a broken file is refused naming the file, line and field")
    func brokenFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("boundaries-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("boundaries"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = """
            {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"a","adcode":"1","name_zh":"甲","role":"jurisdiction"},"geometry":{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[0,1],[0,0]]]]}},
            {"type":"Feature","properties":{"id":"b","adcode":"2","name_zh":"乙","role":"jurisdiction"},"geometry":{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[0,0]]]]}}]}
            """
        try Data(text.utf8).write(to: dir.appendingPathComponent(JurisdictionBoundaries.relativePath))
        #expect {
            try JurisdictionBoundaries.load(from: dir)
        } throws: { error in
            let d = (error as? BaseDataError)?.diagnostics.first
            return d?.file == "boundaries/jurisdictions.geojson" && d?.line == 2 && d?.field == "geometry"
        }
    }
}
