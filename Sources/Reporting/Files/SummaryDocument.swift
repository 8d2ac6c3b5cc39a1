import Foundation
import SimulationEngine

/// `summary.json` (and `chengyu run --format json`): one trajectory as a JSON document, and its reader.
///
/// Shape (keys sorted in the file; values per year in the order of `years`, `null` where nil):
/// ```
/// schemaVersion   "chengyu/trajectory/v1"
/// scenario        {name, title, file (or null), contentHash}
/// years           [2019, …]
/// indicators      {id → {unit, kind, aggregation, description}}
/// places          [{id, kind, nameZh, nameEn}]  in the trajectory's order (so names survive the round trip)
/// circle          {indicator → [values]}
/// groups          {group → {indicator → [values]}}
/// jurisdictions   {jurisdiction → {indicator → [values]}}
/// goals           [{id, year, indicator, place, comparison, target, band, unit, value, gap, met, kind,
///                   source, basis}]  in the trajectory's order
/// diagnostics     {matrixOrder, spectralRadius, largestColumnSum, reciprocalCondition,
///                  calibrationResidual, factorisations, iterations, spectralRadiusLowerBound, cappedCells,
///                  warnings, timingsSeconds}
/// estimatedInputs ["place:field", …]
/// ```
/// Numbers are shortest round-trip decimals, so decoding gives back the same doubles bit for bit. The
/// bytes are a function of the trajectory alone; `timingsSeconds` (wall times) differ from run to run, so
/// writers that promise byte-identical reruns pass `includeTimings: false`, which writes `{}` there.
public enum SummaryDocument {
    /// The JSON tree of `trajectory`.
    public static func jsonValue(_ trajectory: Trajectory, includeTimings: Bool = true) -> JSONValue {
        let t = trajectory
        var circle: [String: JSONValue] = [:]
        var groups: [String: [String: JSONValue]] = [:]
        var jurisdictions: [String: [String: JSONValue]] = [:]
        let kinds = Dictionary(t.places.map { ($0.id, $0.kind) }, uniquingKeysWith: { a, _ in a })
        for (indicator, byPlace) in t.series {
            for (place, values) in byPlace {
                let array = JSONValue.array(values.map(JSONValue.optional))
                switch kinds[place] {
                case .circle?: circle[indicator] = array
                case .group?: groups[place, default: [:]][indicator] = array
                case .jurisdiction?, nil: jurisdictions[place, default: [:]][indicator] = array
                }
            }
        }
        let d = t.diagnostics
        return .object([
            "schemaVersion": .string(Trajectory.schemaVersion),
            "scenario": .object([
                "name": .string(t.scenario.name), "title": .string(t.scenario.title),
                "file": .optional(t.scenario.file), "contentHash": .string(t.scenario.contentHash),
                "vintage": .int(t.scenario.vintage),
            ]),
            "years": .array(t.years.map(JSONValue.int)),
            "indicators": .object(Dictionary(t.indicators.map { def in
                (def.id, JSONValue.object([
                    "unit": .string(def.unit), "kind": .string(def.kind.rawValue),
                    "aggregation": .string(def.aggregation.rawValue), "description": .string(def.description),
                ]))
            }, uniquingKeysWith: { a, _ in a })),
            "places": .array(t.places.map {
                .object([
                    "id": .string($0.id), "kind": .string($0.kind.rawValue), "nameZh": .string($0.nameZh),
                    "nameEn": .string($0.nameEn),
                ])
            }),
            "circle": .object(circle),
            "groups": .object(groups.mapValues(JSONValue.object)),
            "jurisdictions": .object(jurisdictions.mapValues(JSONValue.object)),
            "goals": .array(t.goals.map(goalJSON)),
            "diagnostics": .object([
                "matrixOrder": .int(d.matrixOrder), "spectralRadius": .number(d.spectralRadius),
                "largestColumnSum": .number(d.largestColumnSum), "reciprocalCondition": .number(d.reciprocalCondition),
                "calibrationResidual": .number(d.calibrationResidual), "factorisations": .int(d.factorisations),
                "iterations": .int(d.iterations), "spectralRadiusLowerBound": .number(d.spectralRadiusLowerBound),
                "cappedCells": .int(d.cappedCells), "warnings": .array(d.warnings.map(JSONValue.string)),
                "timingsSeconds": .object(includeTimings ? d.timingsSeconds.mapValues(JSONValue.number) : [:]),
            ]),
            "estimatedInputs": .array(t.estimatedInputs.map(JSONValue.string)),
        ])
    }

    /// One goal result as a JSON object (also used by the goal report's JSON).
    public static func goalJSON(_ g: GoalResult) -> JSONValue {
        .object([
            "id": .string(g.goalID), "year": .int(g.year), "indicator": .string(g.indicatorID),
            "place": .string(g.place), "comparison": .string(g.comparison.rawValue), "target": .number(g.target),
            "band": .optional(g.band), "unit": .string(g.unit), "value": .optional(g.value), "gap": .optional(g.gap),
            "met": .optional(g.met), "kind": .string(g.kind.rawValue), "source": .string(g.source),
            "basis": .string(g.basis), "observed": .optional(g.observed), "observedYear": g.observedYear.map(JSONValue.int) ?? .null,
            "observedMet": .optional(g.observedMet),
        ])
    }

    /// The document's bytes (UTF-8, final newline).
    public static func encode(_ trajectory: Trajectory, includeTimings: Bool = true) -> Data {
        jsonValue(trajectory, includeTimings: includeTimings).renderedData()
    }

    /// Reads a document back into a `Trajectory`. Indicators come back in id order, places in the order
    /// of `places` (or circle, groups, jurisdictions by id when a document has no `places`), goals in
    /// document order; `gap` and `met` are recomputed from value, target and band.
    ///
    /// - Parameter path: named in error messages only.
    /// - Throws: `ReportingError.invalidDocument` for malformed JSON, another schema version, a series
    ///   whose length differs from `years`, or an unknown kind, aggregation or comparison.
    public static func decode(_ data: Data, path: String? = nil) throws -> Trajectory {
        let invalid = { (reason: String) in ReportingError.invalidDocument(path: path, reason: reason) }
        let doc: Document
        do {
            doc = try JSONDecoder().decode(Document.self, from: data)
        } catch let error as DecodingError {
            throw invalid(describe(error))
        } catch {
            throw invalid("\(error)")
        }
        guard doc.schemaVersion == Trajectory.schemaVersion else {
            throw invalid("schemaVersion is '\(doc.schemaVersion)', expected '\(Trajectory.schemaVersion)'")
        }
        let indicators = try decodeIndicators(doc, invalid: invalid)
        let places = try decodePlaces(doc, invalid: invalid)
        let series = try decodeSeries(doc, circleID: places.first { $0.kind == .circle }?.id ?? "circle", invalid: invalid)
        let goals = try decodeGoals(doc, invalid: invalid)
        return Trajectory(
            scenario: ScenarioIdentity(
                name: doc.scenario.name, title: doc.scenario.title, file: doc.scenario.file,
                contentHash: doc.scenario.contentHash, vintage: doc.scenario.vintage ?? 2019),
            years: doc.years, indicators: indicators, places: places, series: series, goals: goals,
            diagnostics: decodeDiagnostics(doc.diagnostics), estimatedInputs: doc.estimatedInputs ?? [])
    }

    /// Indicators in id order.
    private static func decodeIndicators(_ doc: Document, invalid: (String) -> ReportingError) throws -> [IndicatorDefinition] {
        try doc.indicators.keys.sorted(by: JSONValue.byteOrder).map { id in
            let i = doc.indicators[id]!
            guard let kind = IndicatorKind(rawValue: i.kind) else { throw invalid("indicator \(id): unknown kind '\(i.kind)'") }
            guard let aggregation = Aggregation(rawValue: i.aggregation) else {
                throw invalid("indicator \(id): unknown aggregation '\(i.aggregation)'")
            }
            return IndicatorDefinition(id: id, unit: i.unit, kind: kind, aggregation: aggregation, description: i.description)
        }
    }

    /// The document's `places`, or circle, groups and jurisdictions by id when it has none.
    private static func decodePlaces(_ doc: Document, invalid: (String) -> ReportingError) throws -> [Place] {
        if let listed = doc.places {
            return try listed.map { p in
                guard let kind = PlaceKind(rawValue: p.kind) else { throw invalid("place \(p.id): unknown kind '\(p.kind)'") }
                return Place(id: p.id, kind: kind, nameZh: p.nameZh, nameEn: p.nameEn)
            }
        }
        var places: [Place] = []
        if !doc.circle.isEmpty { places.append(Place(id: "circle", kind: .circle, nameZh: "", nameEn: "")) }
        places += doc.groups.keys.sorted(by: JSONValue.byteOrder).map { Place(id: $0, kind: .group, nameZh: "", nameEn: "") }
        places += doc.jurisdictions.keys.sorted(by: JSONValue.byteOrder).map {
            Place(id: $0, kind: .jurisdiction, nameZh: "", nameEn: "")
        }
        return places
    }

    /// Every series by indicator and place, each as long as `years`.
    private static func decodeSeries(
        _ doc: Document, circleID: String, invalid: (String) -> ReportingError
    ) throws -> [String: [String: [Double?]]] {
        var series: [String: [String: [Double?]]] = [:]
        func add(_ byIndicator: [String: [Double?]], place: String) throws {
            for (indicator, values) in byIndicator {
                guard values.count == doc.years.count else {
                    throw invalid("\(place).\(indicator) has \(values.count) values for \(doc.years.count) years")
                }
                series[indicator, default: [:]][place] = values
            }
        }
        try add(doc.circle, place: circleID)
        for (place, byIndicator) in doc.groups { try add(byIndicator, place: place) }
        for (place, byIndicator) in doc.jurisdictions { try add(byIndicator, place: place) }
        return series
    }

    /// Goals in document order; `gap` and `met` are recomputed by `GoalResult`.
    private static func decodeGoals(_ doc: Document, invalid: (String) -> ReportingError) throws -> [GoalResult] {
        try doc.goals.map { g in
            guard let comparison = GoalComparison(rawValue: g.comparison) else {
                throw invalid("goal \(g.id): unknown comparison '\(g.comparison)'")
            }
            guard let kind = IndicatorKind(rawValue: g.kind) else { throw invalid("goal \(g.id): unknown kind '\(g.kind)'") }
            var goal = GoalResult(
                goalID: g.id, year: g.year, indicatorID: g.indicator, place: g.place, comparison: comparison,
                target: g.target, band: g.band, unit: g.unit, value: g.value, kind: kind, source: g.source, basis: g.basis)
            goal.observed = g.observed
            goal.observedYear = g.observedYear
            return goal
        }
    }

    /// The run's diagnostics; absent fields read as 0 (or empty).
    private static func decodeDiagnostics(_ d: Document.Diagnostics?) -> RunDiagnostics {
        var diagnostics = RunDiagnostics()
        guard let d else { return diagnostics }
        diagnostics.matrixOrder = d.matrixOrder ?? 0
        diagnostics.spectralRadius = d.spectralRadius ?? 0
        diagnostics.largestColumnSum = d.largestColumnSum ?? 0
        diagnostics.reciprocalCondition = d.reciprocalCondition ?? 0
        diagnostics.calibrationResidual = d.calibrationResidual ?? 0
        diagnostics.factorisations = d.factorisations ?? 0
        diagnostics.iterations = d.iterations ?? 0
        diagnostics.spectralRadiusLowerBound = d.spectralRadiusLowerBound ?? 0
        diagnostics.cappedCells = d.cappedCells ?? 0
        diagnostics.warnings = d.warnings ?? []
        diagnostics.timingsSeconds = d.timingsSeconds ?? [:]
        return diagnostics
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ c: DecodingError.Context) -> String {
            c.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case let .keyNotFound(key, c): return "missing key '\(key.stringValue)' at '\(path(c))'"
        case let .typeMismatch(_, c): return "wrong type at '\(path(c))': \(c.debugDescription)"
        case let .valueNotFound(_, c): return "missing value at '\(path(c))'"
        case let .dataCorrupted(c): return "malformed JSON at '\(path(c))': \(c.debugDescription)"
        @unknown default: return "\(error)"
        }
    }

    private struct Document: Decodable {
        struct Scenario: Decodable { let name: String; let title: String; let file: String?; let contentHash: String; let vintage: Int? }
        struct Indicator: Decodable { let unit: String; let kind: String; let aggregation: String; let description: String }
        struct PlaceEntry: Decodable { let id: String; let kind: String; let nameZh: String; let nameEn: String }
        struct Goal: Decodable {
            let id: String; let year: Int; let indicator: String; let place: String; let comparison: String
            let target: Double; let band: Double?; let unit: String; let value: Double?; let kind: String
            let source: String; let basis: String; let observed: Double?; let observedYear: Int?
        }
        struct Diagnostics: Decodable {
            let matrixOrder: Int?; let spectralRadius: Double?; let largestColumnSum: Double?
            let reciprocalCondition: Double?; let calibrationResidual: Double?; let factorisations: Int?
            let iterations: Int?; let spectralRadiusLowerBound: Double?
            let cappedCells: Int?; let warnings: [String]?; let timingsSeconds: [String: Double]?
        }
        let schemaVersion: String
        let scenario: Scenario
        let years: [Int]
        let indicators: [String: Indicator]
        let places: [PlaceEntry]?
        let circle: [String: [Double?]]
        let groups: [String: [String: [Double?]]]
        let jurisdictions: [String: [String: [Double?]]]
        let goals: [Goal]
        let diagnostics: Diagnostics?
        let estimatedInputs: [String]?
    }
}
