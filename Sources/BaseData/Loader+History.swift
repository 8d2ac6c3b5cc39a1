import Foundation

extension Loader {
    /// Loads `history/` (MODEL-v3 §1.2): its own `sources.csv` (an id may also be in the main list: the same document), then
    /// the regional observations, the national path and the transport events, with the history rules
    /// (units, plausible ranges, an estimate's method, no reserved Chongqing district figure from 2021 on).
    mutating func loadHistory(known: Set<String>?) -> HistoryData? {
        guard let src = table(.historySources, sources: nil) else { return nil }
        // An id in both lists names the same document (a fix of the 2019 data cites the history's source).
        let ids = Set((0..<src.count).map { src.string($0, "source_id") })
        let all = known.map { $0.union(ids) }
        let observations = loadObservations(all)
        let national = loadNationalPath(all)
        let events = loadTransportEvents(all)
        guard let observations, let national, let events else { return nil }
        return HistoryData(observations: observations, national: national, events: events)
    }

    /// The common checks of one history row: provenance, unit, an estimate's method, the indicator's range.
    mutating func historyRow(_ t: TableReader, _ r: Int, indicator: String) -> Provenance? {
        guard let p = Provenance(rawValue: t.string(r, "provenance")) else {
            diagnostics.append(t.diagnostic(r, "provenance", "provenance must be source, estimate or assumption"))
            return nil
        }
        let unit = t.string(r, "unit")
        if unit.isEmpty { diagnostics.append(t.diagnostic(r, "unit", "a figure needs its unit")) }
        if p != .source && t.string(r, "method").isEmpty {
            diagnostics.append(t.diagnostic(r, "method", "an estimate or assumption needs its method"))
        }
        if let range = HistoryRules.range(indicator, unit: unit), let v = t.double(r, "value"), !range.contains(v) {
            diagnostics.append(t.diagnostic(r, "value", "\(v) \(unit) is outside the plausible range of \(indicator) (\(range.lowerBound)…\(range.upperBound))"))
        }
        return p
    }

    mutating func loadObservations(_ known: Set<String>?) -> [Observation]? {
        guard let t = table(.regionalHistory, sources: known) else { return nil }
        var out: [Observation] = []
        for r in 0..<t.count {
            let region = t.string(r, "region_id"), indicator = t.string(r, "indicator")
            let year = Int(t.double(r, "year") ?? 0)
            if HistoryRules.isReserved(region: region, year: year) {
                diagnostics.append(t.diagnostic(r, "year", "\(region) \(year): Chongqing district and county figures from \(HistoryRules.firstReservedYear) on are reserved for an independent validation and may not be in the data"))
                continue
            }
            guard let p = historyRow(t, r, indicator: indicator), let value = t.double(r, "value") else { continue }
            out.append(Observation(
                region: region, indicator: indicator, year: year, value: value, unit: t.string(r, "unit"),
                vintage: t.string(r, "vintage"), provenance: p, sourceIDs: t.ids(r, "source_ids"), method: t.string(r, "method")))
        }
        return out
    }

    mutating func loadNationalPath(_ known: Set<String>?) -> [NationalFigure]? {
        guard let t = table(.nationalPath, sources: known) else { return nil }
        var out: [NationalFigure] = []
        for r in 0..<t.count {
            let indicator = t.string(r, "indicator"), kind = t.string(r, "kind")
            guard ["realised", "projection-2019", "projection-latest"].contains(kind) else {
                diagnostics.append(t.diagnostic(r, "kind", "kind must be realised, projection-2019 or projection-latest"))
                continue
            }
            guard let p = historyRow(t, r, indicator: indicator), let value = t.double(r, "value") else { continue }
            out.append(NationalFigure(
                year: Int(t.double(r, "year") ?? 0), indicator: indicator, value: value, unit: t.string(r, "unit"), kind: kind,
                vintage: t.string(r, "vintage"), provenance: p, sourceIDs: t.ids(r, "source_ids")))
        }
        return out
    }

    mutating func loadTransportEvents(_ known: Set<String>?) -> [TransportEvent]? {
        guard let t = table(.transportEvents, sources: known) else { return nil }
        var out: [TransportEvent] = []
        for r in 0..<t.count {
            let date = t.string(r, "date")
            let parts = date.split(separator: "-").compactMap { Int($0) }
            guard parts.count == 3, (2000...2050).contains(parts[0]), (1...12).contains(parts[1]) else {
                diagnostics.append(t.diagnostic(r, "date", "'\(date)' is not a date YYYY-MM-DD"))
                continue
            }
            let type = t.string(r, "event_type")
            guard ["opening", "speed-up"].contains(type) else {
                diagnostics.append(t.diagnostic(r, "event_type", "event_type must be opening or speed-up"))
                continue
            }
            out.append(TransportEvent(
                id: t.string(r, "event_id"), date: date, year: parts[0], lineID: t.string(r, "line_id"), nameZh: t.string(r, "name_zh"),
                fromID: t.string(r, "from_id"), toID: t.string(r, "to_id"), type: type, designSpeedKmh: t.double(r, "design_speed_kmh"),
                fastestMinutes: t.double(r, "fastest_minutes"), kilometres: t.double(r, "km"), sourceIDs: t.ids(r, "source_ids")))
        }
        return out
    }
}
