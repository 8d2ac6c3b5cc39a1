import Foundation
import Testing
@testable import ParameterSweeps

@Suite("Sobol indices over time and for many outputs")
struct SobolOverTimeTests {
    /// y_t = a·t + b·(1 − t/T), a, b independent U(0, 1), T = 10: additive, so S_a(t) = ST_a(t) =
    /// t² / (t² + (1 − t/T)²) and S_b = ST_b = 1 − S_a; estimated per year within 0.02.
    @Test func toyModelMatchesTheAnalyticIndicesEveryYear() throws {
        let n = 4096, bigT = 10.0
        let design = try SaltelliDesign(baseSamples: n, dimensions: 2)
        let years = Array(0...10)
        let columns = years.map { t in design.points.map { u in u[0] * Double(t) + u[1] * (1 - Double(t) / bigT) } }
        let results = SobolIndices.estimateMany(columns: columns, baseSamples: n, dimensions: 2, resamples: 200, seed: 5)
        for (k, t) in years.enumerated() {
            let tt = Double(t), va = tt * tt, vb = (1 - tt / bigT) * (1 - tt / bigT)
            let sa = va / (va + vb), sb = vb / (va + vb)
            let idx = try results[k].get()
            #expect(abs(idx.firstOrder[0].estimate - sa) < 0.02, "S_a(\(t))")
            #expect(abs(idx.firstOrder[1].estimate - sb) < 0.02, "S_b(\(t))")
            #expect(abs(idx.totalOrder[0].estimate - sa) < 0.02, "ST_a(\(t))")
            #expect(abs(idx.totalOrder[1].estimate - sb) < 0.02, "ST_b(\(t))")
        }
        // Many at once = one at a time, bit for bit (the same bootstrap rows).
        for k in [0, 3, 10] {
            let alone = try SobolIndices.estimate(outputs: columns[k], baseSamples: n, dimensions: 2, resamples: 200, seed: 5)
            #expect(try results[k].get() == alone)
        }
        // A constant column gets the error `estimate` throws, not a NaN.
        let constant = SobolIndices.estimateMany(columns: [[Double](repeating: 2, count: 4 * n)], baseSamples: n, dimensions: 2, resamples: 10)
        #expect(throws: SweepError.self) { try constant[0].get() }
    }

    /// `years: all` gives one output per simulated year; the analysis groups them into a series by year.
    @Test func yearsAllExpandsAndTheAnalysisGroupsBySeries() throws {
        let dir = try TinySweep.tempDir("years")
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = TinySweep.spec.replacingOccurrences(of: "- {indicator: gdp, place: circle, year: 2021}", with: "- {indicator: gdp, place: circle, years: all}")
        let spec = try #require(try TinySweep.load(in: dir, spec: text).spec)
        #expect(spec.outputs.filter { $0.indicator == "gdp" && $0.goalID == nil }.map(\.year) == [2020, 2021])
        let bad = TinySweep.spec.replacingOccurrences(of: "- {indicator: gdp, place: circle, year: 2021}", with: "- {indicator: gdp, place: circle, years: [2020, 2040]}")
        let r = try TinySweep.load(in: dir, spec: bad)
        #expect(r.spec == nil && r.errors.contains { $0.description.contains("2040") })
        let outputs = spec.outputs
        let interval = SobolIndices.Interval(estimate: 0.5, lower: 0.4, upper: 0.6)
        let sens = outputs.filter { $0.indicator == "gdp" && $0.goalID == nil }.map {
            SweepAnalysis.Sensitivity(output: $0.name, factors: ["x"], indices: SobolIndices(firstOrder: [interval], totalOrder: [interval], confidence: 0.95))
        }
        let series = SobolSeries.series(outputs: outputs, sensitivities: sens)
        #expect(series.count == 1 && series[0].years == [2020, 2021] && series[0].firstOrder[0].count == 2)
    }
}
