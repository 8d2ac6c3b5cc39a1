import ScenarioSpec

/// A run's levers with their places and sectors expanded once, so that the annual loop's per-region and
/// per-sector look-ups are set membership tests instead of re-expanding groups every region, sector and year.
struct LeverIndex: Sendable {
    let levers: [Lever]
    private let regions: [Set<Int>]
    private let sectors: [Set<Int>]

    init(_ levers: [Lever], structure cs: CircleStructure) {
        self.levers = levers
        regions = levers.map { Set(cs.expand($0.places)) }
        sectors = levers.map { Set(cs.sectorIndices($0.sectors)) }
    }

    /// The levers of `kind` acting on jurisdiction `region` (and on `sector`, when given), in scenario order.
    func at(_ kind: LeverKind, region: Int, sector: Int? = nil) -> [Lever] {
        levers.indices.compactMap { k in
            guard levers[k].kind == kind, regions[k].contains(region) else { return nil }
            if let sector, !sectors[k].contains(sector) { return nil }
            return levers[k]
        }
    }

    /// Whether lever `lever` (one of `levers`) acts on `sector`.
    func acts(_ lever: Lever, onSector sector: Int) -> Bool {
        guard let k = levers.firstIndex(of: lever) else { return false }
        return sectors[k].contains(sector)
    }
}
