import Foundation
import RegionalModels

/// Stage 8 of a year (MODEL.md §5, MODEL-v3 §3): migration on the 34 zones (nested logit with smoothed
/// utilities, the rest of China as a reservoir, population caps by raising the destination barrier, the
/// 2019 constants fitted to the census decade's net migration), then the cohort-component step of every
/// place (migrants by the Rogers–Castro age profile, births, deaths, ageing), then urbanisation — arrivals and
/// departures at the movers' urban shares (`MoverUrbanShares`), in-situ conversion on the logit `k + boost` — and
/// the urban-hukou stock
/// (`HukouStock`: movers keep their hukou type, conversion faster where the settlement lever acts) give the
/// population of t + 1.
/// The ledger is checked inside the migration step and again on the cohorts.
enum PopulationStage {
    /// The in-situ logistic's ceiling for a place at share u: its u_max, or just above u where migration has taken
    /// the share past it, never above 1 (`logitLinearUrbanShare` requires u_max ≤ 1; a share of 1 tripped it).
    static func inSituCeiling(_ uMax: Double, share u: Double) -> Double { min(1, max(uMax, u + 1e-9)) }

    /// What migration reads from the year's economy, as indices to 2019.
    struct Signals {
        let wageIndex: [Double], employmentIndex: [Double]
        let circleWageIndex: Double, restOfChinaWageIndex: Double

        /// Neutral signals (all 1): the 2019 step.
        static func neutral(regions r: Int) -> Signals {
            Signals(wageIndex: [Double](repeating: 1, count: r), employmentIndex: [Double](repeating: 1, count: r),
                    circleWageIndex: 1, restOfChinaWageIndex: 1)
        }

        init(wageIndex: [Double], employmentIndex: [Double], circleWageIndex: Double, restOfChinaWageIndex: Double) {
            self.wageIndex = wageIndex
            self.employmentIndex = employmentIndex
            self.circleWageIndex = circleWageIndex
            self.restOfChinaWageIndex = restOfChinaWageIndex
        }

        /// The real wage relative to 2019 and the national price level, `W[r] = (ŵ[z(r)]/P̂)·(P̂/CPI[r])^λ_P` (the
        /// zone's wage of the wage curve, `PriceStage`), and the employment rate relative to 2019; circle GDP per head
        /// (× `(P̂/CPI_circle)^λ_P`, the circle's CPI population-weighted) and the national productivity path
        /// relative to 2019 (MODEL.md §5, §7a). With β_U = 0, φ_w = 1 and λ_P = 0, `W` is the zone's real compensation
        /// per worker relative to 2019, as before the price block.
        init(context c: RunContext, state: EconomyState, path: GrowthTargets, costOfLivingWeight lambda: Double) {
            let r = c.structure.dims.regions, pr = state.prices, zoneOf = state.migration.model.zoneOf
            let living = (0..<r).map { lambda == 0 ? 1 : pow(pr.deflator / pr.cpi[$0], lambda) }
            wageIndex = (0..<r).map { pr.zoneWage[zoneOf[$0]] / pr.deflator * living[$0] }
            employmentIndex = (0..<r).map { (state.employment[$0] / c.employment2019[$0]) / (state.population[$0] / c.population2019[$0]) }
            let pop = state.population.reduce(0, +)
            let circleCPI = (0..<r).reduce(0.0) { $0 + pr.cpi[$1] * state.population[$1] } / pop
            circleWageIndex = (state.gdp.reduce(0, +) / pop) / (c.gdp2019.reduce(0, +) / c.population2019.reduce(0, +))
                * (lambda == 0 ? 1 : pow(pr.deflator / circleCPI, lambda))
            restOfChinaWageIndex = path.nationalIndex
        }
    }

    static func advance(
        year: Int, context c: RunContext, state: inout EconomyState, effects: YearEffects, parameters p: YearParameters,
        signals: Signals, times tt: RegionTimes, record rec: inout RunRecord
    ) throws {
        let cs = c.structure, r = cs.dims.regions
        let rates = (0..<r).map { c.demography.rates(region: $0, year: year) }
        let crude = try crudeRates(state.cohorts, rates: rates)
        let pace = c.national.pace(year)
        var step = try state.migration.step(
            population: state.population, urban: state.urban, employment: state.employment, wageIndex: signals.wageIndex,
            employmentIndex: signals.employmentIndex, barrier: effects.barrier, friction: effects.friction, travel: tt.passenger,
            gateway: tt.gatewayPassenger, parameters: p, circleWageIndex: signals.circleWageIndex,
            restOfChinaWageIndex: signals.restOfChinaWageIndex, caps: effects.caps, structure: cs,
            birthRates: crude.births, deathRates: crude.deaths, mobility: pow(c.national.mobility(year), p.migrationNationalPaceElasticity),
            trend: p.migrationTrend(year: year))
        rec.diagnostics.warnings += step.warnings
        state.coreMigration = step.coreFlows
        if let drift = correctionFlows(year: year, context: c, state: &state, parameters: p) { step.addRestOfChinaMoves(drift) }
        let cohorts = try project(state.cohorts, rates: rates, out: step.outMigrants, in: step.inMigrants, profile: c.demography.migrationProfile, ids: cs.ids)
        let before = state.population.reduce(0, +)
        var urban = [Double](repeating: 0, count: r)
        let paceFactor = pow(pace, p.urbanNationalPaceElasticity)
        for reg in 0..<r {
            let pop = cohorts.next[reg].total
            let u = step.population[reg] > 0 ? min(max(step.urbanBeforeConversion[reg] / step.population[reg], 0), 1) : 0
            let ceiling = inSituCeiling(cs.isCore[reg] ? p.uMaxCore : p.uMax, share: u)
            let converted = logitLinearUrbanShare(u, rate: c.urbanTrend[reg] * paceFactor + effects.urbanBoost[reg], ceiling: ceiling)
            urban[reg] = converted * pop
        }
        let after = cohorts.next.map(\.total)
        let movers = HukouStock.moverShare(hukou: state.urbanHukou, population: state.population, departures: step.outMigrants)
        state.urbanHukou = (0..<r).map { reg in
            HukouStock.step(
                hukou: state.urbanHukou[reg], populationBefore: state.population[reg], populationAfter: after[reg],
                arrivals: step.inMigrants[reg], arrivalShare: movers, urbanAfter: urban[reg],
                conversion: c.demography.hukou.conversion[reg], response: p.hukouConversionResponse,
                treatment: HukouStock.treatment(barrier: effects.barrier[reg], base: p.hukouBarrier))
        }
        if year + 1 == Backtest.censusYear { state.postCensus.population2020 = after }
        state.cohorts = cohorts.next
        state.population = after
        state.urban = urban
        state.netMigration = step.netMigration
        state.births = cohorts.births; state.deaths = cohorts.deaths
        state.inMigrants = step.inMigrants; state.outMigrants = step.outMigrants
        rec.ledger.append(try ledger(before: before, state: state, allocation: step.ledger))
    }

    /// The intercept correction's net migration in the step of `year` (`PostCensusDrift`): its rates are fixed at
    /// the step V → V + 1 from the model's populations at 2020 and V; nil where it is off (w_c = 0, V ≤ 2020, no
    /// observed growth) and before V.
    static func correctionFlows(year: Int, context c: RunContext, state: inout EconomyState, parameters p: YearParameters) -> [Double]? {
        let drift = c.postCensusDrift
        guard p.postCensusCorrection != 0, drift.isActive else { return nil }
        if year == drift.vintage, state.postCensus.rate.isEmpty, !state.postCensus.population2020.isEmpty {
            state.postCensus.rate = drift.rates(
                population2020: state.postCensus.population2020, populationAtVintage: state.population, weight: p.postCensusCorrection)
        }
        return PostCensusDrift.flows(state: state.postCensus, population: state.population, year: year, vintage: drift.vintage,
                                     decayYears: p.migrationTrendDecay)
    }

    /// Crude birth and death rates per mille of each place's cohorts under the year's rates (no migration): the
    /// natural change the migration step's cap search uses.
    static func crudeRates(_ cohorts: [Cohorts], rates: [VitalRates]) throws -> (births: [Double], deaths: [Double]) {
        var b: [Double] = [], d: [Double] = []
        for (c, v) in zip(cohorts, rates) {
            let step = try CohortProjection.natural(c, rates: v)  // births and deaths of the step without migration
            let p = max(c.total, 1)
            b.append(step.births / p * 1000); d.append(step.deaths / p * 1000)
        }
        return (b, d)
    }

    /// The cohort step of every place (MODEL-v3 §3.1): the year's departures leave at ages ∝ the Rogers–Castro
    /// profile (rates by age, `MigrationAgeProfile.outRates`), arrivals come with that profile, then births,
    /// deaths and ageing (`CohortProjection.step`).
    static func project(
        _ cohorts: [Cohorts], rates: [VitalRates], out: [Double], in arrivals: [Double], profile: [Double], ids: [String]
    ) throws -> (next: [Cohorts], births: [Double], deaths: [Double]) {
        var next: [Cohorts] = [], births: [Double] = [], deaths: [Double] = []
        let none = Cohorts.zero()
        for k in 0..<cohorts.count {
            var c = cohorts[k]
            let leave = try withCause("the departures of \(ids[k])") { try MigrationAgeProfile.outRates(out[k], population: c, profile: profile) }
            let come = MigrationAgeProfile.distribute(arrivals[k], profile: profile)
            for i in 0..<c.values.count { c.values[i] = c.values[i] * (1 - leave.values[i]) + come.values[i] }
            let step = try withCause("the cohort step of \(ids[k])") {
                try CohortProjection.step(c, rates: rates[k], outMigrationRates: none, inMigrants: none)
            }
            next.append(step.next); births.append(step.births); deaths.append(step.deaths)
        }
        return (next, births, deaths)
    }

    /// The population ledger of the step (MODEL-v3 §7.1): `ΔΣP = births − deaths + Σ in − Σ out` to 1e-9 of the
    /// population, per place and in total, else a numerical error.
    static func ledger(before: Double, state s: EconomyState, allocation: PopulationLedger) throws -> PopulationLedger {
        let after = s.population.reduce(0, +)
        let births = s.births.reduce(0, +), deaths = s.deaths.reduce(0, +)
        let moves = s.inMigrants.reduce(0, +) - s.outMigrants.reduce(0, +)
        guard abs(after - before - (births - deaths + moves)) <= 1e-9 * before else {
            throw SimulationError.numerical("population ledger does not balance: ΔP = \(after - before), flows = \(births - deaths + moves)")
        }
        return PopulationLedger(
            before: before, after: after, births: births, deaths: deaths, fromRestOfChina: allocation.fromRestOfChina,
            toRestOfChina: allocation.toRestOfChina, netMigration: moves)
    }
}
