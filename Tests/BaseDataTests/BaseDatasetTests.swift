import Foundation
import MatrixCore
import Testing
@testable import BaseData

@Suite("Bundled dataset")
struct BaseDatasetTests {
    @Test(arguments: DataFileSpec.all.map(\.path))
    func eachFileParsesAndPassesItsChecks(_ path: String) throws {
        let spec = DataFileSpec.all.first { $0.path == path }!
        let dir = try BaseDataset.bundledDataURL()
        let sources = try CSVTable(contentsOf: dir.appendingPathComponent("sources.csv"), file: "sources.csv")
        var known = Set(sources.records.map { $0[0] })
        if path.hasPrefix("history/") || path.hasPrefix("population/") || path.hasPrefix("production/") {
            // The history files cite their own source list (history/sources.csv) besides the main one; the
            // population files cite theirs (population/sources.csv), the history's and the main one.
            let history = try CSVTable(contentsOf: dir.appendingPathComponent("history/sources.csv"), file: "history/sources.csv")
            known.formUnion(history.records.map { $0[0] })
        }
        if path.hasPrefix("population/") {
            let own = try CSVTable(contentsOf: dir.appendingPathComponent("population/sources.csv"), file: "population/sources.csv")
            known.formUnion(own.records.map { $0[0] })
        }
        if path.hasPrefix("production/") {
            // The sector structure cites the production block's list (production/sources.csv) besides those.
            let own = try CSVTable(contentsOf: dir.appendingPathComponent("production/sources.csv"), file: "production/sources.csv")
            known.formUnion(own.records.map { $0[0] })
        }
        let t = try CSVTable(contentsOf: dir.appendingPathComponent(path), file: path)
        #expect(t.records.count > 0)
        #expect(spec.validate(t, knownSourceIDs: known) == [])
    }

    @Test func bundledDataValidatesWithoutProblems() throws {
        #expect(BaseDataset.validate(directory: try BaseDataset.bundledDataURL()) == [])
    }

    @Test func loadsFortyTwoJurisdictionsByDefaultAndFortyFourWithPartial() throws {
        let d = try BaseDataset.load()
        #expect(d.jurisdictions.count == 42)
        #expect(Set(d.jurisdictions.map(\.id)).count == 42)
        #expect(d.jurisdictions.filter(\.isCentralDistrict).count == 9)
        #expect(d.jurisdictions.filter { $0.province == .chongqing }.count == 27)
        let p = try BaseDataset.load(includePartial: true)
        #expect(p.jurisdictions.count == 44)
        #expect(Set(p.jurisdictions.filter(\.isOptional).map(\.id)) == ["cq-kaizhou", "cq-yunyang"])
    }

    @Test func everyFigureIsFiniteAndEveryEstimateHasAMethod() throws {
        let d = try BaseDataset.load(includePartial: true)
        for j in d.jurisdictions {
            #expect(j.latitudeDegrees.isFinite && j.longitudeDegrees.isFinite)
            for (_, f) in j.figures {
                #expect(f.value.isFinite)
                #expect(!f.sourceIDs.isEmpty)
                #expect(f.sourceIDs.allSatisfy { d.sources[$0] != nil })
                if f.provenance != .source { #expect(!f.method.isEmpty) }
            }
            let sum = j.valueAddedPrimary2019HundredMillionYuan.value + j.valueAddedSecondary2019HundredMillionYuan.value
                + j.valueAddedTertiary2019HundredMillionYuan.value
            // estimates close exactly (tertiary = GDP − primary − secondary after rounding to 0.01); the sourced
            // 成都 split is printed to 0.1 亿元 and sums to 17012.7 against the GDP source's 17012.65
            let tolerance = j.valueAddedPrimary2019HundredMillionYuan.provenance == .source ? 0.06 : 0.0051
            #expect(abs(sum - j.gdp2019HundredMillionYuan.value) <= tolerance, "\(j.id)")
        }
        #expect(d.estimatedFigures.count > 50)
        #expect(d.estimatedFigures.allSatisfy { $0.figure.provenance != .source })
    }

    @Test func totalsAgainstThePlan() throws {
        let d = try BaseDataset.load()
        let t = Dictionary(uniqueKeysWithValues: d.planTotals.map { ($0.name, $0) })
        // independent sums of the figures
        let pop = d.jurisdictions.map(\.population2019FirstPublishedPersons.value).reduce(0, +)
        let gdp = d.jurisdictions.map(\.gdp2019HundredMillionYuan.value).reduce(0, +)
        #expect(abs(t["population"]!.computed - pop) < 1e-6 * pop)
        #expect(abs(t["gdp"]!.computed - gdp) < 1e-6 * gdp)
        // the plan: 96 million, nearly 6.3 trillion yuan, both within 3 %
        #expect(abs(pop / 96e6 - 1) <= 0.03)
        #expect(abs(gdp / 63_000 - 1) <= 0.03)
        #expect(t["population"]!.isWithinTolerance && t["gdp"]!.isWithinTolerance)
        // area: whole-city 绵阳/达州/雅安 put the sum 5–10 % above 185,000 km²
        #expect(t["area"]!.relativeGap > 0.05 && t["area"]!.relativeGap < 0.10)
    }

    @Test func documentedEstimatesRecompute() throws {
        let d = try BaseDataset.load(includePartial: true)
        // 遂宁: 2020 GDP / Sichuan nominal growth 2019→2020
        let suining = d.jurisdiction("sc-suining")!.gdp2019HundredMillionYuan
        #expect(suining.provenance == .estimate)
        #expect(abs(suining.value - 1403.18 / (48598.8 / 46615.8)) < 0.006)
        // 黔江: 2018 bulletin GDP × China's nominal ratio 2019/2018
        #expect(abs(d.jurisdiction("cq-qianjiang")!.gdp2019HundredMillionYuan.value - 247.29 * 1.0746) < 0.006)
        // census-consistent 2019: census / (1 + natural growth)
        let dazu = d.jurisdiction("cq-dazu")!
        #expect(abs(dazu.population2019Persons.value - 834_592 / 1.00291) < 1)
        // 成都: the revised 2019 series is a source, not an estimate
        let cd = d.jurisdiction("sc-chengdu")!
        #expect(cd.population2019Persons.provenance == .source && cd.population2019Persons.value == 20_409_000)
        #expect(cd.population2019FirstPublishedPersons.value == 16_581_000)
        // 渝中 is a service-only district: no farming
        #expect(d.jurisdiction("cq-yuzhong")!.valueAddedPrimary2019HundredMillionYuan.value == 0)
        // shares are fractions
        #expect(d.jurisdictions.allSatisfy { (0...1).contains($0.urbanShare2019Fraction.value) })
        #expect(d.jurisdiction("cq-kaizhou")!.coverageShareFraction == 0.5)
        #expect(d.jurisdiction("sc-chengdu")!.coverageShareFraction == 1)
    }

    @Test func groupsFollowChapterThree() throws {
        let d = try BaseDataset.load()
        #expect(Set(d.groups.map(\.id)) == ["circle", "province-chongqing", "province-sichuan", "core-chongqing", "core-chengdu",
                                             "metro-chongqing", "metro-chengdu", "wing-north", "wing-south"])
        #expect(try d.members(ofGroup: "circle").count == 42)
        #expect(try d.members(ofGroup: "core-chongqing").map(\.id).sorted() == d.jurisdictions.filter(\.isCentralDistrict).map(\.id).sorted())
        #expect(try d.members(ofGroup: "metro-chengdu").map(\.id) == ["sc-chengdu", "sc-deyang", "sc-meishan", "sc-ziyang"])
        #expect(try d.members(ofGroup: "province-sichuan").count == 15)
        #expect(try !d.members(ofGroup: "wing-north").contains { $0.id == "cq-kaizhou" })
        let p = try BaseDataset.load(includePartial: true)
        #expect(try p.members(ofGroup: "circle").count == 44)
        #expect(try p.members(ofGroup: "wing-north").contains { $0.id == "cq-kaizhou" })
        #expect(throws: BaseDataError.self) { _ = try d.members(ofGroup: "nope") }
    }

    @Test func goalsCoverTheOutline2025Targets() throws {
        let d = try BaseDataset.load()
        let g2025 = d.goals.filter { $0.year == 2025 && $0.sourceIDs.contains("S-PLAN") }
        #expect(Set(g2025.map(\.indicatorID)) == ["urbanisation_rate", "rail_km", "cq_cd_rail_minutes", "rd_intensity",
                                                   "tech_progress_contribution", "air_good_days_share", "water_section_compliance",
                                                   "ecological_flow_share", "fiveg_coverage"])
        let urb = g2025.first { $0.indicatorID == "urbanisation_rate" }!
        #expect(urb.comparison == .about(bandHalfWidth: 0.01) && urb.targetValue == 0.66)
        #expect(urb.isMet(by: 0.655) && !urb.isMet(by: 0.64))
        // "reach about": the baseline's 68.2 % is above the band and meets the goal (exceeded), 64.9 % does not.
        #expect(urb.isMet(by: 0.682) && urb.isMet(by: 0.65) && !urb.isMet(by: 0.6499))
        let rail = g2025.first { $0.indicatorID == "rail_km" }!
        #expect(rail.isMet(by: 9000) && !rail.isMet(by: 8999))
        let time = g2025.first { $0.indicatorID == "cq_cd_rail_minutes" }!
        #expect(time.isMet(by: 60) && !time.isMet(by: 61))
        let g2035 = d.goals.filter { $0.year == 2035 }
        #expect(!g2035.isEmpty && g2035.allSatisfy { $0.kind != .official && !$0.document.isEmpty })
        #expect(d.goals.allSatisfy { g in d.indicators.contains { $0.id == g.indicatorID } })
    }

    @Test func transportNodesAndProjects() throws {
        let d = try BaseDataset.load()
        #expect(d.transport.links.count == 110)
        #expect(d.transport.projects.count == 15)
        #expect(d.transport.links.allSatisfy { $0.km.map { $0 > 0 } ?? true })
        #expect(d.transport.projects.contains { $0.id == "CYZX" && $0.openYear == 2027 })
    }

    @Test func provinceContextHasCalibrationFigures() throws {
        let c = try BaseDataset.load().provinceContext
        #expect(c.value(region: "chongqing", indicator: "birth_rate_per_mille", year: 2019) == 10.48)
        #expect(c.value(region: "sichuan", indicator: "death_rate_per_mille", year: 2019) == 7.09)
        #expect(c.value(region: "chongqing", indicator: "out_migrants_to_other_provinces_10k_persons", year: 2019) == 474.02)
        let ex = c.value(region: "chongqing", indicator: "exports_100m_yuan", year: 2019)!
        #expect(abs(ex - 3337.5 / 0.899) < 0.1)
        let urban = c.value(region: "china", indicator: "consumption_per_capita_urban_yuan", year: 2019)!
        let rural = c.value(region: "china", indicator: "consumption_per_capita_rural_yuan", year: 2019)!
        #expect(abs(urban / rural - 2.1) < 0.01)
        #expect(c.figures.filter { $0.provenance == .assumption }.allSatisfy { !$0.note.isEmpty })
    }
}
