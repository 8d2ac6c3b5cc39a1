import Foundation
import ScenarioSpec
import Reporting
import SimulationEngine

/// Synthetic trajectories built by hand for the Reporting tests (the engine is not needed).
enum Synthetic {
    static let gdp = IndicatorDefinition(
        id: "gdp", unit: "100m yuan", kind: .simulated, aggregation: .sum, description: "gross domestic product")
    static let urbanisation = IndicatorDefinition(
        id: "urbanisation_rate", unit: "fraction", kind: .simulated, aggregation: .ratioOfSums,
        description: "urban residents / residents")
    static let population = IndicatorDefinition(
        id: "population", unit: "persons", kind: .simulated, aggregation: .sum, description: "resident population")
    static let railKm = IndicatorDefinition(
        id: "rail_km", unit: "km", kind: .accounted, aggregation: .sum, description: "railway operating length")
    static let fiveG = IndicatorDefinition(
        id: "fiveg_coverage", unit: "fraction", kind: .notModelled, aggregation: .meanOverCities,
        description: "5G coverage")

    static let circle = Place(id: "circle", kind: .circle, nameZh: "成渝地区双城经济圈", nameEn: "Twin-City Economic Circle")
    static let coreChengdu = Place(id: "core-chengdu", kind: .group, nameZh: "成都", nameEn: "Core Chengdu")
    static let provinceSichuan = Place(id: "province-sichuan", kind: .group, nameZh: "四川", nameEn: "Sichuan part")
    static let chengdu = Place(id: "sc-chengdu", kind: .jurisdiction, nameZh: "成都", nameEn: "Chengdu")
    static let yuzhong = Place(id: "cq-yuzhong", kind: .jurisdiction, nameZh: "渝中", nameEn: "Yuzhong")
    static let deyang = Place(id: "sc-deyang", kind: .jurisdiction, nameZh: "德阳", nameEn: "Deyang")

    /// Two years, three places, two indicators, three goals: the golden-file trajectory.
    static func tiny(timings: [String: Double] = ["lu": 0.5]) -> Trajectory {
        var diagnostics = RunDiagnostics()
        diagnostics.matrixOrder = 84
        diagnostics.spectralRadius = 0.45
        diagnostics.largestColumnSum = 0.5
        diagnostics.reciprocalCondition = 0.25
        diagnostics.calibrationResidual = 1e-12
        diagnostics.factorisations = 2
        diagnostics.warnings = ["growth above 9 %"]
        diagnostics.timingsSeconds = timings
        return Trajectory(
            scenario: ScenarioIdentity(name: "tiny", title: "A tiny scenario", file: "Scenarios/tiny.yaml", contentHash: "abc123"),
            years: [2019, 2020],
            indicators: [gdp, urbanisation],
            places: [circle, coreChengdu, chengdu],
            series: [
                "gdp": ["circle": [100.5, 110.25], "core-chengdu": [50.0, 55.125], "sc-chengdu": [50.0, 55.125]],
                "urbanisation_rate": ["circle": [0.6, 0.62], "sc-chengdu": [0.75, nil]],
            ],
            goals: [
                GoalResult(
                    goalID: "urb-2020", year: 2020, indicatorID: "urbanisation_rate", place: "circle", comparison: .atLeast,
                    target: 0.5, band: nil, unit: "fraction", value: 0.62, kind: .simulated,
                    source: "Outline, ch. 2 \"goals\"", basis: "official"),
                GoalResult(
                    goalID: "gdp-2020", year: 2020, indicatorID: "gdp", place: "circle", comparison: .about, target: 110,
                    band: 1, unit: "100m yuan", value: 110.25, kind: .simulated, source: "S-PLAN", basis: "modelling-choice"),
                GoalResult(
                    goalID: "fiveg-2025", year: 2025, indicatorID: "fiveg_coverage", place: "circle", comparison: .atLeast,
                    target: 0.9, band: nil, unit: "fraction", value: nil, kind: .notModelled, source: "S-PLAN",
                    basis: "official"),
            ],
            diagnostics: diagnostics,
            estimatedInputs: ["sc-chengdu:rd"])
    }

    /// 2019–2035, six places, five indicators; `growth` sets the GDP growth rate and `urbanGain` the yearly
    /// rise of the urbanisation rate, so that scenarios differ and goals are met or missed.
    static func full(name: String, growth: Double = 0.05, urbanGain: Double = 0.008) -> Trajectory {
        let years = Array(2019...2035)
        let places = [circle, coreChengdu, provinceSichuan, chengdu, yuzhong, deyang]
        let shares: [String: Double] = ["sc-chengdu": 0.24, "cq-yuzhong": 0.02, "sc-deyang": 0.04]
        var series: [String: [String: [Double?]]] = [:]
        func path(_ f: (Int) -> Double) -> [Double?] { years.map { Optional(f($0 - 2019)) } }
        let circleGDP = path { 73919.2 * pow(1 + growth, Double($0)) }
        let circlePop = path { 98_000_000 * pow(1.002, Double($0)) }
        series["gdp", default: [:]]["circle"] = circleGDP
        series["population", default: [:]]["circle"] = circlePop
        series["urbanisation_rate", default: [:]]["circle"] = path { 0.613 + urbanGain * Double($0) }
        series["rail_km", default: [:]]["circle"] = path { 9000 + 200 * Double($0) }
        series["fiveg_coverage", default: [:]]["circle"] = path { _ in 0.8 }
        for (place, share) in shares {
            series["gdp", default: [:]][place] = circleGDP.map { $0.map { $0 * share } }
            series["population", default: [:]][place] = path { 98_000_000 * share * pow(1 + share / 50, Double($0)) }
            series["urbanisation_rate", default: [:]][place] = path { min(0.99, 0.5 + share + urbanGain * Double($0)) }
        }
        for group in ["core-chengdu", "province-sichuan"] {
            let share = group == "core-chengdu" ? 0.24 : 0.6
            series["gdp", default: [:]][group] = circleGDP.map { $0.map { $0 * share } }
            series["population", default: [:]][group] = circlePop.map { $0.map { $0 * share } }
        }
        func value(_ id: String, _ year: Int) -> Double? { series[id]!["circle"]![year - 2019] }
        let goals = [
            GoalResult(
                goalID: "urbanisation-2025", year: 2025, indicatorID: "urbanisation_rate", place: "circle",
                comparison: .atLeast, target: 0.66, band: nil, unit: "fraction", value: value("urbanisation_rate", 2025),
                kind: .simulated, source: "Outline ch. 2", basis: "official"),
            GoalResult(
                goalID: "population-2035", year: 2035, indicatorID: "population", place: "circle", comparison: .about,
                target: 101_000_000, band: 1_500_000, unit: "persons", value: value("population", 2035), kind: .simulated,
                source: "modelling choice", basis: "modelling-choice"),
            GoalResult(
                goalID: "rail-2025", year: 2025, indicatorID: "rail_km", place: "circle", comparison: .atLeast, target: 10000,
                band: nil, unit: "km", value: value("rail_km", 2025), kind: .accounted, source: "Outline ch. 4",
                basis: "official"),
            GoalResult(
                goalID: "fiveg-2025", year: 2025, indicatorID: "fiveg_coverage", place: "circle", comparison: .atLeast,
                target: 0.9, band: nil, unit: "fraction", value: nil, kind: .notModelled, source: "Outline ch. 5",
                basis: "official"),
        ]
        return Trajectory(
            scenario: ScenarioIdentity(name: name, title: "Synthetic \(name)", file: nil, contentHash: String(repeating: "0f", count: 32)),
            years: years, indicators: [gdp, population, urbanisation, railKm, fiveG], places: places, series: series,
            goals: goals, diagnostics: RunDiagnostics())
    }

    static let seats = [
        SeatLocation(place: "sc-chengdu", name: "成都", latitude: 30.66, longitude: 104.07),
        SeatLocation(place: "cq-yuzhong", name: "渝中", latitude: 29.55, longitude: 106.57),
        SeatLocation(place: "sc-deyang", name: "德阳", latitude: 31.13, longitude: 104.40),
    ]
}

extension Synthetic {
    /// A closed square ring of side `size` degrees with its south-west corner at (lon, lat).
    static func square(lon: Double, lat: Double, size: Double = 1) -> [SIMD2<Double>] {
        [SIMD2(lon, lat), SIMD2(lon + size, lat), SIMD2(lon + size, lat + size), SIMD2(lon, lat + size), SIMD2(lon, lat)]
    }

    /// The three seats with square boundaries side by side (成都 [104, 105] × [30, 31], 德阳 [105, 106] × [30, 31],
    /// 渝中 [106, 107] × [30, 31]); 德阳 has a part outside the circle in its north-east corner.
    static let mapSeats = [
        SeatLocation(place: "sc-chengdu", name: "成都", latitude: 30.5, longitude: 104.5, boundary: [[square(lon: 104, lat: 30)]]),
        SeatLocation(
            place: "sc-deyang", name: "德阳", latitude: 30.5, longitude: 105.5, boundary: [[square(lon: 105, lat: 30)]],
            outside: [[square(lon: 105.5, lat: 30.5, size: 0.5)]]),
        SeatLocation(place: "cq-yuzhong", name: "渝中", latitude: 30.5, longitude: 106.5, boundary: [[square(lon: 106, lat: 30)]]),
    ]
}

/// SHA-256 for the manifests in tests: the production implementation of ScenarioSpec.
enum TestSHA256 {
    static func hex(_ data: Data) -> String { SHA256.hex(SHA256.digest(Array(data))) }
}
