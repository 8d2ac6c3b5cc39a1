import Foundation
import ScenarioSpec

/// How `chengyu explain` puts a scenario's levers into the players of a Shapley attribution.
public enum AttributionGrouping: String, Sendable, Codable, CaseIterable {
    /// One group per lever (its `id`, else `kind@file:line`).
    case lever
    /// A lever's `group:` if it has one, else the scenario file it is written in (for `plan-2025` the eight
    /// scenarios it extends).
    case group
    /// The outline chapter of the lever's kind (`LeverSpec.chapter`, first `ch. N`).
    case chapter
}

/// One player of an attribution: a set of the scenario's levers switched on and off together.
public struct AttributionGroup: Sendable, Codable, Hashable {
    public let id: String
    /// Labels of the levers (`id`, else `kind@file:line`), in resolution order.
    public let levers: [String]
    /// True when every lever of the group is an `indicator-input` path that no other group sets: the group
    /// moves only that input (a null player for every other indicator), so it needs no runs of its own.
    public let inputOnly: Bool
    /// Positions of the levers in `Scenario.levers`.
    public let leverIndices: [Int]
}

/// The levers of an attribution: those held fixed (the base's) and the groups that are the players.
public struct AttributionPlan: Sendable {
    public let grouping: AttributionGrouping
    /// Positions in `Scenario.levers` of the base's levers, on in every run.
    public let fixed: [Int]
    /// Groups that enter the 2^k runs (k ≤ `Shapley.maxPlayers`), in order of first lever.
    public let players: [AttributionGroup]
    /// Input-only groups (see `AttributionGroup.inputOnly`): on in every run, attributed directly.
    public let inputGroups: [AttributionGroup]
    /// Input-indicator id → the input-only group that sets it.
    public let inputIndicatorGroup: [String: String]

    /// Every group, players first.
    public var groups: [AttributionGroup] { players + inputGroups }

    /// Splits `scenario`'s levers into the base's (which must all be in `scenario`, with the same
    /// parameters) and groups of the rest.
    ///
    /// - Throws: `SimulationError.scenario` when the base has a lever or a parameter value the scenario
    ///   lacks, or when more than `Shapley.maxPlayers` groups would need runs.
    public init(scenario: Scenario, base: Scenario?, grouping: AttributionGrouping) throws {
        self.grouping = grouping
        let fixed = try Self.baseLevers(scenario: scenario, base: base)
        self.fixed = fixed
        let fixedSet = Set(fixed)
        var order: [String] = [], members: [String: [Int]] = [:]
        for (k, l) in scenario.levers.enumerated() where !fixedSet.contains(k) {
            let key = Self.key(of: l, at: k, grouping: grouping, scenario: scenario)
            if members[key] == nil { order.append(key) }
            members[key, default: []].append(k)
        }
        // Input-only groups: every lever an indicator-input whose indicator no other group sets.
        var setters: [String: Set<String>] = [:]
        for key in order {
            for k in members[key]! where LeverChannel.of(scenario.levers[k].kind, operation: scenario.levers[k].operation) == .inputIndicator {
                setters[IndicatorCatalog.inputLeverIndicator[scenario.levers[k].indicatorID ?? ""] ?? "", default: []].insert(key)
            }
        }
        var players: [AttributionGroup] = [], inputs: [AttributionGroup] = [], byIndicator: [String: String] = [:]
        for key in order {
            let levers = members[key]!.map { scenario.levers[$0] }
            let indicators = Set(levers.map { IndicatorCatalog.inputLeverIndicator[$0.indicatorID ?? ""] ?? "" })
            let inputOnly = levers.allSatisfy { LeverChannel.of($0.kind, operation: $0.operation) == .inputIndicator }
                && indicators.allSatisfy { setters[$0] == [key] }
            let group = AttributionGroup(
                id: key, levers: members[key]!.map { Self.label(scenario.levers[$0], at: $0, in: scenario) }, inputOnly: inputOnly,
                leverIndices: members[key]!)
            if inputOnly {
                inputs.append(group)
                for i in indicators { byIndicator[i] = key }
            } else {
                players.append(group)
            }
        }
        guard players.count <= Shapley.maxPlayers else {
            throw SimulationError.scenario(
                "\(scenario.sourceFile): \(players.count) lever groups by \(grouping.rawValue) (\(players.map(\.id).joined(separator: ", "))) would need 2^\(players.count) runs; at most \(Shapley.maxPlayers) groups: \(grouping == .group ? "give levers a common `group:`" : "use --by group, or give levers a common `group:`")")
        }
        self.players = players
        self.inputGroups = inputs
        self.inputIndicatorGroup = byIndicator
    }

    /// Positions of the base's levers in `scenario.levers`; checks that the parameters agree.
    static func baseLevers(scenario: Scenario, base: Scenario?) throws -> [Int] {
        guard let base else { return [] }
        let own = scenario.effectiveParameters, theirs = base.effectiveParameters
        for d in scenario.parameterCatalog.definitions where own[d.id] != theirs[d.id] {
            throw SimulationError.scenario(
                "\(base.sourceFile): parameter \(d.id) is \(theirs[d.id].map { "\($0)" } ?? "unset") in the base and \(own[d.id].map { "\($0)" } ?? "unset") in \(scenario.sourceFile); explain attributes levers with the same parameters in every run (compare the two with chengyu compare)")
        }
        var used = Set<Int>()
        for l in base.levers {
            guard let k = scenario.levers.indices.first(where: { !used.contains($0) && scenario.levers[$0] == l }) else {
                throw SimulationError.scenario(
                    "\(l.location): the base's lever \(label(l, at: 0, in: base)) is not in \(scenario.sourceFile); the base's levers must be a subset of the scenario's")
            }
            used.insert(k)
        }
        return used.sorted()
    }

    /// The group key of lever `l` (position `k`) under `grouping`.
    static func key(of l: Lever, at k: Int, grouping: AttributionGrouping, scenario: Scenario) -> String {
        switch grouping {
        case .lever: return label(l, at: k, in: scenario)
        case .group: return l.group ?? fileStem(l.location.file)
        case .chapter: return chapter(of: l.kind)
        }
    }

    /// `ch. N` of the kind's chapter (`LeverSpec.chapter`), else `other`.
    static func chapter(of kind: LeverKind) -> String {
        let text = kind.spec.chapter
        guard text.hasPrefix("ch. ") else { return "other" }
        let digits = text.dropFirst(4).prefix { $0.isNumber }
        return digits.isEmpty ? "other" : "ch. " + digits
    }

    /// A lever's label: its `id`, else `kind@file:line`.
    static func label(_ l: Lever, at k: Int, in scenario: Scenario) -> String {
        l.id ?? "\(l.kind.rawValue)@\(fileStem(l.location.file)):\(l.location.line)"
    }

    static func fileStem(_ path: String) -> String {
        let name = (path as NSString).lastPathComponent
        return name.hasSuffix(".yaml") ? String(name.dropLast(5)) : name.hasSuffix(".yml") ? String(name.dropLast(4)) : name
    }
}
