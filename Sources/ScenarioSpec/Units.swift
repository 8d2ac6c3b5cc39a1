/// A physical dimension with its canonical unit and the unit spellings a file may use, each with the factor
/// that converts a value in that spelling to the canonical unit. Values are stored canonically.
public struct UnitDimension: Sendable, Hashable {
    /// Canonical unit, as written in docs and in `chengyu scenario show`.
    public let canonical: String
    /// Accepted spellings → factor to the canonical unit.
    public let aliases: [String: Double]

    public init(canonical: String, aliases: [String: Double]) {
        self.canonical = canonical
        self.aliases = aliases.merging([canonical: 1]) { a, _ in a }
    }

    /// Canonical value of `value` written in `unit`, or nil when the unit does not belong to this dimension.
    public func toCanonical(_ value: Double, unit: String) -> Double? {
        aliases[unit].map { value * $0 }
    }

    /// Accepted spellings, sorted, for messages.
    public var spellings: [String] { aliases.keys.sorted() }

    /// A share or fraction as a level: `fraction` (0.25), `%` (25).
    public static let share = UnitDimension(canonical: "fraction", aliases: ["share": 1, "%": 0.01, "percent": 0.01])
    /// A change of a share: `fraction` (0.05) or `pp` (percentage points, 5). `%` is refused as ambiguous.
    public static let shareChange = UnitDimension(canonical: "fraction", aliases: ["pp": 0.01])
    /// A rate per year: `1/yr` (0.02), `%/yr` (2).
    public static let perYear = UnitDimension(canonical: "1/yr", aliases: ["fraction/yr": 1, "%/yr": 0.01])
    /// A change of a rate per year: `1/yr` or `pp/yr`.
    public static let perYearChange = UnitDimension(canonical: "1/yr", aliases: ["fraction/yr": 1, "pp/yr": 0.01])
    /// A money flow at 2019 prices: `100m yuan/yr` (亿元 a year).
    public static let moneyFlow = UnitDimension(
        canonical: "100m yuan/yr",
        aliases: ["billion yuan/yr": 10, "10k yuan/yr": 1e-4, "yuan/yr": 1e-8])
    /// People: `persons`, `10k persons` (万人), `million persons`.
    public static let persons = UnitDimension(
        canonical: "persons", aliases: ["10k persons": 1e4, "million persons": 1e6])
    /// Extra annual rise of the urbanisation logit ln(u/(u_max − u)).
    public static let logitPerYear = UnitDimension(canonical: "logit/yr", aliases: [:])
    /// Hours.
    public static let hours = UnitDimension(canonical: "h", aliases: ["min": 1.0 / 60.0])
    /// Minutes.
    public static let minutes = UnitDimension(canonical: "min", aliases: ["h": 60])
    /// Years.
    public static let years = UnitDimension(canonical: "yr", aliases: [:])
    /// Kilometres per hour.
    public static let speed = UnitDimension(canonical: "km/h", aliases: [:])
    /// A pure number (elasticity, ratio, factor).
    public static let dimensionless = UnitDimension(canonical: "1", aliases: ["factor": 1])
}
