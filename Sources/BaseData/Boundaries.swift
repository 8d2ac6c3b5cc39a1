import Foundation

/// A longitude–latitude pair in degrees (GCJ-02, like the seats of `jurisdictions.csv`).
public struct GeoPoint: Sendable, Hashable {
    public var longitude: Double
    public var latitude: Double
    public init(longitude: Double, latitude: Double) {
        self.longitude = longitude
        self.latitude = latitude
    }
}

/// The simplified boundary of a jurisdiction, or of a county that a partial city holds outside the circle.
///
/// `polygons[k][0]` is the outer ring of the k-th part, `polygons[k][1...]` its holes; every ring is closed
/// (first point = last point). Source, licence and simplification: `data/boundaries/README.md`.
public struct JurisdictionBoundary: Sendable, Hashable {
    /// What a boundary outlines.
    public enum Role: String, Sendable, Hashable {
        /// A jurisdiction of `jurisdictions.csv` (its whole territory).
        case jurisdiction
        /// A county of a partial city (绵阳, 达州, 雅安) that the Plan leaves outside the circle; its
        /// territory is also inside the parent's boundary, and the parent's figures include it.
        case outside
    }

    /// The jurisdiction id (`cq-yuzhong`), or `<parent id>/<adcode>` for an outside county.
    public var id: String
    /// Six-digit administrative division code.
    public var adcode: String
    public var nameZh: String
    public var role: Role
    /// The jurisdiction an outside county belongs to; nil for a jurisdiction.
    public var parent: String?
    public var polygons: [[[GeoPoint]]]
}

/// Reads `boundaries/jurisdictions.geojson` (a GeoJSON FeatureCollection of MultiPolygons, one feature a line).
public enum JurisdictionBoundaries {
    public static let relativePath = "boundaries/jurisdictions.geojson"

    /// The boundaries in the data folder (default: the bundled one), in file order.
    ///
    /// - Throws: ``BaseDataError/invalidData(_:)`` naming the file, the feature's line and the field for a
    ///   file that is missing, not JSON, or has a feature without `id`/`adcode`/`name_zh`/`role` or with a
    ///   ring of fewer than 4 points or a non-finite coordinate.
    public static func load(from directory: URL? = nil) throws -> [JurisdictionBoundary] {
        let url = try (directory ?? BaseDataset.bundledDataURL()).appendingPathComponent(relativePath)
        func fail(_ line: Int, _ field: String, _ message: String) -> BaseDataError {
            .invalidData([DataDiagnostic(file: relativePath, line: line, column: 0, field: field, message: message)])
        }
        guard let data = FileManager.default.contents(atPath: url.path) else { throw fail(0, "", "cannot read the file") }
        guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let features = root["features"] as? [[String: Any]]
        else { throw fail(1, "features", "not a GeoJSON FeatureCollection") }
        return try features.enumerated().map { index, feature in
            // The writer puts one feature on each line, so feature k is on line k + 1.
            let line = index + 1
            let props = feature["properties"] as? [String: Any] ?? [:]
            func text(_ key: String) throws -> String {
                guard let v = props[key] as? String, !v.isEmpty else { throw fail(line, key, "missing or empty property") }
                return v
            }
            guard let role = JurisdictionBoundary.Role(rawValue: try text("role")) else {
                throw fail(line, "role", "role must be jurisdiction or outside")
            }
            let geometry = feature["geometry"] as? [String: Any] ?? [:]
            guard geometry["type"] as? String == "MultiPolygon", let parts = geometry["coordinates"] as? [[[[Double]]]] else {
                throw fail(line, "geometry", "expected a MultiPolygon of numbers")
            }
            let polygons = try parts.map { rings in
                try rings.map { ring -> [GeoPoint] in
                    guard ring.count >= 4, ring.allSatisfy({ $0.count >= 2 && $0[0].isFinite && $0[1].isFinite }) else {
                        throw fail(line, "geometry", "a ring needs at least 4 finite [lon, lat] points")
                    }
                    return ring.map { GeoPoint(longitude: $0[0], latitude: $0[1]) }
                }
            }
            return JurisdictionBoundary(
                id: try text("id"), adcode: try text("adcode"), nameZh: try text("name_zh"), role: role,
                parent: props["parent"] as? String, polygons: polygons)
        }
    }
}
