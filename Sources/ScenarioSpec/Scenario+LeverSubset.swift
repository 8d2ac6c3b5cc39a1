extension Scenario {
    /// The same scenario (parameters, horizon, goals) with only the levers at `indices` (positions in
    /// `levers`), kept in resolution order: the runs of an attribution (`chengyu explain`), each a subset of
    /// the scenario's levers. An index outside `levers` is ignored.
    public func keepingLevers(at indices: Set<Int>, name newName: String? = nil) -> Scenario {
        let kept = levers.indices.filter { indices.contains($0) }.map { levers[$0] }
        return Scenario(
            schema: schema, name: newName ?? name, title: title, description: description, horizon: horizon,
            parameterOverrides: parameterOverrides, levers: kept, goalSets: goalSets, sourceFile: sourceFile,
            parentFiles: parentFiles, parameterCatalog: parameterCatalog)
    }
}
