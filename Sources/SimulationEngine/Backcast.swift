import BaseData
import Foundation
import RegionalModels
import ScenarioSpec

/// The 2015–2019 backcast (MODEL.md §12): the model's growth, population and urbanisation rules run over
/// 2015 → 2019 from a 2015 state derived from the 2019 base data, to check that they reproduce the
/// outline's record (GDP growth above 8 % a year, urbanisation above 60 % in 2019) and that the accounts
/// close. The 2015 state is not observed data: GDP is deflated by China's first-published 2016–19 growth
/// plus the circle's excess, population by natural change only (the base data assume zero net migration),
/// urbanisation by the province logit trend — so the backcast checks the consistency of the calibration,
/// it is not an out-of-sample test.
public struct Backcast: Sendable {
    public struct Year: Sendable {
        public let year: Int
        public let gdp: Double
        public let population: Double
        public let urbanisationRate: Double
        /// Circle GDP growth over the previous year (nil in 2015).
        public let gdpGrowth: Double?
        /// `ΔΣP − (births − deaths)` (nil in 2015): zero to round-off.
        public let ledgerResidual: Double?
        /// Largest `|gY − α·gK − (1 − α)·gL − gA|` over jurisdictions (nil in 2015): zero to round-off.
        public let accountingResidual: Double?
        /// TFP growth of the circle (GDP-weighted).
        public let tfpGrowth: Double?
    }

    public let years: [Year]
    /// `Σ gA / Σ gY` over 2016–2019: the contribution of technical progress in the backcast.
    public let technicalProgressContribution: Double

    /// Runs the backcast with the parameters of `scenario`.
    public init(simulator: Simulator, scenario: Scenario) throws {
        let cs = simulator.structure, ds = cs.dataset
        let p = try YearParameters(scenario: scenario, year: 2019)
        let r = cs.ids.count
        let natGrowth = CalibrationConstants.nationalGrowth2016to2019
        let circle = (ds.provinceContext.value(region: "circle", indicator: "gdp_growth_2016_2019_mean_annual_percent", year: 2019)
            .map { $0 / 100 }) ?? CalibrationConstants.circleGrowth2016to2019Fallback
        let excess = circle - natGrowth.reduce(0, +) / Double(natGrowth.count)
        let growth = natGrowth.map { $0 + excess }  // 2016…2019
        let gdp19 = cs.jurisdictions.map(\.gdp2019HundredMillionYuan.value)
        let pop19 = cs.jurisdictions.map(\.population2019Persons.value)
        let u19 = cs.jurisdictions.map(\.urbanShare2019Fraction.value)
        func rate(_ j: Jurisdiction, _ id: String, _ fallback: Double) -> Double {
            ds.provinceContext.value(region: j.province.rawValue, indicator: id, year: 2019) ?? fallback
        }
        let birthRate = cs.jurisdictions.map { rate($0, "birth_rate_per_mille", 10.5) / 1000 }
        let deathRate = cs.jurisdictions.map { rate($0, "death_rate_per_mille", 7.3) / 1000 }
        let natural = zip(birthRate, deathRate).map { $0 - $1 }
        let uMax = (0..<r).map { cs.isCore[$0] ? p.uMaxCore : p.uMax }
        let k = (0..<r).map { reg -> Double in
            let prov = cs.jurisdictions[reg].province.rawValue
            let a = (ds.provinceContext.value(region: prov, indicator: "urbanization_2015_percent", year: 2015) ?? 55) / 100
            let b = (ds.provinceContext.value(region: prov, indicator: "urbanization_percent", year: 2019) ?? 60) / 100
            return logitLinearRate(from: min(a, uMax[reg] * 0.99), to: min(b, uMax[reg] * 0.995), years: 4, ceiling: uMax[reg])
        }
        // 2015 state.
        let deflate = growth.reduce(1.0) { $0 * (1 + $1) }
        var gdp = gdp19.map { $0 / deflate }
        var pop = (0..<r).map { pop19[$0] / pow(1 + natural[$0], 4) }
        var u = (0..<r).map { reg -> Double in
            var x = u19[reg]
            for _ in 0..<4 { x = logitLinearUrbanShare(x, rate: -k[reg], ceiling: uMax[reg]) }
            return x
        }
        let employmentRate = 0.556  // persons employed per resident: China 2018 (77,586万 / 139,538万), held
        var capital = gdp.map { $0 * p.initialCapitalOutput }
        let iota = 0.442178  // GFCF share of GDP (national 2018 IO share, as in the base year)
        var out: [Year] = [Year(
            year: 2015, gdp: gdp.reduce(0, +), population: pop.reduce(0, +),
            urbanisationRate: zip(u, pop).map { $0 * $1 }.reduce(0, +) / pop.reduce(0, +), gdpGrowth: nil,
            ledgerResidual: nil, accountingResidual: nil, tfpGrowth: nil)]
        var sumA = 0.0, sumY = 0.0
        for (t, g) in zip(2016...2019, growth) {
            let before = pop.reduce(0, +)
            let births = zip(pop, birthRate).map { $0 * $1 }
            let deaths = zip(pop, deathRate).map { $0 * $1 }
            let newPop = (0..<r).map { pop[$0] + births[$0] - deaths[$0] }
            let ledger = (newPop.reduce(0, +) - before) - (births.reduce(0, +) - deaths.reduce(0, +))
            let newGDP = gdp.map { $0 * (1 + g) }
            let newCapital = (0..<r).map { GrowthAccounting.nextCapital(capital[$0], investment: iota * gdp[$0], depreciation: p.depreciation) }
            var worst = 0.0, gAweighted = 0.0
            for reg in 0..<r {
                let gY = newGDP[reg] / gdp[reg] - 1, gK = newCapital[reg] / capital[reg] - 1
                let gL = (newPop[reg] * employmentRate) / (pop[reg] * employmentRate) - 1
                let gA = GrowthAccounting.residual(outputGrowth: gY, capitalGrowth: gK, labourGrowth: gL, capitalShare: p.capitalShare)
                // The closure used forward: the labour growth that makes the residual gA.
                let gLstar = GrowthAccounting.requiredLabourGrowth(outputGrowth: gY, capitalGrowth: gK, tfpGrowth: gA, capitalShare: p.capitalShare)
                worst = max(worst, abs(gY - p.capitalShare * gK - (1 - p.capitalShare) * gLstar - gA))
                gAweighted += gA * newGDP[reg]
            }
            let gACircle = gAweighted / newGDP.reduce(0, +)
            let gYCircle = newGDP.reduce(0, +) / gdp.reduce(0, +) - 1
            sumA += gACircle; sumY += gYCircle
            u = (0..<r).map { logitLinearUrbanShare(u[$0], rate: k[$0], ceiling: uMax[$0]) }
            pop = newPop; gdp = newGDP; capital = newCapital
            out.append(Year(
                year: t, gdp: gdp.reduce(0, +), population: pop.reduce(0, +),
                urbanisationRate: zip(u, pop).map { $0 * $1 }.reduce(0, +) / pop.reduce(0, +), gdpGrowth: gYCircle,
                ledgerResidual: ledger, accountingResidual: worst, tfpGrowth: gACircle))
        }
        years = out
        technicalProgressContribution = sumA / sumY
    }
}
