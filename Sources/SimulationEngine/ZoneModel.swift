import BaseData
import Foundation
import MatrixCore
import RegionalModels

/// Migration on the 34 zones (the 9 central districts of Chongqing merged into one labour market; MODEL.md
/// §1, §5): aggregation of jurisdictions to zones, the 2019 calibration and the yearly step.
struct ZoneModel: Sendable {
    let members: [[Int]]
    let zoneOf: [Int]

    init(structure cs: CircleStructure) {
        zoneOf = cs.zoneOf
        var m = [[Int]](repeating: [], count: cs.zoneCount)
        for (reg, z) in cs.zoneOf.enumerated() { m[z].append(reg) }
        members = m
    }

    var count: Int { members.count }

    func sum(_ v: [Double]) -> [Double] { members.map { $0.reduce(0.0) { $0 + v[$1] } } }

    func weighted(_ v: [Double], by w: [Double]) -> [Double] {
        members.map { ms in
            let tw = ms.reduce(0.0) { $0 + w[$1] }
            return tw > 0 ? ms.reduce(0.0) { $0 + v[$1] * w[$1] } / tw : ms.reduce(0.0) { $0 + v[$1] } / Double(ms.count)
        }
    }

    /// Zone-to-zone times: population-weighted means of the members' times.
    func times(_ t: Matrix, weights w: [Double]) -> Matrix {
        let z = count
        var out = Matrix(rows: z, columns: z)
        for a in 0..<z {
            for b in 0..<z where a != b {
                var num = 0.0, den = 0.0
                for r in members[a] { for s in members[b] { let ww = w[r] * w[s]; num += ww * t[r, s]; den += ww } }
                out[a, b] = den > 0 ? num / den : 0
            }
        }
        return out
    }

    /// Calibrates stay constants (closed form, o_r), destination constants (zero net migration per zone in
    /// 2019, as the census-consistent base population assumes) and the rest-of-China constant (a fixed share
    /// of leavers heads for the rest of China).
    func calibrate(
        population: [Double], employment: [Double], gdp: [Double], travel: Matrix, gateway: [Double],
        parameters p: YearParameters, restOfChinaLabour: Double, restOfChinaWage: Double
    ) throws -> MigrationState {
        let z = count
        let popZ = sum(population), labZ = sum(employment)
        let wageZ = zip(sum(gdp), popZ).map { $0 * 1e8 / $1 }  // GDP per head, yuan (2019 wage proxy)
        let tZ = times(travel, weights: population)
        let gwZ = weighted(gateway, by: population)
        let mp = p.migration
        let ones = [Double](repeating: 1, count: z)
        var asc = [Double](repeating: 0, count: z), ascRoC = 0.0
        var stay = [Double](repeating: 0, count: z)
        let o = [Double](repeating: p.grossOutRate, count: z)
        let target = CalibrationConstants.leaverShareToRestOfChina
        var fIn0 = 0.0
        var converged = false
        var probs: MigrationProbabilities! = nil
        let barrier = [Double](repeating: p.hukouBarrier, count: z)
        for _ in 0..<500 {
            let zones = ZoneAttractions(
                labourPersons: labZ, baseWageYuan: wageZ, wageIndex: ones, employmentRateIndex: ones,
                barrierWageShare: barrier, destinationConstants: asc)
            let outside = OutsideDestination(labourPersons: max(restOfChinaLabour, 1), wageYuan: restOfChinaWage, destinationConstant: ascRoC)
            let first = try migrationProbabilities(zones: zones, outside: outside, stayConstants: stay, travelHours: tZ, gatewayHours: gwZ, parameters: mp)
            stay = try calibratedStayConstants(inclusiveValue: first.inclusiveValue, grossOutMigrationRate: o)
            probs = try migrationProbabilities(zones: zones, outside: outside, stayConstants: stay, travelHours: tZ, gatewayHours: gwZ, parameters: mp)
            let out = zip(popZ, probs.leaving).map { $0 * $1 }
            let toRoC = zip(popZ, probs.toOutside).map { $0 * $1 }.reduce(0, +)
            let share = toRoC / out.reduce(0, +)
            fIn0 = toRoC
            let sh = MigrationState.inflowShares(zones: zones, gateway: gwZ, parameters: mp)
            let arrivals = try probs.toZone.applied(to: popZ, transposed: true)
            var err = abs(log(target / share))
            for k in 0..<z {
                let inflow = arrivals[k] + fIn0 * sh[k]
                let step = log(out[k] / inflow)
                asc[k] += step
                err = max(err, abs(step))
            }
            ascRoC += log(target / (1 - target)) - log(share / (1 - share))
            if err < 1e-11 { converged = true; break }
        }
        var warnings: [String] = []
        if !converged { warnings.append("migration calibration did not converge to 1e-11 in 500 iterations") }
        // Housing-capacity shares inside a zone: 2019 population shares (data default, overridable later).
        var housing = [Double](repeating: 1, count: population.count)
        for ms in members {
            let t = ms.reduce(0.0) { $0 + population[$1] }
            for r in ms { housing[r] = t > 0 ? population[r] / t : 1 / Double(ms.count) }
        }
        return MigrationState(
            model: self, destinationConstants: asc, stayConstants: stay, outsideConstant: ascRoC, inflow2019: fIn0,
            housingShares: housing, labour2019: labZ, baseWage: wageZ, restOfChinaLabour: max(restOfChinaLabour, 1),
            restOfChinaWage2019: restOfChinaWage, population2019: popZ,
            smoothedLogWage: [Double](repeating: 0, count: z), smoothedLogEmployment: [Double](repeating: 0, count: z),
            smoothedLogBarrier: barrier.map { log(1 - $0) }, smoothedLogTime: tZ.map { log($0 + p.t0) },
            smoothedLogGateway: gwZ.map { log($0 + p.t0) }, initialised: true, warnings: warnings)
    }
}

/// The calibrated migration model and its smoothed utilities (MODEL.md §5).
struct MigrationState: Sendable {
    let model: ZoneModel
    let destinationConstants: [Double]
    let stayConstants: [Double]
    let outsideConstant: Double
    /// `F_in0`: gross inflow from the rest of China in 2019, persons a year.
    let inflow2019: Double
    let housingShares: [Double]
    let labour2019: [Double]
    let baseWage: [Double]
    let restOfChinaLabour: Double
    let restOfChinaWage2019: Double
    let population2019: [Double]
    // Smoothed inputs of V (V is linear in them): V_used = (1 − φ_V)·V_used + φ_V·V.
    var smoothedLogWage: [Double]
    var smoothedLogEmployment: [Double]
    var smoothedLogBarrier: [Double]
    var smoothedLogTime: Matrix
    var smoothedLogGateway: [Double]
    var initialised: Bool
    var warnings: [String]

    struct StepResult {
        var population: [Double]
        var urbanBeforeConversion: [Double]
        var netMigration: [Double]
        var warnings: [String]
        /// Persons moving between the Chongqing core zone and Chengdu, both directions.
        var coreFlows: Double = 0
        var ledger = PopulationLedger(before: 0, after: 0, births: 0, deaths: 0, fromRestOfChina: 0, toRestOfChina: 0, netMigration: 0)
    }

    /// Allocation of arrivals from the rest of China: `∝ exp V[RoC, s]`.
    static func inflowShares(zones: ZoneAttractions, gateway: [Double], parameters p: MigrationParameters) -> [Double] {
        let z = zones.labourPersons.count
        var v = [Double](repeating: 0, count: z)
        for s in 0..<z {
            v[s] = log(zones.labourPersons[s]) + p.wageElasticity * log(zones.baseWageYuan[s] * zones.wageIndex[s])
                + p.employmentRateElasticity * log(zones.employmentRateIndex[s]) + zones.destinationConstants[s]
                + p.wageElasticity * log(1 - zones.barrierWageShare[s]) - p.travelTimeElasticity * log(gateway[s] + p.timeOffsetHours)
        }
        let m = v.max() ?? 0
        let e = v.map { exp($0 - m) }
        let t = e.reduce(0, +)
        return e.map { $0 / t }
    }

    /// One year of migration and natural change for every jurisdiction (urbanisation before in-situ conversion).
    mutating func step(
        population: [Double], urban: [Double], employment: [Double], wageIndex: [Double], employmentIndex: [Double],
        barrier: [Double], friction: [([Int], Double)], travel: Matrix, gateway: [Double], parameters p: YearParameters,
        circleWageIndex: Double, restOfChinaWageIndex: Double, caps: [(Set<Int>, Double)], structure cs: CircleStructure, dataset ds: BaseDataset
    ) throws -> StepResult {
        let zm = model, z = zm.count, r = population.count
        let mp = p.migration
        // NaN or infinity here comes from an overflow upstream (e.g. a lever far beyond the economy): name it
        // rather than let it surface as a "negative" population.
        for (quantity, values) in [("population", population), ("employment", employment), ("wage index", wageIndex),
                                   ("employment-rate index", employmentIndex)] {
            if let k = values.firstIndex(where: { !$0.isFinite }) {
                throw SimulationError.numerical("\(quantity) of \(cs.ids[k]) is \(values[k]) before migration (an overflow upstream)")
            }
        }
        for (quantity, v) in [("circle wage index", circleWageIndex), ("rest-of-China wage index", restOfChinaWageIndex)] where !v.isFinite {
            throw SimulationError.numerical("\(quantity) is \(v) before migration (an overflow upstream)")
        }
        // Zone inputs this year.
        let popZ = zm.sum(population), labZ = zm.sum(employment)
        let wZ = zm.weighted(wageIndex, by: employment), eZ = zm.weighted(employmentIndex, by: population)
        let bZ = zm.weighted(barrier, by: population)
        var tZ = zm.times(travel, weights: population)
        for (places, f) in friction where f != 1 {
            let zs = Set(places.map { zm.zoneOf[$0] })
            for a in zs { for b in zs where a != b { tZ[a, b] = pow(tZ[a, b] + p.t0, f) - p.t0 } }
        }
        let gwZ = zm.weighted(gateway, by: population)
        let phi = p.utilitySmoothing
        for k in 0..<z {
            smoothedLogWage[k] = (1 - phi) * smoothedLogWage[k] + phi * log(max(wZ[k], 1e-12))
            smoothedLogEmployment[k] = (1 - phi) * smoothedLogEmployment[k] + phi * log(max(eZ[k], 1e-12))
            smoothedLogBarrier[k] = (1 - phi) * smoothedLogBarrier[k] + phi * log(1 - bZ[k])
            smoothedLogGateway[k] = (1 - phi) * smoothedLogGateway[k] + phi * log(gwZ[k] + p.t0)
        }
        smoothedLogTime = try (1 - phi) * smoothedLogTime + phi * tZ.map { log(max($0 + p.t0, 1e-12)) }
        let tUsed = smoothedLogTime.map { exp($0) - p.t0 }
        let gwUsed = smoothedLogGateway.map { exp($0) - p.t0 }
        let births = cs.jurisdictions.map { ds.provinceContext.value(region: $0.province.rawValue, indicator: "birth_rate_per_mille", year: 2019) ?? 10.5 }
        let deaths = cs.jurisdictions.map { ds.provinceContext.value(region: $0.province.rawValue, indicator: "death_rate_per_mille", year: 2019) ?? 7.3 }
        // F_in(t) = F_in0·(w̄_circle/w_RoC)^a_w, both indexed to 2019 (MODEL.md §5).
        let fIn = inflow2019 * pow(circleWageIndex / restOfChinaWageIndex, mp.wageElasticity)
        guard fIn.isFinite else {
            throw SimulationError.numerical(
                "inflow from the rest of China is \(fIn) persons: the circle's wage index \(circleWageIndex) against the rest of China's \(restOfChinaWageIndex) overflows")
        }

        func run(extraBarrier: [Double]) throws -> (StepResult, births: Double, deaths: Double, fromRoC: Double, toRoC: Double) {
            let zones = ZoneAttractions(
                labourPersons: labZ.map { max($0, 1) }, baseWageYuan: baseWage, wageIndex: smoothedLogWage.map(exp),
                employmentRateIndex: smoothedLogEmployment.map(exp),
                barrierWageShare: (0..<z).map { min(1 - exp(smoothedLogBarrier[$0]) + extraBarrier[$0], 0.99) },
                destinationConstants: destinationConstants)
            // w_RoC(t) follows the national productivity path.
            let outside = OutsideDestination(
                labourPersons: restOfChinaLabour, wageYuan: restOfChinaWage2019 * restOfChinaWageIndex,
                destinationConstant: outsideConstant)
            let probs = try migrationProbabilities(
                zones: zones, outside: outside, stayConstants: stayConstants, travelHours: tUsed, gatewayHours: gwUsed, parameters: mp)
            let shares = Self.inflowShares(zones: zones, gateway: gwUsed, parameters: mp)
            let flows = try migrate(population: popZ, probabilities: probs, inflowFromOutsidePersons: fIn, inflowShares: shares)
            var pNew = population, uNew = urban, net = [Double](repeating: 0, count: r)
            var b = 0.0, dth = 0.0
            for reg in 0..<r {
                let zk = zm.zoneOf[reg]
                let out = population[reg] * probs.leaving[zk]
                let arrive = flows.inflow[zk] * housingShares[reg]
                let u = population[reg] > 0 ? urban[reg] / population[reg] : 0
                pNew[reg] = population[reg] - out + arrive
                uNew[reg] = urban[reg] + u * (arrive - out)
                net[reg] = arrive - out
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
                let a = zm.zoneOf[cq], b = zm.zoneOf[cd]
                core = popZ[a] * probs.toZone[a, b] + popZ[b] * probs.toZone[b, a]
            }
            return (StepResult(population: pNew, urbanBeforeConversion: uNew, netMigration: net, warnings: [], coreFlows: core),
                    b, dth, flows.fromOutside.reduce(0, +), flows.toOutside.reduce(0, +))
        }
        var extra = [Double](repeating: 0, count: z)
        var result = try run(extraBarrier: extra)
        var capWarnings: [String] = []
        for (places, cap) in caps {
            let total = { (res: StepResult) in places.reduce(0.0) { $0 + res.population[$1] } }
            guard total(result.0) > cap else { continue }
            let zs = Set(places.map { zm.zoneOf[$0] })
            var lo = 0.0, hi = 0.95
            func trial(_ e: Double) throws -> (StepResult, births: Double, deaths: Double, fromRoC: Double, toRoC: Double) {
                var x = extra
                for k in zs { x[k] += e }
                return try run(extraBarrier: x)
            }
            if total(try trial(hi).0) > cap {
                capWarnings.append("population cap \(Int(cap)) on \(places.map { cs.ids[$0] }.joined(separator: ",")) cannot be held by settlement barriers alone")
                lo = hi
            } else {
                for _ in 0..<50 { let mid = (lo + hi) / 2; if total(try trial(mid).0) > cap { lo = mid } else { hi = mid } }
            }
            for k in zs { extra[k] += hi }
            result = try run(extraBarrier: extra)
            capWarnings.append("population cap binds on \(places.map { cs.ids[$0] }.joined(separator: ",")): barrier raised by \(String(format: "%.3f", hi))")
        }
        // Ledger: ΔΣP = births − deaths + ΣF_in − ΣF_out, to round-off.
        let delta = result.0.population.reduce(0, +) - population.reduce(0, +)
        let expected = result.births - result.deaths + result.fromRoC - result.toRoC
        guard abs(delta - expected) <= 1e-9 * population.reduce(0, +) else {
            throw SimulationError.numerical("population ledger does not balance: ΔP = \(delta), flows = \(expected)")
        }
        var out = result.0
        out.warnings = capWarnings
        out.ledger = PopulationLedger(
            before: population.reduce(0, +), after: out.population.reduce(0, +), births: result.births, deaths: result.deaths,
            fromRestOfChina: result.fromRoC, toRestOfChina: result.toRoC, netMigration: out.netMigration.reduce(0, +))
        return out
    }
}
