import Foundation
import SimulationEngine

/// A self-contained HTML page for one or more trajectories: inline CSS and SVG, no scripts, no network,
/// no external fonts. Sections: run identity, goal table (✓/✗), line charts of the circle's key
/// indicators (one line per scenario, goals as markers or bands), seat scatter maps, tables by group,
/// diagnostics. Charts scale with their `viewBox`, tables scroll sideways on narrow screens, and a print
/// style sheet keeps charts whole on a page.
public enum HTMLReport {
    /// The circle indicators charted by default (those the trajectories have; the rest are skipped).
    public static let defaultChartIndicators = [
        "gdp_current_prices", "population", "urbanisation_rate", "rd_intensity", "rail_km", "cq_cd_rail_minutes",
        "tech_progress_contribution", "air_good_days_share", "water_section_compliance", "emission_index",
    ]

    /// Chart titles people read, by indicator id (others use the indicator's id).
    public static let chartTitles: [String: String] = [
        "gdp": "GDP (2019 prices)",
        "gdp_current_prices": "GDP (current prices)",
        "gdp_per_capita": "GDP per resident (2019 prices)",
        "emission_index": "Emission index (2019 = 1, proxy)",
        "population": "Resident population",
        "urbanisation_rate": "Urbanisation rate",
        "rd_intensity": "R&D intensity (R&D expenditure / GDP)",
        "rail_km": "Railway operating length",
        "cq_cd_rail_minutes": "Fastest Chongqing–Chengdu rail time",
        "air_good_days_share": "Days with good air quality",
        "water_section_compliance": "Cross-boundary river sections meeting the standard",
        "hsr_km": "High-speed railway length",
        "urban_population": "Urban population",
        "hukou_urbanisation_rate": "Residents with an urban hukou (share)",
        "tech_progress_contribution": "Contribution of technical progress to growth",
    ]

    public struct Options: Sendable {
        /// Page title; nil gives "Chengyu report: <scenario names>".
        public var title: String?
        public var chartIndicators: [String]
        /// Indicator whose change colours the seat scatter.
        public var scatterIndicator: String
        /// Years shown in the tables by group (those the trajectories have).
        public var tableYears: [Int]
        /// Indicators of the tables by group (nil: `KeyIndicatorReport.defaultIndicators`).
        public var groupIndicators: [String]?
        /// Seats whose names are written on the scatter.
        public var labelledSeats: Set<String>
        /// A line naming the program that wrote the page (e.g. "chengyu 0.1.0").
        public var generator: String?
        /// Indicator whose last-year level is mapped for the base (sequential scale).
        public var mapLevelIndicator: String
        /// Ensemble outputs by scenario name (`EnsembleSummary`): each adds its 5–95 % bands and median to the
        /// circle's charts, a P(goal met) column to the goal table and a line naming its size and source.
        /// Empty: the page is exactly as without ensembles.
        public var ensembles: [String: EnsembleSummary]

        public init(
            title: String? = nil, chartIndicators: [String] = HTMLReport.defaultChartIndicators,
            scatterIndicator: String = "gdp", tableYears: [Int] = [2019, 2025, 2035], groupIndicators: [String]? = nil,
            labelledSeats: Set<String> = ["sc-chengdu", "cq-yuzhong"], generator: String? = nil,
            mapLevelIndicator: String = "gdp_per_capita", ensembles: [String: EnsembleSummary] = [:]
        ) {
            self.ensembles = ensembles
            self.mapLevelIndicator = mapLevelIndicator
            self.title = title
            self.chartIndicators = chartIndicators
            self.scatterIndicator = scatterIndicator
            self.tableYears = tableYears
            self.groupIndicators = groupIndicators
            self.labelledSeats = labelledSeats
            self.generator = generator
        }
    }

    /// The page up to `<main>`: doctype, charset, viewport, title and the stylesheet (shared by every page).
    static func pageHead(title: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(Markup.escape(title))</title>
        <style>
        \(css)</style>
        </head>
        <body>
        <main>

        """
    }

    /// The page for `trajectories` (the first is the base of comparisons). `seats` places jurisdictions
    /// on the scatter; with none, the scatter is left out. `options.ensembles` adds bands and P(goal met).
    public static func render(_ trajectories: [Trajectory], seats: [SeatLocation] = [], options: Options = Options()) -> String {
        let e = Markup.escape
        let names = trajectories.map(\.scenario.name)
        let title = options.title ?? "Chengyu report: \(names.joined(separator: ", "))"
        var h = pageHead(title: title) + """
            <header>
            <h1>\(e(title))</h1>

            """
        if let generator = options.generator { h += "<p class=\"muted\">Written by \(e(generator)).</p>\n" }
        h += "</header>\n"
        h += identitySection(trajectories)
        h += goalSection(trajectories, ensembles: options.ensembles)
        h += chartSection(trajectories, options: options)
        for alternative in trajectories.dropFirst() {
            h += comparisonSection(base: trajectories[0], alternative: alternative, seats: seats, options: options)
        }
        h += jurisdictionSection(trajectories, seats: seats, options: options)
        h += groupSection(trajectories, options: options)
        h += diagnosticsSection(trajectories)
        h += "</main>\n</body>\n</html>\n"
        return h
    }

    // MARK: Sections

    static func identitySection(_ ts: [Trajectory]) -> String {
        let e = Markup.escape
        var h = "<section id=\"runs\">\n<h2>Runs</h2>\n<div class=\"table-wrap\"><table class=\"cards\">\n"
        h += "<thead><tr><th>scenario</th><th>title</th><th>file</th><th>years</th><th>content hash (SHA-256)</th></tr></thead>\n<tbody>\n"
        for t in ts {
            let years = t.years.isEmpty ? "" : "\(t.years.min()!)–\(t.years.max()!)"
            h += "<tr><td data-label=\"scenario\">\(e(t.scenario.name))</td><td class=\"wrap\" data-label=\"title\">\(e(t.scenario.title))</td><td data-label=\"file\">\(e(t.scenario.file ?? "built-in"))</td><td data-label=\"years\">\(years)</td><td data-label=\"hash\"><code class=\"hash\">\(e(t.scenario.contentHash))</code></td></tr>\n"
        }
        h += "</tbody></table></div>\n</section>\n"
        return h
    }

    static func chartSection(_ ts: [Trajectory], options: Options) -> String {
        var charts: [LineChart] = []
        var notGiven: [String] = []
        for id in options.chartIndicators {
            guard var chart = LineChart.forIndicator(id, trajectories: ts, place: "circle", title: chartTitles[id]) else { continue }
            chart.bands = ensembleBands(id, trajectories: ts, ensembles: options.ensembles)
            // A series without a single value (an input the scenarios do not give) is named, not drawn.
            if chart.series.contains(where: { $0.values.contains { $0 != nil } }) { charts.append(chart) } else { notGiven.append(id) }
        }
        guard !charts.isEmpty || !notGiven.isEmpty else { return "" }
        var h = "<section id=\"charts\">\n<h2>The circle, year by year</h2>\n"
        h += ensembleNote(ts, ensembles: options.ensembles) + "<div class=\"charts\">\n"
        for chart in charts {
            h += "<figure class=\"chart\" id=\"chart-\(Markup.escape(chart.indicator))\">\n\(chart.svg())</figure>\n"
        }
        h += "</div>\n"
        if !notGiven.isEmpty {
            let names = notGiven.map { Markup.escape(chartTitles[$0] ?? $0) }.joined(separator: "; ")
            h += "<p class=\"muted not-given\">Not drawn, no values in \(ts.count == 1 ? "this run" : "these runs") (inputs the scenario does not give): \(names).</p>\n"
        }
        h += "</section>\n"
        return h
    }

    static func groupSection(_ ts: [Trajectory], options: Options) -> String {
        let e = Markup.escape
        guard let base = ts.first else { return "" }
        let groups = base.places.filter { $0.kind == .group }
        guard !groups.isEmpty else { return "" }
        let years = options.tableYears.filter { y in ts.contains { $0.years.contains(y) } }
        let ids = options.groupIndicators ?? KeyIndicatorReport.defaultIndicators
        var h = "<section id=\"groups\">\n<h2>By group</h2>\n"
        for group in groups {
            let rows = ids.filter { id in ts.contains { $0.series[id]?[group.id] != nil } }
            guard !rows.isEmpty else { continue }
            let label = [group.nameEn, group.nameZh].filter { !$0.isEmpty }.joined(separator: " · ")
            h += "<h3>\(e(label.isEmpty ? group.id : label)) <span class=\"muted\">(\(e(group.id)))</span></h3>\n"
            h += "<div class=\"table-wrap\"><table class=\"cards\">\n<thead><tr><th>indicator</th>\(ts.count > 1 ? "<th>scenario</th>" : "")"
            for y in years { h += "<th class=\"num\">\(y)</th>" }
            h += "</tr></thead>\n<tbody>\n"
            for id in rows {
                let unit = ts.lazy.compactMap { $0.definition(id)?.unit }.first ?? ""
                let d = NumberFormatting.UnitDisplay(unit: unit)
                let name = d.label.isEmpty ? id : "\(id) (\(d.label))"
                for t in ts {
                    h += "<tr><td class=\"row-head\">\(e(name))</td>\(ts.count > 1 ? "<td data-label=\"scenario\">\(e(t.scenario.name))</td>" : "")"
                    for y in years { h += "<td class=\"num\" data-label=\"\(y)\">\(e(t.value(id, at: group.id, in: y).map(d.number) ?? "—"))</td>" }
                    h += "</tr>\n"
                }
            }
            h += "</tbody></table></div>\n"
        }
        h += "</section>\n"
        return h
    }

    static func diagnosticsSection(_ ts: [Trajectory]) -> String {
        let e = Markup.escape
        var h = "<section id=\"diagnostics\">\n<h2>Diagnostics</h2>\n<div class=\"table-wrap\"><table class=\"cards\">\n"
        h += "<thead><tr><th>scenario</th><th class=\"num\">IO order</th><th class=\"num\">spectral radius</th><th class=\"num\">1/κ₁(I − A)</th><th class=\"num\">calibration residual</th><th class=\"num\">capped cells</th><th class=\"num\">warnings</th></tr></thead>\n<tbody>\n"
        for t in ts {
            let d = t.diagnostics
            let cells = [
                ("IO order", NumberFormatting.grouped(Double(d.matrixOrder), fractionDigits: 0)),
                ("spectral radius", String(format: "%.4f", d.spectralRadius)),
                ("1/κ₁(I − A)", String(format: "%.3g", d.reciprocalCondition)),
                ("calibration residual", String(format: "%.2e", d.calibrationResidual)),
                ("capped cells", "\(d.cappedCells)"), ("warnings", "\(d.warnings.count)"),
            ]
            h += "<tr><td class=\"row-head\">\(e(t.scenario.name))</td>"
            h += cells.map { "<td class=\"num\" data-label=\"\(e($0.0))\">\($0.1)</td>" }.joined() + "</tr>\n"
        }
        h += "</tbody></table></div>\n"
        for t in ts where !t.diagnostics.warnings.isEmpty {
            h += "<h3>Warnings: \(e(t.scenario.name))</h3>\n<ul>\n"
            for w in t.diagnostics.warnings { h += "<li>\(e(w))</li>\n" }
            h += "</ul>\n"
        }
        let estimated = Array(Set(ts.flatMap(\.estimatedInputs))).sorted()
        if !estimated.isEmpty {
            h += "<details class=\"estimated\">\n<summary>Estimated inputs: \(estimated.count) base-data values are estimates rather than published figures</summary>\n<p>"
            h += estimated.map { "<code>\(e($0))</code>" }.joined(separator: " ")
            h += "</p>\n</details>\n"
        }
        h += "</section>\n"
        return h
    }
}
