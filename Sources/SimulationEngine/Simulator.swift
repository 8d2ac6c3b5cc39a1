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
///
/// A run is a sequence of named stages over an explicit state (`README.md` draws them): `RunSetup` fixes the
/// calibrated 2019 and the resolved levers (`RunContext`, `EconomyState`); each year then runs
/// `YearEffects` → `TradeStage` → `DemandStage` → `SolveStage` → `GrowthStage` → `IncomeStage` → `PriceStage` →
/// `KnowledgeStage` → `RecordingStage` → `PopulationStage` (`Simulator.advance(year:…)`).
public struct Simulator: Sendable {
    /// How each year's `(I − A(t))·x = y` is solved (MODEL.md §11); both agree to 1e-10 on every indicator.
    public enum SolveMode: Sendable {
        /// `A(t)` formed and `I − A(t)` factored (dgetrf) every year.
        case reference
        /// Matrix-free: GMRES on the Chenery–Moses operator, block-Jacobi preconditioned, warm-started.
        case fast
    }

    let structure: CircleStructure
    /// Whether runs keep every year's `RegionalAccounts` (tests of the accounting identities; off by default).
    var recordsAccounts = false
    /// A factor on every nominal exogenous path from 2020 on (the national deflator `P̂`, hence `p_RoW` and `ĉ_K`;
    /// 1 in every run; the homogeneity test doubles it, MODEL-v3 §7.1).
    var nominalScale = 1.0
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
        guard last >= RunConventions.baseYear else {
            throw SimulationError.scenario("the last year to simulate, \(last), is before the base year \(RunConventions.baseYear)")
        }
        let (counterfactual, record) = try withCause("running \(scenario.name)") {
            // Both passes calibrate the same 2019 (levers act from 2020 on): calibrate once when their 2019 inputs agree.
            var prepared: PreparedBaseYear?
            let counterfactual = scenario.levers.isEmpty ? nil : try simulate(
                scenario, applyLevers: false, kappa: nil, until: last, mode: mode, progress: nil, prepared: &prepared)
            let record = try simulate(
                scenario, applyLevers: true, kappa: counterfactual?.kappa, until: last, mode: mode, progress: progress,
                prepared: &prepared, labourMarket: counterfactual?.labourMarket)
            return (counterfactual, record)
        }
        var diagnostics = record.diagnostics
        diagnostics.factorisations += counterfactual?.diagnostics.factorisations ?? 0
        diagnostics.iterations += counterfactual?.diagnostics.iterations ?? 0
        for (phase, seconds) in counterfactual?.diagnostics.timingsSeconds ?? [:] {
            diagnostics.timingsSeconds["counterfactual " + phase] = seconds
        }
        diagnostics.timingsSeconds["total"] = (clock.now - start).seconds
        let t = record.trajectory(structure: structure, scenario: scenario, diagnostics: diagnostics)
        return t.withWarnings(PlausibilityFlags.check(t))
    }

    /// One pass of a run: the 2019 set-up, then every year to `last` (MODEL.md §9).
    ///
    /// - Parameters:
    ///   - applyLevers: false for the lever-free counterfactual that fixes κ(t).
    ///   - given: κ(t) of the counterfactual; nil to solve κ(t) so that circle GDP follows the growth path.
    ///   - prepared: the calibrated 2019 shared by the passes of one run (filled by the first pass).
    func simulate(
        _ scenario: Scenario, applyLevers: Bool, kappa given: [Int: Double]?, until last: Int, mode: SolveMode,
        progress: (@Sendable (Int) -> Void)?, prepared: inout PreparedBaseYear?, labourMarket free: [Int: LabourMarketRecord]? = nil
    ) throws -> RunRecord {
        var rec = RunRecord()
        var setup = try RunSetup(
            simulator: self, scenario: scenario, applyLevers: applyLevers, prepared: &prepared, diagnostics: &rec.diagnostics)
        let context = setup.context
        var state = setup.state
        rec.observationsRead = setup.observationsRead
        rec.technicalProgress = setup.context.technicalProgress
        rec.baseYear = context.base
        var solver = YearlySolver(mode: mode, dimensions: structure.dims)
        let effects2019 = YearEffects(
            plan: context.plan, structure: structure, year: RunConventions.baseYear, parameters: context.parameters2019,
            base: context.effectsBase)
        rec.recordYear(RecordingStage.baseYear(context: context, state: state, effects: effects2019))
        try PopulationStage.advance(
            year: RunConventions.baseYear, context: context, state: &state, effects: effects2019,
            parameters: context.parameters2019, signals: .neutral(regions: structure.dims.regions),
            times: setup.times2019, record: &rec)
        progress?(RunConventions.baseYear)
        let clock = ContinuousClock()
        var loopSeconds = 0.0
        var kappa: [Int: Double] = [RunConventions.baseYear: 1]
        if last > RunConventions.baseYear {
            for year in (RunConventions.baseYear + 1)...last {
                let yearStart = clock.now
                kappa[year] = try advance(
                    year: year, last: last, scenario: scenario, context: context, state: &state, times: &setup.times,
                    solver: &solver, kappa: given, previousKappa: kappa[year - 1] ?? 1, freeLabourMarket: free?[year], record: &rec)
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

    /// One year `t` (MODEL.md §9): the levers' effects, trade, demand, the solve with κ(t), growth accounting,
    /// incomes, the record of year t, then population of t + 1. Returns κ(t).
    func advance(
        year: Int, last: Int, scenario: Scenario, context: RunContext, state: inout EconomyState,
        times: inout TravelTimeCache, solver: inout YearlySolver, kappa given: [Int: Double]?, previousKappa: Double,
        freeLabourMarket: LabourMarketRecord? = nil,
        record rec: inout RunRecord
    ) throws -> Double {
        let p = try YearParameters(scenario: scenario, year: year)
        let path = GrowthTargets(parameters: p, context: context, year: year)
        let effects = YearEffects(plan: context.plan, structure: structure, year: year, parameters: p, base: context.effectsBase)
        let tt = times.times(year: year)
        let trade = try TradeStage.build(year: year, parameters: p, context: context, state: &state, times: tt, effects: effects, path: path)
        let demand = try DemandStage.compute(year: year, context: context, state: state, trade: trade, effects: effects, path: path, parameters: p)
        let clock = ContinuousClock()
        let solveStart = clock.now
        let held = p.holdsDemandShifter(in: year) ? previousKappa : nil
        let solved = try SolveStage.solve(
            year: year, context: context, state: state, demand: demand, coefficients: trade.coefficients, valueAdded: trade.valueAdded, solver: &solver,
            kappa: given, held: held, path: path)
        rec.diagnostics.timingsSeconds["solve", default: 0] += (clock.now - solveStart).seconds
        let growth = GrowthStage.account(
            year: year, context: context, state: state, output: solved.output, valueAdded: trade.valueAdded, effects: effects, parameters: p, path: path)
        rec.accounting.append(growth.record)
        let previousGDP = state.gdp, previousOutput = state.output
        try IncomeStage.update(
            year: year, context: context, state: &state, solved: solved, growth: growth, demand: demand, effects: effects, parameters: p,
            freeLabourMarket: freeLabourMarket)
        rec.labourMarket[year] = LabourMarketRecord(demand: state.labourDemand, labourForce: state.labourForce)
        try withCause("the price stage of \(year)") {
            try PriceStage.advance(
                year: year, context: context, state: &state, trade: trade, parameters: p,
                nominalScale: nominalScale,
                solver: &solver)
        }
        if recordsAccounts {
            var accounts = try RegionalAccounts.build(
                year: year, context: context, output: solved.output, previousOutput: previousOutput, demand: demand, trade: trade,
                kappa: solved.kappa)
            accounts.nominalIncome = try RegionalAccounts.nominalIncome(
                context: context, output: solved.output, trade: trade, prices: state.prices.model.prices, deflator: state.prices.deflator)
            rec.accounts.append(accounts)
        }
        KnowledgeStage.advance(
            &state.knowledge, context: context, gdp: state.gdp, rdIntensity: state.rdIntensity, passengerTimes: tt.passenger, parameters: p)
        var yearRecord = RecordingStage.year(
            year, context: context, state: state, effects: effects, previousGDP: previousGDP, demand: demand, solved: solved,
            tfpGrowth: growth.tfpGrowth, coefficients: trade.coefficients)
        yearRecord.valueAdded = zip(trade.valueAdded, solved.output).map { $0 * $1 }
        rec.recordYear(yearRecord)
        if year < last {
            let signals = PopulationStage.Signals(context: context, state: state, path: path, costOfLivingWeight: p.costOfLivingWeight)
            try PopulationStage.advance(
                year: year, context: context, state: &state, effects: effects, parameters: p, signals: signals, times: tt, record: &rec)
        }
        return solved.kappa
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}

/// Runs `body`; an error of a lower layer (MatrixError, InputOutputError, PopulationError, …) comes out as
/// `SimulationError.underlying`, typed, with what the engine was doing.
func withCause<T>(_ context: String, _ body: () throws -> T) throws -> T {
    do { return try body() } catch let e as SimulationError { throw e } catch {
        throw SimulationError.underlying(context: context, error: error)
    }
}
