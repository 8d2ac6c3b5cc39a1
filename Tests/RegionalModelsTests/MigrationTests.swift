import Foundation
import MatrixCore
import Testing
@testable import RegionalModels

@Suite("Population: nested-logit migration, ledger, natural change, urbanisation")
struct MigrationTests {
    /// Two zones and the rest of China; the expected values were computed independently in Python from
    /// the formulas of MODEL.md §5 (math.exp/log, no shared code).
    func twoZones(wageIndex: [Double] = [1, 1], barrier: [Double] = [0, 0]) -> ZoneAttractions {
        ZoneAttractions(
            labourPersons: [100, 300], baseWageYuan: [2, 3], wageIndex: wageIndex, employmentRateIndex: [1, 1],
            barrierWageShare: barrier, destinationConstants: [0, 0])
    }
    let outside = OutsideDestination(labourPersons: 1000, wageYuan: 4, destinationConstant: -3)
    let t = try! Matrix([[0, 1], [1, 0]])
    let gw = [2.0, 1.0]

    @Test func handComputedTwoZoneExample() throws {
        let m = try migrationProbabilities(
            zones: twoZones(), outside: outside, stayConstants: [5, 6], travelHours: t, gatewayHours: gw,
            parameters: MigrationParameters())
        #expect(abs(m.leaving[0] - 0.9056202385356746) < 1e-14)
        #expect(abs(m.toZone[0, 1] - 0.7930482107965285) < 1e-14)
        #expect(abs(m.toOutside[0] - 0.11257202773914605) < 1e-14)
        #expect(abs(m.inclusiveValue[1] - 6.30062322646631) < 1e-12)
        #expect(abs(m.toZone[1, 0] - 0.23860020880134605) < 1e-14)
        #expect(abs(m.toOutside[1] - 0.33599465382712185) < 1e-14)
        #expect(m.toZone[0, 0] == 0)
        // Destination probabilities add up to the leaving probability.
        for r in 0..<2 { #expect(abs(m.toZone.row(r).reduce(0, +) + m.toOutside[r] - m.leaving[r]) < 1e-15) }
    }

    @Test func stayCalibrationReproducesTheOutMigrationRateExactly() throws {
        let first = try migrationProbabilities(
            zones: twoZones(), outside: outside, stayConstants: [0, 0], travelHours: t, gatewayHours: gw,
            parameters: MigrationParameters())
        let stay = try calibratedStayConstants(inclusiveValue: first.inclusiveValue, grossOutMigrationRate: [0.02, 0.03])
        let m = try migrationProbabilities(
            zones: twoZones(), outside: outside, stayConstants: stay, travelHours: t, gatewayHours: gw,
            parameters: MigrationParameters())
        #expect(abs(m.leaving[0] - 0.02) < 1e-15)
        #expect(abs(m.leaving[1] - 0.03) < 1e-15)
        #expect(throws: PopulationError.self) { try calibratedStayConstants(inclusiveValue: [1], grossOutMigrationRate: [0]) }
    }

    @Test func higherWagesAndLowerBarriersAttract() throws {
        let base = try migrationProbabilities(
            zones: twoZones(barrier: [0.15, 0.15]), outside: outside, stayConstants: [5, 6], travelHours: t,
            gatewayHours: gw, parameters: MigrationParameters())
        let richer = try migrationProbabilities(
            zones: twoZones(wageIndex: [1, 1.1], barrier: [0.15, 0.15]), outside: outside, stayConstants: [5, 6],
            travelHours: t, gatewayHours: gw, parameters: MigrationParameters())
        #expect(richer.toZone[0, 1] > base.toZone[0, 1])
        #expect(richer.leaving[1] < base.leaving[1])  // higher wage at home keeps people
        let open = try migrationProbabilities(
            zones: twoZones(barrier: [0.15, 0.05]), outside: outside, stayConstants: [5, 6], travelHours: t,
            gatewayHours: gw, parameters: MigrationParameters())
        #expect(open.toZone[0, 1] > base.toZone[0, 1])
        // A barrier worth β of the wage is exactly a wage cut by β: same probabilities.
        let cut = try migrationProbabilities(
            zones: twoZones(wageIndex: [1, 0.85], barrier: [0.15, 0]), outside: outside, stayConstants: [5, 6],
            travelHours: t, gatewayHours: gw, parameters: { var p = MigrationParameters(); p.employmentRateElasticity = 0; return p }())
        let viaBarrier = try migrationProbabilities(
            zones: twoZones(barrier: [0.15, 0.15]), outside: outside, stayConstants: [5, 6], travelHours: t,
            gatewayHours: gw, parameters: { var p = MigrationParameters(); p.employmentRateElasticity = 0; return p }())
        #expect(abs(cut.toZone[0, 1] - viaBarrier.toZone[0, 1]) < 1e-14)
    }

    @Test func ledgerHoldsAndPeopleAreConserved() throws {
        let m = try migrationProbabilities(
            zones: twoZones(), outside: outside, stayConstants: [5, 6], travelHours: t, gatewayHours: gw,
            parameters: MigrationParameters())
        let p0 = [1_000_000.0, 2_500_000.0]
        let f = try migrate(population: p0, probabilities: m, inflowFromOutsidePersons: 50_000, inflowShares: [0.3, 0.7])
        let delta = f.population.reduce(0, +) - p0.reduce(0, +)
        #expect(abs(delta - (50_000 - f.toOutside.reduce(0, +))) <= 1e-9 * p0.reduce(0, +))
        // Between zones, what leaves r for s arrives in s.
        #expect(abs(f.inflow[1] - f.fromOutside[1] - p0[0] * m.toZone[0, 1]) < 1e-6)
        #expect(f.population.allSatisfy { $0 >= 0 })
        #expect(throws: PopulationError.self) {
            try migrate(population: p0, probabilities: m, inflowFromOutsidePersons: 1, inflowShares: [0.5, 0.6])
        }
    }

    @Test func naturalChangeAndUrbanShare() {
        let nc = naturalChange(population: [1000, 2000], birthsPerMille: [10, 8], deathsPerMille: [7, 9])
        #expect(nc.population == [1003, 1998])
        #expect(nc.births == [10, 16] && nc.deaths == [7, 18])
        // Logit-linear: stays under the ceiling and the fitted rate reproduces the target.
        var u = 0.5
        for _ in 0..<200 { u = logitLinearUrbanShare(u, rate: 0.1, ceiling: 0.85) }
        #expect(u < 0.85 && u > 0.849)
        let k = logitLinearRate(from: 0.60, to: 0.66, years: 6, ceiling: 0.85)
        var v = 0.60
        for _ in 0..<6 { v = logitLinearUrbanShare(v, rate: k, ceiling: 0.85) }
        #expect(abs(v - 0.66) < 1e-12)
    }
}
