import Foundation

/// A point on the Earth's surface in decimal degrees.
public struct GeoPoint: Sendable, Hashable, Codable {
    public let latitudeDegrees: Double
    public let longitudeDegrees: Double
    public init(latitudeDegrees: Double, longitudeDegrees: Double) {
        self.latitudeDegrees = latitudeDegrees
        self.longitudeDegrees = longitudeDegrees
    }
}

/// The mean Earth radius of the IUGG, `R₁ = 6,371.0088 km`.
public let meanEarthRadiusKilometres = 6_371.0088

/// Great-circle distance by the haversine formula:
/// `d = 2R·asin(√(sin²(Δφ/2) + cos φ₁ cos φ₂ sin²(Δλ/2)))`.
///
/// Accurate to about 0.5 % against the ellipsoid, well inside the detour factor's uncertainty. Seat
/// coordinates of the base data are GCJ-02, offset from WGS-84 by a few hundred metres: negligible here.
/// - Reference: Sinnott (1984), "Virtues of the Haversine", *Sky and Telescope* 68(2).
public func greatCircleKilometres(_ a: GeoPoint, _ b: GeoPoint) -> Double {
    let rad = Double.pi / 180
    let phi1 = a.latitudeDegrees * rad, phi2 = b.latitudeDegrees * rad
    let dPhi = phi2 - phi1
    let dLambda = (b.longitudeDegrees - a.longitudeDegrees) * rad
    let h = sin(dPhi / 2) * sin(dPhi / 2) + cos(phi1) * cos(phi2) * sin(dLambda / 2) * sin(dLambda / 2)
    return 2 * meanEarthRadiusKilometres * asin(min(1, h.squareRoot()))
}
