extension Scenario {
    /// The resolved scenario as a flat scenario file (no `extends`, values in canonical units, parameters
    /// that differ from nothing but are overridden listed explicitly). Loading this text gives the same
    /// `contentHash`.
    /// A long single-line text (with or without one final line break) as a YAML folded block (`>` or `>-`, lines of at most 100 characters broken at
    /// single spaces, which folding turns back into those spaces), so that `scenario show` fits a terminal;
    /// a short text, or one with line breaks, tabs, quotes or runs of spaces, quoted on one line.
    static func foldedOrQuoted(_ full: String) -> String {
        let finalBreak = full.hasSuffix("\n")
        let text = finalBreak ? String(full.dropLast()) : full
        let plain = !text.contains("\n") && !text.contains("\t") && !text.contains("  ") && !text.contains("\"")
            && text.first != " " && text.last != " " && !text.hasPrefix("#")
        guard plain, text.count > 100 else { return CanonicalText.quoted(full) }
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            if !line.isEmpty && line.count + 1 + word.count > 100 {
                lines.append(line)
                line = String(word)
            } else {
                line = line.isEmpty ? String(word) : line + " " + word
            }
        }
        lines.append(line)
        return (finalBreak ? ">\n" : ">-\n") + lines.map { "  " + $0 }.joined(separator: "\n")
    }

    public func resolvedYAML() -> String {
        func q(_ s: String) -> String { CanonicalText.quoted(s) }
        func n(_ x: Double) -> String { CanonicalText.number(x) }
        var out = "# Resolved scenario \(name) from \(sourceFile)\n"
        if !parentFiles.isEmpty {
            out += "# parents applied:\n"
            for file in parentFiles { out += "#   \(file)\n" }
        }
        out += "# content hash (SHA-256): \(contentHash)\n"
        out += "schema: \(schema)\nname: \(name)\ntitle: \(q(title))\n"
        if !description.isEmpty { out += "description: \(Self.foldedOrQuoted(description))\n" }
        out += "horizon: {start: \(horizon.lowerBound), end: \(horizon.upperBound)}\n"
        if parameterOverrides.isEmpty {
            out += "parameters: {}\n"
        } else {
            out += "parameters:\n"
            for d in parameterCatalog.definitions {
                guard let v = parameterOverrides[d.id] else { continue }
                let text: String
                switch v {
                case .number(let x): text = n(x)
                case .choice(let s): text = s
                }
                out += "  \(d.id): \(text)\(d.isChoice ? "" : "   # \(d.unit); default \(d.defaultValue)")\n"
            }
        }
        if levers.isEmpty { out += "levers: []\n" } else { out += "levers:\n" }
        for lever in levers {
            out += "  - lever: \(lever.kind.rawValue)\n"
            if let id = lever.id { out += "    id: \(q(id))\n" }
            if !lever.places.isEmpty { out += Self.flowList("    where: ", lever.places) }
            if !lever.sectors.isEmpty { out += "    sectors: [\(lever.sectors.map { "\"\($0)\"" }.joined(separator: ", "))]\n" }
            if let m = lever.market { out += "    market: \(m.rawValue)\n" }
            if let p = lever.population { out += "    population: \(p.rawValue)\n" }
            if let d = lever.distribution { out += "    distribute: \(d.rawValue)\n" }
            if let p = lever.parameterID { out += "    parameter: \(p)\n" }
            if let i = lever.indicatorID { out += "    indicator: \(i)\n" }
            if let op = lever.operation, let s = lever.schedule {
                out += "    op: \(op.rawValue)\n"
                if let u = lever.unit, u != "1" { out += "    unit: \(q(u))\n" }
                out += "    from: \(s.from)\n    until: \(s.until)\n"
                out += "    path: {\(s.points.map { "\($0.year): \(n($0.value))" }.joined(separator: ", "))}\n"
            }
            if let p = lever.railProject {
                out += "    project: \(p.projectID)\n    year: \(p.openingYear)\n"
                if let v = p.designSpeedKmh { out += "    speedKmh: \(n(v))\n" }
            }
            if let l = lever.railLink {
                if lever.id == nil { out += "    id: \(q(l.linkID))\n" }
                out += "    between: [\(l.endpointA), \(l.endpointB)]\n" + (l.lengthKm.map { "    km: \(n($0))\n" } ?? "")
                out += "    speedKmh: \(n(l.designSpeedKmh))\n    year: \(l.openingYear)\n    freight: \(l.carriesFreight)\n"
                if let m = l.scheduledMinutes { out += "    minutes: \(n(m))\n" }
            }
            if let note = lever.note { out += "    note: \(q(note))\n" }
            if let group = lever.group { out += "    group: \(q(group))\n" }
        }
        out += "goals: [\(goalSets.joined(separator: ", "))]\n"
        return out
    }

    /// `prefix[a, b, …]` as one YAML flow sequence, broken after a comma so that no line passes
    /// `maxResolvedLineWidth` characters (continuation lines indented under the first item); ends with a newline.
    static func flowList(_ prefix: String, _ items: [String]) -> String {
        let indent = String(repeating: " ", count: prefix.count + 1)
        var out = "", line = prefix + "["
        for (k, item) in items.enumerated() {
            let piece = item + (k == items.count - 1 ? "]" : ",")
            if line.count + 1 + piece.count > maxResolvedLineWidth && !line.hasSuffix("[") {
                out += line + "\n"
                line = indent + piece
            } else {
                line += (line.hasSuffix("[") ? "" : " ") + piece
            }
        }
        return out + line + "\n"
    }

    /// The width the resolved YAML keeps to (the terminal tables' 120 columns).
    static let maxResolvedLineWidth = 120
}

/// The machine-readable schema of scenario files (JSON Schema, draft 2020-12), for editors.
public enum ScenarioSchema {
    public static func jsonSchema(catalog: ScenarioCatalog = .standard,
                                  parameters: ParameterCatalog = .standard) -> JSONValue {
        func str(_ s: String) -> JSONValue { .string(s) }
        func strings(_ a: [String]) -> JSONValue { .array(a.sorted().map { .string($0) }) }
        let year: JSONValue = .object([("type", str("integer")), ("minimum", .number(Double(ScenarioLoader.baseYear + 1))),
                                       ("maximum", .number(Double(ScenarioLoader.latestYear)))])
        let places: JSONValue = .object([
            ("description", str("Jurisdiction ids, group ids or circle; a single id is accepted as a one-element list.")),
            ("oneOf", .array([
                .object([("type", str("string")), ("enum", strings(Array(catalog.placeIDs)))]),
                .object([("type", str("array")), ("minItems", .number(1)), ("uniqueItems", .bool(true)),
                         ("items", .object([("type", str("string")), ("enum", strings(Array(catalog.placeIDs)))]))]),
            ])),
        ])
        let sectorItem: JSONValue = .object([("type", str("string")), ("enum", strings(Array(catalog.sectorCodes)))])
        let sectors: JSONValue = .object([
            ("description", str("Two-digit sector codes of the 42-sector table (quote them: \"01\").")),
            ("type", str("array")), ("minItems", .number(1)), ("uniqueItems", .bool(true)), ("items", sectorItem),
        ])
        var leverSchemas: [JSONValue] = []
        for kind in LeverKind.allCases {
            let spec = kind.spec
            var props: [(String, JSONValue)] = [
                ("lever", .object([("const", str(kind.rawValue))])),
                ("id", .object([("type", str("string"))])),
                ("note", .object([("type", str("string"))])),
                ("group", .object([("type", str("string"))])),
            ]
            var required = ["lever"]
            switch spec.scope {
            case .event:
                props.append(("year", year))
                props.append(("speedKmh", .object([("type", str("number")), ("exclusiveMinimum", .number(0)), ("maximum", .number(600))])))
                if kind == .railProject {
                    props.append(("project", .object([("enum", strings(Array(catalog.railProjects.keys)))])))
                    required.append("project")
                } else {
                    props.append(("between", .object([("type", str("array")), ("minItems", .number(2)), ("maxItems", .number(2)),
                        ("items", .object([("enum", strings(Array(catalog.jurisdictionIDs.union(catalog.railNodeIDs))))]))])))
                    props.append(("km", .object([("type", str("number")), ("exclusiveMinimum", .number(0))])))
                    props.append(("freight", .object([("type", str("boolean"))])))
                    required += ["id", "between", "km", "speedKmh", "year"]
                }
            case .places, .global:
                if spec.scope == .places { props.append(("where", places)); required.append("where") }
                if spec.sectors != .forbidden { props.append(("sectors", sectors)) }
                if spec.sectors == .required { required.append("sectors") }
                props.append(("op", .object([("enum", strings(spec.operations.keys.map(\.rawValue)))])))
                required.append("op")
                var units = Set<String>()
                for (_, d) in spec.operations { units.formUnion(d.spellings) }
                let unitSchema: [(String, JSONValue)] = kind == .parameter
                    ? [("type", str("string"))] : [("enum", strings(Array(units)))]
                props.append(("unit", .object(unitSchema + [
                    ("description", str("Unit of value/path; set/add/rate need one unless dimensionless.")),])))
                props.append(("value", .object([("type", str("number"))])))
                props.append(("path", .object([("type", str("object")),
                    ("description", str("Year → value, interpolated linearly, held at the ends.")),
                    ("propertyNames", .object([("pattern", str("^[0-9]{4}$"))])),
                    ("additionalProperties", .object([("type", str("number"))]))])))
                props.append(("from", year))
                props.append(("until", year))
                if spec.extraKeys.contains("market") {
                    props.append(("market", .object([("enum", strings(ExportMarket.allCases.map(\.rawValue)))])))
                    required.append("market")
                }
                if spec.extraKeys.contains("population") {
                    props.append(("population", .object([("enum", strings(ConsumerGroup.allCases.map(\.rawValue)))])))
                }
                if spec.extraKeys.contains("parameter") {
                    props.append(("parameter", .object([("enum", strings(parameters.definitions.filter { !$0.isChoice }.map(\.id)))])))
                    required.append("parameter")
                }
                if spec.extraKeys.contains("indicator") {
                    props.append(("indicator", .object([("enum", strings(Array(catalog.inputIndicatorIDs)))])))
                    required.append("indicator")
                }
                if spec.isAmount {
                    props.append(("distribute", .object([("enum", strings(AmountDistribution.allCases.map(\.rawValue)))])))
                }
            }
            var extra: [(String, JSONValue)] = []
            if spec.scope != .event {
                extra = [
                    ("dependentRequired", .object([("value", strings(["from"]))])),
                    ("not", .object([("required", strings(["value", "path"]))])),
                    ("anyOf", .array([.object([("required", strings(["value"]))]), .object([("required", strings(["path"]))])])),
                ]
            }
            leverSchemas.append(.object(extra + [
                ("title", str(kind.rawValue)),
                ("description", str("\(spec.summary) \(spec.chapter). \(spec.target)")),
                ("type", str("object")),
                ("properties", .object(props)),
                ("required", strings(required)),
                ("additionalProperties", .bool(false)),
            ]))
        }
        var paramProps: [(String, JSONValue)] = []
        for d in parameters.definitions {
            let desc = str("\(d.description) Unit \(d.unit); default \(d.defaultValue); basis: \(d.basis).")
            if d.isChoice {
                paramProps.append((d.id, .object([("description", desc), ("enum", strings(d.choices))])))
            } else {
                var number: [(String, JSONValue)] = [("type", str("number"))]
                if let r = d.allowedRange { number += [("minimum", .number(r.lowerBound)), ("maximum", .number(r.upperBound))] }
                paramProps.append((d.id, .object([("description", desc), ("oneOf", .array([
                    .object(number),
                    .object([("type", str("object")), ("required", strings(["value"])), ("additionalProperties", .bool(false)),
                             ("properties", .object([("value", .object([("type", str("number"))])),
                                                     ("unit", .object([("enum", strings(d.dimension.spellings))]))]))]),
                ]))])))
            }
        }
        return .object([
            ("$schema", str("https://json-schema.org/draft/2020-12/schema")),
            ("$id", str("https://chengyu.invalid/schemas/scenario/v1.json")),
            ("title", str("Chengyu scenario file (\(Scenario.schemaVersion))")),
            ("type", str("object")),
            ("required", strings(["schema", "name", "title"])),
            ("additionalProperties", .bool(false)),
            ("properties", .object([
                ("schema", .object([("const", str(Scenario.schemaVersion))])),
                ("name", .object([("type", str("string")), ("pattern", str("^[a-z0-9][a-z0-9-]*$"))])),
                ("title", .object([("type", str("string"))])),
                ("description", .object([("type", str("string"))])),
                ("extends", .object([("description", str("Parent scenarios by bundled name or relative path, applied in order.")),
                    ("oneOf", .array([.object([("type", str("string"))]),
                                      .object([("type", str("array")), ("items", .object([("type", str("string"))]))])]))])),
                ("horizon", .object([("type", str("object")), ("additionalProperties", .bool(false)), ("required", strings(["end"])),
                    ("properties", .object([("start", .object([("const", .number(Double(ScenarioLoader.baseYear)))])),
                                            ("end", year)]))])),
                ("parameters", .object([("type", str("object")), ("additionalProperties", .bool(false)),
                                        ("properties", .object(paramProps))])),
                ("levers", .object([("type", str("array")), ("items", .object([("oneOf", .array(leverSchemas))]))])),
                ("goals", .object([("type", str("array")), ("items", .object([("enum", strings(Array(catalog.goalSetIDs)))]))])),
            ])),
        ])
    }
}
