import Foundation
import Testing
import TestFixtures
@testable import ScenarioSpec

/// Property-based fuzzing of the scenario parser: every mutated input ends in a scenario or a diagnostic,
/// without crashing or hanging (docs/reliability.md). `CHENGYU_FUZZ_ITERATIONS` runs longer.
@Suite struct FuzzScenarioTests {
    static let loader = ScenarioLoader(scenariosDirectory: scenariosDirectory)

    static var seeds: [[UInt8]] {
        let dir = repositoryRoot().appendingPathComponent("Scenarios")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
        return names.compactMap { try? [UInt8](Data(contentsOf: dir.appendingPathComponent($0))) }
    }

    /// The property: a result, or at least one located error; never both, never neither.
    static func check(_ bytes: [UInt8], label: String) {
        let text = String(decoding: bytes, as: UTF8.self)
        var result: ScenarioLoadResult?
        FuzzSupport.attempt("scenario", saving: bytes, label: label) {
            result = loader.load(yaml: text, path: FileManager.default.temporaryDirectory.appendingPathComponent("fuzz.yaml").path)
        }
        guard let r = result else { return }
        #expect(r.scenario != nil || !r.errors.isEmpty, "\(label): neither a scenario nor an error")
        #expect(r.scenario == nil || r.errors.isEmpty, "\(label): a scenario despite errors")
        for d in r.diagnostics {
            #expect(d.line >= 1 && !d.message.isEmpty, "\(label): diagnostic without a location or message: \(d)")
        }
    }

    @Test(.tags(.slow), .skippedInFastRuns) func mutatedScenariosEndInAResultOrADiagnostic() {
        let seeds = Self.seeds
        #expect(seeds.count >= 5)
        let inputs = FuzzSupport.mutations(of: seeds, seed: 0x5CE0_A210, count: FuzzMutator.iterations(default: 300))
        for (i, input) in inputs.enumerated() { Self.check(input, label: "scenario input \(i)") }
    }

    @Test func keptRegressionInputs() throws {
        for (name, bytes) in try FuzzSupport.regressionInputs("scenario") { Self.check(bytes, label: name) }
    }

    @Test func oversizedAndDeeplyNestedFilesAreRefused() {
        let big = "schema: chengyu/scenario/v1\ndescription: \"" + String(repeating: "x", count: ScenarioLoader.maxFileBytes) + "\"\n"
        let r = Self.loader.load(yaml: big, path: "big.yaml")
        #expect(r.scenario == nil)
        #expect(r.errors.contains { $0.message.contains("limit") }, "\(r.errors)")
        let deep = "schema: chengyu/scenario/v1\nlevers: " + String(repeating: "[", count: 100_000) + "\n"
        let d = Self.loader.load(yaml: deep, path: "deep.yaml")
        #expect(d.scenario == nil)
        #expect(d.errors.contains { $0.message.contains("nesting") }, "\(d.errors)")
    }
}
