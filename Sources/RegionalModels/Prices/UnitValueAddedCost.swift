import Foundation

/// The cost indices that set unit value-added cost in one year (MODEL-v3 §4.4), all 2019 = 1.
public struct UnitCostInputs: Sendable, Equatable {
    /// `ŵ[r] = w[r](t)/w[r](2019)` per region (`R`; the caller maps labour-market zones to jurisdictions).
    public var wageIndex: [Double]
    /// `ĉ_K`, the national investment-price index (the user cost of capital otherwise constant, (M)).
    public var capitalCostIndex: Double
    /// `Â[r] = A[r](t)/A[r](2019)`, TFP per region (`R`).
    public var tfpIndex: [Double]
    /// `CU[r] = Y[r]/Y*[r]` per region (`R`; 1 in 2019, where `Y*` is calibrated to GDP, MODEL-v3 §4.2).
    public var utilisation: [Double]
    /// `s_j`, the labour share of value added at factor cost per sector (`S`; 2018 IO table), in `[0, 1]`.
    public var labourShare: [Double]

    public init(wageIndex: [Double], capitalCostIndex: Double, tfpIndex: [Double], utilisation: [Double], labourShare: [Double]) {
        self.wageIndex = wageIndex
        self.capitalCostIndex = capitalCostIndex
        self.tfpIndex = tfpIndex
        self.utilisation = utilisation
        self.labourShare = labourShare
    }

    /// Every index at its 2019 value 1 (`R` regions, the given labour shares).
    public static func base(regions r: Int, labourShare: [Double]) -> UnitCostInputs {
        let ones = [Double](repeating: 1, count: r)
        return UnitCostInputs(wageIndex: ones, capitalCostIndex: 1, tfpIndex: ones, utilisation: ones, labourShare: labourShare)
    }
}

/// Unit value-added cost, the dual of a Cobb–Douglas value-added function (MODEL-v3 §4.4).
public enum UnitValueAddedCost {
    /// `c[r,j] = ŵ[r]^(s_j)·ĉ_K^(1−s_j)·Â[r]^(−1)·CU[r]^(ε_CU)` per industry `k = r·S + j` (length `n`).
    ///
    /// The first three factors are the Cobb–Douglas unit-cost (dual) function of value added with labour
    /// share `s_j`: homogeneous of degree 1 in the factor prices `(ŵ, ĉ_K)`, falling one for one with TFP.
    /// `CU^(ε_CU)` is a demand-pressure mark-up (`ε_CU` a modelling choice, `PriceParameters`). With
    /// `utilisationElasticity: 0` it is `c̃`, the cost the labour demand of MODEL-v3 §4.2 uses. Every
    /// index at 1 gives `c = 1` exactly.
    ///
    /// - Parameters:
    ///   - inputs: the indices (`R` per-region vectors, `S` labour shares).
    ///   - dimensions: `R`, `S`.
    ///   - utilisationElasticity: `ε_CU ≥ 0`.
    /// - Throws: `.dimensionMismatch`; `.invalidParameter` for a non-positive index, a labour share outside
    ///   `[0, 1]` or a negative `ε_CU`. Complexity `O(n)`.
    public static func unitCosts(_ inputs: UnitCostInputs, dimensions d: MRIODimensions, utilisationElasticity: Double) throws -> [Double] {
        let r = d.regions, s = d.sectors
        try requireCount(inputs.wageIndex, r, "unitCosts", "ŵ")
        try requireCount(inputs.tfpIndex, r, "unitCosts", "Â")
        try requireCount(inputs.utilisation, r, "unitCosts", "CU")
        try requireCount(inputs.labourShare, s, "unitCosts", "s_j")
        try requirePositive(inputs.wageIndex, "ŵ")
        try requirePositive([inputs.capitalCostIndex], "ĉ_K")
        try requirePositive(inputs.tfpIndex, "Â")
        try requirePositive(inputs.utilisation, "CU")
        try requireFinite(inputs.labourShare, "s_j")
        if let j = inputs.labourShare.firstIndex(where: { $0 < 0 || $0 > 1 }) {
            throw InputOutputError.invalidParameter(name: "s_j[\(j + 1)]", value: inputs.labourShare[j], reason: "must lie in [0, 1]")
        }
        guard utilisationElasticity.isFinite, utilisationElasticity >= 0 else {
            throw InputOutputError.invalidParameter(name: "ε_CU", value: utilisationElasticity, reason: "must be finite and ≥ 0")
        }
        var out = [Double](repeating: 0, count: d.industries)
        for reg in 0..<r {
            let regional = pow(inputs.utilisation[reg], utilisationElasticity) / inputs.tfpIndex[reg]
            for j in 0..<s {
                let share = inputs.labourShare[j]
                out[reg * s + j] = pow(inputs.wageIndex[reg], share) * pow(inputs.capitalCostIndex, 1 - share) * regional
            }
        }
        return out
    }

    /// Nominal value added per unit of real output, `v_p[r,j] = v[r,j]·c[r,j]` (MODEL-v3 §4.4; net taxes on
    /// production move with factor costs, (M)).
    ///
    /// - Parameters:
    ///   - valueAdded: `v`, value added per unit of output at 2019 prices (length `n`, ≥ 0).
    ///   - unitCosts: `c` from `unitCosts(_:dimensions:utilisationElasticity:)` (length `n`).
    /// - Throws: `.dimensionMismatch`; `.negativeEntry`/`.nonFinite` for bad `v` or `c`.
    public static func nominalValueAddedCoefficients(valueAdded v: [Double], unitCosts c: [Double]) throws -> [Double] {
        try requireCount(c, v.count, "nominalValueAddedCoefficients", "c")
        try requireNonNegative(v, "v")
        try requireNonNegative(c, "c")
        return zip(v, c).map { $0 * $1 }
    }
}
