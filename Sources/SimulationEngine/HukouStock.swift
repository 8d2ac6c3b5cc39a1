import BaseData
import Foundation

/// Urban-hukou residents per jurisdiction (MODEL-v3 §3.5, issue 16 item 4): the stock `H[r]` of residents whose
/// hukou is of the urban type, and the settlement lever's hukou conversion.
///
/// One step, after the year's migration, vital events and urbanisation (`PopulationStage`):
///
///     H_stay = H·(P' − In)/P + s̄·In     holders share the place's natural change and departures; a move does not
///                                        change a person's hukou type, so arrivals carry s̄, the urban-hukou share
///                                        of the year's departures from all circle places (the mover pool; those
///                                        from the rest of China too, (M))
///     gap    = max(Urb' − H_stay, 0)     urban residents without an urban hukou
///     C      = min(gap, h_p·gap + a·τ[r](t)·max(P' − H_stay, 0))
///     H'     = H_stay + C
///
/// - `h_p`, the yearly conversion of urban residents without an urban hukou: Sichuan's published pace of hukou
///   urbanisation, 35.87 → 36.78 % from 2018 to 2019 (first release), over its 2019 gap to resident urbanisation
///   (53.79 %): `h = 0.91/(53.79 − 36.78) = 0.0535`. Chongqing publishes no pace before the vintage in the data
///   (its 2015 rate only), so it takes Sichuan's h (M).
/// - `τ[r](t) = max(0, 1 − b[r](t)/b)`, the settlement lever's cut of the barrier against the parameter
///   `migration.hukouBarrier` (1 where the barrier is removed).
/// - `a` (`migration.hukouConversionResponse`, 0.475 % a year): An & Yan (2024, 经济科学 2024(1); CFPS 2012–2018)
///   find that after the 2014 round of hukou reform the share of rural labour holding a rural hukou fell 3.4 %
///   in treated cities against control cities, 1.9 % of it by conversion to an urban hukou (the other 1.5 %
///   became city migrants); spread over the four years 2014–18, 1.9 %/4 of the population without an urban hukou
///   a year at full treatment (the rural-labour share applied to the whole population, (M)).
/// - Base 2019: `H = Urb·(hu_p/u_p)`, the province's ratio of hukou to resident urbanisation in every jurisdiction
///   (M; no jurisdiction publishes both before the vintage): Sichuan 36.78/53.79 (2019), Chongqing 41.25/60.94
///   (2015, the latest year with both; held).
///
/// The official hukou urbanisation rate divides urban-hukou persons by the hukou population wherever it lives;
/// `hukou_urbanisation_rate` = H/P is the share of residents, a different denominator (stated in its description).
/// Conversion does not move anyone, so resident urbanisation is untouched: the block feeds nothing back.
struct HukouCalibration: Sendable, Equatable {
    /// `hu_p/u_p` per jurisdiction (its province's).
    let ratio: [Double]
    /// `h_p` per jurisdiction.
    let conversion: [Double]

    static let none = HukouCalibration(ratio: [], conversion: [])

    /// Sichuan's pace and gap, Chongqing's 2015 ratio (`population/migration_hukou.csv`, `province/`).
    static func calibrate(_ ds: BaseDataset, provinces: [Province]) throws -> HukouCalibration {
        let pop = ds.population
        func hukou(_ region: String, _ year: Int) throws -> Double {
            let rows = pop.figures(region: region, indicator: "hukou_urbanisation", year: year)
            guard let v = rows.first(where: { $0.vintage == "first-release" })?.value ?? rows.first?.value else {
                throw SimulationError.data("population/migration_hukou.csv: \(region) hukou_urbanisation \(year) is missing")
            }
            return v / 100
        }
        func resident(_ region: String, _ year: Int) throws -> Double {
            let indicator = year == 2015 ? "urbanization_2015_percent" : "urbanization_percent"
            guard let v = ds.provinceContext.value(region: region, indicator: indicator, year: year) else {
                throw SimulationError.data("province/: \(region) \(indicator) \(year) is missing")
            }
            return v / 100
        }
        let sc19 = try hukou("sichuan", 2019), sc18 = try hukou("sichuan", 2018), u19 = try resident("sichuan", 2019)
        guard u19 > sc19, sc19 >= sc18 else {
            throw SimulationError.data("population/migration_hukou.csv: Sichuan's hukou urbanisation 2018–19 (\(sc18), \(sc19)) must rise and stay below its resident rate \(u19)")
        }
        let h = (sc19 - sc18) / (u19 - sc19)
        let ratios: [Province: Double] = [.sichuan: sc19 / u19, .chongqing: try hukou("chongqing", 2015) / resident("chongqing", 2015)]
        return HukouCalibration(ratio: provinces.map { min(ratios[$0] ?? 1, 1) }, conversion: provinces.map { _ in h })
    }
}

enum HukouStock {
    /// `τ = max(0, 1 − b(t)/b)`: the lever's cut of the settlement barrier against the parameter.
    static func treatment(barrier: Double, base: Double) -> Double {
        base > 0 ? min(max(1 - barrier / base, 0), 1) : 0
    }

    /// `s̄ = Σ (H/P)·Out / Σ Out`, the urban-hukou share of the year's departures (0 when nobody leaves).
    static func moverShare(hukou: [Double], population: [Double], departures: [Double]) -> Double {
        var h = 0.0, n = 0.0
        for k in hukou.indices where population[k] > 0 {
            h += hukou[k] / population[k] * departures[k]
            n += departures[k]
        }
        return n > 0 ? h / n : 0
    }

    /// One step of one place (the type's comment).
    static func step(
        hukou h: Double, populationBefore p: Double, populationAfter q: Double, arrivals: Double, arrivalShare: Double,
        urbanAfter urban: Double, conversion: Double, response: Double, treatment tau: Double
    ) -> Double {
        guard p > 0 else { return min(arrivalShare * arrivals, q) }
        let stay = h * max(q - arrivals, 0) / p + arrivalShare * arrivals
        let gap = max(urban - stay, 0)
        let converted = min(gap, conversion * gap + response * tau * max(q - stay, 0))
        return stay + converted
    }
}
