import Foundation

/// A linear map from a data domain onto a pixel range: `p = r0 + (v − d0)·(r1 − r0)/(d1 − d0)`.
public struct LinearScale: Sendable, Hashable {
    public let domain: (lower: Double, upper: Double)
    public let range: (start: Double, end: Double)

    public init(domain: (Double, Double), range: (Double, Double)) {
        self.domain = (domain.0, domain.1)
        self.range = (range.0, range.1)
    }

    /// Pixel position of `value`.
    public func callAsFunction(_ value: Double) -> Double {
        let span = domain.upper - domain.lower
        guard span != 0 else { return (range.start + range.end) / 2 }
        return range.start + (value - domain.lower) * (range.end - range.start) / span
    }

    /// Data value at pixel `position` (the inverse map).
    public func invert(_ position: Double) -> Double {
        let span = range.end - range.start
        guard span != 0 else { return domain.lower }
        return domain.lower + (position - range.start) * (domain.upper - domain.lower) / span
    }

    public static func == (a: LinearScale, b: LinearScale) -> Bool {
        a.domain == b.domain && a.range == b.range
    }
    public func hash(into h: inout Hasher) {
        h.combine(domain.lower); h.combine(domain.upper); h.combine(range.start); h.combine(range.end)
    }
}

/// "Nice" axis ticks: steps of 1, 2 or 5 × 10ᵏ covering a range, as in d3-array's `tickIncrement`
/// (Bostock, d3-array `ticks.js`): raw step `s₀ = (hi − lo)/count`, `e = s₀/10^⌊log₁₀ s₀⌋`, multiplied up
/// to 10, 5 or 2 when `e ≥ √50, √10, √2`; the axis then runs from `⌊lo/step⌋·step` to `⌈hi/step⌉·step`.
public enum NiceTicks {
    /// The 1-2-5 step for about `count` intervals over `span`.
    public static func step(span: Double, count: Int) -> Double {
        guard span > 0, span.isFinite else { return 1 }
        let raw = span / Double(max(1, count))
        let power = pow(10, floor(log10(raw)))
        let error = raw / power
        let factor: Double = error >= 50.squareRoot() ? 10 : error >= 10.squareRoot() ? 5 : error >= 2.squareRoot() ? 2 : 1
        return factor * power
    }

    /// Ticks spanning `[lower, upper]`: the first at or below `lower`, the last at or above `upper`, about
    /// `count` intervals. Values are multiples of `step` rounded to its decimals (no `0.30000000000000004`).
    public static func ticks(lower: Double, upper: Double, count: Int = 5) -> (step: Double, values: [Double]) {
        var lo = lower, hi = upper
        if !(hi > lo) {
            let pad = lo == 0 ? 1 : abs(lo) * 0.1
            lo -= pad
            hi += pad
        }
        let step = step(span: hi - lo, count: count)
        let first = floor(lo / step + 1e-9)
        let last = ceil(hi / step - 1e-9)
        let decimals = decimals(forStep: step)
        let factor = pow(10, Double(decimals))
        var values: [Double] = []
        var k = first
        while k <= last + 0.5 {
            values.append((k * step * factor).rounded() / factor)
            k += 1
        }
        return (step, values)
    }

    /// Decimals needed to print ticks `step` apart.
    public static func decimals(forStep step: Double) -> Int {
        guard step > 0, step.isFinite else { return 0 }
        return max(0, -Int(floor(log10(step) + 1e-9)))
    }
}

/// Small helpers for writing SVG and HTML text.
enum Markup {
    /// Escapes `& < > " '` for text and attribute values.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for ch in text {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }

    /// The font stack of charts and pages: system UI fonts, then common CJK fonts (Noto/Source Han, PingFang,
    /// Microsoft YaHei, WenQuanYi Micro Hei of Debian's `fonts-wqy-microhei`), so that Chinese names never
    /// fall back to boxes where any of them is installed. Single quotes: it sits inside SVG attributes.
    static let fontFamily = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'WenQuanYi Micro Hei', 'WenQuanYi Zen Hei', sans-serif"

    /// A pixel coordinate with two decimals (`12.50`).
    static func px(_ v: Double) -> String { String(format: "%.2f", v) }

    /// Colour-blind-safe series colours (Okabe & Ito 2008), black-and-white friendly with `dashes`.
    static let palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#999999"]
    static let dashes = ["", "7 3", "2 3", "9 3 2 3", "4 4", "1 2", "12 4", "6 2 2 2"]

    /// Rough width in pixels of `text` at `fontSize` (CJK characters count double).
    static func textWidth(_ text: String, fontSize: Double) -> Double {
        Double(TextTable.displayWidth(text)) * fontSize * 0.58
    }

    /// Font size (≤ `preferred`, ≥ 9) at which `text` fits in `width` pixels.
    static func fittingFontSize(_ text: String, width: Double, preferred: Double) -> Double {
        let natural = textWidth(text, fontSize: preferred)
        guard natural > width, natural > 0 else { return preferred }
        return max(9, (preferred * width / natural * 10).rounded(.down) / 10)
    }

    /// An axis tick label: `value × scale` with `decimals` decimals, grouped; values of a million and more
    /// shortened to `M`/`bn`.
    static func tickLabel(_ value: Double, scale: Double, step: Double) -> String {
        let v = value * scale
        let s = step * scale
        let magnitude = abs(v)
        if magnitude >= 1e9 && s >= 1e8 {
            return NumberFormatting.grouped(v / 1e9, fractionDigits: NiceTicks.decimals(forStep: s / 1e9)) + " bn"
        }
        if magnitude >= 1e6 && s >= 1e5 {
            return NumberFormatting.grouped(v / 1e6, fractionDigits: NiceTicks.decimals(forStep: s / 1e6)) + " M"
        }
        return NumberFormatting.grouped(v, fractionDigits: NiceTicks.decimals(forStep: s))
    }
}
