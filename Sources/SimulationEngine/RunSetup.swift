import BaseData
import Foundation
import MatrixCore
import RegionalModels
import ScenarioSpec

/// The first stage of a pass (MODEL.md §2–7): the network, the calibrated 2019 (shared between the passes of
/// a run), the resolved levers, the 2019 growth accounting, the migration zones and the urbanisation trends;
/// gives the run's `RunContext` and the 2019 `EconomyState`.
struct RunSetup {
    let context: RunContext
    let state: EconomyState
    var times: TravelTimeCache
    let times2019: RegionTimes
    /// The regional observations the calibration read, `region:indicator:year` (the vintage rule's log).
    let observationsRead: [String]

    /// Fallbacks where the base data lack a figure, each a published or stated value (see the calibration
    /// table of `README.md`).
    enum Fallback {
        /// The circle's 2017 resident population, 万人 (base data `pop_2017_10k_persons`).
        static let circlePopulation2017TenThousand = 9495.0
        /// The outline's 2019 resident population, 万人 (“9,600万”).
        static let circlePopulationPlanTenThousand = 9600.0
        /// China's 2019 GDP per head, yuan (NBS 2019 communiqué: 70,892).
        static let chinaGDPPerHead2019Yuan = 70_892.0
        /// Province urbanisation, per cent, where the base data lack 2015 or 2019 (assumptions).
        static let urbanisation2015Percent = 55.0, urbanisation2019Percent = 60.0
    }

    init(
        simulator: Simulator, scenario: Scenario, applyLevers: Bool, prepared: inout PreparedBaseYear?,
        diagnostics: inout RunDiagnostics
    ) throws {
        let cs = simulator.structure
        let clock = ContinuousClock()
        let p0 = try YearParameters(scenario: scenario, year: RunConventions.baseYear)
        let networkStart = clock.now
        let tp = try simulator.fittedTransport(scenario, p0)
        let network = try cs.network(for: applyLevers ? scenario : scenario.withoutLevers(), parameters: tp)
        times = TravelTimeCache(network: network, structure: cs)
        times2019 = times.times(year: RunConventions.baseYear)
        diagnostics.timingsSeconds["network"] = (clock.now - networkStart).seconds
        let calibrationStart = clock.now
        let ready: PreparedBaseYear
        if let p = prepared, p.matches(times2019) {
            ready = p
        } else {
            ready = try PreparedBaseYear.calibrate(structure: cs, parameters: p0, times: times2019)
            prepared = ready
        }
        diagnostics.timingsSeconds["calibration"] = (clock.now - calibrationStart).seconds
        try ready.check(structure: cs, diagnostics: &diagnostics)
        let plan = try LeverPlan(applyLevers ? scenario.levers : [], structure: cs)
        var observations = VintagedObservations(history: cs.dataset.history, vintage: p0.vintage)
        context = try Self.context(
            structure: cs, base: ready.base, plan: plan, network: network, parameters: p0, scenario: scenario,
            observations: &observations)
        observationsRead = observations.reads
        let zoneStart = clock.now
        let migration = try Self.calibrateMigration(context: context, times: times2019)
        diagnostics.warnings += migration.warnings
        diagnostics.timingsSeconds["zones"] = (clock.now - zoneStart).seconds
        var initial = Self.initialState(context: context, migration: migration, passengerTimes2019: times2019.passenger)
        if context.parameters2019.forecastClosure { Self.carryGrowthInto2020(&initial, context: context) }
        state = initial
    }

    /// The run's fixed quantities (MODEL.md §5, §7, §8).
    static func context(
        structure cs: CircleStructure, base: BaseYear, plan: LeverPlan, network: TransportNetwork, parameters p0: YearParameters,
        scenario: Scenario, observations: inout VintagedObservations
    ) throws -> RunContext {
        let ds = cs.dataset
        let r = cs.dims.regions, s = cs.dims.sectors
        let growth = growthAccounting2019(structure: cs, base: base, parameters: p0)
        let emitting = cs.sectors.map { sec -> Double in
            guard let code = Int(sec.id) else { return 0 }
            return SectorCodes.emittingCodes.contains(code) || code == SectorCodes.emittingTransport ? 1 : 0
        }
        let emissions0 = (0..<r).map { reg in (0..<s).reduce(0.0) { $0 + emitting[$1] * base.output[reg * s + $1] } }
        let cleanShare0: Double
        do { cleanShare0 = try scenario.parameterValue("emissions.cleanEnergyShare2019") } catch {
            throw SimulationError.underlying(context: "reading emissions.cleanEnergyShare2019", error: error)
        }
        let railBase = ds.provinceContext.value(region: "circle", indicator: "rail_density_km_per_100km2", year: 2019)
            .map { $0 * BaseDataset.planAreaKm2 / 100 } ?? CalibrationConstants.railKilometres2019Fallback
        guard p0.vintage == RunConventions.baseYear || p0.realisedNationalPath else {
            throw SimulationError.scenario("calibration.vintage \(p0.vintage) after \(RunConventions.baseYear) needs national.path: realised (a forecast from a later vintage conditions on what happened nationally)")
        }
        let national = p0.realisedNationalPath ? NationalPath.realised(ds.history) : .projection2019
        let history = try CircleHistory.fit(
            vintage: p0.vintage, national: national, structure: cs, gdp2019: base.gdp, excess2019: growth.excess,
            observations: &observations)
        let technicalProgress = try TechnicalProgressCalibration.calibrate(
            structure: cs, gdp2019: base.gdp, capitalGrowth: growth.capital, observations: &observations)
        let employment0 = (0..<r).map { reg in (0..<s).reduce(0.0) { $0 + base.labourCoefficient[reg * s + $1] * base.output[reg * s + $1] } }
        let compensation0 = (0..<r).map { reg in (0..<s).reduce(0.0) { $0 + base.compensationCoefficient[reg * s + $1] * base.output[reg * s + $1] } }
        return RunContext(
            structure: cs, base: base, plan: plan, network: network, parameters2019: p0,
            effectsBase: .init(rdIntensity: try rdIntensity2019(cs, observations: &observations), cleanEnergyShare2019: cleanShare0, emitting: emitting),
            circleGrowth2016to2019: growth.circle, circlePopulationGrowth2017to2019: growth.population, circleExcess2019: growth.excess, tfpShareOfGrowth: growth.psi,
            tfpGrowth2019: growth.tfp, urbanTrend: urbanTrends(cs, base: base, parameters: p0),
            compensation2019: compensation0, employment2019: employment0, emissions2019: emissions0,
            railKilometres2019: railBase, coreChongqing: cs.groupMembers["core-chongqing"] ?? [],
            coreChengdu: cs.groupMembers["core-chengdu"] ?? [], national: national, circleHistory: history,
            technicalProgress: technicalProgress,
            demography: try Demography.build(
                structure: cs, population2019: base.population, employment2019: employment0, realisedNational: p0.realisedNationalPath,
                levelWindowStart: p0.vitalLevelWindowStart),
            postCensusDrift: try PostCensusDrift.fit(structure: cs, vintage: p0.vintage, observations: &observations))
    }

    /// 2015–19 growth accounting of the circle (MODEL.md §7): Δ0 = circle 2016–19 growth − China's;
    /// gA = gY − α·gK − (1 − α)·gL with gK = ι/κ_KY − δ_K and gL the 2017–19 population growth; ψ = gA/gY.
    static func growthAccounting2019(
        structure cs: CircleStructure, base: BaseYear, parameters p0: YearParameters
    ) -> (circle: Double, excess: Double, psi: Double, tfp: Double, capital: Double, population: Double) {
        let ds = cs.dataset
        let gdp0 = base.gdp
        let circleGrowth = (ds.provinceContext.value(region: "circle", indicator: "gdp_growth_2016_2019_mean_annual_percent", year: 2019)
            .map { $0 / 100 }) ?? CalibrationConstants.circleGrowth2016to2019Fallback
        let national = CalibrationConstants.nationalGrowth2016to2019
        let nationalMean = national.reduce(0, +) / Double(national.count)
        let iotaCircle = zip(base.investmentRate, gdp0).map { $0 * $1 }.reduce(0, +) / gdp0.reduce(0, +)
        let gK = iotaCircle / p0.initialCapitalOutput - p0.depreciation
        let pop2017 = (ds.provinceContext.value(region: "circle", indicator: "pop_2017_10k_persons", year: 2017)
            ?? Fallback.circlePopulation2017TenThousand) * 1e4
        let popPlan = (ds.provinceContext.value(region: "circle", indicator: "pop_plan_10k_persons", year: 2019)
            ?? Fallback.circlePopulationPlanTenThousand) * 1e4
        let gL = pow(popPlan / pop2017, 0.5) - 1
        let gA = GrowthAccounting.residual(outputGrowth: circleGrowth, capitalGrowth: gK, labourGrowth: gL, capitalShare: p0.capitalShare)
        return (circleGrowth, circleGrowth - nationalMean, gA / circleGrowth, gA, gK, gL)
    }

    /// R&D intensity 2019 per jurisdiction (MODEL.md §7): the jurisdiction's own published intensity, latest
    /// year ≤ 2019 (`history/regional_history.csv`: the 15 Sichuan cities publish it, 2018), read under the
    /// vintage rule; else its province's (Chongqing 2019 or 2018; Sichuan 2019), else the stated fallbacks.
    static func rdIntensity2019(_ cs: CircleStructure, observations: inout VintagedObservations) throws -> [Double] {
        let ds = cs.dataset
        let last = min(RunConventions.baseYear, observations.vintage)
        return try cs.jurisdictions.map { j -> Double in
            if let year = (2015...last).reversed().first(where: { ds.history.observation(j.id, "rd_intensity", year: $0) != nil }) {
                return try observations.value(j.id, "rd_intensity", year: year) / 100
            }
            if j.province == .chongqing {
                return (ds.provinceContext.value(region: "chongqing", indicator: "rd_intensity_percent", year: 2019)
                    ?? ds.provinceContext.value(region: "chongqing", indicator: "rd_intensity_percent", year: 2018)).map { $0 / 100 }
                    ?? CalibrationConstants.rdIntensityChongqingFallback
            }
            return ds.provinceContext.value(region: "sichuan", indicator: "rd_intensity_percent", year: 2019).map { $0 / 100 }
                ?? CalibrationConstants.rdIntensitySichuanFallback
        }
    }

    /// The years of the urbanisation trend's window, 2015 → 2019 (`urbanTrends`; `ModelDiscrepancy`'s hindcast).
    static let urbanTrendWindow = 4

    /// The urbanisation trend k per jurisdiction (MODEL.md §5): the in-situ part of its province's logit rate
    /// 2015 → 2019 under the jurisdiction's ceiling — the province's rate less what one year of the calibrated
    /// net migration (`NM/10`, arrivals at the destination's urban share) does to the urban share of the
    /// province's circle part by moving people between places (composition), on the same logit.
    static func urbanTrends(_ cs: CircleStructure, base: BaseYear, parameters p0: YearParameters) -> [Double] {
        let ds = cs.dataset
        let composition = migrationComposition(cs, base: base, grossOutRate: p0.grossOutRate, movers: p0.moverUrbanShares)
        return (0..<cs.dims.regions).map { reg in
            let uMax = cs.isCore[reg] ? p0.uMaxCore : p0.uMax
            let province = cs.jurisdictions[reg].province
            let prov = province.rawValue
            let u15 = (ds.provinceContext.value(region: prov, indicator: "urbanization_2015_percent", year: 2015) ?? Fallback.urbanisation2015Percent) / 100
            let u19 = (ds.provinceContext.value(region: prov, indicator: "urbanization_percent", year: 2019) ?? Fallback.urbanisation2019Percent) / 100
            let full = logitLinearRate(from: min(u15, uMax * 0.99), to: min(u19, uMax * 0.995), years: Double(urbanTrendWindow), ceiling: uMax)
            guard let c = composition[province] else { return full }
            return full - logitLinearRate(from: min(c.before, uMax * 0.99), to: min(c.after, uMax * 0.995), years: 1, ceiling: uMax)
        }
    }

    /// The urban share of each province's circle part in 2019 and after one year of the census decade's mean
    /// migration: the composition effect of its net migration `NM/10` and the movers' urban shares
    /// (`MoverUrbanShares`) on the gross flows the calibration gives each place, departures `o_z·P` (the zone's
    /// gross out-rate, `ZoneModel.grossOutRates`) and arrivals `o_z·P + NM/10`. With neutral movers it is the
    /// composition effect alone (every place's share unchanged).
    static func migrationComposition(
        _ cs: CircleStructure, base: BaseYear, grossOutRate: Double, movers: MoverUrbanShares
    ) -> [Province: (before: Double, after: Double)] {
        let net = cs.censusMigration.netMigration.map { $0 / 10 }
        let zones = ZoneModel(structure: cs)
        let outRate = ZoneModel.grossOutRates(base: grossOutRate, netTarget: zones.sum(net), population: zones.sum(base.population))
        var out: [Province: (before: Double, after: Double)] = [:]
        for province in Province.allCases {
            var p0 = 0.0, u0 = 0.0, p1 = 0.0, u1 = 0.0
            for r in 0..<cs.dims.regions where cs.jurisdictions[r].province == province {
                let p = base.population[r], u = base.urbanShare[r]
                p0 += p; u0 += u * p
                guard !movers.isNeutral else {
                    let q = max(p + net[r], 0)
                    p1 += q; u1 += u * q
                    continue
                }
                let leave = p * outRate[zones.zoneOf[r]], arrive = max(leave + net[r], 0)
                p1 += p - leave + arrive
                u1 += movers.urbanAfter(urban: u * p, population: p, arrivals: arrive, departures: leave)
            }
            if p0 > 0, p1 > 0 { out[province] = (u0 / p0, u1 / p1) }
        }
        return out
    }

    /// The migration zones calibrated to the census decade (MODEL-v3 §3.4): each zone's 2019 net migration is one
    /// tenth of its 2010 → 2020 census residual; then γ_p of the late-2010s trend (`fittingTrend`).
    static func calibrateMigration(context c: RunContext, times t: RegionTimes) throws -> MigrationState {
        let ds = c.structure.dataset
        let zones = ZoneModel(structure: c.structure)
        let state = try zones.calibrate(
            population: c.population2019, employment: c.employment2019, gdp: c.gdp2019, travel: t.passenger,
            gateway: t.gatewayPassenger, parameters: c.parameters2019,
            restOfChinaLabour: ds.labour.totalEmploymentPersons - c.employment2019.reduce(0, +),
            restOfChinaWage: ds.provinceContext.value(region: "china", indicator: "gdp_per_capita_yuan", year: 2019)
                ?? Fallback.chinaGDPPerHead2019Yuan,
            netMigrationTarget: c.structure.censusMigration.netMigration.map { $0 / 10 })
        return try state.fittingTrend(c.structure.migrationTrend, inputs: neutralStep(state, context: c), structure: c.structure).state
    }

    /// The 2019 allocation's inputs as calibrated (indices 1, the smoothed times and gateway times of 2019, the
    /// 2019 inflow from the rest of China, no natural change): where γ_p is fitted (`fittingTrend`).
    static func neutralStep(_ m: MigrationState, context c: RunContext) -> MigrationState.StepInputs {
        let r = c.structure.dims.regions, p = c.parameters2019
        return MigrationState.StepInputs(
            population: c.population2019, urban: zip(c.population2019, c.base.urbanShare).map { $0 * $1 },
            populationZones: m.model.sum(c.population2019), labourZones: m.model.sum(c.employment2019),
            travelHours: m.smoothedLogTime.map { exp($0) - p.t0 }, gatewayHours: m.smoothedLogGateway.map { exp($0) - p.t0 },
            inflowFromRestOfChina: m.inflow2019, birthRates: [Double](repeating: 0, count: r),
            deathRates: [Double](repeating: 0, count: r), restOfChinaWageIndex: 1, parameters: p.migration, mobility: 1)
    }

    /// Under `growth.closure: forecast` (MODEL-v3 §4.6): per-head consumption and government spending enter 2020
    /// already moved by the growth of 2019 — income per head at the circle's 2016–19 real growth less its
    /// 2017–19 population growth — as the lagged rule (`IncomeStage`) would have moved them had the run started
    /// earlier. Without it, 2020 would see per-head demand flat and the held κ would read that as a slump (the
    /// pinned closure absorbs it in κ).
    static func carryGrowthInto2020(_ state: inout EconomyState, context c: RunContext) {
        let perHead = (1 + c.circleGrowth2016to2019) / (1 + c.circlePopulationGrowth2017to2019) - 1
        let g = pow(1 + perHead, c.parameters2019.consumptionIncomeElasticity)
        for reg in state.consumptionUrbanPerHead.indices {
            state.consumptionUrbanPerHead[reg] *= g
            state.consumptionRuralPerHead[reg] *= g
            state.governmentPerHead[reg] *= 1 + perHead
        }
    }

    /// The 2019 state: the calibrated accounts, capital at κ_KY·GDP, TFP 1 (MODEL.md §2, §7).
    static func initialState(context c: RunContext, migration: MigrationState, passengerTimes2019: Matrix) -> EconomyState {
        let base = c.base, r = c.structure.dims.regions
        let pop0 = base.population, gdp0 = base.gdp
        let capital0 = gdp0.map { $0 * c.parameters2019.initialCapitalOutput }
        let lf0 = c.demography.labourForces(c.demography.base, year: RunConventions.baseYear)
        return EconomyState(
            population: pop0, urban: zip(pop0, base.urbanShare).map { $0 * $1 },
            urbanHukou: (0..<r).map { pop0[$0] * base.urbanShare[$0] * c.demography.hukou.ratio[$0] }, output: base.output, mass: base.output,
            gdp: gdp0, employment: c.employment2019, capital: capital0,
            investmentLocated: (0..<r).map { base.investmentRate[$0] * gdp0[$0] },
            tfp: [Double](repeating: 1, count: r), tfpRestOfChina: 1, rdIntensity: c.effectsBase.rdIntensity,
            knowledge: KnowledgeStage.initial(context: c, passengerTimes2019: passengerTimes2019),
            consumptionUrbanPerHead: base.consumptionPerHeadUrban, consumptionRuralPerHead: base.consumptionPerHeadRural,
            governmentPerHead: base.governmentPerHead, gdpPerHeadPrevious: zip(gdp0, pop0).map { $0 / $1 },
            incomePerHeadPrevious: zip(c.compensation2019, pop0).map { $0 / $1 },
            netMigration: [Double](repeating: 0, count: r), coreMigration: nil,
            cohorts: c.demography.base, births: [Double](repeating: 0, count: r), deaths: [Double](repeating: 0, count: r),
            inMigrants: [Double](repeating: 0, count: r), outMigrants: [Double](repeating: 0, count: r),
            labourForce: lf0, labourDemand: c.employment2019, migration: migration,
            prices: PriceState.initial(context: c, labourForce: lf0, employment: c.employment2019, capital: capital0, zones: migration.model))
    }
}
