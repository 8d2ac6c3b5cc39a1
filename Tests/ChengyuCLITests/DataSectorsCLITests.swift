import Foundation
import Testing

/// `chengyu data sectors --by jurisdiction`: the 2019 split with tilts, levels and sources (MODEL-v3 §4.7).
@Suite("chengyu data sectors --by jurisdiction")
struct DataSectorsCLITests {
    @Test func csvListsLevelAndSourceOfATiltedCell() throws {
        let r = try CLI.run(["data", "sectors", "--by", "jurisdiction", "--format", "csv", "-q"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: ",").map(String.init)
        #expect(header == ["jurisdiction_id", "name_zh", "code", "broad_sector", "va_2019_100m_yuan", "share_of_broad_sector",
                           "share_of_gdp", "tilt", "level", "rest_of_industry", "source_ids"])
        #expect(lines.count == 1 + 42 * 42)
        let col = { (name: String) in header.firstIndex(of: name)! }
        let rows = lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        // 宜宾 sector 06: own data, tilt 0.438 / 0.0969 ≈ 4.52, cited to the Jan–Oct 2019 report.
        let yb = try #require(rows.first { $0[0] == "sc-yibin" && $0[col("code")] == "06" })
        #expect(yb[col("level")] == "own" && yb[col("source_ids")] == "S-D-BJPRESS-YB-2019")
        #expect(abs((Double(yb[col("tilt")]) ?? 0) - 4.520) < 1e-3)
        // A Chongqing district's electronics: the province's share.
        let cq = try #require(rows.first { $0[0] == "cq-shapingba" && $0[col("code")] == "20" })
        #expect(cq[col("level")] == "province" && cq[col("source_ids")] == "S-D-CQ-2014-JANMAY")
        // 成都 has no data: tilt 1, level national, no source.
        let cd = try #require(rows.first { $0[0] == "sc-chengdu" && $0[col("code")] == "20" })
        #expect(cd[col("level")] == "national" && Double(cd[col("tilt")]) == 1 && cd[col("source_ids")].isEmpty)
        // The shares of each broad sector sum to 1 in every jurisdiction.
        var sums: [String: Double] = [:]
        for row in rows { sums[row[0] + row[col("broad_sector")], default: 0] += Double(row[col("share_of_broad_sector")]) ?? 0 }
        #expect(sums.values.allSatisfy { abs($0 - 1) < 1e-6 || $0 == 0 })
    }

    @Test func jsonAndTableWork() throws {
        let j = try CLI.run(["data", "sectors", "--by", "jurisdiction", "--format", "json", "-q"])
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(j.stdout.utf8)) as? [[String: Any]])
        #expect(objects.count == 42 * 42 && objects.contains { ($0["level"] as? String) == "own" })
        let t = try CLI.run(["data", "sectors", "--by", "jurisdiction", "-q"])
        #expect(t.status == 0 && t.stdout.contains("宜宾") && t.stdout.contains("province"))
    }
}
