extension InputOutput {
    /// A column sum of `A` at or above `1 − productiveColumnSumMargin` is not taken as proof of
    /// productivity: `requireProductive` then asks for `ρ(A) < 1` (Perron bracket). Modelling choice (a
    /// safety margin of six digits below the textbook bound `Σ_i a_ij < 1`, M&B §2.3).
    public static let productiveColumnSumMargin = 1e-6

    /// Relative rounding allowed when an own-region coefficient is subtracted from `A_dom`: a remainder down
    /// to `−1e-15·max(a_dom, 1)` (a few ulps) counts as zero, not as a negative entry. Numerical choice.
    static let remainderRoundingTolerance = 1e-15

    /// Relative rounding allowed when own use is compared with gross output in the supply cap (MODEL.md §4):
    /// own use up to `x0·(1 + 1e-12)` is not "own use above output". Numerical choice.
    static let ownUseRoundingTolerance = 1e-12

    /// A supply-cap factor `φ` below this is listed as a warning (MODEL.md §4 asks to list heavily capped
    /// industries). Modelling choice.
    static let supplyCapWarningFactor = 0.5
}
