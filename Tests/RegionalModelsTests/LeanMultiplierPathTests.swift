import BaseData
import Foundation
import MatrixCore
import RegionalModels
import TestFixtures
import Testing

/// The memory-lean path of `chengyu io multipliers` / `io solve` (issue 9, scale): `A` formed in `Z`'s storage
/// when `Z` is handed over, the same numbers as the copying path, and type II from the open factorisation
/// equal to the explicitly assembled `(n+H) × (n+H)` closed model.
@Suite("Lean multiplier path")
struct LeanMultiplierPathTests {
    /// `make_mrio.py -R 3 -S 4` (12 industries, 3 regions with a household column each), read from .npy.
    static let fixture = Fixtures.resourceDirectory.appendingPathComponent("mrio-npy")

    static func address(_ m: Matrix) -> UInt { m.storage.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) } }

    @Test("technicalCoefficients(consuming:) reuses Z's buffer when handed over, copies when Z is still held; same A")
    func inPlaceCoefficients() throws {
        let t = try MRIOTable.read(directory: Self.fixture)
        let x = t.grossOutput!
        let reference = try InputOutput.technicalCoefficients(flows: t.z, grossOutput: x)
        // Still held by the table: copy-on-write leaves Z untouched.
        let held = t.z
        let copied = try InputOutput.technicalCoefficients(consuming: t.z, grossOutput: x)
        #expect(copied == reference)
        #expect(t.z == held)
        #expect(Self.address(copied) != Self.address(t.z))
        // Handed over (a fresh read, no other reference to its Z): A lives in Z's former storage.
        var own = try MRIOTable.read(directory: Self.fixture)
        let z37 = own.z[3, 7]
        let z = own.takeFlows()
        let before = Self.address(z)
        let a = try InputOutput.technicalCoefficients(consuming: consume z, grossOutput: x)
        #expect(Self.address(a) == before)
        #expect(a == reference)
        // a_ij = z_ij / x_j, spot-checked independently.
        #expect(abs(a[3, 7] - z37 / x[7]) <= 1e-15 * abs(a[3, 7]))
        #expect(z37 > 0)
    }

    @Test("multiplierTable with Z handed over equals the copying path exactly, and type II equals the explicit (n+H) closed model to 1e-10")
    func leanEqualsCopyAndExplicitClosure() throws {
        var t = try MRIOTable.read(directory: Self.fixture)
        let n = t.industries.count
        let regions = Array(Set(t.industryRegions)).sorted()
        let h = regions.count
        #expect(n == 12 && h == 3)
        var consumption = Matrix(rows: n, columns: h)
        for (c, label) in t.finalDemandLabels.enumerated() where label.hasSuffix(":household") {
            let k = regions.firstIndex(of: MRIOTable.splitLabel(label).0)!
            for i in 0..<n { consumption[i, k] += t.y[i, c] }
        }
        let households = HouseholdSpecification(
            householdOfIndustry: t.industryRegions.map { regions.firstIndex(of: $0)! }, consumption: consumption)
        let employment = t.satellites!.row(0)
        #expect(t.satelliteLabels[0] == "employment" && t.valueAddedLabels[0] == "compensation")
        func table(_ z: consuming Matrix) throws -> MultiplierTable {
            try InputOutput.multiplierTable(
                flows: z, finalDemand: t.y, grossOutput: t.grossOutput, valueAdded: t.valueAdded,
                compensationRow: 0, employment: employment, households: households)
        }
        let copying = try table(t.z)
        let z = t.takeFlows()
        let lean = try table(consume z)
        #expect(lean.output == copying.output)
        #expect(lean.outputTypeII == copying.outputTypeII)
        #expect(lean.incomeTypeII == copying.incomeTypeII)
        #expect(lean.employmentTypeII == copying.employmentTypeII)
        #expect(lean.valueAddedByComponent == copying.valueAddedByComponent)
        #expect(lean.forwardLinkage == copying.forwardLinkage)
        #expect(lean.diagnostics == copying.diagnostics)

        // The explicit closed model Ā = [[A, h_C], [h_R, 0]], factored as one (n+H) matrix.
        let x = t.grossOutput!, a = lean.technicalCoefficients
        let compensation = t.valueAdded!.row(0)
        var bar = Matrix(rows: n + h, columns: n + h)
        try bar.setBlock(at: 0, 0, to: a)
        var income = [Double](repeating: 0, count: h)
        for j in 0..<n {
            let k = households.householdOfIndustry[j]
            bar[n + k, j] = compensation[j] / x[j]
            income[k] += compensation[j]
        }
        for k in 0..<h { for i in 0..<n { bar[i, n + k] = consumption[i, k] / income[k] } }
        let closed = try LeontiefModel(technicalCoefficients: bar)
        let outputII = try closed.multipliers(coefficients: [Double](repeating: 1, count: n) + [Double](repeating: 0, count: h))
        let incomeII = try closed.multipliers(coefficients: [Double](repeating: 0, count: n) + [Double](repeating: 1, count: h))
        let e = (0..<n).map { employment[$0] / x[$0] }
        let employmentII = try closed.multipliers(coefficients: e + [Double](repeating: 0, count: h))
        for j in 0..<n {
            let hRj = compensation[j] / x[j]
            #expect(abs(lean.outputTypeII![j] - outputII[j]) <= 1e-10 * outputII[j])
            #expect(abs(lean.incomeTypeII![j]! - incomeII[j] / hRj) <= 1e-10 * incomeII[j] / hRj)
            #expect(abs(lean.employmentTypeII![j]! - employmentII[j] / e[j]) <= 1e-10 * employmentII[j] / e[j])
            // Type II exceeds type I (households add induced effects).
            #expect(lean.outputTypeII![j] > lean.output[j])
        }
    }
}
