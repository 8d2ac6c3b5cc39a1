import Yams

/// Typed reads of YAML nodes that record a diagnostic on failure (never throw, never crash); scenario and sweep
/// files share it, so a wrong value reads the same in both.
package struct NodeReader {
    package let file: String
    package var diagnostics: [ScenarioDiagnostic] = []

    package init(file: String) { self.file = file }

    package func location(_ node: Node?) -> SourceLocation {
        let mark = node?.mark
        return SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    package mutating func error(_ node: Node?, _ field: String, _ message: String) {
        diagnostics.append(ScenarioDiagnostic(.error, at: location(node), field: field, message: message))
    }

    package mutating func warning(_ node: Node?, _ field: String, _ message: String) {
        diagnostics.append(ScenarioDiagnostic(.warning, at: location(node), field: field, message: message))
    }

    package static func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let s) where isEmpty(s): return "an empty value"
        case .scalar(let s): return "'\(s.string)'"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    /// A scalar that is no value: nothing, or a plain `~` or `null` (a quoted "null" is text).
    package static func isEmpty(_ s: Node.Scalar) -> Bool {
        s.string.isEmpty || (s.style == .plain && (s.string == "~" || s.string == "null"))
    }

    package mutating func mapping(_ node: Node, _ field: String) -> Node.Mapping? {
        if case .mapping(let m) = node { return m }
        error(node, field, "expected a mapping (key: value lines), found \(Self.describe(node))")
        return nil
    }

    package mutating func string(_ node: Node, _ field: String) -> String? {
        if case .scalar(let s) = node {
            if s.style == .plain, Self.isEmpty(s) {
                error(node, field, "expected text, found an empty value")
                return nil
            }
            return s.string
        }
        error(node, field, "expected text, found \(Self.describe(node))")
        return nil
    }

    package mutating func number(_ node: Node, _ field: String) -> Double? {
        guard case .scalar(let s) = node else {
            error(node, field, "expected a number, found \(Self.describe(node))")
            return nil
        }
        let text = s.string.trimmingCharacters(in: .whitespaces)
        guard let x = Double(text) ?? node.float else {
            error(node, field, "expected a number, found '\(s.string)'")
            return nil
        }
        guard x.isFinite else {
            error(node, field, "expected a finite number, found '\(s.string)'")
            return nil
        }
        return x
    }

    package mutating func int(_ node: Node, _ field: String) -> Int? {
        guard case .scalar(let s) = node, let v = Int(s.string.trimmingCharacters(in: .whitespaces)) else {
            error(node, field, "expected an integer, found \(Self.describe(node))")
            return nil
        }
        return v
    }

    package mutating func year(_ node: Node, _ field: String) -> Int? {
        guard case .scalar(let s) = node, let y = Int(s.string.trimmingCharacters(in: .whitespaces)) else {
            error(node, field, "expected a year (an integer such as 2025), found \(Self.describe(node))")
            return nil
        }
        return y
    }

    package mutating func bool(_ node: Node, _ field: String) -> Bool? {
        guard case .scalar = node, let b = node.bool else {
            error(node, field, "expected true or false, found \(Self.describe(node))")
            return nil
        }
        return b
    }

    /// A list of scalars as (text, node, field); a single scalar counts as a one-element list.
    package mutating func stringList(_ node: Node, _ field: String) -> [(String, Node, String)]? {
        switch node {
        case .scalar:
            return string(node, field).map { [($0, node, field)] }
        case .sequence(let seq):
            var out: [(String, Node, String)] = []
            for (i, item) in seq.enumerated() {
                let f = "\(field)[\(i)]"
                if let s = string(item, f) { out.append((s, item, f)) }
            }
            return out
        default:
            error(node, field, "expected a list, found \(Self.describe(node))")
            return nil
        }
    }
}

import Foundation
