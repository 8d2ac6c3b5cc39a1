import BaseData
import Foundation
import MatrixCore
import RegionalModels
import ScenarioSpec

/// Runs scenarios year by year, 2019 → 2035 (MODEL.md §9), on the bundled base data.
///
/// ```swift
/// let simulator = try Simulator(dataset: BaseDataset.load())
/// let trajectory = try simulator.run(scenario)
/// ```
public struct Simulator: Sendable {
    public enum SolveMode: Sendable { case reference, fast }

    let structure: CircleStructure
    public var dataset: BaseDataset { structure.dataset }

    public init(dataset: BaseDataset) throws {
        structure = try CircleStructure(dataset: dataset)
    }

    /// Runs `scenario` from 2019 to `until` (at most the scenario's horizon end).
    ///
    /// The baseline growth path is hit by a demand shifter κ(t) solved in a run without levers (the
    /// scenario's parameters, no policy); the scenario's own run then uses that κ(t), so its levers move
    /// GDP away from the path (MODEL.md §7). A scenario without levers is one run.
    public func run(
        _ scenario: Scenario, until: Int? = nil, mode: SolveMode = .fast, progress: (@Sendable (Int) -> Void)? = nil
    ) throws -> Trajectory {
        let clock = ContinuousClock()
        let start = clock.now
        let last = min(until ?? scenario.horizon.upperBound, scenario.horizon.upperBound)
        guard last >= 2019 else { throw SimulationError.scenario("--until \(last) is before 2019") }
        var diagnostics = RunDiagnostics()
        let counterfactual: RunRecord?
        let record: RunRecord
        // Both passes calibrate the same 2019 (levers act from 2020 on): calibrate once when their 2019 inputs agree.
        var prepared: PreparedBaseYear?
        do {
            if scenario.levers.isEmpty {
                counterfactual = nil
            } else {
                counterfactual = try simulate(
                    scenario, applyLevers: false, kappa: nil, until: last, mode: mode, progress: nil, prepared: &prepared)
            }
            record = try simulate(
                scenario, applyLevers: true, kappa: counterfactual?.kappa, until: last, mode: mode, progress: progress,
                prepared: &prepared)
        } catch let e as SimulationError {
            throw e
        } catch {
            // Errors of the maths layers (MatrixError, InputOutputError, PopulationError, …) are numerical failures.
            throw SimulationError.numerical("\(error)")
        }
        diagnostics = record.diagnostics
        diagnostics.factorisations += counterfactual?.diagnostics.factorisations ?? 0
        diagnostics.iterations += counterfactual?.diagnostics.iterations ?? 0
        for (phase, seconds) in counterfactual?.diagnostics.timingsSeconds ?? [:] {
            diagnostics.timingsSeconds["counterfactual " + phase] = seconds
        }
        diagnostics.timingsSeconds["total"] = (clock.now - start).seconds
        return record.trajectory(structure: structure, scenario: scenario, diagnostics: diagnostics)
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}

/// The calibrated 2019 and its spectral diagnostics, shared by the passes of one run when their 2019
/// inputs (parameters and 2019 travel times) are the same.
struct PreparedBaseYear {
    let freight: Matrix, passenger: Matrix, gatewayFreight: [Double], gatewayPassenger: [Double]
    let base: BaseYear
    let spectralRadius: SpectralRadiusEstimate
    let largestColumnSum: Double

    func matches(freight f: Matrix, passenger p: Matrix, gatewayFreight gf: [Double], gatewayPassenger gp: [Double]) -> Bool {
        f.storage == freight.storage && p.storage == passenger.storage && gf == gatewayFreight && gp == gatewayPassenger
    }
}

/// One year's population accounts: `after − before = births − deaths + fromRestOfChina − toRestOfChina`.
struct PopulationLedger: Sendable {
    var before: Double, after: Double, births: Double, deaths: Double, fromRestOfChina: Double, toRestOfChina: Double
    /// Sum over jurisdictions of arrivals minus departures (moves inside the circle cancel).
    var netMigration: Double
}

/// One year's growth accounting per jurisdiction (the labour closure makes the residual equal gA).
struct GrowthAccountingRecord: Sendable {
    var year: Int
    var capitalShare: Double
    var outputGrowth: [Double], capitalGrowth: [Double], labourGrowth: [Double], tfpGrowth: [Double]
}

/// Per-year values recorded by a run, by jurisdiction (and circle-only indicators).
struct RunRecord: Sendable {
    var years: [Int] = []
    /// indicator → year index → per-region values.
    var regional: [String: [[Double]]] = [:]
    /// indicator → year index → circle value (for circle-only indicators).
    var circle: [String: [Double?]] = [:]
    var kappa: [Int: Double] = [:]
    var diagnostics = RunDiagnostics()
    /// Per year: the population ledger of the migration step (for tests and diagnostics).
    var ledger: [PopulationLedger] = []
    /// Per year: the growth accounting of every jurisdiction.
    var accounting: [GrowthAccountingRecord] = []

    mutating func record(_ id: String, _ values: [Double]) { regional[id, default: []].append(values) }
    mutating func recordCircle(_ id: String, _ value: Double?) { circle[id, default: []].append(value) }
}

extension Simulator {
    // swiftlint:disable:next function_body_length
    func simulate(
        _ scenario: Scenario, applyLevers: Bool, kappa given: [Int: Double]?, until last: Int, mode: SolveMode,
        progress: (@Sendable (Int) -> Void)?, prepared: inout PreparedBaseYear?
    ) throws -> RunRecord {
        let cs = structure
        let d = cs.dims, r = d.regions, s = d.sectors, n = d.industries
        let clock = ContinuousClock()
        var rec = RunRecord()
        let levers = applyLevers ? scenario.levers : []
        let leverIndex = LeverIndex(levers, structure: cs)
        let p0 = try YearParameters(scenario: scenario, year: 2019)

        let networkStart = clock.now
        let tp = try fittedTransport(scenario, p0)
        let network = try cs.network(for: applyLevers ? scenario : scenarioWithoutLevers(scenario), parameters: tp)
        // Times change only in years when a segment opens: shortest paths are computed once per network state.
        var timesBySignature: [[Bool]: (freight: Matrix, passenger: Matrix, gwF: [Double], gwP: [Double])] = [:]
        func times(_ year: Int) -> (freight: Matrix, passenger: Matrix, gwF: [Double], gwP: [Double]) {
            let signature = network.openSignature(year: year)
            if let known = timesBySignature[signature] { return known }
            let f = network.travelTimes(year: year, kind: .freight), pa = network.travelTimes(year: year, kind: .passenger)
            let gf = network.gatewayHours(year: year, kind: .freight, travelTimes: f)
            let gp = network.gatewayHours(year: year, kind: .passenger, travelTimes: pa)
            let value = (cs.regionTimes(f), cs.regionTimes(pa), cs.nodeOf.map { gf[$0] }, cs.nodeOf.map { gp[$0] })
            timesBySignature[signature] = value
            return value
        }
        let t2019 = times(2019)
        rec.diagnostics.timingsSeconds["network"] = (clock.now - networkStart).seconds
        let calStart = clock.now
        let ready: PreparedBaseYear
        if let p = prepared, p.matches(freight: t2019.freight, passenger: t2019.passenger, gatewayFreight: t2019.gwF, gatewayPassenger: t2019.gwP) {
            ready = p
        } else {
            let base = try BaseYear.calibrate(
                structure: cs, parameters: p0, freight: t2019.freight, passenger: t2019.passenger,
                gatewayFreight: t2019.gwF, gatewayPassenger: t2019.gwP)
            // Spectral checks on the operator form of A (O(R·S² + R²·S) per product instead of n²).
            let op0 = base.coefficientsOperator
            let columnSums = op0.columnSums
            let largest = columnSums.max() ?? 0
            var av = [Double](repeating: 0, count: n)
            var scratch = [Double](repeating: 0, count: CheneryMosesOperator.scratchCount(dimensions: d, columns: 1))
            let rho = try Matrix.perronBracket(order: n, upperBound: largest, iterations: 100) { v, w in
                v.withUnsafeBufferPointer { vp in
                    av.withUnsafeMutableBufferPointer { ap in
                        scratch.withUnsafeMutableBufferPointer { sp in
                            op0.apply(vp.baseAddress!, columns: 1, into: ap.baseAddress!, scratch: sp.baseAddress!)
                        }
                    }
                }
                for k in 0..<n { w[k] += av[k] }
            }
            ready = PreparedBaseYear(
                freight: t2019.freight, passenger: t2019.passenger, gatewayFreight: t2019.gwF, gatewayPassenger: t2019.gwP,
                base: base, spectralRadius: rho, largestColumnSum: largest)
            prepared = ready
        }
        let base = ready.base
        rec.diagnostics.timingsSeconds["calibration"] = (clock.now - calStart).seconds
        rec.diagnostics.matrixOrder = n
        rec.diagnostics.calibrationResidual = base.calibrationResidual
        rec.diagnostics.cappedCells = base.capped.count
        let lowPhi = base.capped.filter { $0.phi < 0.5 }
        if !lowPhi.isEmpty {
            rec.diagnostics.warnings.append("supply cap: \(lowPhi.count) cells with φ < 0.5: " + lowPhi.prefix(10).map {
                "\(cs.ids[$0.region]):\(cs.sectors[$0.sector].id) φ=\(String(format: "%.3f", $0.phi))"
            }.joined(separator: ", ") + (lowPhi.count > 10 ? ", …" : ""))
        }
        guard base.calibrationResidual < 1e-9 else {
            throw SimulationError.numerical("base-year calibration residual ‖L·y0 − x0‖/‖x0‖ = \(base.calibrationResidual) exceeds 1e-9")
        }
        rec.diagnostics.largestColumnSum = ready.largestColumnSum
        guard rec.diagnostics.largestColumnSum < 1 - 1e-6 else {
            throw SimulationError.numerical("a column sum of A reaches \(rec.diagnostics.largestColumnSum) ≥ 1 − 1e-6: the economy cannot produce its own inputs")
        }
        rec.diagnostics.spectralRadius = ready.spectralRadius.upperBound
        rec.diagnostics.spectralRadiusLowerBound = ready.spectralRadius.lowerBound
        rec.diagnostics.reciprocalCondition = base.reciprocalCondition
        var solver = YearlySolver(mode: mode == .fast ? .fast : .reference, dimensions: d)

        // --- 2019 state -------------------------------------------------------------------------------
        let ds = cs.dataset
        let pop0 = base.population, gdp0 = base.gdp
        var pop = pop0
        var urban = zip(pop0, base.urbanShare).map { $0 * $1 }
        var x = base.output
        var mass = base.output
        var gdp = gdp0
        let comp = { (x: [Double]) -> [Double] in
            (0..<r).map { reg in (0..<s).reduce(0.0) { $0 + base.compensationCoefficient[reg * s + $1] * x[reg * s + $1] } }
        }
        let comp0 = comp(x)
        let employment0 = (0..<r).map { reg in (0..<s).reduce(0.0) { $0 + base.labourCoefficient[reg * s + $1] * x[reg * s + $1] } }
        var employment = employment0
        var capital = gdp0.map { $0 * p0.initialCapitalOutput }
        var investmentLocated = (0..<r).map { base.investmentRate[$0] * gdp0[$0] }
        var tfp = [Double](repeating: 1, count: r)
        var tfpRoC = 1.0
        let rd0 = cs.jurisdictions.map { j -> Double in
            if j.province == .chongqing {
                return (ds.provinceContext.value(region: "chongqing", indicator: "rd_intensity_percent", year: 2019)
                    ?? ds.provinceContext.value(region: "chongqing", indicator: "rd_intensity_percent", year: 2018)).map { $0 / 100 }
                    ?? CalibrationConstants.rdIntensityChongqingFallback
            }
            return ds.provinceContext.value(region: "sichuan", indicator: "rd_intensity_percent", year: 2019).map { $0 / 100 }
                ?? CalibrationConstants.rdIntensitySichuanFallback
        }
        var rd = rd0
        var cU = base.consumptionPerHeadUrban, cR = base.consumptionPerHeadRural
        var gpc = base.governmentPerHead
        // Growth path: Δ0 = circle 2016–19 mean growth − China's.
        let circleGrowth1619 = (ds.provinceContext.value(region: "circle", indicator: "gdp_growth_2016_2019_mean_annual_percent", year: 2019)
            .map { $0 / 100 }) ?? CalibrationConstants.circleGrowth2016to2019Fallback
        let natMean = CalibrationConstants.nationalGrowth2016to2019.reduce(0, +) / Double(CalibrationConstants.nationalGrowth2016to2019.count)
        var growth0 = p0.growth
        growth0.circleExcess2019 = circleGrowth1619 - natMean
        // TFP trend share ψ from 2015–19 growth accounting: gA = gY − α·gK − (1 − α)·gL.
        let iotaCircle = zip(base.investmentRate, gdp0).map { $0 * $1 }.reduce(0, +) / gdp0.reduce(0, +)
        let gK19 = iotaCircle / p0.initialCapitalOutput - p0.depreciation
        let pop2017 = (ds.provinceContext.value(region: "circle", indicator: "pop_2017_10k_persons", year: 2017) ?? 9495) * 1e4
        let popPlan = (ds.provinceContext.value(region: "circle", indicator: "pop_plan_10k_persons", year: 2019) ?? 9600) * 1e4
        let gL19 = pow(popPlan / pop2017, 0.5) - 1
        let gA19 = GrowthAccounting.residual(outputGrowth: circleGrowth1619, capitalGrowth: gK19, labourGrowth: gL19, capitalShare: p0.capitalShare)
        let psi = gA19 / circleGrowth1619
        // Migration zones, calibrated to a stationary 2019 (MODEL.md §5; the base population assumes zero
        // net migration 2019→2020).
        let zoneStart = clock.now
        let zone = ZoneModel(structure: cs)
        var migration = try zone.calibrate(
            population: pop0, employment: employment0, gdp: gdp0, travel: t2019.passenger, gateway: t2019.gwP,
            parameters: p0, restOfChinaLabour: ds.labour.totalEmploymentPersons - employment0.reduce(0, +),
            restOfChinaWage: ds.provinceContext.value(region: "china", indicator: "gdp_per_capita_yuan", year: 2019) ?? 70_892)
        rec.diagnostics.warnings += migration.warnings
        rec.diagnostics.timingsSeconds["zones"] = (clock.now - zoneStart).seconds
        // Urbanisation trend k per province (logit rate 2015→2019), ceiling per jurisdiction.
        let uMax0 = (0..<r).map { cs.isCore[$0] ? p0.uMaxCore : p0.uMax }
        func provinceK(_ prov: String, _ uMax: Double) -> Double {
            let u15 = (ds.provinceContext.value(region: prov, indicator: "urbanization_2015_percent", year: 2015) ?? 55) / 100
            let u19 = (ds.provinceContext.value(region: prov, indicator: "urbanization_percent", year: 2019) ?? 60) / 100
            return logitLinearRate(from: min(u15, uMax * 0.99), to: min(u19, uMax * 0.995), years: 4, ceiling: uMax)
        }
        let kUrban = (0..<r).map { provinceK(cs.jurisdictions[$0].province.rawValue, uMax0[$0]) }

        // Exports' base and the inputs of the demand shifter.
        let exw0 = base.exportsAbroad, exc0 = base.exportsRestOfChina
        let invRatio = base.inventoryRatio
        var kappa: [Int: Double] = [2019: 1]
        var gdpPerHeadPrev = zip(gdp0, pop0).map { $0 / $1 }
        var yPrevIncome = zip(comp0, pop0).map { $0 / $1 }

        // Record 2019.
        // Emission coefficients (proxy, MODEL.md §8): 1 per unit of output for mining, manufacturing, utilities
        // (02–26) and transport (29), 0 elsewhere; levers scale them. The base data have no sector emission
        // coefficients, so the emission index is labelled a proxy and air quality stays an input.
        let emitting = cs.sectors.map { sec -> Double in
            guard let code = Int(sec.id) else { return 0 }
            return (2...26).contains(code) || code == 29 ? 1 : 0
        }
        let emissions0 = (0..<r).map { reg in (0..<s).reduce(0.0) { $0 + emitting[$1] * base.output[reg * s + $1] } }
        let cleanShare0 = try scenario.parameterValue("emissions.cleanEnergyShare2019")
        func emissionCoefficients(_ year: Int) -> [Double] {
            var e = [Double](repeating: 0, count: n)
            for reg in 0..<r {
                let clean = leverIndex.at(.cleanEnergyShare, region: reg)
                let sClean = min(LeverComposition.apply(base: cleanShare0, levers: clean, year: year), 0.999)
                let energy = (1 - sClean) / (1 - cleanShare0)
                for i in 0..<s where emitting[i] > 0 {
                    let ls = leverIndex.at(.emissionIntensity, region: reg, sector: i)
                    e[reg * s + i] = emitting[i] * energy * LeverComposition.apply(base: 1, levers: ls, year: year)
                }
            }
            return e
        }
        let coreCQ = cs.groupMembers["core-chongqing"] ?? [], coreCD = cs.groupMembers["core-chengdu"] ?? []
        func coreTrade(_ a: CheneryMosesOperator, _ x: [Double]) -> Double {
            var total = 0.0
            for (from, to) in [(coreCQ, coreCD), (coreCD, coreCQ)] {
                for q in from { for dest in to { for i in 0..<s { for j in 0..<s {
                    total += a.entry(row: q * s + i, column: dest * s + j) * x[dest * s + j]
                } } } }
            }
            return total
        }
        var coreMigration: Double? = nil
        func recordYear(_ year: Int, x: [Double], gdp: [Double], prevGDP: [Double], exw: [Double], exc: [Double], netMigration: [Double], gA: [Double], tfpContribution: Double?, a: CheneryMosesOperator) {
            rec.years.append(year)
            let e = emissionCoefficients(year)
            rec.record("emissions", (0..<r).map { reg in (0..<s).reduce(0.0) { $0 + e[reg * s + $1] * x[reg * s + $1] } })
            rec.record("emissions_2019", emissions0)
            rec.recordCircle("core_trade_flows", coreTrade(a, x))
            rec.recordCircle("core_migration_flows", coreMigration)
            rec.record("gdp", gdp)
            let deflator = pow(1 + CalibrationConstants.gdpDeflatorGrowth, Double(year - 2019))
            rec.record("gdp_current_prices", gdp.map { $0 * deflator })
            rec.record("gdp_growth_num", zip(gdp, prevGDP).map { $0 - $1 })
            rec.record("gdp_prev", prevGDP)
            rec.record("population", pop)
            rec.record("urban_population", urban)
            rec.record("net_migration", netMigration)
            rec.record("employment", employment)
            let compNow = comp(x)
            rec.record("compensation", compNow)
            rec.record("compensation_2019_per_worker_times_employment", (0..<r).map { comp0[$0] / employment0[$0] * employment[$0] })
            rec.record("gross_output", (0..<r).map { reg in (0..<s).reduce(0.0) { $0 + x[reg * s + $1] } })
            rec.record("exports_abroad", (0..<r).map { reg in (0..<s).reduce(0.0) { $0 + exw[reg * s + $1] } })
            rec.record("exports_rest_of_china", (0..<r).map { reg in (0..<s).reduce(0.0) { $0 + exc[reg * s + $1] } })
            rec.record("capital_stock", capital)
            rec.record("tfp_growth_weighted", zip(gA, gdp).map { $0 * $1 })
            rec.record("rd_expenditure", zip(rd, gdp).map { $0 * $1 })
            let net = network.railKilometres(year: year), base19 = network.railKilometres(year: 2019)
            let railBase = (ds.provinceContext.value(region: "circle", indicator: "rail_density_km_per_100km2", year: 2019).map { $0 * BaseDataset.planAreaKm2 / 100 })
                ?? CalibrationConstants.railKilometres2019Fallback
            rec.recordCircle("rail_km", railBase + net.kilometres - base19.kilometres)
            let hsr = network.segments.filter { $0.kind != .conventional && ($0.openYear ?? 9999) > 2019 && $0.isOpen(in: year) }
            rec.recordCircle("hsr_km_opened_since_2019", hsr.compactMap(\.lengthKilometres).reduce(0, +))
            rec.recordCircle("cq_cd_rail_minutes", network.fastestRailMinutes(from: "cq-central", to: "sc-chengdu", year: year))
            rec.recordCircle("tech_progress_contribution", tfpContribution)
            for (leverID, indicator) in IndicatorCatalog.inputLeverIndicator {
                let path = levers.filter { $0.kind == .indicatorInput && $0.indicatorID == leverID }
                // An input has a value only in the years a scenario path covers it (else: no value, never 0).
                let active = path.filter { $0.isActive(in: year) }
                rec.recordCircle(indicator, active.isEmpty ? nil : LeverComposition.apply(base: 0, levers: active, year: year))
            }
        }
        recordYear(2019, x: x, gdp: gdp, prevGDP: gdp0.map { $0 / (1 + circleGrowth1619) }, exw: exw0, exc: exc0,
                   netMigration: [Double](repeating: 0, count: r), gA: [Double](repeating: gA19, count: r), tfpContribution: nil, a: base.coefficientsOperator)
        var gdpGrowthHistory: [Int: Double] = [:], tfpHistory: [Int: Double] = [:]

        // --- Population 2019 → 2020 ------------------------------------------------------------------
        func advancePopulation(year: Int, p: YearParameters, wageIndex: [Double], employmentIndex: [Double], times tt: (freight: Matrix, passenger: Matrix, gwF: [Double], gwP: [Double]), circleWageIndex: Double, rocWageIndex: Double) throws -> [Double] {
            let barrier = (0..<r).map { reg -> Double in
                let ls = leverIndex.at(.settlementBarrier, region: reg)
                return min(max(LeverComposition.apply(base: p.hukouBarrier, levers: ls, year: year), 0), 0.99)
            }
            let friction = levers.filter { $0.kind == .migrationFriction }.map { (cs.expand($0.places), $0.rateFactor(at: year) * ($0.operation == .multiply ? ($0.value(at: year) ?? 1) : 1)) }
            let boost = (0..<r).map { reg -> Double in
                let ls = leverIndex.at(.urbanisationPush, region: reg)
                return LeverComposition.apply(base: 0, levers: ls, year: year)
            }
            let caps = levers.filter { $0.kind == .populationCap && $0.isActive(in: year) }.compactMap { l -> (Set<Int>, Double)? in
                l.value(at: year).map { (Set(cs.expand(l.places)), $0) }
            }
            let step = try migration.step(
                population: pop, urban: urban, employment: employment, wageIndex: wageIndex, employmentIndex: employmentIndex,
                barrier: barrier, friction: friction, travel: tt.passenger, gateway: tt.gwP, parameters: p,
                circleWageIndex: circleWageIndex, restOfChinaWageIndex: rocWageIndex, caps: caps, structure: cs, dataset: ds)
            rec.diagnostics.warnings += step.warnings
            coreMigration = step.coreFlows
            rec.ledger.append(step.ledger)
            // Urbanisation: migration is neutral for u (arrivals and departures at the place's urban share),
            // natural change at the same rates, then in-situ conversion on the logit.
            var newUrban = [Double](repeating: 0, count: r)
            for reg in 0..<r {
                let u = step.population[reg] > 0 ? min(max(step.urbanBeforeConversion[reg] / step.population[reg], 0), 1) : 0
                let ceiling = cs.isCore[reg] ? p.uMaxCore : p.uMax
                let converted = logitLinearUrbanShare(u, rate: kUrban[reg] + boost[reg], ceiling: max(ceiling, u + 1e-9))
                newUrban[reg] = converted * step.population[reg]
            }
            pop = step.population
            urban = newUrban
            return step.netMigration
        }
        var netMigration = try advancePopulation(
            year: 2019, p: p0, wageIndex: [Double](repeating: 1, count: r), employmentIndex: [Double](repeating: 1, count: r),
            times: t2019, circleWageIndex: 1, rocWageIndex: 1)
        progress?(2019)

        // --- Annual loop -------------------------------------------------------------------------------
        var prevGDP = gdp
        var loopSeconds = 0.0
        if last >= 2020 {
            for year in 2020...last {
                let yearStart = clock.now
                let p = try YearParameters(scenario: scenario, year: year)
                var growth = p.growth
                growth.circleExcess2019 = growth0.circleExcess2019
                let gNat = growth.nationalGrowth(year), gTarget = growth.circleGrowth(year)
                let natIndex = growth.index(year, circle: false)
                // 1–2. Events, travel times, masses.
                let tt = times(year)
                for k in 0..<n { mass[k] = (1 - p.massSmoothing) * mass[k] + p.massSmoothing * x[k] }
                var costs = TradeCostFactors()
                for l in levers where l.kind == .tradeCost && l.isActive(in: year) || (l.kind == .tradeCost && l.operation == .rate) {
                    let f = l.operation == .rate ? l.rateFactor(at: year) : (l.value(at: year) ?? 1)
                    costs.entries.append((Set(cs.expand(l.places)), cs.sectorIndices(l.sectors), f))
                }
                let rocOutput = base.trade.restOfChinaOutput2019.map { $0 * natIndex }
                let built = try TradeBuilder.build(
                    structure: base.trade, mass: mass, times: [tt.freight, tt.passenger], gatewayHours: [tt.gwF, tt.gwP],
                    t0: p.t0, restOfChinaOutput: rocOutput, costs: costs,
                    inputSavingFactor: pow(1 - p.inputSaving, Double(year - 2019)))
                // 3. Final demand at the consumer.
                let popGrowth = zip(pop, pop0).map { $0 / $1 }
                var demand = base.demand
                var extraInvestment = [Double](repeating: 0, count: n)   // absolute, at the consumer
                var extraExportsRoC = [Double](repeating: 0, count: n)   // absolute, at the producer
                for reg in 0..<r {
                    let u = urban[reg] / pop[reg], u0 = base.urbanShare[reg]
                    let consU = leverIndex.at(.consumptionPropensity, region: reg).filter { ($0.population ?? .both) != .rural }
                    let consR = leverIndex.at(.consumptionPropensity, region: reg).filter { ($0.population ?? .both) != .urban }
                    let fU = LeverComposition.apply(base: 1, levers: consU, year: year)
                    let fR = LeverComposition.apply(base: 1, levers: consR, year: year)
                    let sU = popGrowth[reg] * (u / u0) * (cU[reg] / base.consumptionPerHeadUrban[reg]) * fU
                    let sR = popGrowth[reg] * ((1 - u) / max(1 - u0, 1e-12)) * (cR[reg] / base.consumptionPerHeadRural[reg]) * fR
                    let sG = popGrowth[reg] * gpc[reg] / base.governmentPerHead[reg]
                    let iotaLevers = leverIndex.at(.sectorInvestment, region: reg).filter { $0.operation != .add }
                    let sI = (prevGDP[reg] * (1 + gTarget)) / gdp0[reg] * LeverComposition.apply(base: 1, levers: iotaLevers, year: year)
                    for i in 0..<s {
                        let k = reg * s + i
                        demand.urbanHouseholds[k] *= sU
                        demand.ruralHouseholds[k] *= sR
                        demand.government[k] *= sG
                        demand.investment[k] *= sI
                    }
                    // Extra R&D over the baseline path: GFCF demand for sector 35.
                    let rdExtra = (rd[reg] - rd0[reg]) * prevGDP[reg] * (1 + gTarget)
                    if rdExtra != 0, let k35 = cs.sectors.firstIndex(where: { $0.id == "35" }) { extraInvestment[reg * s + k35] += rdExtra }
                }
                // Amount levers (100m yuan a year at 2019 prices).
                for l in levers where l.isActive(in: year) {
                    guard let amount = l.value(at: year), l.operation == .add else { continue }
                    let places = cs.expand(l.places)
                    guard !places.isEmpty else { continue }
                    let weights = distributionWeights(l, places: places, gdp: prevGDP, pop: pop, x: x)
                    switch l.kind {
                    case .investmentProgramme, .sectorInvestment:
                        let secs = l.kind == .investmentProgramme ? cs.sectorIndices(l.sectors.isEmpty ? ["27"] : l.sectors) : Array(0..<s)
                        let b = restrictedBasket(base.basketInvestment, secs)
                        for (reg, w) in zip(places, weights) { for i in secs { extraInvestment[reg * s + i] += amount * w * b[i] } }
                    case .industrialTransfer:
                        let secs = cs.sectorIndices(l.sectors)
                        let natOut = ds.nationalTable.grossOutput
                        let tot = secs.reduce(0.0) { $0 + natOut[$1] }
                        for (reg, w) in zip(places, weights) { for i in secs { extraExportsRoC[reg * s + i] += amount * w * natOut[i] / tot } }
                    case .consumptionExports:
                        let secs = cs.sectorIndices(l.sectors.isEmpty ? ["28", "29", "30", "41"] : l.sectors)
                        let b = restrictedBasket(base.basketUrban, secs)
                        for (reg, w) in zip(places, weights) { for i in secs { extraExportsRoC[reg * s + i] += amount * w * b[i] } }
                    default: break
                    }
                }
                let consumer = try Matrix(rows: n, columns: 2, columnMajor: demand.total + extraInvestment)
                let routed = try InputOutput.routeFinalDemand(consumer, routing: built.routing).producers
                // Exports: EX = EX0·D(t)·(A_tfp/A_RoC)^σ, with export-growth levers.
                var exw = [Double](repeating: 0, count: n), exc = exw
                for reg in 0..<r {
                    let comp = pow(tfp[reg] / tfpRoC, p.exportPriceElasticity)
                    for i in 0..<s {
                        let k = reg * s + i
                        let eg = leverIndex.at(.exportGrowth, region: reg, sector: i)
                        let fW = LeverComposition.apply(base: 1, levers: eg.filter { ($0.market ?? .both) != .restOfChina }, year: year)
                        let fC = LeverComposition.apply(base: 1, levers: eg.filter { ($0.market ?? .both) != .world }, year: year)
                        exw[k] = exw0[k] * natIndex * comp * fW
                        exc[k] = exc0[k] * natIndex * comp * fC
                    }
                }
                var yShape = [Double](repeating: 0, count: n), yAbs = [Double](repeating: 0, count: n)
                for k in 0..<n {
                    yShape[k] = routed[k, 0] + exw[k] + exc[k]
                    yAbs[k] = routed[k, 1] + extraExportsRoC[k] + invRatio[k % s] * x[k]
                }
                // 4. Solve (I − A)·x = y for both parts at once, then the shifter κ.
                let solveStart = clock.now
                let sol = try solver.solve(a: built.coefficients, y: try Matrix(rows: n, columns: 2, columnMajor: yShape + yAbs))
                rec.diagnostics.timingsSeconds["solve", default: 0] += (clock.now - solveStart).seconds
                let va = base.valueAddedCoefficient
                var gdpShape = 0.0, gdpAbs = 0.0
                for k in 0..<n { gdpShape += va[k] * sol[k, 0]; gdpAbs += va[k] * sol[k, 1] }
                let kap: Double
                if let given {
                    guard let g = given[year] else { throw SimulationError.numerical("no demand shifter for \(year)") }
                    kap = g
                } else {
                    let target = gdp0.reduce(0, +) * growth.index(year, circle: true)
                    kap = (target - gdpAbs) / gdpShape
                }
                guard kap.isFinite, kap > 0 else { throw SimulationError.numerical("demand shifter κ(\(year)) = \(kap)") }
                kappa[year] = kap
                var xNew = [Double](repeating: 0, count: n)
                for k in 0..<n { xNew[k] = kap * sol[k, 0] + sol[k, 1] }
                if let bad = xNew.indices.first(where: { !xNew[$0].isFinite || xNew[$0] < -1e-6 * max(abs(x[$0]), 1) }) {
                    throw SimulationError.numerical("output of \(cs.ids[bad / s]):\(cs.sectors[bad % s].id) is \(xNew[bad]) in \(year)")
                }
                x = xNew.map { max($0, 0) }
                // 5. Value added, capital, TFP, employment (closure), wages, R&D.
                var gdpNew = [Double](repeating: 0, count: r)
                for k in 0..<n { gdpNew[k / s] += va[k] * x[k] }
                let capitalNew = (0..<r).map { GrowthAccounting.nextCapital(capital[$0], investment: investmentLocated[$0], depreciation: p.depreciation) }
                var gA = [Double](repeating: 0, count: r)
                var gYs = gA, gKs = gA, gLs = gA
                for reg in 0..<r {
                    let gY = gdpNew[reg] / gdp[reg] - 1
                    let gK = capitalNew[reg] / capital[reg] - 1
                    let prod = leverIndex.at(.sectorProductivity, region: reg)
                    var prodGrowth = 0.0
                    if !prod.isEmpty {
                        var vaw = 0.0, tot = 0.0
                        for i in 0..<s {
                            let ls = prod.filter { leverIndex.acts($0, onSector: i) }
                            let now = LeverComposition.apply(base: 1, levers: ls, year: year)
                            let before = LeverComposition.apply(base: 1, levers: ls, year: year - 1)
                            let w = va[reg * s + i] * x[reg * s + i]
                            vaw += w * (now / before - 1); tot += w
                        }
                        prodGrowth = tot > 0 ? vaw / tot : 0
                    }
                    gA[reg] = psi * gTarget + p.rdReturn * (rd[reg] - rd0[reg]) + prodGrowth
                    let gL = GrowthAccounting.requiredLabourGrowth(outputGrowth: gY, capitalGrowth: gK, tfpGrowth: gA[reg], capitalShare: p.capitalShare)
                    employment[reg] *= 1 + gL
                    gYs[reg] = gY; gKs[reg] = gK; gLs[reg] = gL
                    tfp[reg] *= 1 + gA[reg]
                }
                tfpRoC *= 1 + psi * gNat
                rec.accounting.append(GrowthAccountingRecord(
                    year: year, capitalShare: p.capitalShare, outputGrowth: gYs, capitalGrowth: gKs, labourGrowth: gLs, tfpGrowth: gA))
                capital = capitalNew
                investmentLocated = (0..<r).map { reg in (0..<s).reduce(0.0) { $0 + kap * demand.investment[reg * s + $1] + extraInvestment[reg * s + $1] } }
                rd = (0..<r).map { reg in
                    let ls = leverIndex.at(.rdIntensity, region: reg)
                    return LeverComposition.apply(base: rd0[reg], levers: ls, year: year)
                }
                let compNow = comp(x)
                // Consumption follows income with a one-year lag; government spending per head follows GDP per head.
                let income = zip(compNow, pop).map { $0 / $1 }
                for reg in 0..<r {
                    let g = pow(income[reg] / yPrevIncome[reg], p.consumptionIncomeElasticity)
                    cU[reg] *= g; cR[reg] *= g
                    let gdpPerHead = gdpNew[reg] / pop[reg]
                    gpc[reg] *= gdpPerHead / gdpPerHeadPrev[reg]
                    gdpPerHeadPrev[reg] = gdpPerHead
                }
                yPrevIncome = income
                let gYcircle = gdpNew.reduce(0, +) / gdp.reduce(0, +) - 1
                let gAcircle = zip(gA, gdpNew).map { $0 * $1 }.reduce(0, +) / gdpNew.reduce(0, +)
                gdpGrowthHistory[year] = gYcircle
                tfpHistory[year] = gAcircle
                var ctp: Double? = nil
                if year >= 2021 {
                    let window = (year - 4)...year
                    ctp = GrowthAccounting.technicalProgressContribution(
                        tfpGrowth: window.compactMap { tfpHistory[$0] }, outputGrowth: window.compactMap { gdpGrowthHistory[$0] })
                }
                for v in [x.reduce(0, +), gdpNew.reduce(0, +)] where !v.isFinite {
                    throw SimulationError.numerical("non-finite output in \(year)")
                }
                // 7. Record year t (population of t was set at the end of t − 1).
                recordYear(year, x: x, gdp: gdpNew, prevGDP: gdp, exw: exw.map { $0 * kap }, exc: (0..<n).map { exc[$0] * kap + extraExportsRoC[$0] },
                           netMigration: netMigration, gA: gA, tfpContribution: ctp, a: built.coefficients)
                prevGDP = gdpNew
                gdp = gdpNew
                // 6. Migration, natural change, urbanisation → population of t + 1.
                if year < last {
                    let wageIndex = (0..<r).map { (compNow[$0] / employment[$0]) / (comp0[$0] / employment0[$0]) }
                    let employmentIndex = (0..<r).map { (employment[$0] / employment0[$0]) / (pop[$0] / pop0[$0]) }
                    let circleWage = (gdpNew.reduce(0, +) / pop.reduce(0, +)) / (gdp0.reduce(0, +) / pop0.reduce(0, +))
                    let rocWage = growth.index(year, circle: false)
                    netMigration = try advancePopulation(
                        year: year, p: p, wageIndex: wageIndex, employmentIndex: employmentIndex, times: tt,
                        circleWageIndex: circleWage, rocWageIndex: rocWage)
                }
                loopSeconds += (clock.now - yearStart).seconds
                progress?(year)
            }
        }
        rec.kappa = kappa
        rec.diagnostics.factorisations = solver.factorisations
        rec.diagnostics.iterations = solver.iterations
        rec.diagnostics.timingsSeconds["years"] = loopSeconds
        return rec
    }

    func scenarioWithoutLevers(_ s: Scenario) -> Scenario { s.withoutLevers() }

    func distributionWeights(_ l: Lever, places: [Int], gdp: [Double], pop: [Double], x: [Double]) -> [Double] {
        let s = structure.dims.sectors
        let raw: [Double]
        switch l.distribution ?? .each {
        case .each: return places.map { _ in 1 }
        case .byGDP: raw = places.map { gdp[$0] }
        case .byPopulation: raw = places.map { pop[$0] }
        case .byOutput: raw = places.map { reg in (0..<s).reduce(0.0) { $0 + x[reg * s + $1] } }
        }
        let t = raw.reduce(0, +)
        return raw.map { t > 0 ? $0 / t : 1 / Double(places.count) }
    }

    func restrictedBasket(_ b: [Double], _ secs: [Int]) -> [Double] {
        var out = [Double](repeating: 0, count: b.count)
        let t = secs.reduce(0.0) { $0 + b[$1] }
        for i in secs { out[i] = t > 0 ? b[i] / t : 1 / Double(secs.count) }
        return out
    }
}

private func + (a: [Double], b: [Double]) -> [Double] { var out = a; out.append(contentsOf: b); return out }
