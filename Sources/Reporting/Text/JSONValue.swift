import Foundation

/// A JSON document tree with one deterministic rendering: object keys sorted by their UTF-8 bytes,
/// two-space indentation, arrays of scalars on one line, numbers as Swift's shortest round-trip
/// `description` of `Double` (so `Double(text)` gives back the same bits), non-finite numbers as `null`,
/// and a final newline. Identical trees give identical bytes on every platform.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// `.number(v)` or `.null` for nil.
    public static func optional(_ value: Double?) -> JSONValue { value.map(JSONValue.number) ?? .null }
    /// `.string(s)` or `.null` for nil.
    public static func optional(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
    /// `.bool(b)` or `.null` for nil.
    public static func optional(_ value: Bool?) -> JSONValue { value.map(JSONValue.bool) ?? .null }

    /// The document as text, ending in a newline.
    public func rendered() -> String {
        var out = ""
        write(into: &out, indent: 0)
        out.append("\n")
        return out
    }

    /// The document as UTF-8 bytes, ending in a newline.
    public func renderedData() -> Data { Data(rendered().utf8) }

    private var isScalar: Bool {
        switch self {
        case .array, .object: return false
        default: return true
        }
    }

    private func write(into out: inout String, indent: Int) {
        switch self {
        case .null: out.append("null")
        case let .bool(b): out.append(b ? "true" : "false")
        case let .int(i): out.append(String(i))
        case let .number(d): out.append(JSONValue.numberText(d))
        case let .string(s): JSONValue.appendQuoted(s, to: &out)
        case let .array(items):
            if items.isEmpty { out.append("[]"); return }
            if items.allSatisfy(\.isScalar) {
                out.append("[")
                for (k, item) in items.enumerated() {
                    if k > 0 { out.append(", ") }
                    item.write(into: &out, indent: indent)
                }
                out.append("]")
                return
            }
            out.append("[\n")
            for (k, item) in items.enumerated() {
                out.append(String(repeating: " ", count: indent + 2))
                item.write(into: &out, indent: indent + 2)
                out.append(k + 1 < items.count ? ",\n" : "\n")
            }
            out.append(String(repeating: " ", count: indent))
            out.append("]")
        case let .object(members):
            if members.isEmpty { out.append("{}"); return }
            out.append("{\n")
            let keys = members.keys.sorted(by: JSONValue.byteOrder)
            for (k, key) in keys.enumerated() {
                out.append(String(repeating: " ", count: indent + 2))
                JSONValue.appendQuoted(key, to: &out)
                out.append(": ")
                members[key]!.write(into: &out, indent: indent + 2)
                out.append(k + 1 < keys.count ? ",\n" : "\n")
            }
            out.append(String(repeating: " ", count: indent))
            out.append("}")
        }
    }

    /// Orders strings by their UTF-8 bytes (independent of locale and Unicode normalisation).
    static func byteOrder(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }

    /// Shortest round-trip text of a finite double (`1.0`, `0.66`, `1e-05`); `null` if not finite.
    static func numberText(_ d: Double) -> String { d.isFinite ? d.description : "null" }

    static func appendQuoted(_ s: String, to out: inout String) {
        out.append("\"")
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out.append("\\\"")
            case "\\": out.append("\\\\")
            case "\n": out.append("\\n")
            case "\r": out.append("\\r")
            case "\t": out.append("\\t")
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    let hex = String(scalar.value, radix: 16)
                    out.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out.append("\"")
    }
}
