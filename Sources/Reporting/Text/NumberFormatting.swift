import Foundation

/// Number formatting for files (exact) and for people (rounded, grouped, with units).
public enum NumberFormatting {
    /// Shortest text that reads back as the same `Double` (Swift's `description`: `0.66`, `1.0`,
    /// `1e-05`); empty for nil or a non-finite value. Used in CSV files.
    public static func roundTrip(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "" }
        return value.description
    }

    /// `value` rounded to `fractionDigits` decimals with `separator` between groups of three integer
    /// digits: `grouped(1234567.891, fractionDigits: 1)` is `"1,234,567.9"`. A result that rounds to zero
    /// carries no minus sign. Locale-independent (`.` decimal point).
    public static func grouped(_ value: Double, fractionDigits: Int, separator: String = ",") -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "∞" : "-∞") }
        let digits = max(0, min(fractionDigits, 15))
        var text = String(format: "%.\(digits)f", value)
        var negative = false
        if text.hasPrefix("-") {
            negative = true
            text.removeFirst()
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let integerPart = Array(parts[0])
        var groupedInteger = ""
        for (k, ch) in integerPart.enumerated() {
            if k > 0 && (integerPart.count - k) % 3 == 0 { groupedInteger.append(separator) }
            groupedInteger.append(ch)
        }
        var result = groupedInteger
        if parts.count > 1 { result += "." + parts[1] }
        if negative && text.contains(where: { $0 != "0" && $0 != "." }) { result = "-" + result }
        return result
    }

    /// How values of a unit are shown to people: multiplied by `scale`, rounded to `fractionDigits`, and
    /// labelled `label`. Fractions are shown as percentages (and their differences as percentage points)
    /// with one decimal from 10 % and two below; units without fixed decimals use `autoDigits`.
    public struct UnitDisplay: Sendable, Hashable {
        public let scale: Double
        public let label: String
        /// Label of a difference of two values (`pp` for fractions shown as `%`).
        public let differenceLabel: String
        public let fractionDigits: Int?

        /// The display of `unit` (the indicator definition's unit string).
        public init(unit: String) {
            switch unit {
            case "fraction", "share":
                self.init(scale: 100, label: "%", differenceLabel: "pp", fractionDigits: nil)
            case "fraction per year", "fraction/year":
                self.init(scale: 100, label: "% per year", differenceLabel: "pp per year", fractionDigits: nil)
            case "persons", "people":
                self.init(scale: 1, label: unit, differenceLabel: unit, fractionDigits: 0)
            case "km", "minutes", "days":
                self.init(scale: 1, label: unit, differenceLabel: unit, fractionDigits: 0)
            case "100m yuan":
                self.init(scale: 1, label: unit, differenceLabel: unit, fractionDigits: 1)
            default:
                self.init(scale: 1, label: unit, differenceLabel: unit, fractionDigits: nil)
            }
        }

        public init(scale: Double, label: String, differenceLabel: String, fractionDigits: Int?) {
            self.scale = scale
            self.label = label
            self.differenceLabel = differenceLabel
            self.fractionDigits = fractionDigits
        }

        /// The scaled number, rounded and grouped, without the label.
        public func number(_ value: Double) -> String {
            let scaled = value * scale
            let digits = fractionDigits ?? (scale == 100 ? (abs(scaled) >= 9.995 ? 1 : 2) : NumberFormatting.autoDigits(scaled))
            return NumberFormatting.grouped(scaled, fractionDigits: digits)
        }

        /// `number(value)` followed by the label: `"65.2 %"`, `"98,123,456 persons"`.
        public func text(_ value: Double) -> String { label.isEmpty ? number(value) : "\(number(value)) \(label)" }

        /// A signed difference without its label: `"+1.3"`, `"-2,000"`.
        public func signedNumber(_ difference: Double) -> String {
            let body = number(difference)
            return body.hasPrefix("-") || body.allSatisfy({ $0 == "0" || $0 == "." || $0 == "," }) ? body : "+" + body
        }

        /// A signed difference with its label: `"+1.3 pp"`, `"-2,000 persons"`.
        public func differenceText(_ difference: Double) -> String {
            let signed = signedNumber(difference)
            return differenceLabel.isEmpty ? signed : "\(signed) \(differenceLabel)"
        }
    }

    /// Decimals for a value with no fixed precision: 0 from 1,000, 1 from 100, 2 from 1, else 3 significant.
    static func autoDigits(_ value: Double) -> Int {
        let magnitude = abs(value)
        if magnitude >= 1000 { return 0 }
        if magnitude >= 100 { return 1 }
        if magnitude >= 1 || magnitude == 0 { return 2 }
        return min(8, max(2, 2 - Int(floor(log10(magnitude)))))
    }

    /// A relative difference as a signed percentage with one decimal: `0.0123` → `"+1.2 %"`.
    public static func percentChange(_ relative: Double) -> String {
        let body = grouped(relative * 100, fractionDigits: 1)
        let signed = body.hasPrefix("-") || body == "0.0" ? body : "+" + body
        return signed + " %"
    }
}
