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
