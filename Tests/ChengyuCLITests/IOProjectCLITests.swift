import BaseData
import Foundation
import MatrixCore
import TestFixtures
import Testing

/// `chengyu io project` on the pymrio 10 × 10 fixture table, checked against an independent year-by-year
/// solve (A_t formed entry by entry, one LU per year).
@Suite("chengyu io project", .serialized)
struct IOProjectCLITests {
    static let folder: URL = {
        let base = Fixtures.resourceDirectory
        let candidates = [base, base.deletingLastPathComponent()].map { $0.appendingPathComponent("pymrio-r10s10") }
        return candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("Z.csv").path) } ?? candidates[0]
    }()

    /// Rows of a CSV written by the command: (label, values).
    static func readCSV(_ url: URL) throws -> (header: [String], rows: [(String, [Double])]) {
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: ",").map(String.init)
        let rows = lines.dropFirst().map { line -> (String, [Double]) in
            let cells = line.split(separator: ",").map(String.init)
            return (cells[0], cells.dropFirst().map { Double($0)! })
        }
        return (header, rows)
    }

    /// x_t for t = 1…years with τ per row and growth g, by fresh LU solves of the explicitly formed I − A_t.
    static func expected(tau: [Double], growth g: Double, years: Int) throws -> Matrix {
        let t = try MRIOTable.read(directory: folder)
        let n = t.industries.count
        let x = t.grossOutput!
        let y0 = t.y.rowSums
        var out = Matrix(rows: n, columns: years)
        for k in 1...years {
            var m = Matrix(rows: n, columns: n)
            for j in 0..<n {
                for i in 0..<n { m[i, j] = (i == j ? 1 : 0) - pow(1 - tau[i], Double(k)) * t.z[i, j] / x[j] }
            }
            let xt = try LUFactorization(factoring: m).solve(y0.map { $0 * pow(1 + g, Double(k)) })
            for i in 0..<n { out[i, k - 1] = xt[i] }
        }
        return out
    }

    @Test func projectsEveryYearLikeFreshSolvesAndSumsRegions() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("x.csv"), regions = dir.appendingPathComponent("regions.csv")
        let r = try CLI.run([
            "io", "project", Self.folder.path, "--years", "5", "--input-saving", "0.02", "--growth", "0.04",
            "--base-year", "2019", "--out", out.path, "--regions-out", regions.path, "--timings",
        ])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("timing solve:"), "\(r.stderr)")
        #expect(r.stderr.contains("fast (gmres): 1 factorisation(s)"), "\(r.stderr)")
        let (header, rows) = try Self.readCSV(out)
        // A 2019 table (t = 0): t = 1, the first grown year (A_1 = D_1·A₀, y_1 = 1.04·y_0), is 2020.
        #expect(header == ["industry", "2020", "2021", "2022", "2023", "2024"])
        #expect(rows.count == 100)
        #expect(rows.first?.0 == "R01:S01")
        let ref = try Self.expected(tau: [Double](repeating: 0.02, count: 100), growth: 0.04, years: 5)
        var worst = 0.0
        for (i, row) in rows.enumerated() {
            for k in 0..<5 { worst = max(worst, abs(row.1[k] - ref[i, k]) / ref[i, k]) }
        }
        #expect(worst <= 1e-10, "worst relative difference \(worst)")
        // Region totals: R01…R10 and all, each the sum of its industries.
        let (rh, rrows) = try Self.readCSV(regions)
        #expect(rh.count == 6)
        #expect(rrows.map(\.0) == (1...10).map { String(format: "R%02d", $0) } + ["all"])
        for k in 0..<5 {
            let r01 = rows.filter { $0.0.hasPrefix("R01:") }.reduce(0.0) { $0 + $1.1[k] }
            let all = rows.reduce(0.0) { $0 + $1.1[k] }
            #expect(abs(rrows[0].1[k] - r01) <= 1e-12 * r01)
            #expect(abs(rrows[10].1[k] - all) <= 1e-12 * all)
        }
    }

    @Test func perSectorRatesFileAndReferenceMethod() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let rates = dir.appendingPathComponent("rates.csv")
        // S01 saves 5 %/yr everywhere, every input of R03 2 %, R02:S01 only 1 %; every other input 0.5 %.
        try "input,rate\nS01,0.05\nR02:S01,0.01\nR03:*,0.02\n".write(to: rates, atomically: true, encoding: .utf8)
        let fast = dir.appendingPathComponent("fast.csv"), ref = dir.appendingPathComponent("ref.csv")
        let common = ["io", "project", Self.folder.path, "--years", "3", "--input-saving", "0.005", "--input-saving-rates", rates.path]
        let a = try CLI.run(common + ["--out", fast.path])
        #expect(a.status == 0, "\(a.stderr)")
        let b = try CLI.run(common + ["--out", ref.path, "--method", "reference"])
        #expect(b.status == 0, "\(b.stderr)")
        let rich = dir.appendingPathComponent("richardson.csv")
        let c = try CLI.run(common + ["--out", rich.path, "--iteration", "richardson"])
        #expect(c.status == 0, "\(c.stderr)")
        let table = try MRIOTable.read(directory: Self.folder)
        let tau = table.industries.map {
            $0 == "R02:S01" ? 0.01 : ($0.hasPrefix("R03:") ? 0.02 : ($0.hasSuffix(":S01") ? 0.05 : 0.005))
        }
        let expected = try Self.expected(tau: tau, growth: 0.05, years: 3)
        for file in [fast, ref, rich] {
            let (header, rows) = try Self.readCSV(file)
            #expect(header == ["industry", "t1", "t2", "t3"])
            var worst = 0.0
            for (i, row) in rows.enumerated() { for k in 0..<3 { worst = max(worst, abs(row.1[k] - expected[i, k]) / expected[i, k]) } }
            #expect(worst <= 1e-10, "\(file.lastPathComponent): worst relative difference \(worst)")
        }
    }

    @Test("the removed --first-year is a usage error (64) that says what --base-year to give")
    func firstYearIsRefused() throws {
        let r = try CLI.run(["io", "project", Self.folder.path, "--years", "2", "--first-year", "2019"])
        #expect(r.status == 64, "\(r.status) \(r.stderr)")
        #expect(r.stderr.contains("--base-year 2018") && r.stderr.contains("already grown"), "\(r.stderr)")
        #expect(r.stdout.isEmpty)
    }

    @Test func unknownLabelInRatesFileIsALocatedError() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let rates = dir.appendingPathComponent("rates.csv")
        try "input,rate\nS01,0.05\nS99,0.01\n".write(to: rates, atomically: true, encoding: .utf8)
        let r = try CLI.run(["io", "project", Self.folder.path, "--input-saving-rates", rates.path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("rates.csv:3") && r.stderr.contains("S99"), "\(r.stderr)")
        let bad = try CLI.run(["io", "project", Self.folder.path, "--input-saving", "1.5"])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("--input-saving"), "\(bad.stderr)")
    }
}

/// Progress of the long `chengyu io` phases on stderr: lines with --verbose (stderr is a pipe here), nothing
/// with --quiet, and the results on stdout the same either way.
@Suite("chengyu io check: progress on stderr")
struct IOProgressCLITests {
    @Test("io check -v names its phases on stderr; -q prints nothing there; stdout is identical")
    func checkProgress() throws {
        let folder = IOProjectCLITests.folder.path
        let v = try CLI.run(["io", "check", folder, "--verbose"])
        #expect(v.status == 0, "\(v.stdout)\(v.stderr)")
        #expect(v.stderr == "io check: reading the table…\nio check: factoring I − A, spectral radius and condition of A…\n", "\(v.stderr)")
        #expect(v.stdout.contains("check passed") && !v.stdout.contains("io check:"))
        let q = try CLI.run(["io", "check", folder, "-q"])
        #expect(q.status == 0 && q.stderr.isEmpty, "\(q.stderr)")
        #expect(q.stdout == v.stdout)
        let plain = try CLI.run(["io", "check", folder])
        #expect(plain.stderr.isEmpty, "no progress lines when stderr is not a terminal and -v is not given")
    }
}
