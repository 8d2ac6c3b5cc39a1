import Foundation

/// Where a sector tilt comes from (MODEL-v3 §4.7): the jurisdiction's own data, its province's, or none (tilt 1).
public enum TiltLevel: String, Sendable, Hashable, Codable, CaseIterable {
    case own, province, national
}

/// What a published industrial sub-sector share measures: value added, gross output or revenue of 规模以上工业.
public enum ShareMeasure: String, Sendable, Hashable, Codable {
    case valueAdded = "va", output, revenue
}

/// A row of `production/sector_structure.csv` is a ``DataFigure`` (the 12-column format of `production/README.md`);
/// these read what a sector-share row says.
extension DataFigure {
    /// The measure of an industrial sub-sector share, read from the indicator `industry_<va|output|revenue>_share_<name>`;
    /// nil for every other row (levels, profit shares, lower bounds).
    public var shareMeasure: ShareMeasure? {
        let parts = indicator.split(separator: "_", maxSplits: 3).map(String.init)
        guard parts.count == 4, parts[0] == "industry", parts[2] == "share", unit == "percent",
              !indicator.hasSuffix("_lower_bound") else { return nil }
        return ShareMeasure(rawValue: parts[1])
    }

    /// The 42-sector codes that `method` names after "IO sector(s)": single codes, `a + b`, `a, b`, ranges `16–19`;
    /// parenthesised remarks are skipped; reading stops at the first other word. Empty when the method names none
    /// or calls the row cross-cutting.
    public var sectorCodes: [String] {
        guard !method.contains("cross-cutting"), let r = method.range(of: "IO sector") else { return [] }
        var text = String(method[r.upperBound...])
        if text.hasPrefix("s") { text.removeFirst() }
        while let open = text.firstIndex(of: "("), let close = text[open...].firstIndex(of: ")") { text.removeSubrange(open...close) }
        var codes: [Int] = [], pendingRange = false
        for token in text.replacingOccurrences(of: "–", with: " – ").replacingOccurrences(of: "-", with: " – ")
            .replacingOccurrences(of: "+", with: " + ").replacingOccurrences(of: ",", with: " , ").replacingOccurrences(of: ")", with: " ) ").split(whereSeparator: { $0 == " " }) {
            if let n = Int(token), token.count == 2 {
                if pendingRange, let from = codes.last, from < n { codes += (from + 1)...n } else { codes.append(n) }
                pendingRange = false
            } else if token == "–" { pendingRange = true
            } else if token == "+" || token == "," || token == "and" { continue
            } else { break }
        }
        return codes.map { String(format: "%02d", $0) }
    }
}

/// The industrial sub-sector shares chosen for one place (MODEL-v3 §4.7): one reference year and one measure.
public struct SectorShareBasis: Sendable, Hashable {
    public struct Group: Sendable, Hashable {
        /// 42-sector codes, all in ``SectorStructureData/industrySectorCodes``.
        public var sectorCodes: [String]
        /// Share of 规模以上工业 (fraction).
        public var share: Double
        public var sourceIDs: [String]
    }
    public var region: String
    public var year: Int
    public var measure: ShareMeasure
    public var groups: [Group]
}

/// A sector's tilt in one jurisdiction with the level it comes from and its sources (MODEL-v3 §4.7).
public struct SectorTilt: Sendable, Hashable {
    public var tilt: Double
    public var level: TiltLevel
    /// The source ids of the shares the tilt is derived from (empty at level national).
    public var sourceIDs: [String]
    /// True for an industry sector the data name no share for: its tilt `(1 − Σ s)/(1 − Σ s_nat)` closes industry.
    public var isRestOfIndustry: Bool

    public static let national = SectorTilt(tilt: 1, level: .national, sourceIDs: [], isRestOfIndustry: false)
}

/// The rows of `production/sector_structure.csv` and the tilts derived from them (MODEL-v3 §4.7).
public struct SectorStructureData: Sendable, Hashable {
    public var figures: [DataFigure]

    /// Industry (工业: mining, manufacturing, utilities; GB/T 4754 sections B–D) in the 42-sector table: sectors 02–26.
    /// The data's shares are shares of 规模以上工业, i.e. of these sectors (construction 27 is not industry).
    public static let industrySectorCodes: [String] = (2...26).map { String(format: "%02d", $0) }
    /// The engine calibrates on 2019 (vintage rule): only shares with reference year ≤ 2019 are used.
    public static let latestUsableYear = 2019

    /// The shares used for `region` (a jurisdiction id, `chongqing` or `sichuan`), or nil when it has none.
    /// Rule (a modelling choice): among the industrial share rows (``DataFigure/shareMeasure`` not nil,
    /// sectors named, all in industry, year ≤ 2019) take the latest year; within a year one measure (VA before
    /// output before revenue); the year's groups must be disjoint and sum below 100 %, else the next candidate.
    public func basis(region: String) -> SectorShareBasis? {
        let industry = Set(Self.industrySectorCodes)
        let rows = figures.filter {
            $0.region == region && $0.year <= Self.latestUsableYear && $0.shareMeasure != nil && !$0.sectorCodes.isEmpty
                && $0.sectorCodes.allSatisfy(industry.contains)
        }
        let order: [ShareMeasure] = [.valueAdded, .output, .revenue]
        for year in Set(rows.map(\.year)).sorted(by: >) {
            for m in order {
                let set = rows.filter { $0.year == year && $0.shareMeasure == m }
                guard !set.isEmpty else { continue }
                let codes = set.flatMap(\.sectorCodes)
                let total = set.reduce(0.0) { $0 + $1.value }
                guard Set(codes).count == codes.count, total < 100 else { continue }
                return SectorShareBasis(region: region, year: year, measure: m, groups: set.map {
                    .init(sectorCodes: $0.sectorCodes, share: $0.value / 100, sourceIDs: $0.sourceIDs)
                })
            }
        }
        return nil
    }
}

extension BaseDataset {
    /// The sector tilts of a jurisdiction, one per sector of the national table (MODEL-v3 §4.7): from its own
    /// industrial shares (level own), else its province's (level province), else 1 (level national).
    /// For a share `s_g` of sector group g in 规模以上工业, `tilt = s_g / s_nat,g` with `s_nat,g` the group's share of
    /// industry (sectors 02–26) in the national 2018 table in the same measure (VA for VA shares, gross output for
    /// output and revenue shares); the industry sectors no group names get `(1 − Σ s_g)/(1 − Σ s_nat,g)`, so that
    /// the place's industry shares in that measure equal the data; sectors outside industry keep 1.
    public func sectorTilts(jurisdiction j: Jurisdiction) -> [SectorTilt] {
        let nat = nationalTable
        let level: TiltLevel
        let found: SectorShareBasis
        if let b = sectorStructure.basis(region: j.id) { (level, found) = (.own, b)
        } else if let b = sectorStructure.basis(region: j.province.rawValue) { (level, found) = (.province, b)
        } else { return nat.sectors.map { _ in .national } }
        let measure = found.measure == .valueAdded ? nat.valueAdded : nat.grossOutput
        let industry = Set(SectorStructureData.industrySectorCodes)
        let index = Dictionary(uniqueKeysWithValues: nat.sectors.enumerated().map { ($1.id, $0) })
        let industryTotal = nat.sectors.indices.filter { industry.contains(nat.sectors[$0].id) }.reduce(0.0) { $0 + measure[$1] }
        var out = nat.sectors.map { _ in SectorTilt.national }
        var dataShare = 0.0, nationalShare = 0.0
        var allSources: [String] = []
        for g in found.groups {
            let sNat = g.sectorCodes.reduce(0.0) { $0 + measure[index[$1]!] } / industryTotal
            dataShare += g.share
            nationalShare += sNat
            allSources += g.sourceIDs.filter { !allSources.contains($0) }
            for c in g.sectorCodes {
                out[index[c]!] = SectorTilt(tilt: g.share / sNat, level: level, sourceIDs: g.sourceIDs, isRestOfIndustry: false)
            }
        }
        let rest = (1 - dataShare) / (1 - nationalShare)
        for (i, s) in nat.sectors.enumerated() where industry.contains(s.id) && out[i].level == .national {
            out[i] = SectorTilt(tilt: rest, level: level, sourceIDs: allSources, isRestOfIndustry: true)
        }
        return out
    }
}

extension Loader {
    /// Loads `production/sector_structure.csv` (MODEL-v3 §4.7) with its own `production/sources.csv` (ids may also be in
    /// the main or the history list) through the 12-column reader of `population/` (the history rules, whose plausible
    /// range keeps a share in percent within 0…100), adding what is particular to this file: provenance source or
    /// estimate, sector codes in `method` that exist.
    mutating func loadSectorStructure(known: Set<String>?) -> SectorStructureData? {
        guard let src = table(.productionSources, sources: nil), let hist = table(.historySources, sources: nil) else { return nil }
        let ids = Set((0..<src.count).map { src.string($0, "source_id") } + (0..<hist.count).map { hist.string($0, "source_id") })
        let figures = loadDataFigures(.sectorStructure, known.map { $0.union(ids) }) { f in
            var problems: [(field: String, message: String)] = []
            if f.provenance == .assumption { problems.append(("provenance", "provenance must be source or estimate")) }
            for c in f.sectorCodes where !(1...42).contains(Int(c) ?? 0) { problems.append(("method", "IO sector \(c) does not exist (01…42)")) }
            return problems
        }
        return figures.map(SectorStructureData.init(figures:))
    }
}

extension BaseDataset {
    /// A jurisdiction's 2019 value added by sector, 100m yuan (MODEL-v3 §4.7): within each broad sector b,
    /// `VA[r,i] = VA_broad[r,b]·VA_nat[i]·tilt[r,i] / Σ_{k∈b} VA_nat[k]·tilt[r,k]`, so the three published totals are
    /// kept exactly; the published split is first scaled to the jurisdiction's GDP (rounded splits: 成都 612.2 + 5,244.6
    /// + 11,155.9 = 17,012.7 against 17,012.65). With every tilt 1 this is the national split of MODEL.md §2.
    /// No RAS to province sector totals (a simplification, MODEL-v3 §4.7): no province has both places with own shares
    /// and a province share of the same sector, and where only the province's share exists every place of the
    /// province takes it, so the circle part meets it exactly in the data's measure without a closing row.
    public func valueAdded2019BySector(jurisdiction j: Jurisdiction) -> [Double] {
        let nat = nationalTable
        let tilts = sectorTilts(jurisdiction: j)
        let prior = nat.sectors.indices.map { nat.valueAdded[$0] * tilts[$0].tilt }
        var broadPrior: [BroadSector: Double] = [:]
        for (i, sec) in nat.sectors.enumerated() { broadPrior[sec.broadSector, default: 0] += prior[i] }
        let broadSum = BroadSector.allCases.reduce(0.0) { $0 + j.valueAdded2019HundredMillionYuan($1).value }
        let toGDP = broadSum > 0 ? j.gdp2019HundredMillionYuan.value / broadSum : 0
        return nat.sectors.enumerated().map { i, sec in
            let vaBroad = j.valueAdded2019HundredMillionYuan(sec.broadSector).value * toGDP
            return vaBroad * prior[i] / broadPrior[sec.broadSector]!
        }
    }
}
