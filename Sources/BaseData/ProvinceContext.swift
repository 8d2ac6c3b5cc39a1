/// A province-level (or China / circle) figure used for calibration: GDP and its parts, population,
/// natural change, migration, trade, consumption per head, and labelled assumptions where nothing was found.
public struct ContextFigure: Sendable, Hashable, Codable {
    /// `china`, `chongqing`, `sichuan` or `circle`.
    public var region: String
    /// Indicator id with its unit, e.g. `gdp_100m_yuan`, `birth_rate_per_mille`.
    public var indicator: String
    /// Reference year (nil for timeless figures such as area).
    public var year: Int?
    public var value: Double
    public var unit: String
    public var provenance: Provenance
    public var sourceIDs: [String]
    public var note: String
}

/// The province context table with lookups.
public struct ProvinceContext: Sendable, Hashable, Codable {
    public var figures: [ContextFigure]

    /// The figure for `region`, `indicator` and `year` (year nil matches a timeless figure).
    public func figure(region: String, indicator: String, year: Int?) -> ContextFigure? {
        figures.first { $0.region == region && $0.indicator == indicator && $0.year == year }
    }

    /// The value for `region`, `indicator` and `year`, or nil.
    public func value(region: String, indicator: String, year: Int?) -> Double? {
        figure(region: region, indicator: indicator, year: year)?.value
    }
}
