import Foundation
import RegionalModels

/// Stage 8 of a year (MODEL.md §5): migration on the 34 zones (nested logit with smoothed utilities, the rest
/// of China as a reservoir, population caps by raising the destination barrier), natural change, then
/// urbanisation — migration neutral for the urban share, in-situ conversion on the logit `k + boost` — give
/// the population of t + 1. The ledger is checked inside the migration step.
enum PopulationStage {
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

        /// Compensation per worker and employment rate relative to 2019; circle GDP per head and the national
        /// productivity path relative to 2019 (MODEL.md §5).
        init(context c: RunContext, state: EconomyState, path: GrowthTargets) {
            let r = c.structure.dims.regions
            let comp = c.compensation(state.output)
            wageIndex = (0..<r).map { (comp[$0] / state.employment[$0]) / (c.compensation2019[$0] / c.employment2019[$0]) }
            employmentIndex = (0..<r).map { (state.employment[$0] / c.employment2019[$0]) / (state.population[$0] / c.population2019[$0]) }
            circleWageIndex = (state.gdp.reduce(0, +) / state.population.reduce(0, +)) / (c.gdp2019.reduce(0, +) / c.population2019.reduce(0, +))
            restOfChinaWageIndex = path.nationalIndex
        }
    }

    static func advance(
        year: Int, context c: RunContext, state: inout EconomyState, effects: YearEffects, parameters p: YearParameters,
        signals: Signals, times tt: RegionTimes, record rec: inout RunRecord
    ) throws {
        let cs = c.structure, r = cs.dims.regions
        let step = try state.migration.step(
            population: state.population, urban: state.urban, employment: state.employment, wageIndex: signals.wageIndex,
            employmentIndex: signals.employmentIndex, barrier: effects.barrier, friction: effects.friction, travel: tt.passenger,
            gateway: tt.gatewayPassenger, parameters: p, circleWageIndex: signals.circleWageIndex,
            restOfChinaWageIndex: signals.restOfChinaWageIndex, caps: effects.caps, structure: cs, dataset: cs.dataset)
        rec.diagnostics.warnings += step.warnings
        rec.ledger.append(step.ledger)
        state.coreMigration = step.coreFlows
        var urban = [Double](repeating: 0, count: r)
        for reg in 0..<r {
            let u = step.population[reg] > 0 ? min(max(step.urbanBeforeConversion[reg] / step.population[reg], 0), 1) : 0
            let ceiling = cs.isCore[reg] ? p.uMaxCore : p.uMax
            let converted = logitLinearUrbanShare(u, rate: c.urbanTrend[reg] + effects.urbanBoost[reg], ceiling: max(ceiling, u + 1e-9))
            urban[reg] = converted * step.population[reg]
        }
        state.population = step.population
        state.urban = urban
        state.netMigration = step.netMigration
    }
}
