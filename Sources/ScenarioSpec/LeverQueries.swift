/// Queries the engine uses to find the levers acting on one cell (jurisdiction, sector) of one target.
extension Lever {
    /// Whether `where` covers `jurisdiction`. Global levers cover everything; `circle` covers every
    /// jurisdiction; a group covers its members per `groupMembers` (BaseData's membership); a group missing
    /// from `groupMembers` covers nothing.
    public func applies(to jurisdiction: String, groupMembers: [String: Set<String>]) -> Bool {
        if places.isEmpty { return spec.scope == .global }
        for place in places {
            if place == jurisdiction || place == "circle" { return true }
            if groupMembers[place]?.contains(jurisdiction) == true { return true }
        }
        return false
    }

    /// Whether the lever covers sector `code`: listed sectors, or every sector when none are listed (for
    /// kinds whose default is "all sectors"; the other kinds always carry their sectors explicitly).
    public func applies(toSector code: String) -> Bool { sectors.isEmpty || sectors.contains(code) }
}

extension Scenario {
    /// The levers of `kind` covering `jurisdiction` (and `sector`, when given), in resolution order.
    public func levers(of kind: LeverKind, jurisdiction: String, sector: String? = nil,
                       groupMembers: [String: Set<String>]) -> [Lever] {
        levers.filter { lever in
            lever.kind == kind && lever.applies(to: jurisdiction, groupMembers: groupMembers)
                && (sector.map { lever.applies(toSector: $0) } ?? true)
        }
    }

    /// `base` changed by the scenario's levers of `kind` that cover the cell in `year` (`LeverComposition`).
    /// For per-jurisdiction targets only: amounts with `distribute` other than `each` and `population-cap`
    /// (a cap on a sum) need the engine's own split.
    public func value(of kind: LeverKind, base: Double, jurisdiction: String, sector: String? = nil, year: Int,
                      groupMembers: [String: Set<String>]) -> Double {
        LeverComposition.apply(base: base, levers: levers(of: kind, jurisdiction: jurisdiction, sector: sector,
                                                          groupMembers: groupMembers), year: year)
    }
}
