import Foundation
import MatrixCore
import Reporting
import ScenarioSpec

/// The expanded plan of a sweep, written to `RUN/manifest.json`: every run with its id, seed and factor
/// values, and what is needed to run, shard and merge it. A pure function of the sweep file (and the base
/// scenario), so planning twice gives the same bytes.
public struct SweepManifest: Codable, Sendable, Equatable {
    public static let schemaVersion = "chengyu/sweep-manifest/v1"
    /// How per-run seeds derive from the base seed: never from the shard, so results do not depend on the split.
    public static let seedRule = "seed(run) = SplitMix64(seed: baseSeed XOR (runID · 0x9E3779B97F4A7C15)).next()"
    /// The base scenario, resolved, is copied here (relative to the run folder).
    public static let baseFileName = "base.yaml"

    public struct Run: Codable, Sendable, Equatable {
        public let id: Int
        public let seed: UInt64
        /// One value per factor, in `factors` order.
        public let values: [Double]
    }

    public var schema = SweepManifest.schemaVersion
    public let name: String
    public let specFile: String
    /// SHA-256 of the sweep file's bytes.
    public let specHash: String
    public let baseScenarioName: String
    /// `Scenario.contentHash` of the base scenario; checked when `base.yaml` is loaded to run.
    public let baseScenarioHash: String
    public let baseFile: String
    public let until: Int
    public let design: SweepDesignKind
    public let samples: Int?
    public let seed: UInt64
    public let seedRule: String
    public let factors: [SweepFactor]
    public let outputs: [SweepOutput]
    /// Whether each run's trajectory is kept in `trajectories/run-<id>.csv` (nil: no).
    public let trajectories: Bool?
    /// Default number of shards (`sweep run --shard slurm`, `sweep status`, `sweep slurm`).
    public var shards: Int
    public let runs: [Run]

    /// The per-run seed (see `seedRule`).
    public static func runSeed(base: UInt64, runID: Int) -> UInt64 {
        var g = SplitMix64(seed: base ^ (UInt64(runID) &* 0x9E37_79B9_7F4A_7C15))
        return g.next()
    }

    /// Canonical JSON bytes (sorted keys, pretty printed, trailing newline).
    public func encoded() throws -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        var d = try e.encode(self)
        d.append(0x0A)
        return d
    }

    public static func read(runDirectory: URL) throws -> SweepManifest {
        let url = runDirectory.appendingPathComponent("manifest.json")
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw SweepError.run("\(url.path): no manifest (run chengyu sweep plan SPEC --out \(runDirectory.path) first)")
        }
        do { return try JSONDecoder().decode(SweepManifest.self, from: data) } catch {
            throw SweepError.run("\(url.path): not a sweep manifest: \(error)")
        }
    }

    /// Factor values of run `id` as parameter overrides and lever strengths.
    public func assignments(_ run: Run) -> (parameters: [String: Double], levers: [String: Double]) {
        var p: [String: Double] = [:], l: [String: Double] = [:]
        for (f, v) in zip(factors, run.values) {
            if f.kind == .parameter { p[f.id] = v } else { l[f.id] = v }
        }
        return (p, l)
    }
}

/// Expands sweep specs into manifests and writes them.
public enum SweepPlanner {
    /// Number of runs a design expands to.
    public static func runCount(design: SweepDesignKind, samples: Int?, factors: [SweepFactor]) -> Int {
        switch design {
        case .grid:
            return factors.reduce(1) { acc, f in
                let (p, o) = acc.multipliedReportingOverflow(by: max(1, f.levels?.count ?? 1))
                return o ? Int.max : p
            }
        case .oat: return 1 + factors.reduce(0) { acc, f in acc + (f.levels?.filter { $0 != f.base }.count ?? 0) }
        case .lhs: return samples ?? 0
        case .sobol:
            let (p, o) = (samples ?? 0).multipliedReportingOverflow(by: factors.count + 2)
            return o ? Int.max : p
        }
    }

    /// The manifest of `spec`.
    public static func plan(_ spec: SweepSpec, specFile: String? = nil, shards: Int? = nil) throws -> SweepManifest {
        let d = spec.factors.count
        let points: [[Double]]
        switch spec.design {
        case .grid:
            points = SamplingDesigns.fullGrid(spec.factors.map { $0.levels ?? [$0.base] })
        case .oat:
            points = SamplingDesigns.oneAtATime(base: spec.factors.map(\.base), levels: spec.factors.map { $0.levels ?? [] })
        case .lhs:
            points = SamplingDesigns.latinHypercube(samples: spec.samples ?? 0, dimensions: d, seed: spec.seed)
                .map { scale($0, spec.factors) }
        case .sobol:
            points = try SaltelliDesign(baseSamples: spec.samples ?? 0, dimensions: d).points.map { scale($0, spec.factors) }
        }
        let runs = points.enumerated().map { SweepManifest.Run(id: $0.offset, seed: SweepManifest.runSeed(base: spec.seed, runID: $0.offset), values: $0.element) }
        return SweepManifest(
            name: spec.name, specFile: specFile ?? spec.file, specHash: spec.fileHash, baseScenarioName: spec.base.name,
            baseScenarioHash: spec.base.contentHash, baseFile: SweepManifest.baseFileName, until: spec.until,
            design: spec.design, samples: spec.samples, seed: spec.seed, seedRule: SweepManifest.seedRule,
            factors: spec.factors, outputs: spec.outputs, trajectories: spec.keepTrajectories ? true : nil, shards: max(1, min(shards ?? spec.shards, max(1, runs.count))),
            runs: runs)
    }

    static func scale(_ u: [Double], _ factors: [SweepFactor]) -> [Double] {
        zip(u, factors).map { $1.low + $0 * ($1.high - $1.low) }
    }

    /// Writes `RUN/manifest.json` and `RUN/base.yaml` (the resolved base scenario) atomically, and creates
    /// `RUN/shards`. A run folder that already holds a different plan is refused (its results would mix).
    public static func write(_ manifest: SweepManifest, base: Scenario, to runDirectory: URL) throws {
        let fm = FileManager.default
        try fm.createDirectory(at: runDirectory.appendingPathComponent("shards"), withIntermediateDirectories: true)
        let url = runDirectory.appendingPathComponent("manifest.json")
        let data = try manifest.encoded()
        if let old = fm.contents(atPath: url.path), old != data {
            if let m = try? JSONDecoder().decode(SweepManifest.self, from: old), m.runs == manifest.runs,
               m.outputs == manifest.outputs, m.trajectories == manifest.trajectories, m.baseScenarioHash == manifest.baseScenarioHash, m.until == manifest.until {
                // Same runs (e.g. another default shard count, or the spec moved): keep the results.
            } else {
                throw SweepError.run("\(url.path) already holds a different sweep plan; choose another --out folder or remove it")
            }
        }
        try AtomicFileWriter.write(Data(base.resolvedYAML().utf8), to: runDirectory.appendingPathComponent(SweepManifest.baseFileName))
        try AtomicFileWriter.write(data, to: url)
    }
}
