import Foundation
import MatrixCore
import RegionalModels
import TestFixtures
import Testing

/// The regionalisation chain at the real size (R = 42 jurisdictions × S = 42 sectors, n = 1,764) on seeded
/// synthetic inputs: FLQ (δ = 0.3) → ω fitted to a 0.5 inflow target → Chenery–Moses → assembly.
/// Checks the MODEL.md §3 properties: A ≥ 0, every column sum < 1, ρ(A) < 1, every column closes (1e-13),
/// and the calibration identity L·y0 = x0 to 1e-9 relative with y0 = (I − A)·x0.
@Suite("Full-size MRIO assembly (n = 1,764)", .tags(.slow), .skippedInFastRuns)
struct FullSizeAssemblyTests {
    @Test("A ≥ 0, column sums < 1, ρ < 1, closure 1e-13, L·y0 = x0 to 1e-9")
    func fullSize() throws {
        let r = 42, s = 42
        let d = MRIODimensions(regions: r, sectors: s)
        var rng = SplitMix64(seed: 2019)
        // National coefficients: domestic column sums 0.5, imported 0.1, v = 0.4.
        var aDom = Matrix(rows: s, columns: s), aImp = Matrix(rows: s, columns: s)
        for j in 0..<s {
            let w = (0..<s).map { _ in rng.nextUniform() + (0.01) }
            let total = w.reduce(0, +)
            for i in 0..<s { aDom[i, j] = 0.5 * w[i] / total; aImp[i, j] = 0.1 * w[(i + 7) % s] / total }
        }
        let x0 = (0..<d.industries).map { _ in exp(3 * rng.nextUniform()) * 100 }
        var national = [Double](repeating: 0, count: s)
        for k in 0..<d.industries { national[k % s] += x0[k] }
        national = national.map { $0 * 3 }  // the circle is a third of the nation
        var times = Matrix(rows: r, columns: r)
        for a in 0..<r { for b in 0..<a { let t = 0.5 + 6 * rng.nextUniform(); times[a, b] = t; times[b, a] = t } }
        let eta = (0..<s).map { $0 < 26 ? 1.0 : 1.5 }

        let own = try (0..<r).map { reg in
            let xr = Array(x0[(reg * s)..<((reg + 1) * s)])
            let f = try InputOutput.regionalPurchaseFactors(method: .flq(delta: 0.3), regionalOutput: xr, nationalOutput: national)
            return try InputOutput.ownRegionCoefficients(domestic: aDom, factors: f, nontradableOwnShare: Array(repeating: nil, count: s))
        }
        let w = try InputOutput.gravityWeights(
            dimensions: d, mass: x0, travelTimeHours: [times], timeMatrixOfSector: Array(repeating: 0, count: s),
            offsetHours: 0.25, decay: eta)
        let gateway = (0..<d.industries).map { k in 1 + Double((k / s) % 5) }
        let base = try InputOutput.outsidePull(
            dimensions: d, omega: Array(repeating: 1, count: s), restOfChinaOutput: national.map { $0 * 10 },
            gatewayTimeHours: gateway, offsetHours: 0.25, decay: eta)
        var rem = [Double](repeating: 0, count: d.industries), dom = rem
        for reg in 0..<r { for j in 0..<s {
            let xj = x0[reg * s + j]
            for i in 0..<s {
                dom[reg * s + i] += aDom[i, j] * xj
                rem[reg * s + i] += (aDom[i, j] - own[reg][i, j]) * xj
            }
        } }
        let fit = try InputOutput.fitOutsidePull(
            dimensions: d, gravity: w, outsideBase: base, remainderDemand: rem, domesticDemand: dom,
            target: Array(repeating: 0.5, count: s))
        #expect(fit.reached.allSatisfy { $0 })
        let e = (0..<d.industries).map { base[$0] * fit.omega[$0 % s] }
        let shares = try InputOutput.cheneryMosesShares(dimensions: d, gravity: w, outsidePull: e)
        let mrio = try InputOutput.assembleMRIO(domestic: aDom, own: own, shares: shares)

        #expect(mrio.a.rows == 1764)
        #expect(mrio.a.storage.allSatisfy { $0 >= 0 })
        #expect(mrio.a.columnSums.allSatisfy { $0 < 1 })
        let leak = try InputOutput.foreignImportCoefficients(imported: aImp)
        let v = aDom.columnSums.indices.map { 1 - aDom.columnSums[$0] - aImp.columnSums[$0] }
        let residuals = try InputOutput.columnClosureResiduals(
            a: mrio.a, restOfChina: mrio.restOfChina, restOfWorld: (0..<r).flatMap { _ in leak },
            valueAdded: (0..<r).flatMap { _ in v })
        #expect(residuals.allSatisfy { abs($0) < 1e-13 })

        let model = try LeontiefModel(technicalCoefficients: mrio.a)
        let ax = try mrio.a.applied(to: x0)
        let y0 = (0..<d.industries).map { x0[$0] - ax[$0] }
        let diag = try model.diagnostics(finalDemand: y0, grossOutput: x0)
        #expect(diag.calibrationResidual! < 1e-9)
        #expect(diag.spectralRadius!.upperBound < 1)
        #expect(diag.largestColumnSum < 1 - 1e-6)
    }
}
