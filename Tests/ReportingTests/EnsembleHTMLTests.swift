import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import SimulationEngine
import Testing
@testable import Reporting

/// A small ensemble of the synthetic baseline, written into a run folder beside the run, as
/// `chengyu run --out DIR` and `chengyu run --ensemble N --out DIR` leave it.
enum SyntheticEnsemble {
    static let source = EnsembleSource(
        kind: "posterior", seed: 3, sampling: "resample", posteriorFile: "posterior-2019.csv", posteriorSeed: 2019,
        posteriorVintage: 2019, posteriorScenario: "history", posteriorAccepted: 100)

    /// Five members: member m scales every cell of the central run by 1 + 0.02·(m − 2); urbanisation-2025 is met
    /// by members 3 and 4 (P = 0.4), population-2035 by all, rail-2025 (accounted) by members 1–4 (P = 0.8), the
    /// not-modelled 5G goal by none (no value).
    static func ensemble(_ central: Trajectory) -> Ensemble {
        let members = (0..<5).map { m in
            let f = 1 + 0.02 * Double(m - 2)
            var cells: [Double] = []
            for ind in central.indicators {
                for place in central.places {
                    for year in central.years { cells.append(central.value(ind.id, at: place.id, in: year).map { $0 * f } ?? .nan) }
                }
            }
            let goals = central.goals.map { g -> Ensemble.GoalOutcome in
                switch g.goalID {
                case "urbanisation-2025": return .init(met: m >= 3, value: g.value.map { $0 * f })
                case "rail-2025": return .init(met: m >= 1, value: g.value.map { $0 * f })
                case "population-2035": return .init(met: true, value: g.value.map { $0 * f })
                default: return .init(met: nil, value: nil)
                }
            }
            return Ensemble.Member(cells: cells, goals: goals)
        }
        return Ensemble.summarise(central: central, parameters: ["k"], draws: (0..<5).map { [Double($0)] }, members: members)
    }

    /// A run folder of `central` with the ensemble's files; returns the folder and the ensemble.
    static func folder(_ central: Trajectory) throws -> (URL, Ensemble) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ensemble-report-\(UUID().uuidString)")
        try RunFolder.write(central, resolvedScenarioYAML: "name: \(central.scenario.name)\n", to: dir, chengyuVersion: "test",
                            dataVersion: "test", hash: TestSHA256.hex)
        let e = ensemble(central)
        for file in try EnsembleReport.files(e, source: source, until: nil) {
            try AtomicFileWriter.write(file.contents, to: dir.appendingPathComponent(file.name))
        }
        return (dir, e)
    }
}

@Suite("HTML report with an ensemble")
struct EnsembleHTMLTests {
    /// The SVG fragments of a page that draw the line chart of `indicator`.
    func chart(_ page: String, _ indicator: String) throws -> String {
        let start = try #require(page.range(of: "<svg class=\"chart line-chart\"[^>]*data-indicator=\"\(indicator)\"", options: .regularExpression))
        let end = try #require(page.range(of: "</svg>", range: start.upperBound..<page.endIndex))
        return String(page[start.lowerBound..<end.upperBound])
    }

    /// The first point `M x,y` of a path's `d`, mapped back to (year, value) through the chart's stated scale.
    func firstPoint(_ d: String, root: [String: String]) -> (year: Double, value: Double, tolerance: Double) {
        let xy = d.dropFirst().prefix { $0 != " " }.split(separator: ",").map { Double($0)! }
        let yDomain = root["data-y-domain"]!.split(separator: " ").map { Double($0)! }
        let xDomain = root["data-x-domain"]!.split(separator: " ").map { Double($0)! }
        let p = root["data-plot"]!.split(separator: " ").map { Double($0)! }
        let value = yDomain[0] + (p[3] - xy[1]) / (p[3] - p[1]) * (yDomain[1] - yDomain[0])
        let year = xDomain[0] + (xy[0] - p[0]) / (p[2] - p[0]) * (xDomain[1] - xDomain[0])
        return (year, value, 0.005 / (p[3] - p[1]) * (yDomain[1] - yDomain[0]) * 1.0001 + 1e-9)
    }

    @Test("the folder's ensemble files read back to the ensemble's bands and probabilities, bit for bit")
    func readBack() throws {
        let (dir, e) = try SyntheticEnsemble.folder(Synthetic.full(name: "baseline"))
        defer { try? FileManager.default.removeItem(at: dir) }
        let read = try #require(try EnsembleSummary.read(at: dir))
        #expect(read == EnsembleSummary(e, source: SyntheticEnsemble.source))
        #expect(read.members == 5 && read.source.posteriorVintage == 2019)
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("no-ensemble-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        #expect(try EnsembleSummary.read(at: empty) == nil)
        try Data("{}".utf8).write(to: empty.appendingPathComponent("ensemble.json"))
        #expect(throws: ReportingError.self) { try EnsembleSummary.read(at: empty) }
    }

    @Test("each circle chart has the band and the median beside the central run, at the ensemble's numbers")
    func bandsOnCharts() throws {
        let (dir, e) = try SyntheticEnsemble.folder(Synthetic.full(name: "baseline"))
        defer { try? FileManager.default.removeItem(at: dir) }
        let t = try RunFolder.readTrajectory(at: dir)
        let ens = try #require(try EnsembleSummary.read(at: dir))
        let page = HTMLReport.render([t], seats: Synthetic.seats, options: .init(ensembles: [t.scenario.name: ens]))
        #expect(page.contains("baseline: ensemble of 5 members from the posterior (posterior-2019.csv: history, vintage 2019, seed 2019, 100 particles; resample, seed 3)."))
        #expect(!page.lowercased().contains("<script"))
        for indicator in ["population", "urbanisation_rate", "rail_km"] {
            let svg = try #require(SVGCollector.parse(try chart(page, indicator)), "\(indicator): the chart parses")
            let root = try #require(svg.all("svg").first)
            let band = try #require(svg.all("path", class: "ensemble-band").first, "\(indicator): band")
            let median = try #require(svg.all("path", class: "ensemble-median").first, "\(indicator): median")
            #expect(band["data-scenario"] == "baseline" && band["data-members"] == "5")
            #expect(svg.all("polyline", class: "series").count == 1, "\(indicator): the central run's line stays")
            let (q05, q50, q95) = try #require(e.band(indicator, in: 2019))
            #expect(q05 < q50 && q50 < q95)
            let top = firstPoint(band["d"]!, root: root), mid = firstPoint(median["d"]!, root: root)
            #expect(abs(top.year - 2019) < 0.01 && abs(top.value - q95) <= top.tolerance, "\(indicator): \(top) against \(q95)")
            #expect(abs(mid.value - q50) <= mid.tolerance, "\(indicator): \(mid) against \(q50)")
            // q95 to the last year, then q05 back: 2 × 17 points, one closed run.
            #expect(band["d"]!.components(separatedBy: " L").count == 34 && band["d"]!.hasSuffix(" Z"))
        }
    }

    @Test("the goal table gains P(goal met) with the ensemble size; inputs and not-modelled goals say so")
    func probabilityColumn() throws {
        let (dir, _) = try SyntheticEnsemble.folder(Synthetic.full(name: "baseline"))
        defer { try? FileManager.default.removeItem(at: dir) }
        let t = try RunFolder.readTrajectory(at: dir)
        let ens = try #require(try EnsembleSummary.read(at: dir))
        let page = HTMLReport.render([t], options: .init(ensembles: ["baseline": ens]))
        #expect(page.contains("<th class=\"num p-met\" data-scenario=\"baseline\">P(goal met)<br><span class=\"muted small\">5 members</span></th>"))
        let label = "data-label=\"P(goal met) baseline\""
        #expect(page.contains("<td class=\"num p-met\" \(label) data-p=\"0.4\" data-n=\"5\">0.40</td>"))
        #expect(page.contains("<td class=\"num p-met\" \(label) data-p=\"0.8\" data-n=\"5\">0.80</td>"))
        #expect(page.contains("<td class=\"num p-met\" \(label) data-p=\"1.0\" data-n=\"5\">1.00</td>"))
        #expect(page.contains("<td class=\"num muted p-met\" \(label) data-note=\"not modelled\">not modelled</td>"))
        // Two scenarios, one with an ensemble: one P column, named after its scenario.
        let two = HTMLReport.render([t, Synthetic.full(name: "fast", growth: 0.07)], options: .init(ensembles: ["baseline": ens]))
        #expect(two.components(separatedBy: "<th class=\"num p-met\"").count == 2)
        #expect(two.contains(">P(goal met) baseline<br>"))
    }

    @Test("without an ensemble (or with one of another scenario) the page is exactly as before")
    func unchangedWithout() throws {
        let ts = [Synthetic.full(name: "baseline"), Synthetic.full(name: "fast", growth: 0.07, urbanGain: 0.0)]
        let (dir, _) = try SyntheticEnsemble.folder(Synthetic.full(name: "other"))
        defer { try? FileManager.default.removeItem(at: dir) }
        let other = try #require(try EnsembleSummary.read(at: dir))
        let plain = HTMLReport.render(ts, seats: Synthetic.seats, options: .init(generator: "chengyu test"))
        #expect(plain == HTMLReport.render(ts, seats: Synthetic.seats, options: .init(generator: "chengyu test", ensembles: ["other": other])))
        for marker in ["ensemble", "p-met", "P(goal met)", "5–95 %", "median"] { #expect(!plain.contains(marker), "\(marker)") }
        let chart = LineChart.forIndicator("population", trajectories: ts)!
        var withEmpty = chart
        withEmpty.bands = []
        #expect(chart.svg() == withEmpty.svg())
    }
}
