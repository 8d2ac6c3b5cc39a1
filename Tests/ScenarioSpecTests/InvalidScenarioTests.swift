import Foundation
import ScenarioSpec
import Testing
import TestFixtures

/// One invalid scenario file per failure kind (Tests/TestFixtures/Resources/scenarios/invalid/): each must be
/// rejected, without crashing, with an error at the stated line and field whose message contains the fragment.
@Suite struct InvalidScenarioTests {
    struct Expected: Sendable {
        let line: Int
        let field: String
        let fragment: String
    }

    static let invalidDirectory = fixtures.appendingPathComponent("invalid")

    /// File name (without .yaml) → the diagnostic it must produce.
    static let expectations: [String: Expected] = [
        "bad-name": Expected(line: 4, field: "name", fragment: "not a slug"),
        "bad-schema-version": Expected(line: 3, field: "schema", fragment: "unsupported schema"),
        "contradicting-set": Expected(line: 13, field: "levers[1]", fragment: "contradicts"),
        "duplicate-key": Expected(line: 5, field: "", fragment: "duplicate key"),
        "duplicate-lever-id": Expected(line: 8, field: "levers[1].id", fragment: "already used"),
        "empty-where": Expected(line: 8, field: "levers[0].where", fragment: "'where' is empty"),
        "extends-cycle": Expected(line: 6, field: "extends", fragment: "extends cycle"),
        "extends-missing": Expected(line: 6, field: "extends[0]", fragment: "not found"),
        "horizon-start": Expected(line: 7, field: "horizon.start", fragment: "base year 2019"),
        "key-not-for-lever": Expected(line: 9, field: "levers[0].market", fragment: "does not apply"),
        "levers-not-a-list": Expected(line: 7, field: "levers", fragment: "expected a list of levers"),
        "missing-distribute": Expected(line: 8, field: "levers[0].distribute", fragment: "needs 'distribute'"),
        "missing-from": Expected(line: 7, field: "levers[0].from", fragment: "needs 'from'"),
        "missing-lever-kind": Expected(line: 7, field: "levers[0].lever", fragment: "missing 'lever'"),
        "missing-market": Expected(line: 7, field: "levers[0].market", fragment: "missing 'market'"),
        "missing-operation": Expected(line: 7, field: "levers[0].op", fragment: "missing 'op'"),
        "missing-schema": Expected(line: 3, field: "schema", fragment: "missing 'schema"),
        "missing-sectors": Expected(line: 7, field: "levers[0].sectors", fragment: "needs 'sectors'"),
        "missing-title": Expected(line: 3, field: "title", fragment: "missing 'title'"),
        "missing-unit": Expected(line: 7, field: "levers[0].unit", fragment: "missing 'unit'"),
        "missing-where": Expected(line: 7, field: "levers[0].where", fragment: "missing 'where'"),
        "non-finite": Expected(line: 10, field: "levers[0].value", fragment: "finite"),
        "nonpositive-factor": Expected(line: 10, field: "levers[0].value", fragment: "factor must be positive"),
        "not-a-mapping": Expected(line: 3, field: "", fragment: "a scenario file is a mapping"),
        "operation-not-allowed": Expected(line: 9, field: "levers[0].op", fragment: "does not take 'rate'"),
        "parameter-bad-choice": Expected(line: 7, field: "parameters.flq.method", fragment: "is not one of"),
        "parameter-lever-out-of-range": Expected(line: 10, field: "levers[0].path.2030",
                                                 fragment: "1.2 is outside the allowed range 0–1 of flq.delta"),
        "parameter-out-of-range": Expected(line: 7, field: "parameters.flq.delta",
                                           fragment: "1.5 is outside the allowed range 0–1 of flq.delta"),
        "parameter-out-of-range-unit": Expected(line: 7, field: "parameters.migration.trendDecay",
                                                fragment: "99 yr is outside the allowed range 0–50 yr of migration.trendDecay"),
        "parameter-wrong-unit": Expected(line: 7, field: "parameters.migration.hukouBarrier.unit", fragment: "does not fit"),
        "percent-for-added-share": Expected(line: 10, field: "levers[0].unit", fragment: "write pp or fraction"),
        "rail-link-one-end": Expected(line: 9, field: "levers[0].between", fragment: "exactly two ends"),
        "rail-project-before-base": Expected(line: 8, field: "levers[0].project", fragment: "base year"),
        "rail-project-twice": Expected(line: 9, field: "levers[1].project", fragment: "opened twice"),
        "rail-project-without-year": Expected(line: 8, field: "levers[0].project", fragment: "no opening year"),
        "share-out-of-range": Expected(line: 11, field: "levers[0].value", fragment: "a share must lie in 0–1"),
        "unknown-goal-set": Expected(line: 6, field: "goals[0]", fragment: "did you mean 'outline-2025'"),
        "unknown-group": Expected(line: 9, field: "levers[0].where[0]", fragment: "did you mean 'metro-chongqing'"),
        "unknown-indicator": Expected(line: 8, field: "levers[0].indicator", fragment: "unknown input indicator"),
        "unknown-jurisdiction": Expected(line: 8, field: "levers[0].where[1]", fragment: "did you mean 'sc-chengdu'"),
        "unknown-lever-key": Expected(line: 8, field: "levers[0].wehre", fragment: "did you mean 'where'"),
        "unknown-lever-kind": Expected(line: 7, field: "levers[0].lever", fragment: "did you mean 'rd-intensity'"),
        "unknown-operation": Expected(line: 9, field: "levers[0].op", fragment: "did you mean 'set'"),
        "unknown-parameter": Expected(line: 7, field: "parameters.flq.delat", fragment: "did you mean 'flq.delta'"),
        "unknown-rail-project": Expected(line: 8, field: "levers[0].project", fragment: "did you mean 'CYZX'"),
        "unknown-sector": Expected(line: 9, field: "levers[0].sectors[1]", fragment: "unknown sector '43'"),
        "unknown-top-key": Expected(line: 6, field: "descripton", fragment: "did you mean 'description'"),
        "until-before-from": Expected(line: 13, field: "levers[0].until", fragment: "before the lever starts"),
        "value-and-path": Expected(line: 11, field: "levers[0].value", fragment: "either 'value' or 'path'"),
        "wrong-type-value": Expected(line: 10, field: "levers[0].value", fragment: "expected a number"),
        "wrong-type-where": Expected(line: 8, field: "levers[0].where", fragment: "expected a list"),
        "wrong-type-year": Expected(line: 11, field: "levers[0].from", fragment: "expected a year"),
        "wrong-unit": Expected(line: 10, field: "levers[0].unit", fragment: "does not fit"),
        "yaml-syntax": Expected(line: 9, field: "", fragment: "YAML syntax"),
        "year-after-horizon": Expected(line: 12, field: "levers[0].from", fragment: "outside the horizon"),
        "year-base-year": Expected(line: 12, field: "levers[0].path.2019", fragment: "base year"),
        "year-outside-short-horizon": Expected(line: 14, field: "levers[0].until", fragment: "outside the horizon 2019–2025"),
    ]

    @Test func everyFixtureHasAnExpectationAndThereAreAtLeast25() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.invalidDirectory.path)
            .filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }
        #expect(Set(files) == Set(Self.expectations.keys))
        #expect(files.count >= 25)
    }

    @Test(arguments: expectations.keys.sorted())
    func fixtureIsRejectedAtTheRightLineAndField(name: String) throws {
        let expected = try #require(Self.expectations[name])
        let path = Self.invalidDirectory.appendingPathComponent(name + ".yaml").path
        let result = ScenarioLoader(scenariosDirectory: nil).load(path: path)
        #expect(result.scenario == nil, "\(name) was accepted")
        let errors = result.errors
        #expect(!errors.isEmpty)
        let match = errors.first {
            $0.file.hasSuffix(name + ".yaml") && $0.line == expected.line && $0.field == expected.field
                && $0.message.contains(expected.fragment)
        }
        #expect(match != nil, "no error at line \(expected.line), field '\(expected.field)' saying '\(expected.fragment)'; got \(errors.map(\.description))")
        #expect((match?.column ?? 0) >= 1)
    }
}
