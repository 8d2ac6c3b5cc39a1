import BaseData
import Foundation
import MatrixCore
import RegionalModels
import Testing
import TestFixtures
@testable import SimulationEngine

@Suite("Base year 2019: calibration identities and reproduction of the data", .tags(.slow), .skippedInFastRuns)
struct BaseYearTests {
    func base() throws -> (BaseYear, CircleStructure) {
        let sim = try Shared.simulator.get()
        return (try sim.baseYear(for: Shared.scenario("baseline")), sim.structure)
    }

    @Test func leontiefIdentityAndMatrixProperties() throws {
        let (b, _) = try base()
        let a = b.coefficients.a
        #expect(a.rows == 1764)
        #expect(a.storage.allSatisfy { $0 >= 0 })
        #expect(a.columnSums.allSatisfy { $0 < 1 })
        let rho = try a.perronBracket(iterations: 200)
        #expect(rho.upperBound < 1)
        // L·y0 = x0, solved independently here.
        let lu = try LUFactorization(factoring: Matrix.identityMinus(a))
        let x = try lu.solve(b.finalDemand)
        let err = zip(x, b.output).map { ($0 - $1) * ($0 - $1) }.reduce(0, +).squareRoot()
        let norm = b.output.map { $0 * $0 }.reduce(0, +).squareRoot()
        #expect(err / norm < 1e-9)
        #expect(b.calibrationResidual < 1e-9)
    }

    /// Σ_q A[qs][·,j] + a_RoC[s][j] + a_RoW[s][j] + v[j] = 1 for every industry (MODEL.md §3).
    @Test func everyColumnCloses() throws {
        let (b, _) = try base()
        let res = try InputOutput.columnClosureResiduals(
            a: b.coefficients.a, restOfChina: b.coefficients.restOfChina, restOfWorld: b.trade.restOfWorld,
            valueAdded: b.valueAddedCoefficient)
        #expect(res.map(abs).max()! < 1e-12)
    }

    /// Production GDP Σ v·x equals expenditure GDP at the circle level: local final demand for Chinese
    /// products + exports abroad + exports to the rest of China + inventories − imports from abroad − purchases
    /// from the rest of China (intermediate and final).
    @Test func productionEqualsExpenditureGDP() throws {
        let (b, _) = try base()
        let n = b.output.count
        let production = (0..<n).reduce(0.0) { $0 + b.valueAddedCoefficient[$1] * b.output[$1] }
        let routed = try InputOutput.routeFinalDemand(Matrix(column: b.demand.total), routing: b.routing)
        var expenditure = b.demand.total.reduce(0, +)
        expenditure += b.exportsAbroad.reduce(0, +) + b.exportsRestOfChina.reduce(0, +) + b.inventory.reduce(0, +)
        for k in 0..<n {
            expenditure -= (b.trade.restOfWorld[k] + b.coefficients.restOfChina[k]) * b.output[k]
        }
        expenditure -= routed.restOfChina.storage.reduce(0, +)
        #expect(abs(production - expenditure) / production < 1e-9)
        // Production GDP is the base data's GDP: the regional value added sums to each jurisdiction's GDP.
        let ds = try Shared.dataset.get()
        #expect(abs(production - ds.jurisdictions.map(\.gdp2019HundredMillionYuan.value).reduce(0, +)) / production < 1e-9)
    }

    @Test func regionalValueAddedSumsToGDPPerJurisdiction() throws {
        let (b, cs) = try base()
        let s = cs.dims.sectors
        for (reg, j) in cs.jurisdictions.enumerated() {
            let va = (0..<s).reduce(0.0) { $0 + b.valueAddedCoefficient[reg * s + $1] * b.output[reg * s + $1] }
            #expect(abs(va - j.gdp2019HundredMillionYuan.value) <= 1e-9 * j.gdp2019HundredMillionYuan.value, "\(j.id)")
        }
    }

    @Test func exportsToTheRestOfChinaAreNonNegativeAndZeroForNontradables() throws {
        let (b, cs) = try base()
        let s = cs.dims.sectors
        #expect(b.exportsRestOfChina.allSatisfy { $0 >= 0 })
        for k in 0..<b.output.count where cs.nontradable[k % s] {
            #expect(abs(b.exportsRestOfChina[k]) <= 1e-9 * max(b.output[k], 1))
        }
        #expect(b.capped.allSatisfy { $0.phi >= 0 && $0.phi < 1 })
    }

    /// The 2019 row of a run is the base data: GDP per jurisdiction (identity, 1e-9), population and
    /// urbanisation of the circle, the rail km derived from the outline's density, and the fitted
    /// Chongqing–Chengdu time.
    @Test func trajectoryReproduces2019() throws {
        let t = try Shared.trajectory("baseline")
        let ds = try Shared.dataset.get()
        for j in ds.jurisdictions {
            let v = try #require(t.value("gdp", at: j.id, in: 2019))
            #expect(abs(v - j.gdp2019HundredMillionYuan.value) <= 1e-9 * v)
        }
        let pop = ds.jurisdictions.map(\.population2019Persons.value).reduce(0, +)
        let urban = ds.jurisdictions.map { $0.population2019Persons.value * $0.urbanShare2019Fraction.value }.reduce(0, +)
        #expect(abs(try #require(t.value("population", in: 2019)) - pop) <= 1e-9 * pop)
        #expect(abs(try #require(t.value("urbanisation_rate", in: 2019)) - urban / pop) < 1e-12)
        #expect(t.value("rail_km", in: 2019) == 3.5 * 185_000 / 100)
        #expect(abs(try #require(t.value("cq_cd_rail_minutes", in: 2019)) - 82.5) < 1e-6)
        // Totals against the plan's preface: GDP within 3 % of 6.3 trillion, population within 3 % of 96 million.
        #expect(abs(try #require(t.value("gdp", in: 2019)) / 63_000 - 1) < 0.03)
        #expect(abs(pop / 96e6 - 1) < 0.03)
    }
}
