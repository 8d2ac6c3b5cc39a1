import MatrixCore

/// Delivered prices, consumer price indices and GDP deflators from the cost-push prices (MODEL-v3 §4.4).
public enum PriceIndices {
    /// Delivered (purchasers') price of final purchases of good `i` in region `s`,
    /// `p_F[s,i] = Σ_q h[q→s,i]·p[q,i] + h_RoC[s,i]·P̂ + h_RoW[s,i]·p_RoW` (MODEL-v3 §4.4), per consumer
    /// industry `k = s·S + i`.
    ///
    /// The domestic routing `h` (`FinalDemandRouting`: `inside` for the circle's producers including the own
    /// region, `outside` for the rest of China, summing to 1) applies to the domestic part of the purchase;
    /// a foreign-import share `m[s,i]` is bought at `p_RoW`. So `h[q→s,i] = (1 − m)·inside`,
    /// `h_RoC = (1 − m)·outside`, `h_RoW = m`, the weights sum to 1, and unit prices give `p_F = 1`.
    ///
    /// - Parameters:
    ///   - prices: `p` from `CostPushPriceModel` (length `n`).
    ///   - routing: the final-demand routing of the year.
    ///   - foreignImportShare: `m` per consumer industry (length `n`, in `[0, 1]`); `nil` for none.
    ///   - nationalDeflator: `P̂`, > 0.
    ///   - importPrice: `p_RoW`, > 0.
    /// - Throws: `.dimensionMismatch`; `.invalidParameter` for a non-positive price or a share outside `[0, 1]`.
    /// - Complexity: `O(R·n)`.
    public static func deliveredPrices(
        prices p: [Double], routing: FinalDemandRouting, foreignImportShare: [Double]? = nil, nationalDeflator: Double, importPrice: Double
    ) throws -> [Double] {
        let d = routing.dimensions, r = d.regions, s = d.sectors, n = d.industries
        try requireCount(p, n, "deliveredPrices", "p")
        try requirePositive(p, "p")
        try requirePositive([nationalDeflator], "P̂")
        try requirePositive([importPrice], "p_RoW")
        let m = foreignImportShare ?? [Double](repeating: 0, count: n)
        try requireCount(m, n, "deliveredPrices", "foreign-import share m")
        try requireFinite(m, "foreign-import share m")
        if let k = m.firstIndex(where: { $0 < 0 || $0 > 1 }) {
            throw InputOutputError.invalidParameter(name: "m[\(k + 1)]", value: m[k], reason: "must lie in [0, 1]")
        }
        let h = routing.inside.storage  // h[q→consumer] at consumer·R + q
        return (0..<n).map { k in
            let i = k % s
            var domestic = routing.outside[k] * nationalDeflator
            for q in 0..<r { domestic += h[k * r + q] * p[q * s + i] }
            return (1 - m[k]) * domestic + m[k] * importPrice
        }
    }

    /// `CPI[s] = Σ_i b_C[i]·p_F[s,i]` per region (MODEL-v3 §4.4), 2019 = 1.
    ///
    /// - Parameters:
    ///   - deliveredPrices: `p_F` (length `n`).
    ///   - budgetShares: `b_C[i]`, households' budget shares by sector (length `S`, ≥ 0, summing to 1 within
    ///     1e-9; call once per household type).
    ///   - dimensions: `R`, `S`.
    /// - Returns: one index per region (`R`).
    /// - Throws: `.dimensionMismatch`; `.negativeEntry`; `.invalidParameter` when the shares do not sum to 1.
    public static func consumerPriceIndices(deliveredPrices pF: [Double], budgetShares b: [Double], dimensions d: MRIODimensions) throws -> [Double] {
        let s = d.sectors
        try requireCount(pF, d.industries, "consumerPriceIndices", "p_F")
        try requireCount(b, s, "consumerPriceIndices", "b_C")
        try requireNonNegative(b, "b_C")
        try requireFinite(pF, "p_F")
        let total = b.reduce(0, +)
        guard abs(total - 1) <= 1e-9 else {
            throw InputOutputError.invalidParameter(name: "Σ b_C", value: total, reason: "budget shares must sum to 1")
        }
        return (0..<d.regions).map { reg in
            var cpi = 0.0
            for i in 0..<s { cpi += b[i] * pF[reg * s + i] }
            return cpi
        }
    }

    /// The GDP deflator of each region, nominal over real value added,
    /// `Σ_j v_p[r,j]·x[r,j] / Σ_j v[r,j]·x[r,j]` (MODEL-v3 §4.4): the national deflator times relative unit
    /// costs, not a constant. `nil` where real value added is 0.
    ///
    /// - Parameters: `valueAdded` `v`, `nominalValueAdded` `v_p`, `grossOutput` real `x` (each length `n`).
    /// - Throws: `.dimensionMismatch`; `.negativeEntry`/`.nonFinite`.
    public static func gdpDeflators(
        valueAdded v: [Double], nominalValueAdded vp: [Double], grossOutput x: [Double], dimensions d: MRIODimensions
    ) throws -> [Double?] {
        try validateDeflatorInputs(v, vp, x, dimensions: d)
        return (0..<d.regions).map { deflator(v, vp, x, sectors: d.sectors, regions: [$0]) }
    }

    /// The GDP deflator of an aggregate of regions (a province's part, the circle):
    /// `Σ_{r∈Ω,j} v_p·x / Σ_{r∈Ω,j} v·x`; `nil` where real value added is 0.
    /// - Throws: `.dimensionMismatch` (also for a region index out of range); `.negativeEntry`/`.nonFinite`.
    public static func gdpDeflator(
        valueAdded v: [Double], nominalValueAdded vp: [Double], grossOutput x: [Double], dimensions d: MRIODimensions, regions: [Int]
    ) throws -> Double? {
        try validateDeflatorInputs(v, vp, x, dimensions: d)
        if let bad = regions.first(where: { $0 < 0 || $0 >= d.regions }) {
            throw InputOutputError.dimensionMismatch(operation: "gdpDeflator", expected: "regions in 0..<\(d.regions)", got: "\(bad)")
        }
        return deflator(v, vp, x, sectors: d.sectors, regions: regions)
    }

    /// Lengths `n` and non-negative entries of `v`, `v_p`, `x` (checked once per call of the public functions).
    static func validateDeflatorInputs(_ v: [Double], _ vp: [Double], _ x: [Double], dimensions d: MRIODimensions) throws {
        for (values, name) in [(v, "v"), (vp, "v_p"), (x, "x")] {
            try requireCount(values, d.industries, "gdpDeflator", name)
            try requireNonNegative(values, name)
        }
    }

    /// `Σ v_p·x / Σ v·x` over `regions` on validated inputs; nil where real value added is 0.
    static func deflator(_ v: [Double], _ vp: [Double], _ x: [Double], sectors s: Int, regions: [Int]) -> Double? {
        var nominal = 0.0, real = 0.0
        for reg in regions {
            for j in 0..<s {
                let k = reg * s + j
                nominal += vp[k] * x[k]
                real += v[k] * x[k]
            }
        }
        return real > 0 ? nominal / real : nil
    }
}
