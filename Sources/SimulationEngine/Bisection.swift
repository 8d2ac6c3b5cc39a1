/// The root of a function that changes sign on an interval, by bisection: the calibration's capital trend
/// (`TechnicalProgressCalibration.capitalTrend`) and the employment closure's fixed point
/// (`IncomeStage.clearedEmploymentRate`).
enum Bisection {
    /// The root of `f` in `range` after `halvings` halvings (60: below 1e-18 of the range's width); nil where `f` is
    /// undefined at an end or at a midpoint, or has the same sign at both ends.
    static func root(_ f: (Double) -> Double?, in range: ClosedRange<Double>, halvings: Int = 60) -> Double? {
        var lo = range.lowerBound, hi = range.upperBound
        guard let flo = f(lo), let fhi = f(hi), flo * fhi <= 0 else { return nil }
        var sLo = flo
        for _ in 0..<halvings {
            let mid = (lo + hi) / 2
            guard let fm = f(mid) else { return nil }
            if sLo * fm <= 0 { hi = mid } else { lo = mid; sLo = fm }
        }
        return (lo + hi) / 2
    }
}
