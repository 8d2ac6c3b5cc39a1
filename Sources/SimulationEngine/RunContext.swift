import BaseData
import Foundation
import MatrixCore
import RegionalModels
import ScenarioSpec

/// What a pass fixes before its first year (MODEL.md §2–9): the calibrated 2019, the resolved levers, the
/// network, and the 2019 quantities the equations index to. Immutable.
struct RunContext: Sendable {
    let structure: CircleStructure
    let base: BaseYear
    let plan: LeverPlan
    let network: TransportNetwork
    let parameters2019: YearParameters
    let effectsBase: YearEffects.Base
    /// The circle's 2016–19 mean real growth (base data; outline "above 8 %" as fallback).
    let circleGrowth2016to2019: Double
    /// The circle's mean population growth 2017–19 (MODEL.md §7 growth accounting).
    let circlePopulationGrowth2017to2019: Double
    /// Δ0 = circle 2016–19 growth − China's (MODEL.md §7).
    let circleExcess2019: Double
    /// ψ = gA/gY of the 2015–19 growth accounting, and that gA (MODEL.md §7).
    let tfpShareOfGrowth: Double
    let tfpGrowth2019: Double
    /// Urbanisation trend k per jurisdiction: its province's logit rate 2015 → 2019 (MODEL.md §5).
    let urbanTrend: [Double]
    /// Compensation and employment per jurisdiction in 2019.
    let compensation2019: [Double], employment2019: [Double]
    /// Proxy emissions per jurisdiction in 2019 (MODEL.md §8).
    let emissions2019: [Double]
    /// The circle's rail km in 2019 (base data, or the outline's density × area).
    let railKilometres2019: Double
    let coreChongqing: [Int], coreChengdu: [Int]
    /// The national path (growth and deflator) and the circle's history up to the vintage (MODEL-v3 §1).
    let national: NationalPath
    let circleHistory: CircleHistory
    /// The official technical-progress statistic's elasticity and pre-base rates (MODEL-v3 §4.8).
    let technicalProgress: TechnicalProgressCalibration
    /// The cohort-component block's inputs (MODEL-v3 §3).
    let demography: Demography
    /// The observed growth 2020 → V of the population's intercept correction (empty at V ≤ 2020).
    let postCensusDrift: PostCensusDrift

    var population2019: [Double] { base.population }
    var gdp2019: [Double] { base.gdp }

    /// Compensation per jurisdiction, `Σ_i c[r,i]·x[r,i]` (MODEL.md §6).
    func compensation(_ x: [Double]) -> [Double] {
        let r = structure.dims.regions, s = structure.dims.sectors
        return (0..<r).map { reg in (0..<s).reduce(0.0) { $0 + base.compensationCoefficient[reg * s + $1] * x[reg * s + $1] } }
    }
}

/// The state a year reads and the next year inherits (MODEL.md §9), per jurisdiction unless stated.
struct EconomyState: Sendable {
    var population: [Double], urban: [Double]
    /// Urban-hukou residents (`HukouStock`; MODEL-v3 §3.5's H).
    var urbanHukou: [Double]
    /// Gross output by industry, and the smoothed trade masses M(t) (MODEL.md §3).
    var output: [Double], mass: [Double]
    var gdp: [Double], employment: [Double], capital: [Double]
    /// Investment placed in each jurisdiction last year (for the perpetual inventory).
    var investmentLocated: [Double]
    var tfp: [Double], tfpRestOfChina: Double
    var rdIntensity: [Double]
    /// The R&D knowledge stocks and spillover pools (MODEL-v3 §4.3, `KnowledgeStage`).
    var knowledge: KnowledgeState
    var consumptionUrbanPerHead: [Double], consumptionRuralPerHead: [Double], governmentPerHead: [Double]
    var gdpPerHeadPrevious: [Double], incomePerHeadPrevious: [Double]
    /// Net migration of the last population step (recorded with the next year), and the core–core flow.
    var netMigration: [Double]
    var coreMigration: Double?
    /// Age–sex structure (MODEL-v3 §3.1); `population[r] == cohorts[r].total` after every population step.
    var cohorts: [Cohorts]
    /// The flows of the last population step per jurisdiction (recorded with the next year), persons.
    var births: [Double], deaths: [Double], inMigrants: [Double], outMigrants: [Double]
    /// Labour demand of the labour-requirement rule (MODEL.md §7), chained year to year; employment is the
    /// closure of `IncomeStage.employment` on it (against the lever-free pass's) and the labour force.
    /// `LF[r](t)` of the year's cohorts (`Demography.labourForce`), set once a year by `IncomeStage` and read by the
    /// price and recording stages (the cohorts do not change between them).
    var labourForce: [Double]
    var labourDemand: [Double]
    /// Circle growth of real GDP, capital and employment by year, for the contribution of technical progress.
    var gdpGrowthHistory: [Int: Double] = [:]
    var capitalGrowthHistory: [Int: Double] = [:], employmentGrowthHistory: [Int: Double] = [:]
    var migration: MigrationState
    /// Prices, wages, CPI and nominal GDP of the year (MODEL-v3 §4.4, `PriceStage`).
    var prices: PriceState
    /// The model's 2020 population and the frozen rates of the intercept correction (`PostCensusDrift`).
    var postCensus = PostCensusDrift.State()
}

/// The year's growth path of the circle and China (MODEL.md §7): the targets κ(t) and the rest of China use.
struct GrowthTargets: Sendable {
    let national: Double, circle: Double
    /// National and circle GDP indices, 2019 = 1.
    let nationalIndex: Double, circleIndex: Double

    init(parameters p: YearParameters, context: RunContext, year: Int) {
        var growth = p.growth
        growth.circleExcess2019 = context.circleHistory.excess
        growth.excessOrigin = context.circleHistory.origin
        growth.observedNational = context.national.growth
        growth.observedCircle = context.circleHistory.growth
        national = growth.nationalGrowth(year)
        circle = growth.circleGrowth(year)
        nationalIndex = growth.index(year, circle: false)
        circleIndex = growth.index(year, circle: true)
    }
}

/// Region-to-region travel times and gateway hours of one network state.
struct RegionTimes: Sendable {
    let freight: Matrix, passenger: Matrix, gatewayFreight: [Double], gatewayPassenger: [Double]
}

/// Travel times per network state: shortest paths are computed once per set of open segments, i.e. only in
/// years when a segment opens (MODEL.md §6).
struct TravelTimeCache: Sendable {
    let network: TransportNetwork
    let structure: CircleStructure
    private var known: [[Bool]: RegionTimes] = [:]

    init(network: TransportNetwork, structure: CircleStructure) {
        self.network = network
        self.structure = structure
    }

    mutating func times(year: Int) -> RegionTimes {
        let signature = network.openSignature(year: year)
        if let t = known[signature] { return t }
        let f = network.travelTimes(year: year, kind: .freight), p = network.travelTimes(year: year, kind: .passenger)
        let gf = network.gatewayHours(year: year, kind: .freight, travelTimes: f)
        let gp = network.gatewayHours(year: year, kind: .passenger, travelTimes: p)
        let cs = structure
        let t = RegionTimes(
            freight: cs.regionTimes(f), passenger: cs.regionTimes(p), gatewayFreight: cs.nodeOf.map { gf[$0] },
            gatewayPassenger: cs.nodeOf.map { gp[$0] })
        known[signature] = t
        return t
    }
}

/// The calibrated 2019 and its spectral diagnostics, shared by the passes of one run when their 2019
/// inputs (parameters and 2019 travel times) are the same.
struct PreparedBaseYear: Sendable {
    let times: RegionTimes
    let base: BaseYear
    let spectralRadius: SpectralRadiusEstimate
    let largestColumnSum: Double

    func matches(_ t: RegionTimes) -> Bool {
        t.freight.storage == times.freight.storage && t.passenger.storage == times.passenger.storage
            && t.gatewayFreight == times.gatewayFreight && t.gatewayPassenger == times.gatewayPassenger
    }

    /// Calibrates 2019 (MODEL.md §2–4) and brackets ρ(A) on the operator (MODEL.md §11).
    static func calibrate(structure cs: CircleStructure, parameters p0: YearParameters, times t: RegionTimes) throws -> PreparedBaseYear {
        let base = try BaseYear.calibrate(
            structure: cs, parameters: p0, freight: t.freight, passenger: t.passenger,
            gatewayFreight: t.gatewayFreight, gatewayPassenger: t.gatewayPassenger)
        // Spectral checks on the operator form of A (O(R·S² + R²·S) per product instead of n²).
        let op0 = base.coefficientsOperator
        let n = cs.dims.industries
        let largest = op0.columnSums.max() ?? 0
        var av = [Double](repeating: 0, count: n)
        var scratch = [Double](repeating: 0, count: CheneryMosesOperator.scratchCount(dimensions: cs.dims, columns: 1))
        let rho = try Matrix.perronBracket(order: n, upperBound: largest, iterations: RunConventions.spectralIterations) { v, w in
            v.withUnsafeBufferPointer { vp in
                av.withUnsafeMutableBufferPointer { ap in
                    scratch.withUnsafeMutableBufferPointer { sp in
                        op0.apply(vp.baseAddress!, columns: 1, into: ap.baseAddress!, scratch: sp.baseAddress!)
                    }
                }
            }
            for k in 0..<n { w[k] += av[k] }
        }
        return PreparedBaseYear(times: t, base: base, spectralRadius: rho, largestColumnSum: largest)
    }

    /// Records the calibration's diagnostics and refuses a base year that cannot be run.
    func check(structure cs: CircleStructure, diagnostics: inout RunDiagnostics) throws {
        diagnostics.matrixOrder = cs.dims.industries
        diagnostics.calibrationResidual = base.calibrationResidual
        diagnostics.cappedCells = base.capped.count
        let lowPhi = base.capped.filter { $0.phi < RunConventions.lowSupplyCapWarning }
        if !lowPhi.isEmpty {
            diagnostics.warnings.append("supply cap: \(lowPhi.count) cells with φ < \(RunConventions.lowSupplyCapWarning): " + lowPhi.prefix(10).map {
                "\(cs.ids[$0.region]):\(cs.sectors[$0.sector].id) φ=\(String(format: "%.3f", $0.phi))"
            }.joined(separator: ", ") + (lowPhi.count > 10 ? ", …" : ""))
        }
        guard base.calibrationResidual < RunConventions.calibrationResidualLimit else {
            throw SimulationError.numerical("base-year calibration residual ‖L·y0 − x0‖/‖x0‖ = \(base.calibrationResidual) exceeds \(RunConventions.calibrationResidualLimit)")
        }
        diagnostics.largestColumnSum = largestColumnSum
        guard largestColumnSum < RunConventions.columnSumLimit else {
            throw SimulationError.numerical("a column sum of A reaches \(largestColumnSum) ≥ 1 − 1e-6: the economy cannot produce its own inputs")
        }
        diagnostics.spectralRadius = spectralRadius.upperBound
        diagnostics.spectralRadiusLowerBound = spectralRadius.lowerBound
        diagnostics.reciprocalCondition = base.reciprocalCondition
    }
}
