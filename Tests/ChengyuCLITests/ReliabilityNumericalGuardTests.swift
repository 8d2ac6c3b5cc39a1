import Foundation
import TestFixtures
import Testing

/// Numerical guards seen through the CLI: each failure mode ends in a message naming its cause and the
/// documented exit status (docs/reliability.md, "Numerical guards").
@Suite("Reliability: numerical guards through the CLI", .serialized, .tags(.slow), .skippedInFastRuns)
struct ReliabilityNumericalGuardTests {
    /// A table folder with the given Z and Y (one final-demand column), industries a and b.
    static func table(z: [[Double]], y: [Double], x: [Double]? = nil, raw zText: String? = nil) throws -> URL {
        let d = try CLI.temporaryDirectory()
        let labels = ["a", "b"]
        var zCSV = "industry,a,b\n", yCSV = "industry,households\n", xCSV = "industry,output\n"
        for i in 0..<2 {
            zCSV += "\(labels[i]),\(z[i][0]),\(z[i][1])\n"
            yCSV += "\(labels[i]),\(y[i])\n"
            if let x { xCSV += "\(labels[i]),\(x[i])\n" }
        }
        try (zText ?? zCSV).write(to: d.appendingPathComponent("Z.csv"), atomically: true, encoding: .utf8)
        try yCSV.write(to: d.appendingPathComponent("Y.csv"), atomically: true, encoding: .utf8)
        if x != nil { try xCSV.write(to: d.appendingPathComponent("x.csv"), atomically: true, encoding: .utf8) }
        return d
    }

    /// Column sums of A above 1 (negative final demand): spectral radius ≥ 1, the economy cannot produce its
    /// own inputs. `io check` reports FAIL and exits 3 (a numerical property of well-formed data); `io
    /// multipliers` and `io solve` refuse to compute a Leontief inverse of it, also with exit 3.
    @Test func aSpectralRadiusAtOrAboveOneIsANumericalFailure() throws {
        let d = try Self.table(z: [[60, 60], [60, 60]], y: [-10, -10])
        defer { try? FileManager.default.removeItem(at: d) }
        let r = try CLI.run(["io", "check", d.path])
        #expect(r.status == 3, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("check FAILED"))
        // x = 120 − 10, A = (60 / 110)·[[1, 1], [1, 1]]: both column sums and ρ(A) are 120 / 110.
        #expect(r.stdout.contains("largest column sum of A: 1.09091 [≥ 1 − 1e-6"), "\(r.stdout)")
        #expect(r.stdout.contains("spectral radius of A: 1.09091 in [") && r.stdout.contains("[FAIL]"), "\(r.stdout)")
        let m = try CLI.run(["io", "multipliers", d.path])
        #expect(m.status == 3, "\(m.stdout)\(m.stderr)")
        #expect(m.stdout.isEmpty)
        #expect(m.stderr.contains("error: numerical failure: column 1 of A sums to 1.09") && m.stderr.contains("not productive"), "\(m.stderr)")
        let demand = d.appendingPathComponent("demand.csv")
        try "industry,shock\na,1\nb,1\n".write(to: demand, atomically: true, encoding: .utf8)
        let s = try CLI.run(["io", "solve", d.path, "--demand", demand.path])
        #expect(s.status == 3, "\(s.stdout)\(s.stderr)")
        #expect(s.stdout.isEmpty)
        #expect(s.stderr.contains("error: numerical failure: column 1 of A sums to 1.09") && s.stderr.contains("not productive"), "\(s.stderr)")
    }

    /// A = [[2, 1], [−2, −1]] (column sums 0, eigenvalues 0 and 1): I − A = [[−1, −1], [2, 2]] is exactly
    /// singular. `io multipliers` and `io solve` exit 3 naming the zero pivot; `io check` also reports the
    /// singular system but exits 2, because Z has negative entries (bad data take precedence).
    @Test func aSingularLeontiefMatrixIsANumericalFailure() throws {
        // x = Z·1 + Y·1 = [3 − 2, −3 + 4] = [1, 1], so A = Z.
        let d = try Self.table(z: [[2, 1], [-2, -1]], y: [-2, 4])
        defer { try? FileManager.default.removeItem(at: d) }
        let m = try CLI.run(["io", "multipliers", d.path])
        #expect(m.status == 3, "\(m.stdout)\(m.stderr)")
        #expect(m.stderr.contains("error: numerical failure: matrix is singular: U[2,2] is exactly zero"), "\(m.stderr)")
        let demand = d.appendingPathComponent("demand.csv")
        try "industry,shock\na,1\n".write(to: demand, atomically: true, encoding: .utf8)
        let s = try CLI.run(["io", "solve", d.path, "--demand", demand.path])
        #expect(s.status == 3, "\(s.stdout)\(s.stderr)")
        #expect(s.stderr.contains("error: numerical failure: matrix is singular"), "\(s.stderr)")
        let c = try CLI.run(["io", "check", d.path])
        #expect(c.status == 2, "\(c.stdout)\(c.stderr)")
        #expect(c.stdout.contains("negative entries: Z 2 [FAIL"), "\(c.stdout)")
        #expect(c.stdout.contains("Leontief system: FAIL: matrix is singular"), "\(c.stdout)")
    }

    /// A = [[0, 10⁷], [0, 0]] is productive (ρ(A) = 0) but I − A = [[1, −10⁷], [0, 1]] has 1-norm condition
    /// (1 + 10⁷)² ≈ 10¹⁴, past the threshold 10¹²: `io check` fails only that line (exit 3), and `io
    /// multipliers` and `io solve` refuse to print numbers that may carry no correct digit (exit 3).
    @Test func aNearSingularLeontiefMatrixIsANumericalFailure() throws {
        // x = Z·1 + Y·1 = [10⁷ − (10⁷ − 1), 1] = [1, 1], so A = Z.
        let d = try Self.table(z: [[0, 1e7], [0, 0]], y: [-9_999_999, 1])
        defer { try? FileManager.default.removeItem(at: d) }
        let c = try CLI.run(["io", "check", d.path])
        #expect(c.status == 3, "\(c.stdout)\(c.stderr)")
        #expect(c.stdout.contains("spectral radius of A:") && c.stdout.contains("[ok]"), "\(c.stdout)")
        #expect(c.stdout.contains("condition of I − A (1-norm, dgecon): 1e+14 (reciprocal 1e-14) [FAIL]"), "\(c.stdout)")
        let m = try CLI.run(["io", "multipliers", d.path])
        #expect(m.status == 3, "\(m.stdout)\(m.stderr)")
        #expect(m.stdout.isEmpty)
        #expect(m.stderr.contains("error: numerical failure: I − A is near-singular: reciprocal condition estimate 1e-14 < 1e-12"), "\(m.stderr)")
        let demand = d.appendingPathComponent("demand.csv")
        try "industry,shock\na,1\nb,1\n".write(to: demand, atomically: true, encoding: .utf8)
        let s = try CLI.run(["io", "solve", d.path, "--demand", demand.path])
        #expect(s.status == 3, "\(s.stdout)\(s.stderr)")
        #expect(s.stderr.contains("error: numerical failure: I − A is near-singular"), "\(s.stderr)")
    }

    /// Finite but absurd demand (10³⁰⁸ on an economy with output multipliers of 3) overflows: `io solve`
    /// refuses to write infinity, exit 3, naming the column and the industry.
    @Test func aNonFiniteSolveResultIsANumericalFailure() throws {
        let d = try Self.table(z: [[1, 1], [1, 1]], y: [1, 1])
        defer { try? FileManager.default.removeItem(at: d) }
        let demand = d.appendingPathComponent("demand.csv")
        try "industry,ordinary,absurd\na,1,1e308\nb,1,1e308\n".write(to: demand, atomically: true, encoding: .utf8)
        let out = d.appendingPathComponent("x.out.csv")
        let s = try CLI.run(["io", "solve", d.path, "--demand", demand.path, "--out", out.path])
        #expect(s.status == 3, "\(s.stdout)\(s.stderr)")
        #expect(s.stderr.contains("error: numerical failure: gross output for absurd of a is inf"), "\(s.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path), "no result file is written")
        // The same table with ordinary demand solves: x = (I − A)⁻¹·1 = 3 per industry (A = 1/3 everywhere).
        try "industry,ordinary\na,1\nb,1\n".write(to: demand, atomically: true, encoding: .utf8)
        let ok = try CLI.run(["io", "solve", d.path, "--demand", demand.path])
        #expect(ok.status == 0, "\(ok.stderr)")
        let values = ok.stdout.split(separator: "\n").dropFirst().compactMap { $0.split(separator: ",").last.flatMap { Double($0) } }
        #expect(values.count == 2 && values.allSatisfy { abs($0 - 3) < 1e-12 }, "\(ok.stdout)")
    }

    @Test func ioCheckRefusesNegativeGrossOutput() throws {
        let d = try Self.table(z: [[1, 1], [1, 1]], y: [-5, 3], x: [-3, 5])
        defer { try? FileManager.default.removeItem(at: d) }
        let r = try CLI.run(["io", "check", d.path])
        #expect(r.status == 2)
        #expect(r.stdout.contains("gross output: 1 negative [FAIL]"), "\(r.stdout)")
    }

    @Test func aNonFiniteTableCellIsALocatedError() throws {
        for bad in ["nan", "inf", "1e309"] {
            let d = try Self.table(z: [[1, 1], [1, 1]], y: [1, 1], raw: "industry,a,b\na,1,\(bad)\nb,1,1\n")
            defer { try? FileManager.default.removeItem(at: d) }
            let r = try CLI.run(["io", "check", d.path])
            #expect(r.status == 2)
            #expect(r.stderr.contains("Z.csv:2:3: non-finite value"), "\(bad): \(r.stderr)")
        }
    }

    static func scenario(_ body: String) throws -> URL {
        let d = try CLI.temporaryDirectory()
        let url = d.appendingPathComponent("guard.yaml")
        try ("schema: chengyu/scenario/v1\nname: guard\ntitle: Guard\ndescription: A reliability test.\nextends: \(CLI.scenario("baseline"))\n" + body)
            .write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    /// A collapse of exports far beyond a district's economy drives an output negative: exit 3, naming the
    /// industry and the year.
    @Test func negativeOutputIsANumericalFailure() throws {
        let s = try Self.scenario("""
            levers:
              - lever: consumption-exports
                id: collapse
                where: [cq-yuzhong]
                op: add
                unit: 100m yuan/yr
                path: {2020: -1000000, 2021: -1000000}
            """)
        defer { try? FileManager.default.removeItem(at: s.deletingLastPathComponent()) }
        let r = try CLI.run(["run", s.path, "--until", "2021", "-q"])
        #expect(r.status == 3, "\(r.stderr)")
        #expect(r.stderr.contains("numerical failure: output of cq-yuzhong:"), "\(r.stderr)")
        #expect(r.stderr.contains("in 2020"))
    }

    /// An export boom of 10³⁰⁰ 亿元 a year is finite and passes validation, but overflows inside the engine
    /// (the circle's wage index reaches ~10²⁹⁵ and the inflow from the rest of China, ∝ its power a_w, is
    /// infinite): exit 3 with a message naming the overflow, never a NaN dressed up as a "negative population".
    @Test func anOverflowInTheEngineIsANamedNumericalFailure() throws {
        let s = try Self.scenario("""
            levers:
              - lever: consumption-exports
                id: boom
                where: [cq-yuzhong]
                op: add
                unit: 100m yuan/yr
                path: {2020: 1e300, 2021: 1e300}
            """)
        defer { try? FileManager.default.removeItem(at: s.deletingLastPathComponent()) }
        let r = try CLI.run(["run", s.path, "--until", "2021", "-q"])
        #expect(r.status == 3, "\(r.stderr)")
        // "numerical failure: …" or, where the engine names the stage, "numerical failure while the price stage of 2020: …".
        #expect(r.stderr.contains("numerical failure"), "\(r.stderr)")
        #expect(["overflow", "is inf", "non-finite", "not finite"].contains { r.stderr.contains($0) }, "\(r.stderr)")
        #expect(!r.stderr.contains("negative") && !r.stderr.lowercased().contains("nan"), "\(r.stderr)")
    }

    /// NaN or infinity written into a scenario never reaches the engine: a located error, exit 2.
    @Test func nonFiniteScenarioNumbersAreRefused() throws {
        for bad in [".nan", ".inf", "1e999"] {
            let s = try Self.scenario("parameters:\n  flq.delta: \(bad)\n")
            defer { try? FileManager.default.removeItem(at: s.deletingLastPathComponent()) }
            let r = try CLI.run(["run", s.path, "--until", "2020", "-q"])
            #expect(r.status == 2, "\(bad): \(r.stderr)")
            #expect(r.stderr.contains("guard.yaml:7:"), "\(bad): \(r.stderr)")
        }
    }
}
