import Foundation
import ScenarioSpec
import Testing
@testable import ParameterSweeps

@Suite("Ensemble draws from the priors")
struct EnsembleDesignTests {
    /// Scrambled Sobol points lie in (0, 1), are a pure function of the seed, member m is the same whatever
    /// the ensemble size (so any split of the members draws the same values), and each margin is uniform.
    @Test func scrambledSobolPoints() throws {
        let a = try EnsembleDesign.unitPoints(members: 1024, dimensions: 7, seed: 42, method: .sobol)
        let b = try EnsembleDesign.unitPoints(members: 1024, dimensions: 7, seed: 42, method: .sobol)
        let small = try EnsembleDesign.unitPoints(members: 100, dimensions: 7, seed: 42, method: .sobol)
        let other = try EnsembleDesign.unitPoints(members: 1024, dimensions: 7, seed: 43, method: .sobol)
        #expect(a == b && Array(a.prefix(100)) == small && a != other)
        #expect(a.allSatisfy { $0.allSatisfy { $0 > 0 && $0 < 1 } })
        for k in 0..<7 {
            let column = a.map { $0[k] }
            #expect(abs(column.reduce(0, +) / 1024 - 0.5) < 0.002)  // a (0,1)-net: far better than 1/√N
            // Each of 16 equal strata holds exactly 64 points (the digital shift keeps the net's stratification).
            let counts = (0..<16).map { s in column.filter { Int($0 * 16) == s }.count }
            #expect(counts.allSatisfy { $0 == 64 })
        }
    }

    /// Draws respect the priors: inside each support, and the sample median near the prior median.
    @Test func drawsFollowThePriors() throws {
        let priors = try PriorCatalog.standard().sampled
        for method in EnsembleDesign.Method.allCases {
            let d = try EnsembleDesign.draws(priors: priors, members: 1000, seed: 7, method: method)
            for (k, p) in priors.enumerated() {
                let s = try #require(p.support)
                let column = d.map { $0[k] }.sorted()
                #expect(column.allSatisfy { s.contains($0) }, "\(p.id)")
                let median = (column[499] + column[500]) / 2
                #expect(abs(median - p.quantile(0.5)!) < 0.01 * (s.upperBound.isFinite ? s.upperBound - s.lowerBound : 10), "\(p.id) \(method)")
            }
        }
        let absent = try #require(try PriorCatalog.standard()["investment.adjustment"])
        #expect(absent.status == .absent)
        #expect(throws: SweepError.self) { try EnsembleDesign.draws(priors: [absent], members: 2, seed: 1, method: .sobol) }
    }
}
