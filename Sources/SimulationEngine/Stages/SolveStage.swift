import MatrixCore
import RegionalModels

/// Stage 4 of a year (MODEL.md §7, §11): `(I − A(t))·x = κ(t)·y_shape + y_abs`, both parts in one two-column
/// solve, then κ(t). In the lever-free pass κ(t) is solved so that circle GDP hits the growth path,
/// `κ = (Y_target − v·x_abs)/(v·x_shape)`; a pass with levers uses the κ(t) of its lever-free counterfactual.
/// Under `growth.closure: forecast` the lever-free pass holds κ after the vintage (`held`, MODEL-v3 §4.6).
enum SolveStage {
    struct Result {
        let kappa: Double
        /// Gross output by industry (negative round-off clipped to 0).
        let output: [Double]
    }

    static func solve(
        year: Int, context c: RunContext, state: EconomyState, demand: DemandStage.Result, coefficients: CheneryMosesOperator,
        valueAdded va: [Double], solver: inout YearlySolver, kappa given: [Int: Double]?, held: Double? = nil, path: GrowthTargets
    ) throws -> Result {
        let cs = c.structure, n = cs.dims.industries, s = cs.dims.sectors
        let sol = try solver.solve(a: coefficients, y: try Matrix(rows: n, columns: 2, columnMajor: demand.shape + demand.absolute))
        var gdpShape = 0.0, gdpAbs = 0.0
        for k in 0..<n { gdpShape += va[k] * sol[k, 0]; gdpAbs += va[k] * sol[k, 1] }
        let kap: Double
        if let given {
            guard let g = given[year] else { throw SimulationError.numerical("no demand shifter κ for \(year) in the counterfactual") }
            kap = g
        } else if let held {
            kap = held
        } else {
            let target = c.gdp2019.reduce(0, +) * path.circleIndex
            kap = (target - gdpAbs) / gdpShape
        }
        guard kap.isFinite, kap > 0 else { throw SimulationError.numerical("demand shifter κ(\(year)) = \(kap)") }
        var x = [Double](repeating: 0, count: n)
        for k in 0..<n { x[k] = kap * sol[k, 0] + sol[k, 1] }
        let old = state.output
        if let bad = x.indices.first(where: { !x[$0].isFinite || x[$0] < -RunConventions.negativeOutputTolerance * max(abs(old[$0]), 1) }) {
            throw SimulationError.numerical("output of \(cs.ids[bad / s]):\(cs.sectors[bad % s].id) is \(x[bad]) in \(year)")
        }
        return Result(kappa: kap, output: x.map { max($0, 0) })
    }
}

private func + (a: [Double], b: [Double]) -> [Double] { var out = a; out.append(contentsOf: b); return out }
