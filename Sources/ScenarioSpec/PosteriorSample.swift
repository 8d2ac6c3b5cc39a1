import Foundation

/// A posterior sample of the model parameters (MODEL-v3 §5), written by `chengyu calibrate`: `NAME.csv`, one row
/// per accepted draw (`member,draw,distance,<parameter ids…>`: member the row's index, draw the index among the
/// prior draws, distance its ABC distance), and the sidecar `NAME.json` (`PosteriorSample.Metadata`: scenario,
/// vintage, seed, draws, accepted count, acceptance rate, tolerance, the distance's definition, the engine).
/// The bundled `posterior-2019.csv` (history at V = 2019) is what `chengyu run --ensemble N` draws from by
/// default; regenerate it with `make posterior`.
public struct PosteriorSample: Sendable {
    public struct Metadata: Sendable, Codable, Hashable {
        public var schema = "chengyu/posterior/v1"
        public let scenario: String
        public let scenarioHash: String
        public let vintage: Int
        public let seed: UInt64
        /// The prior design (`sobol`, `lhs`).
        public let sampling: String
        public let draws: Int
        public let accepted: Int
        public let acceptanceRate: Double
        /// q: the accepted quantile of the distances; `tolerance` ε is the distance at that quantile.
        public let acceptFraction: Double
        public let tolerance: Double
        public let distance: String
        /// Observations ≤ V the distance compares (0 at V = 2019: see `note`).
        public let comparedObservations: Int
        public let parameters: [String]
        public let engineVersion: String
        public let engineCommit: String?
        public let note: String

        public init(
            scenario: String, scenarioHash: String, vintage: Int, seed: UInt64, sampling: String, draws: Int, accepted: Int,
            acceptFraction: Double, tolerance: Double, distance: String, comparedObservations: Int, parameters: [String],
            engineVersion: String, engineCommit: String?, note: String
        ) {
            self.scenario = scenario
            self.scenarioHash = scenarioHash
            self.vintage = vintage
            self.seed = seed
            self.sampling = sampling
            self.draws = draws
            self.accepted = accepted
            self.acceptanceRate = Double(accepted) / Double(max(draws, 1))
            self.acceptFraction = acceptFraction
            self.tolerance = tolerance
            self.distance = distance
            self.comparedObservations = comparedObservations
            self.parameters = parameters
            self.engineVersion = engineVersion
            self.engineCommit = engineCommit
            self.note = note
        }
    }

    public let metadata: Metadata
    /// `values[r][k]` of `metadata.parameters[k]` in accepted row r; `draw[r]`, `distance[r]` as in the file.
    public let values: [[Double]]
    public let draw: [Int]
    public let distance: [Double]
    public let file: String

    public init(metadata: Metadata, values: [[Double]], draw: [Int], distance: [Double], file: String) {
        self.metadata = metadata
        self.values = values
        self.draw = draw
        self.distance = distance
        self.file = file
    }

    /// The bundled posterior of `history` at vintage 2019.
    public static func bundled() throws(ScenarioError) -> PosteriorSample {
        guard let csv = Bundle.module.url(forResource: "posterior-2019", withExtension: "csv") else {
            throw .invalid([ScenarioDiagnostic(at: SourceLocation(file: "posterior-2019.csv", line: 1, column: 1), field: "posterior",
                                               message: "the bundled posterior-2019.csv is missing (make posterior)")])
        }
        return try load(csv: csv)
    }

    /// Reads `FILE.csv` and its sidecar `FILE.json`; errors name the file, line and field.
    public static func load(csv url: URL) throws(ScenarioError) -> PosteriorSample {
        let side = url.deletingPathExtension().appendingPathExtension("json")
        func fail(_ file: String, _ line: Int, _ field: String, _ m: String) -> ScenarioError {
            .invalid([ScenarioDiagnostic(at: SourceLocation(file: file, line: line, column: 1), field: field, message: m)])
        }
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { throw fail(url.path, 1, "file", "cannot read the posterior sample") }
        guard let json = try? Data(contentsOf: side) else { throw fail(side.path, 1, "file", "cannot read the posterior's sidecar (written by chengyu calibrate)") }
        let metadata: Metadata
        do { metadata = try JSONDecoder().decode(Metadata.self, from: json) } catch {
            throw fail(side.path, 1, "metadata", "not a posterior sidecar: \(error)")
        }
        return try parse(text: text, metadata: metadata, file: url.path)
    }

    /// The rows of the CSV, checked against the metadata's parameters.
    static func parse(text: String, metadata: Metadata, file: String) throws(ScenarioError) -> PosteriorSample {
        func fail(_ line: Int, _ field: String, _ m: String) -> ScenarioError {
            .invalid([ScenarioDiagnostic(at: SourceLocation(file: file, line: line, column: 1), field: field, message: m)])
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        let header = ["member", "draw", "distance"] + metadata.parameters
        guard let head = lines.first, head.split(separator: ",", omittingEmptySubsequences: false).map(String.init) == header else {
            throw fail(1, "header", "expected \(header.joined(separator: ","))")
        }
        var values: [[Double]] = [], draws: [Int] = [], distances: [Double] = []
        for (k, line) in lines.enumerated().dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard f.count == header.count else { throw fail(k + 1, "row", "expected \(header.count) fields") }
            guard Int(f[0]) == k - 1 else { throw fail(k + 1, "member", "expected \(k - 1)") }
            guard let d = Int(f[1]), d >= 0 else { throw fail(k + 1, "draw", "'\(f[1])' is not a draw index") }
            guard let dist = Double(f[2]), dist >= 0 else { throw fail(k + 1, "distance", "'\(f[2])' is not a distance") }
            var row: [Double] = []
            for (j, id) in metadata.parameters.enumerated() {
                guard let v = Double(f[3 + j]), v.isFinite else { throw fail(k + 1, id, "'\(f[3 + j])' is not a finite number") }
                row.append(v)
            }
            values.append(row)
            draws.append(d)
            distances.append(dist)
        }
        guard !values.isEmpty, values.count == metadata.accepted else {
            throw fail(lines.count, "rows", "\(values.count) rows, the sidecar says \(metadata.accepted) accepted")
        }
        return PosteriorSample(metadata: metadata, values: values, draw: draws, distance: distances, file: file)
    }

    /// The CSV text (numbers in shortest round-trip form).
    public func csv() -> String {
        var out = (["member", "draw", "distance"] + metadata.parameters).joined(separator: ",") + "\n"
        for (r, row) in values.enumerated() {
            out += ([String(r), String(draw[r]), "\(distance[r])"] + row.map { "\($0)" }).joined(separator: ",") + "\n"
        }
        return out
    }

    /// The sidecar JSON (sorted keys, pretty).
    public func metadataJSON() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(metadata)
        data.append(0x0A)
        return data
    }

    /// Nil when the sample's parameters are `priors`' ids in order and every value lies in its prior's support;
    /// else the first problem, naming the file.
    public func mismatch(with priors: [Prior]) -> String? {
        guard metadata.parameters == priors.map(\.id) else {
            return "\(file): its parameters (\(metadata.parameters.joined(separator: ", "))) are not priors.csv's sampled ones (\(priors.map(\.id).joined(separator: ", "))): regenerate it (make posterior)"
        }
        for (r, row) in values.enumerated() {
            for (k, p) in priors.enumerated() where !(p.support?.contains(row[k]) ?? false) {
                return "\(file):\(r + 2): \(p.id) = \(row[k]) is outside its prior's support"
            }
        }
        return nil
    }
}
