import Foundation
import ScenarioSpec
import Testing
@testable import SimulationEngine

@Suite("Shapley values: exact weights and the axioms")
struct ShapleyTests {
    /// w(s) = s!(k − s − 1)! over k!: for k = 3, 2/6, 1/6, 2/6; they sum with the binomial counts to 1.
    @Test func weightsAreExactIntegerRatios() {
        let (w, d) = Shapley.weights(players: 3)
        #expect(w == [2, 1, 2] && d == 6)
        for k in 1...8 {
            let (w, d) = Shapley.weights(players: k)
            func choose(_ n: Int, _ r: Int) -> Int { r == 0 ? 1 : (1...r).reduce(1) { $0 * (n - r + $1) / $1 } }
            #expect((0..<k).reduce(0) { $0 + choose(k - 1, $1) * w[$1] } == d)  // Σ_S∌g weight = 1
        }
    }

    /// The glove game (one left glove, two right ones; a pair is worth 1): φ = (2/3, 1/6, 1/6).
    @Test func gloveGame() {
        let worth = (0..<8).map { m -> [Double] in [(m & 1 != 0 && m & 6 != 0) ? 1 : 0] }
        let phi = Shapley.values(players: 3, worth: worth)
        #expect(abs(phi[0][0] - 2.0 / 3) < 1e-15 && abs(phi[1][0] - 1.0 / 6) < 1e-15 && abs(phi[2][0] - 1.0 / 6) < 1e-15)
    }

    /// An additive game gives each player its own worth; efficiency, symmetry and the null player hold on a
    /// random 8-player game with interactions.
    @Test func axioms() {
        var rng = SystemRandomNumberGenerator()
        let a: [Double] = (0..<8).map { _ in Double.random(in: -5...5, using: &rng) }
        let additive = (0..<256).map { m in [(0..<8).reduce(0.0) { m & (1 << $1) != 0 ? $0 + a[$1] : $0 }] }
        let phiA = Shapley.values(players: 8, worth: additive)
        for g in 0..<8 { #expect(abs(phiA[g][0] - a[g]) < 1e-12) }
        // Players 0 and 1 identical, player 7 null; the rest interact (products), magnitudes up to 1e8.
        let r: [Double] = (0..<256).map { _ in Double.random(in: -1...1, using: &rng) }
        let game = (0..<256).map { m -> [Double] in
            let core = m & 0b0111_1100  // players 2…6
            let pair = (m & 1 != 0 ? 1 : 0) + (m & 2 != 0 ? 1 : 0)
            return [1e8 + 3e5 * Double(pair * pair) * (1 + r[core]) + 1e4 * r[core] + 7 * Double(core.nonzeroBitCount)]
        }
        let phi = Shapley.values(players: 8, worth: game)
        let total = game[255][0] - game[0][0]
        #expect(abs(phi.reduce(0) { $0 + $1[0] } - total) <= 1e-9 * abs(game[255][0]))
        #expect(abs(phi[0][0] - phi[1][0]) <= 1e-9 * abs(phi[0][0]))
        #expect(abs(phi[7][0]) < 1e-9)
    }
}

@Suite("Attribution of a scenario to its lever groups (chengyu explain)")
struct AttributionTests {
    static let yaml = """
        schema: chengyu/scenario/v1
        name: attr-test
        title: Three groups
        description: test
        extends: baseline
        horizon: {start: 2019, end: 2024}
        levers:
          - {lever: consumption-propensity, id: spend, where: circle, population: both, op: multiply, value: 1.03, from: 2021, group: demand}
          - {lever: sector-productivity, id: tfp, where: [sc-chengdu], sectors: ["39"], op: rate, unit: "%/yr", value: 1, from: 2020, group: supply}
          - {lever: emission-intensity, id: clean, where: circle, op: multiply, value: 0.9, from: 2022, group: demand}
          - {lever: indicator-input, id: g5, indicator: digital.fiveGCoverage, op: set, unit: "%", value: 90, from: 2022}
        """

    /// Σ_g φ_g = f(scenario) − f(base) for every indicator, place and year; the all-levers coalition is the
    /// scenario's own run and the base the baseline's, bit for bit.
    @Test func contributionsSumToTheDifference() throws {
        let sim = try Shared.simulator.get()
        let sc = try Shared.scenario(yaml: Self.yaml, name: "attr-test")
        let baseline = try Shared.scenario("baseline")
        let baseH = try Shared.scenario(yaml: """
            schema: chengyu/scenario/v1
            name: base-h
            title: baseline to 2024
            description: test
            extends: baseline
            horizon: {start: 2019, end: 2024}
            """, name: "base-h")
        #expect(baseH.levers == baseline.levers)
        let plan = try AttributionPlan(scenario: sc, base: baseH, grouping: .group)
        #expect(plan.players.map(\.id) == ["demand", "supply"])
        #expect(plan.inputGroups.map(\.id) == ["attr-test"] && plan.fixed.count == baseline.levers.count)
        let a = try sim.attribute(sc, plan: plan, base: baseH, jobs: 2)
        #expect(a.runs == 5)
        let full = try sim.run(sc), b = try sim.run(baseH)
        var checked = 0, worst = 0.0
        for (i, ind) in a.indicators.enumerated() {
            for (p, place) in a.places.enumerated() {
                for (y, year) in a.years.enumerated() {
                    let c = a.cellIndex(indicator: i, place: p, year: y)
                    #expect(a.scenarioValues[c] == full.value(ind.id, at: place.id, in: year))
                    #expect(a.baseValues[c] == b.value(ind.id, at: place.id, in: year))
                    guard let phi = a.contributions[c] else { continue }
                    let total = a.scenarioValues[c]! - a.baseValues[c]!
                    let err = abs(phi.reduce(0, +) - total)
                    worst = max(worst, err / max(1, abs(a.scenarioValues[c]!)))
                    #expect(err <= 1e-9 * max(1, abs(a.scenarioValues[c]!)), "\(ind.id) \(place.id) \(year)")
                    checked += 1
                }
            }
        }
        #expect(checked > 4_000)
        // Input-only group: the 5G path is wholly its own; it moves nothing else.
        #expect(a.contributions("fiveg_coverage", in: 2023) == nil)  // no base value to differ from
        let gdp = try #require(a.contributions("gdp", in: 2024))
        #expect(gdp[2] == 0 && gdp[0] != 0 && gdp[1] != 0)
    }

    /// Levers on disjoint channels (emission coefficients; a typed input path) get exactly their single-lever
    /// runs' differences.
    @Test func disjointChannelsGetTheirSingleLeverEffects() throws {
        let sim = try Shared.simulator.get()
        let text = """
            schema: chengyu/scenario/v1
            name: disjoint
            title: Disjoint
            description: test
            horizon: {start: 2019, end: 2023}
            levers:
              - {lever: emission-intensity, id: clean, where: circle, op: multiply, value: 0.9, from: 2021}
              - {lever: indicator-input, id: water, indicator: water.sectionCompliance, op: set, unit: "%", value: 95, from: 2020}
              - {lever: indicator-input, id: g5, indicator: digital.fiveGCoverage, op: set, unit: "%", value: 50, from: 2021}
            """
        let sc = try Shared.scenario(yaml: text, name: "disjoint")
        let plan = try AttributionPlan(scenario: sc, base: nil, grouping: .lever)
        #expect(plan.players.map(\.id) == ["clean"] && plan.inputGroups.map(\.id) == ["water", "g5"])
        let a = try sim.attribute(sc, plan: plan, base: nil)
        let none = try sim.run(sc.keepingLevers(at: [])), clean = try sim.run(sc.keepingLevers(at: [0]))
        for year in a.years {
            for place in a.places.map(\.id) {
                let phi = a.contributions("emission_index", at: place, in: year)
                guard let phi else { continue }
                let single = clean.value("emission_index", at: place, in: year)! - none.value("emission_index", at: place, in: year)!
                #expect(abs(phi[0] - single) <= 1e-12 && phi[1] == 0 && phi[2] == 0)
            }
            let gdp = try #require(a.contributions("gdp", in: year))
            #expect(gdp == [0, 0, 0])
        }
        #expect(abs(try #require(a.contributions("emission_index", in: 2023))[0]) > 1e-3)
    }

    /// Groups by chapter; a base lever missing from the scenario and different parameters are errors.
    @Test func groupingAndErrors() throws {
        let plan2025 = try Shared.scenario("plan-2025"), baseline = try Shared.scenario("baseline")
        let byGroup = try AttributionPlan(scenario: plan2025, base: baseline, grouping: .group)
        #expect(byGroup.players.map(\.id) == [
            "spatial-layout", "rail-programme", "industrial-transfer", "science-city", "consumption-destination",
            "green-transition", "opening-corridors", "settlement-reform",
        ])
        #expect(byGroup.inputGroups.map(\.id) == ["plan-2025"])
        // plan-2025's kinds span ten chapters: more than 8 players.
        #expect(throws: SimulationError.self) { try AttributionPlan(scenario: plan2025, base: baseline, grouping: .chapter) }
        #expect(throws: SimulationError.self) { try AttributionPlan(scenario: plan2025, base: baseline, grouping: .lever) }
        let green = try AttributionPlan(scenario: try Shared.scenario("green-transition"), base: baseline, grouping: .chapter)
        #expect(green.players.map(\.id) == ["ch. 8", "other"] && green.inputGroups.isEmpty)
        #expect(throws: SimulationError.self) { try AttributionPlan(scenario: baseline, base: plan2025, grouping: .group) }
        let other = plan2025.overriding(["flq.delta": 0.2])
        #expect(throws: SimulationError.self) { try AttributionPlan(scenario: other, base: baseline, grouping: .group) }
    }
}
