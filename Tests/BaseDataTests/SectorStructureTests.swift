import Foundation
import Testing
@testable import BaseData

/// The sector tilts and the 2019 split by sector (MODEL-v3 §4.7).
@Suite("Regional specialisation: sector tilts and the 2019 split")
struct SectorStructureTests {
    static let data = try! BaseDataset.load()

    func jurisdiction(_ id: String) -> Jurisdiction { Self.data.jurisdiction(id)! }

    /// The split with every tilt 1 (MODEL.md §2): the reference a place without data must reproduce.
    func nationalSplit(_ j: Jurisdiction) -> [Double] {
        let nat = Self.data.nationalTable
        var broad: [BroadSector: Double] = [:]
        for (i, s) in nat.sectors.enumerated() { broad[s.broadSector, default: 0] += nat.valueAdded[i] }
        let sum = BroadSector.allCases.reduce(0.0) { $0 + j.valueAdded2019HundredMillionYuan($1).value }
        return nat.sectors.enumerated().map { i, s in
            j.valueAdded2019HundredMillionYuan(s.broadSector).value * j.gdp2019HundredMillionYuan.value / sum
                * nat.valueAdded[i] / broad[s.broadSector]!
        }
    }

    @Test func methodSectorCodesAreParsed() {
        func codes(_ m: String) -> [String] {
            DataFigure(region: "x", indicator: "i", year: 2019, sex: "total", ageFrom: nil, ageTo: nil, value: 1, unit: "percent", vintage: "", provenance: .source,
                       sourceIDs: [], method: m).sectorCodes
        }
        #expect(codes("-> IO sector 06 foods and tobacco") == ["06"])
        #expect(codes("机械 (德阳's machinery grouping; maps mainly to IO sectors 16–19)") == ["16", "17", "18", "19"])
        #expect(codes("first half of 2014: 医药和建材行业 11.7 %; IO sectors 12 (pharmaceuticals) + 13") == ["12", "13"])
        #expect(codes("IO sector 18 (autos part)") == ["18"])
        #expect(codes("cross-cutting, mostly IO sectors 20, 21") == [])
        #expect(codes("no sector named") == [])
    }

    @Test func basisFollowsTheVintageAndDisjointnessRules() throws {
        let s = Self.data.sectorStructure
        // 宜宾: the latest year ≤ 2019 is Jan–Oct 2019, revenue share 43.8 % (the profit share is not a share measure).
        let yb = try #require(s.basis(region: "sc-yibin"))
        #expect(yb.year == 2019 && yb.measure == .revenue && yb.groups.count == 1 && abs(yb.groups[0].share - 0.438) < 1e-12)
        // 德阳: 2014's groups overlap (06+12 and 12+13), so 2013's VA shares are used.
        let dy = try #require(s.basis(region: "sc-deyang"))
        #expect(dy.year == 2013 && dy.measure == .valueAdded && dy.groups.count == 3)
        // Chongqing: autos (18) and electronics (20), output shares Jan–May 2014; the high-tech share is cross-cutting.
        let cq = try #require(s.basis(region: "chongqing"))
        #expect(cq.year == 2014 && Set(cq.groups.flatMap(\.sectorCodes)) == ["18", "20"])
        // Sichuan has only a lower bound and revenue levels: no basis, so its cities without data stay national.
        #expect(s.basis(region: "sichuan") == nil)
        #expect(s.figures.allSatisfy { !($0.region.hasPrefix("cq-") && $0.year >= 2021) })
    }

    @Test func rowTotalsAreKeptExactly() {
        for j in Self.data.jurisdictions {
            let va = Self.data.valueAdded2019BySector(jurisdiction: j)
            let sectors = Self.data.nationalTable.sectors
            let sum = BroadSector.allCases.reduce(0.0) { $0 + j.valueAdded2019HundredMillionYuan($1).value }
            for b in BroadSector.allCases {
                let target = j.valueAdded2019HundredMillionYuan(b).value * j.gdp2019HundredMillionYuan.value / sum
                let got = sectors.indices.filter { sectors[$0].broadSector == b }.reduce(0.0) { $0 + va[$1] }
                #expect(abs(got - target) <= 1e-9 * max(1, target), "\(j.id) \(b): \(got) vs \(target)")
            }
            #expect(va.allSatisfy { $0 >= 0 && $0.isFinite })
        }
    }

    @Test func placeWithoutDataKeepsTheNationalSplit() {
        // 成都 (Sichuan: no province basis) and 宜宾's neighbour 自贡 have no rows: tilt 1 everywhere, the old split exactly.
        for id in ["sc-chengdu", "sc-zigong"] {
            let j = jurisdiction(id)
            #expect(Self.data.sectorTilts(jurisdiction: j).allSatisfy { $0 == .national })
            let va = Self.data.valueAdded2019BySector(jurisdiction: j), ref = nationalSplit(j)
            for i in va.indices { #expect(abs(va[i] - ref[i]) <= 1e-12 * max(1, ref[i]), "\(id) sector \(i + 1)") }
        }
    }

    /// 宜宾: liquor is 43.8 % of 规上工业 revenue (Jan–Oct 2019, S-D-BJPRESS-YB-2019). Nationally sector 06 is
    /// 1,159,062,358 / 11,961,734,253 = 9.690 % of industry (02–26) gross output in 2018, so
    /// tilt_06 = 0.438 / 0.09690 = 4.520 and the other industry sectors get (1 − 0.438)/(1 − 0.09690) = 0.6223.
    /// Within its secondary VA, sector 06's share is the national one (7.515 %) × tilt_06 / N, N the tilted
    /// secondary weight Σ VA_nat·tilt / Σ VA_nat (the renormalisation that keeps the secondary total).
    @Test func yibinLiquorShareFollowsTheData() throws {
        let nat = Self.data.nationalTable
        let j = jurisdiction("sc-yibin")
        let tilts = Self.data.sectorTilts(jurisdiction: j)
        #expect(abs(tilts[5].tilt - 4.5202) < 1e-3 && tilts[5].level == .own && tilts[5].sourceIDs == ["S-D-BJPRESS-YB-2019"])
        #expect(abs(tilts[11].tilt - 0.6223) < 1e-3 && tilts[11].isRestOfIndustry)
        #expect(tilts[26].level == .national && tilts[26].tilt == 1)  // construction is not industry
        let va = Self.data.valueAdded2019BySector(jurisdiction: j)
        let secondary = nat.sectors.indices.filter { nat.sectors[$0].broadSector == .secondary }
        let share = va[5] / secondary.reduce(0.0) { $0 + va[$1] }
        let natShare = nat.valueAdded[5] / secondary.reduce(0.0) { $0 + nat.valueAdded[$1] }
        let n = secondary.reduce(0.0) { $0 + nat.valueAdded[$1] * tilts[$1].tilt } / secondary.reduce(0.0) { $0 + nat.valueAdded[$1] }
        #expect(abs(natShare - 0.07515) < 1e-4)
        #expect(abs(share / natShare - tilts[5].tilt / n) < 1e-9)
        #expect(share > 3 * natShare)
        // In the data's measure (output): sector 06 is exactly 43.8 % of 宜宾's industry output.
        let v = nat.valueAddedCoefficients
        let industry = (1...25)
        let x06 = va[5] / v[5], xInd = industry.reduce(0.0) { $0 + va[$1] / v[$1] }
        #expect(abs(x06 / xInd - 0.438) < 1e-9)
    }

    @Test func chongqingTakesTheProvinceSharesAndTheCirclePartMeetsThem() {
        let nat = Self.data.nationalTable, v = nat.valueAddedCoefficients
        let cq = Self.data.jurisdictions.filter { $0.province == .chongqing }
        #expect(cq.count == 27)
        var x18 = 0.0, x20 = 0.0, xInd = 0.0
        for j in cq {
            let t = Self.data.sectorTilts(jurisdiction: j)
            #expect(t[17].level == .province && t[17].tilt > 2.5 && t[19].level == .province)
            let va = Self.data.valueAdded2019BySector(jurisdiction: j)
            x18 += va[17] / v[17]
            x20 += va[19] / v[19]
            xInd += (1...25).reduce(0.0) { $0 + va[$1] / v[$1] }
        }
        // autos 22.11 % and electronics 19.47 % of above-scale output (Jan–May 2014, S-D-CQ-2014-JANMAY)
        #expect(abs(x18 / xInd - 0.2211) < 1e-9 && abs(x20 / xInd - 0.1947) < 1e-9)
    }
}
