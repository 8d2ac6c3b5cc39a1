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
        // The model beats both benchmarks on every MAPE but one: the circle's population, scored from 2022 since
        // 2026-12-04, where B1 (China's population, −0.25 %) is closer than the model (+0.07 %) to the published
        // 2022 → 2024 fall (−0.21 %): --fail-if-worse mape exits 1 and names that cell alone. On Theil U the model also
        // loses on the provinces' population (0.737 against 0.693). The exit-0 path: `Backtest.losses` on a hand result
        // (HistoryTests).
        let mape = try CLI.run(["backtest", CLI.scenario("history"), "--fail-if-worse", "mape", "--format", "csv"])
        #expect(mape.status == 1, "\(mape.stderr)")
        let named = mape.stderr.split(separator: "\n").filter { $0.contains("worse than") }
        #expect(named.count == 1 && named.first?.contains("population circle: model mape worse than B1") == true, "\(mape.stderr)")
        let worse = try CLI.run(["backtest", CLI.scenario("history"), "--fail-if-worse", "theil-u", "--format", "csv"])
        #expect(worse.status == 1)
        #expect(worse.stderr.contains("population province: model theil-u worse than B1"))
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

/// Issue 18's coverage bar, end to end: at vintage 2019 the 90 % predictive bands of 40 members (parameters and the
/// model discrepancy) contain at least 80 % of the observed 2020–24 values of every indicator and level scored (GDP
/// at circle, province and city level; population at circle level — its one point, 2022 → 2024 — and at province and
/// city level; urbanisation at province and city level), from the calibrated posterior and from the priors. Measured
/// (docs/MODEL.md §13; 2026-12-04): posterior GDP 100 / 100 / 100 %, population 100 / 100 / 100 %, urbanisation 100 /
/// 81.8 % (宜宾 2021–22 outside); priors GDP city 97.6 %, the rest the same. The circle's population is inside its
/// predictive band only through the discrepancy: every member's circle grows 2022 → 2024 (parameter band 9,873–9,903万
/// against the published 9,853.5万).
@Suite("chengyu backtest: coverage of the calibrated ensemble (issue 18)", .tags(.slow), .skippedInFastRuns)
struct BacktestCoverageBarTests {
    @Test(arguments: [false, true])
    func predictiveBandsCoverFourInFive(priors: Bool) throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try CLI.run(["backtest", CLI.scenario("history"), "--vintage", "2019", "--ensemble", "40", "--jobs", "2",
                             "--out", dir.path, "-q"] + (priors ? ["--priors"] : []))
        #expect(r.status == 0, "\(r.stderr)")
        let csv = try String(contentsOf: dir.appendingPathComponent("backtest_coverage.csv"), encoding: .utf8)
        let lines = csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let header = try #require(lines.first).map(String.init)
        let at = try #require(header.firstIndex(of: "predictive_coverage90_percent"))
        let rows = lines.dropFirst()
        let scored = Set(rows.map { "\($0[0]) \($0[1])" })
        #expect(scored == ["gdp_current circle", "gdp_current province", "gdp_current city", "population circle", "population province",
                           "population city", "urbanisation province", "urbanisation city"], "\(scored)")
        for row in rows {
            let coverage = try #require(Double(row[at]))
            #expect(coverage >= 80, "\(row[0]) \(row[1]): \(coverage) % (priors: \(priors))")
        }
    }
}
