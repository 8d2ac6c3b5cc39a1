import BaseData
import Foundation
import MatrixCore
import ScenarioSpec
import Testing
import TestFixtures
@testable import ParameterSweeps

/// Property-based fuzzing of the sweep-file parser: every mutated input ends in a spec or a diagnostic,
/// without crashing or hanging, and a spec never plans more than `SweepSpec.maxRuns` runs
/// (docs/reliability.md). `CHENGYU_FUZZ_ITERATIONS` runs longer.
@Suite struct FuzzSweepTests {
    static let root: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }()

    static let loader = SweepSpecLoader(
        scenarioLoader: ScenarioLoader(scenariosDirectory: root.appendingPathComponent("Scenarios").path),
        goals: TinySweep.dataset.goals)

    /// A folder holding the tiny base scenario, so that `base: tiny.yaml` resolves.
    static let directory: URL = {
        let d = try! TinySweep.tempDir("fuzz")
        try! TinySweep.scenario.write(to: d.appendingPathComponent("tiny.yaml"), atomically: true, encoding: .utf8)
        return d
    }()

    static var seeds: [[UInt8]] {
        let example = (try? [UInt8](Data(contentsOf: root.appendingPathComponent("Scenarios/sweeps/example.yaml")))) ?? []
        return [Array(TinySweep.spec.utf8), example]
    }

    static func check(_ bytes: [UInt8], label: String) {
        let text = String(decoding: bytes, as: UTF8.self)
        var result: SweepLoadResult?
        FuzzSupport.attempt("sweep", saving: bytes, label: label) {
            result = loader.load(text: text, path: directory.appendingPathComponent("sweep.yaml").path)
        }
        guard let r = result else { return }
        let errors = r.diagnostics.filter { $0.severity == .error }
        #expect((r.spec == nil) != errors.isEmpty, "\(label): spec \(r.spec != nil), \(errors.count) errors")
        for d in r.diagnostics { #expect(d.line >= 1 && !d.message.isEmpty, "\(label): \(d)") }
        if let s = r.spec {
            #expect(SweepPlanner.runCount(design: s.design, samples: s.samples, factors: s.factors) <= SweepSpec.maxRuns)
        }
    }

    @Test(.tags(.slow), .skippedInFastRuns) func mutatedSweepFilesEndInASpecOrADiagnostic() {
        let inputs = FuzzSupport.mutations(of: Self.seeds, seed: 0x5EE9_F11E, count: FuzzMutator.iterations(default: 200))
        for (i, input) in inputs.enumerated() { Self.check(input, label: "sweep input \(i)") }
    }

    @Test func keptRegressionInputs() throws {
        for (name, bytes) in try FuzzSupport.regressionInputs("sweep") { Self.check(bytes, label: name) }
    }

    @Test func absurdSweepsAreRefusedWithALimit() throws {
        // 1000 levels on each of three factors: 10⁹ runs.
        let spec = TinySweep.spec
            .replacingOccurrences(of: "flq.delta: {levels: [0.2, 0.3, 0.35]}", with: "flq.delta: {levels: 1000}\n  trade.eta.goods: {levels: 1000}\n  growth.capitalShare: {levels: 1000}")
        let r = Self.loader.load(text: spec, path: Self.directory.appendingPathComponent("sweep.yaml").path)
        #expect(r.spec == nil)
        #expect(r.diagnostics.contains { $0.message.contains("more than the limit of \(SweepSpec.maxRuns)") }, "\(r.diagnostics)")
        let big = TinySweep.spec + "\n# " + String(repeating: "x", count: YAMLInputLimits.maxFileBytes) + "\n"
        let b = Self.loader.load(text: big, path: "big.yaml")
        #expect(b.spec == nil && b.diagnostics.contains { $0.message.contains("over the limit") })
    }
}
