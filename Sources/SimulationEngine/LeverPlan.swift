import BaseData
import ScenarioSpec

/// Where a lever acts in the model: every lever kind (and, for `sector-investment`, every operation) has
/// exactly one channel, decided by an exhaustive `switch`, so a new kind without an effect does not compile.
enum LeverChannel: Sendable, Equatable {
    /// The rail network of the year (MODEL.md §6): `rail-project`, `rail-link`.
    case network
    /// The year's parameters (`YearParameters`, read through `Scenario.parameterValue`): `parameter`.
    case parameters
    /// Trade-cost factors of the gravity weights (MODEL.md §3): `trade-cost`.
    case tradeCosts
    /// Household consumption per head (MODEL.md §4): `consumption-propensity`.
    case consumption
    /// The investment rate ι (MODEL.md §4): `sector-investment` as `multiply` or `rate`.
    case investmentRate
    /// An amount of 100m yuan a year at 2019 prices spent on investment goods (MODEL.md §4):
    /// `investment-programme`, `sector-investment` as `add`.
    case investmentAmount
    /// An amount sold to the rest of China (MODEL.md §4): `industrial-transfer`, `consumption-exports`.
    case exportAmount
    /// Export growth factors abroad and to the rest of China (MODEL.md §4): `export-growth`.
    case exports
    /// TFP growth through sector productivity (MODEL.md §7): `sector-productivity`.
    case productivity
    /// R&D intensity (MODEL.md §7): `rd-intensity`.
    case rdIntensity
    /// Emission coefficients (MODEL.md §8): `emission-intensity`, `clean-energy-share`.
    case emissions
    /// Migration and urbanisation (MODEL.md §5): `settlement-barrier`, `migration-friction`,
    /// `urbanisation-push`, `population-cap`.
    case population
    /// A reported input indicator (MODEL.md §8): `indicator-input`.
    case inputIndicator

    /// The channel of `kind` used with `operation`.
    static func of(_ kind: LeverKind, operation: LeverOperation?) -> LeverChannel {
        switch kind {
        case .railProject, .railLink: return .network
        case .parameter: return .parameters
        case .tradeCost: return .tradeCosts
        case .consumptionPropensity: return .consumption
        case .sectorInvestment: return operation == .add ? .investmentAmount : .investmentRate
        case .investmentProgramme: return .investmentAmount
        case .industrialTransfer, .consumptionExports: return .exportAmount
        case .exportGrowth: return .exports
        case .sectorProductivity: return .productivity
        case .rdIntensity: return .rdIntensity
        case .emissionIntensity, .cleanEnergyShare: return .emissions
        case .settlementBarrier, .migrationFriction, .urbanisationPush, .populationCap: return .population
        case .indicatorInput: return .inputIndicator
        }
    }
}

/// A lever with its places and sectors resolved to index sets once per run.
struct ResolvedLever: Sendable {
    let lever: Lever
    /// Jurisdiction indices of `where:` (groups expanded), in the order written.
    let regions: [Int]
    /// Sector indices of `sectors:` (empty: none given).
    let sectors: [Int]
    let sectorMask: [Bool]
}

/// A run's levers resolved once (MODEL.md §6): per kind and jurisdiction the levers that act there, in
/// scenario order (the order `LeverComposition` applies them), so the yearly stages do index look-ups only.
struct LeverPlan: Sendable {
    let resolved: [ResolvedLever]
    /// kind → jurisdiction → indices into `resolved`, in scenario order.
    private let byRegion: [LeverKind: [[Int]]]
    /// input-indicator id of the scenario → indicator id of the catalogue → levers.
    let inputPaths: [String: [Lever]]
    let regions: Int

    /// Resolves `levers` against the circle. Throws for an `indicator-input` lever whose indicator no output
    /// reports (a lever the loader accepts must move an output).
    init(_ levers: [Lever], structure cs: CircleStructure) throws {
        regions = cs.dims.regions
        resolved = levers.map { l in
            let secs = cs.sectorIndices(l.sectors)
            var mask = [Bool](repeating: false, count: cs.dims.sectors)
            for i in secs { mask[i] = true }
            return ResolvedLever(lever: l, regions: cs.expand(l.places), sectors: secs, sectorMask: mask)
        }
        var table: [LeverKind: [[Int]]] = [:]
        var inputs: [String: [Lever]] = [:]
        for (k, rl) in resolved.enumerated() {
            let l = rl.lever
            if LeverChannel.of(l.kind, operation: l.operation) == .inputIndicator {
                guard let id = l.indicatorID, let indicator = IndicatorCatalog.inputLeverIndicator[id] else {
                    throw SimulationError.scenario(
                        "\(l.location): indicator-input `\(l.indicatorID ?? "")` is not an input indicator the model reports (\(IndicatorCatalog.inputLeverIndicator.keys.sorted().joined(separator: ", ")))")
                }
                inputs[indicator, default: []].append(l)
            }
            var perRegion = table[l.kind] ?? [[Int]](repeating: [], count: regions)
            for reg in Set(rl.regions).sorted() { perRegion[reg].append(k) }
            table[l.kind] = perRegion
        }
        byRegion = table
        inputPaths = inputs
    }

    /// The levers of `kind` acting on jurisdiction `region` (and on `sector`, when given), in scenario order.
    func at(_ kind: LeverKind, region: Int, sector: Int? = nil) -> [Lever] {
        guard let lists = byRegion[kind] else { return [] }
        return lists[region].compactMap { k in
            if let sector, !resolved[k].sectorMask[sector] { return nil }
            return resolved[k].lever
        }
    }

    /// Whether any lever of `kind` acts somewhere (the stages skip a kind the scenario does not use).
    func has(_ kind: LeverKind) -> Bool { byRegion[kind] != nil }

    /// The resolved levers of the given kinds, in scenario order.
    func all(_ kinds: Set<LeverKind>) -> [ResolvedLever] { resolved.filter { kinds.contains($0.lever.kind) } }

    /// `base` changed by the levers of `kind` on `region` (and `sector`) in `year` (`LeverComposition`).
    func apply(_ kind: LeverKind, base: Double, region: Int, sector: Int? = nil, year: Int) -> Double {
        LeverComposition.apply(base: base, levers: at(kind, region: region, sector: sector), year: year)
    }
}
