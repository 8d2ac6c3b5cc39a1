/// A total of the dataset compared with the plan's preface figure.
public struct PlanTotalCheck: Sendable, Hashable, Codable {
    /// `population`, `gdp` or `area`.
    public var name: String
    public var unit: String
    public var computed: Double
    public var plan: Double
    /// Relative tolerance applied (nil: reported, not checked).
    public var relativeTolerance: Double?
    /// Why a gap is expected.
    public var note: String

    /// `(computed − plan) / plan`.
    public var relativeGap: Double { (computed - plan) / plan }
    /// Within tolerance (true when no tolerance applies).
    public var isWithinTolerance: Bool { relativeTolerance.map { abs(relativeGap) <= $0 } ?? true }
}

extension BaseDataset {
    /// The three totals of the jurisdictions in use against the plan's preface (S-PLAN): resident population
    /// (first-published 2019 vintage, the plan's basis; the census-consistent total is reported beside it),
    /// GDP and area.
    ///
    /// Optional partial units count with their ``Jurisdiction/coverageShareFraction``. Population and GDP are
    /// checked at ±3 %; area is reported only: the areas of 绵阳, 达州 and 雅安 are whole-city while the
    /// circle excludes 平武, 北川, 万源, 天全 and 宝兴.
    public var planTotals: [PlanTotalCheck] {
        func sum(_ f: (Jurisdiction) -> Double) -> Double { jurisdictions.reduce(0) { $0 + f($1) * $1.coverageShareFraction } }
        let partialNote = "绵阳, 达州, 雅安 are whole-city figures (the circle excludes 平武/北川, 万源, 天全/宝兴)"
        return [
            PlanTotalCheck(name: "population", unit: "persons", computed: sum { $0.population2019FirstPublishedPersons.value },
                           plan: Self.planPopulationPersons, relativeTolerance: Self.planTotalsRelativeTolerance,
                           note: "first-published 2019 vintage (the plan's basis); " + partialNote),
            PlanTotalCheck(name: "population_census_consistent", unit: "persons", computed: sum { $0.population2019Persons.value },
                           plan: Self.planPopulationPersons, relativeTolerance: nil,
                           note: "census-consistent 2019 (the model's base), shown beside the plan's vintage"),
            PlanTotalCheck(name: "gdp", unit: "100m yuan", computed: sum { $0.gdp2019HundredMillionYuan.value },
                           plan: Self.planGDPHundredMillionYuan, relativeTolerance: Self.planTotalsRelativeTolerance,
                           note: "plan: 近6.3万亿元 (nearly); " + partialNote),
            PlanTotalCheck(name: "area", unit: "km2", computed: sum { $0.areaKm2.value }, plan: Self.planAreaKm2, relativeTolerance: nil,
                           note: "reported, not checked: " + partialNote + "; about 8 % above the plan"),
        ]
    }
}
