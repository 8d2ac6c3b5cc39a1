import Foundation
import Testing
@testable import SimulationEngine

/// The employment closure (issue 16 item 2, issue 17 item 2; `IncomeStage.employment`): a lever's labour demand
/// meets the run's labour supply through the wage curve and the labour-demand elasticity. Pure functions, checked
/// against independent solutions (Newton's method in Python, 2026-12-03) and by the defining equation.
@Suite("Employment closure: labour demand meets labour supply through the wage")
struct EmploymentClosureTests {
    static let u0 = DemographyConstants.unemploymentRate2019

    /// The fixed point `x = (1 − u₀)·ρ·((1 − x)/u₀)^γ` against Newton's method run independently: γ = 0.03 (η_D 0.3,
    /// β_U −0.1), ρ = 1.09 → 0.98824292486486; ρ = 0.9 → 0.87578244538137; ρ = 1 → 1 − u₀ exactly.
    @Test func fixedPointMatchesAnIndependentSolution() {
        #expect(abs(IncomeStage.clearedEmploymentRate(pressure: 1.09, gamma: 0.03) - 0.98824292486486) < 1e-12)
        #expect(abs(IncomeStage.clearedEmploymentRate(pressure: 0.9, gamma: 0.03) - 0.87578244538137) < 1e-12)
        #expect(abs(IncomeStage.clearedEmploymentRate(pressure: 1, gamma: 0.03) - (1 - Self.u0)) < 1e-14)
        for rho in [0.5, 0.95, 1.2, 1.5] {
            let x = IncomeStage.clearedEmploymentRate(pressure: rho, gamma: 0.05)
            #expect(abs(x - (1 - Self.u0) * rho * pow((1 - x) / Self.u0, 0.05)) < 1e-12, "ρ \(rho)")
        }
        // ρ = 3: U = u₀·(x/(3·(1 − u₀)))^(1/γ) ≈ 4e-11 (the equation in its inverse form), never 0.
        let x = IncomeStage.clearedEmploymentRate(pressure: 3, gamma: 0.05)
        #expect(x < 1 && 1 - x > 1e-12 && abs((1 - x) - Self.u0 * pow(x / (3 * (1 - Self.u0)), 20)) < 1e-14)
    }

    /// Demand beyond the frictional floor is unfilled: at ρ = 1.3 the fixed point would leave U at 0.005 % (γ = 0.03),
    /// the closure employs 99 % of the labour force, the wage curve's floor (MODEL-v3 §4.2, U_min 1 %); below the cap
    /// (ρ = 1.09, U = 1.18 %) the fixed point stands.
    @Test func unemploymentStopsAtTheWageCurvesFloor() {
        let free = LabourMarketRecord(demand: [50], labourForce: [100])
        #expect(1 - IncomeStage.clearedEmploymentRate(pressure: 1.3, gamma: 0.03) < 0.001)
        let capped = IncomeStage.employment(labourForce: [100], demand: [65], free: free, wageElasticity: -0.1)[0]
        #expect(abs(capped - 99) < 1e-12)
        let below = IncomeStage.employment(labourForce: [100], demand: [54.5], free: free, wageElasticity: -0.1)[0]
        #expect(abs(below - 98.824292486486) < 1e-10)
    }

    /// A 9 % rise in labour demand is shared between jobs and wages: employment rises by less than 9 % (4.2 % at
    /// the defaults), unemployment falls but stays positive; with β_U = 0 (wage channel off) jobs follow demand
    /// up to the labour force (the interim rule).
    @Test func aDemandShockIsSharedBetweenJobsAndWages() {
        let lf = [100.0], free = LabourMarketRecord(demand: [50], labourForce: [100])
        let e = IncomeStage.employment(labourForce: lf, demand: [54.5], free: free, wageElasticity: -0.1)[0]
        let rigid = IncomeStage.employment(labourForce: lf, demand: [54.5], free: free, wageElasticity: 0)[0]
        #expect(abs(rigid - 100) < 1e-12)  // min(LF, 94.8 · 1.09 = 103.3)
        let noSubstitution = IncomeStage.employment(labourForce: lf, demand: [54.5], free: free, wageElasticity: -0.1, labourDemandElasticity: 0)[0]
        #expect(noSubstitution == rigid)  // η_D = 0: the interim rule too
        let elastic = IncomeStage.employment(labourForce: lf, demand: [54.5], free: free, wageElasticity: -0.1, labourDemandElasticity: 0.75)[0]
        #expect(elastic < e)  // a more wage-elastic labour demand: fewer of the demanded jobs are filled
        #expect(e > 94.8 * 1.03 && e < 94.8 * 1.09)
        #expect(abs(e - 100 * 0.98824292486486) < 1e-10)
        // Without levers (no lever-free record) or with the lever-free demand: E = LF·(1 − u₀).
        #expect(abs(IncomeStage.employment(labourForce: lf, demand: [54.5], free: nil, wageElasticity: -0.1)[0] - 94.8) < 1e-12)
        #expect(IncomeStage.employment(labourForce: lf, demand: [50], free: free, wageElasticity: -0.1)[0] == 100 * (1 - Self.u0))
    }

    /// Migrants drawn by a lever meet the jobs it creates; they do not create jobs of their own: with demand
    /// up 9 % and the labour force up 3 %, employment rises by less than with the labour force unchanged in
    /// proportion to the labour force (the rate falls), and unemployment is higher.
    @Test func migrantsMeetTheJobsTheyDoNotMultiplyThem() {
        let free = LabourMarketRecord(demand: [50], labourForce: [100])
        let stay = IncomeStage.employment(labourForce: [100], demand: [54.5], free: free, wageElasticity: -0.1)[0]
        let moved = IncomeStage.employment(labourForce: [103], demand: [54.5], free: free, wageElasticity: -0.1)[0]
        #expect(moved / 103 < stay / 100)
        #expect(moved > stay && moved < stay * 1.03)
        // The rate solves the fixed point at ρ·LF_free/LF = 1.09/1.03 (Newton, independently: 0.97785627851586).
        #expect(abs(moved / 103 - 0.97785627851586) < 1e-12)
    }

    /// Two jurisdictions in one labour-market zone: a demand shock in the first is met by the zone's labour force,
    /// both face the zone's rate (the fixed point at the zone's ρ = 54.5/50 · 200/200 = 1.09), and the zone's
    /// employment equals what one jurisdiction with the zone's totals would get.
    @Test func theMarketClearsPerZone() {
        let free = LabourMarketRecord(demand: [25, 25], labourForce: [100, 100])
        let e = IncomeStage.employment(labourForce: [100, 100], demand: [29.5, 25], free: free, wageElasticity: -0.1, zoneOf: [0, 0])
        #expect(abs(e[0] - e[1]) < 1e-12)
        let alone = IncomeStage.employment(
            labourForce: [200], demand: [54.5], free: LabourMarketRecord(demand: [50], labourForce: [200]), wageElasticity: -0.1)[0]
        #expect(abs(e[0] + e[1] - alone) < 1e-9)
        #expect(abs(e[0] / 100 - 0.98824292486486) < 1e-12)
        // Separate zones: the shocked jurisdiction alone clears at ρ = 1.18, the other stays at the 2019 rate.
        let apart = IncomeStage.employment(labourForce: [100, 100], demand: [29.5, 25], free: free, wageElasticity: -0.1, zoneOf: [0, 1])
        #expect(apart[0] > e[0] && abs(apart[1] - 94.8) < 1e-12)
    }
}
