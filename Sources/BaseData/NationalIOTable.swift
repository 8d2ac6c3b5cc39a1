import MatrixCore

/// The three broad sectors of the national accounts.
public enum BroadSector: String, Sendable, Hashable, Codable, CaseIterable {
    case primary, secondary, tertiary
}

/// A sector of the 42-sector national table (2017 classification).
public struct Sector: Sendable, Hashable, Codable, Identifiable {
    /// Two-digit code `"01"` … `"42"`.
    public var id: String
    public var nameEn: String
    public var nameZh: String
    /// Broad sector: 01 primary; 02–27 secondary (construction 27 included); 28–42 tertiary.
    public var broadSector: BroadSector
    /// Local supply is the rule (MODEL.md §2 defaults: 27, 33, 37, 38, 39, 40, 42).
    public var isNontradable: Bool
}

/// Final demand by category for the 42 products, 10,000 yuan.
public struct FinalDemandCategories: Sendable, Hashable, Codable {
    /// Rural household consumption (FU101 share of TC from the 153-sector table).
    public var ruralHouseholds: [Double]
    /// Urban household consumption (FU102 share of TC).
    public var urbanHouseholds: [Double]
    /// Government consumption (FU103 share of TC).
    public var government: [Double]
    /// Total final consumption TC (= the three above).
    public var totalConsumption: [Double]
    /// Gross fixed capital formation (FU201).
    public var grossFixedCapitalFormation: [Double]
    /// Changes in inventories (FU202), may be negative.
    public var inventoryChange: [Double]
    /// Exports (EX).
    public var exports: [Double]
}

/// Split of total final consumption TC into rural households, urban households and government, per product,
/// from the 2018 153-sector table aggregated to 42 (`national-io/consumption_split_2018_42.csv`).
public struct ConsumptionSplit: Sendable, Hashable, Codable {
    public var ruralHouseholdShare: [Double]
    public var urbanHouseholdShare: [Double]
    public var governmentShare: [Double]
}

/// China's national input–output table with 42 sectors, domestic and imported flows separated
/// (non-competitive-import layout), in 10,000 yuan at current producers' prices.
///
/// Coefficients follow Miller & Blair (2009) eq. 2.4: `A_dom[i,j] = Z_dom[i,j] / x[j]`,
/// `A_imp[i,j] = Z_imp[i,j] / x[j]`, `v[j] = VA[j] / x[j]`, so that for every column j
/// `Σ_i A_dom[i,j] + Σ_i A_imp[i,j] + v[j] = 1` (total input = gross output).
public struct NationalIOTable: Sendable, Equatable {
    public var year: Int
    public var sectors: [Sector]
    /// `Z_dom`: domestic intermediate flows, rows = supplying product, columns = using sector; 10,000 yuan.
    public var domesticFlows: Matrix
    /// `Z_imp`: imported intermediate flows; 10,000 yuan.
    public var importedFlows: Matrix
    /// `x`: gross output = total input per sector; 10,000 yuan.
    public var grossOutput: [Double]
    /// Value added per sector (TVA); 10,000 yuan.
    public var valueAdded: [Double]
    /// Compensation of employees (VA001); 10,000 yuan.
    public var compensationOfEmployees: [Double]
    /// Net taxes on production (VA002); 10,000 yuan.
    public var netTaxesOnProduction: [Double]
    /// Depreciation of fixed assets (VA003); 10,000 yuan.
    public var depreciation: [Double]
    /// Operating surplus (VA004); 10,000 yuan.
    public var operatingSurplus: [Double]
    /// Final demand for domestically produced products; 10,000 yuan.
    public var domesticFinalDemand: FinalDemandCategories
    /// Final demand for imported products; 10,000 yuan.
    public var importedFinalDemand: FinalDemandCategories
    /// Total imports per product (the `GO` cell of the import rows); 10,000 yuan.
    public var importsByProduct: [Double]

    public var sectorCount: Int { sectors.count }

    /// `A_dom = Z_dom · diag(x)⁻¹` (Miller & Blair eq. 2.4).
    public var domesticCoefficients: Matrix { Self.divideColumns(domesticFlows, by: grossOutput) }
    /// `A_imp = Z_imp · diag(x)⁻¹`.
    public var importCoefficients: Matrix { Self.divideColumns(importedFlows, by: grossOutput) }
    /// `v[j] = VA[j] / x[j]`.
    public var valueAddedCoefficients: [Double] { zip(valueAdded, grossOutput).map { $0 / $1 } }
    /// Compensation of employees per unit of output, `VA001[j] / x[j]`.
    public var compensationCoefficients: [Double] { zip(compensationOfEmployees, grossOutput).map { $0 / $1 } }
    /// Compensation share of value added, `VA001[j] / VA[j]`.
    public var compensationShareOfValueAdded: [Double] { zip(compensationOfEmployees, valueAdded).map { $0 / $1 } }
    /// Capital share at factor cost, `α = 1 − Σ VA001 / Σ (VA − VA002)` (≈ 0.425 in 2018; MODEL.md §2).
    public var capitalShareAtFactorCost: Double {
        let comp = compensationOfEmployees.reduce(0, +)
        let factor = zip(valueAdded, netTaxesOnProduction).map { $0 - $1 }.reduce(0, +)
        return 1 - comp / factor
    }
    /// Σ VA = GDP by production, in 100 million yuan (亿元).
    public var totalValueAddedHundredMillionYuan: Double { valueAdded.reduce(0, +) / 1e4 }

    /// Index of a sector code.
    public func index(ofSector code: String) -> Int? { sectors.firstIndex { $0.id == code } }

    static func divideColumns(_ m: Matrix, by x: [Double]) -> Matrix {
        var out = m
        for j in 0..<m.columns {
            let d = x[j]
            for i in 0..<m.rows { out[i, j] = d == 0 ? 0 : m[i, j] / d }
        }
        return out
    }
}

/// National employment by industry and labour coefficients for the 42 sectors.
///
/// Employment divisions (GB/T 4754 sections/divisions, 10,000 persons) are mapped to the 42 IO sectors by
/// `national-io/employment_concordance.csv` (documented in the data README).
public struct LabourData: Sendable, Hashable, Codable {
    /// Year of the employment figures and of the table used for output (2018).
    public var year: Int
    /// Employed persons per IO sector, persons.
    public var employmentPersons: [Double]
    /// Total employed persons (the table's TOT row), persons.
    public var totalEmploymentPersons: Double
    /// `l_nat[i] = employment[i] / x[i]`, persons per 10,000 yuan of output.
    public var labourCoefficientsPersonsPer10kYuan: [Double]
    /// Compensation (VA001) per worker, yuan per person per year.
    public var compensationPerWorkerYuan: [Double]
    /// The concordance: division or section code → sector code.
    public var concordance: [String: String]
}
