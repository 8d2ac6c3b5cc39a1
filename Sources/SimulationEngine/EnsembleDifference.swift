import Foundation
import ScenarioSpec

/// The difference between two scenarios' ensembles run on the same draws (common random numbers, MODEL-v3 §5;
/// issue 18 item 3): member m of the scenario and member m of the base share their parameters and their
/// model-discrepancy draw, so `Δ_m = f_m(scenario) − f_m(base)` isolates the levers, and its spread over the members
/// is the band of the difference. Per indicator, place and year: the central runs' difference, the type-7 quantiles
/// (5/50/95 %) of Δ_m over the members where both have a value, and `P(Δ > 0)`, the share of those members with
/// Δ_m > 0 (ties count as not positive), with their number. Equal weights, as the ensemble's own bands.
public struct EnsembleDifference: Sendable {
    public let scenario: String
    public let base: String
    public let members: Int
    public let years: [Int]
    public let places: [Place]
    public let indicators: [IndicatorDefinition]
    /// Per cell (`cellIndex`): the central runs' difference, the quantiles of Δ, P(Δ > 0), and the members compared.
    public let central: [Double?]
    public let q05: [Double?], q50: [Double?], q95: [Double?]
    public let positive: [Double?]
    public let counts: [Int]

    public func cellIndex(indicator i: Int, place p: Int, year y: Int) -> Int {
        Ensemble.cellIndex(indicator: i, place: p, year: y, places: places.count, years: years.count)
    }

    /// One cell by ids: the central difference, the band of Δ and P(Δ > 0); nil where no member has both values.
    public func cell(_ indicator: String, at place: String = "circle", in year: Int)
        -> (central: Double?, q05: Double, q50: Double, q95: Double, positive: Double, members: Int)? {
        guard let i = indicators.firstIndex(where: { $0.id == indicator }), let p = places.firstIndex(where: { $0.id == place }),
              let y = years.firstIndex(of: year) else { return nil }
        let c = cellIndex(indicator: i, place: p, year: y)
        guard let a = q05[c], let b = q50[c], let d = q95[c], let pos = positive[c] else { return nil }
        return (central[c], a, b, d, pos, counts[c])
    }

    /// The difference of two ensembles of the same draws: `scenarioMembers[m]` and `baseMembers[m]` ran draw m.
    /// Their central runs must share indicators, places and years (a scenario and its base do).
    ///
    /// - Throws: `SimulationError.data` when the two runs' cells or member counts differ.
    public static func compute(
        scenario: Trajectory, base: Trajectory, scenarioMembers: [Ensemble.Member], baseMembers: [Ensemble.Member]
    ) throws -> EnsembleDifference {
        guard scenario.indicators.map(\.id) == base.indicators.map(\.id), scenario.places.map(\.id) == base.places.map(\.id),
              scenario.years == base.years else {
            throw SimulationError.data(
                "\(scenario.scenario.name) and \(base.scenario.name) differ in indicators, places or years: their ensembles cannot be compared cell by cell (run both to the same --until)")
        }
        guard scenarioMembers.count == baseMembers.count else {
            throw SimulationError.data("the two ensembles have \(scenarioMembers.count) and \(baseMembers.count) members")
        }
        let s0 = Attribution.cells(scenario, indicators: scenario.indicators, places: scenario.places)
        let b0 = Attribution.cells(base, indicators: scenario.indicators, places: scenario.places)
        let n = s0.count
        var q05 = [Double?](repeating: nil, count: n), q50 = q05, q95 = q05, positive = q05, counts = [Int](repeating: 0, count: n)
        var column = [Double]()
        column.reserveCapacity(scenarioMembers.count)
        for c in 0..<n {
            column.removeAll(keepingCapacity: true)
            var above = 0
            for (s, b) in zip(scenarioMembers, baseMembers) where c < s.cells.count && c < b.cells.count {
                let d = s.cells[c] - b.cells[c]
                guard d.isFinite else { continue }
                column.append(d)
                if d > 0 { above += 1 }
            }
            counts[c] = column.count
            guard !column.isEmpty else { continue }
            positive[c] = Double(above) / Double(column.count)
            column.sort()
            (q05[c], q50[c], q95[c]) = Ensemble.band(column)
        }
        let central = zip(s0, b0).map { s, b -> Double? in
            guard let s, let b else { return nil }
            return s - b
        }
        return EnsembleDifference(
            scenario: scenario.scenario.name, base: base.scenario.name, members: scenarioMembers.count, years: scenario.years,
            places: scenario.places, indicators: scenario.indicators, central: central, q05: q05, q50: q50, q95: q95,
            positive: positive, counts: counts)
    }
}
