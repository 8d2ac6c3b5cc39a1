import Foundation
import SimulationEngine

/// The goal table and the comparison sections of the page.
extension HTMLReport {
    /// One row per goal, one column per scenario (value and mark), so that scenarios read side by side; the
    /// targets' sources are numbered notes in a collapsed list under the table (they made rows tall). A
    /// scenario with an ensemble in `ensembles` adds a P(goal met) column after the scenarios' values.
    static func goalSection(_ ts: [Trajectory], ensembles: [String: EnsembleSummary] = [:]) -> String {
        let e = Markup.escape
        let report = GoalReport(ts)
        guard !report.rows.isEmpty else { return "" }
        let met = report.rows.filter { $0.goal.met == true }.count
        let missed = report.rows.filter { $0.goal.met == false }.count
        var h = "<section id=\"goals\">\n<h2>Goals</h2>\n"
        h += "<p class=\"summary\"><span class=\"met\">✓ \(met) met</span> · <span class=\"missed\">✗ \(missed) missed</span> · \(report.rows.count - met - missed) without a modelled value (—)</p>\n"
        let scenarios = ts.map(\.scenario.name)
        let withEnsemble = scenarios.filter { ensembles[$0] != nil }
        var order: [String] = []
        var byGoal: [String: [String: GoalResult]] = [:]
        for row in report.rows {
            if byGoal[row.goal.goalID] == nil { order.append(row.goal.goalID) }
            byGoal[row.goal.goalID, default: [:]][row.scenario] = row.goal
        }
        var sources: [String] = []
        h += "<div class=\"table-wrap\"><table class=\"goals cards\">\n<thead><tr><th>goal</th><th class=\"num\">year</th><th class=\"num\">target</th><th>kind</th>"
        for name in scenarios { h += "<th class=\"num scenario\">\(e(name))</th>" }
        for name in withEnsemble { h += probabilityHeader(name, ensembles[name]!, several: scenarios.count > 1) }
        h += "</tr></thead>\n<tbody>\n"
        for key in order {
            guard let g = byGoal[key]?.values.first else { continue }
            let d = NumberFormatting.UnitDisplay(unit: g.unit)
            var target = "\(g.comparison.symbol) \(d.number(g.target))"
            if g.comparison == .about, let b = g.band { target += " ± \(d.number(b))" }
            target += d.label.isEmpty ? "" : " \(d.label)"
            if !sources.contains(g.source) { sources.append(g.source) }
            let note = sources.firstIndex(of: g.source)! + 1
            let what = g.place == "circle" ? g.indicatorID : "\(g.indicatorID) · \(g.place)"
            h += "<tr><td class=\"row-head goal-name\">\(e(g.goalID))<sup>\(note)</sup><br><span class=\"muted small\">\(e(what))</span></td>"
            h += "<td class=\"num\" data-label=\"year\">\(g.year)</td><td class=\"num\" data-label=\"target\">\(e(target))</td><td data-label=\"kind\">\(e(g.kind.rawValue))</td>"
            for name in scenarios {
                guard let r = byGoal[key]?[name] else { h += "<td data-label=\"\(e(name))\"></td>"; continue }
                let value = r.value.map(d.number) ?? "—"
                let label = "data-label=\"\(e(name))\""
                switch r.met {
                case true?: h += "<td class=\"num met\" \(label)>\(e(value)) ✓</td>"
                case false?: h += "<td class=\"num missed\" \(label)>\(e(value)) ✗</td>"
                case nil: h += "<td class=\"num muted\" \(label)>\(e(value))</td>"
                }
            }
            for name in withEnsemble { h += probabilityCell(g, name: name, ensembles[name]!) }
            h += "</tr>\n"
        }
        h += "</tbody></table></div>\n"
        h += "<p class=\"muted small\">≥ at least, ≤ at most, ≈ about (± the band); ✓ met, ✗ missed, — the model gives no value. Kinds: simulated (the model's equations), accounted (summed from the scenario's inputs), input (a path the scenario types in), not_modelled.</p>\n"
        if !withEnsemble.isEmpty {
            h += "<p class=\"muted small ensemble-goals\">P(goal met): the share of the ensemble's members that meet the goal (n = the members compared, when fewer than the ensemble); inputs and not-modelled goals are not moved by the parameters and say so.</p>\n"
        }
        h += "<details class=\"sources\"><summary>Sources of the targets (\(sources.count))</summary>\n<ol>\n"
        for s in sources { h += "<li>\(e(s))</li>\n" }
        h += "</ol>\n</details>\n</section>\n"
        return h
    }

    /// One section per alternative: its circle indicators against the base in the table years (base,
    /// alternative, difference), and a map of its relative difference to the base in the last year.
    static func comparisonSection(base: Trajectory, alternative alt: Trajectory, seats: [SeatLocation], options: Options) -> String {
        let e = Markup.escape
        let years = options.tableYears.filter { base.years.contains($0) && alt.years.contains($0) && $0 != base.years.min() }
        // Indicators with a value in some table year in either run (inputs neither gives are left out).
        let ids = (options.groupIndicators ?? KeyIndicatorReport.defaultIndicators).filter { id in
            years.contains { base.value(id, at: "circle", in: $0) != nil || alt.value(id, at: "circle", in: $0) != nil }
        }
        let (a, b) = (e(alt.scenario.name), e(base.scenario.name))
        var h = "<section class=\"comparison\" id=\"compare-\(a)\">\n<h2>\(a) against \(b)</h2>\n"
        h += "<p class=\"muted\">\(e(alt.scenario.title)). Differences are \(a) − \(b).</p>\n"
        if !ids.isEmpty && !years.isEmpty {
            h += "<div class=\"table-wrap\"><table class=\"cards by-year\">\n<thead><tr><th>the circle</th>"
            for y in years { h += "<th class=\"num\">\(y) \(b)</th><th class=\"num\">\(y) \(a)</th><th class=\"num\">\(y) difference</th>" }
            h += "</tr></thead>\n<tbody>\n"
            for id in ids {
                let d = NumberFormatting.UnitDisplay(unit: base.definition(id)?.unit ?? alt.definition(id)?.unit ?? "")
                h += "<tr><td class=\"row-head\">\(e(d.label.isEmpty ? id : "\(id) (\(d.label))"))</td>"
                for y in years {
                    let v0 = base.value(id, at: "circle", in: y), v1 = alt.value(id, at: "circle", in: y)
                    let diff = ComparisonMath.absoluteDifference(base: v0, alternative: v1)
                    let rel = ComparisonMath.relativeDifference(base: v0, alternative: v1)
                    let diffText = diff.map { signedDifference($0, display: d) + (d.label == "%" ? "" : rel.map { " (\(NumberFormatting.percentChange($0)))" } ?? "") } ?? "—"
                    h += "<td class=\"num\" data-label=\"\(y) \(b)\">\(e(v0.map(d.number) ?? "—"))</td><td class=\"num\" data-label=\"\(y) \(a)\">\(e(v1.map(d.number) ?? "—"))</td><td class=\"num diff\" data-label=\"\(y) difference\">\(e(diffText))</td>"
                }
                h += "</tr>\n"
            }
            h += "</tbody></table></div>\n"
        }
        if let map = differenceMap(base: base, alternative: alt, seats: seats, options: options) {
            h += "<div class=\"charts maps\"><figure class=\"chart map\">\n\(map)</figure></div>\n"
        }
        h += "</section>\n"
        return h
    }

    /// A signed difference without the unit (it is in the row's head), `pp` for shares: `+4,241`, `+0.77 pp`.
    static func signedDifference(_ v: Double, display d: NumberFormatting.UnitDisplay) -> String {
        let text = d.differenceText(v)
        return d.label == "%" || d.differenceLabel.isEmpty ? text : String(text.dropLast(d.differenceLabel.count + 1))
    }

    /// The alternative's relative difference to the base in the last year, by jurisdiction: a diverging
    /// choropleth (or the seat scatter when the seats carry no boundaries).
    static func differenceMap(base: Trajectory, alternative alt: Trajectory, seats: [SeatLocation], options: Options) -> String? {
        let id = options.scatterIndicator
        guard !seats.isEmpty, base.series[id] != nil, let y1 = base.years.max() else { return nil }
        var diffs: [String: Double] = [:]
        for seat in seats {
            if let r = ComparisonMath.relativeDifference(base: base.value(id, at: seat.place, in: y1), alternative: alt.value(id, at: seat.place, in: y1)) {
                diffs[seat.place] = r
            }
        }
        let name = chartTitles[id] ?? id
        let title = "\(name) in \(y1): \(alt.scenario.name) against \(base.scenario.name)"
        let label = "relative difference to \(base.scenario.name), \(y1)"
        if seats.contains(where: { !$0.boundary.isEmpty }) {
            return Choropleth(
                title: title, valueLabel: label, places: seats, values: diffs, scale: .diverging, style: .percentChange,
                labelled: options.labelledSeats
            ).svg()
        }
        return SeatScatter(title: title, valueLabel: label, seats: seats, values: diffs, labelled: options.labelledSeats).svg()
    }
}
