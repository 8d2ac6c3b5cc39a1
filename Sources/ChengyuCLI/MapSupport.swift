import BaseData
import Foundation
import Reporting

/// Seats and boundaries of the jurisdictions for the report's maps and `chengyu map`.
enum MapSupport {
    /// The dataset's jurisdictions with their bundled boundaries (and the parts outside the circle of
    /// 绵阳, 达州, 雅安). Without a readable boundary file the maps fall back to the seat scatter, with a
    /// warning on standard error.
    static func locations(_ ds: BaseDataset) -> [SeatLocation] {
        do { return try locations(ds, boundaries: JurisdictionBoundaries.load()) } catch {
            Terminal.info("warning: \(error); the maps show seats only")
            return locations(ds, boundaries: [])
        }
    }

    static func locations(_ ds: BaseDataset, boundaries: [JurisdictionBoundary]) -> [SeatLocation] {
        func points(_ b: JurisdictionBoundary) -> [[[SIMD2<Double>]]] {
            b.polygons.map { $0.map { $0.map { SIMD2($0.longitude, $0.latitude) } } }
        }
        let own = Dictionary(boundaries.filter { $0.role == .jurisdiction }.map { ($0.id, points($0)) }, uniquingKeysWith: { a, _ in a })
        var outside: [String: [[[SIMD2<Double>]]]] = [:]
        for b in boundaries where b.role == .outside { outside[b.parent ?? "", default: []] += points(b) }
        return ds.jurisdictions.map {
            SeatLocation(
                place: $0.id, name: $0.nameZh, latitude: $0.latitudeDegrees, longitude: $0.longitudeDegrees,
                boundary: own[$0.id] ?? [], outside: outside[$0.id] ?? [])
        }
    }
}
