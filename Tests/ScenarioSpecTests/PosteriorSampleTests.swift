import Foundation
import Testing
@testable import ScenarioSpec

/// The bundled posterior (issue 18 item 2): found at run time, consistent with priors.csv, and its errors name
/// the file, line and field.
@Suite("Posterior sample")
struct PosteriorSampleTests {
    @Test func bundledPosteriorMatchesThePriors() throws {
        let p = try PosteriorSample.bundled()
        let priors = try PriorCatalog.standard().sampled
        #expect(p.mismatch(with: priors) == nil)
        #expect(p.metadata.vintage == 2019 && p.metadata.scenario == "history")
        #expect(p.values.count == p.metadata.accepted && p.metadata.accepted > 0)
        #expect(abs(p.metadata.acceptanceRate - Double(p.metadata.accepted) / Double(p.metadata.draws)) < 1e-15)
        #expect(p.csv() == (try String(contentsOfFile: p.file, encoding: .utf8)), "the file is in canonical form")
    }

    @Test func badRowsNameLineAndField() throws {
        let p = try PosteriorSample.bundled()
        var lines = p.csv().split(separator: "\n").map(String.init)
        lines[3] = lines[3].replacingOccurrences(of: ",", with: ",x", options: [], range: lines[3].range(of: ",", options: .backwards))
        do {
            _ = try PosteriorSample.parse(text: lines.joined(separator: "\n"), metadata: p.metadata, file: "p.csv")
            Issue.record("no error")
        } catch {
            #expect("\(error)".contains("p.csv:4") && "\(error)".contains(p.metadata.parameters.last!), "\(error)")
        }
        let priors = try PriorCatalog.standard().sampled
        let shifted = PosteriorSample(metadata: p.metadata, values: p.values.map { $0.map { $0 + 100 } }, draw: p.draw, distance: p.distance, file: "q.csv")
        #expect(shifted.mismatch(with: priors)?.contains("q.csv:2") == true)
    }
}
