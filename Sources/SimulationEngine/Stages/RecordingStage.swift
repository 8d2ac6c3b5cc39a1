import Foundation
import RegionalModels

/// One year's recorded values: per-jurisdiction series and circle-only values (MODEL.md §10). The
/// aggregation to groups and ratios happens once, in `RunRecord.trajectory`.
struct YearRecord: Sendable {
    var year: Int
    /// Gross output by industry (`r·S + i`), for the results by sector.
    var output: [Double] = []
    /// Value added by industry, `v(t) ⊙ x` (empty: the 2019 `v`).
    var valueAdded: [Double] = []
    var regional: [(String, [Double])] = []
    var circle: [(String, Double?)] = []
}

extension RunRecord {
    mutating func recordYear(_ y: YearRecord) {
        years.append(y.year)
        outputs.append(y.output)
        valueAdded.append(y.valueAdded)
        for (id, v) in y.regional { record(id, v) }
        for (id, v) in y.circle { recordCircle(id, v) }
    }
}

/// Stage 7 of a year (MODEL.md §10): what the indicators are built from, recorded after the year's accounts
/// and before the population step (population of t was set at the end of t − 1).
enum RecordingStage {
    /// The flows of one year that the state does not keep.
    struct Flows {
        var previousGDP: [Double]
        var exportsAbroad: [Double], exportsRestOfChina: [Double]
        var tfpGrowth: [Double]
        var technicalProgressContribution: Double?
        var coefficients: CheneryMosesOperator
    }

    /// The 2019 record: last year's GDP backed out with the circle's 2016–19 growth, no migration yet, the
    /// 2015–19 gA everywhere.
    static func baseYear(context c: RunContext, state: EconomyState, effects: YearEffects) -> YearRecord {
        let r = c.structure.dims.regions
        let flows = Flows(
            previousGDP: c.gdp2019.map { $0 / (1 + c.circleGrowth2016to2019) }, exportsAbroad: c.base.exportsAbroad,
            exportsRestOfChina: c.base.exportsRestOfChina, tfpGrowth: [Double](repeating: c.tfpGrowth2019, count: r),
            technicalProgressContribution: IncomeStage.technicalProgressContribution(year: RunConventions.baseYear, context: c, state: state),
            coefficients: c.base.coefficientsOperator)
        return record(RunConventions.baseYear, context: c, state: state, effects: effects, flows: flows)
    }

    /// The record of `year` after `IncomeStage`: exports scaled by κ, sales of the amount levers added.
    static func year(
        _ year: Int, context c: RunContext, state: EconomyState, effects: YearEffects, previousGDP: [Double],
        demand: DemandStage.Result, solved: SolveStage.Result, tfpGrowth: [Double], coefficients: CheneryMosesOperator
    ) -> YearRecord {
        let kap = solved.kappa
        let flows = Flows(
            previousGDP: previousGDP, exportsAbroad: demand.exportsAbroad.map { $0 * kap },
            exportsRestOfChina: (0..<demand.exportsRestOfChina.count).map { demand.exportsRestOfChina[$0] * kap + demand.amounts.exportsRestOfChina[$0] },
            tfpGrowth: tfpGrowth, technicalProgressContribution: IncomeStage.technicalProgressContribution(year: year, context: c, state: state),
            coefficients: coefficients)
        return record(year, context: c, state: state, effects: effects, flows: flows)
    }

    static func record(_ year: Int, context c: RunContext, state: EconomyState, effects: YearEffects, flows f: Flows) -> YearRecord {
        let r = c.structure.dims.regions, s = c.structure.dims.sectors
        let x = state.output, gdp = state.gdp
        func perRegion(_ v: [Double]) -> [Double] { (0..<r).map { reg in (0..<s).reduce(0.0) { $0 + v[reg * s + $1] } } }
        let e = effects.emissionCoefficients
        var y = YearRecord(year: year, output: x)
        y.regional = [
            ("emissions", (0..<r).map { reg in (0..<s).reduce(0.0) { $0 + e[reg * s + $1] * x[reg * s + $1] } }),
            ("emissions_2019", c.emissions2019),
            ("gdp", gdp), ("gdp_current_prices", state.prices.nominalGDP),
            ("cpi_weighted", zip(state.prices.cpi, state.population).map { $0 * $1 }),
            ("nominal_wage_weighted", (0..<r).map { state.prices.zoneWage[state.migration.model.zoneOf[$0]] * state.employment[$0] }),
            ("gdp_growth_num", zip(gdp, f.previousGDP).map { $0 - $1 }), ("gdp_prev", f.previousGDP),
            ("population", state.population), ("urban_population", state.urban), ("urban_hukou_population", state.urbanHukou), ("net_migration", state.netMigration),
            ("employment", state.employment), ("compensation", c.compensation(x)),
            ("compensation_2019_per_worker_times_employment", (0..<r).map { c.compensation2019[$0] / c.employment2019[$0] * state.employment[$0] }),
            ("gross_output", perRegion(x)), ("exports_abroad", perRegion(f.exportsAbroad)),
            ("exports_rest_of_china", perRegion(f.exportsRestOfChina)), ("capital_stock", state.capital),
            ("tfp_growth_weighted", zip(f.tfpGrowth, gdp).map { $0 * $1 }), ("rd_expenditure", zip(state.rdIntensity, gdp).map { $0 * $1 }),
        ] + demography(state: state)
        y.circle = [
            ("core_trade_flows", coreTrade(c, f.coefficients, x)), ("core_migration_flows", state.coreMigration),
            ("tech_progress_contribution", f.technicalProgressContribution),
        ] + network(year, context: c)
        for (indicator, value) in effects.inputs.sorted(by: { $0.key < $1.key }) { y.circle.append((indicator, value)) }
        return y
    }

    /// The demographic series of a year (MODEL-v3 §3): broad age groups and the labour force of the cohorts (`EconomyState.labourForce`),
    /// and the flows of the last population step (births, deaths, arrivals, departures; zero in 2019).
    static func demography(state: EconomyState) -> [(String, [Double])] {
        let young = state.cohorts.map { $0.sum(ages: 0...14) }
        let working = state.cohorts.map { $0.sum(ages: DemographyConstants.workingAges) }
        let old = state.cohorts.map { $0.sum(ages: 65...100) }
        return [
            ("population_0_14", young), ("working_age_population", working), ("population_65_plus", old),
            ("labour_force", state.labourForce),
            ("births", state.births), ("deaths", state.deaths), ("natural_increase", zip(state.births, state.deaths).map { $0 - $1 }),
            ("in_migrants", state.inMigrants), ("out_migrants", state.outMigrants),
        ]
    }

    /// Rail km (2019 km plus the km opened since), new high-speed km, the fastest Chongqing–Chengdu time.
    static func network(_ year: Int, context c: RunContext) -> [(String, Double?)] {
        let net = c.network
        let now = net.railKilometres(year: year), base19 = net.railKilometres(year: RunConventions.baseYear)
        let hsr = net.segments.filter { $0.kind != .conventional && ($0.openYear ?? Int.max) > RunConventions.baseYear && $0.isOpen(in: year) }
        return [
            ("rail_km", c.railKilometres2019 + now.kilometres - base19.kilometres),
            ("hsr_km_opened_since_2019", hsr.compactMap(\.lengthKilometres).reduce(0, +)),
            ("cq_cd_rail_minutes", net.fastestRailMinutes(from: "cq-central", to: "sc-chengdu", year: year)),
        ]
    }

    /// Intermediate flows between the two cores, both directions: `Σ A[(q,i),(d,j)]·x[d,j]`.
    static func coreTrade(_ c: RunContext, _ a: CheneryMosesOperator, _ x: [Double]) -> Double {
        var total = 0.0
        for (from, to) in [(c.coreChongqing, c.coreChengdu), (c.coreChengdu, c.coreChongqing)] {
            for q in from { for dest in to { total += a.interRegionalPurchases(from: q, to: dest, output: x) } }
        }
        return total
    }
}
