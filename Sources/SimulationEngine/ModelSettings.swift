import BaseData
import Foundation
import RegionalModels
import ScenarioSpec

/// The numeric parameters of one year, read from a scenario (its overrides and `parameter` levers applied)
/// by their catalog ids. Every value here has its id, unit, default and basis in `ParameterCatalog`.
struct YearParameters: Sendable {
    var flqDelta = 0.3
    var flqMethod = "flq"
    var circleInflowShare = 0.5
    var etaGoods = 1.0, etaServices = 1.5, etaNontradable = 3.0
    var t0 = 0.25
    var importScale = 1.0
    var supplyCapEpsilon = 0.05
    var massSmoothing = 0.3
    var utilitySmoothing = 0.5
    var wageElasticity = 1.5
    var employmentElasticityRatio = 1.0
    var distanceElasticity = 1.0
    var grossOutRate = 0.02
    var hukouBarrier = 0.15
    /// a_h: extra yearly hukou conversion at a full cut of the settlement barrier (`HukouStock`).
    var hukouConversionResponse = 0.00475
    var uMax = 0.85, uMaxCore = 0.97
    /// μ_u and ζ: the urban shares of arrivals and departures (`MoverUrbanShares`).
    var moverUrbanShares = MoverUrbanShares.neutral
    /// ε_u and ε_m: how the national urbanisation pace index m(t) scales in-situ conversion and gross migration
    /// (MODEL.md §14, "National pace").
    var urbanNationalPaceElasticity = 1.0, migrationNationalPaceElasticity = 1.0
    /// w_γ and τ_d: the weight on the fitted late-2010s migration trend γ_p and the decay time of d(t)'s
    /// increments after the vintage (MODEL-v3 §3.4, `MigrationTrend`).
    var migrationTrendWeight = 1.0, migrationTrendDecay = 8.0
    /// w of the population's intercept correction at a vintage after the census (`PostCensusDrift`).
    var postCensusCorrection = 0.0
    var growth = GrowthPath()
    var capitalShare = 0.425
    var depreciation = 0.096
    var initialCapitalOutput = 3.0
    var inputSaving = 0.0
    /// The R&D knowledge stock (MODEL-v3 §4.3): θ_R, θ_S, τ_K (hours), δ_R.
    var rdElasticity = 0.08, spillover = 0.03, spilloverDistance = 2.0, rdDepreciation = 0.15
    /// χ_R: the share of extra R&D spending that replaces physical investment within GFCF (`DemandStage`).
    var rdCrowdingOut = 1.0
    var exportPriceElasticity = 2.0
    /// The price block (MODEL-v3 §4.4): β_U, φ_w, ε_CU (`PriceParameters`).
    var prices = PriceParameters()
    /// η_D, the constant-output own-wage elasticity of labour demand in the employment closure (`IncomeStage.employment`).
    var labourDemandElasticity = 0.30
    /// Armington elasticities σ_A of goods (sectors on freight times) and services (MODEL-v3 §4.5).
    var armingtonGoods = 2.0, armingtonServices = 1.0
    /// λ_P: weight of the local CPI in the migration wage term (docs/MODEL.md §5).
    var costOfLivingWeight = 1.0
    var consumptionIncomeElasticity = 0.9
    var urbanRuralConsumptionRatio = 2.1
    var transport = TransportParameters()
    /// `national.path`: the 2019 projection or the realised path (MODEL-v3 §1).
    var realisedNationalPath = false
    /// `growth.closure: forecast`: κ(t) held after the vintage (MODEL-v3 §4.6).
    var forecastClosure = true

    /// Whether the forecast closure holds κ in `year`: under `growth.closure: forecast`, every year after the
    /// vintage (and after the base year). Investment then expects last year's simulated growth.
    func holdsDemandShifter(in year: Int) -> Bool {
        forecastClosure && year > max(vintage, RunConventions.baseYear)
    }
    /// `calibration.vintage` V (MODEL-v3 §1.1).
    var vintage = 2019
    /// `demography.levelWindowStart`: the first year of the provinces' vital-level window (`RelativeVitalLevels`).
    var vitalLevelWindowStart = 2019

    init() {}

    /// Reads every parameter the engine uses from `scenario` for `year`.
    init(scenario: Scenario, year: Int) throws {
        func v(_ id: String) throws -> Double {
            do { return try scenario.parameterValue(id, at: year) } catch { throw SimulationError.scenario("\(error)") }
        }
        flqDelta = try v("flq.delta")
        do { flqMethod = try scenario.parameterChoice("flq.method") } catch { throw SimulationError.scenario("\(error)") }
        circleInflowShare = try v("trade.circleInflowShare")
        etaGoods = try v("trade.eta.goods")
        etaServices = try v("trade.eta.services")
        etaNontradable = try v("trade.eta.nontradable")
        t0 = try v("trade.t0")
        importScale = try v("trade.importScale")
        supplyCapEpsilon = try v("trade.supplyCapEpsilon")
        massSmoothing = try v("trade.massSmoothing")
        utilitySmoothing = try v("migration.utilitySmoothing")
        wageElasticity = try v("migration.wageElasticity")
        employmentElasticityRatio = try v("migration.employmentElasticityRatio")
        distanceElasticity = try v("migration.distanceElasticity")
        grossOutRate = try v("migration.grossOutRate")
        hukouBarrier = try v("migration.hukouBarrier")
        hukouConversionResponse = try v("migration.hukouConversionResponse")
        uMax = try v("urbanisation.uMax")
        uMaxCore = try v("urbanisation.uMaxCore")
        moverUrbanShares = MoverUrbanShares(
            arrivals: try v("urbanisation.migrantUrbanShare"), leaverOdds: try v("urbanisation.leaverUrbanOdds"))
        urbanNationalPaceElasticity = try v("urbanisation.nationalPaceElasticity")
        migrationNationalPaceElasticity = try v("migration.nationalPaceElasticity")
        migrationTrendWeight = try v("migration.trendWeight")
        migrationTrendDecay = try v("migration.trendDecay")
        postCensusCorrection = try v("migration.postCensusCorrection")
        growth.national2020 = try v("growth.national.rate2020")
        growth.national2021to2025 = try v("growth.national.rate2021to2025")
        growth.national2026to2030 = try v("growth.national.rate2026to2030")
        growth.annualDeclineAfter2030 = try v("growth.national.declineAfter2030")
        growth.excessDecayYears = try v("growth.circleExcessDecay")
        capitalShare = try v("growth.capitalShare")
        depreciation = try v("growth.depreciation")
        initialCapitalOutput = try v("growth.initialCapitalOutput")
        inputSaving = try v("growth.inputSaving")
        rdElasticity = try v("tfp.rdElasticity")
        spillover = try v("tfp.spillover")
        spilloverDistance = try v("tfp.spilloverDistance")
        rdDepreciation = try v("rd.depreciation")
        rdCrowdingOut = try v("rd.physicalCrowdingOut")
        exportPriceElasticity = try v("exports.priceElasticity")
        prices.unemploymentElasticity = try v("wage.unemploymentElasticity")
        prices.wageAdjustment = try v("wage.adjustment")
        labourDemandElasticity = try v("wage.labourDemandElasticity")
        prices.utilisationElasticity = try v("prices.utilisationElasticity")
        armingtonGoods = try v("trade.armington.goods")
        armingtonServices = try v("trade.armington.services")
        costOfLivingWeight = try v("migration.costOfLivingWeight")
        consumptionIncomeElasticity = try v("consumption.incomeElasticity")
        urbanRuralConsumptionRatio = try v("consumption.urbanRuralRatio")
        transport.railOperatingFactor = try v("transport.railOperatingFactor")
        transport.stopMinutes = try v("transport.stopMinutes")
        transport.roadDetourFactor = try v("transport.roadDetour")
        transport.roadSpeedKmh = try v("transport.roadSpeed")
        transport.accessEgressHours = try v("transport.accessEgressHours")
        transport.localSpeedKmh = try v("transport.localSpeed")
        transport.borderLegHours = try v("transport.borderLegHours")
        transport.defaultConventionalSpeedKmh = try v("transport.defaultConventionalSpeed")
        transport.freightTrainSpeedKmh = try v("transport.freightTrainSpeed")
        transport.railDetourForMissingLength = try v("transport.railDetourForMissingLength")
        growth.nationalShift = try v("growth.national.shift")
        do { realisedNationalPath = try scenario.parameterChoice("national.path") == "realised" } catch { throw SimulationError.scenario("\(error)") }
        vintage = Int(try v("calibration.vintage").rounded())
        vitalLevelWindowStart = Int(try v("demography.levelWindowStart").rounded())
        do { forecastClosure = try scenario.parameterChoice("growth.closure") == "forecast" } catch { throw SimulationError.scenario("\(error)") }
    }

    /// `w_γ·(d(t) − d̄)` of the step of `year` (MODEL-v3 §3.4).
    func migrationTrend(year: Int) -> Double {
        migrationTrendWeight * MigrationTrend.shift(year: year, vintage: vintage, decayYears: migrationTrendDecay)
    }

    var migration: MigrationParameters {
        var p = MigrationParameters()
        p.wageElasticity = wageElasticity
        p.employmentRateElasticity = wageElasticity * employmentElasticityRatio
        p.travelTimeElasticity = distanceElasticity
        p.timeOffsetHours = t0
        return p
    }
}

/// Failures of a simulation run, each naming its cause. `isNumerical` separates numerical failures
/// (exit code 3) from bad input (exit code 2). A failure of a lower layer keeps its typed error.
public enum SimulationError: Error, Sendable, CustomStringConvertible {
    case scenario(String)
    case data(String)
    case numerical(String)
    /// An error of a lower layer (MatrixCore, RegionalModels, ScenarioSpec, BaseData), typed, with what the
    /// engine was doing when it came.
    case underlying(context: String, error: any Error)

    /// Numerical failures: the engine's own, and those of the maths layers below it. A scenario or data
    /// error from below (a bad parameter, a bad data file) is bad input.
    public var isNumerical: Bool {
        switch self {
        case .numerical: return true
        case .scenario, .data: return false
        case let .underlying(_, error):
            if let e = error as? SimulationError { return e.isNumerical }
            return !(error is ScenarioError) && !(error is BaseDataError)
        }
    }

    /// The underlying typed error, where there is one.
    public var underlyingError: (any Error)? {
        if case let .underlying(_, error) = self { return error }
        return nil
    }

    public var description: String {
        switch self {
        case let .scenario(s): return "scenario: \(s)"
        case let .data(s): return "base data: \(s)"
        case let .numerical(s): return "numerical failure: \(s)"
        case let .underlying(context, error):
            return "\(isNumerical ? "numerical failure" : "input") while \(context): \(error)"
        }
    }
}
