import Foundation
import RegionalModels

/// Stage 6 of a year (MODEL.md §4, §7): the year's results become the state the next year reads — output,
/// GDP, capital, employment, TFP; the physical investment placed in each jurisdiction (`κ·I_rule + extra`, R&D
/// spending left out: it builds the knowledge stock of `KnowledgeStage`); R&D
/// intensity; consumption per head following income per head with elasticity ε_c and a one-year lag;
/// government spending per head following GDP per head; the circle's growth of output, capital and
/// employment for the contribution of technical progress.
enum IncomeStage {
    /// The interim employment closure (MODEL-v3 §3.3, until the production block closes the labour market):
    /// employment is the labour force at the 2019 employment rate, moved by the levers' labour demand relative
    /// to the lever-free counterfactual's, never above the labour force:
    /// `E = min(LF, LF·(1 − u₂₀₁₉)·D/D_free)` (`D_free = D` in a run without levers). The labour-requirement
    /// rule alone shed 12 % of jobs by 2035 while population grew; here the level follows labour supply.
    static func employment(labourForce lf: [Double], demand d: [Double], freeDemand: [Double]?) -> [Double] {
        let rate = 1 - DemographyConstants.unemploymentRate2019
        return (0..<lf.count).map { r in
            let pressure = freeDemand.map { $0[r] > 0 ? d[r] / $0[r] : 1 } ?? 1
            return min(lf[r], lf[r] * rate * pressure)
        }
    }

    static func update(
        year: Int, context c: RunContext, state: inout EconomyState, solved: SolveStage.Result, growth: GrowthStage.Result,
        demand: DemandStage.Result, effects: YearEffects, parameters p: YearParameters, freeLabourDemand: [Double]? = nil
    ) throws {
        let r = c.structure.dims.regions, s = c.structure.dims.sectors
        for v in [solved.output.reduce(0, +), growth.gdp.reduce(0, +)] where !v.isFinite {
            throw SimulationError.numerical("non-finite output in \(year)")
        }
        let previousGDP = state.gdp, previousCapital = state.capital, previousEmployment = state.employment
        state.output = solved.output
        state.labourDemand = growth.employment
        state.labourForce = c.demography.labourForces(state.cohorts, year: year)
        state.employment = employment(labourForce: state.labourForce, demand: growth.employment, freeDemand: freeLabourDemand)
        state.tfp = growth.tfp
        state.tfpRestOfChina = growth.tfpRestOfChina
        state.capital = growth.capital
        // R&D spending is GFCF in the accounts but builds the knowledge stock, not K (MODEL-v3 §4.3).
        let kap = solved.kappa, invest = demand.consumer.investment, extra = demand.amounts.investment, rd = demand.rdInvestment
        state.investmentLocated = (0..<r).map { reg in
            (0..<s).reduce(0.0) { $0 + kap * invest[reg * s + $1] + (extra[reg * s + $1] - rd[reg * s + $1]) }
        }
        state.rdIntensity = effects.rdIntensity
        let income = zip(c.compensation(solved.output), state.population).map { $0 / $1 }
        for reg in 0..<r {
            let g = pow(income[reg] / state.incomePerHeadPrevious[reg], p.consumptionIncomeElasticity)
            state.consumptionUrbanPerHead[reg] *= g
            state.consumptionRuralPerHead[reg] *= g
            let gdpPerHead = growth.gdp[reg] / state.population[reg]
            state.governmentPerHead[reg] *= gdpPerHead / state.gdpPerHeadPrevious[reg]
            state.gdpPerHeadPrevious[reg] = gdpPerHead
        }
        state.incomePerHeadPrevious = income
        state.gdpGrowthHistory[year] = growth.gdp.reduce(0, +) / previousGDP.reduce(0, +) - 1
        state.capitalGrowthHistory[year] = growth.capital.reduce(0, +) / previousCapital.reduce(0, +) - 1
        state.employmentGrowthHistory[year] = state.employment.reduce(0, +) / previousEmployment.reduce(0, +) - 1
        state.gdp = growth.gdp
    }

    /// The contribution of technical progress over the window ending in `year`, as the official statistic
    /// computes it (MODEL-v3 §4.8, `TechnicalProgressCalibration`); nil before 2019 or when output falls.
    static func technicalProgressContribution(year: Int, context c: RunContext, state: EconomyState) -> Double? {
        c.technicalProgress.contribution(
            year: year, output: state.gdpGrowthHistory, capital: state.capitalGrowthHistory, labour: state.employmentGrowthHistory)
    }
}
