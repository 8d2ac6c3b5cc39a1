import Foundation

/// How an indicator's value comes about (MODEL.md §10). Reports print it beside every goal.
public enum IndicatorKind: String, Sendable, Codable, CaseIterable {
    /// Computed by the model's equations.
    case simulated
    /// Summed or counted from scenario inputs (e.g. rail km from the projects that open).
    case accounted
    /// A path typed into the scenario (e.g. 5G coverage): the model does not move it.
    case input
    /// Not represented by the model; reported so that a goal table is complete.
    case notModelled = "not_modelled"
}

/// How an indicator is aggregated from jurisdictions to groups and the circle.
public enum Aggregation: String, Sendable, Codable {
    case sum
    /// Σ numerator / Σ denominator (urbanisation = Σ urban / Σ residents).
    case ratioOfSums = "ratio_of_sums"
    case meanOverCities = "mean_over_cities"
    case minOverPairs = "min_over_pairs"
    /// Only defined for the circle (e.g. the contribution of technical progress).
    case circleOnly = "circle_only"
}

/// An indicator's definition: id, unit, kind, aggregation and a sentence a reader understands.
public struct IndicatorDefinition: Sendable, Codable, Hashable {
    public let id: String
    public let unit: String
    public let kind: IndicatorKind
    public let aggregation: Aggregation
    public let description: String

    public init(id: String, unit: String, kind: IndicatorKind, aggregation: Aggregation, description: String) {
        self.id = id
        self.unit = unit
        self.kind = kind
        self.aggregation = aggregation
        self.description = description
    }
}

/// What a place is in a trajectory.
public enum PlaceKind: String, Sendable, Codable { case circle, group, jurisdiction }

/// A place with series: the circle, a group of chapter 3, or a jurisdiction.
public struct Place: Sendable, Codable, Hashable {
    public let id: String
    public let kind: PlaceKind
    public let nameZh: String
    public let nameEn: String
    public init(id: String, kind: PlaceKind, nameZh: String, nameEn: String) {
        self.id = id
        self.kind = kind
        self.nameZh = nameZh
        self.nameEn = nameEn
    }
}

/// The comparison a goal makes. The rule of each kind (`docs/goals.md`, the legend of every goal table):
///
/// - `atLeast` (≥): met when `value ≥ target`.
/// - `atMost` (≤): met when `value ≤ target`.
/// - `about` (≈, the outline's 达到…左右 "reach about"): met when the value reaches the band, `value ≥
///   target − band`; a value above `target + band` has exceeded the goal in its good direction and is shown
///   as "met (exceeded)". Every `about` goal of the bundled data is a "reach" goal (urbanisation, R&D
///   intensity, urban population), so the good direction is up.
public enum GoalComparison: String, Sendable, Codable {
    case atLeast, atMost, about

    /// Whether `value` meets `target` (for `about`, reaches `target − band` or more).
    public func isMet(value: Double, target: Double, band: Double?) -> Bool {
        gap(value: value, target: target, band: band) >= 0
    }

    /// Whether `value` lies past the far edge of an `about` goal's band (`value > target + band`); false
    /// for `atLeast` and `atMost`.
    public func isExceeded(value: Double, target: Double, band: Double?) -> Bool {
        self == .about && value > target + (band ?? 0)
    }

    /// The margin to the threshold of meeting, in the goal's unit: positive (or 0) when met, negative by how
    /// much the value falls short. `atLeast`: `value − target`; `atMost`: `target − value`; `about`:
    /// `value − (target − band)`.
    public func gap(value: Double, target: Double, band: Double?) -> Double {
        switch self {
        case .atLeast: return value - target
        case .atMost: return target - value
        case .about: return value - (target - (band ?? 0))
        }
    }

    public var symbol: String {
        switch self {
        case .atLeast: return "≥"
        case .atMost: return "≤"
        case .about: return "≈"
        }
    }
}

/// One goal against one scenario's value.
public struct GoalResult: Sendable, Codable, Hashable {
    public let goalID: String
    public let year: Int
    public let indicatorID: String
    /// The place the goal is measured on (`circle`, a group or a jurisdiction).
    public let place: String
    public let comparison: GoalComparison
    public let target: Double
    /// Half-width of the band of an `about` goal.
    public let band: Double?
    public let unit: String
    /// The scenario's value; nil when the indicator is not modelled.
    public let value: Double?
    /// `comparison.gap(value:target:band:)`; nil with no value.
    public let gap: Double?
    /// nil with no value.
    public let met: Bool?
    /// An `about` goal whose value lies above the band (met, shown as "met (exceeded)"); false otherwise.
    public var exceeded: Bool {
        guard let value, met == true else { return false }
        return comparison.isExceeded(value: value, target: target, band: band)
    }
    public let kind: IndicatorKind
    /// The document the target comes from.
    public let source: String
    /// `official`, `proxy` or `modelling-choice`.
    public let basis: String
    /// What happened: the published value of the goal's indicator and place (history data), in the goal's
    /// unit, and its year (the goal's year, or the latest earlier year published); nil when none is published.
    public var observed: Double? = nil
    public var observedYear: Int? = nil
    /// Whether the published value meets the goal (the same rule as `met`); nil with no observation.
    public var observedMet: Bool? { observed.map { comparison.isMet(value: $0, target: target, band: band) } }

    public init(
        goalID: String, year: Int, indicatorID: String, place: String, comparison: GoalComparison, target: Double,
        band: Double?, unit: String, value: Double?, kind: IndicatorKind, source: String, basis: String
    ) {
        self.goalID = goalID
        self.year = year
        self.indicatorID = indicatorID
        self.place = place
        self.comparison = comparison
        self.target = target
        self.band = band
        self.unit = unit
        self.value = value
        self.gap = value.map { comparison.gap(value: $0, target: target, band: band) }
        self.met = value.map { comparison.isMet(value: $0, target: target, band: band) }
        self.kind = kind
        self.source = source
        self.basis = basis
    }
}

/// Numerical and calibration diagnostics of a run.
public struct RunDiagnostics: Sendable, Codable, Hashable {
    /// Order of the input–output system, `n = R·S`.
    public var matrixOrder: Int = 0
    /// Upper end of a rigorous bracket of ρ(A) in the base year (100 shifted power iterations, capped by
    /// the largest column sum).
    public var spectralRadius: Double = 0
    /// Lower end of that bracket.
    public var spectralRadiusLowerBound: Double = 0
    public var largestColumnSum: Double = 0
    /// `1/κ₁(I − A)` estimate in the base year.
    public var reciprocalCondition: Double = 0
    /// `‖L·y0 − x0‖ / ‖x0‖` in the base year.
    public var calibrationResidual: Double = 0
    /// Dense `n × n` LU factorisations performed over the run (reference mode: one per year and pass).
    public var factorisations: Int = 0
    /// Operator products of the GMRES solves over the run (fast mode).
    public var iterations: Int = 0
    /// Cells whose sales the supply cap scaled (φ < 1).
    public var cappedCells: Int = 0
    /// Warnings (MODEL.md §10 flags), each a sentence.
    public var warnings: [String] = []
    /// Wall time per stage, seconds.
    public var timingsSeconds: [String: Double] = [:]
    public init() {}
}

/// Identifies what produced a trajectory.
public struct ScenarioIdentity: Sendable, Codable, Hashable {
    public let name: String
    public let title: String
    /// The scenario file as given, or nil for a built-in scenario.
    public let file: String?
    /// SHA-256 of the resolved scenario's canonical form.
    public let contentHash: String
    /// The data vintage the run was calibrated on (`calibration.vintage`, MODEL-v3 §1.1).
    public let vintage: Int
    public init(name: String, title: String, file: String?, contentHash: String, vintage: Int = 2019) {
        self.name = name
        self.title = title
        self.file = file
        self.contentHash = contentHash
        self.vintage = vintage
    }
}

/// Every indicator per year for the circle, the groups and the jurisdictions, with the goal comparison.
///
/// `series[indicator][place]` holds one value per entry of `years`; nil where an indicator does not
/// exist for a place or year (never NaN).
public struct Trajectory: Sendable, Codable {
    public static let schemaVersion = "chengyu/trajectory/v1"
    public let scenario: ScenarioIdentity
    public let years: [Int]
    public let indicators: [IndicatorDefinition]
    public let places: [Place]
    public let series: [String: [String: [Double?]]]
    public let goals: [GoalResult]
    public let diagnostics: RunDiagnostics
    /// Inputs of the base data that are estimates, as `place:field` (so reports can mark them).
    public let estimatedInputs: [String]
    /// Output, value added and employment by sector × jurisdiction × year, where the engine records them
    /// (`SectorDetail`); nil otherwise. Not part of `summary.json`.
    public var sectorDetail: SectorDetail? = nil

    public init(
        scenario: ScenarioIdentity, years: [Int], indicators: [IndicatorDefinition], places: [Place],
        series: [String: [String: [Double?]]], goals: [GoalResult], diagnostics: RunDiagnostics,
        estimatedInputs: [String] = []
    ) {
        self.scenario = scenario
        self.years = years
        self.indicators = indicators
        self.places = places
        self.series = series
        self.goals = goals
        self.diagnostics = diagnostics
        self.estimatedInputs = estimatedInputs
    }

    /// The value of `indicator` at `place` in `year`, or nil.
    public func value(_ indicator: String, at place: String = "circle", in year: Int) -> Double? {
        guard let k = years.firstIndex(of: year) else { return nil }
        return series[indicator]?[place]?[k] ?? nil
    }

    /// The definition of `indicator`, or nil.
    public func definition(_ indicator: String) -> IndicatorDefinition? { indicators.first { $0.id == indicator } }
}
