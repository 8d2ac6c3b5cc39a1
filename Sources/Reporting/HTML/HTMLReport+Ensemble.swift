import Foundation
import SimulationEngine

/// What an ensemble adds to the page (`Options.ensembles`): bands and medians on the circle's charts, a line
/// naming each ensemble's size and source, and the P(goal met) columns of the goal table.
extension HTMLReport {
    /// The bands of `indicator` for the circle, one per trajectory with an ensemble that has it.
    static func ensembleBands(_ indicator: String, trajectories ts: [Trajectory], ensembles: [String: EnsembleSummary]) -> [LineChart.Band] {
        ts.compactMap { t in
            guard let ens = ensembles[t.scenario.name], let b = ens.band(indicator, at: "circle") else { return nil }
            return LineChart.Band(name: t.scenario.name, members: ens.members, years: b.years, q05: b.q05, q50: b.q50, q95: b.q95)
        }
    }

    /// One line per trajectory with an ensemble: its size and source (`EnsembleSource.summary`: the posterior's
    /// file, vintage and seeds, or the priors' design and seed), and what the shading means. Empty without.
    static func ensembleNote(_ ts: [Trajectory], ensembles: [String: EnsembleSummary]) -> String {
        let e = Markup.escape
        var h = ""
        for t in ts {
            guard let ens = ensembles[t.scenario.name] else { continue }
            h += "<p class=\"muted ensemble-note\" data-scenario=\"\(e(t.scenario.name))\" data-members=\"\(ens.members)\" data-source=\"\(e(ens.source.kind))\">"
            h += "\(e(t.scenario.name)): ensemble of \(ens.members) members from \(e(ens.source.summary)). "
            h += "Shaded: 5–95 % of the members; dotted: their median; solid: the central run (the scenario's own parameters).</p>\n"
        }
        return h
    }

    /// The header of the P(goal met) column of `name` (its name only when the page has several scenarios).
    static func probabilityHeader(_ name: String, _ ens: EnsembleSummary, several: Bool) -> String {
        let e = Markup.escape
        return "<th class=\"num p-met\" data-scenario=\"\(e(name))\">P(goal met)\(several ? " " + e(name) : "")<br><span class=\"muted small\">\(ens.members) members</span></th>"
    }

    /// The P(goal met) cell of goal `g` in `name`'s ensemble: the probability (two decimals; `data-p` round-trip
    /// exact, `data-n` the members compared, shown when fewer than the ensemble), or the note (`input`,
    /// `not modelled`, `no member has a value`); `—` when the ensemble has no such goal.
    static func probabilityCell(_ g: GoalResult, name: String, _ ens: EnsembleSummary) -> String {
        let e = Markup.escape
        let label = "data-label=\"\(e("P(goal met) \(name)"))\""
        guard let p = ens.goal(g.goalID, year: g.year) else { return "<td class=\"num muted p-met\" \(label)>—</td>" }
        guard let prob = p.probability else {
            return "<td class=\"num muted p-met\" \(label) data-note=\"\(e(p.note ?? ""))\">\(e(p.note ?? "—"))</td>"
        }
        let n = p.n == ens.members ? "" : " (n = \(p.n))"
        return "<td class=\"num p-met\" \(label) data-p=\"\(NumberFormatting.roundTrip(prob))\" data-n=\"\(p.n)\">\(String(format: "%.2f", prob))\(n)</td>"
    }
}
