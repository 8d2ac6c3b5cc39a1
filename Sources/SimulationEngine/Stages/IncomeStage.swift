import Foundation
import RegionalModels

/// One year's labour demand and labour force per jurisdiction (the lever-free pass's feed the employment closure).
struct LabourMarketRecord: Sendable {
    let demand: [Double]
    let labourForce: [Double]
}

/// Stage 6 of a year (MODEL.md §4, §7): the year's results become the state the next year reads — output,
/// GDP, capital, employment, TFP; the physical investment placed in each jurisdiction (`κ·I_rule + extra`, R&D
/// spending left out: it builds the knowledge stock of `KnowledgeStage`); R&D
/// intensity; consumption per head following income per head with elasticity ε_c and a one-year lag;
/// government spending per head following GDP per head; the circle's growth of output, capital and
/// employment for the contribution of technical progress.
enum IncomeStage {
    /// The employment closure: labour demand meets labour supply through the wage (MODEL-v3 §3.3, §4.4). Without
    /// levers employment is the labour force at the 2019 employment rate, `E = LF·(1 − u₂₀₁₉)`, so the lever-free
    /// path follows labour supply (the labour-requirement rule alone shed 12 % of jobs by 2035 while population
    /// grew). A lever moves labour demand by `ρ = D/D_free` against the lever-free counterfactual: the jobs demanded
    /// at the lever-free wage are `E_free·ρ`, met by the run's own labour force (the migrants the lever drew
    /// included). The wage answers the unemployment through the wage curve, `w/w_free = (U/u₂₀₁₉)^β_U`, and
    /// employers move along their labour demand at given output, `E/E_D = (w/w_free)^(−η_D)`, η_D the
    /// constant-output own-wage elasticity (`wage.labourDemandElasticity`, 0.30: Hamermesh 1993, *Labor Demand*
    /// ch. 3, range 0.15–0.75; the labour coefficients are fixed per unit of output, so this substitution is the
    /// wage's only direct effect on jobs, its effect through costs runs through the price block). Employment is the
    /// fixed point `x = (1 − u₂₀₁₉)·ρ·(LF_free/LF)·((1 − x)/u₂₀₁₉)^γ`, `x = E/LF`, `γ = η_D·|β_U|`
    /// (`clearedEmploymentRate`): a rise in labour demand is shared between jobs and wages; U stays at or above the
    /// wage curve's 1 % floor however large the shock (`maximumEmploymentRate`). The market clears per labour-market
    /// zone (`zoneOf`, the price block's wage-curve unit: the nine central districts are one zone), and every
    /// resident of a zone faces its unemployment rate (jobs in one district filled from the others: commuting
    /// within the zone). With γ = 0 (β_U or η_D 0) it is
    /// the interim rule, per jurisdiction: `E = min(LF, LF·(1 − u₂₀₁₉)·ρ)`.
    static func employment(
        labourForce lf: [Double], demand d: [Double], free: LabourMarketRecord?, wageElasticity betaU: Double,
        labourDemandElasticity etaD: Double = YearParameters().labourDemandElasticity, zoneOf: [Int]? = nil
    ) -> [Double] {
        let rate = 1 - DemographyConstants.unemploymentRate2019
        let gamma = etaD * abs(betaU)
        guard let free else { return lf.map { $0 * rate } }
        guard gamma > 0 else {
            return (0..<lf.count).map { r in
                free.demand[r] > 0 ? min(lf[r], lf[r] * rate * d[r] / free.demand[r]) : lf[r] * rate
            }
        }
        // Per labour-market zone (the wage curve's unit): jobs demanded at the lever-free wage, E_free·ρ, meet the
        // zone's labour force; every resident of the zone faces its unemployment rate (commuting within the zone).
        let zone = zoneOf ?? Array(0..<lf.count), zones = (zone.max() ?? -1) + 1
        var dz = [Double](repeating: 0, count: zones), dfz = dz, lfz = dz, lffz = dz
        for r in 0..<lf.count {
            dz[zone[r]] += d[r]; dfz[zone[r]] += free.demand[r]; lfz[zone[r]] += lf[r]; lffz[zone[r]] += free.labourForce[r]
        }
        let x = (0..<zones).map { z -> Double in
            guard dfz[z] > 0, lfz[z] > 0 else { return rate }
            let demanded = dz[z] / dfz[z] * lffz[z] / lfz[z]
            return demanded == 1 ? rate : min(clearedEmploymentRate(pressure: demanded, gamma: gamma), maximumEmploymentRate)
        }
        return (0..<lf.count).map { lf[$0] * x[zone[$0]] }
    }

    /// The most of a zone's labour force employed at once, `1 − U_min`: the wage curve's unemployment floor
    /// (`PriceStage.minimumUnemployment`, MODEL-v3 §4.2: 1 %, (M)) read as frictional unemployment, so demand beyond
    /// it is unfilled vacancies. Without it the fixed point's small γ let a large lever drive U to 4e-6 (plan-2025,
    /// 成都 2035) while the price block's wage curve read 1 %.
    static let maximumEmploymentRate = 1 - PriceStage.minimumUnemployment

    /// The employment rate `x ∈ (0, 1)` solving `x = (1 − u₂₀₁₉)·ρ·((1 − x)/u₂₀₁₉)^γ` (unique: the left side rises
    /// from 0 to 1, the right side falls to 0), by bisection (`Bisection.root`).
    static func clearedEmploymentRate(pressure rho: Double, gamma: Double) -> Double {
        let u0 = DemographyConstants.unemploymentRate2019, scale = (1 - u0) * rho
        return Bisection.root({ x in x - scale * pow((1 - x) / u0, gamma) }, in: 0...1) ?? .nan  // nil only for a non-finite ρ or γ
    }

    static func update(
        year: Int, context c: RunContext, state: inout EconomyState, solved: SolveStage.Result, growth: GrowthStage.Result,
        demand: DemandStage.Result, effects: YearEffects, parameters p: YearParameters, freeLabourMarket: LabourMarketRecord? = nil
    ) throws {
        let r = c.structure.dims.regions, s = c.structure.dims.sectors
        for v in [solved.output.reduce(0, +), growth.gdp.reduce(0, +)] where !v.isFinite {
            throw SimulationError.numerical("non-finite output in \(year)")
        }
        let previousGDP = state.gdp, previousCapital = state.capital, previousEmployment = state.employment
        state.output = solved.output
        state.labourDemand = growth.employment
        state.labourForce = c.demography.labourForces(state.cohorts, year: year)
        state.employment = employment(
            labourForce: state.labourForce, demand: growth.employment, free: freeLabourMarket,
            wageElasticity: p.prices.unemploymentElasticity, labourDemandElasticity: p.labourDemandElasticity,
            zoneOf: state.migration.model.zoneOf)
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
