/// Where a figure comes from.
public enum Provenance: String, Sendable, Hashable, Codable, CaseIterable {
    /// Read in a source named by its id (`sources.csv`).
    case source
    /// Derived from sourced figures by the method stated beside it.
    case estimate
    /// A labelled assumption used where no figure was found (value and reasoning stated).
    case assumption
}

/// A number with its unit and provenance.
public struct Figure: Sendable, Hashable, Codable {
    /// The value in `unit`.
    public var value: Double
    /// Unit as written in the data (e.g. `persons`, `100m yuan`, `km2`, `fraction`).
    public var unit: String
    public var provenance: Provenance
    /// Ids resolving in `sources.csv`.
    public var sourceIDs: [String]
    /// Method text for estimates and assumptions (empty for plain sourced figures).
    public var method: String

    public init(value: Double, unit: String, provenance: Provenance, sourceIDs: [String], method: String = "") {
        self.value = value
        self.unit = unit
        self.provenance = provenance
        self.sourceIDs = sourceIDs
        self.method = method
    }
}

/// A source of the bundled data (`sources.csv`).
public struct DataSource: Sendable, Hashable, Codable, Identifiable {
    public var id: String
    public var description: String
    /// Web address or document location of the stored copy that was read.
    public var address: String
    /// Quality note (official, secondary, Wikipedia, weak, assumption …).
    public var quality: String
}
