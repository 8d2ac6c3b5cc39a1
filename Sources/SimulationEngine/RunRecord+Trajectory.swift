import BaseData
import Foundation
import ScenarioSpec

extension RunRecord {
    /// The recorded series whose groups are plain sums of their members.
    static let summedSeries = [
        "gdp", "gdp_current_prices", "population", "urban_population", "urban_hukou_population", "net_migration", "employment", "gross_output",
        "exports_abroad", "exports_rest_of_china", "capital_stock", "population_0_14", "working_age_population",
        "population_65_plus", "labour_force", "births", "deaths", "natural_increase", "in_migrants", "out_migrants",
    ]

    /// The indicator a goal is measured on: the GDP goals in current prices (`gdp_current_prices`); Chongqing's
    /// whole-municipality urban population on the circle part plus the extrapolation of the districts outside it
    /// (`MunicipalityUrbanPopulation`) when the run has that series; otherwise the goal's own indicator.
    static func measuredIndicator(_ g: Goal, available series: [String: [String: [Double?]]]) -> String {
        let municipality = MunicipalityUrbanPopulation.self
        if g.indicatorID == "gdp" { return "gdp_current_prices" }
        if g.indicatorID == "urban_population", g.scope == municipality.place, g.basis.contains("whole municipality"),
           series[municipality.indicator] != nil {
            return municipality.indicator
        }
        return g.indicatorID
    }

    /// Aggregates the per-jurisdiction records to groups and the circle, derives ratio indicators and compares
    /// the goals (MODEL.md §10).
    func trajectory(structure cs: CircleStructure, scenario: Scenario, diagnostics: RunDiagnostics) -> Trajectory {
        let vintage = Int(((try? scenario.parameterValue("calibration.vintage")) ?? Double(RunConventions.baseYear)).rounded())
        let nYears = years.count
        var places: [Place] = [Place(id: "circle", kind: .circle, nameZh: "成渝地区双城经济圈", nameEn: "Chengdu–Chongqing circle")]
        let groupIDs = cs.dataset.groups.map(\.id).filter { $0 != "circle" }
        for g in cs.dataset.groups where g.id != "circle" { places.append(Place(id: g.id, kind: .group, nameZh: g.nameZh, nameEn: g.nameEn)) }
        for j in cs.jurisdictions { places.append(Place(id: j.id, kind: .jurisdiction, nameZh: j.nameZh, nameEn: j.nameEn)) }
        var membersOf: [String: [Int]] = ["circle": Array(0..<cs.ids.count)]
        for g in groupIDs { membersOf[g] = cs.groupMembers[g] ?? [] }
        for (k, id) in cs.ids.enumerated() { membersOf[id] = [k] }

        func total(_ id: String, _ y: Int, _ m: [Int]) -> Double {
            guard let series = regional[id] else { return .nan }
            return m.reduce(0.0) { $0 + series[y][$1] }
        }
        var series: [String: [String: [Double?]]] = [:]
        for place in places {
            let m = membersOf[place.id] ?? []
            guard !m.isEmpty else { continue }
            func put(_ id: String, _ f: (Int) -> Double?) {
                series[id, default: [:]][place.id] = (0..<nYears).map { y in f(y).flatMap { $0.isFinite ? $0 : nil } }
            }
            for id in Self.summedSeries { put(id) { total(id, $0, m) } }
            put("gdp_growth") { y in let prev = total("gdp_prev", y, m); return prev > 0 ? total("gdp", y, m) / prev - 1 : nil }
            put("gdp_per_capita") { y in total("gdp", y, m) * 1e8 / total("population", y, m) }
            put("urbanisation_rate") { y in total("urban_population", y, m) / total("population", y, m) }
            put("hukou_urbanisation_rate") { y in total("urban_hukou_population", y, m) / total("population", y, m) }
            put("dependency_ratio") { y in
                (total("population_0_14", y, m) + total("population_65_plus", y, m)) / total("working_age_population", y, m)
            }
            put("wage_index") { y in total("compensation", y, m) / total("compensation_2019_per_worker_times_employment", y, m) }
            put("gdp_deflator") { y in total("gdp_current_prices", y, m) / total("gdp", y, m) }
            put("cpi") { y in total("cpi_weighted", y, m) / total("population", y, m) }
            put("nominal_wage_index") { y in total("nominal_wage_weighted", y, m) / total("employment", y, m) }
            put("tfp_growth") { y in y == 0 ? nil : total("tfp_growth_weighted", y, m) / total("gdp", y, m) }
            put("rd_intensity") { y in total("rd_expenditure", y, m) / total("gdp", y, m) }
            put("emission_index") { y in let e0 = total("emissions_2019", y, m); return e0 > 0 ? total("emissions", y, m) / e0 : nil }
        }
        for (id, values) in circle { series[id, default: [:]]["circle"] = values.map { $0.flatMap { $0.isFinite ? $0 : nil } } }
        let municipality = MunicipalityUrbanPopulation.self
        if let a = municipality.anchors(cs), let p = series["population"]?[municipality.place], let u = series["urban_population"]?[municipality.place] {
            series[municipality.indicator] = [municipality.place: municipality.series(anchors: a, years: years, population: p, urban: u)]
        }
        let defs = IndicatorCatalog.all.filter { series[$0.id] != nil }

        // Goals of the data, measured on their scope.
        var goals: [GoalResult] = []
        for g in cs.dataset.goals {
            let def = IndicatorCatalog.definition(g.indicatorID)
            var kind = def?.kind ?? .notModelled
            let indicatorID = Self.measuredIndicator(g, available: series)
            var value = years.firstIndex(of: g.year).flatMap { series[indicatorID]?[g.scope]?[$0] ?? nil }
            // A sum over the circle part cannot be compared with a whole-municipality total.
            if indicatorID == g.indicatorID && def?.aggregation == .sum && g.basis.contains("whole municipality") {
                value = nil
                kind = .notModelled
            }
            if value == nil && kind != .input { kind = def == nil || kind == .notModelled ? .notModelled : kind }
            let comparison: GoalComparison
            var band: Double? = nil
            switch g.comparison {
            case .atLeast: comparison = .atLeast
            case .atMost: comparison = .atMost
            case let .about(b): comparison = .about; band = b
            }
            goals.append(GoalObservations.observe(GoalResult(
                goalID: g.id, year: g.year, indicatorID: indicatorID, place: g.scope, comparison: comparison,
                target: g.targetValue, band: band, unit: g.unit, value: value, kind: kind, source: g.document,
                basis: g.kind.rawValue), history: cs.dataset.history))
        }
        let estimated = cs.dataset.estimatedFigures.map { "\($0.jurisdictionID):\($0.figureID)" }
        var trajectory = Trajectory(
            scenario: ScenarioIdentity(
                name: scenario.name, title: scenario.title, file: scenario.sourceFile.isEmpty ? nil : scenario.sourceFile,
                contentHash: scenario.contentHash, vintage: vintage),
            years: years, indicators: defs, places: places.filter { series["population"]?[$0.id] != nil }, series: series,
            goals: goals, diagnostics: diagnostics, estimatedInputs: estimated)
        trajectory.sectorDetail = sectorDetail(structure: cs)
        return trajectory
    }

    /// Output, value added `v(t) ⊙ x` and employment by sector × jurisdiction × year. Employment is the
    /// jurisdiction's (the labour closure's, MODEL.md §7) split over its sectors in proportion to the labour
    /// requirements `ℓ ⊙ x`, so the sums over sectors equal `gross_output`, `gdp` and `employment`.
    func sectorDetail(structure cs: CircleStructure) -> SectorDetail? {
        guard let base = baseYear, outputs.count == years.count, let employment = regional["employment"] else { return nil }
        let r = cs.dims.regions, s = cs.dims.sectors
        var va: [[Double]] = [], emp: [[Double]] = []
        for (k, x) in outputs.enumerated() {
            va.append(valueAdded.count == outputs.count && !valueAdded[k].isEmpty
                ? valueAdded[k] : x.indices.map { base.valueAddedCoefficient[$0] * x[$0] })
            var row = [Double](repeating: 0, count: x.count)
            for reg in 0..<r {
                let need = (0..<s).map { base.labourCoefficient[reg * s + $0] * x[reg * s + $0] }
                let total = need.reduce(0, +)
                for i in 0..<s { row[reg * s + i] = total > 0 ? employment[k][reg] * need[i] / total : 0 }
            }
            emp.append(row)
        }
        return SectorDetail(
            sectors: cs.sectors.map { .init(id: $0.id, nameEn: $0.nameEn, nameZh: $0.nameZh) }, places: cs.ids, years: years,
            grossOutput: outputs, valueAdded: va, employment: emp)
    }
}
