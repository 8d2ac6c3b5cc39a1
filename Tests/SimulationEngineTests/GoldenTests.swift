import Foundation
import Testing
@testable import SimulationEngine

/// The baseline's 2025 and 2035 circle indicators pinned to stored values. A change of the model or the data
/// that moves them fails here; updating them is deliberate: `make golden` rewrites the file, and the reviewer
/// reads its diff (`git diff Tests/TestFixtures/Resources/golden/`).
@Suite("Golden output of the baseline")
struct GoldenTests {
    static let indicators = [
        "gdp", "gdp_current_prices", "population", "urban_population", "urbanisation_rate", "employment",
        "exports_abroad", "exports_rest_of_china", "capital_stock", "rd_intensity", "tech_progress_contribution",
        "rail_km", "cq_cd_rail_minutes", "emission_index", "core_trade_flows",
    ]
    /// Relative tolerance: round-off across BLAS thread counts and machines is far below it (1e-9), while any
    /// change of the model's arithmetic or data is far above it.
    static let relativeTolerance = 1e-7

    static var file: URL { Shared.repositoryRoot.appendingPathComponent("Tests/TestFixtures/Resources/golden/baseline.json") }

    @Test func baselineMatchesTheGoldenFile() throws {
        let t = try Shared.trajectory("baseline")
        var current: [String: [String: Double]] = [:]
        for id in Self.indicators {
            for year in [2025, 2035] {
                if let v = t.value(id, in: year) { current[id, default: [:]][String(year)] = v }
            }
        }
        if ProcessInfo.processInfo.environment["CHENGYU_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: Self.file.deletingLastPathComponent(), withIntermediateDirectories: true)
            let data = try JSONSerialization.data(withJSONObject: current, options: [.prettyPrinted, .sortedKeys])
            try data.write(to: Self.file)
        }
        let stored = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: Self.file)) as? [String: [String: Double]])
        #expect(Set(stored.keys) == Set(current.keys), "indicators changed: run `make golden` and review the diff")
        for (id, years) in stored {
            for (year, expected) in years {
                let v = try #require(current[id]?[year], "\(id) \(year) missing")
                #expect(abs(v - expected) <= Self.relativeTolerance * max(abs(expected), 1e-12),
                        "\(id) \(year): \(v) vs golden \(expected) — if intended, run `make golden` and review the diff")
            }
        }
    }
}
