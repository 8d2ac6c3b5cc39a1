import Foundation
import Testing
import TestFixtures
@testable import SimulationEngine

/// Identities and properties of issue 17's acceptance (MODEL-v3 §7.1): the three approaches to GDP agree per
/// jurisdiction every year, a scenario of zero-strength levers is the baseline, and the R&D knowledge channel
/// switched off (θ_R = θ_S = 0) gives back the engine's quantities from before it existed.
@Suite("Accounting identities and zero-shock properties (issue 17)", .tags(.slow), .skippedInFastRuns)
struct IdentityTests {
    /// Both passes of a run with every year's accounts kept.
    static func record(_ name: String) throws -> RunRecord {
        var sim = try Shared.simulator.get()
        sim.recordsAccounts = true
        let s = try Shared.scenario(name)
        var prepared: PreparedBaseYear?
        let cf = try sim.simulate(s, applyLevers: false, kappa: nil, until: 2035, mode: .fast, progress: nil, prepared: &prepared)
        return try sim.simulate(
            s, applyLevers: true, kappa: cf.kappa, until: 2035, mode: .fast, progress: nil, prepared: &prepared, labourDemand: cf.labourDemand)
    }

    /// GDP by production (Σ v·x), by income (output less purchased inputs: compensation plus the rest) and by
    /// expenditure (final demand + inventories + exports + net circle sales − purchases from outside) per
    /// jurisdiction, 2020–2035, to 1e-9 of GDP: the baseline and plan-2025 (amount levers, exports, caps).
    @Test(arguments: ["baseline", "plan-2025"])
    func gdpByProductionIncomeAndExpenditureAgree(scenario: String) throws {
        let rec = try Self.record(scenario)
        #expect(rec.accounts.map(\.year) == Array(2020...2035))
        var worst = 0.0
        for a in rec.accounts {
            for r in a.production.indices {
                let p = a.production[r]
                #expect(p > 0)
                #expect(abs(a.income[r] - p) <= 1e-9 * p, "\(scenario) \(a.year) region \(r): income \(a.income[r]) vs \(p)")
                #expect(abs(a.expenditure[r] - p) <= 1e-9 * p, "\(scenario) \(a.year) region \(r): expenditure \(a.expenditure[r]) vs \(p)")
                #expect(a.compensation[r] > 0 && a.compensation[r] < a.income[r])
                worst = max(worst, abs(a.expenditure[r] - p) / p, abs(a.income[r] - p) / p)
            }
            // Production GDP is the engine's recorded GDP of the year.
            let k = try #require(rec.years.firstIndex(of: a.year))
            let recorded = try #require(rec.regional["gdp"]?[k])
            for r in recorded.indices { #expect(abs(recorded[r] - a.production[r]) <= 1e-12 * recorded[r]) }
        }
        print("\(scenario): largest relative gap between the three GDPs \(worst)")
    }

    /// The check can fail: leaving one component out (2020's inventories, `inv[i]·x(2019)`) opens a gap of its
    /// size in every jurisdiction, far above the tolerance.
    @Test func expenditureWithoutInventoriesMisses() throws {
        let rec = try Self.record("baseline")
        let a = try #require(rec.accounts.first), base = try #require(rec.baseYear)
        let s = try Shared.simulator.get().structure.dims.sectors
        for r in a.production.indices {
            let inventories = (0..<s).reduce(0.0) { $0 + base.inventoryRatio[$1] * base.output[r * s + $1] }
            #expect(inventories > 1e-4 * a.production[r])
            #expect(abs(a.expenditure[r] - inventories - a.production[r]) > 1e3 * 1e-9 * a.production[r])
        }
    }

    /// A scenario whose levers all have zero strength (add 0, multiply by 1, 0 % extra growth, 0 yuan) reproduces
    /// the baseline on every indicator, place and year to 1e-12.
    @Test func zeroShockReproducesTheBaseline() throws {
        let sim = try Shared.simulator.get()
        let zero = try Shared.scenario(yaml: """
            schema: chengyu/scenario/v1
            name: zero-shock
            title: Levers of zero strength
            description: test
            extends: baseline
            levers:
              - {lever: rd-intensity, id: rd0, where: [circle], op: add, unit: pp, path: {2020: 0, 2035: 0}}
              - {lever: consumption-propensity, id: c1, where: [core-chengdu], op: multiply, path: {2020: 1, 2035: 1}}
              - {lever: export-growth, id: ex0, where: [circle], sectors: ["18"], market: world, op: rate, unit: "%/yr", value: 0, from: 2021, until: 2030}
              - {lever: sector-productivity, id: p0, where: [circle], sectors: ["20"], op: rate, unit: "%/yr", value: 0, from: 2021}
            """, name: "zero-shock")
        let base = try Shared.trajectory("baseline"), t = try sim.run(zero)
        var compared = 0
        for (id, byPlace) in base.series {
            for (place, values) in byPlace {
                for (k, b) in values.enumerated() {
                    guard let b else { continue }
                    let v = try #require(t.series[id]?[place]?[k] ?? nil, "\(id) \(place)")
                    #expect(abs(v - b) <= 1e-12 * max(abs(b), 1e-300), "\(id) \(place) \(base.years[k]): \(b) → \(v)")
                    compared += 1
                }
            }
        }
        #expect(compared > 10_000)
    }

    /// With the R&D knowledge channel off (θ_R = θ_S = 0) the baseline's quantities are those of the engine
    /// before the channel existed (the goldens of 52e8ff7: circle GDP, employment, capital stock, sales to the
    /// rest of China, two places' 2035 GDP), to 1e-10; with it on, the baseline's rail openings raise the
    /// spillover pools and GDP moves (the test can fail).
    @Test func knowledgeChannelOffReproducesTheEngineBeforeIt() throws {
        let sim = try Shared.simulator.get()
        let off = try sim.run(try Shared.scenario(yaml: """
            schema: chengyu/scenario/v1
            name: no-knowledge
            title: R&D knowledge channel off
            description: test
            extends: baseline
            parameters: {tfp.rdElasticity: 0, tfp.spillover: 0}
            """, name: "no-knowledge"))
        let before: [String: [Double]] = [
            "gdp": [62469.619999999995, 66124.2464111907, 69933.98835368356, 74247.22849725439, 79051.48325356099, 84309.61957988126,
                    89999.28999865967, 95744.54422393495, 101631.6427635444, 107753.97045752988, 114153.78164826287, 120844.6017527902,
                    127724.62693377308, 134725.92320219977, 141807.41748601114, 148936.24248047953, 156082.01510418204],
            "employment": [54894517.03607662, 55089424.947696015, 55240177.29363824, 55357551.93278639, 55427899.47031487, 55484793.95771405,
                           55133702.15483324, 54805494.78998074, 54521850.98519723, 54275884.24977053, 54063409.80515511, 53481354.12642938,
                           52940353.553992644, 52443690.82942759, 51992110.92563954, 51582220.83995349, 51308801.56106635],
            "capital_stock": [187408.85999999996, 197040.30107235993, 205996.64909917774, 215128.97481653598, 225019.0879750861,
                              235964.3258527509, 248059.65880974833, 261365.14354074217, 275932.15201578324, 291486.75813348475,
                              308033.90102364623, 325619.25461558317, 344277.4322583889, 364031.837725891, 384808.4928734699,
                              406528.5309620812, 429116.3781177783],
            "exports_rest_of_china": [61068.473648731066, 64610.44512035747, 69564.69529468114, 74753.07677752827, 80191.10352966381,
                                      85894.82983341737, 91881.54236182632, 97335.45638987691, 103010.67988544301, 108916.09292566516,
                                      115066.1228691531, 121475.87940317235, 127917.04571764077, 134367.99040486728, 140805.1997392237,
                                      147204.20517450903, 153539.70306086176],
        ]
        for (id, values) in before {
            for (k, b) in values.enumerated() {
                let v = try #require(off.value(id, in: 2019 + k))
                #expect(abs(v - b) <= 1e-10 * b, "\(id) \(2019 + k): \(b) → \(v)")
            }
        }
        for (place, b) in [("sc-chengdu", 42828.99226794796), ("cq-wanzhou", 2317.9630900137768)] {
            let v = try #require(off.value("gdp", at: place, in: 2035))
            #expect(abs(v - b) <= 1e-10 * b, "\(place): \(b) → \(v)")
        }
        let on = try #require(try Shared.trajectory("baseline").value("gdp", in: 2035))
        #expect(abs(on / before["gdp"]!.last! - 1) > 1e-4)
    }
}
