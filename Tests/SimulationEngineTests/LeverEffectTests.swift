import Foundation
import ScenarioSpec
import Testing
import TestFixtures
@testable import SimulationEngine

/// Every lever kind the loader accepts moves at least one output of a run that uses it (issue 14): a kind
/// without an effect fails here, never silently. One small scenario per kind, extending `baseline`, run to
/// 2026 and compared with the baseline over every indicator, place and year.
@Suite("Lever kinds have effects", .tags(.slow), .skippedInFastRuns)
struct LeverEffectTests {
    /// One lever per kind, each chosen to act before 2026 (and, for the cap, to bind).
    static let leverYAML: [LeverKind: String] = [
        .urbanisationPush: "{lever: urbanisation-push, where: [wing-north], op: add, unit: logit/yr, value: 0.05, from: 2020}",
        .populationCap: "{lever: population-cap, where: [sc-chengdu], op: set, unit: 10k persons, value: 2000, from: 2020}",
        .railProject: "{lever: rail-project, project: YUXIANG, year: 2021}",
        .railLink: "{lever: rail-link, id: test-link, between: [sc-mianyang, sc-suining], km: 156, speedKmh: 250, year: 2021}",
        .investmentProgramme: "{lever: investment-programme, where: [circle], distribute: by-gdp, op: add, unit: 100m yuan/yr, value: 500, from: 2020}",
        .sectorInvestment: "{lever: sector-investment, where: [sc-chengdu], sectors: [\"20\"], op: multiply, value: 1.2, from: 2020}",
        .exportGrowth: "{lever: export-growth, where: [circle], sectors: [\"20\"], market: both, op: rate, unit: \"%/yr\", value: 5, from: 2020}",
        .industrialTransfer: "{lever: industrial-transfer, where: [sc-yibin], sectors: [\"18\"], op: add, unit: 100m yuan/yr, value: 200, from: 2020}",
        .sectorProductivity: "{lever: sector-productivity, where: [circle], sectors: [\"20\"], op: rate, unit: \"%/yr\", value: 2, from: 2020}",
        .rdIntensity: "{lever: rd-intensity, where: [circle], op: add, unit: pp, value: 1, from: 2020}",
        .consumptionPropensity: "{lever: consumption-propensity, where: [circle], op: multiply, value: 1.1, from: 2020}",
        .consumptionExports: "{lever: consumption-exports, where: [sc-leshan], op: add, unit: 100m yuan/yr, value: 100, from: 2020}",
        .emissionIntensity: "{lever: emission-intensity, where: [circle], op: rate, unit: \"%/yr\", value: -5, from: 2020}",
        .cleanEnergyShare: "{lever: clean-energy-share, where: [circle], op: add, unit: pp, value: 10, from: 2020}",
        .tradeCost: "{lever: trade-cost, where: [circle], op: multiply, value: 0.8, from: 2020}",
        .settlementBarrier: "{lever: settlement-barrier, where: [core-chengdu], op: multiply, value: 0.3, from: 2020}",
        .migrationFriction: "{lever: migration-friction, where: [circle], op: multiply, value: 0.7, from: 2020}",
        .parameter: "{lever: parameter, parameter: growth.inputSaving, op: set, unit: \"%/yr\", value: 0.5, from: 2020}",
        .indicatorInput: "{lever: indicator-input, indicator: air.ozoneExceedanceShare, op: set, unit: \"%\", value: 8, from: 2020}",
    ]

    static func scenario(_ kind: LeverKind) throws -> Scenario {
        let lever = try #require(leverYAML[kind], "no test lever for \(kind.rawValue)")
        let yaml = """
        schema: chengyu/scenario/v1
        name: lever-\(kind.rawValue)
        title: one \(kind.rawValue) lever
        extends: baseline
        levers:
          - \(lever)
        """
        return try Shared.scenario(yaml: yaml, name: "lever-\(kind.rawValue)")
    }

    /// The largest relative difference between two trajectories over every indicator, place and year
    /// (a value present on one side only counts as 1).
    static func largestDifference(_ a: Trajectory, _ b: Trajectory) -> (Double, String) {
        var worst = (0.0, "")
        for (id, places) in a.series {
            for (place, values) in places {
                let other = b.series[id]?[place] ?? []
                for (k, v) in values.enumerated() {
                    let w = k < other.count ? other[k] : nil
                    let d: Double
                    switch (v, w) {
                    case let (x?, y?): d = abs(x - y) / max(abs(x), abs(y), 1e-300)
                    case (nil, nil): d = 0
                    default: d = 1
                    }
                    if d > worst.0 { worst = (d, "\(id) \(place) \(a.years[k])") }
                }
            }
        }
        return worst
    }

    @Test("every kind of `chengyu scenario levers` has a test lever")
    func everyKindIsCovered() {
        #expect(Set(Self.leverYAML.keys) == Set(LeverKind.allCases))
    }

    @Test("every input indicator the loader accepts is an indicator the engine reports")
    func inputIndicatorsAreReported() {
        #expect(ScenarioCatalog.standardInputIndicators == Set(IndicatorCatalog.inputLeverIndicator.keys))
        for id in IndicatorCatalog.inputLeverIndicator.values {
            #expect(IndicatorCatalog.definition(id)?.kind == .input, "\(id)")
        }
    }

    @Test("a lever of each kind moves an output", arguments: LeverKind.allCases)
    func leverMovesAnOutput(kind: LeverKind) throws {
        let sim = try Shared.simulator.get()
        let base = try sim.run(try Shared.scenario("baseline"), until: 2026)
        let run = try sim.run(try Self.scenario(kind), until: 2026)
        let (difference, where_) = Self.largestDifference(run, base)
        #expect(difference > 1e-6, "\(kind.rawValue) moves no output (largest relative difference \(difference) at \(where_))")
    }

    @Test("the channel of every kind is fixed by an exhaustive switch; amounts are `add` only")
    func channels() {
        for kind in LeverKind.allCases {
            let ops = Array(kind.spec.operations.keys)
            let channels = Set(ops.map { LeverChannel.of(kind, operation: $0) })
            if kind == .sectorInvestment {
                #expect(channels == [.investmentAmount, .investmentRate])
            } else if !ops.isEmpty {
                #expect(channels.count == 1, "\(kind.rawValue): \(channels)")
            }
            if kind.spec.isAmount {
                #expect(channels.contains(.investmentAmount) || channels.contains(.exportAmount), "\(kind.rawValue)")
            }
        }
        #expect(LeverChannel.of(.railProject, operation: nil) == .network)
        #expect(LeverChannel.of(.indicatorInput, operation: .set) == .inputIndicator)
    }
}
