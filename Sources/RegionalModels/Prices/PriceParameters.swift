import Foundation

/// The parameters of the compensation, prices and costs block (MODEL-v3 §4.4; defaults and priors in §8).
public struct PriceParameters: Sendable, Hashable, Codable {
    /// `β_U`, the elasticity of the wage with respect to the local unemployment rate (`wage.unemploymentElasticity`).
    ///
    /// Default −0.10: the "wage curve" elasticity of Blanchflower & Oswald (1994, *The Wage Curve*, MIT
    /// Press), found across a dozen countries. The meta-analysis of Nijkamp & Poot (2005, *J. Econ. Surveys*
    /// 19(1)) puts the mean a little closer to zero once publication bias is corrected, hence MODEL-v3 §8's
    /// prior N(−0.08, 0.03) on [−0.2, −0.02]. For China, Peng, Kang & Anwar (2026, *Pacific Econ. Rev.*
    /// 31(1), 64–82; 298 cities, 1999–2017) find a significantly negative city wage curve, stronger for local
    /// than for aggregate unemployment (the point estimate was not checked here: read from the abstract).
    public var unemploymentElasticity = -0.10
    /// `φ_w ∈ (0, 1]`, the weight of the target wage in the yearly partial adjustment (`wage.adjustment`).
    ///
    /// Default 1 (wages at the wage curve every year): a modelling choice (M), prior U(0.5, 1) (MODEL-v3 §8).
    public var wageAdjustment = 1.0
    /// `ε_CU`, the elasticity of unit value-added cost with respect to utilisation `CU = Y/Y*`
    /// (`prices.utilisationElasticity`).
    ///
    /// Default 0.3: a modelling choice (M), prior U(0, 0.8) (MODEL-v3 §8); 0 switches the demand-pressure
    /// mark-up off.
    public var utilisationElasticity = 0.3

    public init() {}

    /// Throws `.invalidParameter` unless `β_U ≤ 0`, `0 < φ_w ≤ 1`, `ε_CU ≥ 0`, all finite.
    public func validate() throws {
        guard unemploymentElasticity.isFinite, unemploymentElasticity <= 0 else {
            throw InputOutputError.invalidParameter(name: "β_U", value: unemploymentElasticity, reason: "must be finite and ≤ 0")
        }
        guard wageAdjustment.isFinite, wageAdjustment > 0, wageAdjustment <= 1 else {
            throw InputOutputError.invalidParameter(name: "φ_w", value: wageAdjustment, reason: "must lie in (0, 1]")
        }
        guard utilisationElasticity.isFinite, utilisationElasticity >= 0 else {
            throw InputOutputError.invalidParameter(name: "ε_CU", value: utilisationElasticity, reason: "must be finite and ≥ 0")
        }
    }
}

/// Throws `.nonFinite` for a NaN or infinity and `.invalidParameter` for the first entry ≤ 0 (price and
/// cost indices, rates that enter a logarithm).
func requirePositive(_ values: [Double], _ quantity: String) throws {
    try requireFinite(values, quantity)
    if let k = values.firstIndex(where: { $0 <= 0 }) {
        throw InputOutputError.invalidParameter(name: "\(quantity)[\(k + 1)]", value: values[k], reason: "must be > 0")
    }
}
