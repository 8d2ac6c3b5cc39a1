import Foundation
import Testing
import TestFixtures
import ScenarioSpec
@testable import SimulationEngine

/// The price and wage block in the engine (issue 17; MODEL-v3 §4.4–4.5, §7.1; docs/MODEL.md §7a): with its channels
/// off it gives back the engine's quantities from before it, nominal paths are homogeneous of degree 1, and the
/// channels on move the baseline.
@Suite("Price and wage block in the engine (issue 17)", .tags(.slow), .skippedInFastRuns)
struct PriceBlockTests {
    struct Reference {
        let series: [String: [Double]]
        let places: [(String, String, Int, Double)]
    }

    /// The engine before the price block (main at 566aa26: badc19b with the migration trend and the participation
    /// schedule merged, and the census-decade replay's window timing, `CensusBackcast.firstWindowShares`, applied to it; the
    /// values its binary gives), default parameters: circle GDP, employment, capital, sales
    /// to the rest of China, population 2019–2035, and four place values.
    static let before: [String: Reference] = [
        "baseline": Reference(
            series: [
                "gdp": [62469.619999999995, 66098.01495831735, 69876.99427307087, 74161.15201596178, 78937.26157072769, 84166.9597702704, 89900.7526842631, 95665.79448184249, 101547.47162563297, 107653.04698910455, 114032.55744707306, 120701.9359790927, 127559.05323320223, 134535.89233531395, 141591.6714546424, 148693.9546199264, 155812.74335507865],
                "employment": [54894517.03607662, 54684447.08761234, 54443885.0547433, 54182025.61984078, 53884081.52954622, 53515693.395817116, 53124701.17435963, 52820399.82863808, 52537921.96509757, 52287745.21726923, 52072454.90920628, 51661177.21999299, 51311219.47796336, 51022799.07562834, 50772410.788547024, 50558079.01568104, 50384008.677391075],
                "capital_stock": [187408.85999999996, 197040.30107235993, 205996.64909917774, 215105.60938270797, 224959.61093497733, 235860.74767462042, 247904.87025316237, 261152.07485543174, 275718.73585016397, 291269.5522006994, 307799.11827755853, 325356.2893852781, 343978.87150581175, 363691.63918183645, 384420.47699354, 406086.4537760163, 428614.2203208645],
                "exports_rest_of_china": [61068.473648731066, 64610.44512035747, 69564.69529468114, 74753.07677752827, 80191.10352966381, 85894.82983341737, 92010.93325077245, 97472.80468552682, 103156.38385614943, 109070.49253782161, 115229.55851826924, 121648.70661315635, 128099.29273433042, 134559.6534629783, 141006.23981074832, 147414.5474687686, 153759.23650452116],
                "population": [95602208.0, 96245159.79862325, 96561037.70714541, 96691612.70114914, 96702964.71818663, 96645737.77097075, 96577157.17825663, 96483335.27595633, 96402754.72318754, 96334730.10638124, 96281381.29603417, 96243527.32455853, 96198705.08407995, 96156705.63950317, 96125760.01498336, 96108957.82179362, 96109943.75241011],
            ],
            places: [
                ("gdp", "sc-chengdu", 2035, 42759.26257080392),
                ("gdp", "cq-wanzhou", 2035, 2311.642053897466),
                ("population", "sc-chengdu", 2035, 24810810.91881204),
                ("net_migration", "sc-chengdu", 2030, 226823.85386479215),
            ]),
        "plan-2025": Reference(
            series: [
                "gdp": [62469.619999999995, 66098.01495831735, 70955.3029516456, 76750.03173870794, 83558.70680576398, 91941.69712447128, 101714.62801238734, 111759.98121260318, 123080.77196059935, 135146.0418571075, 148070.99704572491, 161723.11335631218, 175631.96516157332, 190017.15590520663, 204957.44080075884, 220492.24787438996, 236589.17956293008],
                "employment": [54894517.03607662, 54684447.08761234, 55469526.92569415, 56339108.20927128, 56683967.86393918, 56719621.27028509, 56469902.4464681, 56372792.73506104, 56373113.60462788, 56479067.5783263, 56691893.24644981, 56766148.714832984, 56969065.57688795, 57291114.63484314, 57701691.39836264, 58195233.12674234, 58772469.99865327],
                "capital_stock": [187408.85999999996, 197040.30107235993, 205996.64909917774, 215655.60938270797, 226958.8458259385, 240005.29705641535, 255082.36544909189, 272925.5352828139, 293455.30518472573, 316261.78790289, 342147.84402788745, 370867.54492903664, 402557.36607949797, 436918.4041714135, 473822.09298372065, 513332.6039090393, 555471.1605945237],
                "exports_rest_of_china": [61068.473648731066, 64610.44512035747, 69904.0912848025, 75541.18667543937, 81834.97586466771, 88762.5234066086, 96441.30129024065, 103843.11615996216, 111680.58137105005, 119636.25939287014, 128413.70225271462, 137179.79356459915, 145723.26325808754, 154335.04568453121, 162989.4994152241, 171690.31256623796, 180352.7347565249],
                "population": [95602208.0, 96245159.79862325, 96561037.70714541, 96729240.75581872, 96831490.33678195, 96933241.83758385, 97121109.01090169, 97395649.24909545, 97778197.38161007, 98289194.33993459, 98931661.26259317, 99700428.74071158, 100562379.64508146, 101509471.1762589, 102540033.14402515, 103650647.1160812, 104841090.9459101],
            ],
            places: [
                ("gdp", "sc-chengdu", 2035, 61591.83842419305),
                ("gdp", "cq-wanzhou", 2035, 3149.9513042029535),
                ("population", "sc-chengdu", 2035, 23996007.30876743),
                ("net_migration", "sc-chengdu", 2030, 49322.21910142549),
            ]),
    ]

    /// Every channel from prices to quantities off: β_U = 0 (no unemployment in the wage), φ_w = 1, ε_CU = 0,
    /// σ_A = 0 for goods and services (market shares ignore prices), λ_P = 0 (migration's wage deflated by P̂, not
    /// the local CPI); and χ_R = 0, R&D over the 2019 intensity added to demand as in the engine before the block
    /// (issue 17's crowding out of physical investment came after it; plan-2025 holds science-city's R&D levers);
    /// and movers at their places' own urban shares (μ_u = 0, `MoverUrbanShares.neutral`: issue 16's movers' urban
    /// shares came after it).
    static let channelsOff = """
        parameters: {wage.unemploymentElasticity: 0, wage.adjustment: 1, prices.utilisationElasticity: 0, trade.armington.goods: 0, trade.armington.services: 0, migration.costOfLivingWeight: 0, rd.physicalCrowdingOut: 0, urbanisation.migrantUrbanShare: 0}
        """

    static func scenario(extending name: String, _ body: String) throws -> Scenario {
        try Shared.scenario(yaml: """
            schema: chengyu/scenario/v1
            name: \(name)-variant
            title: variant
            description: test
            extends: \(name)
            \(body)
            """, name: "\(name)-variant")
    }

    /// Channels off ⇒ the quantities of the engine before the block, to 1e-10 (the baseline and plan-2025, whose
    /// levers move employment and hence U); with the channels on the baseline moves (the test can fail).
    @Test(arguments: ["baseline", "plan-2025"])
    func channelsOffReproduceTheEngineBeforeTheBlock(scenario name: String) throws {
        let sim = try Shared.simulator.get()
        let off = try sim.run(try Self.scenario(extending: name, Self.channelsOff))
        let ref = try #require(Self.before[name])
        var worst = 0.0
        for (id, values) in ref.series {
            for (k, b) in values.enumerated() {
                let v = try #require(off.value(id, in: 2019 + k))
                #expect(abs(v - b) <= 1e-10 * b, "\(name) \(id) \(2019 + k): \(b) → \(v)")
                worst = max(worst, abs(v - b) / b)
            }
        }
        for (id, place, year, b) in ref.places {
            let v = try #require(off.value(id, at: place, in: year))
            #expect(abs(v - b) <= 1e-10 * abs(b), "\(name) \(id) \(place) \(year): \(b) → \(v)")
            worst = max(worst, abs(v - b) / abs(b))
        }
        print("\(name), channels off: largest relative gap to the engine before the block \(worst)")
        // Channels on, the block moves the quantities: migration's real wage moves 2035 population (baseline 0.05 % after the merge with the migration trend, was +0.5 %;
        // plan-2025 −1.3 %); market shares, wages and migration move GDP (baseline −0.009 %, plan-2025 −6.4 %).
        let on = try Shared.trajectory(name)
        let pop = try #require(on.value("population", in: 2035)), gdp = try #require(on.value("gdp", in: 2035))
        #expect(abs(pop / ref.series["population"]!.last! - 1) > 1e-4)
        #expect(abs(gdp / ref.series["gdp"]!.last! - 1) > 1e-5)
    }

    /// The nominal indicators: doubled by doubling every nominal exogenous path.
    static let nominal: Set<String> = ["gdp_current_prices", "gdp_deflator", "cpi", "nominal_wage_index"]

    /// Homogeneity (MODEL-v3 §7.1): doubling the national deflator path from 2020 on (hence p_RoW and ĉ_K, which
    /// follow it; base wages enter only as ratios) doubles every nominal indicator and leaves every real one
    /// unchanged, to 1e-10, every place and year (the baseline and the rail programme, whose new links move
    /// market shares and migration).
    @Test(arguments: ["baseline", "rail-programme"])
    func doublingNominalPathsDoublesNominalAndKeepsReal(scenario name: String) throws {
        var sim = try Shared.simulator.get()
        let base = try Shared.trajectory(name)
        sim.nominalScale = 2
        let doubled = try sim.run(try Shared.scenario(name))
        var compared = 0, worstReal = 0.0, worstNominal = 0.0
        for (id, byPlace) in base.series {
            for (place, values) in byPlace {
                for (k, b) in values.enumerated() {
                    guard let b, b != 0 else { continue }
                    let v = try #require(doubled.series[id]?[place]?[k] ?? nil, "\(id) \(place)")
                    let factor = Self.nominal.contains(id) && base.years[k] > 2019 ? 2.0 : 1.0
                    let gap = abs(v - factor * b) / abs(factor * b)
                    #expect(gap <= 1e-10, "\(name) \(id) \(place) \(base.years[k]): \(b) × \(factor) → \(v)")
                    if factor == 2 { worstNominal = max(worstNominal, gap) } else { worstReal = max(worstReal, gap) }
                    compared += 1
                }
            }
        }
        #expect(compared > 10_000)
        #expect(worstNominal > 0 || worstReal >= 0)
        print("\(name), nominal × 2: largest relative gap real \(worstReal), nominal \(worstNominal)")
        // The nominal indicators are there and moved: the check can fail.
        let cpi = try #require(base.value("cpi", in: 2035)), cpi2 = try #require(doubled.value("cpi", in: 2035))
        #expect(abs(cpi2 / cpi - 2) < 1e-10 && cpi > 1)
    }

    /// 2019 is the base of every index: deflator, CPI and wage 1, current-price GDP = real GDP; later years the
    /// regional deflator departs from the national path (relative costs move it).
    @Test func indicesStartAtOneAndMoveWithRelativeCosts() throws {
        let t = try Shared.trajectory("baseline")
        for id in ["gdp_deflator", "cpi", "nominal_wage_index"] {
            let v = try #require(t.value(id, in: 2019))
            #expect(abs(v - 1) < 1e-12, "\(id) 2019 = \(v)")
        }
        let real = try #require(t.value("gdp", in: 2019)), nominal = try #require(t.value("gdp_current_prices", in: 2019))
        #expect(abs(nominal / real - 1) < 1e-12)
        let d35 = try #require(t.value("gdp_deflator", in: 2035))
        let places = try Shared.simulator.get().structure.ids
        let deflators = try places.map { try #require(t.value("gdp_deflator", at: $0, in: 2035)) }
        #expect(d35 > 1 && (deflators.max()! - deflators.min()!) > 1e-3)
    }

    /// MODEL-v3 §7.4: a labour-demand shock raises the zone's wage. plan-2025's levers raise labour demand, so
    /// employment rises against the baseline and unemployment falls below its 2019 rate; through the wage curve
    /// (β_U < 0) the nominal wage rises more than with β_U = 0, where only productivity moves it.
    @Test func labourDemandRaisesTheWageThroughTheWageCurve() throws {
        let sim = try Shared.simulator.get()
        let base = try Shared.trajectory("baseline"), plan = try Shared.trajectory("plan-2025")
        let flat = try sim.run(try Self.scenario(extending: "plan-2025", "parameters: {wage.unemploymentElasticity: 0}"))
        for place in ["circle", "core-chengdu"] {
            let e = try #require(plan.value("employment", at: place, in: 2030)), e0 = try #require(base.value("employment", at: place, in: 2030))
            #expect(e > e0 * 1.01, "\(place): employment \(e0) → \(e)")
            let w = try #require(plan.value("nominal_wage_index", at: place, in: 2030))
            let wFlat = try #require(flat.value("nominal_wage_index", at: place, in: 2030))
            #expect(w > wFlat * 1.001, "\(place): wage \(wFlat) (β_U = 0) → \(w)")
        }
    }

}
