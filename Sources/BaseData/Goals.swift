/// How a goal compares an indicator value with its target.
public enum GoalComparison: Sendable, Hashable, Codable {
    case atLeast
    case atMost
    /// "Reach about" (达到…左右): met from `target − bandHalfWidth` up (in the goal's unit); above
    /// `target + bandHalfWidth` the goal is exceeded, which still meets it.
    case about(bandHalfWidth: Double)

    public var name: String {
        switch self {
        case .atLeast: return "atLeast"
        case .atMost: return "atMost"
        case .about: return "about"
        }
    }
}

/// Where a goal's target comes from.
public enum GoalKind: String, Sendable, Hashable, Codable {
    /// A target printed in the outline or an official plan for this scope.
    case official
    /// An official target for a related scope or document used as the 2035 proxy (the document is named).
    case proxy
    /// No official number exists: a labelled modelling choice.
    case modellingChoice = "modelling-choice"
}

/// A goal: indicator, year, target and comparison, with the document it comes from.
public struct Goal: Sendable, Hashable, Codable, Identifiable {
    public var id: String
    public var year: Int
    /// Id in `goals/indicators.csv`, e.g. `urbanisation_rate`.
    public var indicatorID: String
    public var comparison: GoalComparison
    public var targetValue: Double
    /// Unit of `targetValue` (`fraction`, `km`, `minutes`, `persons`, `100m yuan`).
    public var unit: String
    /// A group id (`circle`, `province-chongqing`, `core-chongqing`, …) or a jurisdiction id.
    public var scope: String
    /// The statistical basis or caveat (e.g. "first-published 2019 basis").
    public var basis: String
    public var kind: GoalKind
    public var sourceIDs: [String]
    /// The document and passage.
    public var document: String

    /// Whether `value` meets the goal.
    public func isMet(by value: Double) -> Bool {
        switch comparison {
        case .atLeast: return value >= targetValue
        case .atMost: return value <= targetValue
        case .about(let band): return value >= targetValue - band
        }
    }
}

/// An indicator goals are measured on.
public struct Indicator: Sendable, Hashable, Codable, Identifiable {
    public var id: String
    public var unit: String
    public var definition: String
    public var aggregation: String
}
