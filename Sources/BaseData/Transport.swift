/// A rail segment between two jurisdictions (or to `cq-central` / `edge`), open in 2019 or part of a project.
public struct RailLink: Sendable, Hashable, Codable {
    public var lineID: String
    public var lineNameZh: String
    public var lineNameEn: String
    /// Jurisdiction id, `cq-central` (the hub of the 9 central districts) or `edge` (leaves the circle).
    public var fromID: String
    public var toID: String
    /// Segment length, km; nil when not found (never read as 0).
    public var km: Double?
    /// Design speed, km/h; nil when not found.
    public var designSpeedKmh: Double?
    /// `high_speed`, `intercity` or `conventional`.
    public var kind: String
    /// `open`, `under_construction` or `planned` at end-2019.
    public var status2019: String
    /// Actual (or planned) opening year; nil when not found.
    public var openedYear: Int?
    public var sourceIDs: [String]
}

/// A rail project named in chapter 4 §1 of the outline.
public struct RailProject: Sendable, Hashable, Codable, Identifiable {
    public var id: String
    public var nameZh: String
    public var nameEn: String
    public var fromID: String
    public var toID: String
    /// First design speed in the source text, km/h.
    public var designSpeedKmh: Double?
    /// First opening year in the source text (actual or planned).
    public var openYear: Int?
    /// Length inside the circle as found (free text: totals and caveats).
    public var kmInCircleText: String
    public var statusAsFound: String
    public var sourceIDs: [String]
}

/// Rail links and projects.
public struct TransportData: Sendable, Hashable, Codable {
    public var links: [RailLink]
    public var projects: [RailProject]
    /// Node ids that are not jurisdictions.
    public static let specialNodeIDs: Set<String> = ["cq-central", "edge"]
}
