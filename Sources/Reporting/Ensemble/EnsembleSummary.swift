import Foundation
import SimulationEngine

/// What the HTML report draws of an ensemble (`chengyu run --ensemble N --out DIR`): the 5/50/95 % bands
/// per indicator and place, P(goal met) per goal, the ensemble size and the draws' source. Built from an
/// `Ensemble` in memory or read back from a run folder's `bands.csv`, `goal_probabilities.csv` and
/// `ensemble.json` (`read(at:)`); both give the same values (the CSV numbers are round-trip exact).
public struct EnsembleSummary: Sendable, Hashable {
    /// The band of one indicator at one place: q05, q50, q95 per year (nil where no member has a value).
    public struct Band: Sendable, Hashable {
        public let years: [Int]
        public let q05: [Double?], q50: [Double?], q95: [Double?]
        public init(years: [Int], q05: [Double?], q50: [Double?], q95: [Double?]) {
            self.years = years
            self.q05 = q05
            self.q50 = q50
            self.q95 = q95
        }
    }

    /// One goal's probability over the `n` members where it could be compared; nil with a `note` (`input`,
    /// `not modelled`, `no member has a value`) otherwise.
    public struct Goal: Sendable, Hashable {
        public let goal: String
        public let year: Int
        public let probability: Double?
        public let n: Int
        public let note: String?
        public init(goal: String, year: Int, probability: Double?, n: Int, note: String?) {
            self.goal = goal
            self.year = year
            self.probability = probability
            self.n = n
            self.note = note
        }
    }

    public let scenario: String
    public let scenarioHash: String
    public let members: Int
    public let source: EnsembleSource
    /// Bands by `"indicator|place"`.
    public let bands: [String: Band]
    public let goals: [Goal]

    public init(scenario: String, scenarioHash: String, members: Int, source: EnsembleSource, bands: [String: Band], goals: [Goal]) {
        self.scenario = scenario
        self.scenarioHash = scenarioHash
        self.members = members
        self.source = source
        self.bands = bands
        self.goals = goals
    }

    /// The summary of `e`, whose draws came from `source`.
    public init(_ e: Ensemble, source: EnsembleSource) {
        var bands: [String: Band] = [:]
        for (i, ind) in e.indicators.enumerated() {
            for (p, place) in e.places.enumerated() {
                let cells = e.years.indices.map { e.cellIndex(indicator: i, place: p, year: $0) }
                guard cells.contains(where: { e.q50[$0] != nil }) else { continue }
                bands["\(ind.id)|\(place.id)"] = Band(years: e.years, q05: cells.map { e.q05[$0] }, q50: cells.map { e.q50[$0] }, q95: cells.map { e.q95[$0] })
            }
        }
        self.init(
            scenario: e.central.scenario.name, scenarioHash: e.central.scenario.contentHash, members: e.members, source: source,
            bands: bands, goals: e.goals.map { Goal(goal: $0.goal.goalID, year: $0.goal.year, probability: $0.probability, n: $0.n, note: $0.note) })
    }

    /// The band of `indicator` at `place`, or nil.
    public func band(_ indicator: String, at place: String = "circle") -> Band? { bands["\(indicator)|\(place)"] }

    /// The probability of goal `id` in `year`, or nil when the ensemble has no such goal.
    public func goal(_ id: String, year: Int) -> Goal? { goals.first { $0.goal == id && $0.year == year } }

    /// The file names of an ensemble in a run folder.
    public static let fileNames = (bands: "bands.csv", goals: "goal_probabilities.csv", provenance: "ensemble.json")

    /// The ensemble outputs of the run folder `dir`, or nil when it has no `ensemble.json`.
    ///
    /// - Throws: `ReportingError.invalidDocument` when `ensemble.json` is there but it or one of the two CSV
    ///   files is missing or malformed.
    public static func read(at dir: URL) throws -> EnsembleSummary? {
        let json = dir.appendingPathComponent(fileNames.provenance)
        guard let provenance = FileManager.default.contents(atPath: json.path) else { return nil }
        func text(_ name: String) throws -> (String, String) {
            let path = dir.appendingPathComponent(name).path
            guard let data = FileManager.default.contents(atPath: path), let s = String(data: data, encoding: .utf8) else {
                throw ReportingError.invalidDocument(path: path, reason: "cannot read the file (ensemble.json is there, so it should be)")
            }
            return (s, path)
        }
        let (bands, bandsPath) = try text(fileNames.bands), (goals, goalsPath) = try text(fileNames.goals)
        struct Document: Decodable { let scenario: String, scenarioHash: String, members: Int, source: EnsembleSource }
        let doc: Document
        do { doc = try JSONDecoder().decode(Document.self, from: provenance) } catch {
            throw ReportingError.invalidDocument(path: json.path, reason: "not an ensemble.json of chengyu run --ensemble: \(error)")
        }
        return EnsembleSummary(
            scenario: doc.scenario, scenarioHash: doc.scenarioHash, members: doc.members, source: doc.source,
            bands: try parseBands(bands, path: bandsPath), goals: try parseGoals(goals, path: goalsPath))
    }

    /// The rows of a CSV document by column name, checked for `needed` columns and the header's width.
    static func table(_ text: String, needed: [String], path: String) throws -> [[String: String]] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        let header = lines.first.map(IAMCExport.fields) ?? []
        guard needed.allSatisfy(header.contains) else {
            throw ReportingError.invalidDocument(path: path, reason: "line 1: the header needs \(needed.joined(separator: ", "))")
        }
        return try lines.dropFirst().enumerated().map { n, line in
            let f = IAMCExport.fields(line)
            guard f.count == header.count else {
                throw ReportingError.invalidDocument(path: path, reason: "line \(n + 2): \(f.count) fields, expected \(header.count)")
            }
            return Dictionary(zip(header, f), uniquingKeysWith: { a, _ in a })
        }
    }

    /// A number cell: nil when empty, else a finite number (or the document is invalid).
    static func number(_ s: String?, path: String) throws -> Double? {
        guard let s, !s.isEmpty else { return nil }
        guard let v = Double(s), v.isFinite else { throw ReportingError.invalidDocument(path: path, reason: "'\(s)' is not a number") }
        return v
    }

    /// `bands.csv` (`EnsembleReport.bandsCSV`) by indicator and place, years ascending (the years of the rows:
    /// those where the central run or a member has a value).
    static func parseBands(_ text: String, path: String) throws -> [String: Band] {
        var cells: [String: [Int: (Double?, Double?, Double?)]] = [:]
        for row in try table(text, needed: ["year", "place", "indicator", "q05", "q50", "q95"], path: path) {
            guard let year = Int(row["year"]!) else { throw ReportingError.invalidDocument(path: path, reason: "year '\(row["year"]!)' is not a year") }
            cells["\(row["indicator"]!)|\(row["place"]!)", default: [:]][year] =
                (try number(row["q05"], path: path), try number(row["q50"], path: path), try number(row["q95"], path: path))
        }
        // Rows with a central value but no member's (no band in any year) make no band, as in `init(_:source:)`.
        return cells.filter { $0.value.values.contains { $0.1 != nil } }.mapValues { byYear in
            let years = byYear.keys.sorted()
            return Band(years: years, q05: years.map { byYear[$0]!.0 }, q50: years.map { byYear[$0]!.1 }, q95: years.map { byYear[$0]!.2 })
        }
    }

    /// `goal_probabilities.csv` (`EnsembleReport.goalsCSV`), in its row order.
    static func parseGoals(_ text: String, path: String) throws -> [Goal] {
        try table(text, needed: ["goal", "year", "p_met", "n", "note"], path: path).map { row in
            guard let year = Int(row["year"]!), let n = Int(row["n"]!) else {
                throw ReportingError.invalidDocument(path: path, reason: "goal \(row["goal"]!): year or n is not a whole number")
            }
            let note = row["note"]!
            return Goal(goal: row["goal"]!, year: year, probability: try number(row["p_met"], path: path), n: n, note: note.isEmpty ? nil : note)
        }
    }
}
