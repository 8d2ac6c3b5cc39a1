import Foundation
import Testing
@testable import RegionalModels

@Suite("Contribution of technical progress, official growth-rate equation")
struct OfficialTechnicalProgressTests {
    /// Level method: output 100 → 150 over five years is 1.5^(1/5) − 1 = 8.4472 %, whatever the path.
    @Test func levelMethodIsGeometric() throws {
        let r = try #require(OfficialTechnicalProgress.levelMethodRate([0.2, 0.0, 0.1, 0.05, 0.0330578512396694]))
        // 1.2·1.1·1.05·1.0330578512 = 1.4318…; by hand: 1.2 × 1.1 = 1.32; × 1.05 = 1.386; × 1.03305785 = 1.431818.
        #expect(abs(r - (pow(1.431818181818182, 0.2) - 1)) < 1e-12)
        #expect(abs(try #require(OfficialTechnicalProgress.levelMethodRate([0.5])) - 0.5) < 1e-15)
        #expect(OfficialTechnicalProgress.levelMethodRate([]) == nil)
        #expect(OfficialTechnicalProgress.levelMethodRate([-1.5]) == nil)
    }

    /// Hand example: y = 8 %, k = 10 %, l = 1 %, α = 0.4: a = 8 − 4 − 0.6 = 3.4 %, E = 3.4/8 = 42.5 %.
    @Test func contributionByHand() throws {
        let e = try #require(OfficialTechnicalProgress.contribution(output: 0.08, capital: 0.10, labour: 0.01, capitalElasticity: 0.4))
        #expect(abs(e - 0.425) < 1e-12)
        // Output falling: undefined, never imputed.
        #expect(OfficialTechnicalProgress.contribution(output: -0.01, capital: 0.1, labour: 0, capitalElasticity: 0.4) == nil)
        #expect(OfficialTechnicalProgress.contribution(output: 0, capital: 0.1, labour: 0, capitalElasticity: 0.4) == nil)
    }

    /// The fitted elasticity reproduces its target, and slower capital or shrinking labour raise the contribution.
    @Test func fitRoundTripsAndSignsAreRight() throws {
        let alpha = try #require(OfficialTechnicalProgress.fitCapitalElasticity(target: 0.425, output: 0.08, capital: 0.10, labour: 0.01))
        #expect(abs(alpha - 0.4) < 1e-12)
        let base = try #require(OfficialTechnicalProgress.contribution(output: 0.06, capital: 0.08, labour: 0.005, capitalElasticity: 0.4))
        let slowK = try #require(OfficialTechnicalProgress.contribution(output: 0.06, capital: 0.06, labour: 0.005, capitalElasticity: 0.4))
        let fallingL = try #require(OfficialTechnicalProgress.contribution(output: 0.06, capital: 0.08, labour: -0.005, capitalElasticity: 0.4))
        #expect(slowK > base && fallingL > base)
        #expect(OfficialTechnicalProgress.fitCapitalElasticity(target: 0.5, output: 0.05, capital: 0.01, labour: 0.01) == nil)
    }
}
