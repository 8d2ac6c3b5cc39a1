import Foundation
import SimulationEngine

/// A line chart as SVG: one polyline per scenario with one point per year, nice ticks, tick labels,
/// axis titles, a legend, and each goal as a marker (≥/≤ goals) or a band (≈ goals).
///
/// Elements carry classes and `data-` attributes for tests and scripts:
/// - root `<svg class="chart line-chart" data-indicator=… data-x-domain="x0 x1" data-y-domain="y0 y1"
///   data-plot="left top right bottom">`: a value `v` sits at `y = bottom − (v − y0)·(bottom − top)/(y1 − y0)`;
/// - `<polyline class="series" data-scenario=… points="x,y …">`, one point per year with a value;
/// - `<circle class="goal-marker" data-goal=… data-year=… data-value=… data-comparison=… cx cy>`;
/// - `<rect class="goal-band" data-goal=… data-year=… data-value=… data-band=… y height>` spanning
///   `value ± band`;
/// - with ensemble `bands`: `<path class="ensemble-band" data-scenario=… data-members=… d="M x,y L … Z">`, the
///   shaded 5–95 % band in the series' colour (q95 from the first year to the last, then q05 back; one `M … Z`
///   per run of years with a band), and `<path class="ensemble-median" data-scenario=… d="M x,y L …">`, the
///   members' median, dotted beside the central run's line.
public struct LineChart: Sendable {
    public struct Series: Sendable, Hashable {
        public let name: String
        public let years: [Int]
        /// One per year; nil values are left out of the polyline.
        public let values: [Double?]
        public init(name: String, years: [Int], values: [Double?]) {
            self.name = name
            self.years = years
            self.values = values
        }
    }

    public struct Goal: Sendable, Hashable {
        public let id: String
        public let year: Int
        public let target: Double
        public let comparison: GoalComparison
        public let band: Double?
        public init(id: String, year: Int, target: Double, comparison: GoalComparison, band: Double?) {
            self.id = id
            self.year = year
            self.target = target
            self.comparison = comparison
            self.band = band
        }
    }

    /// Pixel geometry of a rendered chart.
    public struct Layout: Sendable, Hashable {
        public let x: LinearScale
        public let y: LinearScale
        public let xTicks: [Double]
        public let yTicks: [Double]
        public let yStep: Double
        public let plotLeft: Double, plotTop: Double, plotRight: Double, plotBottom: Double
    }

    public var title: String
    public var indicator: String
    public var unit: String
    public var series: [Series]
    public var goals: [Goal]
    /// Ensemble bands drawn under the series of the same name (none: the chart is as without ensembles).
    public var bands: [Band]
    public var width: Double
    public var height: Double

    /// An ensemble's 5/50/95 % quantiles of the series `name` (one per year; nil where no member has a value).
    public struct Band: Sendable, Hashable {
        public let name: String
        public let members: Int
        public let years: [Int]
        public let q05: [Double?], q50: [Double?], q95: [Double?]
        public init(name: String, members: Int, years: [Int], q05: [Double?], q50: [Double?], q95: [Double?]) {
            self.name = name
            self.members = members
            self.years = years
            self.q05 = q05
            self.q50 = q50
            self.q95 = q95
        }
    }

    public init(
        title: String, indicator: String, unit: String, series: [Series], goals: [Goal] = [], width: Double = 480,
        height: Double = 330, bands: [Band] = []
    ) {
        self.bands = bands
        self.title = title
        self.indicator = indicator
        self.unit = unit
        self.series = series
        self.goals = goals
        self.width = width
        self.height = height
    }

    /// The chart of `indicator` at `place` over several trajectories (one series each) with the goals of
    /// the first trajectory that has any for it at that place; nil when no trajectory has the series.
    public static func forIndicator(
        _ indicator: String, trajectories: [Trajectory], place: String = "circle", title: String? = nil
    ) -> LineChart? {
        let present = trajectories.filter { $0.series[indicator]?[place] != nil }
        guard let first = present.first else { return nil }
        let def = present.lazy.compactMap { $0.definition(indicator) }.first
        var goals: [Goal] = []
        var seen = Set<String>()
        for t in trajectories {
            for g in t.goals where g.indicatorID == indicator && g.place == place {
                if seen.insert("\(g.goalID)|\(g.year)").inserted {
                    goals.append(Goal(id: g.goalID, year: g.year, target: g.target, comparison: g.comparison, band: g.band))
                }
            }
        }
        return LineChart(
            title: title ?? indicator, indicator: indicator, unit: def?.unit ?? first.definition(indicator)?.unit ?? "",
            series: present.map { Series(name: $0.scenario.name, years: $0.years, values: $0.series[indicator]![place]!) },
            goals: goals)
    }

    var display: NumberFormatting.UnitDisplay { NumberFormatting.UnitDisplay(unit: unit) }

    /// Scales, ticks and plot rectangle.
    public func layout() -> Layout {
        let allYears = series.flatMap(\.years)
        var x0 = Double(allYears.min() ?? 2019), x1 = Double(allYears.max() ?? 2035)
        if x1 <= x0 { x0 -= 1; x1 += 1 }
        var values: [Double] = series.flatMap { $0.values.compactMap { $0 } }
        for b in bands { values += (b.q05 + b.q95).compactMap { $0 }.filter(\.isFinite) }
        for g in goals where Double(g.year) >= x0 && Double(g.year) <= x1 {
            values.append(g.target)
            if g.comparison == .about, let b = g.band { values += [g.target - b, g.target + b] }
        }
        let lo = values.min() ?? 0, hi = values.max() ?? 1
        var (step, yTicks) = NiceTicks.ticks(lower: lo, upper: hi, count: 6)
        if unit == "fraction" && lo >= 0 && hi <= 1 {
            // A share never leaves [0, 1]: no axis beyond 100 % or below 0 % (1-2-5 steps ≤ 0.5 divide 1,
            // so the remaining ticks still cover the data).
            let kept = yTicks.filter { $0 >= -1e-12 && $0 <= 1 + 1e-12 }
            if kept.count >= 2 { yTicks = kept }
        }
        let labels = yTicks.map { Markup.tickLabel($0, scale: display.scale, step: step) }
        let labelWidth = labels.map { Markup.textWidth($0, fontSize: 13) }.max() ?? 30
        let left = (labelWidth + 34).rounded()
        let top = 40.0, right = width - 18
        let legendRows = legendLayout(maxWidth: width - left).rows
        let bottom = height - 44 - Double(legendRows) * 18
        let xStep = max(1, NiceTicks.step(span: x1 - x0, count: 4).rounded())
        var xTicks: [Double] = []
        var t = (x0 / xStep).rounded(.up) * xStep
        while t <= x1 + 1e-9 { xTicks.append(t); t += xStep }
        return Layout(
            x: LinearScale(domain: (x0, x1), range: (left, right)),
            y: LinearScale(domain: (yTicks.first!, yTicks.last!), range: (bottom, top)),
            xTicks: xTicks, yTicks: yTicks, yStep: step, plotLeft: left, plotTop: top, plotRight: right,
            plotBottom: bottom)
    }

    private struct LegendItem { let label: String; let kind: Int; let index: Int }

    /// Legend entries placed left to right, wrapping: (entries with x offset and row, number of rows).
    private func legendLayout(maxWidth: Double) -> (items: [(LegendItem, Double, Int)], rows: Int) {
        var entries = series.enumerated().map { LegendItem(label: $0.element.name, kind: 0, index: $0.offset) }
        if goals.contains(where: { $0.comparison != .about }) { entries.append(LegendItem(label: "goal", kind: 1, index: 0)) }
        if goals.contains(where: { $0.comparison == .about }) { entries.append(LegendItem(label: "goal band", kind: 2, index: 0)) }
        if !bands.isEmpty {
            entries.append(LegendItem(label: "5–95 % band", kind: 3, index: 0))
            entries.append(LegendItem(label: "median", kind: 4, index: 0))
        }
        var placed: [(LegendItem, Double, Int)] = []
        var x = 0.0, row = 0
        for e in entries {
            let w = 30 + Markup.textWidth(e.label, fontSize: 13) + 16
            if x > 0 && x + w > maxWidth { x = 0; row += 1 }
            placed.append((e, x, row))
            x += w
        }
        return (placed, entries.isEmpty ? 0 : row + 1)
    }

    /// The chart as SVG text. `standalone` adds the XML declaration and the SVG namespace (for a `.svg`
    /// file); inline in HTML neither is needed.
    public func svg(standalone: Bool = false) -> String {
        let L = layout()
        let e = Markup.escape
        let px = Markup.px
        var s = ""
        if standalone { s += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" }
        s += "<svg\(standalone ? " xmlns=\"http://www.w3.org/2000/svg\"" : "") class=\"chart line-chart\" viewBox=\"0 0 \(Int(width)) \(Int(height))\""
        s += " role=\"img\" aria-label=\"\(e(title))\" data-indicator=\"\(e(indicator))\""
        s += " data-x-domain=\"\(L.x.domain.lower) \(L.x.domain.upper)\" data-y-domain=\"\(L.y.domain.lower) \(L.y.domain.upper)\""
        s += " data-plot=\"\(px(L.plotLeft)) \(px(L.plotTop)) \(px(L.plotRight)) \(px(L.plotBottom))\""
        s += " font-family=\"\(Markup.fontFamily)\" font-size=\"13\">\n"
        s += "<title>\(e(title))</title>\n"
        s += "<rect class=\"background\" x=\"0\" y=\"0\" width=\"\(Int(width))\" height=\"\(Int(height))\" fill=\"#ffffff\"/>\n"
        s += "<text class=\"chart-title\" x=\"\(px(L.plotLeft))\" y=\"22\" font-size=\"\(Markup.fittingFontSize(title, width: (width - L.plotLeft - 8) * 0.9, preferred: 15))\" font-weight=\"600\" fill=\"#111\">\(e(title))</text>\n"
        // Grid and y axis.
        s += "<g class=\"y-axis\">\n"
        for v in L.yTicks {
            let y = L.y(v)
            s += "<line class=\"grid\" x1=\"\(px(L.plotLeft))\" x2=\"\(px(L.plotRight))\" y1=\"\(px(y))\" y2=\"\(px(y))\" stroke=\"#e3e3e3\" stroke-width=\"1\"/>\n"
            s += "<text class=\"tick-label\" data-value=\"\(v)\" x=\"\(px(L.plotLeft - 6))\" y=\"\(px(y + 4))\" text-anchor=\"end\" fill=\"#444\">\(e(Markup.tickLabel(v, scale: display.scale, step: L.yStep)))</text>\n"
        }
        let yTitle = display.label.isEmpty ? indicator : display.label
        let yMid = (L.plotTop + L.plotBottom) / 2
        s += "<text class=\"axis-title\" transform=\"translate(14 \(px(yMid))) rotate(-90)\" text-anchor=\"middle\" fill=\"#333\">\(e(yTitle))</text>\n"
        s += "</g>\n"
        // X axis.
        s += "<g class=\"x-axis\">\n"
        s += "<line class=\"axis\" x1=\"\(px(L.plotLeft))\" x2=\"\(px(L.plotRight))\" y1=\"\(px(L.plotBottom))\" y2=\"\(px(L.plotBottom))\" stroke=\"#666\" stroke-width=\"1\"/>\n"
        for v in L.xTicks {
            let x = L.x(v)
            s += "<line class=\"tick\" x1=\"\(px(x))\" x2=\"\(px(x))\" y1=\"\(px(L.plotBottom))\" y2=\"\(px(L.plotBottom + 5))\" stroke=\"#666\"/>\n"
            s += "<text class=\"tick-label\" data-value=\"\(Int(v))\" x=\"\(px(x))\" y=\"\(px(L.plotBottom + 18))\" text-anchor=\"middle\" fill=\"#444\">\(Int(v))</text>\n"
        }
        s += "<text class=\"axis-title\" x=\"\(px((L.plotLeft + L.plotRight) / 2))\" y=\"\(px(L.plotBottom + 34))\" text-anchor=\"middle\" fill=\"#333\">year</text>\n"
        s += "</g>\n"
        s += bandsSVG(L)
        // Goals under the series.
        for g in goals where Double(g.year) >= L.x.domain.lower && Double(g.year) <= L.x.domain.upper {
            let x = L.x(Double(g.year))
            let label = "\(g.comparison.symbol) \(display.text(g.target))"
            let common = "data-goal=\"\(e(g.id))\" data-year=\"\(g.year)\" data-value=\"\(g.target)\" data-comparison=\"\(g.comparison.rawValue)\""
            if g.comparison == .about, let band = g.band {
                let yHigh = L.y(g.target + band), yLow = L.y(g.target - band)
                s += "<rect class=\"goal-band\" \(common) data-band=\"\(band)\" x=\"\(px(x - 7))\" y=\"\(px(yHigh))\" width=\"14\" height=\"\(px(yLow - yHigh))\" fill=\"#000000\" fill-opacity=\"0.15\" stroke=\"#333\" stroke-width=\"1\"><title>\(e("goal \(g.id) \(g.year): \(label) ± \(display.number(band))"))</title></rect>\n"
                s += "<line class=\"goal-band-centre\" x1=\"\(px(x - 7))\" x2=\"\(px(x + 7))\" y1=\"\(px(L.y(g.target)))\" y2=\"\(px(L.y(g.target)))\" stroke=\"#333\" stroke-width=\"1.5\"/>\n"
            } else {
                s += "<circle class=\"goal-marker\" \(common) cx=\"\(px(x))\" cy=\"\(px(L.y(g.target)))\" r=\"5.5\" fill=\"#ffffff\" stroke=\"#111\" stroke-width=\"2\"><title>\(e("goal \(g.id) \(g.year): \(label)"))</title></circle>\n"
            }
            // The label goes right of the goal, or left of it when it would run past the plot.
            let fitsRight = x + 10 + Markup.textWidth(label, fontSize: 11) <= L.plotRight
            let labelX = fitsRight ? x + 10 : x - 10
            s += "<text class=\"goal-label\" x=\"\(px(labelX))\" y=\"\(px(L.y(g.target) - 8))\" font-size=\"11\" text-anchor=\"\(fitsRight ? "start" : "end")\" fill=\"#111\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\">\(e(label))</text>\n"
        }
        // Series.
        for (k, series) in series.enumerated() {
            var points: [String] = []
            for (i, year) in series.years.enumerated() {
                guard i < series.values.count, let v = series.values[i] else { continue }
                points.append("\(px(L.x(Double(year)))),\(px(L.y(v)))")
            }
            let colour = Markup.palette[k % Markup.palette.count]
            let dash = Markup.dashes[k % Markup.dashes.count]
            s += "<polyline class=\"series\" data-scenario=\"\(e(series.name))\" data-points=\"\(points.count)\" points=\"\(points.joined(separator: " "))\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2.25\" stroke-linejoin=\"round\"\(dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\"")/>\n"
        }
        s += legendSVG(L)
        s += "</svg>\n"
        return s
    }
}

extension LineChart {

    /// The legend under the plot: a swatch and a label per series, goal kind and (with bands) band and median.
    func legendSVG(_ L: Layout) -> String {
        let e = Markup.escape, px = Markup.px
        var s = ""
        let legend = legendLayout(maxWidth: width - L.plotLeft)
        s += "<g class=\"legend\">\n"
        for (item, dx, row) in legend.items {
            let x = L.plotLeft + dx, y = L.plotBottom + 54 + Double(row) * 18
            switch item.kind {
            case 0:
                let colour = Markup.palette[item.index % Markup.palette.count]
                let dash = Markup.dashes[item.index % Markup.dashes.count]
                s += "<line class=\"legend-swatch\" x1=\"\(px(x))\" x2=\"\(px(x + 24))\" y1=\"\(px(y - 4))\" y2=\"\(px(y - 4))\" stroke=\"\(colour)\" stroke-width=\"2.25\"\(dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\"")/>\n"
            case 3:
                s += "<rect class=\"legend-swatch\" x=\"\(px(x + 2))\" y=\"\(px(y - 11))\" width=\"20\" height=\"14\" fill=\"#666666\" fill-opacity=\"0.25\"/>\n"
            case 4:
                s += "<line class=\"legend-swatch\" x1=\"\(px(x))\" x2=\"\(px(x + 24))\" y1=\"\(px(y - 4))\" y2=\"\(px(y - 4))\" stroke=\"#444444\" stroke-width=\"1.5\" stroke-dasharray=\"1.5 2.5\"/>\n"
            case 1:
                s += "<circle class=\"legend-swatch\" cx=\"\(px(x + 12))\" cy=\"\(px(y - 4))\" r=\"5\" fill=\"#ffffff\" stroke=\"#111\" stroke-width=\"2\"/>\n"
            default:
                s += "<rect class=\"legend-swatch\" x=\"\(px(x + 5))\" y=\"\(px(y - 11))\" width=\"14\" height=\"14\" fill=\"#000000\" fill-opacity=\"0.15\" stroke=\"#333\"/>\n"
            }
            s += "<text class=\"legend-label\" x=\"\(px(x + 30))\" y=\"\(px(y))\" fill=\"#222\">\(e(item.label))</text>\n"
        }
        s += "</g>\n"
        return s
    }
    /// The ensemble bands (shaded 5–95 %, dotted median) in their series' colours; empty without bands.
    func bandsSVG(_ L: Layout) -> String {
        let e = Markup.escape, px = Markup.px
        var s = ""
        for band in bands {
            let k = series.firstIndex { $0.name == band.name } ?? 0
            let colour = Markup.palette[k % Markup.palette.count]
            // Runs of consecutive years where all three quantiles are there.
            var runs: [[Int]] = [], run: [Int] = []
            for i in band.years.indices {
                let whole = [band.q05, band.q50, band.q95].allSatisfy { i < $0.count && $0[i].map(\.isFinite) == true }
                if whole { run.append(i) } else if !run.isEmpty { runs.append(run); run = [] }
            }
            if !run.isEmpty { runs.append(run) }
            guard !runs.isEmpty else { continue }
            func point(_ i: Int, _ q: [Double?]) -> String { "\(px(L.x(Double(band.years[i])))),\(px(L.y(q[i]!)))" }
            let area = runs.map { r in "M" + (r.map { point($0, band.q95) } + r.reversed().map { point($0, band.q05) }).joined(separator: " L") + " Z" }
            let median = runs.map { r in "M" + r.map { point($0, band.q50) }.joined(separator: " L") }
            let common = "data-scenario=\"\(e(band.name))\" data-members=\"\(band.members)\""
            s += "<path class=\"ensemble-band\" \(common) d=\"\(area.joined(separator: " "))\" fill=\"\(colour)\" fill-opacity=\"0.18\" stroke=\"none\"><title>\(e("\(band.name): 5–95 % of an ensemble of \(band.members) members"))</title></path>\n"
            s += "<path class=\"ensemble-median\" \(common) d=\"\(median.joined(separator: " "))\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"1.5\" stroke-dasharray=\"1.5 2.5\"><title>\(e("\(band.name): median of the members"))</title></path>\n"
        }
        return s
    }
}
