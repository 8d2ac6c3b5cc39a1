import Foundation

/// The regional wage curve with partial adjustment (MODEL-v3 §4.4, "Wage curve"; Blanchflower & Oswald
/// 1994): one nominal wage per labour-market zone, in yuan per worker (any unit: only ratios enter).
public enum WageCurve {
    /// Potential output per worker at the 2019 unemployment rate, `y* = Y*/(LF·(1 − U(2019)))` (MODEL-v3 §4.4).
    ///
    /// - Parameters:
    ///   - potentialOutput: `Y*` (any output unit).
    ///   - labourForce: `LF`, persons.
    ///   - unemployment2019: `U(2019)`, a fraction in `[0, 1)`.
    /// - Throws: `.invalidParameter` unless `LF > 0`, `0 ≤ U(2019) < 1`, `Y* ≥ 0`, all finite.
    public static func potentialOutputPerWorker(potentialOutput: Double, labourForce: Double, unemployment2019: Double) throws -> Double {
        guard potentialOutput.isFinite, potentialOutput >= 0 else {
            throw InputOutputError.invalidParameter(name: "Y*", value: potentialOutput, reason: "must be finite and ≥ 0")
        }
        guard labourForce.isFinite, labourForce > 0 else {
            throw InputOutputError.invalidParameter(name: "LF", value: labourForce, reason: "must be finite and > 0")
        }
        guard unemployment2019.isFinite, unemployment2019 >= 0, unemployment2019 < 1 else {
            throw InputOutputError.invalidParameter(name: "U(2019)", value: unemployment2019, reason: "must lie in [0, 1)")
        }
        return potentialOutput / (labourForce * (1 - unemployment2019))
    }

    /// The wage-curve target
    /// `w*[r](t) = w[r](2019)·P̂(t)·(y*[r](t)/y*[r](2019))·(U[r](t)/U[r](2019))^(β_U)` (MODEL-v3 §4.4).
    ///
    /// Nominal wages follow the national deflator `P̂` and potential productivity one for one and fall with
    /// local unemployment at elasticity `β_U < 0` (Blanchflower & Oswald 1994). `U` enters only as a ratio to
    /// its 2019 value, so registered and survey unemployment give the same curve.
    ///
    /// - Parameters:
    ///   - wage2019: `w[r](2019)`, > 0.
    ///   - deflator: `P̂(t)`, the national GDP deflator (2019 = 1), > 0.
    ///   - potentialOutputPerWorker: `y*[r](t)`, > 0.
    ///   - potentialOutputPerWorker2019: `y*[r](2019)`, > 0.
    ///   - unemployment: `U[r](t)`, > 0 (the labour block keeps it ≥ U_min, MODEL-v3 §4.2).
    ///   - unemployment2019: `U[r](2019)`, > 0.
    ///   - elasticity: `β_U` (`PriceParameters.unemploymentElasticity`).
    /// - Throws: `.invalidParameter` for a non-positive or non-finite input.
    public static func targetWage(
        wage2019: Double, deflator: Double, potentialOutputPerWorker: Double, potentialOutputPerWorker2019: Double,
        unemployment: Double, unemployment2019: Double, elasticity: Double
    ) throws -> Double {
        try requirePositive([wage2019], "w(2019)")
        try requirePositive([deflator], "P̂(t)")
        try requirePositive([potentialOutputPerWorker, potentialOutputPerWorker2019], "y*(t), y*(2019)")
        try requirePositive([unemployment, unemployment2019], "U(t), U(2019)")
        try requireFinite([elasticity], "β_U")
        return wage2019 * deflator * (potentialOutputPerWorker / potentialOutputPerWorker2019)
            * pow(unemployment / unemployment2019, elasticity)
    }

    /// Partial adjustment towards the target,
    /// `w(t) = (w*(t))^(φ_w)·(w(t−1)·P̂(t)/P̂(t−1))^(1−φ_w)` (MODEL-v3 §4.4): a geometric mean of the target
    /// and last year's wage indexed to this year's deflator; `φ_w = 1` gives `w = w*`.
    ///
    /// - Parameters:
    ///   - target: `w*(t)`, > 0.
    ///   - previousWage: `w(t−1)`, > 0.
    ///   - deflator: `P̂(t)`, > 0.
    ///   - previousDeflator: `P̂(t−1)`, > 0.
    ///   - adjustment: `φ_w ∈ (0, 1]` (`PriceParameters.wageAdjustment`, a modelling choice).
    /// - Throws: `.invalidParameter` for a non-positive input or `φ_w` outside `(0, 1]`.
    public static func adjustedWage(
        target: Double, previousWage: Double, deflator: Double, previousDeflator: Double, adjustment: Double
    ) throws -> Double {
        try requirePositive([target, previousWage], "w*(t), w(t−1)")
        try requirePositive([deflator, previousDeflator], "P̂(t), P̂(t−1)")
        guard adjustment.isFinite, adjustment > 0, adjustment <= 1 else {
            throw InputOutputError.invalidParameter(name: "φ_w", value: adjustment, reason: "must lie in (0, 1]")
        }
        let indexed = previousWage * deflator / previousDeflator
        return pow(target, adjustment) * pow(indexed, 1 - adjustment)
    }
}
