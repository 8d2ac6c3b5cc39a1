import Foundation
import SimulationEngine

/// The choropleth of one indicator in one year from a trajectory (`chengyu map`): the level on a sequential
/// scale, or, with a base, the relative difference `(a − b)/|b|` to the base on a diverging scale.
public enum JurisdictionMap {
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// The indicator has no values for any jurisdiction; `available` lists those that have.
        case unknownIndicator(String, available: [String])
        /// The year is not in the trajectory; `years` is its range.
        case yearOutOfRange(Int, years: ClosedRange<Int>)
        /// No seat has a boundary (the boundary file was missing).
        case noBoundaries

        public var description: String {
            switch self {
            case let .unknownIndicator(id, available):
                return "indicator '\(id)' has no values by jurisdiction; available: \(available.joined(separator: ", "))"
            case let .yearOutOfRange(year, years):
                return "year \(year) is not simulated; the run covers \(years.lowerBound)–\(years.upperBound)"
            case .noBoundaries:
                return "no jurisdiction boundaries to draw (boundaries/jurisdictions.geojson of the base data)"
            }
        }
    }

    /// Indicators with a value for at least one jurisdiction, by id.
    public static func indicators(_ t: Trajectory) -> [String] {
        let places = Set(t.places.filter { $0.kind == .jurisdiction }.map(\.id))
        return t.series.filter { $0.value.contains { places.contains($0.key) && $0.value.contains { $0 != nil } } }.keys.sorted()
    }

    /// The map as a standalone SVG document (one `<path class="jurisdiction">` per seat with a boundary).
    public static func svg(
        _ t: Trajectory, indicator: String, year: Int?, base: Trajectory? = nil, seats: [SeatLocation],
        labelled: Set<String> = ["sc-chengdu", "cq-yuzhong"]
    ) throws -> String {
        let available = indicators(t)
        guard available.contains(indicator) else { throw Failure.unknownIndicator(indicator, available: available) }
        guard let first = t.years.min(), let last = t.years.max() else { throw Failure.yearOutOfRange(year ?? 0, years: 0...0) }
        let y = year ?? last
        guard t.years.contains(y), base.map({ $0.years.contains(y) }) ?? true else {
            throw Failure.yearOutOfRange(y, years: first...last)
        }
        guard seats.contains(where: { !$0.boundary.isEmpty }) else { throw Failure.noBoundaries }
        let name = HTMLReport.chartTitles[indicator] ?? indicator
        var values: [String: Double] = [:]
        if let base {
            for s in seats {
                values[s.place] = ComparisonMath.relativeDifference(base: base.value(indicator, at: s.place, in: y), alternative: t.value(indicator, at: s.place, in: y))
            }
            return Choropleth(
                title: "\(name) in \(y): \(t.scenario.name) against \(base.scenario.name)",
                valueLabel: "relative difference to \(base.scenario.name)", places: seats, values: values, scale: .diverging,
                style: .percentChange, labelled: labelled
            ).svg(standalone: true)
        }
        for s in seats { values[s.place] = t.value(indicator, at: s.place, in: y) }
        let unit = t.definition(indicator)?.unit ?? ""
        let label = NumberFormatting.UnitDisplay(unit: unit).label
        return Choropleth(
            title: "\(name) in \(y), \(t.scenario.name)", valueLabel: label.isEmpty ? indicator : "\(indicator), \(label)",
            places: seats, values: values, scale: .sequential, style: .unit(unit, signed: false), labelled: labelled
        ).svg(standalone: true)
    }
}
