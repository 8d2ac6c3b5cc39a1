import Foundation
import Testing

/// `chengyu backtest` end to end (issue 15): table, files, the benchmark comparison and its exit codes.
@Suite("chengyu backtest")
struct BacktestCLITests {
    @Test("backtest --out writes points, scores, JSON and the chart page; --fail-if-worse; bad vintage; unwritable output")
    func backtest() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("bt")
        let r = try CLI.run(["backtest", CLI.scenario("history"), "--vintage", "2019", "--out", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Backtest of history, calibrated at vintage 2019"))
        #expect(r.stdout.split(separator: "\n").allSatisfy { $0.count <= 120 })
        for name in ["backtest.csv", "backtest_scores.csv", "backtest.json", "backtest.html"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(name).path), "\(name)")
        }
        let html = try String(contentsOf: out.appendingPathComponent("backtest.html"), encoding: .utf8)
        #expect(html.components(separatedBy: "<svg").count - 1 >= 5, "one chart per indicator and place")
        let scores = try String(contentsOf: out.appendingPathComponent("backtest_scores.csv"), encoding: .utf8)
        #expect(scores.hasPrefix("indicator,level,method,points,places,mape_percent"))
        // With the late-2010s migration trend the model beats both benchmarks on every MAPE (provinces' population
        // 0.14 % against B1's 0.17 %): --fail-if-worse mape exits 0. With the price block's regional deflators it
        // loses to B1 on the cities' GDP Theil U (0.254 against 0.241): --fail-if-worse theil-u exits 1 and names it.
        let better = try CLI.run(["backtest", CLI.scenario("history"), "--fail-if-worse", "mape", "--format", "csv"])
        #expect(better.status == 0, "\(better.stderr)")
        let worse = try CLI.run(["backtest", CLI.scenario("history"), "--fail-if-worse", "theil-u", "--format", "csv"])
        #expect(worse.status == 1)
        #expect(worse.stderr.contains("gdp_current city: model theil-u worse than B1"))
        #expect(try CLI.run(["backtest", CLI.scenario("history"), "--vintage", "2030"]).status == 64)
        let unwritable = try CLI.run(["backtest", CLI.scenario("history"), "--out", "/proc/chengyu-backtest", "-q"])
        #expect(unwritable.status == 74)
        #expect(unwritable.stderr.contains("/proc/chengyu-backtest"))
    }

    /// --ensemble: the coverage table, the CSV's coverage columns on the model's rows, the JSON's source and
    /// the band files; --priors names the priors.
    @Test func backtestEnsembleCoverage() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let base = ["backtest", CLI.scenario("history"), "--vintage", "2019", "--ensemble", "3", "--jobs", "2"]
        let r = try CLI.run(base + ["--out", dir.path, "-q"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Coverage of the 90 % bands: 3 members from the posterior"))
        for name in ["backtest_bands.csv", "backtest_coverage.csv"] {
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent(name).path), "\(name)")
        }
        let csv = try CLI.run(base + ["--priors", "--format", "csv", "-q"])
        #expect(csv.status == 0 && csv.stdout.hasPrefix("indicator,level,method,points,places,mape_percent"), "\(csv.stderr)")
        #expect(csv.stdout.split(separator: "\n").first?.hasSuffix("coverage90_percent,band_width_percent") == true)
        let json = try String(contentsOf: dir.appendingPathComponent("backtest.json"), encoding: .utf8)
        #expect(json.contains("\"coverage\"") && json.contains("\"kind\" : \"posterior\""))
    }
}
