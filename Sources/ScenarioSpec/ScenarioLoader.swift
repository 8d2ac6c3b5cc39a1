import Foundation
import Yams

/// The outcome of loading one scenario file: the resolved scenario when there is no error, and every
/// diagnostic found (errors and warnings, in file order).
public struct ScenarioLoadResult: Sendable {
    public let scenario: Scenario?
    public let diagnostics: [ScenarioDiagnostic]
    public var errors: [ScenarioDiagnostic] { diagnostics.filter { $0.severity == .error } }
    public var warnings: [ScenarioDiagnostic] { diagnostics.filter { $0.severity == .warning } }
    public var isValid: Bool { scenario != nil }
}

/// Reads scenario files, resolves `extends`, and validates everything in one pass.
///
/// ```swift
/// let loader = ScenarioLoader(catalog: .standard, scenariosDirectory: "Scenarios")
/// let result = loader.load(path: "Scenarios/plan-2025.yaml")
/// for d in result.diagnostics { print(d) }        // file:line:column: error: field: message
/// let scenario = try loader.scenario(path: "Scenarios/baseline.yaml")
/// ```
public struct ScenarioLoader: Sendable {
    public var catalog: ScenarioCatalog
    public var parameters: ParameterCatalog
    /// Folder of the bundled scenarios, where a bare `extends: name` is looked up first (then next to the file).
    public var scenariosDirectory: String?
    /// Folders where a bare `extends: name` is looked up last, after `scenariosDirectory` and the file's
    /// folder: by default the scenarios installed or built with chengyu
    /// (`ScenarioValidation.bundledScenariosDirectories()`), so a scenario in any folder finds `baseline`.
    public var fallbackDirectories: [String]

    /// Default horizon when no file in the chain gives one.
    public static let defaultHorizon = 2019...2035
    /// The base year: horizons start here; levers act from the year after.
    public static let baseYear = 2019
    /// The latest horizon end accepted.
    public static let latestYear = 2060

    public init(catalog: ScenarioCatalog = .standard, parameters: ParameterCatalog = .standard,
                scenariosDirectory: String? = nil,
                fallbackDirectories: [String] = ScenarioValidation.bundledScenariosDirectories()) {
        self.catalog = catalog
        self.parameters = parameters
        self.scenariosDirectory = scenariosDirectory
        self.fallbackDirectories = fallbackDirectories
    }

    /// Loads and resolves the scenario at `path`.
    public func load(path: String) -> ScenarioLoadResult {
        var state = LoadState()
        let resolved = resolve(path: path, yaml: nil, stack: [], state: &state)
        return finish(resolved, path: path, state: &state)
    }

    /// Loads and resolves a scenario given as text; `path` names it in diagnostics and anchors relative
    /// `extends`.
    public func load(yaml: String, path: String) -> ScenarioLoadResult {
        var state = LoadState()
        let resolved = resolve(path: path, yaml: yaml, stack: [], state: &state)
        return finish(resolved, path: path, state: &state)
    }

    /// The resolved scenario at `path`, or `ScenarioError.invalid` with every error.
    public func scenario(path: String) throws(ScenarioError) -> Scenario {
        let result = load(path: path)
        guard let s = result.scenario else { throw .invalid(result.errors) }
        return s
    }

    // MARK: - Internals

    struct LoadState {
        var diagnostics: [ScenarioDiagnostic] = []
        var parsed: [String: ParsedFile] = [:]
        /// Cycles found: the file where a cycle closes → the chain, so that every file on it reports.
        var cycles: [String: String] = [:]
    }

    /// One lever as read, before the horizon is known.
    struct Draft {
        var kind: LeverKind
        var id: String?
        var note: String?
        var group: String?
        var places: [String] = []
        var sectors: [String] = []
        var operation: LeverOperation?
        var unit: String?
        var points: [YearValue] = []
        var from: Int?
        var until: Int?
        var market: ExportMarket?
        var population: ConsumerGroup?
        var distribution: AmountDistribution?
        var parameterID: String?
        var indicatorID: String?
        var railProject: RailProjectOpening?
        var railLink: RailLink?
        var location: SourceLocation
        var field: String
        /// Canonical path of the file the lever is written in.
        var origin = ""
        /// Every year written in the lever with where it was written.
        var years: [(Int, SourceLocation, String)] = []
        /// The lever had errors: its years are still checked, but it is not built.
        var hasErrors = false

        func lever(until horizonEnd: Int) -> Lever {
            var schedule: LeverSchedule?
            if operation != nil, let first = points.first {
                schedule = LeverSchedule(from: from ?? first.year, until: until ?? horizonEnd, points: points)
            }
            return Lever(id: id, kind: kind, places: places, sectors: sectors, operation: operation, unit: unit,
                         schedule: schedule, market: market, population: population, distribution: distribution,
                         parameterID: parameterID, indicatorID: indicatorID, railProject: railProject,
                         railLink: railLink, note: note, group: group, location: location)
        }
    }

    struct Reference {
        var text: String
        var location: SourceLocation
        var field: String
    }

    struct ParsedFile {
        var path: String
        var ok = true
        var schema: String?
        var name: String?
        var title: String?
        var description: String?
        var extends: [Reference] = []
        var horizon: ClosedRange<Int>?
        var parameters: [(String, ParameterValue)] = []
        var levers: [Draft] = []
        var goals: [String]?
    }

    /// A file's resolved content. Each file of the `extends` graph is applied once, at its first
    /// occurrence in depth-first order (a diamond such as plan-2025 → {rail, reform} → baseline applies
    /// baseline once).
    struct Resolved {
        var horizon: ClosedRange<Int>?
        var parameters: [String: ParameterValue] = [:]
        /// Parameter settings in application order with the file they come from.
        var parameterLog: [(String, ParameterValue, String)] = []
        var levers: [Draft] = []
        var goals: [String]?
        var parentFiles: [String] = []
        /// Canonical paths of the files applied, in order.
        var applied: [String] = []
        var file: ParsedFile?
    }

    static func canonicalPath(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    package static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return path[..<slash].isEmpty ? "/" : String(path[..<slash])
    }

    package static func join(_ dir: String, _ name: String) -> String {
        if name.hasPrefix("/") { return name }
        if dir == "." { return name }
        return dir.hasSuffix("/") ? dir + name : dir + "/" + name
    }

    /// Candidate files for an `extends` reference (or a sweep's `base`) made in the file at `path`.
    package func candidates(for ref: String, from path: String) -> [String] {
        let isBareName = !ref.contains("/") && !ref.hasSuffix(".yaml") && !ref.hasSuffix(".yml")
        if isBareName {
            var out: [String] = []
            if let dir = scenariosDirectory { out.append(Self.join(dir, ref + ".yaml")) }
            out.append(Self.join(Self.directory(of: path), ref + ".yaml"))
            for dir in fallbackDirectories {
                let candidate = Self.join(dir, ref + ".yaml")
                if !out.contains(candidate) { out.append(candidate) }
            }
            return out
        }
        return [Self.join(Self.directory(of: path), ref)]
    }

    /// Names (file names without `.yaml`) of the scenarios in `scenariosDirectory` and beside `path`, for
    /// "did you mean" on an `extends` that names none.
    func knownScenarioNames(near path: String) -> Set<String> {
        var names: Set<String> = []
        for dir in [scenariosDirectory, Self.directory(of: path)].compactMap({ $0 }) + fallbackDirectories {
            for file in (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [] where file.hasSuffix(".yaml") {
                names.insert(String(file.dropLast(5)))
            }
        }
        return names
    }

    func resolve(path: String, yaml: String?, stack: [String], state: inout LoadState) -> Resolved? {
        let key = Self.canonicalPath(path)
        guard let file = parsedFile(path: path, yaml: yaml, key: key, state: &state), file.ok else { return nil }
        var out = Resolved()
        out.file = file
        for ref in file.extends {
            guard let (parent, parentPath, parentKey) = resolveParent(ref, of: path, key: key, stack: stack, state: &state)
            else { continue }
            apply(parent, path: parentPath, key: parentKey, into: &out)
        }
        if let h = file.horizon { out.horizon = h }
        for (id, value) in file.parameters {
            out.parameters[id] = value
            out.parameterLog.append((id, value, key))
        }
        merge(into: &out, levers: file.levers.map { var d = $0; d.origin = key; return d })
        if let g = file.goals { out.goals = g }
        out.applied.append(key)
        return out
    }

    /// The parsed file at `path` (`yaml` its text when given, else read from disk), cached under its canonical
    /// `key`; nil, with the error recorded and a failed entry cached, when it cannot be read.
    func parsedFile(path: String, yaml: String?, key: String, state: inout LoadState) -> ParsedFile? {
        if let cached = state.parsed[key] { return cached }
        var reader = NodeReader(file: path)
        func unreadable(_ message: String) -> ParsedFile? {
            reader.error(nil, "", message)
            state.diagnostics += reader.diagnostics
            state.parsed[key] = ParsedFile(path: path, ok: false)
            return nil
        }
        let text: String
        if let yaml {
            text = yaml
        } else if let v = YAMLInputLimits.violation(atPath: path) {
            return unreadable(v.message)
        } else if let data = FileManager.default.contents(atPath: path), let s = String(data: data, encoding: .utf8) {
            text = s
        } else {
            return unreadable(FileManager.default.fileExists(atPath: path) ? "cannot read the file as UTF-8 text" : "no such file")
        }
        let file = parse(text: text, path: path, reader: &reader)
        state.diagnostics += reader.diagnostics
        state.parsed[key] = file
        return file
    }

    /// The parent an `extends` reference names, resolved, with its path and canonical key; nil, with the error
    /// recorded, when it is not found, closes a cycle or has errors.
    func resolveParent(
        _ ref: Reference, of path: String, key: String, stack: [String], state: inout LoadState
    ) -> (Resolved, String, String)? {
        let options = candidates(for: ref.text, from: path)
        guard let parentPath = options.first(where: ScenarioValidation.isFile) else {
            state.diagnostics.append(ScenarioDiagnostic(
                at: ref.location, field: ref.field,
                message: "parent scenario '\(ref.text)' not found (looked for \(options.joined(separator: ", ")))"
                    + Suggest.hint(for: ref.text, in: knownScenarioNames(near: path))))
            return nil
        }
        let parentKey = Self.canonicalPath(parentPath)
        if parentKey == key || stack.contains(parentKey) {
            let start = stack.firstIndex(of: parentKey) ?? stack.count
            let chain = (stack[start...] + [key, parentKey]).map { URL(fileURLWithPath: $0).lastPathComponent }
                .joined(separator: " → ")
            state.diagnostics.append(ScenarioDiagnostic(
                at: ref.location, field: ref.field, message: "extends cycle: \(chain)"))
            if parentKey != key { state.cycles[parentKey] = chain }
            return nil
        }
        let resolvedParent = resolve(path: parentPath, yaml: nil, stack: stack + [key], state: &state)
        if let chain = state.cycles[key] {
            state.diagnostics.append(ScenarioDiagnostic(
                at: ref.location, field: ref.field, message: "extends cycle: \(chain)"))
            state.cycles[key] = nil
        } else if resolvedParent != nil {
            let parentErrors = state.diagnostics.filter { $0.severity == .error && $0.file == parentPath }.count
            if parentErrors > 0 {
                state.diagnostics.append(ScenarioDiagnostic(
                    at: ref.location, field: ref.field,
                    message: "parent scenario '\(ref.text)' has \(parentErrors) error(s), listed under \(parentPath)"))
            }
        }
        guard let parent = resolvedParent else {
            state.diagnostics.append(ScenarioDiagnostic(
                at: ref.location, field: ref.field, message: "parent scenario '\(ref.text)' has errors"))
            return nil
        }
        return (parent, parentPath, parentKey)
    }

    /// Applies a resolved parent once: the files it applied that `out` has not, in its order.
    func apply(_ parent: Resolved, path parentPath: String, key parentKey: String, into out: inout Resolved) {
        let already = Set(out.applied)
        guard !already.contains(parentKey) else { return }
        for (f, k) in zip(parent.parentFiles + [parentPath], parent.applied) where !already.contains(k) {
            out.parentFiles.append(f)
        }
        if let h = parent.horizon { out.horizon = h }
        for (id, value, origin) in parent.parameterLog where !already.contains(origin) {
            out.parameters[id] = value
            out.parameterLog.append((id, value, origin))
        }
        merge(into: &out, levers: parent.levers.filter { !already.contains($0.origin) })
        if let g = parent.goals { out.goals = g }
        out.applied += parent.applied.filter { !already.contains($0) }
    }

    /// Appends levers; one whose `id` equals an earlier lever's replaces it in place.
    func merge(into out: inout Resolved, levers: [Draft]) {
        for draft in levers {
            if let id = draft.id, let i = out.levers.firstIndex(where: { $0.id == id }) {
                out.levers[i] = draft
            } else {
                out.levers.append(draft)
            }
        }
    }

    func finish(_ resolved: Resolved?, path: String, state: inout LoadState) -> ScenarioLoadResult {
        guard let resolved, let file = resolved.file else {
            return ScenarioLoadResult(scenario: nil, diagnostics: Self.sorted(state.diagnostics))
        }
        let horizon = resolved.horizon ?? Self.defaultHorizon
        var diagnostics = state.diagnostics
        checkYears(resolved.levers, horizon: horizon, into: &diagnostics)
        let drafts = resolved.levers.filter { !$0.hasErrors }
        let levers = drafts.map { $0.lever(until: horizon.upperBound) }
        checkContradictions(drafts, levers, into: &diagnostics)
        diagnostics = Self.sorted(Array(Set(diagnostics)))
        guard !diagnostics.contains(where: { $0.severity == .error }) else {
            return ScenarioLoadResult(scenario: nil, diagnostics: diagnostics)
        }
        let scenario = Scenario(
            schema: file.schema ?? Scenario.schemaVersion, name: file.name ?? "", title: file.title ?? "",
            description: file.description ?? "", horizon: horizon, parameterOverrides: resolved.parameters,
            levers: levers, goalSets: resolved.goals ?? ["outline-2025", "vision-2035"], sourceFile: path,
            parentFiles: resolved.parentFiles, parameterCatalog: parameters)
        return ScenarioLoadResult(scenario: scenario, diagnostics: diagnostics)
    }

    static func sorted(_ d: [ScenarioDiagnostic]) -> [ScenarioDiagnostic] {
        d.sorted { ($0.file, $0.line, $0.column, $0.field, $0.message) < ($1.file, $1.line, $1.column, $1.field, $1.message) }
    }

    func checkYears(_ drafts: [Draft], horizon: ClosedRange<Int>, into diagnostics: inout [ScenarioDiagnostic]) {
        let first = horizon.lowerBound + 1
        for draft in drafts {
            for (year, location, field) in draft.years where year < first || year > horizon.upperBound {
                let message = year <= horizon.lowerBound && year >= horizon.lowerBound - 50
                    ? "year \(year) is not after the base year \(horizon.lowerBound): levers act from \(first) to \(horizon.upperBound)"
                    : "year \(year) is outside the horizon \(horizon.lowerBound)–\(horizon.upperBound) (levers act from \(first))"
                diagnostics.append(ScenarioDiagnostic(at: location, field: field, message: message))
            }
        }
    }

    /// Two `set`s on the same target in a common year with different values; the same rail project or
    /// link opened twice.
    func checkContradictions(_ drafts: [Draft], _ levers: [Lever], into diagnostics: inout [ScenarioDiagnostic]) {
        func overlap(_ a: Lever, _ b: Lever) -> Bool {
            guard a.kind == b.kind, a.parameterID == b.parameterID, a.indicatorID == b.indicatorID else { return false }
            if let m = a.market, let n = b.market, m != n, m != .both, n != .both { return false }
            if let p = a.population, let q = b.population, p != q, p != .both, q != .both { return false }
            if !a.places.isEmpty || !b.places.isEmpty {
                let pa = a.places.reduce(into: Set<String>()) { $0.formUnion(catalog.expand($1)) }
                let pb = b.places.reduce(into: Set<String>()) { $0.formUnion(catalog.expand($1)) }
                if pa.isDisjoint(with: pb) { return false }
            }
            if !a.sectors.isEmpty, !b.sectors.isEmpty, Set(a.sectors).isDisjoint(with: b.sectors) { return false }
            return true
        }
        for j in levers.indices {
            let b = levers[j]
            for i in 0..<j {
                let a = levers[i]
                let where_ = "\(a.location.file):\(a.location.line) (\(drafts[i].field))"
                if let p = a.railProject, let q = b.railProject, p.projectID == q.projectID {
                    diagnostics.append(ScenarioDiagnostic(at: b.location, field: drafts[j].field + ".project",
                        message: "rail project \(q.projectID) is opened twice; it contradicts \(where_)"))
                    continue
                }
                if let p = a.railLink, let q = b.railLink, p.linkID == q.linkID {
                    diagnostics.append(ScenarioDiagnostic(at: b.location, field: drafts[j].field + ".id",
                        message: "rail link '\(q.linkID)' is defined twice; it contradicts \(where_)"))
                    continue
                }
                guard a.operation == .set, b.operation == .set, let sa = a.schedule, let sb = b.schedule,
                      overlap(a, b) else { continue }
                let common = max(sa.from, sb.from)...max(max(sa.from, sb.from), min(sa.until, sb.until))
                guard max(sa.from, sb.from) <= min(sa.until, sb.until) else { continue }
                if let year = common.first(where: { abs(sa.interpolated(at: $0) - sb.interpolated(at: $0)) > 1e-12 }) {
                    diagnostics.append(ScenarioDiagnostic(at: b.location, field: drafts[j].field,
                        message: "contradicts \(where_): both set '\(b.kind.rawValue)' on an overlapping target in \(year) (\(CanonicalText.number(sa.interpolated(at: year))) vs \(CanonicalText.number(sb.interpolated(at: year))))"))
                }
            }
        }
    }
}
