import Foundation

/// A small JSON value with a deterministic writer: the canonical serialisation behind the content hash
/// (compact, keys sorted) and the pretty form of `chengyu scenario schema`.
public indirect enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool { a.compact == b.compact }
    public func hash(into hasher: inout Hasher) { hasher.combine(compact) }

    /// Compact form, object keys sorted: canonical.
    public var compact: String {
        var out = ""
        write(into: &out, indent: nil, level: 0)
        return out
    }

    /// Indented form (two spaces), object keys sorted.
    public var pretty: String {
        var out = ""
        write(into: &out, indent: "  ", level: 0)
        return out
    }

    private func write(into out: inout String, indent: String?, level: Int) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let x): out += CanonicalText.number(x)
        case .string(let s): out += CanonicalText.quoted(s)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                if let indent { out += "\n" + String(repeating: indent, count: level + 1) }
                item.write(into: &out, indent: indent, level: level + 1)
            }
            if let indent { out += "\n" + String(repeating: indent, count: level) }
            out += "]"
        case .object(let pairs):
            if pairs.isEmpty { out += "{}"; return }
            out += "{"
            for (i, (key, value)) in pairs.sorted(by: { $0.0 < $1.0 }).enumerated() {
                if i > 0 { out += "," }
                if let indent { out += "\n" + String(repeating: indent, count: level + 1) }
                out += CanonicalText.quoted(key) + (indent == nil ? ":" : ": ")
                value.write(into: &out, indent: indent, level: level + 1)
            }
            if let indent { out += "\n" + String(repeating: indent, count: level) }
            out += "}"
        }
    }
}

/// Canonical spellings of numbers and strings.
public enum CanonicalText {
    /// Integers without a fraction (`2025`, `-3`), other values in Swift's shortest round-trip form
    /// (`0.025`, `1e-05`); `-0` is written `0`. Non-finite values cannot occur (the loader rejects them).
    public static func number(_ x: Double) -> String {
        if x == 0 { return "0" }
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return "\(x)"
    }

    /// `x` rounded to 12 significant digits: unit conversions (0.7 pp × 0.01) land on the same value as the
    /// canonical spelling (0.007), so equivalent files hash alike.
    public static func rounded(_ x: Double) -> Double {
        guard x.isFinite, x != 0 else { return x == 0 ? 0 : x }
        return Double(String(format: "%.12g", x)) ?? x
    }

    /// A JSON string literal.
    public static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

extension Lever {
    /// Canonical JSON of the lever's content (no id, note or location; `where` and `sectors` sorted).
    public var canonicalJSON: JSONValue {
        var pairs: [(String, JSONValue)] = [("lever", .string(kind.rawValue))]
        if !places.isEmpty { pairs.append(("where", .array(Set(places).sorted().map { .string($0) }))) }
        if !sectors.isEmpty { pairs.append(("sectors", .array(Set(sectors).sorted().map { .string($0) }))) }
        if let operation { pairs.append(("op", .string(operation.rawValue))) }
        if let unit { pairs.append(("unit", .string(unit))) }
        if let s = schedule {
            pairs.append(("from", .number(Double(s.from))))
            pairs.append(("until", .number(Double(s.until))))
            pairs.append(("path", .array(s.points.map { .array([.number(Double($0.year)), .number($0.value)]) })))
        }
        if let market { pairs.append(("market", .string(market.rawValue))) }
        if let population { pairs.append(("population", .string(population.rawValue))) }
        if let distribution { pairs.append(("distribute", .string(distribution.rawValue))) }
        if let parameterID { pairs.append(("parameter", .string(parameterID))) }
        if let indicatorID { pairs.append(("indicator", .string(indicatorID))) }
        if let p = railProject {
            pairs.append(("project", .string(p.projectID)))
            pairs.append(("year", .number(Double(p.openingYear))))
            if let v = p.designSpeedKmh { pairs.append(("speedKmh", .number(v))) }
        }
        if let l = railLink {
            pairs.append(("linkId", .string(l.linkID)))
            pairs.append(("between", .array([l.endpointA, l.endpointB].sorted().map { .string($0) })))
            if let km = l.lengthKm { pairs.append(("km", .number(km))) }
            pairs.append(("speedKmh", .number(l.designSpeedKmh)))
            pairs.append(("year", .number(Double(l.openingYear))))
            pairs.append(("freight", .bool(l.carriesFreight)))
            if let m = l.scheduledMinutes { pairs.append(("minutes", .number(m))) }
        }
        return .object(pairs)
    }

    /// `canonicalJSON` as compact text.
    public var canonicalText: String { canonicalJSON.compact }
}
