import Foundation
import SimulationEngine
import Testing
@testable import Reporting

@Suite("IAMC export and sector detail")
struct ExportTests {
    /// Rows of a CSV without quoted fields (these documents have none).
    func rows(_ csv: String) -> [[String]] {
        csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    @Test("IAMC: pyam's columns, IAMC units converted from the indicator's unit, no empty values")
    func iamcColumnsAndUnits() throws {
        let base = Synthetic.full(name: "baseline"), fast = Synthetic.full(name: "fast", growth: 0.07)
        let table = rows(IAMCExport.render([fast, base], model: "Chengyu 0.1.0"))
        #expect(table[0] == ["model", "scenario", "region", "variable", "unit", "year", "value"])
        let body = table.dropFirst()
        #expect(body.allSatisfy { $0.count == 7 && $0[0] == "Chengyu 0.1.0" && !$0[6].isEmpty && Double($0[6]) != nil })
        #expect(body.first?[1] == "baseline" && body.last?[1] == "fast")  // scenarios by name
        func value(_ scenario: String, _ region: String, _ variable: String, _ year: String) -> (unit: String, value: Double)? {
            body.first { $0[1] == scenario && $0[2] == region && $0[3] == variable && $0[5] == year }.map { ($0[4], Double($0[6])!) }
        }
        // Independent values: population in million, GDP (亿元) in billion CNY (× 0.1), urbanisation in %.
        let pop = try #require(value("baseline", "circle", "Population", "2025"))
        #expect(pop.unit == "million" && abs(pop.value - 98_000_000 * pow(1.002, 6) / 1e6) < 1e-9)
        let gdp = try #require(value("fast", "sc-chengdu", "GDP|Constant 2019 Prices", "2035"))
        #expect(gdp.unit == "billion CNY" && abs(gdp.value - 73919.2 * pow(1.07, 16) * 0.24 * 0.1) < 1e-6)
        let urb = try #require(value("baseline", "circle", "Urbanisation Rate", "2019"))
        #expect(urb.unit == "%" && abs(urb.value - 61.3) < 1e-9)
        let rail = try #require(value("baseline", "circle", "Infrastructure|Rail|Length", "2020"))
        #expect(rail.unit == "km" && rail.value == 9200)
        #expect(value("baseline", "circle", "Chengyu|fiveg_coverage", "2019")?.unit == "%")
        // One row per scenario, place, indicator and year with a value.
        let expected = [base, fast].map { t in t.series.values.flatMap { $0.values }.map { $0.compactMap { $0 }.count }.reduce(0, +) }.reduce(0, +)
        #expect(body.count == expected)
        #expect(IAMCExport.conversion(for: "100m yuan (2019 prices)") == ("billion CNY_2019", 0.1))
    }

    @Test("IAMC from a trajectory.csv (sweep ensembles) has the same rows as from the trajectory; bad lines are named")
    func iamcFromTidyCSV() throws {
        let t = Synthetic.full(name: "baseline")
        let direct = Set(rows(IAMCExport.render([t], model: "m")).dropFirst().map { $0.joined(separator: ",") })
        let viaCSV = Set(rows(try IAMCExport.rows(fromTrajectoryCSV: TrajectoryCSV.render([t]), model: "m")).map { $0.joined(separator: ",") })
        #expect(!direct.isEmpty && direct == viaCSV)
        #expect(IAMCExport.fields("a,\"b,\"\"c\"\"\",,d") == ["a", "b,\"c\"", "", "d"])
        #expect {
            try IAMCExport.rows(
                fromTrajectoryCSV: "scenario,year,place,place_kind,indicator,value,unit\nbase,2019,circle,circle,gdp,abc,100m yuan\n",
                model: "m", path: "t.csv")
        } throws: { ($0 as? ReportingError) == .invalidDocument(path: "t.csv", reason: "line 2: value 'abc' is not a number") }
        #expect {
            try IAMCExport.rows(fromTrajectoryCSV: "h\nbase,2019\n", model: "m", path: "t.csv")
        } throws: { ($0 as? ReportingError) == .invalidDocument(path: "t.csv", reason: "line 1: a trajectory.csv header needs scenario, year, place, indicator, value, unit") }
    }

    /// Two places, two sectors, two years; value k in row y at index p·2 + s is 1000·y + 100·p + 10·s + quantity.
    static func detail(places: [String] = ["sc-chengdu", "cq-yuzhong"], broken: Bool = false) -> SectorDetail {
        func grid(_ q: Double) -> [[Double]] {
            (0..<2).map { y in (0..<places.count).flatMap { p in (0..<2).map { s in 1000 * Double(y) + 100 * Double(p) + 10 * Double(s) + q } } }
        }
        var employment = grid(3)
        if broken { employment[1].removeLast() }
        return SectorDetail(
            sectors: [.init(id: "01", nameEn: "Agriculture", nameZh: "农林牧渔产品和服务"), .init(id: "02", nameEn: "Coal", nameZh: "煤炭采选产品")],
            places: places, years: [2019, 2020], grossOutput: grid(1), valueAdded: grid(2), employment: employment)
    }

    static func withDetail(_ d: SectorDetail?) -> Trajectory {
        var t = Synthetic.tiny()
        t.sectorDetail = d
        return t
    }

    @Test("sectors.csv: one row per year, place and sector, values from the detail's place-major layout")
    func sectorCSV() throws {
        let table = rows(try SectorCSV.render(Self.withDetail(Self.detail())))
        #expect(table[0] == SectorCSV.header)
        #expect(table.count == 1 + 2 * 2 * 2)
        // Year 2020 (y = 1), cq-yuzhong (p = 1), sector 02 (s = 1): 1000 + 100 + 10 + quantity.
        let row = try #require(table.first { $0[1] == "2020" && $0[2] == "cq-yuzhong" && $0[4] == "02" })
        #expect(row == ["tiny", "2020", "cq-yuzhong", "", "02", "Coal", "1111.0", "1112.0", "1113.0"])
        #expect(table[1][0...5] == ["tiny", "2019", "sc-chengdu", "成都", "01", "Agriculture"])
    }

    @Test("sectors.csv refuses a trajectory without detail, a malformed detail and non-finite values")
    func sectorCSVRefusals() {
        #expect(throws: ReportingError.self) { try SectorCSV.render(Self.withDetail(nil)) }
        #expect(Self.detail(broken: true).shapeProblem == "SectorDetail.employment[1]: 3 values, expected 2 places × 2 sectors = 4")
        #expect(throws: ReportingError.self) { try SectorCSV.render(Self.withDetail(Self.detail(broken: true))) }
        let d = Self.detail()
        let nan = SectorDetail(
            sectors: d.sectors, places: d.places, years: d.years, grossOutput: d.grossOutput,
            valueAdded: [d.valueAdded[0], [.nan] + d.valueAdded[1].dropFirst()], employment: d.employment)
        #expect(throws: ReportingError.self) { try SectorCSV.render(Self.withDetail(nan)) }
    }

    @Test("run folder extras: trajectory.iamc.csv and sectors.csv are written and listed in the manifest")
    func runFolderExtras() throws {
        let t = Self.withDetail(Self.detail())
        let extra = try RunFolder.extraFiles(for: t, extras: [.sectors, .iamc], model: "Chengyu test")
        #expect(extra.map(\.name) == ["trajectory.iamc.csv", "sectors.csv"])
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("extras-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let manifest = try RunFolder.write(
            t, resolvedScenarioYAML: "name: tiny\n", to: dir, chengyuVersion: "0", dataVersion: "d", extraFiles: extra, hash: TestSHA256.hex)
        #expect(Set(manifest.files.map(\.path)).isSuperset(of: ["trajectory.iamc.csv", "sectors.csv", "trajectory.csv"]))
        #expect(try RunFolder.verify(dir, hash: TestSHA256.hex) == [])
        #expect(throws: ReportingError.self) { try RunFolder.extraFiles(for: Synthetic.tiny(), extras: [.sectors], model: "m") }
    }
}
