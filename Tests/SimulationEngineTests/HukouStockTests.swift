import BaseData
import Foundation
import Testing
@testable import SimulationEngine

/// The hukou stock (issue 16 item 4, MODEL-v3 §3.5): urban-hukou residents, their conversion fitted to Sichuan's
/// 2018–19 pace, and the settlement lever's conversion sourced from An & Yan (2024).
@Suite("Hukou stock")
struct HukouStockTests {
    /// h and the base ratios recomputed from the published figures: Sichuan 35.87 → 36.78 % (2018–19) against its
    /// 53.79 % resident rate; Chongqing 41.25 % against 60.94 % (2015).
    @Test func calibrationFromThePublishedRates() throws {
        let ds = try Shared.dataset.get()
        let k = try HukouCalibration.calibrate(ds, provinces: [.sichuan, .chongqing])
        let h = (0.3678 - 0.3587) / (0.5379 - 0.3678)
        #expect(abs(k.conversion[0] - h) < 1e-12 && abs(k.conversion[1] - h) < 1e-12, "\(k.conversion) vs \(h)")
        #expect(abs(k.ratio[0] - 36.78 / 53.79) < 1e-12)
        #expect(abs(k.ratio[1] - 41.25 / 60.94) < 1e-12)
    }

    /// One step by hand: P 100 → 98 with 5 arrivals at s̄ = 0.3, H 40, urban 60 after, h 0.05, a 0.01, τ 0.5:
    /// H_stay = 40·93/100 + 1.5 = 38.7, gap 21.3, C = 0.05·21.3 + 0.01·0.5·(98 − 38.7) = 1.3615.
    @Test func oneStepByHand() {
        let next = HukouStock.step(
            hukou: 40, populationBefore: 100, populationAfter: 98, arrivals: 5, arrivalShare: 0.3, urbanAfter: 60,
            conversion: 0.05, response: 0.01, treatment: 0.5)
        #expect(abs(next - (38.7 + 1.3615)) < 1e-12)
        // Conversion never takes more than the urban residents without an urban hukou.
        let capped = HukouStock.step(
            hukou: 40, populationBefore: 100, populationAfter: 100, arrivals: 0, arrivalShare: 0, urbanAfter: 41,
            conversion: 0.5, response: 0.5, treatment: 1)
        #expect(abs(capped - 41) < 1e-12)
        #expect(HukouStock.treatment(barrier: 0.06, base: 0.15) == 1 - 0.06 / 0.15)
        #expect(HukouStock.treatment(barrier: 0.2, base: 0.15) == 0 && HukouStock.treatment(barrier: 0, base: 0.15) == 1)
    }

    /// Moves keep hukou types: with no conversion and no natural change, 10 people leaving A (H/P = 0.5) for B
    /// carry s̄ = 0.5, and the two places' H sums to what it was.
    @Test func movesKeepTheStock() {
        let s = HukouStock.moverShare(hukou: [50, 20], population: [100, 100], departures: [10, 0])
        #expect(s == 0.5)
        let a = HukouStock.step(hukou: 50, populationBefore: 100, populationAfter: 90, arrivals: 0, arrivalShare: s,
                                urbanAfter: 90, conversion: 0, response: 0, treatment: 0)
        let b = HukouStock.step(hukou: 20, populationBefore: 100, populationAfter: 110, arrivals: 10, arrivalShare: s,
                                urbanAfter: 110, conversion: 0, response: 0, treatment: 0)
        #expect(abs(a - 45) < 1e-12 && abs(b - 25) < 1e-12 && abs(a + b - 70) < 1e-12)
    }

    /// The lever's response reproduces An & Yan's estimate: four years at full treatment (the 2014 → 2018 horizon of
    /// their CFPS waves), no base conversion and ample urban residents, convert 1 − (1 − a)⁴ = 1.886 % of the
    /// population without an urban hukou: their 1.9 % within 0.05 pp.
    @Test func fourYearsAtFullTreatmentConvertAnAndYansShare() {
        let a = YearParameters().hukouConversionResponse
        var h = 30.0
        for _ in 0..<4 {
            h = HukouStock.step(hukou: h, populationBefore: 100, populationAfter: 100, arrivals: 0, arrivalShare: 0,
                                urbanAfter: 100, conversion: 0, response: a, treatment: 1)
        }
        let converted = (h - 30) / 70
        #expect(abs(converted - 0.019) < 5e-4, "\(converted)")
    }
}

/// Engine runs of the hukou stock (slow: bundled scenarios).
@Suite("Hukou stock in the runs", .tags(.slow), .skippedInFastRuns)
struct HukouStockRunTests {
    /// The baseline's 2019 stock is the province's ratio times the urban residents, so each province part's 2019
    /// hukou rate is its urbanisation times that ratio; the rate rises every year and stays a share.
    @Test func baselineBaseAndPath() throws {
        let t = try Shared.trajectory("baseline")
        for (place, ratio) in [("province-sichuan", 36.78 / 53.79), ("province-chongqing", 41.25 / 60.94)] {
            let u = try #require(t.value("urbanisation_rate", at: place, in: 2019))
            let h = try #require(t.value("hukou_urbanisation_rate", at: place, in: 2019))
            #expect(abs(h - u * ratio) < 1e-12, "\(place)")
            var previous = h
            for year in 2020...2035 {
                let v = try #require(t.value("hukou_urbanisation_rate", at: place, in: year))
                #expect(v > previous && v < 1, "\(place) \(year): \(previous) → \(v)")
                previous = v
            }
        }
    }

    /// MODEL-v3 §7.4: settlement reform raises hukou urbanisation more than resident urbanisation, in the circle
    /// and in both cores (measured: circle +0.11 / +0.04 pp in 2025, +0.50 / +0.13 pp in 2035).
    @Test func settlementReformRaisesHukouUrbanisationMoreThanResident() throws {
        let base = try Shared.trajectory("baseline"), reform = try Shared.trajectory("settlement-reform")
        func gain(_ id: String, _ place: String, _ year: Int) throws -> Double {
            try #require(reform.value(id, at: place, in: year)) - #require(base.value(id, at: place, in: year))
        }
        for year in [2025, 2035] {
            for place in ["circle", "core-chengdu", "core-chongqing"] {
                let hukou = try gain("hukou_urbanisation_rate", place, year), resident = try gain("urbanisation_rate", place, year)
                #expect(hukou > 0 && hukou > resident, "\(place) \(year): hukou \(hukou), resident \(resident)")
            }
        }
    }
}
