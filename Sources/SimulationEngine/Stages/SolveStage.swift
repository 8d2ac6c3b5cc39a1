import MatrixCore
import RegionalModels

/// Stage 4 of a year (MODEL.md §7, §11): `(I − A(t))·x = κ(t)·y_shape + y_abs`. Where the lever-free pass solves
/// κ(t) so that circle GDP hits the growth path, both parts go in one two-column solve and
/// `κ = (Y_target − v·x_abs)/(v·x_shape)`. Where κ(t) is known before the solve — a pass with levers uses the κ(t)
/// of its lever-free counterfactual, and under `growth.closure: forecast` the lever-free pass holds κ after the
/// vintage (`held`, MODEL-v3 §4.6) — the year's demand is one column, warm-started from last year's output.
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
        var x: [Double], kap: Double
        if let known = try knownShifter(year: year, given: given, held: held) {
            // κ(t) known before the solve: one column, warm-started from last year's output.
            kap = known
            var y = demand.absolute
            for k in 0..<n { y[k] += kap * demand.shape[k] }
            x = try solver.solve(a: coefficients, y: y, start: state.output)
        } else {
            let sol = try solver.solve(a: coefficients, y: try Matrix(rows: n, columns: 2, columnMajor: demand.shape + demand.absolute))
            var gdpShape = 0.0, gdpAbs = 0.0
            for k in 0..<n { gdpShape += va[k] * sol[k, 0]; gdpAbs += va[k] * sol[k, 1] }
            let target = c.gdp2019.reduce(0, +) * path.circleIndex
            kap = (target - gdpAbs) / gdpShape
            try checkShifter(kap, year: year)
            x = [Double](repeating: 0, count: n)
            for k in 0..<n { x[k] = kap * sol[k, 0] + sol[k, 1] }
        }
        let old = state.output
        if let bad = x.indices.first(where: { !x[$0].isFinite || x[$0] < -RunConventions.negativeOutputTolerance * max(abs(old[$0]), 1) }) {
            throw SimulationError.numerical("output of \(cs.ids[bad / s]):\(cs.sectors[bad % s].id) is \(x[bad]) in \(year)")
        }
        return Result(kappa: kap, output: x.map { max($0, 0) })
    }

    /// κ(t) when it is known before the solve: the counterfactual's (`given`), or the held one (forecast closure);
    /// nil when the pass solves it from the growth path.
    static func knownShifter(year: Int, given: [Int: Double]?, held: Double?) throws -> Double? {
        let kap: Double
        if let given {
            guard let g = given[year] else { throw SimulationError.numerical("no demand shifter κ for \(year) in the counterfactual") }
            kap = g
        } else if let held {
            kap = held
        } else {
            return nil
        }
        try checkShifter(kap, year: year)
        return kap
    }

    static func checkShifter(_ kap: Double, year: Int) throws {
        guard kap.isFinite, kap > 0 else { throw SimulationError.numerical("demand shifter κ(\(year)) = \(kap)") }
    }
}

private func + (a: [Double], b: [Double]) -> [Double] { var out = a; out.append(contentsOf: b); return out }
