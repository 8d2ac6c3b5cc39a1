import BaseData
import Foundation
import ScenarioSpec
import Testing

/// The place names copied into ScenarioSpec (`ScenarioCatalog.standardPlaceNames`) agree with the bundled
/// data, so a name typed in `where:` resolves to the place the data call by that name.
@Suite("Place names against the data")
struct PlaceNameDataTests {
    @Test func copiedNamesMatchTheData() throws {
        let ds = try BaseDataset.load(includePartial: true)
        let copied = Dictionary(ScenarioCatalog.standardPlaceNames.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for j in ds.jurisdictions {
            let c = try #require(copied[j.id], "\(j.id) missing from standardPlaceNames")
            #expect(c.nameZh == j.nameZh && c.nameEn == j.nameEn && !c.isGroup, "\(j.id)")
        }
        for g in ds.groups {
            let c = try #require(copied[g.id], "\(g.id) missing from standardPlaceNames")
            #expect(c.nameZh == g.nameZh && c.nameEn == g.nameEn && c.isGroup, "\(g.id)")
        }
        #expect(copied.count == ds.jurisdictions.count + ds.groups.count)
        // Every jurisdiction's own Chinese and English names resolve to it.
        for j in ds.jurisdictions {
            #expect(ScenarioCatalog.standard.resolvePlace(j.nameZh) == j.id)
            #expect(ScenarioCatalog.standard.resolvePlace(j.nameEn.lowercased()) == j.id)
        }
    }
}
