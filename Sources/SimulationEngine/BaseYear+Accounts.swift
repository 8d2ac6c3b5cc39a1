import BaseData
import Foundation
import MatrixCore
import RegionalModels

/// The 2019 regional accounts and the producer-side sales fixed at national rates (MODEL.md §2, §4).
extension BaseYear {
    /// Regional value added summed per jurisdiction and gross output per industry.
    struct Accounts {
        /// Gross output `x0[r,i]`, 100m yuan (index `r·S + i`).
        let output: [Double]
        /// GDP per jurisdiction, `Σ_i VA[r,i]`, 100m yuan.
        let gdp: [Double]
    }

    /// Sales of every industry that do not depend on the trade structure: exports abroad and inventories.
    struct ProducerSales {
        /// `EXw[r,i]`, 100m yuan.
        let exportsAbroad: [Double]
        /// `inv[r,i] = x0[r,i]·inv_nat[i]/GO_nat[i]`, 100m yuan.
        let inventory: [Double]
        /// `max(inv_nat[i], 0)/GO_nat[i]` per sector.
        let inventoryRatio: [Double]
    }

    /// National gross output of 2018 scaled to 2019 and to 100m yuan: `x_nat[i] = GO_nat[i]·1.0746/10⁴`
    /// (MODEL.md §2, "National size": SLQ and λ compare 2019 regional output with the table scaled to 2019).
    static func nationalOutput2019(_ nat: NationalIOTable) -> [Double] {
        let scale = BaseDataset.nationalScaling2018To2019 / 1e4  // 10,000 yuan (2018) → 100m yuan (2019)
        return nat.grossOutput.map { $0 * scale }
    }

    /// Regional value added and output (MODEL.md §2, "Regional value added and output"; MODEL-v3 §4.7):
    /// `VA[r,i]` from ``BaseDataset/valueAdded2019BySector(jurisdiction:)`` — the published three-sector split scaled
    /// to GDP and spread over the sectors of each broad sector by `VA_nat[i]·tilt[r,i]` (tilt 1 where no data) —
    /// `x0[r,i] = VA[r,i]/v[i]`, `GDP[r] = Σ_i VA[r,i]`.
    static func regionalAccounts(structure cs: CircleStructure) -> Accounts {
        let nat = cs.dataset.nationalTable
        let d = cs.dims, r = d.regions, n = d.industries
        let v = nat.valueAddedCoefficients
        var x0 = [Double](repeating: 0, count: n), gdp = [Double](repeating: 0, count: r)
        for (reg, j) in cs.jurisdictions.enumerated() {
            for (i, va) in cs.dataset.valueAdded2019BySector(jurisdiction: j).enumerated() {
                x0[d.index(region: reg, sector: i)] = v[i] > 0 ? va / v[i] : 0
                gdp[reg] += va
            }
        }
        return Accounts(output: x0, gdp: gdp)
    }

    /// Exports abroad and inventories at national rates (MODEL.md §4, "Exports abroad"):
    /// `EXw[r,i] = x0[r,i]·EX_nat[i]/GO_nat[i]`, scaled for Chongqing's jurisdictions to the province's 2019
    /// exports shared by the circle part's GDP where the data have them; `inv[r,i] = x0[r,i]·inv_nat[i]/GO_nat[i]`
    /// (negative national inventory change counted as 0).
    static func producerSales(structure cs: CircleStructure, accounts: Accounts) -> ProducerSales {
        let ds = cs.dataset, nat = ds.nationalTable
        let d = cs.dims, r = d.regions, s = d.sectors, n = d.industries
        let x0 = accounts.output, gdp = accounts.gdp
        let exportIntensity = (0..<s).map { nat.grossOutput[$0] > 0 ? nat.domesticFinalDemand.exports[$0] / nat.grossOutput[$0] : 0 }
        let inventoryRatio = (0..<s).map { nat.grossOutput[$0] > 0 ? max(nat.domesticFinalDemand.inventoryChange[$0], 0) / nat.grossOutput[$0] : 0 }
        var exw = (0..<n).map { x0[$0] * exportIntensity[$0 % s] }
        // Chongqing's 2019 exports where the data have them, shared by the circle part's GDP.
        if let cqExports = ds.provinceContext.value(region: "chongqing", indicator: "exports_100m_yuan", year: 2019), cqExports > 0,
           let cqGDP = ds.provinceContext.value(region: "chongqing", indicator: "gdp_100m_yuan", year: 2019) {
            let cqRegions = (0..<r).filter { cs.jurisdictions[$0].province == .chongqing }
            let circleCQGDP = cqRegions.reduce(0.0) { $0 + gdp[$1] }
            let modelled = cqRegions.reduce(0.0) { acc, reg in acc + (0..<s).reduce(0.0) { $0 + exw[d.index(region: reg, sector: $1)] } }
            let target = cqExports * circleCQGDP / cqGDP
            if modelled > 0 { for reg in cqRegions { for i in 0..<s { exw[d.index(region: reg, sector: i)] *= target / modelled } } }
        }
        let inv = (0..<n).map { x0[$0] * inventoryRatio[$0 % s] }
        return ProducerSales(exportsAbroad: exw, inventory: inv, inventoryRatio: inventoryRatio)
    }
}
