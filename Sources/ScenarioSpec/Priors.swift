import Foundation

/// A prior distribution of an uncertain parameter (MODEL-v3 §5, §8), read from `priors.csv`.
public enum PriorDistribution: Sendable, Hashable {
    /// U(a, b).
    case uniform(Double, Double)
    /// N(mean, sd), truncated to the row's bounds when given.
    case normal(mean: Double, sd: Double)
    /// LogN with the given median and σ of ln x; written as `median=m;p05=a;p95=b`, σ = ln(b/a)/(2·1.6449)
    /// (the 90 % interval's log-width; the median is kept when the interval is not symmetric in logs).
    case lognormal(median: Double, sigma: Double)
    /// Named values with probabilities summing to 1 (`low=0.25;medium=0.5;high=0.25`).
    case categorical([String: Double])
    /// An AR(1) process of shocks (`rho=…;sd=…`): not a single draw.
    case ar1(rho: Double, sd: Double)

    /// The 95 % standard normal quantile used for `p05`/`p95`.
    static let z95 = 1.6448536269514722
}

/// Whether a prior's parameter exists in today's `ParameterCatalog`.
public enum PriorStatus: String, Sendable, Hashable {
    /// The parameter exists; an ensemble can sample it.
    case model
    /// In the design (MODEL-v3 §8) but not yet in the model: listed, never sampled.
    case absent
}

/// One row of `priors.csv`.
public struct Prior: Sendable, Hashable {
    public let id: String
    public let status: PriorStatus
    public let distribution: PriorDistribution
    /// Truncation bounds (both or neither).
    public let bounds: ClosedRange<Double>?
    public let source: String

    /// The support: bounds if given, else the distribution's own (uniform [a, b]; lognormal (0, ∞); normal
    /// and the rest unbounded); nil for categorical priors.
    public var support: ClosedRange<Double>? {
        if let bounds { return bounds }
        switch distribution {
        case .uniform(let a, let b): return a...b
        case .lognormal: return 0...Double.infinity
        case .normal, .ar1: return -Double.infinity...Double.infinity
        case .categorical: return nil
        }
    }

    /// The value at probability `u ∈ (0, 1)` (inverse CDF, truncated to `bounds`:
    /// `F⁻¹(F(lo) + u·(F(hi) − F(lo)))`); nil for categorical and AR(1) priors.
    public func quantile(_ u: Double) -> Double? {
        switch distribution {
        case .uniform(let a, let b):
            let lo = max(a, bounds?.lowerBound ?? a), hi = min(b, bounds?.upperBound ?? b)
            return lo + u * (hi - lo)
        case .normal(let m, let s):
            return truncated(u) { m + s * $0 } inverse: { ($0 - m) / s }
        case .lognormal(let med, let sg):
            return truncated(u) { med * exp(sg * $0) } inverse: { $0 <= 0 ? -Double.infinity : log($0 / med) / sg }
        case .categorical, .ar1: return nil
        }
    }

    /// `x(z)` at the standard normal quantile of `u` rescaled to the bounds' probabilities (`z(x)` maps back).
    private func truncated(_ u: Double, _ x: (Double) -> Double, inverse z: (Double) -> Double) -> Double {
        guard let b = bounds else { return x(NormalDistribution.quantile(u)) }
        let pLo = NormalDistribution.cdf(z(b.lowerBound)), pHi = NormalDistribution.cdf(z(b.upperBound))
        return min(max(x(NormalDistribution.quantile(pLo + u * (pHi - pLo))), b.lowerBound), b.upperBound)
    }
}

/// The standard normal distribution: CDF `Φ(z) = erfc(−z/√2)/2`, and its inverse (Acklam's rational
/// approximation, relative error 1.15e-9, refined by one Halley step to full double precision).
public enum NormalDistribution {
    public static func cdf(_ z: Double) -> Double { 0.5 * erfc(-z / 2.0.squareRoot()) }

    public static func quantile(_ p: Double) -> Double {
        guard p > 0 else { return -Double.infinity }
        guard p < 1 else { return Double.infinity }
        let a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00]
        let b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01]
        let c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00]
        let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
        let pLow = 0.02425
        var x: Double
        if p < pLow || p > 1 - pLow {
            let q = (-2 * log(p < pLow ? p : 1 - p)).squareRoot()
            x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
            if p > 1 - pLow { x = -x }
        } else {
            let q = p - 0.5, r = q * q
            x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
        }
        let e = cdf(x) - p, u = e * (2 * Double.pi).squareRoot() * exp(x * x / 2)
        return x - u / (1 + x * u / 2)
    }
}
