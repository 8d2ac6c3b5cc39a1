import BaseData
import Foundation
import MatrixCore
import RegionalModels

/// One year of migration and natural change (MODEL.md §5; step 6 of §9).
extension MigrationState {
    /// What one year's allocation needs besides the smoothed utilities: this year's populations, the zone
    /// inputs, the smoothed times and the natural-change rates.
    struct StepInputs {
        /// Population and urban population per jurisdiction before the step.
        let population: [Double], urban: [Double]
        /// Population and employment per zone.
        let populationZones: [Double], labourZones: [Double]
        /// Times in use (smoothed), zone to zone and zone to gateway, hours.
        let travelHours: Matrix, gatewayHours: [Double]
        /// `F_in(t)`, persons a year.
        let inflowFromRestOfChina: Double
        /// Birth and death rates per jurisdiction, per mille.
        let birthRates: [Double], deathRates: [Double]
        let restOfChinaWageIndex: Double
        let parameters: MigrationParameters
        /// The national mobility factor `m(t)^ε_m` on every gross flow (1 before the realised path's data).
        let mobility: Double
        /// `w_γ·(d(t) − d̄)`, the trend variable of the year (MODEL-v3 §3.4; `MigrationTrend.shift`).
        var trend = 0.0
        /// The urban shares of arrivals and departures (MODEL-v3 §3.5).
        var movers = MoverUrbanShares.neutral
    }

    /// One allocation of the year: the step's result with the flows its ledger sums.
    struct Allocation {
        var result: StepResult
        var births: Double, deaths: Double, fromRestOfChina: Double, toRestOfChina: Double
    }

    /// One year of migration and natural change for every jurisdiction (urbanisation before in-situ conversion),
    /// MODEL.md §5: zone inputs, smoothed utilities (`V_used = (1−φ_V)·V_used + φ_V·V`), the inflow
    /// `F_in(t) = F_in0·(w̄_circle/w_RoC)^a_w`, the nested-logit allocation with natural change, population
    /// caps held by raising settlement barriers, and the ledger `ΔΣP = births − deaths + ΣF_in − ΣF_out`.
    mutating func step(
        population: [Double], urban: [Double], employment: [Double], wageIndex: [Double], employmentIndex: [Double],
        barrier: [Double], friction: [([Int], Double)], travel: Matrix, gateway: [Double], parameters p: YearParameters,
        circleWageIndex: Double, restOfChinaWageIndex: Double, caps: [(Set<Int>, Double)], structure cs: CircleStructure,
        birthRates births: [Double], deathRates deaths: [Double], mobility: Double = 1, trend: Double = 0
    ) throws -> StepResult {
        try Self.requireFinite(
            population: population, employment: employment, wageIndex: wageIndex, employmentIndex: employmentIndex,
            circleWageIndex: circleWageIndex, restOfChinaWageIndex: restOfChinaWageIndex, ids: cs.ids)
        let zm = model
        // Zone inputs this year.
        let popZ = zm.sum(population), labZ = zm.sum(employment)
        let wZ = zm.weighted(wageIndex, by: employment), eZ = zm.weighted(employmentIndex, by: population)
        let bZ = zm.weighted(barrier, by: population)
        let tZ = zm.times(travel, weights: population, friction: friction, offsetHours: p.t0)
        let gwZ = zm.weighted(gateway, by: population)
        let used = try smoothUtilities(wage: wZ, employment: eZ, barrier: bZ, gateway: gwZ, travel: tZ, parameters: p)
        let inputs = StepInputs(
            population: population, urban: urban, populationZones: popZ, labourZones: labZ, travelHours: used.travel,
            gatewayHours: used.gateway,
            inflowFromRestOfChina: try inflowFromRestOfChina(
                circleWageIndex: circleWageIndex, restOfChinaWageIndex: restOfChinaWageIndex, parameters: p.migration),
            birthRates: births, deathRates: deaths, restOfChinaWageIndex: restOfChinaWageIndex, parameters: p.migration,
            mobility: mobility, trend: trend, movers: p.moverUrbanShares)
        let held = try holdingPopulationCaps(caps, inputs: inputs, structure: cs)
        return try Self.balancingLedger(held.allocation, warnings: held.warnings, population: population)
    }

    /// NaN or infinity in the step's inputs comes from an overflow upstream (e.g. a lever far beyond the
    /// economy): named here rather than surfacing as a "negative" population.
    static func requireFinite(
        population: [Double], employment: [Double], wageIndex: [Double], employmentIndex: [Double],
        circleWageIndex: Double, restOfChinaWageIndex: Double, ids: [String]
    ) throws {
        for (quantity, values) in [("population", population), ("employment", employment), ("wage index", wageIndex),
                                   ("employment-rate index", employmentIndex)] {
            if let k = values.firstIndex(where: { !$0.isFinite }) {
                throw SimulationError.numerical("\(quantity) of \(ids[k]) is \(values[k]) before migration (an overflow upstream)")
            }
        }
        for (quantity, v) in [("circle wage index", circleWageIndex), ("rest-of-China wage index", restOfChinaWageIndex)] where !v.isFinite {
            throw SimulationError.numerical("\(quantity) is \(v) before migration (an overflow upstream)")
        }
    }

    /// Damping (MODEL.md §5): the inputs of V are smoothed in logs, `V_used = (1−φ_V)·V_used(t−1) + φ_V·V(t)`
    /// (V is linear in them): wage and employment-rate indices, barrier `ln(1 − b)`, `ln(T + T0)` to the gateway
    /// and between zones. Updates the state; returns the times in use, `exp(smoothed) − T0`.
    mutating func smoothUtilities(
        wage wZ: [Double], employment eZ: [Double], barrier bZ: [Double], gateway gwZ: [Double], travel tZ: Matrix,
        parameters p: YearParameters
    ) throws -> (travel: Matrix, gateway: [Double]) {
        let phi = p.utilitySmoothing
        for k in 0..<model.count {
            smoothedLogWage[k] = (1 - phi) * smoothedLogWage[k] + phi * log(max(wZ[k], 1e-12))
            smoothedLogEmployment[k] = (1 - phi) * smoothedLogEmployment[k] + phi * log(max(eZ[k], 1e-12))
            smoothedLogBarrier[k] = (1 - phi) * smoothedLogBarrier[k] + phi * log(1 - bZ[k])
            smoothedLogGateway[k] = (1 - phi) * smoothedLogGateway[k] + phi * log(gwZ[k] + p.t0)
        }
        smoothedLogTime = try (1 - phi) * smoothedLogTime + phi * tZ.map { log(max($0 + p.t0, 1e-12)) }
        return (smoothedLogTime.map { exp($0) - p.t0 }, smoothedLogGateway.map { exp($0) - p.t0 })
    }

    /// Gross inflow from the rest of China, `F_in(t) = F_in0·(w̄_circle/w_RoC)^a_w`, both wage indices
    /// indexed to 2019 (MODEL.md §5, "RoC is a reservoir"); an error if it overflows.
    func inflowFromRestOfChina(
        circleWageIndex: Double, restOfChinaWageIndex: Double, parameters mp: MigrationParameters
    ) throws -> Double {
        let fIn = inflow2019 * pow(circleWageIndex / restOfChinaWageIndex, mp.wageElasticity)
        guard fIn.isFinite else {
            throw SimulationError.numerical(
                "inflow from the rest of China is \(fIn) persons: the circle's wage index \(circleWageIndex) against the rest of China's \(restOfChinaWageIndex) overflows")
        }
        return fIn
    }
}

/// The allocation of one year and the population caps (MODEL.md §5, "Migration", "RoC is a reservoir",
/// "Natural change", "Urbanisation as stocks").
extension MigrationState {
    /// One allocation with settlement barriers raised by `extraBarrier` per zone (MODEL.md §5): nested-logit
    /// probabilities from the smoothed utilities (barrier `min(b + extra, 0.99)`; `w_RoC(t)` follows the national
    /// productivity path), `P(t+1) = Mᵀ·P(t) + F_in` with arrivals shared among a zone's jurisdictions by housing
    /// capacity, urban stocks moving with the movers' urban shares (`MoverUrbanShares`), then natural change
    /// `P ← P + P·(b − d)/1000`. Every gross flow (departures, arrivals, the exchange with the rest of China)
    /// is scaled by the national mobility factor `x.mobility` (MODEL.md §14). Also the flows between the
    /// Chongqing core zone and Chengdu.
    func allocate(extraBarrier: [Double], inputs x: StepInputs, structure cs: CircleStructure) throws -> Allocation {
        let zm = model, r = x.population.count, mp = x.parameters
        let (zones, trendScale) = attractions(extraBarrier: extraBarrier, inputs: x)
        let outside = OutsideDestination(
            labourPersons: restOfChinaLabour, wageYuan: restOfChinaWage2019 * x.restOfChinaWageIndex,
            destinationConstant: outsideConstant)
        let probs = try migrationProbabilities(
            zones: zones, outside: outside, stayConstants: stayConstants, travelHours: x.travelHours,
            gatewayHours: x.gatewayHours, parameters: mp)
        let shares = Self.inflowShares(zones: zones, gateway: x.gatewayHours, parameters: mp)
        let flows = try migrate(
            population: x.populationZones, probabilities: probs, inflowFromOutsidePersons: x.inflowFromRestOfChina * trendScale,
            inflowShares: shares)
        let population = x.population, urban = x.urban, births = x.birthRates, deaths = x.deathRates
        var pNew = population, uNew = urban, net = [Double](repeating: 0, count: r), outs = net, ins = net
        var b = 0.0, dth = 0.0
        let m = x.mobility
        for reg in 0..<r {
            let zk = zm.zoneOf[reg]
            let out = population[reg] * probs.leaving[zk] * m
            let arrive = flows.inflow[zk] * housingShares[reg] * m
            pNew[reg] = population[reg] - out + arrive
            uNew[reg] = x.movers.urbanAfter(urban: urban[reg], population: population[reg], arrivals: arrive, departures: out)
            net[reg] = arrive - out
            outs[reg] = out; ins[reg] = arrive
            let bb = pNew[reg] * births[reg] / 1000, dd = pNew[reg] * deaths[reg] / 1000
            b += bb; dth += dd
            uNew[reg] *= 1 + (births[reg] - deaths[reg]) / 1000
            pNew[reg] += bb - dd
            if pNew[reg] < 0 || !pNew[reg].isFinite {
                throw SimulationError.numerical("population of \(cs.ids[reg]) \(pNew[reg].isFinite ? "turns negative" : "is not finite") (\(pNew[reg]))")
            }
        }
        var core = 0.0
        if let cd = cs.index["sc-chengdu"], let cq = cs.index["cq-yuzhong"] {
            let a = zm.zoneOf[cq], bz = zm.zoneOf[cd]
            core = (x.populationZones[a] * probs.toZone[a, bz] + x.populationZones[bz] * probs.toZone[bz, a]) * m
        }
        return Allocation(
            result: StepResult(
                population: pNew, urbanBeforeConversion: uNew, netMigration: net, outMigrants: outs, inMigrants: ins, warnings: [],
                coreFlows: core),
            births: b, deaths: dth, fromRestOfChina: flows.fromOutside.reduce(0, +) * m, toRestOfChina: flows.toOutside.reduce(0, +) * m)
    }

    /// The zones' attractions of the allocation (smoothed utilities, barriers `min(b + extra, 0.99)`) with the
    /// trend term `γ_z·x.trend` on the destination constants (MODEL-v3 §3.4), and the factor on the gross inflow
    /// from the rest of China that the same term gives it: the logsum ratio `Σ_s sh_s·exp(γ_s·x.trend)`, `sh`
    /// the inflow shares without the term (1 when there is no trend).
    func attractions(extraBarrier: [Double], inputs x: StepInputs) -> (zones: ZoneAttractions, inflowScale: Double) {
        let z = model.count
        var zones = ZoneAttractions(
            labourPersons: x.labourZones.map { max($0, 1) }, baseWageYuan: baseWage, wageIndex: smoothedLogWage.map(exp),
            employmentRateIndex: smoothedLogEmployment.map(exp),
            barrierWageShare: (0..<z).map { min(1 - exp(smoothedLogBarrier[$0]) + extraBarrier[$0], 0.99) },
            destinationConstants: destinationConstants)
        guard !trendUtility.isEmpty, x.trend != 0 else { return (zones, 1) }
        let before = Self.inflowShares(zones: zones, gateway: x.gatewayHours, parameters: x.parameters)
        let shift = trendUtility.map { $0 * x.trend }
        zones.destinationConstants = zip(destinationConstants, shift).map { $0 + $1 }
        return (zones, zip(before, shift).reduce(0.0) { $0 + $1.0 * exp($1.1) })
    }

    /// Population caps held by settlement barriers (MODEL.md §5, hukou barrier as a wage-equivalent): for each
    /// cap in turn that the allocation exceeds, the barrier of the capped places' zones is raised by the
    /// smallest `e ∈ [0, 0.95]` that holds it (bisection, 50 halvings), or by 0.95 with a warning when even
    /// that does not; the allocation is redone with the raised barriers before the next cap.
    func holdingPopulationCaps(
        _ caps: [(Set<Int>, Double)], inputs: StepInputs, structure cs: CircleStructure
    ) throws -> (allocation: Allocation, warnings: [String]) {
        var extra = [Double](repeating: 0, count: model.count)
        var result = try allocate(extraBarrier: extra, inputs: inputs, structure: cs)
        var capWarnings: [String] = []
        for (places, cap) in caps {
            guard Self.total(of: places, in: result.result) > cap else { continue }
            let zs = Set(places.map { model.zoneOf[$0] })
            let raise = try barrierRaise(holding: cap, on: places, zones: zs, extra: extra, inputs: inputs, structure: cs)
            let names = places.map { cs.ids[$0] }.joined(separator: ",")
            if !raise.held {
                capWarnings.append("population cap \(Int(cap)) on \(names) cannot be held by settlement barriers alone")
            }
            for k in zs { extra[k] += raise.value }
            result = try allocate(extraBarrier: extra, inputs: inputs, structure: cs)
            capWarnings.append("population cap binds on \(names): barrier raised by \(String(format: "%.3f", raise.value))")
        }
        return (result, capWarnings)
    }

    /// The barrier raise on `zones` (on top of `extra`) that brings the population of `places` to `cap`:
    /// bisection on `[0, 0.95]`, 50 halvings, keeping the upper end (the cap holds there); `held` is false
    /// when the cap exceeds even at 0.95.
    func barrierRaise(
        holding cap: Double, on places: Set<Int>, zones zs: Set<Int>, extra: [Double], inputs: StepInputs,
        structure cs: CircleStructure
    ) throws -> (value: Double, held: Bool) {
        var lo = 0.0, hi = 0.95
        if try population(of: places, raising: zs, by: hi, over: extra, inputs: inputs, structure: cs) > cap { return (hi, false) }
        for _ in 0..<50 {
            let mid = (lo + hi) / 2
            if try population(of: places, raising: zs, by: mid, over: extra, inputs: inputs, structure: cs) > cap { lo = mid } else { hi = mid }
        }
        return (hi, true)
    }

    /// `Σ_{r ∈ places} P[r]` after an allocation with the barriers of `zones` raised by `e` on top of `extra`.
    func population(
        of places: Set<Int>, raising zones: Set<Int>, by e: Double, over extra: [Double], inputs: StepInputs,
        structure cs: CircleStructure
    ) throws -> Double {
        var x = extra
        for k in zones { x[k] += e }
        return Self.total(of: places, in: try allocate(extraBarrier: x, inputs: inputs, structure: cs).result)
    }

    /// `Σ_{r ∈ places} P[r]` after the step (in the set's iteration order).
    static func total(of places: Set<Int>, in result: StepResult) -> Double {
        places.reduce(0.0) { $0 + result.population[$1] }
    }

    /// The ledger (MODEL.md §5, "Ledger test"): `ΔΣP = births − deaths + ΣF_in − ΣF_out` to `1e-9·ΣP`, else a
    /// numerical error; the step's result with its warnings and ledger.
    static func balancingLedger(_ allocation: Allocation, warnings: [String], population: [Double]) throws -> StepResult {
        let delta = allocation.result.population.reduce(0, +) - population.reduce(0, +)
        let expected = allocation.births - allocation.deaths + allocation.fromRestOfChina - allocation.toRestOfChina
        guard abs(delta - expected) <= 1e-9 * population.reduce(0, +) else {
            throw SimulationError.numerical("population ledger does not balance: ΔP = \(delta), flows = \(expected)")
        }
        var out = allocation.result
        out.warnings = warnings
        out.ledger = PopulationLedger(
            before: population.reduce(0, +), after: out.population.reduce(0, +), births: allocation.births,
            deaths: allocation.deaths, fromRestOfChina: allocation.fromRestOfChina, toRestOfChina: allocation.toRestOfChina,
            netMigration: out.netMigration.reduce(0, +))
        return out
    }
}

extension ZoneModel {
    /// Zone-to-zone times of this year (MODEL.md §5, `T[r,s]` of V): population-weighted means of the members'
    /// times, then for each friction lever with factor `f ≠ 1` the pairs among its places' zones become
    /// `(T + T0)^f − T0`.
    func times(_ travel: Matrix, weights population: [Double], friction: [([Int], Double)], offsetHours t0: Double) -> Matrix {
        var tZ = times(travel, weights: population)
        for (places, f) in friction where f != 1 {
            let zs = Set(places.map { zoneOf[$0] })
            for a in zs { for b in zs where a != b { tZ[a, b] = pow(tZ[a, b] + t0, f) - t0 } }
        }
        return tZ
    }
}
