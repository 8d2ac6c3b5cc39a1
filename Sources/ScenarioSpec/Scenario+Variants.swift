extension Scenario {
    /// The same scenario with no levers: the counterfactual the engine runs to find the baseline
    /// demand shifter for these parameters (SimulationEngine).
    public func withoutLevers() -> Scenario {
        Scenario(
            schema: schema, name: name + "-no-levers", title: title + " (no levers)", description: description,
            horizon: horizon, parameterOverrides: parameterOverrides, levers: [], goalSets: goalSets,
            sourceFile: sourceFile, parentFiles: parentFiles, parameterCatalog: parameterCatalog)
    }

    /// The same scenario with numeric parameters overridden (sweeps). Values are not range-checked here:
    /// sweep files are validated against the catalog when they are loaded.
    public func overriding(_ values: [String: Double], name newName: String? = nil) -> Scenario {
        var overrides = parameterOverrides
        for (k, v) in values { overrides[k] = .number(v) }
        return Scenario(
            schema: schema, name: newName ?? name, title: title, description: description, horizon: horizon,
            parameterOverrides: overrides, levers: levers, goalSets: goalSets, sourceFile: sourceFile,
            parentFiles: parentFiles, parameterCatalog: parameterCatalog)
    }
}
