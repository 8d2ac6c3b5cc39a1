import ArgumentParser
import Foundation
import ScenarioSpec

/// `chengyu scenario parameters --priors`: the bundled priors, one line each (tab-separated: id, status,
/// distribution, support, default, source).
enum PriorsListing {
    static func print() throws {
        let catalog: PriorCatalog
        do { catalog = try PriorCatalog.standard() } catch {
            Terminal.error("\(error)")
            throw ExitCodes.badInput
        }
        emit(["id", "status", "prior", "support", "default", "source"].joined(separator: "\t"))
        for p in catalog.priors {
            let def = ParameterCatalog.standard[p.id]?.defaultValue.description ?? "-"
            let support = p.support.map { "\(n($0.lowerBound))…\(n($0.upperBound))" } ?? "-"
            emit([p.id, p.status.rawValue, text(p.distribution), support, def, p.source].joined(separator: "\t"))
        }
    }

    static func n(_ x: Double) -> String { x.isInfinite ? (x > 0 ? "∞" : "−∞") : CanonicalText.number(x) }

    static func text(_ d: PriorDistribution) -> String {
        switch d {
        case .uniform(let a, let b): return "U(\(n(a)), \(n(b)))"
        case .normal(let m, let s): return "N(\(n(m)), \(n(s)))"
        case .lognormal(let m, let s): return "LogN(median \(n(m)), σ_ln \(String(format: "%.4g", s)))"
        case .categorical(let c): return "{" + c.sorted { $0.key < $1.key }.map { "\($0.key) \(n($0.value))" }.joined(separator: ", ") + "}"
        case .ar1(let rho, let sd): return "AR(1) ρ \(n(rho)), sd \(n(sd))"
        }
    }
}
