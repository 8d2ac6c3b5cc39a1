import BaseData
import Foundation
import TestFixtures
import MatrixCore
import ScenarioSpec
@testable import SimulationEngine

/// Expensive objects shared by the engine tests, built once (global `let`s are initialised lazily and
/// exactly once, thread-safely).
enum Shared {
    static var repositoryRoot: URL { Fixtures.repositoryRoot }
    static var scenariosDirectory: URL { repositoryRoot.appendingPathComponent("Scenarios") }

    static let dataset = Result { try BaseDataset.load() }
    static let simulator = Result { try Simulator(dataset: dataset.get()) }

    static func loader() -> ScenarioLoader { ScenarioLoader(scenariosDirectory: scenariosDirectory.path) }

    static func scenario(_ name: String) throws -> Scenario {
        try loader().scenario(path: scenariosDirectory.appendingPathComponent("\(name).yaml").path)
    }

    /// A scenario from YAML text, resolved against the bundled scenarios (for `extends: baseline`).
    static func scenario(yaml: String, name: String) throws -> Scenario {
        let result = loader().load(yaml: yaml, path: scenariosDirectory.appendingPathComponent("\(name).yaml").path)
        guard let s = result.scenario else { throw SimulationError.scenario(result.errors.map(\.description).joined(separator: "\n")) }
        return s
    }

    static let bundledNames = [
        "baseline", "rail-programme", "settlement-reform", "science-city", "industrial-transfer", "green-transition",
        "opening-corridors", "consumption-destination", "spatial-layout", "plan-2025",
    ]

    /// Every bundled scenario's trajectory, run once.
    static let trajectories = Result { () throws -> [String: Trajectory] in
        let sim = try simulator.get()
        var out: [String: Trajectory] = [:]
        for n in bundledNames { out[n] = try sim.run(try scenario(n)) }
        return out
    }

    static func trajectory(_ name: String) throws -> Trajectory {
        guard let t = try trajectories.get()[name] else { throw SimulationError.scenario("no trajectory \(name)") }
        return t
    }

    /// The baseline's full record (ledger and growth accounting), run once.
    static let baselineRecord = Result { () throws -> RunRecord in
        let sim = try simulator.get()
        let s = try scenario("baseline")
        var prepared: PreparedBaseYear?
        let cf = try sim.simulate(s, applyLevers: false, kappa: nil, until: 2035, mode: .fast, progress: nil, prepared: &prepared)
        return try sim.simulate(s, applyLevers: true, kappa: cf.kappa, until: 2035, mode: .fast, progress: nil, prepared: &prepared)
    }
}
