import RegionalModels

/// Stage 5 of a year (MODEL.md §7): value added and GDP, capital by perpetual inventory
/// `K(t+1) = (1 − δ)·K + I`, TFP growth `gA = ψ·g_target + θ_R·(Δln R − Δln R_ref) + θ_S·(Δln S − Δln S_ref) +
/// productivity levers` (the R&D term of last year's knowledge stocks, `KnowledgeStage`), and
/// labour demand by the labour-requirement rule `gL = (gY − α·gK − gA)/(1 − α)`, so that the growth-accounting
/// residual equals gA exactly (employment itself is `IncomeStage.employment`: demand meeting the labour force).
enum GrowthStage {
    struct Result {
        let gdp: [Double], capital: [Double], employment: [Double], tfp: [Double], tfpRestOfChina: Double
        let tfpGrowth: [Double]
        let record: GrowthAccountingRecord
    }

    static func account(
        year: Int, context c: RunContext, state: EconomyState, output x: [Double], valueAdded va: [Double], effects: YearEffects,
        parameters p: YearParameters, path: GrowthTargets
    ) -> Result {
        let r = c.structure.dims.regions, s = c.structure.dims.sectors, n = c.structure.dims.industries
        var gdp = [Double](repeating: 0, count: r)
        for k in 0..<n { gdp[k / s] += va[k] * x[k] }
        let capital = (0..<r).map { GrowthAccounting.nextCapital(state.capital[$0], investment: state.investmentLocated[$0], depreciation: p.depreciation) }
        var gA = [Double](repeating: 0, count: r)
        var gYs = gA, gKs = gA, gLs = gA
        var employment = state.labourDemand, tfp = state.tfp
        for reg in 0..<r {
            let gY = gdp[reg] / state.gdp[reg] - 1
            let gK = capital[reg] / state.capital[reg] - 1
            var prodGrowth = 0.0
            if effects.hasProductivity[reg] {
                var vaw = 0.0, tot = 0.0
                for i in 0..<s {
                    let w = va[reg * s + i] * x[reg * s + i]
                    vaw += w * effects.productivityGrowth[reg * s + i]; tot += w
                }
                prodGrowth = tot > 0 ? vaw / tot : 0
            }
            gA[reg] = c.tfpShareOfGrowth * path.circle + state.knowledge.tfpTerm[reg] + prodGrowth
            let gL = GrowthAccounting.requiredLabourGrowth(outputGrowth: gY, capitalGrowth: gK, tfpGrowth: gA[reg], capitalShare: p.capitalShare)
            employment[reg] *= 1 + gL
            gYs[reg] = gY; gKs[reg] = gK; gLs[reg] = gL
            tfp[reg] *= 1 + gA[reg]
        }
        return Result(
            gdp: gdp, capital: capital, employment: employment, tfp: tfp,
            tfpRestOfChina: state.tfpRestOfChina * (1 + c.tfpShareOfGrowth * path.national), tfpGrowth: gA,
            record: GrowthAccountingRecord(
                year: year, capitalShare: p.capitalShare, outputGrowth: gYs, capitalGrowth: gKs, labourGrowth: gLs, tfpGrowth: gA))
    }
}
