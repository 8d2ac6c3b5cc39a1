import Foundation

/// Where an ensemble's parameter draws come from (MODEL-v3 §5): the posterior sample of `chengyu calibrate`
/// (default) or the priors. Written beside every ensemble output (`ensemble.json`, the shard headers) and
/// printed with P(goal met).
public struct EnsembleSource: Sendable, Codable, Hashable {
    /// `posterior` or `priors`.
    public let kind: String
    /// The seed of the ensemble's draws (the resampling of the posterior, or the prior design).
    public let seed: UInt64
    /// `resample` (posterior particles drawn with replacement) or the prior design (`sobol`, `lhs`).
    public let sampling: String
    /// The posterior's file name, seed, vintage, scenario and accepted count; nil for priors.
    public let posteriorFile: String?
    public let posteriorSeed: UInt64?
    public let posteriorVintage: Int?
    public let posteriorScenario: String?
    public let posteriorAccepted: Int?
    /// The model discrepancy the members carry (`ModelDiscrepancy`); nil for parameter bands only.
    public var discrepancy: ModelDiscrepancy? = nil

    public init(
        kind: String, seed: UInt64, sampling: String, posteriorFile: String? = nil, posteriorSeed: UInt64? = nil,
        posteriorVintage: Int? = nil, posteriorScenario: String? = nil, posteriorAccepted: Int? = nil
    ) {
        self.kind = kind
        self.seed = seed
        self.sampling = sampling
        self.posteriorFile = posteriorFile
        self.posteriorSeed = posteriorSeed
        self.posteriorVintage = posteriorVintage
        self.posteriorScenario = posteriorScenario
        self.posteriorAccepted = posteriorAccepted
    }

    /// One line: `the posterior (posterior-2019.csv: history, vintage 2019, seed 2019, 100 particles; resample,
    /// seed 1)` or `the priors (sobol, seed 1)`.
    public var summary: String { base + (discrepancy.map { d in
        String(format: ", with model discrepancy (σ GDP %.2f %%, population %.3f %%, urbanisation %.3f pp a √year, vintage %d)",
               100 * d.gdp, 100 * d.population, d.urbanisation, d.vintage)
    } ?? "") }

    var base: String {
        guard kind == "posterior" else { return "the priors (\(sampling), seed \(seed))" }
        let about = [posteriorScenario, posteriorVintage.map { "vintage \($0)" }, posteriorSeed.map { "seed \($0)" },
                     posteriorAccepted.map { "\($0) particles" }].compactMap { $0 }.joined(separator: ", ")
        return "the posterior (\(posteriorFile ?? "?")\(about.isEmpty ? "" : ": " + about); \(sampling), seed \(seed))"
    }
}

/// A shard of an ensemble (`chengyu run --ensemble N --shard I/K`): the members m with m mod K = I, each as the
/// ensemble keeps it (`Ensemble.Member`), with a header that a merge checks against the other shards.
///
/// Layout (little-endian): one line of JSON (`Header`) ending in `\n`, then per member its index (Int64), its
/// `cells` doubles and two doubles per goal (met as 1/0/NaN, value or NaN). Doubles are stored as their bits, so
/// a merge reproduces the local run's numbers exactly (hence byte-identical outputs).
public enum EnsembleShard {
    public struct Header: Sendable, Codable, Hashable {
        public let scenario: String
        public let scenarioHash: String
        public let members: Int
        public let shard: Int
        public let shards: Int
        public let until: Int?
        public let parameters: [String]
        public let cells: Int
        public let goals: Int
        public let source: EnsembleSource

        public init(
            scenario: String, scenarioHash: String, members: Int, shard: Int, shards: Int, until: Int?, parameters: [String],
            cells: Int, goals: Int, source: EnsembleSource
        ) {
            self.scenario = scenario
            self.scenarioHash = scenarioHash
            self.members = members
            self.shard = shard
            self.shards = shards
            self.until = until
            self.parameters = parameters
            self.cells = cells
            self.goals = goals
            self.source = source
        }

        /// The same header for another shard index (what every shard of one ensemble must share).
        public func forShard(_ i: Int) -> Header {
            Header(scenario: scenario, scenarioHash: scenarioHash, members: members, shard: i, shards: shards, until: until,
                   parameters: parameters, cells: cells, goals: goals, source: source)
        }
    }

    /// The member indices of shard `i` of `k`: m mod k = i, ascending.
    public static func indices(members n: Int, shard i: Int, of k: Int) -> [Int] { Array(stride(from: i, to: n, by: k)) }

    /// `shard-I-of-K.bin`.
    public static func fileName(shard i: Int, of k: Int) -> String { "ensemble-shard-\(i)-of-\(k).bin" }

    /// The file's bytes.
    public static func encode(header: Header, members: [(index: Int, member: Ensemble.Member)]) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var data = try encoder.encode(header)
        data.append(0x0A)
        var words: [UInt64] = []
        words.reserveCapacity(members.count * (1 + header.cells + 2 * header.goals))
        for (m, member) in members {
            words.append(UInt64(bitPattern: Int64(m)))
            words.append(contentsOf: member.cells.map(\.bitPattern))
            for g in member.goals {
                words.append((g.met.map { $0 ? 1.0 : 0.0 } ?? .nan).bitPattern)
                words.append((g.value ?? .nan).bitPattern)
            }
        }
        words.withUnsafeBufferPointer { buffer in
            for w in buffer { withUnsafeBytes(of: w.littleEndian) { data.append(contentsOf: $0) } }
        }
        return data
    }

    /// The header and members of a shard file; errors name the file and what is wrong.
    public static func decode(_ data: Data, file: String) throws -> (header: Header, members: [(index: Int, member: Ensemble.Member)]) {
        guard let newline = data.firstIndex(of: 0x0A) else { throw SimulationError.data("\(file): not an ensemble shard (no header line)") }
        let header: Header
        do { header = try JSONDecoder().decode(Header.self, from: data[data.startIndex..<newline]) } catch {
            throw SimulationError.data("\(file): the header line is not an ensemble shard header: \(error)")
        }
        let record = 1 + header.cells + 2 * header.goals
        let body = data[(newline + 1)...]
        guard body.count % (8 * record) == 0 else {
            throw SimulationError.data("\(file): \(body.count) bytes after the header is not a whole number of members (\(8 * record) bytes each): truncated?")
        }
        var words = [UInt64](repeating: 0, count: body.count / 8)
        _ = words.withUnsafeMutableBytes { body.copyBytes(to: $0) }
        var out: [(Int, Ensemble.Member)] = []
        for r in 0..<(words.count / record) {
            let base = r * record
            let cells = (0..<header.cells).map { Double(bitPattern: UInt64(littleEndian: words[base + 1 + $0])) }
            let goals = (0..<header.goals).map { g -> Ensemble.GoalOutcome in
                let met = Double(bitPattern: UInt64(littleEndian: words[base + 1 + header.cells + 2 * g]))
                let value = Double(bitPattern: UInt64(littleEndian: words[base + 2 + header.cells + 2 * g]))
                return .init(met: met.isNaN ? nil : met == 1, value: value.isNaN ? nil : value)
            }
            out.append((Int(Int64(bitPattern: UInt64(littleEndian: words[base]))), Ensemble.Member(cells: cells, goals: goals)))
        }
        return (header, out)
    }

    /// All members 0..<N in order from the shards' contents; an error names a missing, repeated or foreign
    /// member, or a shard whose header differs from the first's.
    public static func merge(_ shards: [(file: String, header: Header, members: [(index: Int, member: Ensemble.Member)])]) throws -> [Ensemble.Member] {
        guard let first = shards.first else { throw SimulationError.data("no ensemble shards to merge") }
        var slots = [Ensemble.Member?](repeating: nil, count: first.header.members)
        for s in shards {
            guard s.header == first.header.forShard(s.header.shard) else {
                throw SimulationError.data("\(s.file): its header differs from \(first.file)'s (another scenario, ensemble size, source or split)")
            }
            let expected = indices(members: first.header.members, shard: s.header.shard, of: first.header.shards)
            guard s.members.map(\.index) == expected else {
                throw SimulationError.data("\(s.file): holds members \(s.members.count) of the \(expected.count) of shard \(s.header.shard)/\(s.header.shards): incomplete or foreign")
            }
            for (m, member) in s.members { slots[m] = member }
        }
        let missing = slots.indices.filter { slots[$0] == nil }
        guard missing.isEmpty else {
            let shardsMissing = Set(missing.map { $0 % first.header.shards }).sorted()
            throw SimulationError.data("ensemble incomplete: shards \(shardsMissing.map(String.init).joined(separator: ", ")) of \(first.header.shards) are missing")
        }
        return slots.map { $0! }
    }
}
