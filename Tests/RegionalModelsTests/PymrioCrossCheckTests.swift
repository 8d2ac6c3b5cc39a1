import BaseData
import Foundation
import MatrixCore
import RegionalModels
import TestFixtures
import Testing

/// Cross-check against an independent tool: pymrio 0.7.0 (numpy 2.1) on the 10-region × 10-sector fixture
/// (`Tests/TestFixtures/Resources/pymrio-r10s10/`). The library path of `chengyu io multipliers`
/// (`MRIOTable.read` + `InputOutput.multiplierTable`) must reproduce A, x, the output multipliers and the
/// value-added multipliers entry by entry to 1e-9 relative.
@Suite("pymrio cross-check (r10s10)")
struct PymrioCrossCheckTests {
    /// `Fixtures.resourceDirectory` appends `Resources` to `Bundle.module.resourceURL`; on Linux the latter
    /// already ends in `Resources`, so look in both places.
    static let folder: URL = {
        let base = Fixtures.resourceDirectory
        let candidates = [base, base.deletingLastPathComponent()].map { $0.appendingPathComponent("pymrio-r10s10") }
        return candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("Z.csv").path) } ?? candidates[0]
    }()

    /// `|a − b| ≤ 1e-9·|b|` entry by entry (exact zeros must stay zero).
    func expectClose(_ a: [Double], _ b: [Double], _ what: String) {
        #expect(a.count == b.count, "\(what): length")
        var worst = 0.0
        for (u, v) in zip(a, b) {
            let err = v == 0 ? abs(u) : abs(u - v) / abs(v)
            worst = max(worst, err)
        }
        #expect(worst <= 1e-9, "\(what): worst relative difference \(worst)")
    }

    @Test("A, x, output multipliers, value-added multipliers to 1e-9 relative")
    func reproducesPymrio() throws {
        let table = try MRIOTable.read(directory: Self.folder)
        #expect(table.industries.count == 100)
        #expect(table.valueAddedLabels == ["compensation", "gross_operating_surplus", "taxes_less_subsidies"])
        let result = try InputOutput.multiplierTable(
            flows: table.z, finalDemand: table.y, grossOutput: table.grossOutput, valueAdded: table.valueAdded)

        let aRef = try LabelledCSV.read(Self.folder.appendingPathComponent("A_pymrio.csv"))
        #expect(aRef.rowLabels == table.industries && aRef.columnLabels == table.industries)
        expectClose(result.technicalCoefficients.storage, aRef.values.storage, "A")

        let xRef = try LabelledCSV.read(Self.folder.appendingPathComponent("x_pymrio.csv"))
        expectClose(result.grossOutput, xRef.values.storage, "x (as given)")
        // x recomputed from the final demand by the LU solve, L·(Y·1).
        let model = try LeontiefModel(technicalCoefficients: result.technicalCoefficients)
        expectClose(try model.grossOutput(finalDemand: table.y.rowSums), xRef.values.storage, "x = L·y")

        let mRef = try LabelledCSV.read(Self.folder.appendingPathComponent("output_multipliers_pymrio.csv"))
        expectClose(result.output, mRef.values.storage, "output multipliers")

        let vRef = try LabelledCSV.read(Self.folder.appendingPathComponent("value_added_multipliers_pymrio.csv"))
        #expect(vRef.rowLabels == table.valueAddedLabels)
        expectClose(result.valueAddedByComponent!.storage, vRef.values.storage, "value-added multipliers")

        let d = result.diagnostics
        #expect(d.calibrationResidual! < 1e-12)
        #expect(d.spectralRadius!.value < d.largestColumnSum + 1e-12 && d.largestColumnSum < 1)
    }
}
