import BaseData
import Foundation
import MatrixCore
import RegionalModels

/// Local final demand of 2019 at the consumer (MODEL.md §4, "Local final demand by consumer location").
extension BaseYear {
    /// National baskets of domestic products, each a share of the category's total (domestic + imported)
    /// spending: `b[i] = max(dom[i], 0) / Σ (dom + imp)`.
    struct Baskets {
        let urban: [Double], rural: [Double], government: [Double], investment: [Double]
        /// Government's share of final consumption (households + government), national.
        let governmentShareOfConsumption: Double
    }

    /// Local final demand by category with the per-head levels behind it, per jurisdiction.
    struct LocalDemand {
        var demand: ConsumerDemand
        /// ι = GFCF/GDP.
        let investmentRate: [Double]
        /// `g_pc`, yuan per person.
        let governmentPerHead: [Double]
        /// `c_urb`, `c_rur`, yuan per person.
        let consumptionPerHeadUrban: [Double], consumptionPerHeadRural: [Double]
        /// `P` and `u` of 2019.
        let population: [Double], urbanShare: [Double]
    }

    /// The national final-demand baskets `b_C_urban, b_C_rural, b_G, b_I` (MODEL.md §2, "Final-demand
    /// baskets") and government's share of national consumption `G / (C_households + G)`.
    static func nationalBaskets(_ nat: NationalIOTable) -> Baskets {
        let dfd = nat.domesticFinalDemand, ifd = nat.importedFinalDemand
        let natHH = (dfd.urbanHouseholds + dfd.ruralHouseholds + ifd.urbanHouseholds + ifd.ruralHouseholds).reduce(0, +)
        let natG = (dfd.government + ifd.government).reduce(0, +)
        return Baskets(
            urban: basket(dfd.urbanHouseholds, ifd.urbanHouseholds), rural: basket(dfd.ruralHouseholds, ifd.ruralHouseholds),
            government: basket(dfd.government, ifd.government),
            investment: basket(dfd.grossFixedCapitalFormation, ifd.grossFixedCapitalFormation),
            governmentShareOfConsumption: natG / (natHH + natG))
    }

    /// `b[i] = max(dom[i], 0) / (Σ dom + Σ imp)` (0 where the category has no spending).
    static func basket(_ dom: [Double], _ imp: [Double]) -> [Double] {
        let total = dom.reduce(0, +) + imp.reduce(0, +)
        return dom.map { total > 0 ? max($0, 0) / total : 0 }
    }

    /// Local final demand by the basket rule (MODEL.md §4): levels from the provinces' 2019 expenditure shares
    /// of GDP (final consumption, GFCF; fallbacks 0.5377 and 0.4422), consumption split government/households
    /// by the national share and households urban/rural by the per-head ratio `c_urb = ratio·c_rur`;
    /// `C[s,i] = P·(u·c_urb·b_C_urban[i] + (1−u)·c_rur·b_C_rural[i])`, `G[s,i] = g_pc·P·b_G[i]`,
    /// `I[s,i] = ι·GDP·b_I[i]`.
    static func localFinalDemand(
        structure cs: CircleStructure, parameters p: YearParameters, gdp: [Double], baskets: Baskets
    ) -> LocalDemand {
        let ds = cs.dataset
        let d = cs.dims, r = d.regions, s = d.sectors, n = d.industries
        let bU = baskets.urban, bR = baskets.rural, bG = baskets.government, bI = baskets.investment
        let govShareOfConsumption = baskets.governmentShareOfConsumption
        var demand = ConsumerDemand(
            urbanHouseholds: .init(repeating: 0, count: n), ruralHouseholds: .init(repeating: 0, count: n),
            government: .init(repeating: 0, count: n), investment: .init(repeating: 0, count: n))
        var iota = [Double](repeating: 0, count: r), gpc = iota, cU = iota, cR = iota
        let pop = cs.jurisdictions.map(\.population2019Persons.value)
        let u0 = cs.jurisdictions.map(\.urbanShare2019Fraction.value)
        for (reg, j) in cs.jurisdictions.enumerated() {
            let prov = j.province.rawValue
            let fc = ds.provinceContext.value(region: prov, indicator: "final_consumption_share_of_gdp_fraction", year: 2019) ?? 0.5377
            let gfcf = ds.provinceContext.value(region: prov, indicator: "gfcf_share_of_gdp_fraction", year: 2019) ?? 0.4422
            let consumption = fc * gdp[reg] * 1e8  // yuan
            let household = consumption * (1 - govShareOfConsumption)
            let ratio = p.urbanRuralConsumptionRatio
            let cRural = household / (pop[reg] * (ratio * u0[reg] + (1 - u0[reg])))
            cR[reg] = cRural
            cU[reg] = ratio * cRural
            gpc[reg] = consumption * govShareOfConsumption / pop[reg]
            iota[reg] = gfcf
            for i in 0..<s {
                let k = d.index(region: reg, sector: i)
                demand.urbanHouseholds[k] = pop[reg] * u0[reg] * cU[reg] * bU[i] / 1e8
                demand.ruralHouseholds[k] = pop[reg] * (1 - u0[reg]) * cR[reg] * bR[i] / 1e8
                demand.government[k] = gpc[reg] * pop[reg] * bG[i] / 1e8
                demand.investment[k] = gfcf * gdp[reg] * bI[i]
            }
        }
        return LocalDemand(
            demand: demand, investmentRate: iota, governmentPerHead: gpc, consumptionPerHeadUrban: cU,
            consumptionPerHeadRural: cR, population: pop, urbanShare: u0)
    }

    /// Nontradables' final demand fitted from supply (MODEL.md §4, "Nontradables are local first"):
    /// `F0 = max(x0 − A·x0 − EXw − inv, 0)`, split across the categories in proportion to the basket rule
    /// (to households where the rule gives nothing). `A` is the operator after the nontradables' cap.
    static func fittingNontradableDemand(
        _ demand: ConsumerDemand, operator op: CheneryMosesOperator, structure cs: CircleStructure, output x0: [Double],
        sales: ProducerSales
    ) throws -> ConsumerDemand {
        let d = cs.dims, r = d.regions, s = d.sectors
        let exw = sales.exportsAbroad, inv = sales.inventory
        var demand = demand
        let ax = try op.applied(to: Matrix(column: x0)).storage
        for reg in 0..<r {
            for i in 0..<s where cs.nontradable[i] {
                let k = d.index(region: reg, sector: i)
                let f0 = max(x0[k] - ax[k] - exw[k] - inv[k], 0)
                let rule = demand.urbanHouseholds[k] + demand.ruralHouseholds[k] + demand.government[k] + demand.investment[k]
                if rule > 0 {
                    let q = f0 / rule
                    demand.urbanHouseholds[k] *= q; demand.ruralHouseholds[k] *= q; demand.government[k] *= q; demand.investment[k] *= q
                } else {
                    demand.urbanHouseholds[k] = f0  // no rule: attribute to households
                }
            }
        }
        return demand
    }

    /// Own shares of local final demand capped by supply (MODEL.md §4, "Routing" with the supply cap): where
    /// `Σ_j A[ss][i,j]·x0[s,j] + h[s→s,i]·F[s,i]` of a tradable exceeds `(1 − ε)·x0 − EXw − inv` (λ near 1, e.g.
    /// SLQ or a small δ), `h[s→s,i]` is lowered to `max(0, (cap − own use)/F)`; the rest is bought through the
    /// pool. Returns the shares and how many were lowered.
    static func cappingOwnFinalDemandShares(
        _ ownShare: [Double], own: [Matrix], consumerTotal: [Double], structure cs: CircleStructure,
        parameters p: YearParameters, output x0: [Double], sales: ProducerSales
    ) -> (shares: [Double], adjusted: Int) {
        let d = cs.dims, r = d.regions, s = d.sectors, n = d.industries
        let exw = sales.exportsAbroad, inv = sales.inventory
        var fdOwn = ownShare
        var ownIntermediate = [Double](repeating: 0, count: n)
        for reg in 0..<r {
            for j in 0..<s {
                let col = reg * s + j
                let xj = x0[col]
                if xj == 0 { continue }
                for i in 0..<s { ownIntermediate[reg * s + i] += own[reg][i, j] * xj }
            }
        }
        var adjustedOwn = 0
        for k in 0..<n where !cs.nontradable[k % s] && consumerTotal[k] > 0 {
            let cap = (1 - p.supplyCapEpsilon) * x0[k] - exw[k] - inv[k]
            if ownIntermediate[k] + fdOwn[k] * consumerTotal[k] > cap {
                fdOwn[k] = max(0, min(fdOwn[k], (cap - ownIntermediate[k]) / consumerTotal[k]))
                adjustedOwn += 1
            }
        }
        return (fdOwn, adjustedOwn)
    }
}

/// Element-wise sum (the national baskets' totals above add the categories cell by cell, then sum).
private func + (a: [Double], b: [Double]) -> [Double] { zip(a, b).map { $0 + $1 } }
