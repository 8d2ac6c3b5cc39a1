/// Constants the engine calibrates to, each with its source or labelled as an assumption. Listed in the
/// calibration table of `Sources/SimulationEngine/README.md`.
enum CalibrationConstants {
    /// China's real GDP growth 2016–2019 as first published by NBS in each year's statistical communiqué:
    /// 6.7 %, 6.9 %, 6.6 %, 6.1 % (mean 6.575 %). Published by early 2020 about years up to 2019: allowed.
    static let nationalGrowth2016to2019 = [0.067, 0.069, 0.066, 0.061]
    /// Fallback for the circle's 2016–2019 mean growth when the base data lack it: the outline's "above 8 %".
    static let circleGrowth2016to2019Fallback = 0.08
    /// The fastest Chongqing–Chengdu rail time in 2019, minutes: midpoint of the 75–90 min bracket the sources
    /// give for 成渝客专 at 300 km/h (transport NOTES §3; no dated 2019 timetable was found).
    static let cqcdRailMinutes2019 = 82.5
    /// Share of the circle's gross out-migrants who leave for the rest of China (assumption; the stocks in
    /// the base data — 474万 Chongqing residents living outside the municipality against 182万 incoming,
    /// Sichuan's 1,553万 migrant workers away from home — show a strong outward orientation).
    static let leaverShareToRestOfChina = 0.45
    /// Sweeps of the migration calibration's fixed point (modelling choice: with the census-decade targets the
    /// destination and rest-of-China constants converge more slowly than to a stationary 2019).
    static let migrationCalibrationSweeps = 5000
    /// R&D intensity 2019 where the base data have none: Sichuan 1.87 % (assumption: the NBS 2019 science
    /// and technology expenditure bulletin's figure as recalled, not found in the store).
    static let rdIntensitySichuanFallback = 0.0187
    /// Chongqing fallback: 2.01 % (2018, base data).
    static let rdIntensityChongqingFallback = 0.0201
    /// GDP deflator growth after 2019, for current-price GDP (assumption: IMF WEO Oct 2019 projected China's
    /// deflator at about 2 % a year).
    static let gdpDeflatorGrowth = 0.02
    /// The circle's 2019 rail network, km: the outline's density 3.5 km per 100 km² × 185,000 km² (derived).
    static let railKilometres2019Fallback = 6_475.0
}

/// Sector codes of the national 42-sector input–output table (`national-io/sectors_42.csv`, NBS 2018) that
/// the engine names, with the modelling choice each one encodes.
enum SectorCodes {
    /// 27 Construction: where an `investment-programme` lever without `sectors:` spends (modelling choice:
    /// the outline's programmes are infrastructure).
    static let construction = "27"
    /// 35 Research and experimental development: extra R&D spending is GFCF in this sector (MODEL.md §7,
    /// the SNA 2008 treatment of R&D as investment).
    static let researchAndDevelopment = "35"
    /// 28 trade, 29 transport, 30 accommodation and catering, 41 culture, sports and entertainment: what a
    /// `consumption-exports` lever without `sectors:` sells to visitors (modelling choice, the outline's
    /// "international consumption destination", ch. 6).
    static let visitorConsumption = ["28", "29", "30", "41"]
    /// Mining, manufacturing and utilities (02–26) and transport (29) carry the proxy emission coefficient 1
    /// (MODEL.md §8; the base data have no sector emission coefficients): a modelling choice.
    static let emittingCodes: ClosedRange<Int> = 2...26
    static let emittingTransport = 29
}

/// Years and limits of the run that are conventions, not data.
enum RunConventions {
    /// The base year of the accounts and of every index (MODEL.md §2).
    static let baseYear = 2019
    /// The window of the contribution of technical progress, W = 5 years of growth (MODEL-v3 §4.8: the 2025 goal
    /// reads 2020 → 2025; a modelling choice until MOST's window labels are checked).
    static let technicalProgressWindow = 5
    /// Power iterations of the base year's spectral bracket of ρ(A) (MODEL.md §11).
    static let spectralIterations = 100
    /// Largest admissible column sum of A(2019): 1 − 1e-6 (the economy must produce its own inputs).
    static let columnSumLimit = 1 - 1e-6
    /// Largest admissible base-year calibration residual ‖L·y0 − x0‖/‖x0‖.
    static let calibrationResidualLimit = 1e-9
    /// A supply-cap factor φ below this is listed in the warnings.
    static let lowSupplyCapWarning = 0.5
    /// Output may dip this far below zero (relative) before it counts as a numerical failure; it is then set to 0.
    static let negativeOutputTolerance = 1e-6
}
