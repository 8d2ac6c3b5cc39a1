import Foundation
import MatrixCore
import RegionalModels
import ScenarioSpec

/// The calibrated 2019 multi-regional table of the circle in the layout `chengyu io` reads: `Z`, `Y`, `x`,
/// value added and employment, industries labelled `jurisdiction:sector`. With it the IO analyses
/// (multipliers of every kind, linkages, Ghosh, solves for many demand vectors) run on the model's own system.
public struct CalibratedTable: Sendable {
    /// `jurisdiction:sector`, region-major (the model's order).
    public let industryLabels: [String]
    /// Intermediate flows `Z = A·diag(x0)`, 100m yuan.
    public let flows: Matrix
    /// Final-demand column labels: `jurisdiction:urban_household`, `…:rural_household`, `…:government`,
    /// `…:investment` (local demand routed to producers), then `rest_of_china:exports`,
    /// `rest_of_world:exports`, `circle:inventory`.
    public let finalDemandLabels: [String]
    public let finalDemand: Matrix
    public let output: [Double]
    /// Primary-input rows: `compensation`, `other_value_added`, `imports_rest_of_china` and
    /// `imports_rest_of_world` (intermediate purchases from outside the circle), so that every column closes:
    /// `x = 1ᵀZ + 1ᵀ(primary inputs)`.
    public let valueAddedLabels: [String]
    public let valueAdded: Matrix
    /// Employment, persons.
    public let employment: [Double]
}

extension Simulator {
    /// The transport parameters of a run: `f_op` fitted to the 2019 Chongqing–Chengdu time unless the
    /// scenario sets it.
    func fittedTransport(_ scenario: Scenario, _ p: YearParameters) throws -> TransportParameters {
        var tp = p.transport
        guard scenario.parameterOverrides["transport.railOperatingFactor"] == nil else { return tp }
        do {
            tp.railOperatingFactor = try structure.baseNetwork.with(parameters: tp).fitOperatingFactor(
                from: "cq-central", to: "sc-chengdu", year: 2019, targetMinutes: CalibrationConstants.cqcdRailMinutes2019)
        } catch { throw SimulationError.data("fitting f_op: \(error)") }
        return tp
    }

    /// The base-year calibration of `scenario`'s parameters (f_op fitted as in a run).
    func baseYear(for scenario: Scenario) throws -> BaseYear {
        let cs = structure
        let p = try YearParameters(scenario: scenario, year: 2019)
        let tp = try fittedTransport(scenario, p)
        let net = cs.baseNetwork.with(parameters: tp)
        let gf = net.gatewayHours(year: 2019, kind: .freight), gp = net.gatewayHours(year: 2019, kind: .passenger)
        return try BaseYear.calibrate(
            structure: cs, parameters: p, freight: cs.regionTimes(net.travelTimes(year: 2019, kind: .freight)),
            passenger: cs.regionTimes(net.travelTimes(year: 2019, kind: .passenger)),
            gatewayFreight: cs.nodeOf.map { gf[$0] }, gatewayPassenger: cs.nodeOf.map { gp[$0] })
    }

    /// The calibrated 2019 MRIO table for `scenario`'s parameters.
    public func calibratedTable(for scenario: Scenario) throws -> CalibratedTable {
        let b = try baseYear(for: scenario)
        let cs = structure
        let d = cs.dims, r = d.regions, s = d.sectors, n = d.industries
        let labels = (0..<n).map { "\(cs.ids[$0 / s]):\(cs.sectors[$0 % s].id)" }
        let z = try b.coefficients.a.scalingColumns(by: b.output)
        // Local final demand per consumer region and category, routed to producers: one column each.
        let categories = [("urban_household", b.demand.urbanHouseholds), ("rural_household", b.demand.ruralHouseholds),
                          ("government", b.demand.government), ("investment", b.demand.investment)]
        var consumer = Matrix(rows: n, columns: r * categories.count)
        var yLabels: [String] = []
        for reg in 0..<r {
            for (c, (name, values)) in categories.enumerated() {
                let col = reg * categories.count + c
                for i in 0..<s { consumer[reg * s + i, col] = values[reg * s + i] }
                yLabels.append("\(cs.ids[reg]):\(name)")
            }
        }
        let routed = try InputOutput.routeFinalDemand(consumer, routing: b.routing).producers
        var y = Matrix(rows: n, columns: routed.columns + 3)
        try y.setBlock(at: 0, 0, to: routed)
        try y.setColumn(routed.columns, to: b.exportsRestOfChina)
        try y.setColumn(routed.columns + 1, to: b.exportsAbroad)
        try y.setColumn(routed.columns + 2, to: b.inventory)
        yLabels += ["rest_of_china:exports", "rest_of_world:exports", "circle:inventory"]
        var va = Matrix(rows: 4, columns: n)
        for k in 0..<n {
            let comp = b.compensationCoefficient[k] * b.output[k]
            va[0, k] = comp
            va[1, k] = b.valueAddedCoefficient[k] * b.output[k] - comp
            va[2, k] = b.coefficients.restOfChina[k] * b.output[k]
            va[3, k] = b.trade.restOfWorld[k] * b.output[k]
        }
        return CalibratedTable(
            industryLabels: labels, flows: z, finalDemandLabels: yLabels, finalDemand: y, output: b.output,
            valueAddedLabels: ["compensation", "other_value_added", "imports_rest_of_china", "imports_rest_of_world"], valueAdded: va,
            employment: (0..<n).map { b.labourCoefficient[$0] * b.output[$0] })
    }
}

/// The calibrated 2019 Leontief system of a scenario's parameters: `(I − A)·x0 = y0` with `A` as the
/// operator the engine solves (for benchmarks, `chengyu io` exports and external checks).
public struct BaseYearSystem: Sendable {
    public let coefficients: CheneryMosesOperator
    /// `y0` per industry (circle producers' final demand, exports and inventories), 100m yuan.
    public let finalDemand: [Double]
    /// `x0` per industry, 100m yuan.
    public let output: [Double]
}

extension Simulator {
    /// The calibrated 2019 system of `scenario`'s parameters (f_op fitted as in a run).
    public func baseYearSystem(for scenario: Scenario) throws -> BaseYearSystem {
        let b = try baseYear(for: scenario)
        return BaseYearSystem(coefficients: b.coefficientsOperator, finalDemand: b.finalDemand, output: b.output)
    }
}
