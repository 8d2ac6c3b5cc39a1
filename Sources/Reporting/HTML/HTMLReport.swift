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

        public init(
            title: String? = nil, chartIndicators: [String] = HTMLReport.defaultChartIndicators,
            scatterIndicator: String = "gdp", tableYears: [Int] = [2019, 2025, 2035], groupIndicators: [String]? = nil,
            labelledSeats: Set<String> = ["sc-chengdu", "cq-yuzhong"], generator: String? = nil
        ) {
            self.title = title
            self.chartIndicators = chartIndicators
            self.scatterIndicator = scatterIndicator
            self.tableYears = tableYears
            self.groupIndicators = groupIndicators
            self.labelledSeats = labelledSeats
            self.generator = generator
        }
    }

    /// The page for `trajectories` (the first is the base of comparisons). `seats` places jurisdictions
    /// on the scatter; with none, the scatter is left out.
    public static func render(_ trajectories: [Trajectory], seats: [SeatLocation] = [], options: Options = Options()) -> String {
        let e = Markup.escape
        let names = trajectories.map(\.scenario.name)
        let title = options.title ?? "Chengyu report: \(names.joined(separator: ", "))"
        var h = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(e(title))</title>
            <style>
            \(css)</style>
            </head>
            <body>
            <main>
            <header>
            <h1>\(e(title))</h1>

            """
        if let generator = options.generator { h += "<p class=\"muted\">Written by \(e(generator)).</p>\n" }
        h += "</header>\n"
        h += identitySection(trajectories)
        h += chartSection(trajectories, options: options)
        h += goalSection(trajectories)
        h += scatterSection(trajectories, seats: seats, options: options)
        h += groupSection(trajectories, options: options)
        h += diagnosticsSection(trajectories)
        h += "</main>\n</body>\n</html>\n"
        return h
    }

    // MARK: Sections

    static func identitySection(_ ts: [Trajectory]) -> String {
        let e = Markup.escape
        var h = "<section id=\"runs\">\n<h2>Runs</h2>\n<div class=\"table-wrap\"><table>\n"
        h += "<thead><tr><th>scenario</th><th>title</th><th>file</th><th>years</th><th>content hash (SHA-256)</th></tr></thead>\n<tbody>\n"
        for t in ts {
            let years = t.years.isEmpty ? "" : "\(t.years.min()!)–\(t.years.max()!)"
            h += "<tr><td>\(e(t.scenario.name))</td><td class=\"wrap\">\(e(t.scenario.title))</td><td>\(e(t.scenario.file ?? "built-in"))</td><td>\(years)</td><td><code class=\"hash\">\(e(t.scenario.contentHash))</code></td></tr>\n"
        }
        h += "</tbody></table></div>\n</section>\n"
        return h
    }

    static func goalSection(_ ts: [Trajectory]) -> String {
        let e = Markup.escape
        let report = GoalReport(ts)
        guard !report.rows.isEmpty else { return "" }
        let met = report.rows.filter { $0.goal.met == true }.count
        let missed = report.rows.filter { $0.goal.met == false }.count
        var h = "<section id=\"goals\">\n<h2>Goals</h2>\n"
        h += "<p class=\"summary\"><span class=\"met\">✓ \(met) met</span> · <span class=\"missed\">✗ \(missed) missed</span> · \(report.rows.count - met - missed) without a modelled value</p>\n"
        // One row per goal, one column per scenario (value and mark), so that scenarios read side by side.
        let scenarios = ts.map(\.scenario.name)
        h += "<div class=\"table-wrap\"><table class=\"goals\">\n<thead><tr><th>goal</th><th class=\"num\">year</th><th>indicator</th><th>place</th><th class=\"num\">target</th><th>kind</th>"
        for name in scenarios { h += "<th class=\"num\">\(e(name))</th>" }
        h += "<th>source</th></tr></thead>\n<tbody>\n"
        var order: [String] = []
        var byGoal: [String: [String: GoalResult]] = [:]
        var kindOf: [String: String] = [:]
        for row in report.rows {
            let key = "\(row.goal.goalID)"
            if byGoal[key] == nil { order.append(key) }
            byGoal[key, default: [:]][row.scenario] = row.goal
            kindOf[key] = row.goal.kind.rawValue
        }
        for key in order {
            guard let any = byGoal[key]?.values.first else { continue }
            let g = any
            let d = NumberFormatting.UnitDisplay(unit: g.unit)
            var target = "\(g.comparison.symbol) \(d.number(g.target))"
            if g.comparison == .about, let b = g.band { target += " ± \(d.number(b))" }
            target += d.label.isEmpty ? "" : " \(d.label)"
            h += "<tr><td>\(e(g.goalID))</td><td class=\"num\">\(g.year)</td><td>\(e(g.indicatorID))</td><td>\(e(g.place))</td><td class=\"num\">\(e(target))</td><td>\(e(kindOf[key] ?? ""))</td>"
            for name in scenarios {
                guard let r = byGoal[key]?[name] else { h += "<td></td>"; continue }
                let value = r.value.map(d.number) ?? "—"
                switch r.met {
                case true?: h += "<td class=\"num met\">\(e(value)) ✓</td>"
                case false?: h += "<td class=\"num missed\">\(e(value)) ✗</td>"
                case nil: h += "<td class=\"num muted\">\(e(value))</td>"
                }
            }
            h += "<td class=\"wrap\">\(e(g.source))</td></tr>\n"
        }
        h += "</tbody></table></div>\n</section>\n"
        return h
    }

    static func chartSection(_ ts: [Trajectory], options: Options) -> String {
        let charts = options.chartIndicators.compactMap {
            LineChart.forIndicator($0, trajectories: ts, place: "circle", title: chartTitles[$0])
        }
        guard !charts.isEmpty else { return "" }
        var h = "<section id=\"charts\">\n<h2>The circle, year by year</h2>\n<div class=\"charts\">\n"
        for chart in charts {
            h += "<figure class=\"chart\" id=\"chart-\(Markup.escape(chart.indicator))\">\n\(chart.svg())</figure>\n"
        }
        h += "</div>\n</section>\n"
        return h
    }

    static func scatterSection(_ ts: [Trajectory], seats: [SeatLocation], options: Options) -> String {
        guard let base = ts.first, !seats.isEmpty else { return "" }
        let indicator = options.scatterIndicator
        guard base.series[indicator] != nil, let y0 = base.years.min(), let y1 = base.years.max() else { return "" }
        let name = chartTitles[indicator] ?? indicator
        var maps: [SeatScatter] = []
        var changes: [String: Double] = [:]
        for seat in seats {
            if let r = ComparisonMath.relativeDifference(
                base: base.value(indicator, at: seat.place, in: y0), alternative: base.value(indicator, at: seat.place, in: y1))
            {
                changes[seat.place] = r
            }
        }
        maps.append(SeatScatter(
            title: "\(name): change \(y0)–\(y1), \(base.scenario.name)", valueLabel: "relative change \(y0)–\(y1)",
            seats: seats, values: changes, labelled: options.labelledSeats))
        for alt in ts.dropFirst() {
            var diffs: [String: Double] = [:]
            for seat in seats {
                if let r = ComparisonMath.relativeDifference(
                    base: base.value(indicator, at: seat.place, in: y1), alternative: alt.value(indicator, at: seat.place, in: y1))
                {
                    diffs[seat.place] = r
                }
            }
            maps.append(SeatScatter(
                title: "\(name) in \(y1): \(alt.scenario.name) against \(base.scenario.name)",
                valueLabel: "relative difference to \(base.scenario.name), \(y1)", seats: seats, values: diffs,
                labelled: options.labelledSeats))
        }
        var h = "<section id=\"map\">\n<h2>Jurisdictions</h2>\n<p class=\"muted\">Each dot is a jurisdiction's seat, placed by latitude and longitude; colour shows the change (blue: down, red: up).</p>\n<div class=\"charts\">\n"
        for m in maps { h += "<figure class=\"chart\">\n\(m.svg())</figure>\n" }
        h += "</div>\n</section>\n"
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
            h += "<div class=\"table-wrap\"><table>\n<thead><tr><th>indicator</th><th>unit</th>\(ts.count > 1 ? "<th>scenario</th>" : "")"
            for y in years { h += "<th class=\"num\">\(y)</th>" }
            h += "</tr></thead>\n<tbody>\n"
            for id in rows {
                let unit = ts.lazy.compactMap { $0.definition(id)?.unit }.first ?? ""
                let d = NumberFormatting.UnitDisplay(unit: unit)
                for t in ts {
                    h += "<tr><td>\(e(id))</td><td>\(e(d.label))</td>\(ts.count > 1 ? "<td>\(e(t.scenario.name))</td>" : "")"
                    for y in years { h += "<td class=\"num\">\(e(t.value(id, at: group.id, in: y).map(d.number) ?? "—"))</td>" }
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
        var h = "<section id=\"diagnostics\">\n<h2>Diagnostics</h2>\n<div class=\"table-wrap\"><table>\n"
        h += "<thead><tr><th>scenario</th><th class=\"num\">IO order</th><th class=\"num\">spectral radius</th><th class=\"num\">1/κ₁(I − A)</th><th class=\"num\">calibration residual</th><th class=\"num\">capped cells</th><th class=\"num\">warnings</th></tr></thead>\n<tbody>\n"
        for t in ts {
            let d = t.diagnostics
            h += "<tr><td>\(e(t.scenario.name))</td><td class=\"num\">\(NumberFormatting.grouped(Double(d.matrixOrder), fractionDigits: 0))</td><td class=\"num\">\(String(format: "%.4f", d.spectralRadius))</td><td class=\"num\">\(String(format: "%.3g", d.reciprocalCondition))</td><td class=\"num\">\(String(format: "%.2e", d.calibrationResidual))</td><td class=\"num\">\(d.cappedCells)</td><td class=\"num\">\(d.warnings.count)</td></tr>\n"
        }
        h += "</tbody></table></div>\n"
        for t in ts where !t.diagnostics.warnings.isEmpty {
            h += "<h3>Warnings: \(e(t.scenario.name))</h3>\n<ul>\n"
            for w in t.diagnostics.warnings { h += "<li>\(e(w))</li>\n" }
            h += "</ul>\n"
        }
        let estimated = Array(Set(ts.flatMap(\.estimatedInputs))).sorted()
        if !estimated.isEmpty {
            h += "<h3>Estimated inputs</h3>\n<p class=\"muted\">Base-data values that are estimates rather than published figures:</p>\n<p class=\"estimated\">"
            h += estimated.map { "<code>\(e($0))</code>" }.joined(separator: " ")
            h += "</p>\n"
        }
        h += "</section>\n"
        return h
    }

    static let css = """
        :root { color-scheme: light; --fg: #1a1a1a; --muted: #5f6368; --line: #dadce0; --good: #1a7f37; --bad: #c62828; }
        * { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
        body { margin: 0; background: #ffffff; color: var(--fg);
          font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans CJK SC", "PingFang SC", sans-serif; }
        main { max-width: 1200px; margin: 0 auto; padding: 16px; }
        h1 { font-size: 1.6rem; line-height: 1.25; margin: 0.4rem 0 0.6rem; }
        h2 { font-size: 1.25rem; margin: 2rem 0 0.6rem; padding-bottom: 0.2rem; border-bottom: 2px solid var(--line); }
        h3 { font-size: 1.05rem; margin: 1.2rem 0 0.4rem; }
        .muted { color: var(--muted); }
        .table-wrap { overflow-x: auto; -webkit-overflow-scrolling: touch; margin: 0.4rem 0 1rem; max-width: 100%; }
        table { border-collapse: collapse; font-size: 0.875rem; }
        th, td { padding: 0.3rem 0.6rem; border-bottom: 1px solid var(--line); text-align: left; white-space: nowrap; vertical-align: top; }
        thead th { border-bottom: 2px solid #9aa0a6; background: #f6f8fa; }
        tbody tr:nth-child(even) { background: #fafbfc; }
        .num { text-align: right; font-variant-numeric: tabular-nums; }
        td.wrap { white-space: normal; min-width: 12em; max-width: 28em; }
        .met { color: var(--good); font-weight: 600; }
        .missed { color: var(--bad); font-weight: 600; }
        .summary span { white-space: nowrap; }
        code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 0.85em; }
        code.hash { word-break: break-all; white-space: normal; }
        td code.hash { display: inline-block; min-width: 16em; max-width: 36em; }
        .charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 420px), 1fr)); gap: 14px; }
        figure.chart { margin: 0; border: 1px solid var(--line); border-radius: 6px; padding: 4px; background: #ffffff; min-width: 0; }
        svg { display: block; width: 100%; height: auto; }
        .estimated code { display: inline-block; margin: 0 0.4em 0.2em 0; }
        @media (max-width: 600px) {
          body { font-size: 14px; }
          main { padding: 10px; }
          h1 { font-size: 1.3rem; }
          th, td { padding: 0.25rem 0.45rem; }
        }
        @media print {
          @page { margin: 12mm; }
          body { font-size: 10pt; }
          main { max-width: none; padding: 0; }
          .table-wrap { overflow: visible; }
          table { font-size: 7.5pt; }
          th, td { white-space: normal; overflow-wrap: break-word; padding: 2px 4px; }
          td.num, th.num { white-space: nowrap; }
          td.wrap, td code.hash { min-width: 0; max-width: none; }
          tbody tr:nth-child(even), thead th { background: none; }
          .charts { grid-template-columns: 1fr 1fr; gap: 8px; }
          figure.chart { break-inside: avoid; page-break-inside: avoid; border: none; }
          h2, h3 { break-after: avoid; page-break-after: avoid; }
          tr { break-inside: avoid; page-break-inside: avoid; }
        }

        """
}
