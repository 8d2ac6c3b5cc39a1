import Foundation

/// The priors of the uncertain parameters (`priors.csv`, MODEL-v3 §5, §8): one row per parameter, with
/// columns `id,status,distribution,arguments,lower,upper,source`.
///
/// - `status`: `model` (the id is a numeric parameter of the `ParameterCatalog`) or `absent` (in the design,
///   not yet in the model: shown, never sampled; the id must not be a catalog parameter).
/// - `distribution` and `arguments` (`;`-separated): `uniform` `a;b`; `normal` `mean;sd`; `lognormal`
///   `median=m;p05=a;p95=b`; `categorical` `name=p;…` (p summing to 1); `ar1` `rho=…;sd=…`.
/// - `lower`, `upper`: truncation bounds, both or neither.
///
/// Validation: every field parses; a `model` prior's support lies inside the parameter's allowed range
/// (an unbounded normal or lognormal needs bounds); errors name the file, line and field.
public struct PriorCatalog: Sendable {
    public let priors: [Prior]
    public let file: String

    public subscript(id: String) -> Prior? { priors.first { $0.id == id } }
    /// The priors an ensemble samples (`status: model`), in file order.
    public var sampled: [Prior] { priors.filter { $0.status == .model } }

    /// The bundled `priors.csv`, validated against `parameters`.
    public static func standard(parameters: ParameterCatalog = .standard) throws(ScenarioError) -> PriorCatalog {
        guard let url = Bundle.module.url(forResource: "priors", withExtension: "csv"),
              let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw .invalid([ScenarioDiagnostic(at: SourceLocation(file: "priors.csv", line: 1, column: 1), field: "priors", message: "the bundled priors.csv is missing")])
        }
        return try load(text: text, file: url.path, parameters: parameters)
    }

    static let header = ["id", "status", "distribution", "arguments", "lower", "upper", "source"]

    /// Parses and validates `text`; every problem found is reported at once.
    public static func load(text: String, file: String, parameters: ParameterCatalog) throws(ScenarioError) -> PriorCatalog {
        var errors: [ScenarioDiagnostic] = []
        func fail(_ line: Int, _ field: String, _ message: String) {
            errors.append(ScenarioDiagnostic(at: SourceLocation(file: file, line: line, column: 1), field: field, message: message))
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { String($0).trimmingCharacters(in: CharacterSet(charactersIn: "\r")) }
        guard let head = lines.first, splitCSV(head) == header else {
            throw .invalid([ScenarioDiagnostic(at: SourceLocation(file: file, line: 1, column: 1), field: "header", message: "expected \(header.joined(separator: ","))")])
        }
        var priors: [Prior] = []
        for (k, line) in lines.enumerated().dropFirst() where !line.isEmpty {
            let n = k + 1
            guard let f = splitCSV(line), f.count == header.count else { fail(n, "row", "expected \(header.count) fields"); continue }
            if priors.contains(where: { $0.id == f[0] }) { fail(n, "id", "'\(f[0])' is listed twice"); continue }
            do {
                let p = try parseRow(f, line: n, file: file)
                if let message = check(p, parameters: parameters) { fail(n, message.field, message.text); continue }
                priors.append(p)
            } catch let e { errors.append(e) }
        }
        guard errors.isEmpty else { throw .invalid(errors) }
        return PriorCatalog(priors: priors, file: file)
    }

    /// One row's fields → a prior; throws a diagnostic naming the field.
    static func parseRow(_ f: [String], line n: Int, file: String) throws(ScenarioDiagnostic) -> Prior {
        func bad(_ field: String, _ m: String) -> ScenarioDiagnostic {
            ScenarioDiagnostic(at: SourceLocation(file: file, line: n, column: 1), field: field, message: m)
        }
        guard let status = PriorStatus(rawValue: f[1]) else { throw bad("status", "'\(f[1])' is not model or absent") }
        let args = f[3].split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        var named: [String: Double] = [:]
        for a in args {
            let kv = a.split(separator: "=", maxSplits: 1).map(String.init)
            if kv.count == 2, let v = Double(kv[1]), v.isFinite { named[kv[0]] = v }
        }
        let numbers = args.compactMap { Double($0) }.filter(\.isFinite)
        let d: PriorDistribution
        switch f[2] {
        case "uniform":
            guard numbers.count == 2, args.count == 2, numbers[0] < numbers[1] else { throw bad("arguments", "uniform needs a;b with a < b") }
            d = .uniform(numbers[0], numbers[1])
        case "normal":
            guard numbers.count == 2, args.count == 2, numbers[1] > 0 else { throw bad("arguments", "normal needs mean;sd with sd > 0") }
            d = .normal(mean: numbers[0], sd: numbers[1])
        case "lognormal":
            guard let m = named["median"], let lo = named["p05"], let hi = named["p95"], named.count == 3, 0 < lo, lo < m, m < hi else {
                throw bad("arguments", "lognormal needs median=m;p05=a;p95=b with 0 < a < m < b")
            }
            d = .lognormal(median: m, sigma: log(hi / lo) / (2 * PriorDistribution.z95))
        case "categorical":
            guard named.count == args.count, !named.isEmpty, named.values.allSatisfy({ $0 >= 0 }),
                  abs(named.values.reduce(0, +) - 1) < 1e-12 else { throw bad("arguments", "categorical needs name=p;… with p ≥ 0 summing to 1") }
            d = .categorical(named)
        case "ar1":
            guard let rho = named["rho"], let sd = named["sd"], named.count == 2, abs(rho) < 1, sd > 0 else {
                throw bad("arguments", "ar1 needs rho=ρ;sd=σ with |ρ| < 1 and σ > 0")
            }
            d = .ar1(rho: rho, sd: sd)
        default: throw bad("distribution", "'\(f[2])' is not uniform, normal, lognormal, categorical or ar1")
        }
        var bounds: ClosedRange<Double>?
        switch (f[4].isEmpty, f[5].isEmpty) {
        case (true, true): break
        case (false, false):
            guard let lo = Double(f[4]), let hi = Double(f[5]), lo.isFinite, hi.isFinite, lo < hi else {
                throw bad("lower", "lower and upper must be numbers with lower < upper")
            }
            bounds = lo...hi
        default: throw bad(f[4].isEmpty ? "lower" : "upper", "give both bounds or neither")
        }
        return Prior(id: f[0], status: status, distribution: d, bounds: bounds, source: f[6])
    }

    /// The consistency of a row with the parameter catalog, or the field and message of its failure.
    static func check(_ p: Prior, parameters: ParameterCatalog) -> (field: String, text: String)? {
        if p.source.isEmpty { return ("source", "a prior needs a source") }
        guard p.status == .model else {
            return parameters[p.id] == nil ? nil : ("status", "'\(p.id)' is a model parameter: mark it model")
        }
        guard let def = parameters[p.id], let allowed = def.allowedRange else {
            return ("id", "'\(p.id)' is not a numeric parameter of the model (chengyu scenario parameters); mark it absent")
        }
        guard let s = p.support, p.quantile(0.5) != nil else { return ("distribution", "a model parameter needs a numeric distribution") }
        guard allowed.contains(s.lowerBound), allowed.contains(s.upperBound) else {
            return ("lower", "the prior's support \(s.lowerBound)…\(s.upperBound) is not inside \(p.id)'s allowed range \(allowed.lowerBound)…\(allowed.upperBound): give bounds inside it")
        }
        return nil
    }

    /// The fields of one CSV record (RFC 4180 quoting, no line breaks inside fields); nil when a quote is
    /// not closed.
    static func splitCSV(_ line: String) -> [String]? {
        var fields: [String] = [], cur = "", quoted = false, chars = Array(line), i = 0
        while i < chars.count {
            let ch = chars[i]
            if quoted {
                if ch == "\"" {
                    if i + 1 < chars.count, chars[i + 1] == "\"" { cur.append("\""); i += 1 } else { quoted = false }
                } else { cur.append(ch) }
            } else if ch == "\"" { quoted = true } else if ch == "," { fields.append(cur); cur = "" } else { cur.append(ch) }
            i += 1
        }
        if quoted { return nil }
        fields.append(cur)
        return fields
    }
}

/// A row's first problem, thrown from `PriorCatalog.parseRow`.
extension ScenarioDiagnostic: Error {}
