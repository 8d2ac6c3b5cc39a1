import Foundation
import Yams

extension ScenarioLoader {
    static let topLevelKeys = ["schema", "name", "title", "description", "extends", "horizon", "parameters",
                               "levers", "goals"]

    func parse(text: String, path: String, reader: inout NodeReader) -> ParsedFile {
        var file = ParsedFile(path: path)
        let composed = Self.composeRoot(text: text, path: path, reader: &reader)
        if composed.failed { file.ok = false }
        guard let root = composed.root, case .mapping(let top) = root else {
            if !composed.failed {
                reader.error(composed.root, "", "a scenario file is a mapping with schema, name, title, … (found \(composed.root.map(NodeReader.describe) ?? "nothing"))")
            }
            return file
        }
        for (keyNode, value) in top {
            guard let key = keyNode.string else { reader.error(keyNode, "", "keys are text"); continue }
            parseTopLevel(key, keyNode: keyNode, value: value, into: &file, reader: &reader)
        }
        Self.checkRequiredKeys(top, at: reader.location(root), reader: &reader)
        Self.checkLeverIDs(file.levers, reader: &reader)
        return file
    }

    /// The YAML document of a scenario file (nil for an empty one), or `failed` with the error recorded: input
    /// limits, syntax (with the line and column YAML reports), duplicate keys.
    static func composeRoot(text: String, path: String, reader: inout NodeReader) -> (root: Node?, failed: Bool) {
        if let v = YAMLInputLimits.violation(in: text) {
            reader.diagnostics.append(ScenarioDiagnostic(at: SourceLocation(file: path, line: v.line, column: 1), field: "", message: v.message))
            return (nil, true)
        }
        do {
            return (try Yams.compose(yaml: text), false)
        } catch {
            reader.diagnostics.append(Self.yamlDiagnostic(error, text: text, path: path))
            return (nil, true)
        }
    }

    /// The located diagnostic of an error from composing a YAML file (scenario and sweep files alike): syntax with
    /// the line and column YAML reports (`yamlSyntaxMessage`), duplicate keys; anything else at line 1.
    public static func yamlDiagnostic(_ error: any Error, text: String, path: String) -> ScenarioDiagnostic {
        switch error as? YamlError {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return ScenarioDiagnostic(
                at: SourceLocation(file: path, line: mark.line, column: mark.column), field: "",
                message: yamlSyntaxMessage(problem, text: text, line: mark.line))
        case .duplicatedKeysInMapping(let duplicates, let context):
            return ScenarioDiagnostic(
                at: SourceLocation(file: path, line: context.mark.line, column: context.mark.column), field: "",
                message: "duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) in one mapping")
        default:
            return ScenarioDiagnostic(at: SourceLocation(file: path, line: 1, column: 1), field: "", message: "YAML: \(error)")
        }
    }

    /// One top-level key of a scenario file into the parsed file.
    func parseTopLevel(_ key: String, keyNode: Node, value: Node, into file: inout ParsedFile, reader: inout NodeReader) {
        switch key {
        case "schema":
            if let s = reader.string(value, key) {
                if s == Scenario.schemaVersion { file.schema = s } else {
                    reader.error(value, key, "unsupported schema '\(s)'; this version reads '\(Scenario.schemaVersion)'")
                }
            }
        case "name":
            if let s = reader.string(value, key) {
                if Scenario.isSlug(s) { file.name = s } else {
                    reader.error(value, key, "name '\(s)' is not a slug (lower-case letters, digits and '-')")
                }
            }
        case "title": file.title = reader.string(value, key)
        case "description": file.description = reader.string(value, key)
        case "extends":
            for (ref, node, field) in reader.stringList(value, key) ?? [] {
                file.extends.append(Reference(text: ref, location: reader.location(node), field: field))
            }
        case "horizon": file.horizon = parseHorizon(value, reader: &reader)
        case "parameters": file.parameters = parseParameters(value, reader: &reader)
        case "levers":
            guard case .sequence(let seq) = value else {
                reader.error(value, key, "expected a list of levers, found \(NodeReader.describe(value))")
                return
            }
            for (i, item) in seq.enumerated() {
                if let draft = parseLever(item, field: "levers[\(i)]", reader: &reader) { file.levers.append(draft) }
            }
        case "goals":
            var goals: [String] = []
            for (g, node, field) in reader.stringList(value, key) ?? [] {
                if catalog.goalSetIDs.contains(g) { goals.append(g) } else {
                    reader.error(node, field, "unknown goal set '\(g)'\(Suggest.hint(for: g, in: catalog.goalSetIDs)); known: \(catalog.goalSetIDs.sorted().joined(separator: ", "))")
                }
            }
            file.goals = goals
        default:
            reader.error(keyNode, key, "unknown key '\(key)'\(Suggest.hint(for: key, in: Self.topLevelKeys))")
        }
    }

    /// schema, name and title are required (the error at the document's start).
    static func checkRequiredKeys(_ top: Node.Mapping, at start: SourceLocation, reader: inout NodeReader) {
        if top["schema"] == nil {
            reader.diagnostics.append(ScenarioDiagnostic(at: start, field: "schema",
                message: "missing 'schema: \(Scenario.schemaVersion)'"))
        }
        if top["name"] == nil {
            reader.diagnostics.append(ScenarioDiagnostic(at: start, field: "name", message: "missing 'name' (a slug)"))
        }
        if top["title"] == nil {
            reader.diagnostics.append(ScenarioDiagnostic(at: start, field: "title", message: "missing 'title'"))
        }
    }

    /// Lever ids are unique within a file.
    static func checkLeverIDs(_ levers: [Draft], reader: inout NodeReader) {
        var seen: [String: String] = [:]
        for draft in levers {
            guard let id = draft.id else { continue }
            if let other = seen[id] {
                reader.diagnostics.append(ScenarioDiagnostic(at: draft.location, field: draft.field + ".id",
                    message: "lever id '\(id)' is already used by \(other) in this file"))
            } else {
                seen[id] = draft.field
            }
        }
    }

    func parseHorizon(_ node: Node, reader: inout NodeReader) -> ClosedRange<Int>? {
        guard let m = reader.mapping(node, "horizon") else { return nil }
        var start: Int?, end: Int?
        for (k, v) in m {
            let key = k.string ?? ""
            switch key {
            case "start":
                if let y = reader.year(v, "horizon.start") {
                    if y == Self.baseYear { start = y } else {
                        reader.error(v, "horizon.start", "the horizon starts in the base year \(Self.baseYear), not \(y)")
                    }
                }
            case "end":
                if let y = reader.year(v, "horizon.end") {
                    if y > Self.baseYear && y <= Self.latestYear { end = y } else {
                        reader.error(v, "horizon.end", "horizon end \(y) must lie in \(Self.baseYear + 1)–\(Self.latestYear)")
                    }
                }
            default:
                reader.error(k, "horizon.\(key)", "unknown key '\(key)'\(Suggest.hint(for: key, in: ["start", "end"]))")
            }
        }
        if m["end"] == nil { reader.error(node, "horizon", "missing 'end'") }
        guard let end else { return nil }
        return (start ?? Self.baseYear)...end
    }

    func parseParameters(_ node: Node, reader: inout NodeReader) -> [(String, ParameterValue)] {
        guard let m = reader.mapping(node, "parameters") else { return [] }
        var out: [(String, ParameterValue)] = []
        for (k, v) in m {
            guard let id = k.string else { continue }
            let field = "parameters.\(id)"
            guard let def = parameters[id] else {
                reader.error(k, field, "unknown parameter '\(id)'\(Suggest.hint(for: id, in: parameters.ids))")
                continue
            }
            if def.isChoice {
                guard let s = reader.string(v, field) else { continue }
                if def.choices.contains(s) { out.append((id, .choice(s))) } else {
                    reader.error(v, field, "'\(s)' is not one of \(def.choices.joined(separator: ", "))\(Suggest.hint(for: s, in: def.choices))")
                }
                continue
            }
            var valueNode = v
            var unit: String?
            if case .mapping(let vm) = v {
                for (kk, _) in vm where !["value", "unit"].contains(kk.string ?? "") {
                    reader.error(kk, "\(field).\(kk.string ?? "")", "unknown key '\(kk.string ?? "")'; a parameter takes 'value' and 'unit'")
                }
                guard let vn = vm["value"] else { reader.error(v, field, "missing 'value'"); continue }
                valueNode = vn
                if let un = vm["unit"] { unit = reader.string(un, "\(field).unit") ?? "?" }
            }
            guard var x = reader.number(valueNode, field) else { continue }
            if let unit {
                guard let converted = def.dimension.toCanonical(x, unit: unit) else {
                    reader.error(v.mapping?["unit"] ?? v, "\(field).unit",
                                 "unit '\(unit)' does not fit parameter \(id) (unit \(def.unit); accepted: \(def.dimension.spellings.joined(separator: ", ")))")
                    continue
                }
                x = CanonicalText.rounded(converted)
            }
            if let problem = def.outOfRange(x) {
                reader.error(valueNode, field, problem)
                continue
            }
            out.append((id, .number(x)))
        }
        return out
    }

    /// The message of a YAML syntax error: a tab in the indentation (which YAML forbids) is said plainly with
    /// its line, instead of the parser's wording; other problems keep the parser's text.
    static func yamlSyntaxMessage(_ problem: String, text: String, line: Int) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let tabbed = lines.indices.first { lines[$0].prefix { $0 == " " || $0 == "\t" }.contains("\t") }
        if problem.contains("tab") || (tabbed != nil && tabbed! + 1 <= line) {
            let at = tabbed.map { " (line \($0 + 1))" } ?? ""
            return "a tab character in the indentation\(at): YAML indents with spaces only; replace the tab with spaces"
        }
        return "YAML syntax: \(problem)"
    }
}
