/// Chongqing municipality or Sichuan province.
public enum Province: String, Sendable, Hashable, Codable, CaseIterable {
    case chongqing, sichuan
}

/// One of the 42 core jurisdictions of the circle, or one of the 2 optional partial ones (开州, 云阳).
///
/// Figures refer to 2019 unless their name says otherwise; each carries its ``Provenance``. The typed
/// accessors (``areaKm2``, ``population2019Persons`` …) read ``requiredFigureIDs``, which the loader guarantees
/// for every jurisdiction it returns (a value built by hand must supply them too).
public struct Jurisdiction: Sendable, Hashable, Codable, Identifiable {
    /// Shared id, e.g. `cq-yuzhong`, `sc-chengdu`.
    public var id: String
    public var nameZh: String
    public var nameEn: String
    public var province: Province
    /// `district`, `county` or `city`.
    public var kind: String
    /// True for 绵阳, 达州, 雅安 (some counties outside the circle) and for 开州, 云阳.
    public var isPartialCoverage: Bool
    /// True for the optional partial units 开州 and 云阳 (off by default).
    public var isOptional: Bool
    /// One of the 9 central districts of Chongqing.
    public var isCentralDistrict: Bool
    /// Seat latitude, degrees (GCJ-02 as given by the source).
    public var latitudeDegrees: Double
    /// Seat longitude, degrees (GCJ-02).
    public var longitudeDegrees: Double
    /// Sources of the identity and coordinates.
    public var sourceIDs: [String]
    /// Every figure by its id in `figures_2019.csv` (e.g. `gdp_2019_100m_yuan`).
    public var figures: [String: Figure]

    /// Figure ids every jurisdiction must have.
    public static let requiredFigureIDs = [
        "area_km2", "population_2019_persons", "population_2019_first_published_persons", "gdp_2019_100m_yuan",
        "va_primary_2019_100m_yuan", "va_secondary_2019_100m_yuan", "va_tertiary_2019_100m_yuan", "urban_share_2019_fraction",
    ]

    private func required(_ id: String) -> Figure { figures[id]! }

    /// Land area, km².
    public var areaKm2: Figure { required("area_km2") }
    /// Census-consistent 2019 resident population (the model's base), persons.
    public var population2019Persons: Figure { required("population_2019_persons") }
    /// First-published 2019 resident population (the plan's 96 million basis), persons.
    public var population2019FirstPublishedPersons: Figure { required("population_2019_first_published_persons") }
    /// 2020 census count, persons, where known.
    public var populationCensus2020Persons: Figure? { figures["population_census2020_persons"] }
    /// 2019 GDP, 100 million yuan (亿元), first-published (bulletin) vintage.
    public var gdp2019HundredMillionYuan: Figure { required("gdp_2019_100m_yuan") }
    /// 2019 value added of the primary sector, 100 million yuan.
    public var valueAddedPrimary2019HundredMillionYuan: Figure { required("va_primary_2019_100m_yuan") }
    /// 2019 value added of the secondary sector, 100 million yuan.
    public var valueAddedSecondary2019HundredMillionYuan: Figure { required("va_secondary_2019_100m_yuan") }
    /// 2019 value added of the tertiary sector, 100 million yuan.
    public var valueAddedTertiary2019HundredMillionYuan: Figure { required("va_tertiary_2019_100m_yuan") }
    /// 2019 urban share of residents, fraction.
    public var urbanShare2019Fraction: Figure { required("urban_share_2019_fraction") }
    /// Share of the unit counted in the circle: 1 unless stated (an assumption for 开州, 云阳).
    public var coverageShareFraction: Double { figures["coverage_share_fraction"]?.value ?? 1 }

    /// Value added by broad sector, 100 million yuan.
    public func valueAdded2019HundredMillionYuan(_ broad: BroadSector) -> Figure {
        switch broad {
        case .primary: return valueAddedPrimary2019HundredMillionYuan
        case .secondary: return valueAddedSecondary2019HundredMillionYuan
        case .tertiary: return valueAddedTertiary2019HundredMillionYuan
        }
    }
}

/// A figure of a jurisdiction that is an estimate or assumption, for reports.
public struct EstimatedFigure: Sendable, Hashable, Codable {
    public var jurisdictionID: String
    public var figureID: String
    public var figure: Figure
}
