import Foundation
import Testing
import TestFixtures
@testable import SimulationEngine

/// The golden net: every bundled scenario's full output (every indicator, every place, every year) pinned
/// to `Tests/TestFixtures/Resources/golden/scenarios/<name>.json`.
///
/// The scenarios come from the folder `Scenarios/` (every `*.yaml` at its top level; `Scenarios/sweeps/`
/// holds sweep specifications, not scenarios), never from a hand-kept list: a new scenario file is loaded,
/// validated, run and pinned. A change of the model or the data that moves any value fails here; updating
/// the files is deliberate: `make golden` rewrites them and the reviewer reads the diff
/// (`git diff Tests/TestFixtures/Resources/golden/`), with the reason in the commit.
///
/// Tolerance: `|v − g| ≤ 1e-9 · max(|g|, floor)`, relative 1e-9, where `floor` = 1e-3 × the largest
/// magnitude of that indicator over all places and years of the scenario (the absolute floor for values
/// near zero, e.g. net migration, a difference of flows, or a place's tiny share of a sum). Round-off
/// across BLAS thread counts is far below it (the GMRES solves stop at a true relative residual of 1e-12),
/// while any change of the model's arithmetic or data is far above it. A value present on one side and
/// missing (null) on the other fails.
@Suite("Golden output of every bundled scenario", .serialized, .tags(.slow), .skippedInFastRuns)
struct GoldenTests {
    static let relativeTolerance = 1e-9
    static let floorFraction = 1e-3

    static var directory: URL {
        Shared.repositoryRoot.appendingPathComponent("Tests/TestFixtures/Resources/golden/scenarios")
    }

    static var updating: Bool { ProcessInfo.processInfo.environment["CHENGYU_UPDATE_GOLDEN"] == "1" }

    /// The golden document of one trajectory: years, and series[indicator][place] per year (null = no value).
    static func document(_ t: Trajectory) -> [String: Any] {
        var series: [String: [String: [Any]]] = [:]
        for (indicator, places) in t.series {
            var byPlace: [String: [Any]] = [:]
            for (place, values) in places { byPlace[place] = values.map { $0.map { $0 as Any } ?? NSNull() } }
            series[indicator] = byPlace
        }
        return ["scenario": t.scenario.name, "years": t.years, "series": series]
    }

    @Test("the golden folder pins exactly the scenarios of Scenarios/")
    func everyScenarioIsPinned() throws {
        let names = try Shared.bundledNames
        #expect(names.count >= 10, "expected the ten bundled scenarios at least, found \(names)")
        if Self.updating {
            try FileManager.default.createDirectory(at: Self.directory, withIntermediateDirectories: true)
            for file in try FileManager.default.contentsOfDirectory(atPath: Self.directory.path)
            where file.hasSuffix(".json") && !names.contains(String(file.dropLast(5))) {
                try FileManager.default.removeItem(at: Self.directory.appendingPathComponent(file))
            }
        }
        let pinned = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path)
            .filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }
        #expect(Set(pinned) == Set(names), "golden files and Scenarios/ differ: run `make golden` and review the diff")
    }

    @Test("a scenario's every indicator, place and year equals its golden file", arguments: Shared.bundledNamesOrEmpty)
    func scenarioMatchesItsGoldenFile(name: String) throws {
        let t = try Shared.trajectory(name)
        let file = Self.directory.appendingPathComponent("\(name).json")
        if Self.updating {
            try FileManager.default.createDirectory(at: Self.directory, withIntermediateDirectories: true)
            let data = try JSONSerialization.data(withJSONObject: Self.document(t), options: [.sortedKeys])
            try data.write(to: file, options: .atomic)
        }
        let stored = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any], "\(file.path) unreadable")
        let years = try #require(stored["years"] as? [Int])
        #expect(years == t.years, "\(name): years changed")
        let series = try #require(stored["series"] as? [String: [String: [Any]]])
        #expect(Set(series.keys) == Set(t.series.keys), "\(name): indicators changed — `make golden` and review")
        var compared = 0
        for (indicator, places) in series {
            let current = t.series[indicator] ?? [:]
            #expect(Set(places.keys) == Set(current.keys), "\(name) \(indicator): places changed")
            let scale = places.values.flatMap { $0 }.compactMap { ($0 as? NSNumber)?.doubleValue }.map(abs).max() ?? 0
            for (place, values) in places {
                let now = current[place] ?? []
                guard now.count == values.count else {
                    Issue.record("\(name) \(indicator) \(place): \(now.count) years vs golden \(values.count)")
                    continue
                }
                for (k, g) in values.enumerated() {
                    compared += 1
                    let expected = (g as? NSNumber)?.doubleValue
                    switch (expected, now[k]) {
                    case (nil, nil): continue
                    case let (e?, v?):
                        let bound = Self.relativeTolerance * max(abs(e), Self.floorFraction * scale)
                        if !(abs(v - e) <= bound) {
                            Issue.record("\(name) \(indicator) \(place) \(years[k]): \(v) vs golden \(e) (bound \(bound)) — if intended, `make golden` and review the diff")
                        }
                    default:
                        Issue.record("\(name) \(indicator) \(place) \(years[k]): \(String(describing: now[k])) vs golden \(String(describing: expected))")
                    }
                }
            }
        }
        #expect(compared > 1_000, "\(name): only \(compared) values compared")
    }

    /// The net catches a change: one value moved by 1e-8 relative fails the comparison.
    @Test("the tolerance rejects a relative change of 1e-8")
    func toleranceCatchesSmallChanges() {
        let e = 6.3e4, scale = 6.3e4
        let bound = Self.relativeTolerance * max(abs(e), Self.floorFraction * scale)
        #expect(abs(e * (1 + 1e-8) - e) > bound)
        #expect(abs(e * (1 + 1e-10) - e) <= bound)
    }
}
