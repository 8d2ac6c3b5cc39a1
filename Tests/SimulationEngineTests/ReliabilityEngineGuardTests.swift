import BaseData
import Foundation
import MatrixCore
import Testing
@testable import SimulationEngine

/// The engine's numerical guards that no valid scenario reaches through the CLI (docs/reliability.md §2):
/// provoked here by corrupting the base data in memory, which `chengyu run` never lets a user do (it always
/// runs on the bundled, validated dataset).
@Suite("Reliability: engine guards on corrupted base data")
struct ReliabilityEngineGuardTests {
    /// A national table whose sector 14 (smelting of metals) buys 3 yuan of domestic intermediates per yuan
    /// of output: the circle's base-year A inherits a column sum above 1 (measured 1.51; own-region purchases
    /// are capped and part is bought from the rest of China, so a share of 1.5 still gives 0.85) and the run
    /// must stop with a numerical failure naming the cause, before any year is solved.
    @Test func aColumnSumOfAAtOrAboveOneIsANumericalFailure() throws {
        var ds = try Shared.dataset.get()
        let year = BaseDataset.nationalTableBaseYear
        var table = try #require(ds.nationalTables[year])
        let j = try #require(table.sectors.firstIndex { $0.id == "14" })
        let before = table.domesticCoefficients.column(j).reduce(0, +)
        #expect(before > 0.3 && before < 1, "sector 14's domestic input share is an ordinary \(before)")
        for i in 0..<table.sectorCount { table.domesticFlows[i, j] *= 3 / before }
        #expect(abs(table.domesticCoefficients.column(j).reduce(0, +) - 3) < 1e-12)
        ds.nationalTables[year] = table
        let baseline = try Shared.scenario("baseline")
        do {
            _ = try Simulator(dataset: ds).run(baseline, until: 2019)
            Issue.record("a run on a non-productive national table must fail")
        } catch let e as SimulationError {
            #expect(e.isNumerical, "\(e)")
            let text = "\(e)"
            #expect(text.hasPrefix("numerical failure: a column sum of A reaches "), "\(text)")
            #expect(text.hasSuffix(" ≥ 1 − 1e-6: the economy cannot produce its own inputs"), "\(text)")
            let sum = text.split(separator: " ").compactMap { Double($0) }.first
            #expect(sum.map { $0 >= 1 } == true, "the reported column sum \(sum ?? .nan) is at least 1")
        }
    }
}
