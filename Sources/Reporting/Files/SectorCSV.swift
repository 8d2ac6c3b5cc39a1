import Foundation
import SimulationEngine

/// `sectors.csv` (`chengyu run --out DIR --detail sectors`): output, value added and employment by sector ×
/// place × year, tidy (one row per scenario, year, place and sector; one column per variable, unit in the
/// column name).
///
/// Columns `scenario,year,place,name_zh,sector,sector_name_en,gross_output_100m_yuan_2019_prices,
/// value_added_100m_yuan_2019_prices,employment_persons`; rows by year, then place and sector in the detail's
/// (matrix) order; numbers are shortest round-trip decimals.
public enum SectorCSV {
    public static let header = [
        "scenario", "year", "place", "name_zh", "sector", "sector_name_en", "gross_output_100m_yuan_2019_prices",
        "value_added_100m_yuan_2019_prices", "employment_persons",
    ]

    /// The CSV document of a trajectory's sector detail.
    ///
    /// - Throws: `ReportingError.invalidDocument` when the trajectory has no sector detail or its arrays do
    ///   not have the shape its places, sectors and years say, or hold a non-finite value.
    public static func render(_ t: Trajectory) throws -> String {
        guard let d = t.sectorDetail else {
            throw ReportingError.invalidDocument(path: nil, reason: "scenario \(t.scenario.name) has no sector detail (the engine did not record it)")
        }
        if let problem = d.shapeProblem { throw ReportingError.invalidDocument(path: nil, reason: problem) }
        let names = Dictionary(t.places.map { ($0.id, $0.nameZh) }, uniquingKeysWith: { a, _ in a })
        var out = CSV.record(header)
        for (y, year) in d.years.enumerated() {
            for (p, place) in d.places.enumerated() {
                for (s, sector) in d.sectors.enumerated() {
                    let k = d.index(place: p, sector: s)
                    let values = [d.grossOutput[y][k], d.valueAdded[y][k], d.employment[y][k]]
                    guard values.allSatisfy(\.isFinite) else {
                        throw ReportingError.invalidDocument(path: nil, reason: "sector detail: non-finite value in \(year), \(place), sector \(sector.id)")
                    }
                    out += CSV.record(
                        [t.scenario.name, String(year), place, names[place] ?? "", sector.id, sector.nameEn] + values.map { NumberFormatting.roundTrip($0) })
                }
            }
        }
        return out
    }
}
