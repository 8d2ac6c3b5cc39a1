import BaseData
import Foundation
import ScenarioSpec
import Testing
@testable import SimulationEngine

/// The population's intercept correction at a vintage after the census (`PostCensusDrift`,
/// `migration.postCensusCorrection`, default off).
@Suite("Post-census intercept correction")
struct PostCensusDriftTests {
    /// By hand: observed +1 % a year over 2020 → 2022, the model +0.4 %: w = 0.5 gives a rate 0.003; at V = 2022 a
    /// place of 1,000 gains 3 in the step 2022 → 2023 and 3·e^(−1/8) a year later; before V nothing; a place
    /// without an observation nothing.
    @Test func ratesAndFlowsByHand() throws {
        let drift = PostCensusDrift(observedGrowth: [0.01, nil], vintage: 2022)
        let p2020 = [1000.0, 500], p2022 = [1000 * exp(0.008), 520]
        let rates = drift.rates(population2020: p2020, populationAtVintage: p2022, weight: 0.5)
        #expect(abs(rates[0] - 0.5 * (0.01 - 0.004)) < 1e-15 && rates[1] == 0)
        let state = PostCensusDrift.State(population2020: p2020, rate: [0.003, 0])
        #expect(PostCensusDrift.flows(state: state, population: [1000, 500], year: 2021, vintage: 2022, decayYears: 8) == nil)
        #expect(abs((PostCensusDrift.flows(state: state, population: [1000, 500], year: 2022, vintage: 2022, decayYears: 8)?[0] ?? 0) - 3) < 1e-12)
        let later = try #require(PostCensusDrift.flows(state: state, population: [1000, 500], year: 2023, vintage: 2022, decayYears: 8))
        #expect(abs(later[0] - 3 * exp(-1.0 / 8)) < 1e-12 && later[1] == 0)
        #expect(PostCensusDrift.flows(state: .init(), population: [1000, 500], year: 2023, vintage: 2022, decayYears: 8) == nil)
    }

    /// The correction joins the migration step's result: +3 and −2 persons with the rest of China on places of 100
    /// (40 urban) and 50 (10 urban): the urban shares before conversion stay 0.4 and 0.2, the ledger's exchange moves.
    @Test func movesJoinTheStep() {
        var step = MigrationState.StepResult(population: [100, 50], urbanBeforeConversion: [40, 10], netMigration: [1, -1],
                                             outMigrants: [4, 6], inMigrants: [5, 5], warnings: [])
        step.addRestOfChinaMoves([3, -2])
        #expect(step.population == [103, 48] && step.netMigration == [4, -3])
        #expect(step.inMigrants == [8, 5] && step.outMigrants == [4, 8])
        #expect(abs(step.urbanBeforeConversion[0] / 103 - 0.4) < 1e-15 && abs(step.urbanBeforeConversion[1] / 48 - 0.2) < 1e-15)
        #expect(step.ledger.fromRestOfChina == 3 && step.ledger.toRestOfChina == 2)
    }

    /// The observed growth at V = 2022 from the data: 成都's year-ends (2,094.7 → 2,126.8万), Chongqing's
    /// municipality (3,208.93 → 3,213.34万) plus the census-decade gap for each of its 27 jurisdictions; nothing
    /// at V = 2019; no Chongqing jurisdiction's own figure read, none after V.
    @Test func observedGrowthFromTheData() throws {
        let sim = try Shared.simulator.get()
        let cs = sim.structure
        var obs = VintagedObservations(history: cs.dataset.history, vintage: 2022)
        let drift = try PostCensusDrift.fit(structure: cs, vintage: 2022, observations: &obs)
        let ids = cs.jurisdictions.map(\.id)
        let chengdu = try #require(ids.firstIndex(of: "sc-chengdu")), yuzhong = try #require(ids.firstIndex(of: "cq-yuzhong"))
        #expect(abs(try #require(drift.observedGrowth[chengdu]) - log(2126.8 / 2094.7) / 2) < 1e-12)
        let municipality = log(3213.34 / 3208.93) / 2, gap = Backtest.provinceGap(cs, .chongqing)
        #expect(abs(try #require(drift.observedGrowth[yuzhong]) - (municipality + gap)) < 1e-12)
        #expect(!obs.reads.contains { $0.hasPrefix("cq-") })
        #expect(obs.reads.allSatisfy { Int($0.split(separator: ":").last ?? "") ?? 0 <= 2022 })
        var early = VintagedObservations(history: cs.dataset.history, vintage: 2019)
        let none = try PostCensusDrift.fit(structure: cs, vintage: 2019, observations: &early)
        #expect(none.observedGrowth.allSatisfy { $0 == nil } && early.reads.isEmpty)
    }

    /// End to end at V = 2022: with w = 1 the run equals w = 0 up to 2022; in the step 2022 → 2023 each place's
    /// net migration differs by exactly (o − m)·P(2022), m the run's own 2020 → 2022 growth; the ledger balances.
    @Test func theRunCarriesTheCorrection() throws {
        let sim = try Shared.simulator.get()
        let history = try Shared.scenario("history").overriding(["calibration.vintage": 2022])
        let off = try sim.run(history, until: 2024)
        let on = try sim.run(history.overriding(["migration.postCensusCorrection": 1]), until: 2024)
        var obs = VintagedObservations(history: sim.dataset.history, vintage: 2022)
        let drift = try PostCensusDrift.fit(structure: sim.structure, vintage: 2022, observations: &obs)
        for (reg, place) in sim.structure.jurisdictions.enumerated() {
            func v(_ t: Trajectory, _ id: String, _ y: Int) throws -> Double { try #require(t.value(id, at: place.id, in: y)) }
            let p20 = try v(on, "population", 2020), p22 = try v(on, "population", 2022)
            #expect(try p22 == v(off, "population", 2022), "\(place.id)")
            let x = drift.observedGrowth[reg].map { ($0 - log(p22 / p20) / 2) * p22 } ?? 0
            let difference = try v(on, "in_migrants", 2023) - v(on, "out_migrants", 2023) - v(off, "in_migrants", 2023) + v(off, "out_migrants", 2023)
            #expect(abs(difference - x) <= 1e-6 * p22, "\(place.id): \(difference) vs \(x)")
        }
        try Shared.expectPopulationLedger(on)
    }
}
