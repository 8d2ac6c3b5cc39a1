import Foundation

/// A place's id with its Chinese and English names, for resolving the names people type.
public struct PlaceName: Sendable, Hashable {
    public let id: String
    public let nameZh: String
    public let nameEn: String
    /// A group of chapter 3 (or the circle) rather than a jurisdiction.
    public let isGroup: Bool

    public init(id: String, nameZh: String, nameEn: String, isGroup: Bool) {
        self.id = id
        self.nameZh = nameZh
        self.nameEn = nameEn
        self.isGroup = isGroup
    }
}

/// Resolves what people type for a place — an id, a Chinese name or an English name, case-insensitive,
/// with or without 市/区/县/省, "District"/"County"/"City", a parenthesised note or an apostrophe — to
/// the place's id, and suggests the nearest name for a near miss.
///
/// Aliases of a place: its id; its Chinese name, without a parenthesised note, and without a trailing
/// 市/区/县/省 (when two characters or more remain); its English name, without a parenthesised note, and
/// without a trailing " District", " County" or " City". Jurisdictions claim aliases before groups, so
/// `成都` and `Chengdu` are the jurisdiction `sc-chengdu` (the group `core-chengdu` has the same name).
public struct PlaceNameIndex: Sendable, Hashable {
    public let names: [PlaceName]
    /// Normalised alias → id.
    public let aliases: [String: String]

    public init(_ names: [PlaceName]) {
        self.names = names
        var aliases: [String: String] = [:]
        for place in names.filter({ !$0.isGroup }) + names.filter(\.isGroup) {
            for alias in Self.aliases(of: place) where aliases[alias] == nil { aliases[alias] = place.id }
        }
        self.aliases = aliases
    }

    /// Lower case, trimmed, inner runs of spaces as one, apostrophes (' ’) and full-width parentheses
    /// folded: `"Nan'an District"` → `"nanan district"`.
    public static func normalise(_ text: String) -> String {
        var s = text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        s = s.replacingOccurrences(of: "（", with: "(").replacingOccurrences(of: "）", with: ")")
        s.removeAll { $0 == "'" || $0 == "’" }
        return s.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }

    static func aliases(of place: PlaceName) -> [String] {
        func withoutNote(_ s: String) -> String {
            guard let open = s.firstIndex(of: "(") else { return s }
            return s[..<open].trimmingCharacters(in: .whitespaces)
        }
        var out = [normalise(place.id)]
        let zh = withoutNote(normalise(place.nameZh))
        out += [normalise(place.nameZh), zh]
        if let last = zh.last, "市区县省".contains(last), zh.count >= 3 { out.append(String(zh.dropLast())) }
        let en = withoutNote(normalise(place.nameEn))
        out += [normalise(place.nameEn), en]
        for suffix in [" district", " county", " city"] where en.hasSuffix(suffix) {
            out.append(String(en.dropLast(suffix.count)))
        }
        return out.filter { !$0.isEmpty }
    }

    /// The id `text` names, or nil.
    public func resolve(_ text: String) -> String? { aliases[Self.normalise(text)] }

    /// The place nearest to `text` by edit distance over every alias, as `"sc-chengdu (成都市, Chengdu)"`;
    /// nil when none is close (`Suggest.closest`).
    public func suggestion(for text: String) -> String? {
        guard let alias = Suggest.closest(to: Self.normalise(text), in: aliases.keys), let id = aliases[alias],
              let place = names.first(where: { $0.id == id }) else { return nil }
        return "\(id) (\(place.nameZh), \(place.nameEn))"
    }

    /// " (did you mean 'sc-chengdu' (成都市, Chengdu)?)" or "".
    public func hint(for text: String) -> String {
        guard let s = suggestion(for: text) else { return "" }
        let id = String(s.prefix { $0 != " " })
        return " (did you mean '\(id)'\(s.dropFirst(id.count))?)"
    }

    public static let standard = PlaceNameIndex(ScenarioCatalog.standardPlaceNames)
}

extension ScenarioCatalog {
    /// Every place's Chinese and English name, copied from `jurisdictions/jurisdictions.csv` and
    /// `groups/groups.csv` (a SimulationEngine test checks that they agree with the data).
    public static let standardPlaceNames: [PlaceName] = [
        PlaceName(id: "cq-yuzhong", nameZh: "渝中区", nameEn: "Yuzhong District", isGroup: false),
        PlaceName(id: "cq-dadukou", nameZh: "大渡口区", nameEn: "Dadukou District", isGroup: false),
        PlaceName(id: "cq-jiangbei", nameZh: "江北区", nameEn: "Jiangbei District", isGroup: false),
        PlaceName(id: "cq-shapingba", nameZh: "沙坪坝区", nameEn: "Shapingba District", isGroup: false),
        PlaceName(id: "cq-jiulongpo", nameZh: "九龙坡区", nameEn: "Jiulongpo District", isGroup: false),
        PlaceName(id: "cq-nanan", nameZh: "南岸区", nameEn: "Nan'an District", isGroup: false),
        PlaceName(id: "cq-beibei", nameZh: "北碚区", nameEn: "Beibei District", isGroup: false),
        PlaceName(id: "cq-yubei", nameZh: "渝北区", nameEn: "Yubei District", isGroup: false),
        PlaceName(id: "cq-banan", nameZh: "巴南区", nameEn: "Banan District", isGroup: false),
        PlaceName(id: "cq-wanzhou", nameZh: "万州区", nameEn: "Wanzhou District", isGroup: false),
        PlaceName(id: "cq-fuling", nameZh: "涪陵区", nameEn: "Fuling District", isGroup: false),
        PlaceName(id: "cq-qijiang", nameZh: "綦江区", nameEn: "Qijiang District", isGroup: false),
        PlaceName(id: "cq-dazu", nameZh: "大足区", nameEn: "Dazu District", isGroup: false),
        PlaceName(id: "cq-qianjiang", nameZh: "黔江区", nameEn: "Qianjiang District", isGroup: false),
        PlaceName(id: "cq-changshou", nameZh: "长寿区", nameEn: "Changshou District", isGroup: false),
        PlaceName(id: "cq-jiangjin", nameZh: "江津区", nameEn: "Jiangjin District", isGroup: false),
        PlaceName(id: "cq-hechuan", nameZh: "合川区", nameEn: "Hechuan District", isGroup: false),
        PlaceName(id: "cq-yongchuan", nameZh: "永川区", nameEn: "Yongchuan District", isGroup: false),
        PlaceName(id: "cq-nanchuan", nameZh: "南川区", nameEn: "Nanchuan District", isGroup: false),
        PlaceName(id: "cq-bishan", nameZh: "璧山区", nameEn: "Bishan District", isGroup: false),
        PlaceName(id: "cq-tongliang", nameZh: "铜梁区", nameEn: "Tongliang District", isGroup: false),
        PlaceName(id: "cq-tongnan", nameZh: "潼南区", nameEn: "Tongnan District", isGroup: false),
        PlaceName(id: "cq-rongchang", nameZh: "荣昌区", nameEn: "Rongchang District", isGroup: false),
        PlaceName(id: "cq-liangping", nameZh: "梁平区", nameEn: "Liangping District", isGroup: false),
        PlaceName(id: "cq-fengdu", nameZh: "丰都县", nameEn: "Fengdu County", isGroup: false),
        PlaceName(id: "cq-dianjiang", nameZh: "垫江县", nameEn: "Dianjiang County", isGroup: false),
        PlaceName(id: "cq-zhongxian", nameZh: "忠县", nameEn: "Zhong County", isGroup: false),
        PlaceName(id: "sc-chengdu", nameZh: "成都市", nameEn: "Chengdu", isGroup: false),
        PlaceName(id: "sc-zigong", nameZh: "自贡市", nameEn: "Zigong", isGroup: false),
        PlaceName(id: "sc-luzhou", nameZh: "泸州市", nameEn: "Luzhou", isGroup: false),
        PlaceName(id: "sc-deyang", nameZh: "德阳市", nameEn: "Deyang", isGroup: false),
        PlaceName(id: "sc-mianyang", nameZh: "绵阳市", nameEn: "Mianyang", isGroup: false),
        PlaceName(id: "sc-suining", nameZh: "遂宁市", nameEn: "Suining", isGroup: false),
        PlaceName(id: "sc-neijiang", nameZh: "内江市", nameEn: "Neijiang", isGroup: false),
        PlaceName(id: "sc-leshan", nameZh: "乐山市", nameEn: "Leshan", isGroup: false),
        PlaceName(id: "sc-nanchong", nameZh: "南充市", nameEn: "Nanchong", isGroup: false),
        PlaceName(id: "sc-meishan", nameZh: "眉山市", nameEn: "Meishan", isGroup: false),
        PlaceName(id: "sc-yibin", nameZh: "宜宾市", nameEn: "Yibin", isGroup: false),
        PlaceName(id: "sc-guangan", nameZh: "广安市", nameEn: "Guang'an", isGroup: false),
        PlaceName(id: "sc-dazhou", nameZh: "达州市", nameEn: "Dazhou", isGroup: false),
        PlaceName(id: "sc-yaan", nameZh: "雅安市", nameEn: "Ya'an", isGroup: false),
        PlaceName(id: "sc-ziyang", nameZh: "资阳市", nameEn: "Ziyang", isGroup: false),
        PlaceName(id: "cq-kaizhou", nameZh: "开州区", nameEn: "Kaizhou District", isGroup: false),
        PlaceName(id: "cq-yunyang", nameZh: "云阳县", nameEn: "Yunyang County", isGroup: false),
        PlaceName(id: "circle", nameZh: "成渝地区双城经济圈", nameEn: "Chengdu–Chongqing Twin-City Economic Circle", isGroup: true),
        PlaceName(id: "province-chongqing", nameZh: "重庆市(圈内)", nameEn: "Chongqing (circle part)", isGroup: true),
        PlaceName(id: "province-sichuan", nameZh: "四川省(圈内)", nameEn: "Sichuan (circle part)", isGroup: true),
        PlaceName(id: "core-chongqing", nameZh: "重庆中心城区", nameEn: "Chongqing central urban area (9 districts)", isGroup: true),
        PlaceName(id: "core-chengdu", nameZh: "成都", nameEn: "Chengdu", isGroup: true),
        PlaceName(id: "metro-chongqing", nameZh: "重庆都市圈", nameEn: "Chongqing metropolitan area", isGroup: true),
        PlaceName(id: "metro-chengdu", nameZh: "成都都市圈", nameEn: "Chengdu metropolitan area", isGroup: true),
        PlaceName(id: "wing-north", nameZh: "北翼(渝东北、川东北)", nameEn: "North wing (NE Chongqing, NE Sichuan)", isGroup: true),
        PlaceName(id: "wing-south", nameZh: "南翼(川南、渝西)", nameEn: "South wing (S Sichuan, W Chongqing)", isGroup: true),
    ]
}
