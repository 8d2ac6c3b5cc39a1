/// How a lever changes its target quantity `q(t)` in the years it is active.
///
/// Composition when several levers act on the same target in the same year (the engine applies
/// `LeverComposition.apply`): `q(t) = (S(t) ?? base(t)) · Π M_k(t) · Π R_k(t) + Σ A_k(t)`, where `S` is the one
/// `set` (two `set`s on one target and year are a validation error), `M` the `multiply` factors, `R` the
/// accumulated `rate` factors and `A` the `add` amounts. So the order of levers in a file never matters.
public enum LeverOperation: String, Sendable, Hashable, CaseIterable {
    /// `q(t) = v(t)`: replace the level; value in the target's unit.
    case set
    /// `q(t) = base(t) + v(t)`: add an amount; value in the target's change unit (`pp` for shares).
    case add
    /// `q(t) = base(t) · v(t)`: scale by a dimensionless factor.
    case multiply
    /// `q(t) = base(t) · Π_{y = from}^{min(t, until)} (1 + v(y))`: extra growth per year, compounding from
    /// `from` (inclusive); after `until` the accumulated factor is held (growth stops, the level stays).
    case rate
}

/// Where a lever's value applies.
public enum LeverScope: String, Sendable, Hashable {
    /// `where:` names jurisdictions and groups; the value applies to each member (see the kind for amounts).
    case places
    /// Model-wide (no `where:`): parameters and circle-wide inputs.
    case global
    /// A network event (`year:` instead of a value).
    case event
}

/// Whether a lever takes `sectors:`.
public enum SectorRule: Sendable, Hashable {
    case forbidden
    case required
    /// Optional; the string says what an omitted list means.
    case optional(String)
}

/// Which export market an `export-growth` lever moves.
public enum ExportMarket: String, Sendable, Hashable, CaseIterable {
    /// Exports abroad `EXw` (the corridors: 西部陆海新通道, 中欧班列, the Yangtze).
    case world
    /// Sales to the rest of China `EXc`.
    case restOfChina = "rest-of-china"
    /// Both.
    case both
}

/// Which households a `consumption-propensity` lever moves.
public enum ConsumerGroup: String, Sendable, Hashable, CaseIterable {
    case urban, rural, both
}

/// How an amount (`add` in money or persons) is shared among the jurisdictions of `where:`.
public enum AmountDistribution: String, Sendable, Hashable, CaseIterable {
    /// Every jurisdiction gets the full amount.
    case each
    /// The amount is the total, split by 2019 GDP shares of the jurisdictions.
    case byGDP = "by-gdp"
    /// The total, split by 2019 resident population shares.
    case byPopulation = "by-population"
    /// The total, split by 2019 output x0[r,i] of the lever's sectors (the sectors' own weight in each place).
    case byOutput = "by-output"
}

/// The kinds of policy lever, one or more per chapter of the plan outline the model can express.
public enum LeverKind: String, Sendable, Hashable, CaseIterable {
    case urbanisationPush = "urbanisation-push"
    case populationCap = "population-cap"
    case railProject = "rail-project"
    case railLink = "rail-link"
    case investmentProgramme = "investment-programme"
    case sectorInvestment = "sector-investment"
    case exportGrowth = "export-growth"
    case industrialTransfer = "industrial-transfer"
    case sectorProductivity = "sector-productivity"
    case rdIntensity = "rd-intensity"
    case consumptionPropensity = "consumption-propensity"
    case consumptionExports = "consumption-exports"
    case emissionIntensity = "emission-intensity"
    case cleanEnergyShare = "clean-energy-share"
    case tradeCost = "trade-cost"
    case settlementBarrier = "settlement-barrier"
    case migrationFriction = "migration-friction"
    case parameter = "parameter"
    case indicatorInput = "indicator-input"

    /// The specification of this kind.
    public var spec: LeverSpec { LeverSpec.of(self) }
}

/// What a lever kind acts on, precisely, and what it accepts.
public struct LeverSpec: Sendable {
    public let kind: LeverKind
    /// Outline chapter and section it encodes.
    public let chapter: String
    /// One line.
    public let summary: String
    /// The target quantity q(t) in model terms (MODEL.md symbols) and how the engine applies it.
    public let target: String
    /// Allowed operations and the dimension of the value for each.
    public let operations: [LeverOperation: UnitDimension]
    public let scope: LeverScope
    public let sectors: SectorRule
    /// Kind-specific keys accepted besides the common ones.
    public let extraKeys: [String]
    /// Amount levers: `distribute:` is required when `where:` has a group or more than one entry.
    public let isAmount: Bool

    /// Keys every value lever accepts.
    static let commonKeys = ["lever", "id", "note", "group", "where", "sectors", "op", "unit", "value", "path", "from", "until"]

    /// All keys this kind accepts.
    public var allowedKeys: [String] {
        switch scope {
        case .event: return ["lever", "id", "note", "group"] + extraKeys
        case .global: return Self.commonKeys.filter { $0 != "where" && $0 != "sectors" } + extraKeys
        case .places:
            let base = sectors == .forbidden ? Self.commonKeys.filter { $0 != "sectors" } : Self.commonKeys
            return base + extraKeys + (isAmount ? ["distribute"] : [])
        }
    }

    static func of(_ kind: LeverKind) -> LeverSpec {
        switch kind {
        case .urbanisationPush:
            return .init(kind: kind, chapter: "ch. 3 §4 (county towns), §2 (metropolitan areas)",
                         summary: "Faster in-situ urbanisation.",
                         target: "boost[r](t): extra annual rise of the urbanisation logit ln(u/(u_max − u)) on top of the fitted k[r] (MODEL.md §5), logit/yr, base 0, for each jurisdiction in where.",
                         operations: [.set: .logitPerYear, .add: .logitPerYear], scope: .places,
                         sectors: .forbidden, extraKeys: [], isAmount: false)
        case .populationCap:
            return .init(kind: kind, chapter: "ch. 3 §4 (瘦身健体: control the size of the central cities)",
                         summary: "A ceiling on resident population.",
                         target: "Cap on Σ P[r] over the jurisdictions of where (persons). The engine holds the total at or below the cap by raising the destination's settlement barrier until inflows fit (MODEL.md §5), and flags the years it binds.",
                         operations: [.set: .persons], scope: .places, sectors: .forbidden, extraKeys: [],
                         isAmount: false)
        case .railProject:
            return .init(kind: kind, chapter: "ch. 4 §1 (共建轨道上的双城经济圈)",
                         summary: "Open a rail project of the base data's list.",
                         target: "Opens the links of project `project` (rail_projects.csv) in the passenger network (and freight if the data say so) from `year` (default: the data's year; required when the data have none); optional `speedKmh` overrides the design speed (MODEL.md §6).",
                         operations: [:], scope: .event, sectors: .forbidden,
                         extraKeys: ["project", "year", "speedKmh"], isAmount: false)
        case .railLink:
            return .init(kind: kind, chapter: "ch. 4 §1",
                         summary: "A new rail link not in the data.",
                         target: "A new rail link named by the lever's `id` (required) between the two network nodes of `between` (jurisdiction seats, cq-central or edge), `km` long, design speed `speedKmh`, open from `year`; `freight: true` also adds it to the freight network (default false: passenger only, like high-speed rail); `minutes` (optional) is the fastest scheduled time from a timetable, which then replaces `km / (f_op·speedKmh)` for passengers; with `minutes` and no `km` the link is a faster service on existing track (a speed-up), counted in no route-km (MODEL.md §6).",
                         operations: [:], scope: .event, sectors: .forbidden,
                         extraKeys: ["between", "km", "speedKmh", "year", "freight", "minutes"], isAmount: false)
        case .investmentProgramme:
            return .init(kind: kind, chapter: "ch. 4 (infrastructure), ch. 10 §2 (urban–rural infrastructure)",
                         summary: "Public investment: extra construction demand.",
                         target: "Extra gross fixed capital formation in 100m yuan/yr at 2019 prices located in where, bought from `sectors` (default [\"27\"] construction) in proportion to the national investment basket b_I restricted to those sectors; added to I[s,i] and to the capital stock K of the jurisdiction (MODEL.md §4, §7).",
                         operations: [.add: .moneyFlow], scope: .places,
                         sectors: .optional("[\"27\"] (construction)"), extraKeys: [], isAmount: true)
        case .sectorInvestment:
            return .init(kind: kind, chapter: "ch. 5 §1 (汽车, 电子信息 clusters)",
                         summary: "Investment by firms of given sectors.",
                         target: "Extra gross fixed capital formation by firms of `sectors` located in where, 100m yuan/yr at 2019 prices (add), or a factor / extra growth on the jurisdiction's investment rate ι[s] (multiply, rate). The spending goes to the national investment basket b_I (construction and equipment); the capital is added to K of the jurisdiction and attributed to `sectors` in reports (MODEL.md §4, §7).",
                         operations: [.add: .moneyFlow, .multiply: .dimensionless, .rate: .perYear],
                         scope: .places, sectors: .required, extraKeys: [], isAmount: true)
        case .exportGrowth:
            return .init(kind: kind, chapter: "ch. 5 §1 (clusters), ch. 9 §1 (opening corridors)",
                         summary: "Exports of given sectors grow faster.",
                         target: "The export demand of sectors in where on `market` (world: EXw; rest-of-china: EXc; both), as a factor on the baseline demand D(t) in the competitiveness equation EX[r,i](t) = EX0·D(t)·(A_tfp[r]/A_RoC)^σ (multiply) or extra growth a year (rate) (MODEL.md §7).",
                         operations: [.multiply: .dimensionless, .rate: .perYear], scope: .places,
                         sectors: .required, extraKeys: ["market"], isAmount: false)
        case .industrialTransfer:
            return .init(kind: kind, chapter: "ch. 5 §1 (大力承接产业转移)",
                         summary: "Production moved from the rest of China into the circle.",
                         target: "Output of `sectors` relocated from the rest of China to where, 100m yuan/yr at 2019 prices, selling to its old markets: added to EXc[r,i] (split among sectors by their 2019 national output shares) (MODEL.md §4).",
                         operations: [.add: .moneyFlow], scope: .places, sectors: .required, extraKeys: [],
                         isAmount: true)
        case .sectorProductivity:
            return .init(kind: kind, chapter: "ch. 5 §1–2 (manufacturing upgrading, digital economy)",
                         summary: "Labour productivity of given sectors.",
                         target: "A labour-productivity index of (r, i), base 1: the labour requirement l[r,i] is divided by it after the closure (MODEL.md §7). rate: extra growth a year; multiply: a level factor.",
                         operations: [.multiply: .dimensionless, .rate: .perYear], scope: .places,
                         sectors: .required, extraKeys: [], isAmount: false)
        case .rdIntensity:
            return .init(kind: kind, chapter: "ch. 6 (科技创新中心; goal: R&D 2.5 % of GDP in 2025)",
                         summary: "The R&D share path.",
                         target: "R&D expenditure over GDP, RD[r]/Y[r], of each jurisdiction in where (fraction). Extra R&D over the baseline is GFCF demand for sector 35 (not physical capital) and builds the knowledge stock R, which raises gA with a one-year lag, θ_R·(Δln R − Δln R_ref) plus spillovers (MODEL.md §7; MODEL-v3 §4.3).",
                         operations: [.set: .share, .add: .shareChange, .multiply: .dimensionless],
                         scope: .places, sectors: .forbidden, extraKeys: [], isAmount: false)
        case .consumptionPropensity:
            return .init(kind: kind, chapter: "ch. 7 (国际消费目的地)",
                         summary: "Household consumption per head relative to income.",
                         target: "Consumption per head c_k[s] of `population` (urban, rural or both; default both) in where, as a factor on the income-driven path c_k(t+1) = c_k(t)·(yd_k(t)/yd_k(t−1))^ε_c (multiply) or extra growth a year (rate) (MODEL.md §7).",
                         operations: [.multiply: .dimensionless, .rate: .perYear], scope: .places,
                         sectors: .forbidden, extraKeys: ["population"], isAmount: false)
        case .consumptionExports:
            return .init(kind: kind, chapter: "ch. 7 §1 (巴蜀文化旅游走廊), §2",
                         summary: "Spending by visitors from outside the circle (tourism, consumption exports).",
                         target: "Extra final demand by non-residents spent in where, 100m yuan/yr at 2019 prices, on `sectors` in proportion to the national urban household basket b_C_urban restricted to those sectors; it counts as exports (EXc) of the jurisdiction (MODEL.md §4).",
                         operations: [.add: .moneyFlow], scope: .places,
                         sectors: .optional("[\"28\", \"29\", \"30\", \"41\"] (trade, transport, accommodation and catering, culture)"),
                         extraKeys: [], isAmount: true)
        case .emissionIntensity:
            return .init(kind: kind, chapter: "ch. 8 §2–3 (pollution control, green transition)",
                         summary: "Emission intensity of given sectors.",
                         target: "The emission coefficient e_i per unit output of `sectors` (default all) in where, as a factor (multiply) or a change a year (rate; negative = decline) on its 2019 level (MODEL.md §8).",
                         operations: [.multiply: .dimensionless, .rate: .perYear], scope: .places,
                         sectors: .optional("all sectors"), extraKeys: [], isAmount: false)
        case .cleanEnergyShare:
            return .init(kind: kind, chapter: "ch. 8 §2 (提高清洁能源消费比例), ch. 4 §2",
                         summary: "Clean (non-fossil) share of energy use.",
                         target: "Clean share s(t) of energy use in each jurisdiction of where (fraction; baseline emissions.cleanEnergyShare2019 held). All emission coefficients there scale by (1 − s(t))/(1 − s_clean(2019)) (MODEL.md §8).",
                         operations: [.set: .share, .add: .shareChange], scope: .places, sectors: .forbidden,
                         extraKeys: [], isAmount: false)
        case .tradeCost:
            return .init(kind: kind, chapter: "ch. 9 §1, §4 (corridors, unified market), ch. 4 §1 (logistics)",
                         summary: "Trade costs (distance decay) for given sectors.",
                         target: "A factor on the effective trade time (T + T0) between jurisdictions of the circle, for every pair with at least one end in where, for `sectors` (default all): gravity weights become (f·(T + T0))^(−η_i); the outside pull (the rest of China through the gateways) is unchanged, so the lever moves purchases between the circle's places and the rest of China (modelling choice: scaling both, as before, made `where: [circle]` a no-op). multiply: the factor (below 1 = cheaper); rate: change a year (MODEL.md §3).",
                         operations: [.multiply: .dimensionless, .rate: .perYear], scope: .places,
                         sectors: .optional("all sectors"), extraKeys: [], isAmount: false)
        case .settlementBarrier:
            return .init(kind: kind, chapter: "ch. 10 §1 (取消落户限制, 户籍准入年限同城化累计互认)",
                         summary: "Settlement (hukou) barrier of destinations.",
                         target: "barrier[s] of each destination in where, as a wage-equivalent fraction (base: parameter migration.hukouBarrier). The migration utility loses a_w·ln(1/(1 − barrier)) (MODEL.md §5); the cut τ = 1 − barrier/base also speeds conversion to an urban hukou, a·τ·(P − H) a year (migration.hukouConversionResponse; docs/MODEL.md §14, hukou stock).",
                         operations: [.set: .share, .add: .shareChange, .multiply: .dimensionless],
                         scope: .places, sectors: .forbidden, extraKeys: [], isAmount: false)
        case .migrationFriction:
            return .init(kind: kind, chapter: "ch. 11 §1 (社会保险关系无障碍转移接续), ch. 10 §1",
                         summary: "Lower migration friction inside a set of places.",
                         target: "A factor on the distance term g·ln(T[r,s] + T0) of the migration utility for moves whose origin and destination are both in where (MODEL.md §5). multiply: the factor (below 1 = more portable); rate: change a year.",
                         operations: [.multiply: .dimensionless, .rate: .perYear], scope: .places,
                         sectors: .forbidden, extraKeys: [], isAmount: false)
        case .parameter:
            return .init(kind: kind, chapter: "any (e.g. ch. 6: the TFP response θ)",
                         summary: "A model parameter changed over time.",
                         target: "The parameter `parameter` of the catalog, model-wide, from `from` (value in the parameter's unit; multiply dimensionless). Constant overrides belong in `parameters:` instead.",
                         operations: [.set: .dimensionless, .add: .dimensionless, .multiply: .dimensionless],
                         scope: .global, sectors: .forbidden, extraKeys: ["parameter"], isAmount: false)
        case .indicatorInput:
            return .init(kind: kind, chapter: "ch. 8 §1–2 (water, ecological flow), ch. 5 §2 (5G)",
                         summary: "A path for an indicator the model takes as input.",
                         target: "The value of input indicator `indicator` for the circle (fraction), e.g. water.sectionCompliance; reported with kind `input` (MODEL.md §8).",
                         operations: [.set: .share], scope: .global, sectors: .forbidden,
                         extraKeys: ["indicator"], isAmount: false)
        }
    }
}

/// A year and a value in the target's canonical unit.
public struct YearValue: Sendable, Hashable {
    public let year: Int
    public let value: Double
    public init(year: Int, value: Double) {
        self.year = year
        self.value = value
    }
}

/// When a value lever acts: from `from` to `until` (inclusive), with the value interpolated linearly between
/// the points of the path, held at the first point before it and at the last point after it.
public struct LeverSchedule: Sendable, Hashable {
    public let from: Int
    public let until: Int
    /// At least one point, years strictly increasing. A constant `value:` is one point at `from`.
    public let points: [YearValue]

    public init(from: Int, until: Int, points: [YearValue]) {
        self.from = from
        self.until = until
        self.points = points
    }

    /// Whether `year` lies in `from...until`.
    public func contains(_ year: Int) -> Bool { year >= from && year <= until }

    /// The linearly interpolated value of the path at `year`, ignoring `from`/`until`.
    public func interpolated(at year: Int) -> Double {
        guard let first = points.first, let last = points.last else { return 0 }
        if year <= first.year { return first.value }
        if year >= last.year { return last.value }
        var i = 0
        while points[i + 1].year < year { i += 1 }
        let a = points[i], b = points[i + 1]
        if b.year == year { return b.value }
        let w = Double(year - a.year) / Double(b.year - a.year)
        return a.value + w * (b.value - a.value)
    }

    /// The value in `year`, or nil outside `from...until`.
    public func value(at year: Int) -> Double? { contains(year) ? interpolated(at: year) : nil }

    /// `Π_{y = from}^{min(year, until)} (1 + v(y))`: the accumulated factor of a `rate` lever; 1 before `from`.
    public func accumulatedRateFactor(at year: Int) -> Double {
        guard year >= from else { return 1 }
        var f = 1.0
        for y in from...min(year, until) { f *= 1 + interpolated(at: y) }
        return f
    }
}

/// A rail project opening (`rail-project`).
public struct RailProjectOpening: Sendable, Hashable {
    public let projectID: String
    public let openingYear: Int
    /// Overrides the data's design speed when present.
    public let designSpeedKmh: Double?
}

/// A new rail link (`rail-link`).
public struct RailLink: Sendable, Hashable {
    public let linkID: String
    public let endpointA: String
    public let endpointB: String
    /// Track length; nil for a faster service on existing track (`minutes:` without `km:`), which adds no route-km.
    public let lengthKm: Double?
    public let designSpeedKmh: Double
    public let openingYear: Int
    public let carriesFreight: Bool
    /// The fastest scheduled time end to end, minutes (`minutes:`), when a timetable gives it: the link's
    /// passenger time is then this, not `km / (f_op·v)` (e.g. a speed-up with non-stop services).
    public let scheduledMinutes: Double?
}

/// One resolved policy lever, values in canonical units. Immutable.
public struct Lever: Sendable, Hashable {
    /// Optional label; a child file's lever with the id of an inherited one replaces it.
    public let id: String?
    public let kind: LeverKind
    /// `where:` as written (jurisdiction and group ids); empty for global and event levers.
    public let places: [String]
    /// `sectors:` as two-digit codes; empty means the kind's default (see `LeverSpec.sectors`).
    public let sectors: [String]
    /// nil for events.
    public let operation: LeverOperation?
    /// Canonical unit of the values (for `multiply` `1`).
    public let unit: String?
    /// nil for events.
    public let schedule: LeverSchedule?
    public let market: ExportMarket?
    public let population: ConsumerGroup?
    public let distribution: AmountDistribution?
    public let parameterID: String?
    public let indicatorID: String?
    public let railProject: RailProjectOpening?
    public let railLink: RailLink?
    public let note: String?
    /// Optional attribution group (`group:`): `chengyu explain --by group` puts levers with the same group
    /// together (else the file the lever is written in). Like `note`, not part of the hash nor of equality.
    public let group: String?
    /// Where the lever was written (file of the scenario or of the parent that holds it). Not part of the
    /// hash nor of equality.
    public let location: SourceLocation

    public var spec: LeverSpec { kind.spec }

    /// Whether the lever acts in `year` (`from...until`; for events, the opening year and after).
    public func isActive(in year: Int) -> Bool {
        if let s = schedule { return s.contains(year) }
        if let y = eventYear { return year >= y }
        return false
    }

    /// The lever's value in `year` (canonical unit), nil when inactive or an event. For `rate` this is the
    /// year's rate; use `rateFactor(at:)` for the accumulated factor.
    public func value(at year: Int) -> Double? { schedule?.value(at: year) }

    /// For a `rate` lever, the accumulated factor in `year` (held after `until`); 1 for other operations.
    public func rateFactor(at year: Int) -> Double {
        guard operation == .rate, let s = schedule else { return 1 }
        return s.accumulatedRateFactor(at: year)
    }

    /// Opening year of a rail event.
    public var eventYear: Int? { railProject?.openingYear ?? railLink?.openingYear }

    public static func == (a: Lever, b: Lever) -> Bool { a.canonicalText == b.canonicalText }
    public func hash(into hasher: inout Hasher) { hasher.combine(canonicalText) }
}

/// Applies the levers acting on one target in one year: `(S ?? base) · Π M · Π R + Σ A` (see `LeverOperation`).
public enum LeverComposition {
    /// `base` changed by `levers` (all of which the caller has matched to the same target) in `year`.
    public static func apply(base: Double, levers: [Lever], year: Int) -> Double {
        var level = base
        var factor = 1.0
        var added = 0.0
        for lever in levers {
            switch lever.operation {
            case .set?: if let v = lever.value(at: year) { level = v }
            case .multiply?: if let v = lever.value(at: year) { factor *= v }
            case .rate?: factor *= lever.rateFactor(at: year)
            case .add?: if let v = lever.value(at: year) { added += v }
            case nil: break
            }
        }
        return level * factor + added
    }
}
