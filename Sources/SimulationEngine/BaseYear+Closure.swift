import BaseData
import Foundation
import MatrixCore
import RegionalModels

/// The residual exports of 2019 and the identities that close the base year (MODEL.md §4, "Exports to the
/// rest of China", "Identities"; §11 for the conditioning).
extension BaseYear {
    /// `EXc = x0 − A·x0 − y_loc − EXw − inv` (MODEL.md §4), with `A·x0` from the operator. After the supply
    /// cap `EXc ≥ 0` by construction: a round-off negative (above `−1e-9·max(x0, 1)`) is set to 0, anything
    /// below is a numerical error naming the cell.
    static func exportsToRestOfChina(
        operator op: CheneryMosesOperator, localFinalDemand yLoc: [Double], structure cs: CircleStructure,
        output x0: [Double], sales: ProducerSales
    ) throws -> [Double] {
        let d = cs.dims, s = d.sectors, n = d.industries
        let exw = sales.exportsAbroad, inv = sales.inventory
        let ax0 = try op.applied(to: Matrix(column: x0)).storage
        var exc = [Double](repeating: 0, count: n)
        for k in 0..<n {
            let sold: Double = ax0[k] + yLoc[k]
            exc[k] = x0[k] - sold - exw[k] - inv[k]
        }
        for k in 0..<n where exc[k] < 0 {
            guard exc[k] > -1e-9 * max(x0[k], 1) else {
                throw SimulationError.numerical("exports to the rest of China negative (\(exc[k])) for \(cs.ids[k / s]):\(cs.sectors[k % s].id) after the supply cap")
            }
            exc[k] = 0
        }
        return exc
    }

    /// The identity `L·y0 = x0` checked as a solve (MODEL.md §4, "Identities"): x from GMRES on
    /// `(I − A)·x = y0`, residual `‖x − x0‖₂/‖x0‖₂`; and the reciprocal 1-norm condition of `I − A` (§11):
    /// L ≥ 0, so `‖L‖₁ = max(Lᵀ·1)` exactly (one transposed solve), `‖I − A‖₁` from column sums.
    static func leontiefCheck(
        operator op: CheneryMosesOperator, finalDemand y0: [Double], output x0: [Double], dimensions d: MRIODimensions
    ) throws -> (residual: Double, reciprocalCondition: Double) {
        let n = d.industries
        var solver = LeontiefOperatorSolver(dimensions: d)
        let xCheck = try solver.solve(op, Matrix(column: y0)).storage
        var num = 0.0, den = 0.0
        for k in 0..<n {
            let e: Double = xCheck[k] - x0[k]
            num += e * e
            den += x0[k] * x0[k]
        }
        let residual = num.squareRoot() / den.squareRoot()
        let lColumnSums = try solver.solve(op, Matrix(column: [Double](repeating: 1, count: n)), transposed: true).storage
        let lOneNorm: Double = lColumnSums.max() ?? 1
        let reciprocalCondition: Double = 1 / (op.leontiefOneNorm * lOneNorm)
        return (residual, reciprocalCondition)
    }

    /// Imports of 2019 (MODEL.md §4, production GDP = `F + EXc + EXw + inv − imports`): intermediate
    /// `Σ a_RoW·x0` plus the imported part of local final demand, per category and region
    /// `Σ_i F[s,i] / Σ b · (1 − Σ b)`.
    static func imports(
        restOfWorld aRoWn: [Double], output x0: [Double], demand: ConsumerDemand, baskets: Baskets, dimensions d: MRIODimensions
    ) -> Double {
        let r = d.regions, s = d.sectors, n = d.industries
        let bU = baskets.urban, bR = baskets.rural, bG = baskets.government, bI = baskets.investment
        var imports = 0.0
        for k in 0..<n { imports += aRoWn[k] * x0[k] }
        let leakU = 1 - bU.reduce(0, +), leakR = 1 - bR.reduce(0, +), leakG = 1 - bG.reduce(0, +), leakI = 1 - bI.reduce(0, +)
        for reg in 0..<r {
            let rows = (reg * s)..<((reg + 1) * s)
            imports += sum(demand.urbanHouseholds, rows) / bU.reduce(0, +) * leakU
                + sum(demand.ruralHouseholds, rows) / bR.reduce(0, +) * leakR
                + sum(demand.government, rows) / bG.reduce(0, +) * leakG
                + sum(demand.investment, rows) / bI.reduce(0, +) * leakI
        }
        return imports
    }

    /// `Σ_{k ∈ rows} v[k]`, left to right.
    private static func sum(_ v: [Double], _ rows: Range<Int>) -> Double { rows.reduce(0.0) { $0 + v[$1] } }
}
