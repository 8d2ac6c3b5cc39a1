extension Scenario {
    /// The same scenario with the strength of value levers scaled, for sweeps (ParameterSweeps).
    ///
    /// `strengths` maps a lever id to a factor `s ≥ 0` on the lever's effect in every year of its schedule:
    /// `add` and `rate` values become `s·v`, `multiply` factors `1 + s·(v − 1)`. `set` levers (a level, not an
    /// effect) and events have no strength; asking for one, or for an id no lever has, is an error naming it.
    /// Every lever with the id is scaled (a child's lever replaces an inherited one of the same id, so there
    /// is normally one).
    public func scalingLevers(_ strengths: [String: Double], name newName: String? = nil) throws(ScenarioError) -> Scenario {
        guard !strengths.isEmpty else { return self }
        var found = Set<String>()
        var out: [Lever] = []
        for l in levers {
            guard let id = l.id, let s = strengths[id] else { out.append(l); continue }
            found.insert(id)
            guard let op = l.operation, op != .set, let schedule = l.schedule else {
                throw .invalid([ScenarioDiagnostic(at: l.location, field: "levers(\(id))",
                    message: "lever '\(id)' is \(l.operation.map { "a '\($0.rawValue)' lever" } ?? "an event"): only add, multiply and rate levers have a strength")])
            }
            let points = schedule.points.map { p in
                YearValue(year: p.year, value: op == .multiply ? 1 + s * (p.value - 1) : s * p.value)
            }
            out.append(Lever(
                id: l.id, kind: l.kind, places: l.places, sectors: l.sectors, operation: l.operation, unit: l.unit,
                schedule: LeverSchedule(from: schedule.from, until: schedule.until, points: points), market: l.market,
                population: l.population, distribution: l.distribution, parameterID: l.parameterID,
                indicatorID: l.indicatorID, railProject: l.railProject, railLink: l.railLink, note: l.note,
                group: l.group, location: l.location))
        }
        if let missing = Set(strengths.keys).subtracting(found).sorted().first {
            throw .invalid([ScenarioDiagnostic(at: SourceLocation(file: sourceFile, line: 1, column: 1), field: "levers",
                message: "the scenario has no lever with id '\(missing)'")])
        }
        return Scenario(
            schema: schema, name: newName ?? name, title: title, description: description, horizon: horizon,
            parameterOverrides: parameterOverrides, levers: out, goalSets: goalSets, sourceFile: sourceFile,
            parentFiles: parentFiles, parameterCatalog: parameterCatalog)
    }
}
