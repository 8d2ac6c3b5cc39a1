import BaseData
import Foundation
import TestFixtures
import MatrixCore
import ScenarioSpec
import Testing
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

    /// The bundled scenarios: every `*.yaml` at the top of `Scenarios/` (`Scenarios/sweeps/` holds sweep
    /// specifications), sorted; read from the folder so that a new scenario file is run and pinned too.
    static var bundledNames: [String] {
        get throws {
            try FileManager.default.contentsOfDirectory(atPath: scenariosDirectory.path)
                .filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
        }
    }

    /// `bundledNames` for test arguments (an unreadable folder gives none, and `everyScenarioIsPinned` fails).
    static var bundledNamesOrEmpty: [String] { (try? bundledNames) ?? [] }

    /// Every bundled scenario's trajectory, run once.
    static let trajectories = Result { () throws -> [String: Trajectory] in
        let sim = try simulator.get()
        var out: [String: Trajectory] = [:]
        for n in try bundledNames { out[n] = try sim.run(try scenario(n)) }
        return out
    }

    static func trajectory(_ name: String) throws -> Trajectory {
        guard let t = try trajectories.get()[name] else { throw SimulationError.scenario("no trajectory \(name)") }
        return t
    }

    /// The run set-up of `history` at V = 2019 without its levers: the calibrated 2019 migration state and the run's
    /// context (`MigrationTrendTests`, `MoverUrbanSharesTests`).
    static func historySetup2019() throws -> RunSetup {
        let sim = try simulator.get()
        let s = try scenario("history").overriding(["calibration.vintage": 2019])
        var prepared: PreparedBaseYear?
        var diagnostics = RunDiagnostics()
        return try RunSetup(simulator: sim, scenario: s, applyLevers: false, prepared: &prepared, diagnostics: &diagnostics)
    }

    /// The baseline's full record (ledger and growth accounting), run once.
    static let baselineRecord = Result { () throws -> RunRecord in
        let sim = try simulator.get()
        let s = try scenario("baseline")
        var prepared: PreparedBaseYear?
        let cf = try sim.simulate(s, applyLevers: false, kappa: nil, until: 2035, mode: .fast, progress: nil, prepared: &prepared)
        return try sim.simulate(s, applyLevers: true, kappa: cf.kappa, until: 2035, mode: .fast, progress: nil, prepared: &prepared)
    }

    /// The population ledger of every jurisdiction and year after the first: ΔP = births − deaths + arrivals −
    /// departures to 1e-9 of the population (`DemographyTests`, `MigrationTrendTests`).
    static func expectPopulationLedger(_ t: Trajectory) throws {
        for place in t.places where place.kind == .jurisdiction {
            for year in t.years.dropFirst() {
                func v(_ id: String, _ y: Int) throws -> Double { try #require(t.value(id, at: place.id, in: y)) }
                let change = try v("population", year) - v("population", year - 1)
                let flows = try v("births", year) - v("deaths", year) + v("in_migrants", year) - v("out_migrants", year)
                #expect(abs(change - flows) <= 1e-9 * (try v("population", year)), "\(place.id) \(year)")
            }
        }
    }
}
