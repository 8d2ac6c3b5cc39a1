import Foundation
import SimulationEngine

/// The backtest as an HTML page (`chengyu backtest … --out DIR` writes `backtest.html`): the scores, then one
/// chart per indicator and place for the circle and the provinces — observed, the model, B1 and B2 from the
/// origin on — and the cities' points in a table (MODEL-v3 §2).
public enum BacktestPage {
    public static func render(_ result: BacktestResult) -> String {
        let e = Markup.escape
        let title = "Backtest of \(result.scenario) at vintage \(result.vintage)"
        var h = HTMLReport.pageHead(title: title) + """
            <header><h1>\(e(title))</h1>
            <p class="muted">The model calibrated on regional observations up to \(result.vintage), scored on every observation after it, beside B1 (every place grows at the national rate) and B2 (every place continues its own 2015–\(result.vintage) trend).</p>
            </header>

            """
        h += scoreSection(result)
        h += chartSection(result)
        h += "<section id=\"notes\">\n<h2>How places are compared</h2>\n<ul>\n"
        for n in result.notes { h += "<li>\(e(n))</li>\n" }
        h += "</ul>\n</section>\n</main>\n</body>\n</html>\n"
        return h
    }

    static func scoreSection(_ r: BacktestResult) -> String {
        let e = Markup.escape, f = BacktestReport.f
        var h = "<section id=\"scores\">\n<h2>Scores</h2>\n<div class=\"table-wrap\"><table class=\"cards\">\n"
        h += "<thead><tr><th>indicator</th><th>level</th><th>method</th><th>points</th><th>MAPE %</th><th>bias %</th><th>Theil U</th><th>r</th><th>spread</th><th>sign %</th></tr></thead>\n<tbody>\n"
        for s in r.scores {
            let cells = [s.indicator, s.level, s.method, "\(s.points)", f(s.mape, 2), f(s.bias, 2), f(s.theilU, 3),
                         f(s.growthCorrelation, 2), f(s.spreadRatio, 2), f(s.signAgreement, 0)]
            let labels = ["indicator", "level", "method", "points", "MAPE %", "bias %", "Theil U", "r", "spread", "sign %"]
            h += "<tr>" + zip(labels, cells).map { "<td data-label=\"\(e($0))\">\(e($1))</td>" }.joined() + "</tr>\n"
        }
        return h + "</tbody></table></div>\n</section>\n"
    }

    /// One chart per (indicator, place) of the circle and province levels.
    static func chartSection(_ r: BacktestResult) -> String {
        var h = "<section id=\"charts\">\n<h2>Observed, model and benchmarks</h2>\n<div class=\"charts\">\n"
        let keys = Set(r.points.filter { $0.level != "city" }.map { "\($0.indicator)|\($0.place)" }).sorted()
        for key in keys {
            let parts = key.split(separator: "|").map(String.init)
            let pts = r.points.filter { $0.indicator == parts[0] && $0.place == parts[1] }.sorted { $0.year < $1.year }
            guard let first = pts.first else { continue }
            let years = [first.origin] + pts.map(\.year)
            func series(_ name: String, _ value: (BacktestPoint) -> Double?) -> LineChart.Series {
                LineChart.Series(name: name, years: years, values: [first.originValue] + pts.map(value))
            }
            let chart = LineChart(
                title: "\(parts[0]) — \(parts[1])", indicator: parts[0], unit: unit(parts[0]),
                series: [series("observed") { $0.observed }, series("model") { $0.model },
                         series("B1 national rate") { $0.nationalRate }, series("B2 own trend") { $0.ownTrend }])
            h += "<figure>\(chart.svg())</figure>\n"
        }
        return h + "</div>\n</section>\n"
    }

    static func unit(_ indicator: String) -> String {
        switch indicator {
        case "gdp_current": return "100m yuan"
        case "population": return "10k persons"
        default: return "%"
        }
    }
}
