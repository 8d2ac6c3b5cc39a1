/// The ids a scenario may name, passed in by the caller so that ScenarioSpec does not depend on BaseData.
///
/// `ScenarioCatalog.standard` is built from constants copied from the shared data
/// (`jurisdictions.csv`, `transport/rail_projects.csv`, `sectors_2018_42.csv`) and the group ids fixed in the
/// project conventions; the engine may build one from BaseData instead.
public struct ScenarioCatalog: Sendable, Hashable {
    /// Jurisdiction ids (the 42 core ones plus the partial `cq-kaizhou`, `cq-yunyang`).
    public var jurisdictionIDs: Set<String>
    /// Jurisdictions that are only partly inside the circle and off by default: levers on them get a warning.
    public var partialJurisdictionIDs: Set<String>
    /// Group ids (`circle`, `province-chongqing`, …).
    public var groupIDs: Set<String>
    /// Group membership where known (used to detect contradicting levers on overlapping targets). A group
    /// without an entry is compared by its id only.
    public var groupMembers: [String: Set<String>]
    /// Sector codes `"01"` … `"42"`.
    public var sectorCodes: Set<String>
    /// Rail project ids with their opening year in the data (nil where the data have no year).
    public var railProjects: [String: Int?]
    /// Extra rail network node ids a new link may use besides jurisdictions (`cq-central`, `edge`).
    public var railNodeIDs: Set<String>
    /// Goal-set ids a scenario may compare against.
    public var goalSetIDs: Set<String>
    /// Indicators that are scenario inputs (the `indicator-input` lever), with their meaning.
    public var inputIndicatorIDs: Set<String>
    /// Names of the places, for `where:` entries and command-line places given by name.
    public var placeNames: PlaceNameIndex

    public init(jurisdictionIDs: Set<String>, partialJurisdictionIDs: Set<String> = [], groupIDs: Set<String>,
                groupMembers: [String: Set<String>] = [:], sectorCodes: Set<String>,
                railProjects: [String: Int?], railNodeIDs: Set<String> = ["cq-central", "edge"],
                goalSetIDs: Set<String> = ["outline-2025", "vision-2035"],
                inputIndicatorIDs: Set<String> = ScenarioCatalog.standardInputIndicators,
                placeNames: PlaceNameIndex = .standard) {
        self.jurisdictionIDs = jurisdictionIDs
        self.partialJurisdictionIDs = partialJurisdictionIDs
        self.groupIDs = groupIDs
        self.groupMembers = groupMembers
        self.sectorCodes = sectorCodes
        self.railProjects = railProjects
        self.railNodeIDs = railNodeIDs
        self.goalSetIDs = goalSetIDs
        self.inputIndicatorIDs = inputIndicatorIDs
        self.placeNames = placeNames
    }

    /// Every id valid in a `where:` list.
    public var placeIDs: Set<String> { jurisdictionIDs.union(groupIDs) }

    /// The place id `text` stands for: an id of `placeIDs` as is, else a name of `placeNames` whose id is
    /// in `placeIDs`; nil otherwise.
    public func resolvePlace(_ text: String) -> String? {
        if placeIDs.contains(text) { return text }
        guard let id = placeNames.resolve(text), placeIDs.contains(id) else { return nil }
        return id
    }

    /// " (did you mean …?)" for a place that does not resolve: the nearest name, else the nearest id.
    public func placeHint(for text: String) -> String {
        let byName = placeNames.hint(for: text)
        return byName.isEmpty ? Suggest.hint(for: text, in: placeIDs) : byName
    }

    /// Jurisdictions a `where` entry stands for (itself for a jurisdiction; the members of a group where known).
    public func expand(_ place: String) -> Set<String> {
        if jurisdictionIDs.contains(place) { return [place] }
        return groupMembers[place] ?? [place]
    }

    /// The 9 central districts of Chongqing.
    public static let chongqingCentral: [String] = [
        "cq-yuzhong", "cq-dadukou", "cq-jiangbei", "cq-shapingba", "cq-jiulongpo", "cq-nanan", "cq-beibei",
        "cq-yubei", "cq-banan",
    ]

    /// The 42 core jurisdictions, in the order of `jurisdictions.csv`.
    public static let coreJurisdictions: [String] = chongqingCentral + [
        "cq-wanzhou", "cq-fuling", "cq-qijiang", "cq-dazu", "cq-qianjiang", "cq-changshou", "cq-jiangjin",
        "cq-hechuan", "cq-yongchuan", "cq-nanchuan", "cq-bishan", "cq-tongliang", "cq-tongnan", "cq-rongchang",
        "cq-liangping", "cq-fengdu", "cq-dianjiang", "cq-zhongxian",
        "sc-chengdu", "sc-zigong", "sc-luzhou", "sc-deyang", "sc-mianyang", "sc-suining", "sc-neijiang",
        "sc-leshan", "sc-nanchong", "sc-meishan", "sc-yibin", "sc-guangan", "sc-dazhou", "sc-yaan", "sc-ziyang",
    ]

    /// The partly-inside jurisdictions, off by default.
    public static let partialJurisdictions: [String] = ["cq-kaizhou", "cq-yunyang"]

    /// The group ids fixed by the project conventions.
    public static let standardGroups: [String] = [
        "circle", "province-chongqing", "province-sichuan", "core-chongqing", "core-chengdu", "metro-chongqing",
        "metro-chengdu", "wing-north", "wing-south",
    ]

    /// Indicator ids that are inputs (MODEL.md §8), settable by the `indicator-input` lever.
    public static let standardInputIndicators: Set<String> = [
        "water.sectionCompliance", "water.ecologicalFlowSatisfaction", "digital.fiveGCoverage",
        "air.ozoneExceedanceShare", "air.goodDaysShare",
    ]

    /// Rail projects of `transport/rail_projects.csv` with the opening year of their in-circle section as the
    /// data give it (actual where opened, planned or approximate otherwise, nil where the data have none).
    public static let standardRailProjects: [String: Int?] = [
        "CHUANQING": 2023, "YUKUN": 2024, "CZY": 2023, "YUXIANG": 2025, "ZHENGWAN": 2022, "YUWANHSR": 2027,
        "CDW": 2027, "XIYU": 2028, "YIFU": 2030, "CYZX": 2027, "YUGUIHSR": nil, "YUZIYA": nil, "XUBI": 2023,
        "TFCYH": 2026, "CHUANZANG": 2018,
    ]

    /// Membership known without BaseData: the circle, the provinces, the two cores and the Chengdu
    /// metropolitan area (成都 德阳 眉山 资阳, outline ch. 3 §2). The Chongqing metropolitan area and the wings
    /// are left to BaseData (compared by id only here).
    public static let standardGroupMembers: [String: Set<String>] = [
        "circle": Set(coreJurisdictions),
        "province-chongqing": Set(coreJurisdictions.filter { $0.hasPrefix("cq-") }),
        "province-sichuan": Set(coreJurisdictions.filter { $0.hasPrefix("sc-") }),
        "core-chongqing": Set(chongqingCentral),
        "core-chengdu": ["sc-chengdu"],
        "metro-chengdu": ["sc-chengdu", "sc-deyang", "sc-meishan", "sc-ziyang"],
    ]

    /// The catalog built from the copied constants.
    public static let standard = ScenarioCatalog(
        jurisdictionIDs: Set(coreJurisdictions + partialJurisdictions),
        partialJurisdictionIDs: Set(partialJurisdictions),
        groupIDs: Set(standardGroups),
        groupMembers: standardGroupMembers,
        sectorCodes: Set((1...42).map { $0 < 10 ? "0\($0)" : "\($0)" }),
        railProjects: standardRailProjects
    )
}
