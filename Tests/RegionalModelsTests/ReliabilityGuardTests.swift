import Foundation
import MatrixCore
import Testing
@testable import RegionalModels

/// Library guards of the population step that no valid scenario reaches through the CLI (the nested logit
/// closes by construction): each failure is an error naming the cause, never a wrong number
/// (docs/reliability.md, "Numerical guards").
@Suite struct ReliabilityGuardTests {
    /// Two zones; origin 1 stays with 0.9, moves to zone 2 with 0.08, leaves the region with 0.02.
    static func probabilities(leaving: Double = 0.1, toZone: Double = 0.08) throws -> MigrationProbabilities {
        MigrationProbabilities(
            leaving: [leaving, 0.1], toZone: try Matrix([[0, toZone], [0.08, 0]]), toOutside: [0.02, 0.02],
            inclusiveValue: [0, 0])
    }

    @Test func probabilitiesThatDoNotSumToOneAreRefused() throws {
        _ = try migrate(population: [100, 100], probabilities: try Self.probabilities(), inflowFromOutsidePersons: 0, inflowShares: [0.5, 0.5])
        #expect {
            try migrate(population: [100, 100], probabilities: try Self.probabilities(toZone: 0.2), inflowFromOutsidePersons: 0, inflowShares: [0.5, 0.5])
        } throws: { e in
            guard case PopulationError.probabilitiesDoNotSum(let s) = e else { return false }
            return s.contains("origin 1") && "\(e)".hasPrefix("probabilities do not sum to 1")
        }
        #expect(throws: PopulationError.probabilitiesDoNotSum("inflow shares sum to 0.9")) {
            try migrate(population: [100, 100], probabilities: try Self.probabilities(), inflowFromOutsidePersons: 10, inflowShares: [0.5, 0.4])
        }
    }

    @Test func aPopulationThatTurnsNegativeIsRefused() throws {
        #expect {
            try migrate(population: [-50, 100], probabilities: try Self.probabilities(), inflowFromOutsidePersons: 0, inflowShares: [0.5, 0.5])
        } throws: { e in
            guard case PopulationError.negativePopulation(let zone, let v) = e else { return false }
            return zone == 0 && v < 0 && "\(e)".contains("would turn negative")
        }
    }
}
