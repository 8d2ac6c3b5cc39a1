import Yams

extension ScenarioLoader {
    /// Every key any lever kind accepts, for "does not apply to" messages.
    static var anyLeverKeys: Set<String> {
        Set(LeverKind.allCases.flatMap { $0.spec.allowedKeys }).union(["distribute"])
    }

    /// The dimension an `add` takes on a quantity of dimension `d`.
    static func changeDimension(of d: UnitDimension) -> UnitDimension {
        if d == .share { return .shareChange }
        if d == .perYear { return .perYearChange }
        return d
    }

    func parseLever(_ node: Node, field: String, reader: inout NodeReader) -> Draft? {
        guard let m = reader.mapping(node, field) else { return nil }
        guard let kindNode = m["lever"] else {
            reader.error(node, field + ".lever", "missing 'lever' (the kind: \(LeverKind.allCases.map(\.rawValue).joined(separator: ", ")))")
            return nil
        }
        guard let kindText = reader.string(kindNode, field + ".lever") else { return nil }
        guard let kind = LeverKind(rawValue: kindText) else {
            reader.error(kindNode, field + ".lever",
                         "unknown lever '\(kindText)'\(Suggest.hint(for: kindText, in: LeverKind.allCases.map(\.rawValue)))")
            return nil
        }
        let spec = kind.spec
        let allowed = spec.allowedKeys
        for (k, _) in m {
            guard let key = k.string, !allowed.contains(key) else { continue }
            if Self.anyLeverKeys.contains(key) {
                reader.error(k, "\(field).\(key)", "'\(key)' does not apply to lever '\(kind.rawValue)' (its keys: \(allowed.joined(separator: ", ")))")
            } else {
                reader.error(k, "\(field).\(key)", "unknown key '\(key)'\(Suggest.hint(for: key, in: allowed))")
            }
        }
        var d = Draft(kind: kind, location: reader.location(node), field: field)
        let before = reader.diagnostics.filter { $0.severity == .error }.count

        if let n = m["id"] { d.id = reader.string(n, field + ".id") }
        if let n = m["note"] { d.note = reader.string(n, field + ".note") }
        if let n = m["group"] { d.group = reader.string(n, field + ".group") }

        switch spec.scope {
        case .event: parseEvent(m, node: node, kind: kind, into: &d, reader: &reader)
        case .places, .global: parseValueLever(m, node: node, spec: spec, into: &d, reader: &reader)
        }
        let after = reader.diagnostics.filter { $0.severity == .error }.count
        d.hasErrors = after != before
        return d
    }

    private func parseEvent(_ m: Node.Mapping, node: Node, kind: LeverKind, into d: inout Draft,
                            reader: inout NodeReader) {
        let field = d.field
        var year: Int?
        if let n = m["year"], let y = reader.year(n, field + ".year") {
            year = y
            d.years.append((y, reader.location(n), field + ".year"))
        }
        var speed: Double?
        if let n = m["speedKmh"], let v = reader.number(n, field + ".speedKmh") {
            if v > 0 && v <= 600 { speed = v } else {
                reader.error(n, field + ".speedKmh", "design speed \(CanonicalText.number(v)) km/h is outside 1–600")
            }
        }
        if kind == .railProject {
            guard let pn = m["project"] else {
                reader.error(node, field + ".project", "missing 'project' (a project_id of rail_projects.csv)")
                return
            }
            guard let project = reader.string(pn, field + ".project") else { return }
            guard let dataYear = catalog.railProjects[project] else {
                reader.error(pn, field + ".project", "unknown rail project '\(project)'\(Suggest.hint(for: project, in: catalog.railProjects.keys))")
                return
            }
            if year == nil {
                guard let y = dataYear else {
                    reader.error(pn, field + ".project", "the data give no opening year for \(project): add 'year:'")
                    return
                }
                year = y
                d.years.append((y, reader.location(pn), field + ".project"))
            }
            if let year { d.railProject = RailProjectOpening(projectID: project, openingYear: year, designSpeedKmh: speed) }
        } else {
            guard let id = d.id else { reader.error(node, field + ".id", "a rail-link needs an 'id' naming the link"); return }
            guard let bn = m["between"] else { reader.error(node, field + ".between", "missing 'between: [node, node]'"); return }
            let ends = reader.stringList(bn, field + ".between") ?? []
            let valid = catalog.jurisdictionIDs.union(catalog.railNodeIDs)
            var ok = true
            var resolvedEnds: [String] = []
            for (e, en, ef) in ends {
                if valid.contains(e) { resolvedEnds.append(e); continue }
                if let id = catalog.placeNames.resolve(e), valid.contains(id) { resolvedEnds.append(id); continue }
                reader.error(en, ef, "unknown rail node '\(e)'\(Suggest.hint(for: e, in: valid))")
                ok = false
            }
            if ends.count != 2 {
                reader.error(bn, field + ".between", "a link has exactly two ends, found \(ends.count)")
                ok = false
            } else if ok && resolvedEnds[0] == resolvedEnds[1] {
                reader.error(bn, field + ".between", "both ends are '\(resolvedEnds[0])'")
                ok = false
            }
            var km: Double?
            if let n = m["km"], let v = reader.number(n, field + ".km") {
                if v > 0 && v <= 3000 { km = v } else { reader.error(n, field + ".km", "length \(CanonicalText.number(v)) km is outside (0, 3000]") }
            } else if m["km"] == nil && m["minutes"] == nil {
                reader.error(node, field + ".km", "missing 'km' (length in km; only a speed-up with 'minutes' may leave it out)")
            }
            if m["speedKmh"] == nil { reader.error(node, field + ".speedKmh", "missing 'speedKmh' (design speed)") }
            if m["year"] == nil { reader.error(node, field + ".year", "missing 'year' (opening year)") }
            var freight = false
            if let n = m["freight"] { freight = reader.bool(n, field + ".freight") ?? false }
            var minutes: Double?
            if let n = m["minutes"], let v = reader.number(n, field + ".minutes") {
                if v >= 1 && v <= 3000 { minutes = v } else {
                    reader.error(n, field + ".minutes", "scheduled time \(CanonicalText.number(v)) min is outside 1–3000")
                }
            }
            if ok, km != nil || minutes != nil, let speed, let year {
                d.railLink = RailLink(linkID: id, endpointA: resolvedEnds[0], endpointB: resolvedEnds[1], lengthKm: km,
                                      designSpeedKmh: speed, openingYear: year, carriesFreight: freight, scheduledMinutes: minutes)
            }
        }
    }

    /// A value lever (everything but a rail link): where, sectors, the kind's own fields, the distribution of an
    /// amount, the operation, the unit and the values, each read by its own function below.
    private func parseValueLever(_ m: Node.Mapping, node: Node, spec: LeverSpec, into d: inout Draft,
                                 reader: inout NodeReader) {
        let whereEntries = spec.scope == .places ? parseWhere(m, node: node, into: &d, reader: &reader) : []
        parseSectors(m, node: node, spec: spec, into: &d, reader: &reader)
        let valueDimension = parseKindFields(m, node: node, kind: spec.kind, into: &d, reader: &reader)
        if spec.isAmount { parseDistribution(m, whereEntries: whereEntries, into: &d, reader: &reader) }
        guard let parsed = parseOperation(m, node: node, spec: spec, valueDimension: valueDimension,
                                          field: d.field, reader: &reader) else { return }
        let (op, dimension) = parsed
        d.operation = op
        let factor = parseUnit(m, node: node, op: op, kind: spec.kind, dimension: dimension, field: d.field, reader: &reader)
        d.unit = dimension.canonical
        let raw = parseValueOrPath(m, node: node, into: &d, reader: &reader)
        storeValues(raw, factor: factor, op: op, kind: spec.kind, dimension: dimension, into: &d, reader: &reader)
    }

    /// `where`: the places (jurisdictions, groups, circle), each once; returns the entries as read.
    private func parseWhere(_ m: Node.Mapping, node: Node, into d: inout Draft,
                            reader: inout NodeReader) -> [(String, Node, String)] {
        let field = d.field
        var whereEntries: [(String, Node, String)] = []
        if let wn = m["where"] {
            whereEntries = reader.stringList(wn, field + ".where") ?? []
            if whereEntries.isEmpty, reader.diagnostics.last?.field != field + ".where" {
                reader.error(wn, field + ".where", "'where' is empty: name jurisdictions, groups or circle")
            }
            for (p, pn, pf) in whereEntries {
                if let id = catalog.resolvePlace(p) {
                    d.places.append(id)
                    if catalog.partialJurisdictionIDs.contains(id) {
                        reader.warning(pn, pf, "'\(p)' is only partly inside the circle and off by default; the lever acts only if the run includes it")
                    }
                } else {
                    reader.error(pn, pf, "unknown jurisdiction or group '\(p)'\(catalog.placeHint(for: p))")
                }
            }
            let dupes = Dictionary(grouping: whereEntries, by: { catalog.resolvePlace($0.0) ?? $0.0 }).filter { $0.value.count > 1 }
            for (p, entries) in dupes { reader.error(entries[1].1, entries[1].2, "'\(p)' is listed twice") }
        } else {
            reader.error(node, field + ".where", "missing 'where' (jurisdictions, groups or circle)")
        }
        return whereEntries
    }

    /// `sectors`: two-digit codes of the 42-sector table, each once; the lever's default where it has one.
    private func parseSectors(_ m: Node.Mapping, node: Node, spec: LeverSpec, into d: inout Draft, reader: inout NodeReader) {
        let field = d.field, kind = spec.kind
        if let sn = m["sectors"] {
            let entries = reader.stringList(sn, field + ".sectors") ?? []
            if entries.isEmpty, case .sequence = sn { reader.error(sn, field + ".sectors", "'sectors' is empty") }
            for (s, en, ef) in entries {
                let code = s.count == 1 && s.allSatisfy(\.isNumber) ? "0" + s : s
                if catalog.sectorCodes.contains(code) {
                    if d.sectors.contains(code) { reader.error(en, ef, "sector '\(code)' is listed twice") } else { d.sectors.append(code) }
                } else {
                    reader.error(en, ef, "unknown sector '\(s)': sectors are two-digit codes 01–42 of the 42-sector table\(Suggest.hint(for: code, in: catalog.sectorCodes))")
                }
            }
        } else {
            switch spec.sectors {
            case .required: reader.error(node, field + ".sectors", "lever '\(kind.rawValue)' needs 'sectors' (two-digit codes)")
            case .optional:
                if kind == .investmentProgramme { d.sectors = ["27"] }
                if kind == .consumptionExports { d.sectors = ["28", "29", "30", "41"] }
            case .forbidden: break
            }
        }
    }

    /// The kind's own fields (market, population, parameter, indicator); returns the dimension of a parameter
    /// lever's value.
    private func parseKindFields(_ m: Node.Mapping, node: Node, kind: LeverKind, into d: inout Draft,
                                 reader: inout NodeReader) -> UnitDimension? {
        let field = d.field
        var valueDimension: UnitDimension?
        switch kind {
        case .exportGrowth:
            if let n = m["market"], let s = reader.string(n, field + ".market") {
                d.market = ExportMarket(rawValue: s)
                if d.market == nil {
                    reader.error(n, field + ".market", "market '\(s)' is not one of world, rest-of-china, both\(Suggest.hint(for: s, in: ExportMarket.allCases.map(\.rawValue)))")
                }
            } else if m["market"] == nil {
                reader.error(node, field + ".market", "missing 'market' (world, rest-of-china or both)")
            }
        case .consumptionPropensity:
            d.population = .both
            if let n = m["population"], let s = reader.string(n, field + ".population") {
                d.population = ConsumerGroup(rawValue: s)
                if d.population == nil {
                    reader.error(n, field + ".population", "population '\(s)' is not one of urban, rural, both")
                }
            }
        case .parameter:
            if let n = m["parameter"], let id = reader.string(n, field + ".parameter") {
                if let def = parameters[id] {
                    if def.isChoice {
                        reader.error(n, field + ".parameter", "\(id) is a choice; set it in 'parameters:'")
                    } else {
                        d.parameterID = id
                        valueDimension = def.dimension
                    }
                } else {
                    reader.error(n, field + ".parameter", "unknown parameter '\(id)'\(Suggest.hint(for: id, in: parameters.ids))")
                }
            } else if m["parameter"] == nil {
                reader.error(node, field + ".parameter", "missing 'parameter' (a parameter id)")
            }
        case .indicatorInput:
            if let n = m["indicator"], let id = reader.string(n, field + ".indicator") {
                if catalog.inputIndicatorIDs.contains(id) { d.indicatorID = id } else {
                    reader.error(n, field + ".indicator", "unknown input indicator '\(id)'\(Suggest.hint(for: id, in: catalog.inputIndicatorIDs))")
                }
            } else if m["indicator"] == nil {
                reader.error(node, field + ".indicator", "missing 'indicator'")
            }
        default: break
        }
        return valueDimension
    }

    /// `distribute` of an amount over several places (one jurisdiction: each).
    private func parseDistribution(_ m: Node.Mapping, whereEntries: [(String, Node, String)], into d: inout Draft,
                                   reader: inout NodeReader) {
        let field = d.field
        if let n = m["distribute"], let s = reader.string(n, field + ".distribute") {
            d.distribution = AmountDistribution(rawValue: s)
            if d.distribution == nil {
                reader.error(n, field + ".distribute", "'\(s)' is not one of \(AmountDistribution.allCases.map(\.rawValue).joined(separator: ", "))\(Suggest.hint(for: s, in: AmountDistribution.allCases.map(\.rawValue)))")
            }
        } else if m["distribute"] == nil {
            let single = whereEntries.count == 1 && catalog.jurisdictionIDs.contains(catalog.resolvePlace(whereEntries[0].0) ?? "")
            if single { d.distribution = .each } else if !whereEntries.isEmpty {
                reader.error(m["where"], field + ".distribute",
                             "an amount over a group or several places needs 'distribute' (each, by-gdp, by-population, by-output)")
            }
        }
    }

    /// `op` and the dimension of its value (a parameter's own dimension where the lever sets a parameter).
    private func parseOperation(_ m: Node.Mapping, node: Node, spec: LeverSpec, valueDimension: UnitDimension?,
                                field: String, reader: inout NodeReader) -> (LeverOperation, UnitDimension)? {
        let kind = spec.kind
        guard let opNode = m["op"] else {
            reader.error(node, field + ".op", "missing 'op' (\(spec.operations.keys.map(\.rawValue).sorted().joined(separator: ", ")))")
            return nil
        }
        guard let opText = reader.string(opNode, field + ".op") else { return nil }
        guard let op = LeverOperation(rawValue: opText) else {
            reader.error(opNode, field + ".op", "unknown operation '\(opText)'\(Suggest.hint(for: opText, in: LeverOperation.allCases.map(\.rawValue))); use set, add, multiply or rate")
            return nil
        }
        guard var dimension = spec.operations[op] else {
            reader.error(opNode, field + ".op", "lever '\(kind.rawValue)' does not take '\(op.rawValue)' (it takes \(spec.operations.keys.map(\.rawValue).sorted().joined(separator: ", ")))")
            return nil
        }
        if let vd = valueDimension {
            dimension = op == .multiply ? .dimensionless : (op == .add ? Self.changeDimension(of: vd) : vd)
        }
        return (op, dimension)
    }

    /// `unit`: the factor to the dimension's canonical unit (1 where the unit is refused or not needed).
    private func parseUnit(_ m: Node.Mapping, node: Node, op: LeverOperation, kind: LeverKind, dimension: UnitDimension,
                           field: String, reader: inout NodeReader) -> Double {
        var factor = 1.0
        if let un = m["unit"] {
            if let u = reader.string(un, field + ".unit") {
                if let f = dimension.aliases[u] {
                    factor = f
                } else {
                    let extra = dimension == .shareChange && u == "%" ? " ('%' is ambiguous for a change of a share: write pp or fraction)" : ""
                    reader.error(un, field + ".unit", "unit '\(u)' does not fit '\(op.rawValue)' on '\(kind.rawValue)' (accepted: \(dimension.spellings.joined(separator: ", ")))\(extra)")
                }
            }
        } else if dimension.canonical != "1" {
            reader.error(node, field + ".unit", "missing 'unit' for '\(op.rawValue)' (accepted: \(dimension.spellings.joined(separator: ", ")))")
        }
        return factor
    }

    /// `value` with `from`, or `path` (year: value), then `from` and `until`; returns the values in year order
    /// with their nodes and fields.
    private func parseValueOrPath(_ m: Node.Mapping, node: Node, into d: inout Draft,
                                  reader: inout NodeReader) -> [(Int, Double, Node, String)] {
        let field = d.field
        let valueNode = m["value"], pathNode = m["path"]
        var raw: [(Int, Double, Node, String)] = []
        switch (valueNode, pathNode) {
        case (nil, nil):
            reader.error(node, field + ".value", "give 'value' (with 'from') or 'path' (year: value)")
        case (.some(let vn), .some):
            reader.error(vn, field + ".value", "give either 'value' or 'path', not both")
        case (.some(let vn), nil):
            if let x = reader.number(vn, field + ".value") {
                if let fn = m["from"], let y = reader.year(fn, field + ".from") {
                    raw.append((y, x, vn, field + ".value"))
                } else if m["from"] == nil {
                    reader.error(node, field + ".from", "a constant 'value' needs 'from' (the first year it acts)")
                }
            }
        case (nil, .some(let pn)):
            if let pm = reader.mapping(pn, field + ".path") {
                if pm.isEmpty { reader.error(pn, field + ".path", "'path' is empty") }
                for (k, v) in pm {
                    let yf = "\(field).path.\(k.string ?? "?")"
                    guard let y = reader.year(k, yf), let x = reader.number(v, yf) else { continue }
                    raw.append((y, x, v, yf))
                    d.years.append((y, reader.location(k), yf))
                }
                raw.sort { $0.0 < $1.0 }
            }
        }
        if let fn = m["from"], let y = reader.year(fn, field + ".from") {
            d.from = y
            d.years.append((y, reader.location(fn), field + ".from"))
        }
        if let un = m["until"], let y = reader.year(un, field + ".until") {
            d.until = y
            d.years.append((y, reader.location(un), field + ".until"))
            if let from = d.from ?? raw.first?.0, from > y {
                reader.error(un, field + ".until", "'until' \(y) is before the lever starts (\(from))")
            }
        }
        return raw
    }

    /// The values in canonical units, each range-checked, and a parameter's allowed range where the lever sets it.
    private func storeValues(_ raw: [(Int, Double, Node, String)], factor: Double, op: LeverOperation, kind: LeverKind,
                             dimension: UnitDimension, into d: inout Draft, reader: inout NodeReader) {
        for (year, value, vn, vf) in raw {
            let x = CanonicalText.rounded(value * factor)
            if let problem = valueProblem(x, op: op, kind: kind, dimension: dimension) {
                reader.error(vn, vf, problem)
            }
            d.points.append(YearValue(year: year, value: x))
        }
        if let id = d.parameterID, let def = parameters[id], op == .set {
            for (p, (_, _, vn, vf)) in zip(d.points, raw) {
                if let problem = def.outOfRange(p.value) { reader.error(vn, vf, problem) }
            }
        }
    }

    /// Range checks on one canonical value.
    private func valueProblem(_ x: Double, op: LeverOperation, kind: LeverKind, dimension: UnitDimension) -> String? {
        switch op {
        case .multiply:
            return x > 0 ? nil : "a factor must be positive, found \(CanonicalText.number(x))"
        case .rate:
            return x > -1 && x < 1 ? nil : "a rate per year must lie in (−1, 1), found \(CanonicalText.number(x)) 1/yr (write %/yr for percent)"
        case .set:
            if dimension == .share, !(0...1).contains(x) {
                return "a share must lie in 0–1, found \(CanonicalText.number(x)) (write unit '%' for percent)"
            }
            if kind == .settlementBarrier, x >= 1 { return "a barrier must be below 1 (a wage-equivalent fraction)" }
            if dimension == .persons, x <= 0 { return "a population cap must be positive" }
            return nil
        case .add:
            if dimension == .shareChange, !(-1...1).contains(x) {
                return "a change of a share must lie in −1–1, found \(CanonicalText.number(x)) (write unit 'pp' for percentage points)"
            }
            return nil
        }
    }
}
