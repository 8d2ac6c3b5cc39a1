import Foundation
import Testing
@testable import BaseData

/// The history files (issue 15): loaded with their sources, units and the reserved-series rule.
@Suite("History data")
struct HistoryDataTests {
    @Test("the bundled history loads: observations, national path, events, every figure sourced and with a unit")
    func bundledHistory() throws {
        let h = try BaseDataset.load().history
        #expect(h.observations.count > 400)
        #expect(h.events.contains { $0.id == "EV-2020-CYHSR-350" && $0.type == "speed-up" && $0.serviceYear == 2021 })
        #expect(h.national("gdp_real_growth", year: 2020) == 2.3)
        #expect(h.national("gdp_real_growth", year: 2020, kind: "projection-2019") == 5.8)
        #expect(h.observations.allSatisfy { !$0.unit.isEmpty && !$0.sourceIDs.isEmpty })
        #expect(h.observations.allSatisfy { $0.provenance == .source || !$0.method.isEmpty })
        // Reserved: no Chongqing district or county figure from 2021 on.
        #expect(!h.observations.contains { $0.region.hasPrefix("cq-") && $0.year >= 2021 })
        // First releases are preferred over later vintages of the same year.
        #expect(h.observation("sichuan", "gdp_current", year: 2022)?.value == 56749.8)
    }

    @Test("a Chongqing district figure of 2021 or later is refused, naming file, line and field")
    func reservedSeriesRefused() throws {
        let dir = try copyOfBundledData()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("history/regional_history.csv")
        var text = try String(contentsOf: file, encoding: .utf8)
        text += "cq-yubei,gdp_current,2022,2500,100m yuan,first-release,source,S-H-NBS-BULL2022,\n"
        try text.write(to: file, atomically: true, encoding: .utf8)
        let d = BaseDataset.validate(directory: dir)
        #expect(d.contains { $0.file == "history/regional_history.csv" && $0.field == "year" && $0.message.contains("reserved") }, "\(d)")
    }

    @Test("a history figure without unit or outside its range is refused")
    func unitsAndRanges() throws {
        let dir = try copyOfBundledData()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("history/regional_history.csv")
        var text = try String(contentsOf: file, encoding: .utf8)
        text += "sc-zigong,urbanisation,2024,180,percent,first-release,source,S-H-NBS-BULL2022,\n"
        text += "sc-zigong,population,2024,250,,first-release,source,S-H-NBS-BULL2022,\n"
        try text.write(to: file, atomically: true, encoding: .utf8)
        let d = BaseDataset.validate(directory: dir)
        #expect(d.contains { $0.field == "value" && $0.message.contains("plausible range of urbanisation") }, "\(d)")
        #expect(d.contains { $0.field == "unit" }, "\(d)")
    }
}
