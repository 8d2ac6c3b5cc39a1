import Foundation
import ScenarioSpec
import Testing
import TestFixtures

/// The repository root (the folder holding Package.swift).
func repositoryRoot() -> URL { Fixtures.repositoryRoot }

let scenariosDirectory = repositoryRoot().appendingPathComponent("Scenarios").path
let bundledScenarioFiles: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: scenariosDirectory)) ?? [])
    .filter { $0.hasSuffix(".yaml") }.sorted()
/// `Tests/TestFixtures/Resources/scenarios` in the built bundle. `Fixtures.resourceDirectory` appends
/// `Resources` to a `resourceURL` that on Linux already ends in it; accept either layout.
let fixtures: URL = {
    let direct = Fixtures.resourceDirectory.appendingPathComponent("scenarios")
    if FileManager.default.fileExists(atPath: direct.path) { return direct }
    return Fixtures.resourceDirectory.deletingLastPathComponent().appendingPathComponent("scenarios")
}()

@Suite struct BundledScenarioTests {
    let loader = ScenarioLoader(scenariosDirectory: scenariosDirectory)

    @Test func libraryHasBaselinePlanAndAtLeastSixPolicies() {
        #expect(bundledScenarioFiles.contains("baseline.yaml"))
        #expect(bundledScenarioFiles.contains("plan-2025.yaml"))
        #expect(bundledScenarioFiles.count >= 8)
    }

    @Test(arguments: bundledScenarioFiles)
    func validatesWithoutErrorsOrWarnings(file: String) throws {
        let result = loader.load(path: scenariosDirectory + "/" + file)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.description))")
        let s = try #require(result.scenario)
        #expect(s.name + ".yaml" == file)
        #expect(s.contentHash.count == 64)
    }

    @Test(arguments: bundledScenarioFiles)
    func explainsItsChapterInComments(file: String) throws {
        let text = try String(contentsOfFile: scenariosDirectory + "/" + file, encoding: .utf8)
        let comments = text.split(separator: "\n").filter { $0.hasPrefix("#") }.joined(separator: "\n")
        #expect(comments.contains("ch. "), "\(file) names no chapter")
        #expect(comments.contains("Encodes") || comments.contains("outline"), "\(file) does not say what it encodes")
    }

    @Test(arguments: bundledScenarioFiles)
    func resolvedYAMLReloadsToTheSameHash(file: String) throws {
        let s = try loader.scenario(path: scenariosDirectory + "/" + file)
        let again = ScenarioLoader().load(yaml: s.resolvedYAML(), path: "flat-\(file)")
        #expect(again.diagnostics.isEmpty, "\(again.diagnostics.map(\.description))")
        #expect(again.scenario?.contentHash == s.contentHash)
        // The description survives a long one's folding to 100-character lines.
        #expect(again.scenario?.description == s.description)
        #expect(s.resolvedYAML().split(separator: "\n").allSatisfy { $0.count <= 120 })
    }

    @Test func baselineHasNoPolicyLevers() throws {
        let s = try loader.scenario(path: scenariosDirectory + "/baseline.yaml")
        #expect(s.levers.allSatisfy { $0.kind == .railProject })
        #expect(s.parameterOverrides.isEmpty)
        #expect(s.horizon == 2019...2035)
    }

    @Test func planCombinesEveryChapterAndAppliesBaselineOnce() throws {
        let plan = try loader.scenario(path: scenariosDirectory + "/plan-2025.yaml")
        let own = plan.levers.filter { $0.kind == .indicatorInput && $0.indicatorID == "digital.fiveGCoverage" }
        #expect(own.count == 1)
        // baseline's four projects once each; CZY appears once although eight parents extend baseline
        #expect(plan.levers.filter { $0.railProject?.projectID == "CZY" }.count == 1)
        #expect(Set(plan.railProjectOpenings.map(\.projectID)).count == plan.railProjectOpenings.count)
        // every lever of every other bundled file is in the plan
        var expected = 0
        // plan-2025 combines the policy files, not history (what happened is not a policy of the outline).
        for file in bundledScenarioFiles where !["plan-2025.yaml", "baseline.yaml", "history.yaml"].contains(file) {
            let s = try loader.scenario(path: scenariosDirectory + "/" + file)
            expected += s.levers.count - 4  // minus the baseline's four
            for lever in s.levers { #expect(plan.levers.contains(lever), "\(file): \(lever.canonicalText)") }
        }
        #expect(plan.levers.count == expected + 4 + 1)
        #expect(plan.parentFiles.filter { $0.hasSuffix("baseline.yaml") }.count == 1)
    }

    @Test func everyLeverKindAppearsInTheLibrary() throws {
        let plan = try loader.scenario(path: scenariosDirectory + "/plan-2025.yaml")
        let used = Set(plan.levers.map(\.kind))
        #expect(used == Set(LeverKind.allCases), "unused: \(Set(LeverKind.allCases).subtracting(used))")
    }

    @Test func scienceCityRaisesRAndDByHalfAPointIn2025() throws {
        let s = try loader.scenario(path: scenariosDirectory + "/science-city.yaml")
        let rd = s.levers(of: .rdIntensity)
        let inMianyang = rd.filter { $0.places.contains("circle") || $0.places.contains("sc-mianyang") }
        #expect(abs(LeverComposition.apply(base: 0, levers: inMianyang, year: 2025) - 0.01) < 1e-15)
        #expect(abs(LeverComposition.apply(base: 0, levers: inMianyang, year: 2022) - 0.004) < 1e-15)
    }

    @Test func parameterLeverChangesTheParameterFromItsYear() throws {
        let s = try loader.scenario(path: scenariosDirectory + "/green-transition.yaml")
        #expect(try s.parameterValue("growth.inputSaving") == 0)
        #expect(try s.parameterValue("growth.inputSaving", at: 2020) == 0)
        #expect(try s.parameterValue("growth.inputSaving", at: 2021) == 0.002)
        #expect(try s.parameterChoice("flq.method") == "flq")
        #expect(throws: ScenarioError.self) { try s.parameterValue("no.such") }
    }
}

@Suite struct ResolutionTests {
    @Test func extendsResolvesToTheSameHashAsTheFlatFile() throws {
        let loader = ScenarioLoader()
        let child = try loader.scenario(path: fixtures.appendingPathComponent("extends/child.yaml").path)
        let flat = try loader.scenario(path: fixtures.appendingPathComponent("extends/flat.yaml").path)
        let parent = try loader.scenario(path: fixtures.appendingPathComponent("extends/parent.yaml").path)
        #expect(child.contentHash == flat.contentHash)
        #expect(child.canonicalText == flat.canonicalText)
        #expect(child.contentHash != parent.contentHash)
        #expect(child.name != flat.name)  // names do not enter the hash
        #expect(try child.parameterValue("migration.wageElasticity") == 1.8)
        #expect(try child.parameterValue("migration.hukouBarrier") == 0.12)
        #expect(try child.parameterValue("flq.delta") == 0.25)
        #expect(child.horizon == 2019...2030)
        // the child's `rd` replaced the parent's in place
        let rd = child.levers(of: .rdIntensity)
        #expect(rd.count == 1)
        #expect(rd.first?.value(at: 2025) == 0.007)
    }

    @Test func resolvedYAMLWithParameterOverridesReloadsToTheSameHash() throws {
        let child = try ScenarioLoader().scenario(path: fixtures.appendingPathComponent("extends/child.yaml").path)
        let again = try #require(ScenarioLoader().load(yaml: child.resolvedYAML(), path: "child-flat.yaml").scenario)
        #expect(again.contentHash == child.contentHash)
        #expect(again.parameterOverrides == child.parameterOverrides)
        let yaml = "schema: chengyu/scenario/v1\nname: m\ntitle: M\nparameters:\n  flq.method: cilq\n"
        let m = try #require(ScenarioLoader().load(yaml: yaml, path: "m.yaml").scenario)
        let back = try #require(ScenarioLoader().load(yaml: m.resolvedYAML(), path: "m2.yaml").scenario)
        #expect(try back.parameterChoice("flq.method") == "cilq")
        #expect(back.contentHash == m.contentHash)
    }

    @Test func aOneValueChangeChangesTheHash() throws {
        let path = fixtures.appendingPathComponent("extends/flat.yaml").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let a = try #require(ScenarioLoader().load(yaml: text, path: path).scenario)
        let b = try #require(ScenarioLoader().load(yaml: text.replacingOccurrences(of: "0.9", with: "0.91"), path: path).scenario)
        #expect(a.contentHash != b.contentHash)
        let c = try #require(ScenarioLoader().load(yaml: text + "\n# a comment\n", path: "elsewhere.yaml").scenario)
        #expect(a.contentHash == c.contentHash)
    }

    @Test func threeIndependentMistakesAreReportedInOneRun() {
        let path = fixtures.appendingPathComponent("multi/three-mistakes.yaml").path
        let result = ScenarioLoader().load(path: path)
        #expect(result.scenario == nil)
        let found = result.errors.map { "\($0.line) \($0.field)" }
        #expect(found == ["9 levers[0].where[0]", "17 levers[1].unit", "25 levers[2].from"])
        let report = ScenarioValidation.validate(paths: [path], loader: ScenarioLoader())
        #expect(report.exitStatus == 2)
        #expect(report.lines.filter { $0.contains(": error: ") }.count == 3)
        #expect(report.lines.contains { $0.hasSuffix("three-mistakes.yaml:9:9: error: levers[0].where[0]: unknown jurisdiction or group 'sc-chengdoo' (did you mean 'sc-chengdu' (成都市, Chengdu)?)") })
    }

    @Test func validationExitsZeroWhenAllAreValid() {
        let paths = bundledScenarioFiles.map { scenariosDirectory + "/" + $0 }
        let report = ScenarioValidation.validate(paths: paths, loader: ScenarioLoader(scenariosDirectory: scenariosDirectory))
        #expect(report.exitStatus == 0)
        #expect(report.lines.count == paths.count)
        let mixed = ScenarioValidation.validate(
            paths: [paths[0], fixtures.appendingPathComponent("invalid/empty-where.yaml").path],
            loader: ScenarioLoader(scenariosDirectory: scenariosDirectory))
        #expect(mixed.exitStatus == 2)
    }

    @Test func partialJurisdictionIsAWarningNotAnError() throws {
        let yaml = """
            schema: chengyu/scenario/v1
            name: partial
            title: Partial
            levers:
              - {lever: urbanisation-push, where: [cq-kaizhou], op: add, unit: logit/yr, value: 0.01, from: 2021}
            """
        let result = ScenarioLoader().load(yaml: yaml, path: "partial.yaml")
        #expect(result.scenario != nil)
        #expect(result.warnings.count == 1)
        #expect(result.warnings.first?.field == "levers[0].where[0]")
        #expect(result.warnings.first?.line == 5)
    }

    @Test func equalSetsOnOneTargetAreNotAContradiction() throws {
        let yaml = """
            schema: chengyu/scenario/v1
            name: same
            title: Same
            levers:
              - {lever: rd-intensity, where: [circle], op: set, unit: "%", value: 2.5, from: 2025}
              - {lever: rd-intensity, where: [sc-chengdu], op: set, unit: fraction, value: 0.025, from: 2025}
              - {lever: rd-intensity, where: [cq-wanzhou], op: set, unit: fraction, value: 0.03, from: 2021, until: 2024}
            """
        #expect(ScenarioLoader().load(yaml: yaml, path: "same.yaml").errors.isEmpty)
    }

    @Test func emptyAndGarbageInputsNeverCrash() {
        for text in ["", "---", "[", "a: [", "levers: 3", "42", "schema: [1, 2]\nname: {a: 1}", "\u{0}"] {
            let result = ScenarioLoader().load(yaml: text, path: "garbage.yaml")
            #expect(result.scenario == nil)
            #expect(!result.errors.isEmpty)
        }
    }

    @Test func missingFileIsADiagnostic() {
        let result = ScenarioLoader().load(path: "/nonexistent/dir/x.yaml")
        #expect(result.errors.first?.message == "no such file")
    }
}

@Suite struct CatalogTests {
    @Test func standardCatalogHasTheSharedIDs() {
        let c = ScenarioCatalog.standard
        #expect(c.jurisdictionIDs.count == 44)
        #expect(ScenarioCatalog.coreJurisdictions.count == 42)
        #expect(Set(ScenarioCatalog.coreJurisdictions).count == 42)
        #expect(c.groupIDs.count == 9)
        #expect(c.sectorCodes.count == 42 && c.sectorCodes.contains("01") && c.sectorCodes.contains("42"))
        #expect(c.railProjects.count == 15)
        #expect(c.groupMembers["circle"]?.count == 42)
        #expect(c.groupMembers["province-chongqing"]!.count + c.groupMembers["province-sichuan"]!.count == 42)
        #expect(c.expand("core-chongqing").count == 9)
    }

    @Test func parameterRegistryIsConsistent() {
        let p = ParameterCatalog.standard
        #expect(Set(p.ids).count == p.ids.count)
        for d in p.definitions {
            #expect(!d.description.isEmpty && !d.basis.isEmpty, "\(d.id)")
            if let x = d.defaultNumber, let r = d.allowedRange {
                #expect(r.contains(x), "\(d.id) default outside allowed")
                if let s = d.sweepRange {
                    #expect(r.contains(s.lowerBound) && r.contains(s.upperBound), "\(d.id) sweep outside allowed")
                    #expect(s.contains(x) || d.id == "consumption.urbanRuralRatio" || s.lowerBound == x || s.upperBound == x,
                            "\(d.id) default outside sweep")
                }
            } else {
                #expect(d.isChoice && d.choices.contains(d.defaultValue.choice ?? ""), "\(d.id)")
            }
        }
        for id in ["flq.delta", "flq.method", "trade.circleInflowShare", "trade.eta.goods", "trade.eta.services",
                   "trade.eta.nontradable", "trade.t0", "trade.importScale", "trade.supplyCapEpsilon",
                   "trade.massSmoothing", "migration.utilitySmoothing", "migration.wageElasticity",
                   "migration.employmentElasticityRatio", "migration.distanceElasticity", "migration.grossOutRate",
                   "migration.hukouBarrier", "growth.capitalShare", "growth.depreciation", "growth.initialCapitalOutput",
                   "tfp.rdElasticity", "tfp.spillover", "tfp.spilloverDistance", "rd.depreciation",
                   "exports.priceElasticity", "consumption.incomeElasticity",
                   "consumption.urbanRuralRatio", "urbanisation.uMax", "growth.national.rate2021to2025",
                   "growth.circleExcessDecay", "growth.inputSaving", "transport.railOperatingFactor",
                   "transport.roadDetour", "transport.roadSpeed", "air.pm25DailySigma", "air.backgroundShare"] {
            #expect(p[id] != nil, "missing \(id)")
        }
        #expect(p["flq.delta"]?.defaultNumber == 0.3)
        #expect(p["migration.wageElasticity"]?.defaultNumber == 1.5)
        #expect(p["growth.depreciation"]?.defaultNumber == 0.096)
        #expect(p["tfp.rdElasticity"]?.defaultNumber == 0.08 && p["rd.depreciation"]?.defaultNumber == 0.15)
    }

    @Test func schemaNamesEveryLeverKindAndParameter() {
        let text = ScenarioSchema.jsonSchema().pretty
        for kind in LeverKind.allCases { #expect(text.contains("\"const\": \"\(kind.rawValue)\"")) }
        for id in ParameterCatalog.standard.ids { #expect(text.contains("\"\(id)\":")) }
        #expect(text.hasPrefix("{") && text.hasSuffix("}"))
    }

    @Test func everyLeverKindHasASpecWithOperationsOrIsAnEvent() {
        for kind in LeverKind.allCases {
            let spec = kind.spec
            #expect(spec.operations.isEmpty == (spec.scope == .event), "\(kind)")
            #expect(spec.chapter.hasPrefix("ch.") || spec.chapter.hasPrefix("any"), "\(kind)")
            #expect(!spec.target.isEmpty)
        }
    }
}

/// Damaged files never crash the loader and never pass silently as something else: every bundled file with
/// one line deleted, and every prefix cut at a stride, loads to a result (valid or with errors).
@Suite struct MutationTests {
    @Test(arguments: bundledScenarioFiles)
    func deletingAnyLineOrTruncatingNeverCrashes(file: String) throws {
        let path = scenariosDirectory + "/" + file
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let lines = text.components(separatedBy: "\n")
        let loader = ScenarioLoader(scenariosDirectory: scenariosDirectory)
        var rejected = 0
        for i in lines.indices {
            var damaged = lines
            damaged.remove(at: i)
            let result = loader.load(yaml: damaged.joined(separator: "\n"), path: path)
            if result.scenario == nil {
                rejected += 1
                #expect(!result.errors.isEmpty)
            }
        }
        #expect(rejected > 0)  // some deletions (schema, name, title, a lever's op) must be caught
        let scalars = Array(text.unicodeScalars)
        for cut in stride(from: 0, to: scalars.count, by: 29) {
            var prefix = String.UnicodeScalarView()
            prefix.append(contentsOf: scalars[..<cut])
            let result = loader.load(yaml: String(prefix), path: path)
            #expect(result.scenario != nil || !result.errors.isEmpty)
        }
    }

    @Test func parentWithErrorsIsNamedAtTheExtendsLine() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("scenariospec-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "schema: chengyu/scenario/v1\nname: p\ntitle: P\nparameters:\n  flq.delta: 7\n"
            .write(to: dir.appendingPathComponent("p.yaml"), atomically: true, encoding: .utf8)
        try "schema: chengyu/scenario/v1\nname: c\ntitle: C\nextends: p\n"
            .write(to: dir.appendingPathComponent("c.yaml"), atomically: true, encoding: .utf8)
        let result = ScenarioLoader().load(path: dir.appendingPathComponent("c.yaml").path)
        #expect(result.scenario == nil)
        #expect(result.errors.contains { $0.file.hasSuffix("p.yaml") && $0.line == 5 && $0.field == "parameters.flq.delta" })
        #expect(result.errors.contains { $0.file.hasSuffix("c.yaml") && $0.line == 4 && $0.field == "extends" && $0.message.contains("1 error") })
    }
}
