import BaseData
import Foundation
import RegionalModels

/// Chongqing's whole-municipality urban population (`municipality_urban_population`, the 2035 goal of
/// 重庆市新型城镇化规划(2021—2035): about 28 million, issue 16 item 5): the run's circle part (27 districts)
/// plus a stated extrapolation of the 11 districts and counties outside the circle, which the model does not
/// simulate (M):
///
/// - their 2020 population is the census municipality less the circle part's census counts (2020 boundaries), and
///   it follows its census-decade trend, `P_rest(t) = P_rest(2020)·exp(g·(t − 2020))`, g = ln(P_rest,2020/P_rest,2010)/10;
/// - their 2020 urban population is the municipality's (census population × the published 2020 urbanisation rate)
///   less the run's circle part in 2020, and their urban share then moves in logits as the circle part's does:
///   `logit u_rest(t) = logit u_rest(2020) + logit u_cp(t) − logit u_cp(2020)`.
///
/// So the 2020 total equals the published one, and levers act through the circle part. Nil when a census count
/// or the 2020 rate is missing, or when the remainder's 2020 share falls outside (0, 1).
enum MunicipalityUrbanPopulation {
    static let indicator = "municipality_urban_population"
    static let place = "province-chongqing"
    static let anchorYear = DemographyData.censusYear

    /// The extrapolation's constants from the data: the remainder's 2020 and 2010 census populations and the
    /// municipality's 2020 urban population (persons).
    struct Anchors: Equatable {
        let rest2020: Double, rest2010: Double, municipalityUrban2020: Double
        var growth: Double { log(rest2020 / rest2010) / 10 }
    }

    static func anchors(_ cs: CircleStructure) -> Anchors? {
        let pop = cs.dataset.population, cm = cs.censusMigration
        let members = (0..<cs.dims.regions).filter { cs.jurisdictions[$0].province == .chongqing }
        guard let m10 = CensusMigration.count(pop, "chongqing", 2010, vintage: "census2010"),
              let m20 = CensusMigration.count(pop, "chongqing", anchorYear, vintage: "census2020"),
              let rate = cs.dataset.history.observation("chongqing", "urbanisation", year: anchorYear)?.value else { return nil }
        let c10 = members.reduce(0.0) { $0 + cm.population2010[$1] }, c20 = members.reduce(0.0) { $0 + cm.population2020[$1] }
        guard m20 > c20, m10 > c10 else { return nil }
        return Anchors(rest2020: m20 - c20, rest2010: m10 - c10, municipalityUrban2020: m20 * rate / 100)
    }

    /// The series over `years` from the circle part's population and urban population (same years).
    static func series(anchors a: Anchors, years: [Int], population: [Double?], urban: [Double?]) -> [Double?] {
        guard let k = years.firstIndex(of: anchorYear), let p0 = population[k], let u0 = urban[k], p0 > 0 else {
            return [Double?](repeating: nil, count: years.count)
        }
        let rest0 = (a.municipalityUrban2020 - u0) / a.rest2020, circle0 = u0 / p0
        guard rest0 > 0, rest0 < 1, circle0 > 0, circle0 < 1 else { return [Double?](repeating: nil, count: years.count) }
        return years.indices.map { t -> Double? in
            guard let p = population[t], let u = urban[t], p > 0, u > 0, u < p else { return nil }
            let shift = logitLinearRate(from: circle0, to: u / p, years: 1, ceiling: 1)
            let share = logitLinearUrbanShare(rest0, rate: shift, ceiling: 1)
            return u + a.rest2020 * exp(a.growth * Double(years[t] - anchorYear)) * share
        }
    }
}
