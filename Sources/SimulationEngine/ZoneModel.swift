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

    /// Gross out-rates per zone: the base rate, plus a zone's census-decade net loss rate where it loses people, so
    /// that the arrivals it needs (`o·P + NM`) stay positive (modelling choice; MODEL-v3 §3.4 asks for the census
    /// "residence five years ago" rates, not in the data). `netTarget` and `population` per zone.
    static func grossOutRates(base: Double, netTarget: [Double], population: [Double]) -> [Double] {
        zip(netTarget, population).map { net, pop in base + max(0, -net / max(pop, 1)) }
    }

    func sum(_ v: [Double]) -> [Double] { members.map { $0.reduce(0.0) { $0 + v[$1] } } }

    func weighted(_ v: [Double], by w: [Double]) -> [Double] {
        members.map { ms in
            let tw = ms.reduce(0.0) { $0 + w[$1] }
            return tw > 0 ? ms.reduce(0.0) { $0 + v[$1] * w[$1] } / tw : ms.reduce(0.0) { $0 + v[$1] } / Double(ms.count)
        }
    }

    /// Housing-capacity shares inside a zone (MODEL.md §5): member r's share of the zone's arrivals is
    /// `(P_r·o_z + NM_r/10) / Σ (P·o_z + NM/10)`, so that with the zone's common leaving rate o_z each member's
    /// 2019 net migration is its own census-decade target (the nine central districts' split of their zone's
    /// gain follows the census); a member whose share would be negative gets none.
    func housingShares(population: [Double], outRates o: [Double], placeTarget: [Double]) -> [Double] {
        var housing = [Double](repeating: 1, count: population.count)
        for (zone, ms) in members.enumerated() {
            let want = ms.map { max(population[$0] * o[zone] + placeTarget[$0], 0) }
            let t = want.reduce(0, +)
            for (k, r) in ms.enumerated() { housing[r] = t > 0 ? want[k] / t : 1 / Double(ms.count) }
        }
        return housing
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

    /// Calibrates stay constants (closed form, o_r), destination constants and the rest-of-China constant (a
    /// fixed share of leavers heads for the rest of China). The destination constants make each zone's 2019
    /// net migration the sum of its members' `netMigrationTarget` (persons a year per jurisdiction: one tenth of
    /// the 2010 → 2020 census residual, MODEL-v3 §3.4), the inflow from the rest of China closes the circle's
    /// total, and the housing shares split a zone's arrivals so that each member gets its own target.
    func calibrate(
        population: [Double], employment: [Double], gdp: [Double], travel: Matrix, gateway: [Double],
        parameters p: YearParameters, restOfChinaLabour: Double, restOfChinaWage: Double, netMigrationTarget placeTarget: [Double]
    ) throws -> MigrationState {
        let z = count
        let netTarget = sum(placeTarget)
        let popZ = sum(population), labZ = sum(employment)
        let wageZ = zip(sum(gdp), popZ).map { $0 * 1e8 / $1 }  // GDP per head, yuan (2019 wage proxy)
        let tZ = times(travel, weights: population)
        let gwZ = weighted(gateway, by: population)
        let mp = p.migration
        let ones = [Double](repeating: 1, count: z)
        var asc = [Double](repeating: 0, count: z), ascRoC = 0.0
        var stay = [Double](repeating: 0, count: z)
        let o = Self.grossOutRates(base: p.grossOutRate, netTarget: netTarget, population: popZ)
        let target = CalibrationConstants.leaverShareToRestOfChina
        var fIn0 = 0.0
        var converged = false, lastError = Double.infinity
        var probs: MigrationProbabilities! = nil
        let barrier = [Double](repeating: p.hukouBarrier, count: z)
        for _ in 0..<CalibrationConstants.migrationCalibrationSweeps {
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
            fIn0 = max(toRoC + netTarget.reduce(0, +), 0)
            let sh = MigrationState.inflowShares(zones: zones, gateway: gwZ, parameters: mp)
            let arrivals = try probs.toZone.applied(to: popZ, transposed: true)
            var err = abs(log(target / share))
            for k in 0..<z {
                let inflow = arrivals[k] + fIn0 * sh[k]
                let step = log(max(out[k] + netTarget[k], 1e-9 * out[k]) / inflow)
                asc[k] += step
                err = max(err, abs(step))
            }
            ascRoC += log(target / (1 - target)) - log(share / (1 - share))
            lastError = err
            if err < 1e-11 { converged = true; break }
        }
        var warnings: [String] = []
        if !converged { warnings.append("migration calibration did not converge to 1e-11 in \(CalibrationConstants.migrationCalibrationSweeps) iterations (last step \(lastError))") }
        let housing = housingShares(population: population, outRates: o, placeTarget: placeTarget)
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
    /// γ per zone (its province's γ_p; MODEL-v3 §3.4): destination utility per unit of the trend variable d(t)
    /// (`MigrationTrend`); empty until `fittingTrend`.
    var trendUtility: [Double] = []

    struct StepResult {
        var population: [Double]
        var urbanBeforeConversion: [Double]
        var netMigration: [Double]
        /// Gross departures and arrivals per jurisdiction, persons (`net = in − out`).
        var outMigrants: [Double], inMigrants: [Double]
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
}
