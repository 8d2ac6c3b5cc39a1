import BaseData
import Foundation
import ScenarioSpec
import SimulationEngine
import Yams

/// The sampling design of a sweep.
public enum SweepDesignKind: String, Codable, Sendable, CaseIterable {
    /// Full factorial grid over each factor's levels.
    case grid
    /// One factor at a time from the base point, over each factor's levels.
    case oat
    /// Latin hypercube of `samples` runs over each factor's range.
    case lhs
    /// Saltelli's design for Sobol indices: `samples·(d + 2)` runs.
    case sobol
}

/// One varied quantity: a model parameter (catalog id) or the strength of a lever of the base scenario.
public struct SweepFactor: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable { case parameter, lever }
    public let kind: Kind
    /// Parameter id (`flq.delta`) or lever id (`czy`).
    public let id: String
    public let low: Double
    public let high: Double
    /// Explicit levels (grid and one-at-a-time designs).
    public let levels: [Double]?
    /// The value in the base scenario (the parameter's effective value; 1 for a lever strength).
    public let base: Double

    /// Column name in results: the parameter id, or `lever.<id>` for a lever strength.
    public var column: String { kind == .parameter ? id : "lever." + id }
}

/// One kept output: an indicator at a place in a year (a goal's, or one the sweep file names), its value or
/// whether the goal is met (1/0).
public struct SweepOutput: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable { case value, met }
    /// Column name in results.
    public let name: String
    public let indicator: String
    public let place: String
    public let year: Int
    public let kind: Kind
    /// The goal this output measures (value: the goal's own value, e.g. GDP at current prices).
    public let goalID: String?
}

/// A validated sweep file.
public struct SweepSpec: Sendable {
    public static let schemaVersion = "chengyu/sweep/v1"
    /// The largest number of runs a sweep file may expand to.
    public static let maxRuns = 1_000_000
    /// Lever strengths are factors in this range.
    public static let leverStrengthBounds: ClosedRange<Double> = 0...10

    public let file: String
    public let name: String
    public let description: String
    /// The resolved base scenario.
    public let base: Scenario
    /// Last simulated year.
    public let until: Int
    public let seed: UInt64
    public let design: SweepDesignKind
    /// lhs: runs; sobol: base samples N.
    public let samples: Int?
    public let factors: [SweepFactor]
    public let outputs: [SweepOutput]
    /// Keep each run's full trajectory as `RUN/trajectories/run-<id>.csv` (tidy long CSV).
    public let keepTrajectories: Bool
    /// Default shard count written to the manifest.
    public let shards: Int
    /// SHA-256 of the sweep file's bytes.
    public let fileHash: String
}

/// The outcome of loading a sweep file: the spec when there is no error, and every diagnostic.
public struct SweepLoadResult: Sendable {
    public let spec: SweepSpec?
    public let diagnostics: [ScenarioDiagnostic]
    public var errors: [ScenarioDiagnostic] { diagnostics.filter { $0.severity == .error } }
    public var warnings: [ScenarioDiagnostic] { diagnostics.filter { $0.severity == .warning } }
}

/// Reads and validates sweep files (YAML). Every problem is a diagnostic `file:line:column: error: field: message`.
///
/// ```yaml
/// schema: chengyu/sweep/v1
/// name: example
/// base: baseline                 # bundled scenario name, or a path relative to this file
/// until: 2035                    # optional: last year (default: the base scenario's horizon end)
/// seed: 42
/// design: {kind: lhs, samples: 30}        # grid | oat | lhs | sobol (samples = N base samples)
/// parameters:
///   flq.delta: {range: [0.15, 0.35]}      # omitted range: the catalog's sweep range
///   trade.eta.goods: {levels: [0.8, 1.2]} # or levels: 3 (evenly spaced over the range)
/// levers:
///   czy: {range: [0.5, 1.5]}              # strength factor on a lever of the base scenario
/// outputs:
///   goals: true                           # each goal's indicator at its place and year (default true)
///   met: true                             # plus a 1/0 column per goal (default true)
///   indicators: [{indicator: gdp, place: circle, year: 2030}]
///   trajectories: false                   # true: every run's full trajectory as a CSV file
/// shards: 4
/// ```
public struct SweepSpecLoader: Sendable {
    public var scenarioLoader: ScenarioLoader
    public var goals: [Goal]
    public var parameters: ParameterCatalog

    public init(scenarioLoader: ScenarioLoader, goals: [Goal], parameters: ParameterCatalog = .standard) {
        self.scenarioLoader = scenarioLoader
        self.goals = goals
        self.parameters = parameters
    }

    static let topKeys = ["schema", "name", "description", "base", "until", "seed", "design", "parameters", "levers",
                          "outputs", "shards"]

    public func load(path: String) -> SweepLoadResult {
        if let v = YAMLInputLimits.violation(atPath: path) {
            return SweepLoadResult(spec: nil, diagnostics: [ScenarioDiagnostic(
                at: SourceLocation(file: path, line: v.line, column: 1), field: "", message: v.message)])
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            return SweepLoadResult(spec: nil, diagnostics: [ScenarioDiagnostic(
                at: SourceLocation(file: path, line: 1, column: 1), field: "",
                message: FileManager.default.fileExists(atPath: path) ? "cannot read the file" : "no such file")])
        }
        return load(text: String(decoding: data, as: UTF8.self), path: path)
    }

    public func load(text: String, path: String) -> SweepLoadResult {
        var r = NodeReader(file: path)
        guard let doc = Self.readDocument(text: text, path: path, reader: &r) else {
            return SweepLoadResult(spec: nil, diagnostics: r.diagnostics)
        }
        let header = Self.readHeader(doc, reader: &r)
        let base = loadBase(doc, path: path, reader: &r)
        let settings = Self.readRunSettings(doc, base: base, reader: &r)
        let plan = Self.readDesign(doc, reader: &r)
        let factors = readFactors(doc, base: base, design: plan.design, reader: &r)
        let outputs = readOutputs(doc, until: settings.until, reader: &r)
        Self.checkSize(doc, design: plan.design, samples: plan.samples, factors: factors, reader: &r)

        let diagnostics = r.diagnostics.sorted { ($0.file, $0.line, $0.column, $0.field) < ($1.file, $1.line, $1.column, $1.field) }
        guard !diagnostics.contains(where: { $0.severity == .error }), let b = base, let d = plan.design else {
            return SweepLoadResult(spec: nil, diagnostics: diagnostics)
        }
        let spec = SweepSpec(
            file: path, name: header.name, description: header.description, base: b, until: settings.until,
            seed: settings.seed, design: d, samples: plan.samples, factors: factors, outputs: outputs.outputs,
            keepTrajectories: outputs.keepTrajectories, shards: settings.shards, fileHash: SHA256.hexDigest(text))
        return SweepLoadResult(spec: spec, diagnostics: diagnostics)
    }

    // MARK: - The sections of a sweep file, read in order (the order of the diagnostics before sorting)

    /// The top-level mapping of a sweep file.
    private struct Document {
        let root: Node
        let top: Node.Mapping
        func value(_ key: String) -> Node? { top[Node(key)] }
    }

    /// `until`, `seed` and `shards`.
    private struct RunSettings {
        var until: Int
        var seed: UInt64 = 0
        var shards = 1
    }

    /// `design`: its kind and sample count, each nil when missing or invalid.
    private struct DesignChoice {
        var design: SweepDesignKind?
        var samples: Int?
    }

    /// `outputs`: the kept outputs (the goals' and the named indicators') and whether trajectories are kept.
    private struct OutputSelection {
        var outputs: [SweepOutput]
        var keepTrajectories: Bool
    }

    /// The options of `outputs:` and its named indicators, before the goals' outputs are added.
    private struct OutputOptions {
        var wantGoals = true, wantMet = true, keepTrajectories = false
        var explicit: [SweepOutput] = []
    }

    /// A factor being read: its bounds and base value from the catalog or the base scenario, then its range and
    /// levels from the file.
    private struct FactorDraft {
        let kind: SweepFactor.Kind
        let id: String
        let hard: ClosedRange<Double>
        let baseValue: Double
        var low: Double?, high: Double?, levels: [Double]?, levelCount: Int?
    }

    /// The file's YAML as a mapping with only known, unrepeated top-level keys; nil after recording a diagnostic
    /// when it is over the input limits, empty, not YAML, or not a mapping.
    private static func readDocument(text: String, path: String, reader r: inout NodeReader) -> Document? {
        guard let root = composeRoot(text: text, path: path, reader: &r) else { return nil }
        guard case .mapping(let top) = root else {
            r.error(root, "", "a sweep file is a mapping (key: value lines)")
            return nil
        }
        var seen = Set<String>()
        for (k, _) in top {
            let key = k.string ?? ""
            if !Self.topKeys.contains(key) {
                r.error(k, key, "unknown key '\(key)'\(Suggest.hint(for: key, in: Self.topKeys)); allowed: \(Self.topKeys.joined(separator: ", "))")
            }
            if !seen.insert(key).inserted { r.error(k, key, "duplicate key '\(key)'") }
        }
        return Document(root: root, top: top)
    }

    /// The root node of the file's YAML; nil after recording a diagnostic.
    private static func composeRoot(text: String, path: String, reader r: inout NodeReader) -> Node? {
        if let v = YAMLInputLimits.violation(in: text) {
            r.diagnostics.append(ScenarioDiagnostic(at: SourceLocation(file: path, line: v.line, column: 1), field: "", message: v.message))
            return nil
        }
        do {
            guard let n = try Yams.compose(yaml: text) else {
                r.error(nil, "", "the file is empty")
                return nil
            }
            return n
        } catch {
            r.diagnostics.append(ScenarioLoader.yamlDiagnostic(error, text: text, path: path))
            return nil
        }
    }

    /// `schema` (checked), `name` (a slug; "" when invalid) and `description`.
    private static func readHeader(_ doc: Document, reader r: inout NodeReader) -> (name: String, description: String) {
        if let n = doc.value("schema") {
            if let s = r.string(n, "schema"), s != SweepSpec.schemaVersion {
                r.error(n, "schema", "unknown schema '\(s)'; expected \(SweepSpec.schemaVersion)")
            }
        } else { r.error(doc.root, "schema", "missing; write schema: \(SweepSpec.schemaVersion)") }
        var name = ""
        if let n = doc.value("name"), let s = r.string(n, "name") {
            if !Scenario.isSlug(s) {
                r.error(n, "name", "'\(s)' is not a slug (lower-case letters, digits and hyphens)")
            } else { name = s }
        } else if doc.value("name") == nil { r.error(doc.root, "name", "missing") }
        let description = doc.value("description").flatMap { r.string($0, "description") } ?? ""
        return (name, description)
    }

    /// `base`: the base scenario, looked up as a bundled scenario name or a path relative to the sweep file;
    /// nil after recording a diagnostic (the scenario's own diagnostics included).
    private func loadBase(_ doc: Document, path: String, reader r: inout NodeReader) -> Scenario? {
        guard let n = doc.value("base"), let ref = r.string(n, "base") else {
            if doc.value("base") == nil { r.error(doc.root, "base", "missing: a bundled scenario name or a path relative to this file") }
            return nil
        }
        guard !ref.trimmingCharacters(in: .whitespaces).isEmpty else {
            r.error(n, "base", "expected a bundled scenario name or a path relative to this file, found an empty value")
            return nil
        }
        let candidates = baseCandidates(ref, path: path)
        guard let found = candidates.first(where: ScenarioValidation.isFile) else {
            r.error(n, "base", "base scenario '\(ref)' not found (looked for \(candidates.joined(separator: ", ")))")
            return nil
        }
        let loaded = scenarioLoader.load(path: found)
        r.diagnostics += loaded.diagnostics
        if loaded.scenario == nil { r.error(n, "base", "the base scenario '\(found)' is invalid (see above)") }
        return loaded.scenario
    }

    /// The files `base: ref` may name, in order: those of a scenario's `extends` (`ScenarioLoader.candidates`: a bare
    /// name in the scenarios folder, beside the sweep file, in the bundled folders; else the path relative to the
    /// sweep file), then, for a bare name, that name as a path beside the sweep file.
    private func baseCandidates(_ ref: String, path: String) -> [String] {
        let candidates = scenarioLoader.candidates(for: ref, from: path)
        let asPath = ScenarioLoader.join(ScenarioLoader.directory(of: path), ref)
        return candidates.contains(asPath) ? candidates : candidates + [asPath]
    }

    /// `until` (default: the base scenario's horizon end, or 2035), `seed` (default 0, with a warning) and
    /// `shards` (default 1).
    private static func readRunSettings(_ doc: Document, base: Scenario?, reader r: inout NodeReader) -> RunSettings {
        var settings = RunSettings(until: base?.horizon.upperBound ?? 2035)
        if let n = doc.value("until"), let y = r.int(n, "until") {
            let horizon = base?.horizon ?? 2019...2035
            if y < 2020 || y > horizon.upperBound {
                r.error(n, "until", "year \(y) is outside 2020–\(horizon.upperBound) (the base scenario's horizon after the base year)")
            } else { settings.until = y }
        }
        if let n = doc.value("seed") {
            if case .scalar(let s) = n, let v = UInt64(s.string) { settings.seed = v } else {
                r.error(n, "seed", "expected a non-negative integer")
            }
        } else { r.warning(doc.root, "seed", "no seed given: 0 is used") }
        if let n = doc.value("shards"), let k = r.int(n, "shards") {
            if k < 1 || k > 10_000 { r.error(n, "shards", "expected 1 to 10000 shards, got \(k)") } else { settings.shards = k }
        }
        return settings
    }

    /// `design: {kind, samples}`.
    private static func readDesign(_ doc: Document, reader r: inout NodeReader) -> DesignChoice {
        var choice = DesignChoice()
        guard let n = doc.value("design") else {
            r.error(doc.root, "design", "missing: e.g. design: {kind: lhs, samples: 30}")
            return choice
        }
        guard case .mapping(let m) = n else {
            r.error(n, "design", "expected a mapping such as {kind: lhs, samples: 30}")
            return choice
        }
        for (k, _) in m where !["kind", "samples"].contains(k.string ?? "") {
            r.error(k, "design.\(k.string ?? "")", "unknown key; allowed: kind, samples")
        }
        if let kn = m[Node("kind")], let s = r.string(kn, "design.kind") {
            if let d = SweepDesignKind(rawValue: s) { choice.design = d } else {
                r.error(kn, "design.kind", "unknown design '\(s)'\(Suggest.hint(for: s, in: SweepDesignKind.allCases.map(\.rawValue))); expected grid, oat, lhs or sobol")
            }
        } else if m[Node("kind")] == nil { r.error(n, "design.kind", "missing: grid, oat, lhs or sobol") }
        if let sn = m[Node("samples")], let k = r.int(sn, "design.samples") {
            if k < 2 { r.error(sn, "design.samples", "expected at least 2, got \(k)") } else { choice.samples = k }
        }
        if let d = choice.design, d == .lhs || d == .sobol, choice.samples == nil, m[Node("samples")] == nil {
            r.error(n, "design.samples", "a \(d.rawValue) design needs samples: N")
        }
        if let d = choice.design, d == .sobol, let k = choice.samples, k & (k - 1) != 0 {
            r.warning(m[Node("samples")], "design.samples", "N = \(k) is not a power of 2: Sobol points balance best at powers of 2")
        }
        return choice
    }

    // MARK: Factors

    /// `parameters` and `levers`: the varied factors, in file order (parameters first); grid and one-at-a-time
    /// designs need levels for each.
    private func readFactors(_ doc: Document, base: Scenario?, design: SweepDesignKind?, reader r: inout NodeReader) -> [SweepFactor] {
        var factors: [SweepFactor] = []
        for (key, kind) in [("parameters", SweepFactor.Kind.parameter), ("levers", .lever)] {
            guard let n = doc.value(key) else { continue }
            guard case .mapping(let m) = n else { r.error(n, key, "expected a mapping of \(key == "parameters" ? "parameter" : "lever") id → {range: …} or {levels: …}"); continue }
            for (k, v) in m {
                let field = "\(key).\(k.string ?? "")"
                guard let f = readFactor(k, v, kind: kind, field: field, base: base, reader: &r) else { continue }
                if factors.contains(where: { $0.kind == kind && $0.id == f.id }) { r.error(k, field, "'\(f.id)' is varied twice") }
                factors.append(f)
            }
        }
        if factors.isEmpty && doc.value("parameters") == nil && doc.value("levers") == nil {
            r.error(doc.root, "parameters", "nothing is varied: give parameters: and/or levers:")
        }
        if let d = design, d == .grid || d == .oat {
            for f in factors where f.levels == nil {
                r.error(doc.root, "\(f.kind == .parameter ? "parameters" : "levers").\(f.id)", "a \(d.rawValue) design needs levels for every factor (levels: [a, b] or levels: K)")
            }
        }
        return factors
    }

    /// One factor `id: {range: [low, high]} | {levels: [a, b, …] | K} | {}`; nil after recording a diagnostic
    /// when it cannot be varied (a factor outside its hard bounds is returned, with a diagnostic).
    private func readFactor(_ keyNode: Node, _ body: Node, kind: SweepFactor.Kind, field: String, base: Scenario?,
                            reader r: inout NodeReader) -> SweepFactor? {
        let id = keyNode.string ?? ""
        let start = kind == .parameter
            ? parameterDraft(id, keyNode: keyNode, field: field, base: base, reader: &r)
            : Self.leverDraft(id, keyNode: keyNode, field: field, base: base, reader: &r)
        guard var draft = start, Self.readFactorBody(body, field: field, into: &draft, reader: &r) else { return nil }
        guard let lo = draft.low, let hi = draft.high else {
            r.error(body, field, kind == .lever ? "a lever strength needs range: [low, high] or levels" : "parameter '\(id)' has no sweep range in the catalog: give range: [low, high]")
            return nil
        }
        if let k = draft.levelCount { draft.levels = (0..<k).map { lo + (hi - lo) * Double($0) / Double(k - 1) } }
        let hard = draft.hard
        for (what, v) in [("low", lo), ("high", hi)] + (draft.levels ?? []).map({ ("level", $0) }) where !hard.contains(v) {
            r.error(body, field, "\(what) \(v) is outside the hard bounds \(hard.lowerBound)…\(hard.upperBound) of \(kind == .parameter ? "parameter '\(id)'" : "a lever strength")")
        }
        return SweepFactor(kind: kind, id: id, low: lo, high: hi, levels: draft.levels, base: draft.baseValue)
    }

    /// A numeric catalog parameter: its hard bounds, the catalog's sweep range and its value in the base scenario.
    private func parameterDraft(_ id: String, keyNode: Node, field: String, base: Scenario?, reader r: inout NodeReader) -> FactorDraft? {
        guard let def = parameters[id] else {
            r.error(keyNode, field, "unknown parameter '\(id)'\(Suggest.hint(for: id, in: parameters.ids)); see chengyu scenario parameters")
            return nil
        }
        guard !def.isChoice, let allowed = def.allowedRange else {
            r.error(keyNode, field, "parameter '\(id)' is a choice (\(def.choices.joined(separator: ", "))); only numeric parameters can be swept")
            return nil
        }
        let baseValue = (try? base?.parameterValue(id)) ?? def.defaultNumber ?? allowed.lowerBound
        return FactorDraft(kind: .parameter, id: id, hard: allowed, baseValue: baseValue,
                           low: def.sweepRange?.lowerBound, high: def.sweepRange?.upperBound)
    }

    /// The strength of a lever of the base scenario (an add, multiply or rate lever; base value 1).
    private static func leverDraft(_ id: String, keyNode: Node, field: String, base: Scenario?, reader r: inout NodeReader) -> FactorDraft? {
        if let b = base {
            let matching = b.levers.filter { $0.id == id }
            if matching.isEmpty {
                let ids = b.levers.compactMap(\.id)
                r.error(keyNode, field, "the base scenario has no lever with id '\(id)'\(Suggest.hint(for: id, in: ids))\(ids.isEmpty ? "" : "; its levers: \(ids.joined(separator: ", "))")")
                return nil
            }
            if let bad = matching.first(where: { $0.operation == nil || $0.operation == .set }) {
                r.error(keyNode, field, "lever '\(id)' is \(bad.operation == nil ? "an event" : "a 'set' lever"): only add, multiply and rate levers have a strength")
                return nil
            }
        }
        return FactorDraft(kind: .lever, id: id, hard: SweepSpec.leverStrengthBounds, baseValue: 1)
    }

    /// The body of a factor: a mapping with `range` and/or `levels`, or empty (the defaults). false after
    /// recording a diagnostic when it is neither.
    private static func readFactorBody(_ body: Node, field: String, into draft: inout FactorDraft, reader r: inout NodeReader) -> Bool {
        if case .mapping(let m) = body {
            for (k, _) in m where !["range", "levels"].contains(k.string ?? "") {
                r.error(k, "\(field).\(k.string ?? "")", "unknown key; allowed: range, levels")
            }
            if let rn = m[Node("range")] {
                if case .sequence(let seq) = rn, seq.count == 2, let a = r.number(seq[0], "\(field).range[0]"),
                   let b = r.number(seq[1], "\(field).range[1]") {
                    if a >= b { r.error(rn, "\(field).range", "the range [\(a), \(b)] is empty: write [low, high] with low < high") }
                    draft.low = a; draft.high = b
                } else { r.error(rn, "\(field).range", "expected [low, high]") }
            }
            if let ln = m[Node("levels")] {
                readLevels(ln, field: field, hasRange: m[Node("range")] != nil, into: &draft, reader: &r)
            }
        } else if case .scalar(let s) = body, s.string.isEmpty || s.string == "~" || s.string == "null" {
            // {} or empty: defaults
        } else {
            r.error(body, field, "expected a mapping such as {range: [low, high]} or {levels: [a, b, c]}")
            return false
        }
        return true
    }

    /// `levels: [a, b, …]` (which set the range when there is no `range:`) or `levels: K` (evenly spaced).
    private static func readLevels(_ ln: Node, field: String, hasRange: Bool, into draft: inout FactorDraft, reader r: inout NodeReader) {
        switch ln {
        case .sequence(let seq):
            var out: [Double] = []
            for (i, x) in seq.enumerated() { if let v = r.number(x, "\(field).levels[\(i)]") { out.append(v) } }
            if out.isEmpty { r.error(ln, "\(field).levels", "expected at least one level") }
            if Set(out).count != out.count { r.error(ln, "\(field).levels", "levels repeat a value") }
            draft.levels = out
            if !hasRange, let lo = out.min(), let hi = out.max() { draft.low = lo; draft.high = hi }
        default:
            if let k = r.int(ln, "\(field).levels") {
                if k < 2 || k > 1000 { r.error(ln, "\(field).levels", "expected 2 to 1000 evenly spaced levels, got \(k)") } else { draft.levelCount = k }
            }
        }
    }

    // MARK: Outputs

    /// `outputs`: each goal's value (and met) in a year up to `until`, then the named indicators.
    private func readOutputs(_ doc: Document, until: Int, reader r: inout NodeReader) -> OutputSelection {
        let options = Self.readOutputOptions(doc, until: until, reader: &r)
        var outputs: [SweepOutput] = []
        if options.wantGoals {
            for g in goals where g.year <= until {
                guard let def = IndicatorCatalog.definition(g.indicatorID), def.kind == .simulated || def.kind == .accounted else { continue }
                outputs.append(SweepOutput(name: Self.slug(g.id), indicator: g.indicatorID, place: g.scope, year: g.year, kind: .value, goalID: g.id))
                if options.wantMet {
                    outputs.append(SweepOutput(name: Self.slug(g.id) + "__met", indicator: g.indicatorID, place: g.scope, year: g.year, kind: .met, goalID: g.id))
                }
            }
        }
        outputs += options.explicit
        if outputs.isEmpty && !r.diagnostics.contains(where: { $0.severity == .error }) {
            r.error(doc.value("outputs") ?? doc.root, "outputs", "no outputs: every goal year is after until \(until); name outputs.indicators")
        }
        return OutputSelection(outputs: outputs, keepTrajectories: options.keepTrajectories)
    }

    /// The keys of `outputs:` (goals, met, trajectories) and its named indicators.
    private static func readOutputOptions(_ doc: Document, until: Int, reader r: inout NodeReader) -> OutputOptions {
        var options = OutputOptions()
        guard let n = doc.value("outputs") else { return options }
        guard case .mapping(let m) = n else {
            r.error(n, "outputs", "expected a mapping (goals, met, indicators)")
            return options
        }
        for (k, _) in m where !["goals", "met", "indicators", "trajectories"].contains(k.string ?? "") {
            r.error(k, "outputs.\(k.string ?? "")", "unknown key; allowed: goals, met, indicators, trajectories")
        }
        if let g = m[Node("trajectories")], let b = r.bool(g, "outputs.trajectories") { options.keepTrajectories = b }
        if let g = m[Node("goals")], let b = r.bool(g, "outputs.goals") { options.wantGoals = b }
        if let g = m[Node("met")], let b = r.bool(g, "outputs.met") { options.wantMet = b }
        if let list = m[Node("indicators")] { options.explicit = readIndicatorOutputs(list, until: until, reader: &r) }
        return options
    }

    /// `outputs.indicators`: a list of `{indicator, place, year | years}`, each output named once.
    private static func readIndicatorOutputs(_ list: Node, until: Int, reader r: inout NodeReader) -> [SweepOutput] {
        guard case .sequence(let seq) = list else {
            r.error(list, "outputs.indicators", "expected a list of {indicator, place, year}")
            return []
        }
        let places = ScenarioCatalog.standard.placeIDs
        var explicit: [SweepOutput] = []
        for (i, item) in seq.enumerated() {
            let f = "outputs.indicators[\(i)]"
            guard let candidates = readIndicatorOutput(item, field: f, until: until, places: places, reader: &r) else { continue }
            for o in candidates {
                if explicit.contains(o) || explicit.contains(where: { $0.name == o.name }) { r.error(item, f, "output named twice") } else { explicit.append(o) }
            }
        }
        return explicit
    }

    /// One item of `outputs.indicators`: its outputs, one per year; nil after recording a diagnostic.
    private static func readIndicatorOutput(_ item: Node, field f: String, until: Int, places: Set<String>,
                                            reader r: inout NodeReader) -> [SweepOutput]? {
        guard case .mapping(let im) = item else { r.error(item, f, "expected {indicator: id, place: id, year: YYYY}"); return nil }
        for (k, _) in im where !["indicator", "place", "year", "years"].contains(k.string ?? "") {
            r.error(k, "\(f).\(k.string ?? "")", "unknown key; allowed: indicator, place, year, years")
        }
        guard let inNode = im[Node("indicator")], let ind = r.string(inNode, "\(f).indicator") else {
            if im[Node("indicator")] == nil { r.error(item, "\(f).indicator", "missing") }
            return nil
        }
        if IndicatorCatalog.definition(ind) == nil {
            r.error(inNode, "\(f).indicator", "unknown indicator '\(ind)'\(Suggest.hint(for: ind, in: IndicatorCatalog.all.map(\.id)))")
            return nil
        }
        var place = "circle"
        if let pn = im[Node("place")], let p = r.string(pn, "\(f).place") {
            if !places.contains(p) { r.error(pn, "\(f).place", "unknown place '\(p)'\(Suggest.hint(for: p, in: places))"); return nil }
            place = p
        }
        guard let years = indicatorYears(im, field: f, until: until, reader: &r) else { return nil }
        return years.map {
            SweepOutput(name: "\(slug(ind))__\(slug(place))__\($0)", indicator: ind, place: place, year: $0, kind: .value, goalID: nil)
        }
    }

    /// `year: YYYY` or `years: all | [YYYY, …]` of an output (default: `until`); nil after recording a diagnostic.
    private static func indicatorYears(_ im: Node.Mapping, field f: String, until: Int, reader r: inout NodeReader) -> [Int]? {
        var years = [until]
        if let yn = im[Node("year")], let y = r.int(yn, "\(f).year") {
            if y < 2019 || y > until { r.error(yn, "\(f).year", "year \(y) is outside 2019–\(until) (until)"); return nil }
            years = [y]
        }
        if let yn = im[Node("years")] {
            guard im[Node("year")] == nil else { r.error(yn, "\(f).years", "give year or years, not both"); return nil }
            guard let ys = Self.outputYears(yn, field: "\(f).years", until: until, reader: &r) else { return nil }
            years = ys
        }
        return years
    }

    /// An output's column-name part: hyphens become underscores.
    private static func slug(_ s: String) -> String { s.replacingOccurrences(of: "-", with: "_") }

    // MARK: Size

    /// The number of runs the design expands to (at most `SweepSpec.maxRuns`), and the factors a Sobol design
    /// supports.
    private static func checkSize(_ doc: Document, design: SweepDesignKind?, samples: Int?, factors: [SweepFactor], reader r: inout NodeReader) {
        guard let d = design, !factors.isEmpty else { return }
        let count = SweepPlanner.runCount(design: d, samples: samples, factors: factors)
        if count > SweepSpec.maxRuns {
            r.error(doc.value("design") ?? doc.root, "design", "the design expands to \(count) runs, more than the limit of \(SweepSpec.maxRuns)")
        }
        if d == .sobol && 2 * factors.count > SobolSequence.maxDimensions {
            r.error(doc.value("design") ?? doc.root, "design", "a Sobol design supports at most \(SobolSequence.maxDimensions / 2) factors, got \(factors.count)")
        }
    }

    /// `years:` of an output: `all` (every simulated year after the base year, 2020…until) or a list of years
    /// in 2019…until (time-resolved outputs: one output per year, so that `sweep analyse` gives indices per
    /// year). nil after recording a diagnostic.
    static func outputYears(_ node: Node, field: String, until: Int, reader r: inout NodeReader) -> [Int]? {
        if case .scalar(let s) = node, s.string == "all" { return Array(2020...max(2020, until)) }
        guard case .sequence(let seq) = node, !seq.isEmpty else {
            r.error(node, field, "expected all or a list of years")
            return nil
        }
        var out: [Int] = []
        for item in seq {
            guard let y = r.int(item, field) else { return nil }
            guard (2019...until).contains(y), !out.contains(y) else {
                r.error(item, field, out.contains(y) ? "year \(y) named twice" : "year \(y) is outside 2019–\(until) (until)")
                return nil
            }
            out.append(y)
        }
        return out
    }
}
