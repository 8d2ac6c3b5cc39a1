import Foundation
import Testing

/// Numerical guards seen through the CLI: each failure mode ends in a message naming its cause and the
/// documented exit status (docs/reliability.md, "Numerical guards").
@Suite("Reliability: numerical guards through the CLI", .serialized)
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
    /// own inputs. `io check` reports FAIL and exits 2 (its documented code for a failed check).
    @Test func ioCheckRefusesASpectralRadiusAtOrAboveOne() throws {
        let d = try Self.table(z: [[60, 60], [60, 60]], y: [-10, -10])
        defer { try? FileManager.default.removeItem(at: d) }
        let r = try CLI.run(["io", "check", d.path])
        #expect(r.status == 2, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("check FAILED"))
        #expect(r.stdout.contains("column sum") && r.stdout.contains("FAIL"), "\(r.stdout)")
        // And `io multipliers` refuses to compute a Leontief inverse of it.
        let m = try CLI.run(["io", "multipliers", d.path])
        #expect(m.status == 2, "\(m.stdout)\(m.stderr)")
        #expect(m.stderr.contains("error: column 1 of A sums to") && m.stderr.contains("not productive"), "\(m.stderr)")
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
