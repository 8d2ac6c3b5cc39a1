import Foundation
import MatrixCore
import RegionalModels

/// Stage 1–2 of a year (MODEL.md §3, §9 steps 1–2): trade masses `M(t) = (1 − φ_m)·M(t−1) + φ_m·x(t−1)`, then
/// the MRIO `A(t)` (as a `CheneryMosesOperator`) and the final-demand routing from the 2019 own-region
/// coefficients, the fitted ω, this year's gravity weights with the levers' trade costs, the 2019 supply caps
/// and the input-saving factor `(1 − s)^(t − 2019)`.
enum TradeStage {
    struct Result {
        let coefficients: CheneryMosesOperator
        let routing: FinalDemandRouting
    }

    static func build(
        year: Int, parameters p: YearParameters, context c: RunContext, state: inout EconomyState, times tt: RegionTimes,
        effects: YearEffects, path: GrowthTargets
    ) throws -> Result {
        let n = c.structure.dims.industries
        for k in 0..<n { state.mass[k] = (1 - p.massSmoothing) * state.mass[k] + p.massSmoothing * state.output[k] }
        let rocOutput = c.base.trade.restOfChinaOutput2019.map { $0 * path.nationalIndex }
        let built = try TradeBuilder.build(
            structure: c.base.trade, mass: state.mass, times: [tt.freight, tt.passenger],
            gatewayHours: [tt.gatewayFreight, tt.gatewayPassenger], t0: p.t0, restOfChinaOutput: rocOutput,
            costs: effects.tradeCosts, inputSavingFactor: pow(1 - p.inputSaving, Double(year - RunConventions.baseYear)))
        return Result(coefficients: built.coefficients, routing: built.routing)
    }
}
