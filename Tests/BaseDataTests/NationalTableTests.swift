import Foundation
import MatrixCore
import Testing
@testable import BaseData

@Suite("National input–output tables")
struct NationalTableTests {
    @Test func valueAdded2018IsChinasGDP() throws {
        let t = try BaseDataset.load().nationalTable
        #expect(t.year == 2018)
        // NBS 2018 GDP after the 4th economic census revision: 919,281 亿元; the IO table's Σ VA is its own vintage
        let gdp = t.totalValueAddedHundredMillionYuan
        #expect(abs(gdp / 919_281 - 1) < 0.01, "Σ VA = \(gdp) 亿元")
        #expect(abs(gdp - 92.2e4) < 0.05e4)
    }

    @Test(arguments: [2017, 2018, 2020])
    func columnsOfCoefficientsSumToOne(_ year: Int) throws {
        let t = try BaseDataset.load().nationalTables[year]!
        let ad = t.domesticCoefficients.columnSums, am = t.importCoefficients.columnSums, v = t.valueAddedCoefficients
        for j in 0..<42 {
            #expect(abs(ad[j] + am[j] + v[j] - 1) < 1e-9, "year \(year) column \(j + 1)")
            #expect(ad[j] >= 0 && am[j] >= 0 && v[j] > 0)
        }
        // Σ VA components = TVA
        for j in 0..<42 {
            let parts = t.compensationOfEmployees[j] + t.netTaxesOnProduction[j] + t.depreciation[j] + t.operatingSurplus[j]
            #expect(abs(parts - t.valueAdded[j]) < 1e-6 * t.valueAdded[j])
        }
    }

    @Test func domesticRowsBalance() throws {
        let t = try BaseDataset.load().nationalTable
        let fd = t.domesticFinalDemand
        let rowUse = t.domesticFlows.rowSums
        for i in 0..<42 {
            let use = rowUse[i] + fd.totalConsumption[i] + fd.grossFixedCapitalFormation[i] + fd.inventoryChange[i] + fd.exports[i]
            #expect(abs(use - t.grossOutput[i]) < 1e-6 * t.grossOutput[i], "row \(i + 1)")
            let split = fd.ruralHouseholds[i] + fd.urbanHouseholds[i] + fd.government[i]
            #expect(abs(split - fd.totalConsumption[i]) <= 1e-9 * max(1, fd.totalConsumption[i]))
        }
    }

    @Test func sectorsBroadSplitAndNontradables() throws {
        let t = try BaseDataset.load().nationalTable
        #expect(t.sectors.map(\.id) == (1...42).map { String(format: "%02d", $0) })
        #expect(t.sectors.filter(\.isNontradable).map(\.id) == ["27", "33", "37", "38", "39", "40", "42"])
        #expect(t.sectors.filter { $0.broadSector == .primary }.map(\.id) == ["01"])
        #expect(t.sectors.filter { $0.broadSector == .secondary }.count == 26)
    }

    @Test func capitalShareAndScaling() throws {
        let d = try BaseDataset.load()
        #expect(abs(d.nationalTable.capitalShareAtFactorCost - 0.425) < 0.01)
        let gdp2019 = d.provinceContext.value(region: "china", indicator: "gdp_100m_yuan", year: 2019)!
        #expect(abs(gdp2019 / d.nationalTable.totalValueAddedHundredMillionYuan - BaseDataset.nationalScaling2018To2019) < 5e-4)
    }

    @Test func labourCoefficients() throws {
        let d = try BaseDataset.load()
        let l = d.labour, t = d.nationalTable
        #expect(abs(l.employmentPersons.reduce(0, +) / l.totalEmploymentPersons - 1) < 1e-3)
        #expect(l.employmentPersons[0] == 20_772e4)  // agriculture section A
        for i in 0..<42 {
            #expect(l.labourCoefficientsPersonsPer10kYuan[i] > 0)
            #expect(abs(l.labourCoefficientsPersonsPer10kYuan[i] * t.grossOutput[i] - l.employmentPersons[i]) < 1e-6 * l.employmentPersons[i])
        }
        // compensation per worker: agriculture far below finance
        #expect(l.compensationPerWorkerYuan[0] < l.compensationPerWorkerYuan[31])
        #expect(l.concordance["C27"] == "20" && l.concordance["M01"] == "35")
    }
}
