import BaseData
import Foundation
import MatrixCore
import ScenarioSpec
import SimulationEngine
import TestFixtures
import Testing
@testable import ParameterSweeps

/// A scenario with one lever over 2019–2021 and a 6-run grid sweep on it: short runs keep the tests fast.
enum TinySweep {
    static let scenario = """
        schema: chengyu/scenario/v1
        name: tiny
        title: Tiny test scenario
        description: One lever, three years.
        horizon: {start: 2019, end: 2021}
        levers:
          - lever: consumption-exports
            id: visitors
            where: [sc-chengdu]
            op: add
            unit: 100m yuan/yr
            path: {2020: 50, 2021: 100}
        """

    static let spec = """
        schema: chengyu/sweep/v1
        name: tiny
        base: tiny.yaml
        until: 2021
        seed: 7
        design: {kind: grid}
        parameters:
          flq.delta: {levels: [0.2, 0.3, 0.35]}
        levers:
          visitors: {levels: [0, 1.5]}
        outputs:
          indicators:
            - {indicator: gdp, place: circle, year: 2021}
            - {indicator: population, place: sc-chengdu, year: 2021}
            - {indicator: urbanisation_rate, place: core-chongqing, year: 2020}
          trajectories: true
        shards: 4
        """

    static let dataset: BaseDataset = try! BaseDataset.load()
    /// Built with one BLAS thread, as `chengyu sweep run` builds it, so that in-process and CLI results agree
    /// to the bit.
    static let simulator: Simulator = {
        let previous = ComputeResources.blasThreadCount
        ComputeResources.setBLASThreadCount(1)
        defer { ComputeResources.setBLASThreadCount(previous) }
        return try! Simulator(dataset: dataset)
    }()

    static func tempDir(_ tag: String) throws -> URL {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("chengyu-sweep-\(tag)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
        return d
    }

    /// Writes the scenario and the sweep file into `dir` and loads the sweep.
    static func load(in dir: URL, spec text: String = spec) throws -> SweepLoadResult {
        try scenario.write(to: dir.appendingPathComponent("tiny.yaml"), atomically: true, encoding: .utf8)
        let path = dir.appendingPathComponent("sweep.yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return SweepSpecLoader(scenarioLoader: ScenarioLoader(), goals: dataset.goals).load(path: path)
    }

    /// Plans the tiny sweep into `dir/run` and returns the executor.
    static func planned(in dir: URL) throws -> SweepExecutor {
        let spec = try #require(try load(in: dir).spec)
        let m = try SweepPlanner.plan(spec)
        let run = dir.appendingPathComponent("run")
        try SweepPlanner.write(m, base: spec.base, to: run)
        let base = try SweepExecutor.loadBase(runDirectory: run, manifest: m)
        return SweepExecutor(runDirectory: run, manifest: m, base: base, simulator: simulator)
    }

    static func bytes(_ url: URL) -> Data { FileManager.default.contents(atPath: url.path) ?? Data() }
}

@Suite("Sweep files, plans, shards, merge", .serialized, .tags(.slow), .skippedInFastRuns)
struct SweepTests {
    /// The one process-wide knob of the matrix core (MatrixCore's `ComputeResources`), tested here because
    /// this serialized suite is the only place in the tests that changes it.
    @Test func blasThreadCountCanBeSetAndRead() {
        let before = ComputeResources.blasThreadCount
        ComputeResources.setBLASThreadCount(1)
        #expect(ComputeResources.blasThreadCount == 1)
        ComputeResources.setBLASThreadCount(0)  // clamped to 1
        #expect(ComputeResources.blasThreadCount == 1)
        ComputeResources.setBLASThreadCount(before)
        #expect(ComputeResources.blasThreadCount == before)
    }

    @Test func specDiagnosticsNameFileLineAndField() throws {
        let dir = try TinySweep.tempDir("bad")
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = """
            schema: chengyu/sweep/v1
            name: bad
            base: tiny.yaml
            seed: 1
            design: {kind: lhs}
            parameters:
              flq.detla: {}
              trade.importScale: {range: [0.5, 2.5]}
              flq.method: {}
            levers:
              nosuch: {range: [0, 2]}
            outputs:
              indicators:
                - {indicator: gdp, place: atlantis, year: 2021}
            """
        let r = try TinySweep.load(in: dir, spec: bad)
        #expect(r.spec == nil)
        let text = r.errors.map(\.description)
        let file = dir.appendingPathComponent("sweep.yaml").path
        func has(_ line: Int, _ field: String, _ words: String) -> Bool {
            text.contains { $0.hasPrefix("\(file):\(line):") && $0.contains(": \(field): ") && $0.contains(words) }
        }
        #expect(has(5, "design.samples", "needs samples"), "\(text)")
        #expect(has(7, "parameters.flq.detla", "did you mean 'flq.delta'"), "\(text)")
        #expect(has(8, "parameters.trade.importScale", "high 2.5 is outside the hard bounds"), "\(text)")
        #expect(has(9, "parameters.flq.method", "choice"), "\(text)")
        #expect(has(11, "levers.nosuch", "no lever with id 'nosuch'"), "\(text)")
        #expect(has(14, "outputs.indicators[0].place", "unknown place 'atlantis'"), "\(text)")
        #expect(r.errors.count == 6, "\(text)")
    }

    /// Sweep names follow the scenarios' slug rule (`Scenario.isSlug`): a block scalar's trailing line break, once
    /// accepted by the sweep's regular expression, put a line break into the Slurm job name.
    @Test func sweepNamesAreSlugsWithoutLineBreaks() throws {
        let dir = try TinySweep.tempDir("slug")
        defer { try? FileManager.default.removeItem(at: dir) }
        let line = try #require(TinySweep.spec.split(separator: "\n").first { $0.hasPrefix("name: ") })
        func errors(_ name: String) throws -> [String] {
            let text = TinySweep.spec.replacingOccurrences(of: String(line), with: name)
            return try TinySweep.load(in: dir, spec: text).errors.map(\.description)
        }
        #expect(try errors("name: tiny-2").isEmpty)
        for bad in ["name: |\n  tiny\n", "name: \"tiny\\n\"", "name: Tiny", "name: -tiny", "name: \"ti ny\""] {
            let e = try errors(bad)
            #expect(e.count == 1 && e[0].contains(": name: ") && e[0].contains("is not a slug"), "\(bad): \(e)")
        }
        #expect(Scenario.isSlug("plan-2025") && !Scenario.isSlug("plan-2025\n") && !Scenario.isSlug("plan_2025"))
    }

    /// A sweep file's YAML errors read as a scenario file's (`ScenarioLoader.yamlDiagnostic`): the parser's problem
    /// once, at its line and column, a tab in the indentation said plainly, a duplicate key named.
    @Test func yamlErrorsReadAsInScenarioFiles() throws {
        let dir = try TinySweep.tempDir("yaml")
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("sweep.yaml").path
        let cases: [(String, String)] = [
            ("schema: chengyu/sweep/v1\nname: x\nparameters: {a: [1, 2}\n", "\(file):3:22: error: <document>: YAML syntax: did not find expected ',' or ']'"),
            ("schema: chengyu/sweep/v1\nname: x\n\tbase: tiny.yaml\n",
             "\(file):3:1: error: <document>: a tab character in the indentation (line 3): YAML indents with spaces only; replace the tab with spaces"),
            ("schema: chengyu/sweep/v1\nname: x\nname: y\n", "duplicate key 'name' in one mapping"),
        ]
        for (text, expected) in cases {
            let e = try TinySweep.load(in: dir, spec: text).errors.map(\.description)
            #expect(e.count == 1 && e[0].contains(expected), "\(e)")
            let scenario = ScenarioLoader().load(yaml: text.replacingOccurrences(of: "sweep/v1", with: "scenario/v1"), path: file)
            let message = try #require(scenario.errors.first?.message)
            #expect(e.first?.hasSuffix(message) == true, "sweep \(e), scenario \(message)")
        }
    }

    /// Sweep and scenario files read values with one reader (`NodeReader`): a wrong value names what was found.
    @Test func wrongValuesNameWhatWasFound() throws {
        let dir = try TinySweep.tempDir("values")
        defer { try? FileManager.default.removeItem(at: dir) }
        let cases: [(String, String, String)] = [
            ("shards: 4", "shards: [1, 2]", "17:9: error: shards: expected an integer, found a list"),
            ("shards: 4", "shards: abc", "17:9: error: shards: expected an integer, found 'abc'"),
            ("name: tiny", "name: ~", "2:7: error: name: expected text, found an empty value"),
            ("name: tiny", "name: {a: 1}", "2:7: error: name: expected text, found a mapping"),
            ("trajectories: true", "trajectories: ", "16:16: error: outputs.trajectories: expected true or false, found an empty value"),
            ("[0.2, 0.3, 0.35]", "[0.2, {x: 1}, 0.35]", "8:29: error: parameters.flq.delta.levels[1]: expected a number, found a mapping"),
            ("base: tiny.yaml", "base: \"\"", "3:7: error: base: expected a bundled scenario name or a path relative to this file, found an empty value"),
        ]
        for (old, new, expected) in cases {
            let text = TinySweep.spec.replacingOccurrences(of: old, with: new)
            let e = try TinySweep.load(in: dir, spec: text).errors.map(\.description)
            #expect(e.count == 1 && e[0].hasSuffix("sweep.yaml:" + expected), "\(new): \(e)")
        }
    }

    /// `base: .` names the sweep's folder: not found, where it used to be read as a file ("cannot read as UTF-8").
    @Test func aFolderIsNotABaseScenario() throws {
        let dir = try TinySweep.tempDir("folder")
        defer { try? FileManager.default.removeItem(at: dir) }
        let e = try TinySweep.load(in: dir, spec: TinySweep.spec.replacingOccurrences(of: "base: tiny.yaml", with: "base: ./")).errors
        #expect(e.count == 1 && e[0].message.hasPrefix("base scenario './' not found"), "\(e)")
    }

    @Test func planExpandsTheGridWithSeedsFromTheRunID() throws {
        let dir = try TinySweep.tempDir("plan")
        defer { try? FileManager.default.removeItem(at: dir) }
        let spec = try #require(try TinySweep.load(in: dir).spec)
        let m = try SweepPlanner.plan(spec)
        #expect(m.runs.map(\.values) == [[0.2, 0], [0.2, 1.5], [0.3, 0], [0.3, 1.5], [0.35, 0], [0.35, 1.5]])
        #expect(m.shards == 4)
        #expect(m.factors.map(\.column) == ["flq.delta", "lever.visitors"])
        #expect(m.outputs.map(\.name) == ["gdp__circle__2021", "population__sc_chengdu__2021", "urbanisation_rate__core_chongqing__2020"])
        for r in m.runs {
            var g = MatrixCoreSplitMix(seed: 7 ^ (UInt64(r.id) &* 0x9E37_79B9_7F4A_7C15))
            #expect(r.seed == g.next())
        }
        // Planning is a pure function of the file: same bytes twice; a different plan in the folder is refused.
        #expect(try SweepPlanner.plan(spec).encoded() == m.encoded())
        let run = dir.appendingPathComponent("run")
        try SweepPlanner.write(m, base: spec.base, to: run)
        try SweepPlanner.write(m, base: spec.base, to: run)
        let other = try SweepPlanner.plan(try #require(try TinySweep.load(in: dir, spec: TinySweep.spec.replacingOccurrences(of: "0.35]", with: "0.33]")).spec))
        #expect(throws: SweepError.self) { try SweepPlanner.write(other, base: spec.base, to: run) }
    }

    /// The acceptance test: one shard (2 workers), four shards (1 worker), four shards where shard 1
    /// stops after one run, gets a torn line appended (as a kill mid-write leaves it) and resumes, and one
    /// shard stopped after 3 runs then finished by four shards, give byte-identical results.csv and
    /// results.sqlite.
    /// `trajectories.iamc.csv` of a merged sweep with kept trajectories: pyam's columns, one scenario per run,
    /// and each run's circle population in million equal to its trajectory.csv value / 10⁶.
    func checkEnsembleIAMC(_ run: URL) throws {
        let text = String(decoding: TinySweep.bytes(run.appendingPathComponent("trajectories.iamc.csv")), as: UTF8.self)
        let rows = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.first == ["model", "scenario", "region", "variable", "unit", "year", "value"])
        #expect(Set(rows.dropFirst().map { $0[1] }).count == 6)
        for id in 0..<6 {
            let tidy = String(decoding: TinySweep.bytes(SweepExecutor.trajectoryURL(in: run, runID: id)), as: UTF8.self)
                .split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            let (iIndicator, iValue) = (tidy[0].firstIndex(of: "indicator")!, tidy[0].firstIndex(of: "value")!)
            let t = try #require(tidy.first { $0[2] == "circle" && $0[iIndicator] == "population" && $0[1] == "2020" })
            let i = try #require(rows.first { $0[1] == t[0] && $0[2] == "circle" && $0[3] == "Population" && $0[5] == "2020" })
            #expect(i[0] == "Chengyu" && i[4] == "million" && abs(Double(i[6])! - Double(t[iValue])! / 1e6) < 1e-9)
        }
    }

    @Test func mergedResultsAreByteIdenticalWhateverTheSharding() throws {
        let dir = try TinySweep.tempDir("merge")
        defer { try? FileManager.default.removeItem(at: dir) }
        var outputs: [(Data, Data)] = []
        var trajectories: [[Data]] = []
        for variant in 0..<4 {
            let vdir = dir.appendingPathComponent("v\(variant)")
            try FileManager.default.createDirectory(at: vdir, withIntermediateDirectories: true)
            let ex = try TinySweep.planned(in: vdir)
            switch variant {
            case 0:
                #expect(try ex.run(shard: ShardSelection(index: 0, count: 1), jobs: 2) == .complete(ShardSelection(index: 0, count: 1).finalURL(in: ex.runDirectory)))
            case 1:
                for i in 0..<4 { _ = try ex.run(shard: ShardSelection(index: i, count: 4), jobs: 1) }
            case 3:
                // Started as one shard on a laptop, stopped after 3 runs, finished by 4 shards: those adopt
                // the recorded runs instead of running them again.
                #expect(try ex.run(shard: ShardSelection(index: 0, count: 1), jobs: 1, maxRuns: 3) == .interrupted(done: 3, total: 6))
                for i in 0..<4 { _ = try ex.run(shard: ShardSelection(index: i, count: 4), jobs: 1) }
            default:
                let s1 = try ShardSelection(index: 1, count: 4)
                #expect(try ex.run(shard: s1, jobs: 1, maxRuns: 1) == .interrupted(done: 1, total: 2))
                let h = try FileHandle(forWritingTo: s1.partialURL(in: ex.runDirectory))
                h.seekToEndOfFile()
                h.write(Data("5,0,123".utf8))
                try h.close()
                for i in [0, 2, 3] { _ = try ex.run(shard: ShardSelection(index: i, count: 4), jobs: 1) }
                // Incomplete: the merge names the missing run (5) and shard (1), and writes nothing.
                #expect(try SweepResults.merge(runDirectory: ex.runDirectory, manifest: ex.manifest) == .incomplete(missingRuns: [5], missingShards: [1]))
                #expect(!FileManager.default.fileExists(atPath: ex.runDirectory.appendingPathComponent("results.csv").path))
                let st = SweepResults.status(manifest: ex.manifest, collected: try SweepResults.collect(runDirectory: ex.runDirectory, manifest: ex.manifest), shards: 4)
                #expect(st.map(\.state) == [.published, .partial, .published, .published])
                #expect(try ex.run(shard: s1, jobs: 1) == .complete(s1.finalURL(in: ex.runDirectory)))
                // Re-running a published shard does nothing.
                #expect(try ex.run(shard: s1, jobs: 1) == .complete(s1.finalURL(in: ex.runDirectory)))
            }
            guard case .written(let csv, let db, let failures) = try SweepResults.merge(runDirectory: ex.runDirectory, manifest: ex.manifest) else {
                Issue.record("variant \(variant) did not merge")
                continue
            }
            #expect(failures == 0)
            outputs.append((TinySweep.bytes(csv), TinySweep.bytes(db)))
            trajectories.append((0..<6).map { TinySweep.bytes(SweepExecutor.trajectoryURL(in: ex.runDirectory, runID: $0)) })
            if variant == 0 { try checkEnsembleIAMC(ex.runDirectory) }
        }
        try #require(outputs.count == 4)
        #expect(trajectories[0].allSatisfy { String(decoding: $0, as: UTF8.self).hasPrefix("scenario,year,place,name_zh,name_en,place_kind,indicator,value,unit\n") })
        for k in 1..<4 {
            #expect(trajectories[0] == trajectories[k], "trajectories of variant \(k) differ")
            #expect(outputs[0].0 == outputs[k].0, "results.csv of variant \(k) differs")
            #expect(outputs[0].1 == outputs[k].1, "results.sqlite of variant \(k) differs")
        }
        let lines = String(decoding: outputs[0].0, as: UTF8.self).split(separator: "\n")
        #expect(lines.first == "run_id,flq.delta,lever.visitors,status,gdp__circle__2021,population__sc_chengdu__2021,urbanisation_rate__core_chongqing__2020")
        #expect(lines.count == 7)
        // The outputs respond to the factors: the lever at strength 1.5 (150 of visitor spending in 2021)
        // raises GDP over strength 0 (where the demand shifter holds GDP on its path whatever δ); δ moves
        // Chengdu's population.
        let cells = lines.dropFirst().map { $0.split(separator: ",") }
        let gdp = cells.map { Double($0[4])! }, pop = cells.map { Double($0[5])! }
        for k in [0, 2, 4] { #expect(gdp[k + 1] - gdp[k] > 10, "GDP \(gdp[k]) → \(gdp[k + 1])") }
        #expect(abs(pop[0] - pop[2]) > 1 && abs(pop[2] - pop[4]) > 1, "\(pop)")
        #expect(lines.dropFirst().allSatisfy { $0.split(separator: ",")[3] == "ok" })
    }

    @Test func oneAtATimeAndLatinHypercubePlans() throws {
        let dir = try TinySweep.tempDir("oat")
        defer { try? FileManager.default.removeItem(at: dir) }
        let oat = TinySweep.spec.replacingOccurrences(of: "design: {kind: grid}", with: "design: {kind: oat}")
        let m = try SweepPlanner.plan(try #require(try TinySweep.load(in: dir, spec: oat).spec))
        // Base point (δ = 0.3 default, strength 1), then δ at 0.2 and 0.35 (0.3 is the base), then strengths 0 and 1.5.
        #expect(m.runs.map(\.values) == [[0.3, 1], [0.2, 1], [0.35, 1], [0.3, 0], [0.3, 1.5]])
        let lhs = TinySweep.spec.replacingOccurrences(of: "design: {kind: grid}", with: "design: {kind: lhs, samples: 10}")
        let l = try SweepPlanner.plan(try #require(try TinySweep.load(in: dir, spec: lhs).spec))
        #expect(l.runs.count == 10)
        // One point per tenth of each range: δ over [0.2, 0.35] (from the levels), strength over [0, 1.5].
        #expect(Set(l.runs.map { Int(($0.values[0] - 0.2) / 0.15 * 10) }).count == 10)
        #expect(Set(l.runs.map { Int($0.values[1] / 1.5 * 10) }).count == 10)
        let sobol = TinySweep.spec.replacingOccurrences(of: "design: {kind: grid}", with: "design: {kind: sobol, samples: 8}")
        #expect(try SweepPlanner.plan(try #require(try TinySweep.load(in: dir, spec: sobol).spec)).runs.count == 8 * (2 + 2))
    }

    @Test func leverStrengthScalesTheEffect() throws {
        let dir = try TinySweep.tempDir("lever")
        defer { try? FileManager.default.removeItem(at: dir) }
        let spec = try #require(try TinySweep.load(in: dir).spec)
        let scaled = try spec.base.scalingLevers(["visitors": 1.5])
        let v = try #require(scaled.levers.first { $0.id == "visitors" })
        #expect(abs((v.value(at: 2021) ?? 0) - 150) < 1e-12)
        #expect(abs((v.value(at: 2020) ?? 0) - 75) < 1e-12)
        #expect(scaled.contentHash != spec.base.contentHash)
        #expect(try spec.base.scalingLevers(["visitors": 1]).contentHash == spec.base.contentHash)
        #expect(throws: ScenarioError.self) { try spec.base.scalingLevers(["none": 2]) }
    }

    @Test func statusListsAndSlurmScripts() throws {
        #expect(SweepResults.arrayList([7, 0, 1, 2, 3, 9, 10]) == "0-3,7,9-10")
        #expect(SweepResults.arrayList([2]) == "2")
        #expect(throws: SweepError.self) { try ShardSelection.parse("4/4") }
        #expect(try ShardSelection.parse("2/4").stem == "shard-00002-of-00004")
        let env = ["SLURM_ARRAY_TASK_ID": "3", "SLURM_ARRAY_TASK_COUNT": "1"]
        #expect(try ShardSelection.slurm(environment: env, count: 8) == ShardSelection(index: 3, count: 8))
        var s = SlurmScripts(runDirectory: "/r/S", executable: "/opt/bin/chengyu", jobName: "sweep-S", shards: 8)
        s.maxRunning = 2
        s.cpusPerTask = 4
        s.time = "01:00:00"
        s.extraArguments = ["--qos=long"]
        #expect(s.arrayScript.contains("#SBATCH --array=0-7%2\n"))
        #expect(s.arrayScript.contains("#SBATCH --qos=long\n"))
        #expect(s.arrayScript.contains("#SBATCH --signal=B:USR1@300\n"))
        #expect(s.arrayScript.contains("exec /opt/bin/chengyu sweep run /r/S --shard \"${SLURM_ARRAY_TASK_ID}/8\""))
        #expect(s.submitScript.contains("--dependency=afterany:$A merge.sbatch"))
        #expect(s.mergeScript.contains("exec /opt/bin/chengyu sweep merge /r/S"))
    }

    @Test func analysisStatistics() throws {
        #expect(SweepAnalysis.quantile([1, 2, 3, 4], 0.5) == 2.5)
        #expect(SweepAnalysis.quantile([1, 2, 3, 4], 0.25) == 1.75)  // R: quantile(1:4, 0.25) = 1.75
        let m = SweepManifest(
            name: "t", specFile: "s", specHash: "h", baseScenarioName: "b", baseScenarioHash: "x", baseFile: "base.yaml",
            until: 2021, design: .lhs, samples: 4, seed: 1, seedRule: SweepManifest.seedRule,
            factors: [SweepFactor(kind: .parameter, id: "flq.delta", low: 0, high: 1, levels: nil, base: 0.3)],
            outputs: [SweepOutput(name: "g", indicator: "gdp", place: "circle", year: 2021, kind: .value, goalID: "g"),
                      SweepOutput(name: "g__met", indicator: "gdp", place: "circle", year: 2021, kind: .met, goalID: "g")],
            trajectories: nil, shards: 1, runs: (0..<4).map { SweepManifest.Run(id: $0, seed: 0, values: [Double($0)]) })
        var c = CollectedResults()
        c.rows = [0: [0, 1, 1], 1: [0, 2, 0], 2: [0, 3, 1], 3: [1, nil, nil]]
        let a = try SweepAnalysis.analyse(manifest: m, collected: c)
        #expect(a.failedRuns == 1)
        #expect(a.summaries[0].n == 3 && a.summaries[0].mean == 2 && a.summaries[0].sd == 1)
        #expect(a.goals[0].n == 3 && abs(a.goals[0].metShare! - 2.0 / 3) < 1e-15)
        c.rows[3] = nil
        #expect(throws: SweepError.self) { try SweepAnalysis.analyse(manifest: m, collected: c) }
    }

    /// Issue 19 item 10: an output with no value in any run (a not-modelled goal) is left out with a note; an
    /// output constant beyond rounding has sd 0 (not 1.8e-12); SQLite column names need no quoting.
    @Test func analysisLeavesOutEmptyAndFlattensConstantOutputs() throws {
        let outputs = [
            SweepOutput(name: "rail", indicator: "rail_km", place: "circle", year: 2025, kind: .value, goalID: "r"),
            SweepOutput(name: "hsr", indicator: "hsr_km", place: "province-chongqing", year: 2035, kind: .value, goalID: "h"),
            SweepOutput(name: "hsr__met", indicator: "hsr_km", place: "province-chongqing", year: 2035, kind: .met, goalID: "h"),
        ]
        let m = SweepManifest(
            name: "t", specFile: "s", specHash: "h", baseScenarioName: "b", baseScenarioHash: "x", baseFile: "base.yaml",
            until: 2021, design: .lhs, samples: 3, seed: 1, seedRule: SweepManifest.seedRule,
            factors: [SweepFactor(kind: .parameter, id: "flq.delta", low: 0, high: 1, levels: nil, base: 0.3)],
            outputs: outputs, trajectories: nil, shards: 1, runs: (0..<3).map { SweepManifest.Run(id: $0, seed: 0, values: [Double($0)]) })
        var c = CollectedResults()
        // 6734.3 with the last bits differing, as sums in another order give.
        c.rows = [0: [0, 6734.3, nil, nil], 1: [0, 6734.300000000001, nil, nil], 2: [0, 6734.299999999999, nil, nil]]
        let a = try SweepAnalysis.analyse(manifest: m, collected: c)
        #expect(a.summaries.map(\.output) == ["rail"])
        #expect(a.summaries[0].sd == 0 && abs(a.summaries[0].mean! - 6734.3) < 1e-9)
        #expect(a.goals.isEmpty)
        #expect(a.notes.contains { $0.hasPrefix("hsr: no values in any run") })
        #expect(!a.renderText().contains("hsr "))
        #expect(SweepResults.sqlName("flq.delta") == "flq_delta" && SweepResults.sqlName("lever.visitors") == "lever_visitors")
        #expect(SweepResults.sqlName("gdp__circle__2030") == "gdp__circle__2030")
    }
}

/// SplitMix64 as MatrixCore defines it, restated to check the seed rule independently.
struct MatrixCoreSplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
