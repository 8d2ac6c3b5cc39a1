import ScenarioSpec

/// One year's effects of a scenario's levers, by channel (`LeverChannel`): the single place where levers
/// turn into model quantities (MODEL.md §3–8). Computed by `YearEffects.init(plan:year:parameters:base:)`, a
/// pure function of the resolved levers, the year and the year's parameters; the amount levers, whose split
/// depends on the state, are resolved by `AmountEffects`.
struct YearEffects: Sendable {
    /// Trade-cost factors of the gravity weights (MODEL.md §3).
    var tradeCosts = TradeCostFactors()
    /// Household consumption-per-head factors, urban and rural, per jurisdiction (MODEL.md §4).
    var consumptionUrban: [Double], consumptionRural: [Double]
    /// Investment-rate factor per jurisdiction (MODEL.md §4).
    var investmentRate: [Double]
    /// Export factors per industry, abroad and to the rest of China (MODEL.md §4).
    var exportsAbroad: [Double], exportsRestOfChina: [Double]
    /// R&D intensity per jurisdiction (fraction of GDP, MODEL.md §7).
    var rdIntensity: [Double]
    /// Growth of the sector-productivity factor from the previous year, `f(t)/f(t − 1) − 1`, per industry,
    /// and whether a jurisdiction has any productivity lever (MODEL.md §7).
    var productivityGrowth: [Double], hasProductivity: [Bool]
    /// Emission coefficient per unit of output, per industry (MODEL.md §8).
    var emissionCoefficients: [Double]
    /// Settlement barrier (wage share), in-situ urbanisation boost (logit per year), per jurisdiction;
    /// migration frictions (places, factor on travel time); population caps (places, persons) (MODEL.md §5).
    var barrier: [Double], urbanBoost: [Double]
    var friction: [([Int], Double)]
    var caps: [(Set<Int>, Double)]
    /// Input indicators given by the scenario for the year (catalogue id → value; nil: not given this year).
    var inputs: [String: Double?]

    /// The lever-free values every effect starts from.
    struct Base: Sendable {
        let rdIntensity: [Double]
        let cleanEnergyShare2019: Double
        /// 1 for emitting sectors, 0 elsewhere (`SectorCodes`).
        let emitting: [Double]
    }

    init(plan: LeverPlan, structure cs: CircleStructure, year: Int, parameters p: YearParameters, base: Base) {
        let r = cs.dims.regions, s = cs.dims.sectors
        let ones = [Double](repeating: 1, count: r)
        tradeCosts = Self.tradeCosts(plan, year: year)
        // A kind the scenario does not use has the lever-free value (LeverComposition of no lever: base·1 + 0).
        consumptionUrban = !plan.has(.consumptionPropensity) ? ones : (0..<r).map { reg in
            LeverComposition.apply(base: 1, levers: plan.at(.consumptionPropensity, region: reg).filter { ($0.population ?? .both) != .rural }, year: year)
        }
        consumptionRural = !plan.has(.consumptionPropensity) ? ones : (0..<r).map { reg in
            LeverComposition.apply(base: 1, levers: plan.at(.consumptionPropensity, region: reg).filter { ($0.population ?? .both) != .urban }, year: year)
        }
        investmentRate = !plan.has(.sectorInvestment) ? ones : (0..<r).map { reg in
            LeverComposition.apply(base: 1, levers: plan.at(.sectorInvestment, region: reg).filter { $0.operation != .add }, year: year)
        }
        (exportsAbroad, exportsRestOfChina) = Self.exportFactors(plan, regions: r, sectors: s, year: year)
        rdIntensity = !plan.has(.rdIntensity) ? base.rdIntensity
            : (0..<r).map { plan.apply(.rdIntensity, base: base.rdIntensity[$0], region: $0, year: year) }
        (productivityGrowth, hasProductivity) = Self.productivity(plan, regions: r, sectors: s, year: year)
        emissionCoefficients = Self.emissions(plan, regions: r, sectors: s, year: year, base: base)
        barrier = (0..<r).map { min(max(plan.apply(.settlementBarrier, base: p.hukouBarrier, region: $0, year: year), 0), 0.99) }
        urbanBoost = !plan.has(.urbanisationPush) ? [Double](repeating: 0, count: r)
            : (0..<r).map { plan.apply(.urbanisationPush, base: 0, region: $0, year: year) }
        friction = plan.all([.migrationFriction]).map { rl in
            let l = rl.lever
            return (rl.regions, l.rateFactor(at: year) * (l.operation == .multiply ? (l.value(at: year) ?? 1) : 1))
        }
        caps = plan.all([.populationCap]).filter { $0.lever.isActive(in: year) }.compactMap { rl in
            rl.lever.value(at: year).map { (Set(rl.regions), $0) }
        }
        inputs = [:]
        for indicator in IndicatorCatalog.inputLeverIndicator.values {
            // An input has a value only in the years a scenario path covers it (else: no value, never 0).
            let active = (plan.inputPaths[indicator] ?? []).filter { $0.isActive(in: year) }
            inputs[indicator] = active.isEmpty ? nil : LeverComposition.apply(base: 0, levers: active, year: year)
        }
    }

    /// `trade-cost` levers: a `rate` lever acts from `from` on (its accumulated factor is held after
    /// `until`), a `multiply` lever in its years only.
    static func tradeCosts(_ plan: LeverPlan, year: Int) -> TradeCostFactors {
        var costs = TradeCostFactors()
        for rl in plan.all([.tradeCost]) where rl.lever.isActive(in: year) || rl.lever.operation == .rate {
            let l = rl.lever
            let f = l.operation == .rate ? l.rateFactor(at: year) : (l.value(at: year) ?? 1)
            costs.entries.append((Set(rl.regions), rl.sectors, f))
        }
        return costs
    }

    /// `export-growth` factors per industry: abroad (market world or both), to the rest of China (both or RoC).
    static func exportFactors(_ plan: LeverPlan, regions r: Int, sectors s: Int, year: Int) -> ([Double], [Double]) {
        var world = [Double](repeating: 1, count: r * s), roc = world
        guard plan.has(.exportGrowth) else { return (world, roc) }
        for reg in 0..<r {
            for i in 0..<s {
                let eg = plan.at(.exportGrowth, region: reg, sector: i)
                guard !eg.isEmpty else { continue }
                world[reg * s + i] = LeverComposition.apply(base: 1, levers: eg.filter { ($0.market ?? .both) != .restOfChina }, year: year)
                roc[reg * s + i] = LeverComposition.apply(base: 1, levers: eg.filter { ($0.market ?? .both) != .world }, year: year)
            }
        }
        return (world, roc)
    }

    /// `sector-productivity`: the growth of each industry's productivity factor from `year − 1` to `year`.
    static func productivity(_ plan: LeverPlan, regions r: Int, sectors s: Int, year: Int) -> ([Double], [Bool]) {
        var growth = [Double](repeating: 0, count: r * s)
        var has = [Bool](repeating: false, count: r)
        guard plan.has(.sectorProductivity) else { return (growth, has) }
        for reg in 0..<r where !plan.at(.sectorProductivity, region: reg).isEmpty {
            has[reg] = true
            for i in 0..<s {
                let ls = plan.at(.sectorProductivity, region: reg, sector: i)
                let now = LeverComposition.apply(base: 1, levers: ls, year: year)
                let before = LeverComposition.apply(base: 1, levers: ls, year: year - 1)
                growth[reg * s + i] = now / before - 1
            }
        }
        return (growth, has)
    }

    /// Emission coefficients: `e[r,i] = emitting[i]·(1 − s_clean(r))/(1 − s_clean,2019)·f_intensity[r,i]`
    /// (MODEL.md §8), the clean share capped at 0.999.
    static func emissions(_ plan: LeverPlan, regions r: Int, sectors s: Int, year: Int, base: Base) -> [Double] {
        var e = [Double](repeating: 0, count: r * s)
        if !plan.has(.cleanEnergyShare) && !plan.has(.emissionIntensity) {
            let sClean = min(base.cleanEnergyShare2019, 0.999)
            let energy = (1 - sClean) / (1 - base.cleanEnergyShare2019)
            for reg in 0..<r { for i in 0..<s where base.emitting[i] > 0 { e[reg * s + i] = base.emitting[i] * energy * 1 } }
            return e
        }
        for reg in 0..<r {
            let sClean = min(plan.apply(.cleanEnergyShare, base: base.cleanEnergyShare2019, region: reg, year: year), 0.999)
            let energy = (1 - sClean) / (1 - base.cleanEnergyShare2019)
            for i in 0..<s where base.emitting[i] > 0 {
                e[reg * s + i] = base.emitting[i] * energy * plan.apply(.emissionIntensity, base: 1, region: reg, sector: i, year: year)
            }
        }
        return e
    }
}

/// One year's amount levers (100m yuan a year at 2019 prices, MODEL.md §4): extra investment at the consumer
/// and extra sales to the rest of China at the producer, split over places by the lever's `distribute:`
/// rule on last year's state and over sectors by the lever kind's basket.
struct AmountEffects: Sendable {
    var investment: [Double]
    var exportsRestOfChina: [Double]

    /// The state the place split of `distribute:` reads.
    struct Weights {
        let gdp: [Double], population: [Double], output: [Double]
    }

    /// - Parameter investmentStart: extra investment the amounts add to (the R&D GFCF of `DemandStage`), kept
    ///   first so that the sums are formed in the order of MODEL.md §4.
    init(plan: LeverPlan, structure cs: CircleStructure, base: BaseYear, year: Int, investmentStart: [Double], weights: Weights) {
        let s = cs.dims.sectors, n = cs.dims.industries
        investment = investmentStart
        exportsRestOfChina = [Double](repeating: 0, count: n)
        for rl in plan.resolved where rl.lever.isActive(in: year) {
            let l = rl.lever
            guard let amount = l.value(at: year), l.operation == .add else { continue }
            let channel = LeverChannel.of(l.kind, operation: l.operation)
            guard channel == .investmentAmount || channel == .exportAmount, !rl.regions.isEmpty else { continue }
            let w = Self.placeWeights(l, places: rl.regions, weights: weights, sectors: s)
            switch l.kind {
            case .investmentProgramme, .sectorInvestment:
                let secs = l.kind == .investmentProgramme
                    ? cs.sectorIndices(l.sectors.isEmpty ? [SectorCodes.construction] : l.sectors) : Array(0..<s)
                let b = Self.restrictedBasket(base.basketInvestment, secs)
                for (reg, wr) in zip(rl.regions, w) { for i in secs { investment[reg * s + i] += amount * wr * b[i] } }
            case .industrialTransfer:
                let natOut = cs.dataset.nationalTable.grossOutput
                let tot = rl.sectors.reduce(0.0) { $0 + natOut[$1] }
                for (reg, wr) in zip(rl.regions, w) { for i in rl.sectors { exportsRestOfChina[reg * s + i] += amount * wr * natOut[i] / tot } }
            case .consumptionExports:
                let secs = cs.sectorIndices(l.sectors.isEmpty ? SectorCodes.visitorConsumption : l.sectors)
                let b = Self.restrictedBasket(base.basketUrban, secs)
                for (reg, wr) in zip(rl.regions, w) { for i in secs { exportsRestOfChina[reg * s + i] += amount * wr * b[i] } }
            default:
                preconditionFailure("\(l.kind) has channel \(channel), not an amount")
            }
        }
    }

    /// The place split of an amount lever (`distribute:`): each place the full amount, or shares of GDP,
    /// population or gross output of last year (equal shares when they sum to zero).
    static func placeWeights(_ l: Lever, places: [Int], weights: Weights, sectors s: Int) -> [Double] {
        let raw: [Double]
        switch l.distribution ?? .each {
        case .each: return places.map { _ in 1 }
        case .byGDP: raw = places.map { weights.gdp[$0] }
        case .byPopulation: raw = places.map { weights.population[$0] }
        case .byOutput: raw = places.map { reg in (0..<s).reduce(0.0) { $0 + weights.output[reg * s + $1] } }
        }
        let t = raw.reduce(0, +)
        return raw.map { t > 0 ? $0 / t : 1 / Double(places.count) }
    }

    /// The basket `b` restricted to `secs` and renormalised (equal shares when it has no weight there).
    static func restrictedBasket(_ b: [Double], _ secs: [Int]) -> [Double] {
        var out = [Double](repeating: 0, count: b.count)
        let t = secs.reduce(0.0) { $0 + b[$1] }
        for i in secs { out[i] = t > 0 ? b[i] / t : 1 / Double(secs.count) }
        return out
    }
}
