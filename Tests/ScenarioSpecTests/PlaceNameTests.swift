import Foundation
import Testing
@testable import ScenarioSpec

/// Names people type for places: ids, Chinese and English names, case-insensitive, with and without
/// 市/区/县, with "did you mean" for near misses (issue 19 item 5).
@Suite("Place names")
struct PlaceNameTests {
    let catalog = ScenarioCatalog.standard

    @Test(arguments: [
        ("sc-chengdu", "sc-chengdu"), ("成都", "sc-chengdu"), ("成都市", "sc-chengdu"), ("chengdu", "sc-chengdu"),
        ("Chengdu", "sc-chengdu"), ("CHENGDU", "sc-chengdu"), ("yuzhong", "cq-yuzhong"), ("渝中区", "cq-yuzhong"),
        ("渝中", "cq-yuzhong"), ("Yuzhong District", "cq-yuzhong"), ("Chongqing", "province-chongqing"),
        ("重庆", "province-chongqing"), ("nan'an", "cq-nanan"), ("Nanan", "cq-nanan"), ("忠县", "cq-zhongxian"),
        ("Zhong County", "cq-zhongxian"), ("zhong", "cq-zhongxian"), ("丰都", "cq-fengdu"), ("Guang'an", "sc-guangan"),
        ("core-chengdu", "core-chengdu"), ("Chengdu metropolitan area", "metro-chengdu"), ("circle", "circle"),
    ])
    func resolves(name: String, id: String) {
        #expect(catalog.resolvePlace(name) == id, "\(name)")
    }

    @Test func nearMissesGetASuggestion() {
        #expect(catalog.resolvePlace("chengdou") == nil)
        #expect(catalog.placeHint(for: "chengdou") == " (did you mean 'sc-chengdu' (成都市, Chengdu)?)")
        #expect(catalog.placeHint(for: "yuzhon").contains("'cq-yuzhong'"))
        #expect(catalog.placeHint(for: "成都是").contains("sc-chengdu"))
        #expect(catalog.placeHint(for: "xyzxyzxyz") == "")
    }

    @Test func whereAndBetweenTakeNamesAndStoreIds() throws {
        let yaml = """
            schema: chengyu/scenario/v1
            name: names
            title: Names
            description: places by name
            levers:
              - lever: settlement-barrier
                where: [成都, yuzhong, Chongqing]
                op: multiply
                path: {2020: 1.0, 2025: 0.5}
              - lever: rail-link
                id: fast
                between: [Chengdu, 渝中]
                km: 280
                speedKmh: 400
                year: 2027
            """
        let result = ScenarioLoader().load(yaml: yaml, path: "names.yaml")
        let s = try #require(result.scenario, "\(result.diagnostics)")
        #expect(s.levers[0].places == ["sc-chengdu", "cq-yuzhong", "province-chongqing"])
        #expect(s.levers[1].railLink?.endpointA == "sc-chengdu" && s.levers[1].railLink?.endpointB == "cq-yuzhong")
        // The content hash does not depend on how a place was named.
        let byID = yaml.replacingOccurrences(of: "[成都, yuzhong, Chongqing]", with: "[sc-chengdu, cq-yuzhong, province-chongqing]")
            .replacingOccurrences(of: "[Chengdu, 渝中]", with: "[sc-chengdu, cq-yuzhong]")
        #expect(ScenarioLoader().load(yaml: byID, path: "names.yaml").scenario?.contentHash == s.contentHash)
    }

    @Test func extendsNearMissGetsDidYouMean() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("chengyu-names-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "schema: chengyu/scenario/v1\nname: baseline\ntitle: B\ndescription: d\n".write(
            to: dir.appendingPathComponent("baseline.yaml"), atomically: true, encoding: .utf8)
        let child = dir.appendingPathComponent("child.yaml")
        try "schema: chengyu/scenario/v1\nname: child\ntitle: C\ndescription: d\nextends: basline\n".write(to: child, atomically: true, encoding: .utf8)
        let result = ScenarioLoader(scenariosDirectory: nil, fallbackDirectories: []).load(path: child.path)
        #expect(result.errors.contains { $0.message.contains("parent scenario 'basline' not found") && $0.message.hasSuffix("(did you mean 'baseline'?)") },
                "\(result.diagnostics)")
    }

    /// A reference that names a folder is not a scenario file (`ScenarioValidation.isFile`, shared with a sweep's
    /// `base`): "not found", where the folder used to be read as a file ("cannot read the file as UTF-8 text").
    @Test func extendsNamingAFolderIsNotFound() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("chengyu-folder-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("sub"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let child = dir.appendingPathComponent("child.yaml")
        try "schema: chengyu/scenario/v1\nname: child\ntitle: C\ndescription: d\nextends: sub/\n".write(to: child, atomically: true, encoding: .utf8)
        let result = ScenarioLoader(scenariosDirectory: nil, fallbackDirectories: []).load(path: child.path)
        #expect(result.errors.count == 1 && result.errors[0].message.hasPrefix("parent scenario 'sub/' not found"), "\(result.diagnostics)")
    }

    @Test func aBareParentIsFoundInTheFallbackFolders() throws {
        let bundled = FileManager.default.temporaryDirectory.appendingPathComponent("chengyu-bundled-\(UUID().uuidString)")
        let mine = FileManager.default.temporaryDirectory.appendingPathComponent("chengyu-mine-\(UUID().uuidString)")
        for d in [bundled, mine] { try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true) }
        defer { for d in [bundled, mine] { try? FileManager.default.removeItem(at: d) } }
        try "schema: chengyu/scenario/v1\nname: baseline\ntitle: B\ndescription: d\nhorizon: {start: 2019, end: 2040}\n".write(
            to: bundled.appendingPathComponent("baseline.yaml"), atomically: true, encoding: .utf8)
        let child = mine.appendingPathComponent("child.yaml")
        try "schema: chengyu/scenario/v1\nname: child\ntitle: C\ndescription: d\nextends: baseline\n".write(to: child, atomically: true, encoding: .utf8)
        let notFound = ScenarioLoader(scenariosDirectory: nil, fallbackDirectories: []).load(path: child.path)
        #expect(notFound.scenario == nil)
        let found = ScenarioLoader(scenariosDirectory: nil, fallbackDirectories: [bundled.path]).load(path: child.path)
        #expect(found.scenario?.horizon == 2019...2040, "\(found.diagnostics)")
    }

    @Test func aTabInTheIndentationIsSaidPlainly() {
        let result = ScenarioLoader().load(yaml: "schema: chengyu/scenario/v1\nname: t\n\ttitle: x\n", path: "tab.yaml")
        #expect(result.errors.count == 1)
        #expect(result.errors.first?.message == "a tab character in the indentation (line 3): YAML indents with spaces only; replace the tab with spaces")
    }

    @Test func validateCountsOwnAndInheritedLevers() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let scenarios = root.appendingPathComponent("Scenarios").path
        let plan = root.appendingPathComponent("Scenarios/plan-2025.yaml").path
        let loader = ScenarioLoader(scenariosDirectory: scenarios)
        let s = try #require(loader.load(path: plan).scenario)
        let own = s.levers.filter { $0.location.file == plan }.count
        let line = ScenarioValidation.validate(paths: [plan], loader: loader).lines.last ?? ""
        #expect(line.contains("(\(own) lever\(own == 1 ? "" : "s") + \(s.levers.count - own) inherited"), "\(line)")
        #expect(s.levers.count > own)
        #expect(ScenarioValidation.validate(paths: [plan], loader: loader, quiet: true).lines.isEmpty)
    }
}
