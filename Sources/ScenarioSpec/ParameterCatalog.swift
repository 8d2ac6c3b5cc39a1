/// A model parameter's value: a number in the parameter's canonical unit, or one of a fixed set of choices.
public enum ParameterValue: Sendable, Hashable, CustomStringConvertible {
    case number(Double)
    case choice(String)

    public var number: Double? { if case .number(let x) = self { return x } else { return nil } }
    public var choice: String? { if case .choice(let s) = self { return s } else { return nil } }
    public var description: String {
        switch self {
        case .number(let x): return CanonicalText.number(x)
        case .choice(let s): return s
        }
    }
}

/// One model parameter: id (dotted), symbol as in MODEL.md, unit, default, hard bounds (validation), sweep
/// range (ParameterSweeps), meaning and basis. Every parameter can be overridden by a scenario's
/// `parameters:` block (and over time by a `parameter` lever).
public struct ParameterDefinition: Sendable, Hashable {
    public let id: String
    /// Symbol in MODEL.md (`δ`, `a_w`, …).
    public let symbol: String
    /// Dimension and canonical unit of numeric values (ignored for choices).
    public let dimension: UnitDimension
    public let defaultValue: ParameterValue
    /// Hard bounds, inclusive: a value outside is an error.
    public let allowedRange: ClosedRange<Double>?
    /// The range a sweep explores (MODEL.md table), inclusive.
    public let sweepRange: ClosedRange<Double>?
    /// Allowed values of a choice parameter.
    public let choices: [String]
    /// What the parameter means and where the engine uses it (MODEL.md section).
    public let description: String
    /// Source or the word "assumption".
    public let basis: String

    public var unit: String { dimension.canonical }
    public var isChoice: Bool { !choices.isEmpty }

    /// The error for a value outside `allowedRange` ("99 is outside the allowed range 0–10 of …"; the unit after
    /// the value unless the parameter is dimensionless), nil inside it.
    func outOfRange(_ x: Double) -> String? {
        guard let r = allowedRange, !r.contains(x) else { return nil }
        let unitText = unit == "1" ? "" : " \(unit)"
        return "\(CanonicalText.number(x))\(unitText) is outside the allowed range "
            + "\(CanonicalText.number(r.lowerBound))–\(CanonicalText.number(r.upperBound))\(unitText) of \(id)"
    }

    /// The numeric default (nil for a choice parameter).
    public var defaultNumber: Double? { defaultValue.number }

    init(_ id: String, _ symbol: String, _ dimension: UnitDimension, _ value: Double,
         allowed: ClosedRange<Double>, sweep: ClosedRange<Double>?, _ description: String, basis: String) {
        self.id = id
        self.symbol = symbol
        self.dimension = dimension
        self.defaultValue = .number(value)
        self.allowedRange = allowed
        self.sweepRange = sweep
        self.choices = []
        self.description = description
        self.basis = basis
    }

    init(_ id: String, _ symbol: String, choices: [String], default value: String, _ description: String,
         basis: String) {
        self.id = id
        self.symbol = symbol
        self.dimension = .dimensionless
        self.defaultValue = .choice(value)
        self.allowedRange = nil
        self.sweepRange = nil
        self.choices = choices
        self.description = description
        self.basis = basis
    }
}

/// The registry of model parameters. The engine reads defaults from here; scenarios override them.
public struct ParameterCatalog: Sendable {
    /// Definitions in documentation order.
    public let definitions: [ParameterDefinition]
    private let byID: [String: ParameterDefinition]

    public init(definitions: [ParameterDefinition]) {
        self.definitions = definitions
        self.byID = Dictionary(definitions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    public subscript(id: String) -> ParameterDefinition? { byID[id] }
    public var ids: [String] { definitions.map(\.id) }

    /// The default value of `id`.
    public func defaultValue(_ id: String) throws(ScenarioError) -> ParameterValue {
        guard let d = byID[id] else { throw .unknownParameter(id) }
        return d.defaultValue
    }

    /// The standard registry (MODEL.md, "Parameters: defaults and sweep ranges", and the sections named).
    public static let standard = ParameterCatalog(definitions: standardDefinitions)

    static let standardDefinitions: [ParameterDefinition] = [
        // §3 regionalisation and trade pool
        .init("flq.delta", "δ", .dimensionless, 0.3, allowed: 0...1, sweep: 0.15...0.35,
              "FLQ size exponent: λ[r] = (log2(1 + X0[r]/X_nat))^δ (§3).",
              basis: "Flegg & Webber 1997; Flegg & Tohmo 2013"),
        .init("flq.method", "—", choices: ["flq", "slq", "cilq"], default: "flq",
              "Location quotient used to regionalise domestic coefficients: FLQ (CILQ·λ, diagonal SLQ·λ), plain SLQ, or CILQ (§3).",
              basis: "Flegg & Webber 1997; Miller & Blair 2009 §8"),
        .init("trade.circleInflowShare", "—", .share, 0.5, allowed: 0...1, sweep: 0.3...0.6,
              "Target share of the circle's domestic intermediates bought from the rest of China; ω_i is fitted to it in 2019 (§3 outside pull). Default ≈ nested FLQ.",
              basis: "provincial IO 2017; CEADs MRIO; nested FLQ ≈ 0.5"),
        .init("trade.eta.goods", "η_goods", .dimensionless, 1.0, allowed: 0...5, sweep: 0.7...1.5,
              "Distance decay of the trade pool for goods sectors 01–26: weights (T + T0)^(−η) over freight times (§3).",
              basis: "Head & Mayer 2014 (distance elasticity ≈ 1)"),
        .init("trade.eta.services", "η_services", .dimensionless, 1.5, allowed: 0...5, sweep: 1.0...2.0,
              "Distance decay of the trade pool for tradable services, over passenger times (§3).",
              basis: "assumption"),
        .init("trade.eta.nontradable", "η_nontradable", .dimensionless, 3.0, allowed: 0...8, sweep: 2...4,
              "Steep decay for the spill-over purchases of nontradable sectors among circle jurisdictions (§4).",
              basis: "assumption"),
        .init("trade.t0", "T0", .hours, 0.25, allowed: 0.01...2, sweep: 0.1...0.5,
              "Time offset in (T + T0) so that the decay is finite at zero distance; also in migration (§3, §5).",
              basis: "assumption"),
        .init("trade.importScale", "φ_imp", .dimensionless, 1.0, allowed: 0...2, sweep: 0.7...1.3,
              "Scale of foreign-import leakage: a_RoW[s][j] = φ_imp · Σ_i A_imp[i,j] (§3).",
              basis: "assumption"),
        .init("trade.supplyCapEpsilon", "ε", .share, 0.05, allowed: 0...0.5, sweep: 0...0.1,
              "Supply-cap margin: sales of a tradable cell may not exceed (1 − ε)·x0 − EXw − inv (§4).",
              basis: "assumption"),
        .init("trade.massSmoothing", "φ_m", .share, 0.3, allowed: 0.01...1, sweep: 0.1...1,
              "Smoothing of trade masses: M(t) = (1 − φ_m)·M(t−1) + φ_m·x(t−1) (§3).",
              basis: "damping assumption"),
        // §5 population and migration
        .init("migration.utilitySmoothing", "φ_V", .share, 0.5, allowed: 0.01...1, sweep: 0.3...1,
              "Smoothing of migration utilities: V_used = (1 − φ_V)·V_used(t−1) + φ_V·V(t) (§5).",
              basis: "damping assumption"),
        .init("migration.wageElasticity", "a_w", .dimensionless, 1.5, allowed: 0...10, sweep: 1.0...3.0,
              "Coefficient of ln wage in the migration utility V[r,s] (§5).",
              basis: "Tombe & Zhu 2019 (AER)"),
        .init("migration.employmentElasticityRatio", "a_j/a_w", .dimensionless, 1.0, allowed: 0...2,
              sweep: 0.5...1.0,
              "a_j as a multiple of a_w: coefficient of ln employment rate; 1 gives Harris–Todaro expected income (§5).",
              basis: "Harris & Todaro 1970"),
        .init("migration.distanceElasticity", "g", .dimensionless, 1.0, allowed: 0...5, sweep: 0.5...1.5,
              "Coefficient of ln(T[r,s] + T0) in the migration utility (§5).",
              basis: "Poncet 2006 (RSUE)"),
        .init("migration.grossOutRate", "o_r", .perYear, 0.02, allowed: 0.001...0.2, sweep: 0.01...0.04,
              "Gross out-migration rate used to calibrate stay utilities: stay[r] = IV[r](2019) + ln((1 − o_r)/o_r) (§5).",
              basis: "assumption; census 'residence 5 years ago'"),
        .init("migration.hukouBarrier", "b·barrier", .share, 0.15, allowed: 0...1, sweep: 0.05...0.30,
              "Settlement (hukou) barrier in the migration utility, as a wage equivalent: the barrier costs as much utility as a wage lower by this fraction, i.e. the term −a_w·ln(1/(1 − barrier)) (§5).",
              basis: "assumption; Tombe & Zhu 2019"),
        .init("migration.hukouConversionResponse", "a_h", .perYear, 0.00475, allowed: 0...0.1, sweep: nil,
              "Extra yearly conversion to an urban hukou where the settlement lever cuts the barrier: a·τ·(P − H) residents without an urban hukou, τ = 1 − b(t)/b the cut against migration.hukouBarrier, capped by the urban residents without one (docs/MODEL.md §14, hukou stock; not sampled).",
              basis: "An & Yan 2024 (经济科学 2024(1), CFPS 2012–18): after the 2014 reform the urban-hukou share of treated cities' rural labour rose 1.9 % against control cities; spread over 2014–18 (M)"),
        .init("migration.nationalPaceElasticity", "ε_m", .dimensionless, 1, allowed: 0...3, sweep: 0.5...1.5,
              "Gross migration flows (departures, arrivals, the exchange with the rest of China) × m(t)^ε_m, m(t) China's urbanisation pace in logits relative to its 2015–19 mean, from the realised national path (1 under projection-2019 and before 2020): the national rural–urban transfer that drives the circle's migration (docs/MODEL.md §14).",
              basis: "modelling choice (M)"),
        .init("migration.trendWeight", "w_γ", .dimensionless, 1, allowed: -3...3, sweep: 0...1.5,
              "Weight on the late-2010s migration trend: the destination utility of a province's circle zones gains w_γ·γ_p·(d(t) − d̄), d(t) = t − 2015 up to the vintage, γ_p fitted so that one unit of d moves the circle part's net migration by the province's change in census-survival net migration rate between 2010→15 and 2015→20 (2015 1 % survey / first release, censuses); 0 = no trend (MODEL-v3 §3.4).",
              basis: "fitted γ_p (population/README.md); weight modelling choice (M)"),
        .init("migration.trendDecay", "τ_d", .years, 8, allowed: 0...50, sweep: 4...16,
              "Decay time of the increments of the migration trend variable after the vintage: d(t) = d(t−1) + exp(−(t − V)/τ_d) (MODEL-v3 §3.4, τ_κ's role).",
              basis: "modelling choice (M); range of τ_κ (MODEL-v3 §8)"),
        .init("migration.postCensusCorrection", "w_c", .dimensionless, 0, allowed: 0...1, sweep: nil,
              "Weight of the population's intercept correction at a vintage after the census: each place's observed log growth a year 2020 → V less the model's own over those years, times w_c, is added from V on as net migration with the rest of China, decaying with τ_d (the 27 Chongqing jurisdictions share the municipality's growth plus the census-decade gap; nothing at V ≤ 2020); 0 = off, the default: mixed on the rolling origins V = 2022, 2023 (docs/MODEL.md §14; not sampled).",
              basis: "Clements & Hendry 1998 (intercept correction); weight modelling choice (M)"),
        // §5 urbanisation
        .init("urbanisation.uMax", "u_max", .share, 0.85, allowed: 0.5...1, sweep: 0.80...0.95,
              "Ceiling of the urbanisation rate in the logit-linear in-situ conversion, outside the cores (§5).",
              basis: "assumption"),
        .init("urbanisation.uMaxCore", "u_max(core)", .share, 0.97, allowed: 0.5...1, sweep: 0.95...0.99,
              "Ceiling of the urbanisation rate in the core jurisdictions (core-chongqing, core-chengdu) (§5).",
              basis: "assumption"),
        .init("urbanisation.migrantUrbanShare", "μ_u", .share, 0, allowed: 0...1, sweep: nil,
              "Urban share of arrivals' residence: a place's urban population gains max(μ_u, u)·arrivals, so migration moves its urban share as well as its population; 0 = arrivals at the place's own share (MODEL-v3 §3.5; the in-situ trend nets out one year of the census decade's flows; docs/MODEL.md §14 on why 0.85 is not the default; not sampled).",
              basis: "modelling choice (M): the 2020 census long-form table is not in the data"),
        .init("urbanisation.leaverUrbanOdds", "ζ", .dimensionless, 1, allowed: 0.1...10, sweep: nil,
              "Odds ratio of a leaver's urban residence against a stayer's: departures take s = ζ·u/(ζ·u + 1 − u) of their number from the urban population; 1 = as urban as those who stay, below 1 more from the countryside (MODEL-v3 §3.5; not sampled).",
              basis: "modelling choice (M); MODEL-v3 §8's prior 0.5–1"),
        .init("urbanisation.nationalPaceElasticity", "ε_u", .dimensionless, 1, allowed: 0...3, sweep: 0.5...1.5,
              "In-situ conversion k[r]·m(t)^ε_u: each place's 2015–19 logit trend moves with China's urbanisation pace m(t) (logits, relative to 2015–19; realised national path only, else 1) (docs/MODEL.md §14).",
              basis: "modelling choice (M); NBS national urbanisation 2015–2025"),
        // §7 growth
        .init("growth.national.rate2020", "g_nat(2020)", .perYear, 0.058, allowed: -0.1...0.2,
              sweep: 0.048...0.068,
              "National real GDP growth in 2020 as projected in 2019 (§7).",
              basis: "IMF WEO Oct 2019 (5.8 %)"),
        .init("growth.national.rate2021to2025", "g_nat(2021–25)", .perYear, 0.059, allowed: -0.1...0.2,
              sweep: 0.049...0.069,
              "National real GDP growth a year, 2021–2025 (§7).",
              basis: "World Bank & DRC 2013; IMF WEO Oct 2019"),
        .init("growth.national.rate2026to2030", "g_nat(2026–30)", .perYear, 0.05, allowed: -0.1...0.2,
              sweep: 0.04...0.06,
              "National real GDP growth a year, 2026–2030 (§7).",
              basis: "World Bank & DRC 2013"),
        .init("growth.national.declineAfter2030", "Δg_nat", .perYear, 0.002, allowed: 0...0.02,
              sweep: 0...0.004,
              "Yearly fall of national growth after 2030: g_nat(t) = g_nat(2026–30) − Δg_nat·(t − 2030) (§7).",
              basis: "World Bank & DRC 2013 (−0.2 pp a year)"),
        .init("growth.national.shift", "Δg_shift", .perYear, 0, allowed: -0.05...0.05, sweep: -0.01...0.01,
              "A shift of the whole national growth path, for sweeps of the path's ±1 pp range (§7).",
              basis: "MODEL.md table (±1 pp)"),
        .init("national.path", "—", choices: ["projection-2019", "realised"], default: "projection-2019",
              "The national path: the projections published in 2019 (growth.national.*, a 2 % GDP deflator), or what happened (history/national_path.csv: realised real growth and GDP deflator to the last observation, then the latest IMF projection for 2026 and growth.national.* after it; deflator 2 % after the data) (MODEL-v3 §1).",
              basis: "IMF WEO Oct 2019; NBS releases 2020–2025 (history/national_path.csv)"),
        .init("growth.closure", "—", choices: ["forecast", "pinned"], default: "forecast",
              "How circle GDP is closed: forecast (the demand shifter κ(t) is fitted to observed circle growth up to the vintage and held after it, so GDP follows the model's own demand, income and multiplier dynamics, investment expecting last year's circle growth; nothing steers it to a target) or pinned (v2: κ(t) solved every year so that circle GDP follows the national path plus the circle's decaying excess) (MODEL-v3 §4.6).",
              basis: "modelling choice (MODEL-v3 §4.6)"),
        .init("calibration.vintage", "V", .years, 2019, allowed: 2019...2025, sweep: nil,
              "The data vintage the run is calibrated on: regional observations up to V only (MODEL-v3 §1.1). With a realised national path, circle growth follows the provinces' observed real growth up to V; after V the forecast closure holds κ (the pinned closure lets the circle's excess over China, fitted on the four years ending in V, decay).",
              basis: "modelling choice (MODEL-v3 §1.1)"),
        .init("demography.levelWindowStart", "—", .years, 2019, allowed: 2010...2019, sweep: nil,
              "First year of the window over which each province's fertility and mortality relative to China's are averaged (age-standardised on the 2010 and 2020 census structures; years with first-release crude rates of both): 2019 fits the 2019 rates alone; 2015 gives MODEL-v3 §3.2's 2015–19 window (Sichuan's births × 0.937: docs/MODEL.md §14 on why it is not the default).",
              basis: "modelling choice (MODEL-v3 §3.2)"),
        .init("growth.circleExcessDecay", "τ_Δ", .years, 8, allowed: 1...50, sweep: 4...16,
              "Decay time of the circle's excess growth under growth.closure: pinned, g_circle = g_nat + Δ0·exp(−(t − 2019)/τ_Δ); also TFP's trend (ψ·g_circle) under either closure (§7).",
              basis: "assumption"),
        .init("growth.capitalShare", "α", .share, 0.425, allowed: 0.1...0.9, sweep: 0.35...0.5,
              "Capital share in growth accounting and the labour-requirement closure (§7).",
              basis: "2018 IO at factor cost; Bai, Hsieh & Qian 2006"),
        .init("growth.depreciation", "δ_K", .perYear, 0.096, allowed: 0...0.3, sweep: 0.05...0.10,
              "Depreciation: K(t+1) = (1 − δ_K)·K(t) + I_loc(t) (§7).",
              basis: "Zhang, Wu & Zhang 2004"),
        .init("growth.initialCapitalOutput", "κ_KY", .dimensionless, 3.0, allowed: 0.5...10, sweep: 2.5...3.5,
              "Initial capital–output ratio: K(2019) = κ_KY·GDP(2019) (§7). CTP is sensitive: sweep it.",
              basis: "assumption"),
        .init("growth.inputSaving", "τ", .perYear, 0, allowed: 0...0.05, sweep: 0...0.01,
              "Input saving: A(t+1) = A(t)·(1 − τ) (§7).",
              basis: "assumption (the 2017→2018 change is too noisy to fit)"),
        .init("tfp.rdElasticity", "θ_R", .dimensionless, 0.08, allowed: 0...1, sweep: 0.02...0.15,
              "Elasticity of TFP to the own R&D knowledge stock: gA += θ_R·(Δln R − Δln R_ref)(t−1), R by perpetual inventory of R&D spending = intensity × GDP, R_ref the stock at the 2019 intensity (MODEL-v3 §4.3; docs/MODEL.md §7).",
              basis: "Hall, Mairesse & Mohnen 2010; Ugur et al. 2016"),
        .init("tfp.spillover", "θ_S", .dimensionless, 0.03, allowed: 0...1, sweep: 0...0.06,
              "Elasticity of TFP to the spillover pool S[r] = Σ_{q≠r} exp(−T[r,q]/τ_K)·R[q]: gA += θ_S·(Δln S − Δln S_ref)(t−1), S_ref on the reference stocks and 2019 passenger times (MODEL-v3 §4.3).",
              basis: "Coe & Helpman 1995; Keller 2002"),
        .init("tfp.spilloverDistance", "τ_K", .hours, 2, allowed: 0.1...24, sweep: 1...4,
              "Decay time of R&D spillovers with passenger travel time, ν = exp(−T/τ_K) (MODEL-v3 §4.3).",
              basis: "(M) modelling choice; Keller 2002 (spillovers fall with distance)"),
        .init("rd.depreciation", "δ_R", .perYear, 0.15, allowed: 0.01...0.5, sweep: 0.10...0.20,
              "Depreciation of the R&D knowledge stock: R(t) = (1 − δ_R)·R(t−1) + RD(t), R(2019) = RD(2019)/(g_R + δ_R) (MODEL-v3 §4.3).",
              basis: "Hall, Mairesse & Mohnen 2010"),
        .init("rd.physicalCrowdingOut", "χ_R", .share, 1, allowed: 0...1, sweep: nil,
              "Share of R&D spending over the 2019 intensity that takes the place of physical investment within gross fixed capital formation (R&D is GFCF, and the investment rule ι·Ŷ sets GFCF): the investment column is × (1 − χ_R·RD_extra/I), so K grows less; 0: the extra R&D adds to demand, the engine before issue 17's crowding out (docs/MODEL.md §7).",
              basis: "(M) modelling choice; R&D capitalised in GFCF: SNA 2008 ch. 10, NBS 2016 GDP revision"),
        // MODEL-v3 §4.4–4.5: compensation, prices, market shares
        .init("wage.unemploymentElasticity", "β_U", .dimensionless, -0.10, allowed: -1...0, sweep: -0.2 ... -0.02,
              "Wage curve: w*[z](t) = w[z](2019)·P̂(t)·ω[z](t)·(U[z](t)/U[z](2019))^β_U per labour-market zone, ω real compensation per worker relative to 2019 (MODEL-v3 §4.4; docs/MODEL.md §7a). 0 switches the unemployment channel off.",
              basis: "Blanchflower & Oswald 1994; Nijkamp & Poot 2005; Peng, Kang & Anwar 2026 (China)"),
        .init("wage.adjustment", "φ_w", .dimensionless, 1, allowed: 0.01...1, sweep: 0.5...1,
              "Partial adjustment of the zone wage: w(t) = w*(t)^φ_w·(w(t−1)·P̂(t)/P̂(t−1))^(1−φ_w) (MODEL-v3 §4.4).",
              basis: "(M) modelling choice"),
        .init("wage.labourDemandElasticity", "η_D", .dimensionless, 0.30, allowed: 0...3, sweep: nil,
              "Constant-output own-wage elasticity of labour demand in the employment closure: a lever's jobs E_free·ρ meet the run's labour force at the wage of the wage curve, E/E_D = (w/w_free)^(−η_D), w/w_free = (U/U2019)^β_U (docs/MODEL.md §14; documented range 0.15–0.75, not sampled). 0 or β_U = 0 gives the interim rule E = min(LF, LF·(1 − U2019)·ρ).",
              basis: "Hamermesh 1993, Labor Demand, ch. 3 (best guess 0.30, range 0.15–0.75)"),
        .init("prices.utilisationElasticity", "ε_CU", .dimensionless, 0.3, allowed: 0...2, sweep: 0...0.8,
              "Demand-pressure mark-up of unit value-added cost: c = (ŵ/ω)^s·ĉ_K^(1−s)·(Â/Â_RoC)^(−(1−s))·CU^ε_CU, CU = Y/Y*, Y* = Y(2019)·Â·(K/K2019)^α·(LF/LF2019)^(1−α) (MODEL-v3 §4.2, §4.4).",
              basis: "(M) modelling choice"),
        .init("trade.armington.goods", "σ_A", .dimensionless, 2, allowed: 0...10, sweep: 1...4,
              "Armington elasticity of goods: the gravity weight of origin q is × (p[q,i](t−1)/P̂(t−1))^(−σ_A), lagged prices, rest of China at relative price 1 (MODEL-v3 §4.5). 0 switches the channel off.",
              basis: "Feenstra et al. 2018; Simonovska & Waugh 2014 (≈ 4, upper)"),
        .init("trade.armington.services", "σ_A,s", .dimensionless, 1, allowed: 0...10, sweep: 0.5...2,
              "Armington elasticity of services (and the other sectors priced on passenger times) in the gravity weights (MODEL-v3 §4.5).",
              basis: "(M) modelling choice (MODEL-v3 §8)"),
        .init("migration.costOfLivingWeight", "λ_P", .share, 1, allowed: 0...1, sweep: nil,
              "Weight of the local consumer price in the migration wage term: W[r] = (ŵ[z(r)]/P̂)·(P̂/CPI[r])^λ_P (1: the real wage w/CPI relative to the national real wage; 0: the wage deflated by the national deflator, the engine before the price block) (docs/MODEL.md §5, §7a).",
              basis: "(M) modelling choice"),
        .init("exports.priceElasticity", "σ", .dimensionless, 2, allowed: 0...10, sweep: 1...4,
              "Competitiveness channel: EX[r,i](t) = EX0·D(t)·(A_tfp[r]/A_RoC)^σ (§7).",
              basis: "Armington range"),
        .init("consumption.incomeElasticity", "ε_c", .dimensionless, 0.9, allowed: 0...2, sweep: 0.6...1.0,
              "Consumption per head follows disposable income: c(t+1) = c(t)·(yd(t)/yd(t−1))^ε_c (§7).",
              basis: "assumption"),
        .init("consumption.urbanRuralRatio", "c_urb/c_rur", .dimensionless, 2.1, allowed: 1...5,
              sweep: 2.1...2.6,
              "Urban over rural consumption per head in 2019 (§4).",
              basis: "NBS 2019 household survey; 2018 IO"),
        // §6 transport
        .init("transport.railOperatingFactor", "f_op", .share, 0.8, allowed: 0.3...1, sweep: 0.7...0.9,
              "Rail time = km/(f_op·v_design) + stop time (§6); fitted to the 2019 fastest Chongqing–Chengdu time.",
              basis: "2019 timetable"),
        .init("transport.stopMinutes", "—", .minutes, 2, allowed: 0...15, sweep: 1...4,
              "Minutes added per intermediate rail stop (§6).",
              basis: "assumption"),
        .init("transport.roadDetour", "—", .dimensionless, 1.3, allowed: 1...3, sweep: 1.2...1.5,
              "Road km = great-circle km × detour (§6).",
              basis: "assumption"),
        .init("transport.roadSpeed", "—", .speed, 70, allowed: 10...150, sweep: 60...90,
              "Average road speed between seats (§6).",
              basis: "assumption"),
        .init("transport.accessEgressHours", "—", .hours, 0.25, allowed: 0...2, sweep: 0.1...0.5,
              "Access and egress time added per trip (§6).",
              basis: "assumption"),
        .init("transport.localSpeed", "v_local", .speed, 30, allowed: 5...100, sweep: 20...40,
              "Speed of trips inside a jurisdiction: T[r,r] = (2/3)·sqrt(area/π)/v_local (§6).",
              basis: "assumption"),
        .init("transport.defaultConventionalSpeed", "—", .speed, 100, allowed: 30...250, sweep: 80...120,
              "Design speed assumed for conventional rail segments whose speed the sources do not give (§6).",
              basis: "assumption"),
        .init("transport.freightTrainSpeed", "—", .speed, 80, allowed: 30...160, sweep: 60...100,
              "Speed cap of freight trains on mixed lines, for the freight network (§6).",
              basis: "assumption"),
        .init("transport.railDetourForMissingLength", "—", .dimensionless, 1.1, allowed: 0.8...2, sweep: 1.0...1.2,
              "Track km over great-circle km where a segment's length is missing (§6).",
              basis: "assumption; pro-rated chains of the base data give 0.85–1.2"),
        .init("transport.borderLegHours", "—", .hours, 0.5, allowed: 0...5, sweep: 0.25...1,
              "Time from a gateway seat across the circle's border, in T[s, gw(s)] (§3 outside pull, §5).",
              basis: "assumption"),
        // §8 environment
        .init("air.pm25DailySigma", "σ_PM", .dimensionless, 0.5, allowed: 0.05...2, sweep: 0.4...0.7,
              "Log standard deviation of daily PM2.5 (lognormal) in the compliant-day share (§8).",
              basis: "city data 2015–19 (fitted; default until fitted)"),
        .init("air.backgroundShare", "C_bg/C̄", .share, 0.3, allowed: 0...1, sweep: 0.2...0.5,
              "Background PM2.5 as a share of the 2019 mean; the rest scales with emissions (§8).",
              basis: "assumption"),
        .init("air.ownCityWeight", "s_cc", .share, 0.6, allowed: 0...1, sweep: 0.4...0.8,
              "Weight of a city's own emissions in its PM2.5 (the rest of the basin gets 1 − s_cc) (§8).",
              basis: "assumption"),
        .init("emissions.cleanEnergyShare2019", "s_clean(2019)", .share, 0.3, allowed: 0...0.99, sweep: 0.2...0.4,
              "Clean (non-fossil) share of energy use in 2019; the clean-energy-share lever scales emission coefficients by (1 − s(t))/(1 − s_clean(2019)).",
              basis: "assumption (Sichuan hydro-heavy, Chongqing lower); to be sourced"),
    ]
}

extension ParameterCatalog {
    /// The registry as a Markdown table: id, symbol, unit, default, allowed, sweep, meaning, basis.
    public func markdownTable() -> String {
        func range(_ r: ClosedRange<Double>?) -> String {
            r.map { "\(CanonicalText.number($0.lowerBound))–\(CanonicalText.number($0.upperBound))" } ?? "—"
        }
        var lines = ["| id | symbol | unit | default | allowed | sweep | meaning | basis |",
                     "|---|---|---|---|---|---|---|---|"]
        for d in definitions {
            let allowed = d.isChoice ? d.choices.joined(separator: ", ") : range(d.allowedRange)
            let cells = ["`\(d.id)`", d.symbol, d.isChoice ? "choice" : d.unit, "\(d.defaultValue)", allowed,
                         range(d.sweepRange), d.description, d.basis]
            lines.append("| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n")
    }
}
