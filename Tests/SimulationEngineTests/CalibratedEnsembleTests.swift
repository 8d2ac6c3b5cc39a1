import BaseData
import Foundation
import ScenarioSpec
import Testing
@testable import SimulationEngine

/// Issue 18 items 2–3 and the coverage acceptance: ABC rejection under the vintage rule, ensemble shards that
/// merge to the local result exactly, and the backtest's band coverage.
@Suite("Calibrated ensembles: ABC, shards, coverage")
struct CalibratedEnsembleTests {
    /// At V = 2019 nothing lies after an origin and inside the vintage; at V = 2021 every target and every read is
    /// ≤ 2021; asking for a later year is an error naming it.
    @Test func abcTargetsObeyTheVintageRule() throws {
        let ds = try Shared.dataset.get()
        #expect(try ABCRejection.targets(dataset: ds, vintage: 2019).targets.isEmpty)
        let (targets, reads) = try ABCRejection.targets(dataset: ds, vintage: 2021)
        #expect(!targets.isEmpty && targets.allSatisfy { $0.year <= 2021 && $0.origin < $0.year })
        #expect(Set(targets.map(\.indicator)) == ["gdp_current", "population", "urbanisation"])
        #expect(reads.allSatisfy { Int($0.split(separator: ":").last!)! <= 2021 })
        var obs = VintagedObservations(history: ds.history, vintage: 2021)
        #expect(throws: SimulationError.self) { try obs.valueIfPresent("sc-chengdu", "gdp_current", year: 2022) }
    }

    /// The best ⌈qN⌉ by (distance, index); ties (all zero at V = 2019) keep the first draws.
    @Test func acceptanceTakesTheClosestWithTiesByIndex() {
        #expect(ABCRejection.accept([0.3, 0.1, 0.2, 0.1], fraction: 0.5) == ([1, 3], 0.1))
        #expect(ABCRejection.accept([0.3, 0.1, 0.2, 0.4], fraction: 0.6).accepted == [1, 2, 0].sorted())
        #expect(ABCRejection.accept([0, 0, 0, 0, 0], fraction: 0.4) == ([0, 1], 0))
    }

    /// A small calibration at V = 2021 (the earliest with targets: the circle's four-year window of national
    /// growth reaches back to 2018, which the history data now hold): finite distances, one per draw, the
    /// closest accepted, nothing read after 2021.
    @Test func rejectionAtVintage2021() throws {
        let sim = try Shared.simulator.get()
        let sc = try Shared.scenario("history")
        let draws = [[0.15], [0.25], [0.35]]
        let r = try ABCRejection.run(simulator: sim, scenario: sc, parameters: ["flq.delta"], draws: draws, vintage: 2021,
                                     acceptFraction: 0.34, jobs: 2)
        #expect(r.distances.count == 3 && r.distances.allSatisfy { $0.isFinite && $0 > 0 })
        #expect(r.accepted.count == 2 && r.tolerance == r.accepted.map { r.distances[$0] }.max())
        #expect(r.observationsRead.allSatisfy { Int($0.split(separator: ":").last!)! <= 2021 })
        #expect(r.targets.contains { $0.year == 2021 } && !r.targets.contains { $0.year > 2021 })
    }

    /// Shards written and read back (bits kept) merge into exactly the local ensemble; a missing shard and a
    /// foreign one are errors.
    @Test func shardsMergeToTheLocalEnsemble() throws {
        let sim = try Shared.simulator.get()
        let sc = try Shared.scenario("baseline")
        let ids = ["growth.capitalShare", "migration.hukouBarrier"]
        let draws = [[0.40, 0.05], [0.45, 0.30], [0.38, 0.15], [0.48, 0.10], [0.42, 0.25]]
        let local = try sim.ensemble(sc, parameters: ids, draws: draws, until: 2021, jobs: 2)
        let central = try sim.ensembleCentral(sc, until: 2021)
        let source = EnsembleSource(kind: "priors", seed: 1, sampling: "test")
        let k = 2
        let header = EnsembleShard.Header(scenario: sc.name, scenarioHash: sc.contentHash, members: draws.count, shard: 0, shards: k, until: 2021,
                                          parameters: ids, cells: local.q50.count, goals: central.goals.count, source: source)
        var files: [(file: String, header: EnsembleShard.Header, members: [(index: Int, member: Ensemble.Member)])] = []
        for i in 0..<k {
            let idx = EnsembleShard.indices(members: draws.count, shard: i, of: k)
            let m = try sim.ensembleMembers(sc, central: central, parameters: ids, draws: draws, indices: idx, until: 2021, jobs: 1)
            let data = try EnsembleShard.encode(header: header.forShard(i), members: Array(zip(idx, m)))
            let back = try EnsembleShard.decode(data, file: "shard\(i)")
            files.append(("shard\(i)", back.header, back.members))
        }
        let merged = Ensemble.summarise(central: central, parameters: ids, draws: draws, members: try EnsembleShard.merge(files))
        #expect(merged.q05 == local.q05 && merged.q50 == local.q50 && merged.q95 == local.q95 && merged.counts == local.counts)
        #expect(merged.goals.map(\.probability) == local.goals.map(\.probability) && merged.goals.map(\.n) == local.goals.map(\.n))
        #expect(throws: SimulationError.self) { try EnsembleShard.merge([files[0]]) }
        let foreign = (file: "x", header: header.forShard(1).withMembers(9), members: files[1].members)
        #expect(throws: SimulationError.self) { try EnsembleShard.merge([files[0], foreign]) }
        #expect(throws: SimulationError.self) { try EnsembleShard.decode(Data("{}\n123".utf8), file: "bad") }
    }

    /// The coverage of a small ensemble (4 members, two parameters), pinned: parameter uncertainty alone gives
    /// bands far narrower than the backtest's errors (issue 18: the 80 % target is not met; stated in the docs).
    @Test func coverageOfASmallEnsembleIsPinned() throws {
        let sim = try Shared.simulator.get()
        let sc = try Shared.scenario("history")
        let central = try Backtest.run(simulator: sim, scenario: sc, vintage: 2019)
        let draws = [[0.20, 0.40], [0.25, 0.45], [0.30, 0.38], [0.35, 0.48]]
        let (bands, coverage) = try Backtest.coverage(
            simulator: sim, scenario: sc, vintage: 2019, central: central.points, parameters: ["flq.delta", "growth.capitalShare"],
            draws: draws, jobs: 2, discrepancy: try sim.modelDiscrepancy(vintage: 2019))
        #expect(bands.count == central.points.count)
        #expect(bands.allSatisfy { $0.q05 <= $0.q50 && $0.q50 <= $0.q95 })
        let got = coverage.map { "\($0.indicator) \($0.level) \($0.points) \(String(format: "%.1f", $0.coverage))" }
        // For a deliberate re-pin: the measured values in the pins' layout.
        print("coverage pins:", zip(got, coverage).map { "(\"\($0)\", \(String(format: "%.4f", $1.meanWidth)))" }.joined(separator: ", "))
        print("predictive pins:", coverage.map { c in
            "(\"\(c.indicator) \(c.level) \(String(format: "%.1f", c.predictiveCoverage ?? .nan))\", \(String(format: "%.2f", c.predictiveWidth ?? .nan)))"
        }.joined(separator: ", "))
        #expect(got == CalibratedEnsembleTests.pinnedCoverage.map(\.0), "\(got)")
        // Mean relative band widths (per cent), to 0.01 pp: a model change moves them slightly.
        for (c, pinned) in zip(coverage, CalibratedEnsembleTests.pinnedCoverage) {
            #expect(abs(c.meanWidth - pinned.1) < 0.01, "\(c.indicator) \(c.level): width \(c.meanWidth) vs \(pinned.1)")
        }
        // The predictive bands (with the model discrepancy, 4 members): wider, never narrower than the parameter bands.
        #expect(bands.allSatisfy { $0.predictiveQ05! <= $0.predictiveQ95! })
        let predictive = coverage.map { "\($0.indicator) \($0.level) \(String(format: "%.1f", $0.predictiveCoverage!))" }
        #expect(predictive == CalibratedEnsembleTests.pinnedPredictive.map(\.0), "\(predictive)")
        for (c, pinned) in zip(coverage, CalibratedEnsembleTests.pinnedPredictive) {
            #expect(abs(c.predictiveWidth! - pinned.1) < 0.05, "\(c.indicator) \(c.level): predictive width \(c.predictiveWidth!) vs \(pinned.1)")
        }
    }

    /// Re-pinned for issue 17's price block (current-price GDP = real × the regional deflator, so the flq.delta and α
    /// draws also move the deflator): GDP coverage circle 25 → 75 %, provinces 8.3 → 25 %, cities 7.3 → 29.3 %
    /// (parameter bands), predictive 75 → 100, 41.7 → 75, 43.9 → 51.2 %. Re-pinned for the unit labour cost in the unit
    /// value-added cost (the deflator no longer moves with each place's real output per worker, so the draws move it
    /// less): parameter bands narrower (GDP widths 1.41 / 1.31 / 1.98 → 0.84 / 0.82 / 1.56 %), GDP coverage circle 0 →
    /// 25 %, provinces 25 → 16.7 %, cities 26.8 → 19.5 %; predictive circle 75 → 100 %, provinces 75 → 83.3 %.
    /// Re-pinned for the 2016–19 city year-ends of issue 18's coverage (成都, 绵阳, 达州, 遂宁 in history/): the published series' population innovation
    /// rises from below the replay's 0.265 % to 0.488 % and the urbanisation one from 0.028 to 0.034 pp, so the
    /// predictive population bands widen (provinces 25 → 37.5 %, width 0.71 → 1.36; cities 60 → 72 %, 1.22 → 2.27)
    /// and urbanisation's slightly (provinces 12.5 → 25 %, 0.14 → 0.17; cities 9.1 %, 0.14 → 0.17).
    /// Both together (merge of 2026-12-03), re-measured: GDP as the unit-labour-cost pin, population as the year-ends' pin,
    /// urbanisation provinces 12.5 % (width 0.17).
    /// Re-pinned for urbanisation's hindcast σ (the trend rule's own pre-vintage error, 0.110 pp/√yr, replacing the
    /// published series' innovation of 0.034): urbanisation provinces 12.5 → 62.5 % (width 0.17 → 0.55), cities
    /// 9.1 → 54.5 % (0.17 → 0.56); GDP and population unchanged. Re-pinned for the employment closure that clears
    /// through the wage (the history run's settlement opening is a lever): GDP cities 75.6 → 78.0 % (width 12.16 →
    /// 12.22), the rest within their tolerances.
    /// The circle's population, scored from 2022 since 2026-12-04 (one point, 2024), added to both pins: its four
    /// members all grow 2022 → 2024 (parameter band 0.04 % wide, outside), the discrepancy's band (0.68 %) covers the fall.
    static let pinnedPredictive: [(String, Double)] = [
        ("gdp_current circle 100.0", 5.15), ("gdp_current province 83.3", 7.46), ("gdp_current city 78.0", 12.22),
        ("population circle 100.0", 0.68), ("population province 37.5", 1.36), ("population city 72.0", 2.27), ("urbanisation province 62.5", 0.55),
        ("urbanisation city 54.5", 0.56),
    ]

    /// Re-pinned for the 2019 settlement opening in history.yaml (barrier removed outside the two cores from 2020):
    /// GDP provinces 16.7 → 25 %, population provinces 12.5 → 0 %, cities 0 → 4 % (4 members, two parameters).
    /// Re-pinned for the employment closure that clears through the wage: GDP circle 25 → 50 %, provinces 25 → 41.7 %,
    /// cities 19.5 → 22.0 % (the members' GDP spreads wider: widths 0.85 → 0.94, 0.83 → 0.87, 1.55 → 1.63), population
    /// cities 4 → 0 % (width 0.047 → 0.034).
    static let pinnedCoverage: [(String, Double)] = [
        ("gdp_current circle 4 50.0", 0.9409), ("gdp_current province 12 41.7", 0.8658), ("gdp_current city 41 22.0", 1.6319),
        ("population circle 1 0.0", 0.0395), ("population province 8 0.0", 0.0186), ("population city 25 0.0", 0.0336), ("urbanisation province 8 0.0", 0.0052),
        ("urbanisation city 11 0.0", 0.000),
    ]
}

extension EnsembleShard.Header {
    /// The header with another ensemble size (a foreign shard, for the tests).
    func withMembers(_ n: Int) -> EnsembleShard.Header {
        EnsembleShard.Header(scenario: scenario, scenarioHash: scenarioHash, members: n, shard: shard, shards: shards, until: until,
                             parameters: parameters, cells: cells, goals: goals, source: source)
    }
}
