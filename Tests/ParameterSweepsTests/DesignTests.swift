import Foundation
import Testing
@testable import ParameterSweeps

@Suite("Sampling designs and Sobol indices")
struct DesignTests {
    /// The first 8 points of SciPy's `qmc.Sobol(d=6, scramble=False).random(8)` (SciPy 1.17), computed
    /// independently with the same Joe–Kuo direction numbers.
    @Test func sobolMatchesScipy() throws {
        let scipy: [[Double]] = [
            [0.0, 0.0, 0.0, 0.0, 0.0, 0.0], [0.5, 0.5, 0.5, 0.5, 0.5, 0.5],
            [0.75, 0.25, 0.25, 0.25, 0.75, 0.75], [0.25, 0.75, 0.75, 0.75, 0.25, 0.25],
            [0.375, 0.375, 0.625, 0.875, 0.375, 0.125], [0.875, 0.875, 0.125, 0.375, 0.875, 0.625],
            [0.625, 0.125, 0.875, 0.625, 0.625, 0.875], [0.125, 0.625, 0.375, 0.125, 0.125, 0.375],
        ]
        var s = try SobolSequence(dimensions: 6)
        #expect(s.points(8) == scipy)
        #expect(throws: SweepError.self) { try SobolSequence(dimensions: 65) }
    }

    /// Every 2^k-point prefix of a Sobol sequence is a (0, k, 1)-net in each coordinate: one point per
    /// interval of width 2^−k.
    @Test func sobolPrefixesStratify() throws {
        var s = try SobolSequence(dimensions: 40)
        let pts = s.points(256)
        for j in 0..<40 {
            let cells = Set(pts.map { Int($0[j] * 256) })
            #expect(cells.count == 256, "dimension \(j)")
        }
    }

    @Test func gridOATAndLatinHypercube() {
        let g = SamplingDesigns.fullGrid([[1, 2], [10, 20, 30]])
        #expect(g == [[1, 10], [1, 20], [1, 30], [2, 10], [2, 20], [2, 30]])
        let o = SamplingDesigns.oneAtATime(base: [1, 10], levels: [[0, 1, 2], [10, 30]])
        #expect(o == [[1, 10], [0, 10], [2, 10], [1, 30]])
        let lhs = SamplingDesigns.latinHypercube(samples: 50, dimensions: 3, seed: 7)
        for k in 0..<3 { #expect(Set(lhs.map { Int($0[k] * 50) }).count == 50) }
        #expect(lhs == SamplingDesigns.latinHypercube(samples: 50, dimensions: 3, seed: 7))
        #expect(lhs != SamplingDesigns.latinHypercube(samples: 50, dimensions: 3, seed: 8))
    }

    /// Ishigami function, a = 7, b = 0.1, on [−π, π]³ (Ishigami & Homma 1990). Analytic indices
    /// (Sobol' & Levitan 1999): V = a²/8 + bπ⁴/5 + b²π⁸/18 + 1/2, V1 = (1 + bπ⁴/5)²/2, V2 = a²/8,
    /// V13 = b²π⁸(1/18 − 1/50); S1 = V1/V, S2 = V2/V, S3 = 0, ST1 = (V1 + V13)/V, ST2 = S2, ST3 = V13/V.
    @Test func ishigamiIndicesMatchTheAnalyticValues() throws {
        let a = 7.0, b = 0.1, pi = Double.pi
        let v = a * a / 8 + b * pow(pi, 4) / 5 + b * b * pow(pi, 8) / 18 + 0.5
        let v1 = 0.5 * pow(1 + b * pow(pi, 4) / 5, 2), v2 = a * a / 8, v13 = b * b * pow(pi, 8) * (1.0 / 18 - 1.0 / 50)
        let s = [v1 / v, v2 / v, 0], st = [(v1 + v13) / v, v2 / v, v13 / v]
        let n = 4096
        let design = try SaltelliDesign(baseSamples: n, dimensions: 3)
        let f = design.points.map { u -> Double in
            let x = u.map { -pi + 2 * pi * $0 }
            return sin(x[0]) + a * pow(sin(x[1]), 2) + b * pow(x[2], 4) * sin(x[0])
        }
        let idx = try SobolIndices.estimate(outputs: f, baseSamples: n, dimensions: 3, resamples: 500, seed: 3)
        for i in 0..<3 {
            let fo = idx.firstOrder[i], to = idx.totalOrder[i]
            #expect(fo.lower <= s[i] && s[i] <= fo.upper, "S\(i + 1) = \(s[i]) not in [\(fo.lower), \(fo.upper)]")
            #expect(to.lower <= st[i] && st[i] <= to.upper, "ST\(i + 1) = \(st[i]) not in [\(to.lower), \(to.upper)]")
            #expect(fo.upper - fo.lower < 0.1)  // the intervals are informative, not vacuous
        }
    }

    /// A linear model y = Σ c_i x_i with independent uniform x has S_i = ST_i = c_i² / Σ c_k².
    @Test func linearModelIndices() throws {
        let c = [1.0, 2.0, 3.0], total = c.map { $0 * $0 }.reduce(0, +)
        let design = try SaltelliDesign(baseSamples: 2048, dimensions: 3)
        let f = design.points.map { x in zip(c, x).map { $0 * $1 }.reduce(0, +) }
        let idx = try SobolIndices.estimate(outputs: f, baseSamples: 2048, dimensions: 3, resamples: 300)
        for i in 0..<3 {
            #expect(abs(idx.firstOrder[i].estimate - c[i] * c[i] / total) < 0.02)
            #expect(abs(idx.totalOrder[i].estimate - c[i] * c[i] / total) < 0.02)
        }
        #expect(throws: SweepError.self) { try SobolIndices.estimate(outputs: [1, 2], baseSamples: 2048, dimensions: 3) }
    }
}
