/// A named set of jurisdictions (outline chapter 3): the circle, the provinces, the two cores, the two
/// metropolitan areas and the two wings.
public struct JurisdictionGroup: Sendable, Hashable, Codable, Identifiable {
    /// `circle`, `province-chongqing`, `province-sichuan`, `core-chongqing`, `core-chengdu`, `metro-chongqing`,
    /// `metro-chengdu`, `wing-north`, `wing-south`.
    public var id: String
    public var nameZh: String
    public var nameEn: String
    /// Members, including the optional partial units where the outline names them; filter with
    /// ``BaseDataset/members(ofGroup:)``.
    public var memberIDs: [String]
    /// The outline passage the membership rests on.
    public var basis: String
    public var sourceIDs: [String]
}
