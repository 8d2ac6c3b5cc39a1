import Foundation
import SimulationEngine

/// `trajectory.csv`: trajectories in tidy long form, one row per scenario, year, place and indicator.
///
/// Columns `scenario,year,place,name_zh,name_en,place_kind,indicator,value,unit`; `value` is the shortest round-trip
/// decimal of the double (`.` decimal point, exponent form such as `1e-05` for very small or large
/// magnitudes) and empty where the trajectory holds nil. Rows are sorted by scenario name, place kind
/// (circle, group, jurisdiction), place id, indicator id and year (names compared by UTF-8 bytes), so the
/// same trajectories always give the same bytes. A series with no value in any year (an input indicator
/// the scenario does not give) has no rows.
public enum TrajectoryCSV {
    public static let header = ["scenario", "year", "place", "name_zh", "name_en", "place_kind", "indicator", "value", "unit"]

    /// The CSV document of `trajectories`.
    public static func render(_ trajectories: [Trajectory]) -> String {
        var out = CSV.record(header)
        let ordered = trajectories.sorted { JSONValue.byteOrder($0.scenario.name, $1.scenario.name) }
        for t in ordered {
            let kinds = Dictionary(t.places.map { ($0.id, $0.kind) }, uniquingKeysWith: { a, _ in a })
            let names = Dictionary(t.places.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            let units = Dictionary(t.indicators.map { ($0.id, $0.unit) }, uniquingKeysWith: { a, _ in a })
            struct Key { let kindRank: Int; let place: String; let indicator: String }
            var keys: [Key] = []
            for (indicator, byPlace) in t.series {
                for (place, values) in byPlace where values.contains(where: { $0 != nil }) {
                    keys.append(Key(kindRank: kinds[place].map(TrajectoryCSV.rank) ?? 3, place: place, indicator: indicator))
                }
            }
            keys.sort {
                if $0.kindRank != $1.kindRank { return $0.kindRank < $1.kindRank }
                if $0.place != $1.place { return JSONValue.byteOrder($0.place, $1.place) }
                return JSONValue.byteOrder($0.indicator, $1.indicator)
            }
            let yearOrder = t.years.indices.sorted { t.years[$0] < t.years[$1] }
            for key in keys {
                let values = t.series[key.indicator]![key.place]!
                for k in yearOrder {
                    out += CSV.record([
                        t.scenario.name, String(t.years[k]), key.place, names[key.place]?.nameZh ?? "",
                        names[key.place]?.nameEn ?? "", kinds[key.place]?.rawValue ?? "",
                        key.indicator, NumberFormatting.roundTrip(k < values.count ? values[k] : nil),
                        units[key.indicator] ?? "",
                    ])
                }
            }
        }
        return out
    }

    static func rank(_ kind: PlaceKind) -> Int {
        switch kind {
        case .circle: return 0
        case .group: return 1
        case .jurisdiction: return 2
        }
    }
}
