import Foundation
import Reporting
import SimulationEngine
import TestFixtures
import Testing

@Suite("chengyu end to end: run, goals, compare, report", .serialized, .tags(.slow), .skippedInFastRuns)
struct EndToEndTests {
    @Test func runPrintsKeyIndicatorsAndGoals() throws {
        let r = try CLI.run(["run", CLI.scenario("baseline")])
        #expect(r.status == 0, "\(r.stderr)")
        for needle in ["gdp", "urbanisation_rate", "2019", "2025", "2035", "g2025-urbanisation", "✗", "✓", "reach about"] {
            #expect(r.stdout.contains(needle), "missing \(needle)")
        }
        #expect(!r.stdout.contains("\u{1B}["))  // no colour on a pipe
        #expect(r.stdout.contains("62,470"))    // thousands separators
    }

    /// `--format json` is one document with the keys of issue 6, and lists every 2025 goal of the outline with a
    /// value or an explicit input / not-modelled kind.
    @Test func runJSONDocument() throws {
        let r = try CLI.run(["run", CLI.scenario("baseline"), "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        for key in ["schemaVersion", "scenario", "years", "indicators", "circle", "jurisdictions", "goals", "diagnostics"] {
            #expect(doc[key] != nil, "missing \(key)")
        }
        let scenario = try #require(doc["scenario"] as? [String: Any])
        #expect((scenario["contentHash"] as? String)?.count == 64)
        #expect((doc["years"] as? [Int]) == Array(2019...2035))
        let goals = try #require(doc["goals"] as? [[String: Any]])
        let goals2025 = goals.filter { ($0["year"] as? Int) == 2025 }
        for id in ["urbanisation_rate", "rail_km", "cq_cd_rail_minutes", "rd_intensity", "tech_progress_contribution",
                   "air_good_days_share", "water_section_compliance", "ecological_flow_share", "fiveg_coverage"] {
            let g = try #require(goals2025.first { ($0["indicatorID"] as? String ?? $0["indicator"] as? String) == id }, "no 2025 goal on \(id)")
            let kind = g["kind"] as? String
            #expect(g["value"] is Double || kind == "input" || kind == "not_modelled", "\(id)")
        }
        let diag = try #require(doc["diagnostics"] as? [String: Any])
        #expect((diag["matrixOrder"] as? Int) == 1764)
        #expect(((diag["calibrationResidual"] as? Double) ?? 1) < 1e-9)
    }

    @Test func goalsFailOnMissAndFormats() throws {
        let ok = try CLI.run(["goals", CLI.scenario("baseline"), "--year", "2025", "--format", "csv"])
        #expect(ok.status == 0, "\(ok.stderr)")
        let lines = ok.stdout.split(separator: "\n")
        #expect(lines.first?.contains("goal") == true)
        #expect(lines.count >= 12)
        #expect(lines.dropFirst().allSatisfy { $0.contains("2025") })
        // The baseline misses the 9,000 km rail goal: --fail-on-miss exits 1.
        let miss = try CLI.run(["goals", CLI.scenario("baseline"), "--year", "2025", "--fail-on-miss", "-q"])
        #expect(miss.status == 1)
        let bad = try CLI.run(["goals", CLI.scenario("baseline"), "--year", "2030"])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("--year"))
    }

    @Test func compareReportsDifferences() throws {
        let r = try CLI.run(["compare", CLI.scenario("baseline"), CLI.scenario("settlement-reform"),
                             "--indicators", "urbanisation_rate,population", "--year", "2035", "--format", "csv"])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = r.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = try #require(rows.first)
        let iIndicator = try #require(header.firstIndex(of: "indicator"))
        let iAbs = try #require(header.firstIndex { $0.contains("absolute") || $0 == "difference" || $0 == "abs_diff" })
        let urb = try #require(rows.first { $0.count > iIndicator && $0[iIndicator] == "urbanisation_rate" })
        #expect((Double(urb[iAbs]) ?? 0) > 0)
        let unknown = try CLI.run(["compare", CLI.scenario("baseline"), CLI.scenario("baseline"), "--indicators", "nonsense", "-q"])
        #expect(unknown.status == 2)
    }

    @Test func runOutAndReport() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = dir.appendingPathComponent("baseline"), b = dir.appendingPathComponent("rail")
        #expect(try CLI.run(["run", CLI.scenario("baseline"), "--out", a.path, "-q"]).status == 0)
        #expect(try CLI.run(["run", CLI.scenario("rail-programme"), "--out", b.path, "-q"]).status == 0)
        for f in ["trajectory.csv", "goals.csv", "summary.json", "scenario.resolved.yaml", "report.html", "manifest.json"] {
            #expect(FileManager.default.fileExists(atPath: a.appendingPathComponent(f).path), "\(f)")
        }
        #expect(try RunFolder.verify(a, hash: sha256).isEmpty)
        let tidy = try String(contentsOf: a.appendingPathComponent("trajectory.csv"), encoding: .utf8)
        #expect(tidy.hasPrefix("scenario,year,place,name_zh,name_en,place_kind,indicator,value,unit\n"))
        let html = dir.appendingPathComponent("report.html")
        let r = try CLI.run(["report", a.path, b.path, "-o", html.path, "-q"])
        #expect(r.status == 0, "\(r.stderr)")
        let page = try String(contentsOf: html, encoding: .utf8)
        #expect(page.contains("<svg") && page.contains("rail-programme") && page.contains("baseline"))
        #expect(!page.contains("http://") && !page.contains("https://") && !page.contains("<script"))
    }

    @Test func badInputExitsTwoWithADiagnostic() throws {
        let missing = try CLI.run(["run", "/nonexistent/scenario.yaml"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("/nonexistent/scenario.yaml"))
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("bad.yaml")
        try "schema: chengyu/scenario/v1\nname: bad\ntitle: Bad\ndescription: x\nparameters: {flq.delta: 7}\n".write(to: bad, atomically: true, encoding: .utf8)
        let r = try CLI.run(["run", bad.path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("bad.yaml:5"))
        #expect(r.stderr.contains("flq.delta"))
    }

    /// Killing `chengyu run --out DIR` (SIGINT at several points) leaves no incomplete file under a final name;
    /// rerunning gives files byte-identical to an uninterrupted run.
    @Test func interruptedRunLeavesNoHalfWrittenFile() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let reference = dir.appendingPathComponent("reference"), target = dir.appendingPathComponent("target")
        #expect(try CLI.run(["run", CLI.scenario("baseline"), "--until", "2025", "--out", reference.path, "-q"]).status == 0)
        let names = ["trajectory.csv", "goals.csv", "summary.json", "scenario.resolved.yaml", "report.html", "manifest.json"]
        for delay in [0.05, 0.3, 0.8, 1.5, 2.5, 4.0] {
            let (p, _, _) = try CLI.start(["run", CLI.scenario("baseline"), "--until", "2025", "--out", target.path, "-q"])
            Thread.sleep(forTimeInterval: delay)
            if p.isRunning { kill(p.processIdentifier, SIGINT) }
            p.waitUntilExit()
            for name in names {
                let url = target.appendingPathComponent(name)
                guard let data = FileManager.default.contents(atPath: url.path) else { continue }
                // Any file under its final name is complete: identical to the reference run's.
                #expect(data == FileManager.default.contents(atPath: reference.appendingPathComponent(name).path), "\(name) after SIGINT at \(delay) s")
            }
        }
        #expect(try CLI.run(["run", CLI.scenario("baseline"), "--until", "2025", "--out", target.path, "-q"]).status == 0)
        for name in names {
            #expect(FileManager.default.contents(atPath: target.appendingPathComponent(name).path)
                    == FileManager.default.contents(atPath: reference.appendingPathComponent(name).path), "\(name)")
        }
    }
}

func sha256(_ data: Data) -> String {
    // The ScenarioSpec SHA-256, through the CLI's dependency graph.
    ScenarioSpecHash.hex(data)
}
