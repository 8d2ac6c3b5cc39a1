/// A resolved scenario: parents applied, every value validated and in canonical units. Immutable.
///
/// The simulation engine reads `horizon`, `levers` and parameter values from here. `contentHash` names
/// exactly what produced a result: SHA-256 of `canonicalText` (schema, horizon, every parameter's effective
/// value, the levers sorted, the goal sets); names, titles, descriptions, notes, lever ids, comments,
/// formatting, file names and the `extends` structure do not enter it.
public struct Scenario: Sendable {
    /// The only schema version: `chengyu/scenario/v1`.
    public static let schemaVersion = "chengyu/scenario/v1"

    /// Whether `s` is a slug: lower-case ASCII letters, digits and '-', not empty, not starting with '-'. The one
    /// rule for scenario and sweep names (they name files, run directories and Slurm jobs: no whitespace, no
    /// line breaks).
    public static func isSlug(_ s: String) -> Bool {
        !s.isEmpty && !s.hasPrefix("-") && s.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    public let schema: String
    /// Slug from the file (`plan-2025`).
    public let name: String
    public let title: String
    public let description: String
    /// First and last simulated year (the first is the base year 2019).
    public let horizon: ClosedRange<Int>
    /// Parameters the scenario (or a parent) overrides, in canonical units.
    public let parameterOverrides: [String: ParameterValue]
    /// Levers in resolution order (parents first, in `extends` order, then the file's own).
    public let levers: [Lever]
    /// Goal sets to compare against (`outline-2025`, `vision-2035`).
    public let goalSets: [String]
    /// The file this scenario was loaded from, as given to the loader.
    public let sourceFile: String
    /// Files of the resolved parents, depth first in application order.
    public let parentFiles: [String]
    /// The parameter registry used for defaults.
    public let parameterCatalog: ParameterCatalog

    init(schema: String, name: String, title: String, description: String, horizon: ClosedRange<Int>,
         parameterOverrides: [String: ParameterValue], levers: [Lever], goalSets: [String], sourceFile: String,
         parentFiles: [String], parameterCatalog: ParameterCatalog) {
        self.schema = schema
        self.name = name
        self.title = title
        self.description = description
        self.horizon = horizon
        self.parameterOverrides = parameterOverrides
        self.levers = levers
        self.goalSets = goalSets
        self.sourceFile = sourceFile
        self.parentFiles = parentFiles
        self.parameterCatalog = parameterCatalog
        let text = Scenario.canonicalJSON(schema: schema, horizon: horizon, overrides: parameterOverrides,
                                          levers: levers, goalSets: goalSets, catalog: parameterCatalog).compact
        self.canonicalText = text
        self.contentHash = SHA256.hexDigest(text)
    }

    /// The canonical serialisation hashed into `contentHash`.
    public let canonicalText: String
    /// Lower-case hex SHA-256 of `canonicalText`.
    public let contentHash: String
    /// The first 12 hex digits, for tables and file names.
    public var shortHash: String { String(contentHash.prefix(12)) }

    // MARK: Parameters

    /// The effective value of numeric parameter `id`: the scenario's override, else the catalog default.
    public func parameterValue(_ id: String) throws(ScenarioError) -> Double {
        guard let d = parameterCatalog[id], let x = (parameterOverrides[id] ?? d.defaultValue).number else {
            throw .unknownParameter(id)
        }
        return x
    }

    /// The effective value of choice parameter `id` (e.g. `flq.method`).
    public func parameterChoice(_ id: String) throws(ScenarioError) -> String {
        guard let d = parameterCatalog[id], let s = (parameterOverrides[id] ?? d.defaultValue).choice else {
            throw .unknownParameter(id)
        }
        return s
    }

    /// The value of numeric parameter `id` in `year`, with the scenario's `parameter` levers applied
    /// (`LeverComposition`).
    public func parameterValue(_ id: String, at year: Int) throws(ScenarioError) -> Double {
        let base = try parameterValue(id)
        return LeverComposition.apply(base: base, levers: levers.filter { $0.kind == .parameter && $0.parameterID == id },
                                      year: year)
    }

    /// Every parameter's effective value (defaults applied), by id.
    public var effectiveParameters: [String: ParameterValue] {
        var out: [String: ParameterValue] = [:]
        for d in parameterCatalog.definitions { out[d.id] = parameterOverrides[d.id] ?? d.defaultValue }
        return out
    }

    // MARK: Levers

    /// The levers of one kind, in resolution order.
    public func levers(of kind: LeverKind) -> [Lever] { levers.filter { $0.kind == kind } }

    /// The value levers active in `year`.
    public func levers(activeIn year: Int) -> [Lever] { levers.filter { $0.schedule?.contains(year) == true } }

    /// Rail projects opened by the scenario, by year.
    public var railProjectOpenings: [RailProjectOpening] {
        levers.compactMap(\.railProject).sorted { ($0.openingYear, $0.projectID) < ($1.openingYear, $1.projectID) }
    }

    /// New rail links of the scenario, by year.
    public var railLinks: [RailLink] {
        levers.compactMap(\.railLink).sorted { ($0.openingYear, $0.linkID) < ($1.openingYear, $1.linkID) }
    }

    static func canonicalJSON(schema: String, horizon: ClosedRange<Int>, overrides: [String: ParameterValue],
                              levers: [Lever], goalSets: [String], catalog: ParameterCatalog) -> JSONValue {
        var parameters: [(String, JSONValue)] = []
        for d in catalog.definitions {
            switch overrides[d.id] ?? d.defaultValue {
            case .number(let x): parameters.append((d.id, .number(x)))
            case .choice(let s): parameters.append((d.id, .string(s)))
            }
        }
        return .object([
            ("schema", .string(schema)),
            ("horizon", .array([.number(Double(horizon.lowerBound)), .number(Double(horizon.upperBound))])),
            ("parameters", .object(parameters)),
            ("levers", .array(levers.map(\.canonicalText).sorted().map { .string($0) })),
            ("goals", .array(Set(goalSets).sorted().map { .string($0) })),
        ])
    }
}
