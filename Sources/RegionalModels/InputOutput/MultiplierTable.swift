import MatrixCore

/// Households for the type II closure of a table (see `HouseholdClosedModel`).
public struct HouseholdSpecification: Sendable {
    /// For each industry `j`, the household (0..<H) that receives its compensation of employees.
    public let householdOfIndustry: [Int]
    /// Household consumption `C` (`n × H`): purchases from industry `i` by household `h` (flows, not shares).
    public let consumption: Matrix

    public init(householdOfIndustry: [Int], consumption: Matrix) {
        self.householdOfIndustry = householdOfIndustry
        self.consumption = consumption
    }
}

/// Everything `chengyu io multipliers` reports for a table, per industry (length `n` each).
public struct MultiplierTable: Sendable {
    /// `A = Z·diag(x)⁻¹`.
    public let technicalCoefficients: Matrix
    /// The gross output used (`x` as given, else `Z·1 + Y·1`).
    public let grossOutput: [Double]
    /// Type I output multipliers `1ᵀL` (M&B §6.2.1).
    public let output: [Double]
    /// Value-added multipliers by component, `V·diag(x)⁻¹·L` (`k × n`; pymrio's `M` of the value-added
    /// extension); nil without value added.
    public let valueAddedByComponent: Matrix?
    /// Total value-added multipliers `vᵀL`, `v = Σ components / x` (equals 1 for a closed world table).
    public let valueAdded: [Double]?
    /// Simple income multipliers `h_Rᵀ·L` (compensation per unit of final demand, M&B §6.2.2).
    public let income: [Double]?
    /// Type I income multipliers: `income_j / h_R,j`.
    public let incomeTypeI: [Double?]?
    /// Simple employment multipliers `eᵀL` (employment per unit of final demand).
    public let employment: [Double]?
    /// Type I employment multipliers `employment_j / e_j`.
    public let employmentTypeI: [Double?]?
    /// Type II output multipliers (households endogenous).
    public let outputTypeII: [Double]?
    /// Type II income multipliers `Σ_h L̄[n+h, j] / h_R,j`.
    public let incomeTypeII: [Double?]?
    /// Type II employment multipliers.
    public let employmentTypeII: [Double?]?
    /// Rasmussen-normalised backward linkages (from `1ᵀL`).
    public let backwardLinkage: [Double]
    /// Rasmussen-normalised forward linkages (from Ghosh row sums `G·1`).
    public let forwardLinkage: [Double]
    /// Diagnostics of `I − A`, with the calibration residual `‖L·(Y·1) − x‖/‖x‖`.
    public let diagnostics: LeontiefDiagnostics
}

extension InputOutput {
    /// All multipliers a table allows, from flows (the library path of `chengyu io multipliers`).
    ///
    /// Memory: pass `Z` as the only reference (`MRIOTable.takeFlows()`, `consume`) and `A` is formed in its
    /// storage; at most three `n × n` matrices are then alive (`A`, the LU factors of `I − A` and, while
    /// `ρ(A)` is computed, those of `σI − A`); two without the spectral radius.
    ///
    /// One factorisation of `I − A` serves output, value-added, income and employment multipliers, the
    /// linkages (each one transposed solve, or one solve for the Ghosh row sums) and, by block elimination
    /// with an `H × H` Schur complement, the type II multipliers of the household-closed `I − Ā`.
    /// - Parameters:
    ///   - z: flows `Z` (`n × n`); `y`: final demand `Y` (`n × k`).
    ///   - x: gross output; nil for `Z·1 + Y·1`.
    ///   - valueAdded: value-added block (`c × n`, rows are components), optional.
    ///   - compensationRow: the row of `valueAdded` holding compensation of employees (for income and type II).
    ///   - employment: persons (or any unit) employed per industry, optional.
    ///   - households: the type II closure; needs `compensationRow`.
    ///   - spectralRadius: whether the diagnostics include `ρ(A)` (`InputOutput.perronRoot`).
    public static func multiplierTable(
        flows z: consuming Matrix, finalDemand y: Matrix, grossOutput x: [Double]? = nil, valueAdded: Matrix? = nil,
        compensationRow: Int? = nil, employment: [Double]? = nil, households: HouseholdSpecification? = nil,
        spectralRadius: Bool = true
    ) throws -> MultiplierTable {
        let n = z.rows
        let y0 = y.rowSums
        let x = try x ?? grossOutputFromSales(flows: z, finalDemand: y)
        // A in Z's storage when the caller handed Z over (`MRIOTable.takeFlows()`): then the n × n matrices
        // alive at once are A and the LU factors of I − A (plus σI − A's factors while ρ(A) is computed).
        let a = try technicalCoefficients(consuming: consume z, grossOutput: x)
        let model = try LeontiefModel(technicalCoefficients: a)
        try model.requireProductive()
        let diagnostics = try model.diagnostics(finalDemand: y0, grossOutput: x, spectralRadius: spectralRadius)
        let output = try model.outputMultipliers()

        var vaByComponent: Matrix? = nil, vaTotal: [Double]? = nil
        var income: [Double]? = nil, incomeI: [Double?]? = nil, hR: [Double]? = nil
        if let va = valueAdded {
            let v = try primaryInputCoefficients(va, grossOutput: x)
            // One multi-RHS transposed solve for all components and their total.
            var rows = v.transposed.storage
            rows += v.columnSums
            var withCompensation = v.rows + 1
            if let c = compensationRow {
                guard c >= 0, c < v.rows else {
                    throw InputOutputError.dimensionMismatch(
                        operation: "multiplierTable", expected: "compensation row < \(v.rows)", got: "\(c)")
                }
                rows += v.row(c)
                withCompensation += 1
            }
            let c = try Matrix(rows: n, columns: withCompensation, columnMajor: rows)
            let m = try wrappingMatrixErrors { try model.factorization.solve(c, transposed: true) }
            vaByComponent = try m.block(rows: 0..<n, columns: 0..<v.rows).transposed
            vaTotal = m.column(v.rows)
            if let cr = compensationRow {
                hR = v.row(cr)
                income = m.column(v.rows + 1)
                incomeI = try ratioMultipliers(total: income!, direct: hR!)
            }
        }
        var employmentM: [Double]? = nil, employmentI: [Double?]? = nil, e: [Double]? = nil
        if let employment {
            try requireCount(employment, n, "multiplierTable", "employment")
            let ec = try primaryInputCoefficients(Matrix(rows: 1, columns: n, columnMajor: employment), grossOutput: x).storage
            e = ec
            employmentM = try model.multipliers(coefficients: ec)
            employmentI = try ratioMultipliers(total: employmentM!, direct: ec)
        }
        var outputII: [Double]? = nil, incomeII: [Double?]? = nil, employmentII: [Double?]? = nil
        if let households, let hR, let va = valueAdded, let cr = compensationRow {
            let closedModel = try householdClosedModel(
                open: model, compensation: va.row(cr), grossOutput: x, households: households)
            outputII = try closedModel.outputMultipliers()
            incomeII = try ratioMultipliers(total: closedModel.incomeMultipliers(), direct: hR)
            if let e { employmentII = try ratioMultipliers(total: closedModel.multipliers(coefficients: e), direct: e) }
        }
        let forward = try model.ghoshRowSums(grossOutput: x)
        return MultiplierTable(
            technicalCoefficients: a, grossOutput: x, output: output, valueAddedByComponent: vaByComponent,
            valueAdded: vaTotal, income: income, incomeTypeI: incomeI, employment: employmentM,
            employmentTypeI: employmentI, outputTypeII: outputII, incomeTypeII: incomeII,
            employmentTypeII: employmentII, backwardLinkage: normalisedLinkages(output),
            forwardLinkage: normalisedLinkages(forward), diagnostics: diagnostics)
    }

    /// The household-closed model of a table: `h_R[h, j] = COMP_j / x_j` for the household `h` of industry
    /// `j`, `h_C[i, h] = C[i, h] / Σ_{j of h} COMP_j` (see `HouseholdClosedModel` for the closure).
    /// - Throws: `.invalidParameter` when a household with consumption earns no compensation.
    public static func householdClosedModel(
        open: LeontiefModel, compensation: [Double], grossOutput x: [Double],
        households: HouseholdSpecification
    ) throws -> HouseholdClosedModel {
        let n = open.order, h = households.consumption.columns
        try requireCount(compensation, n, "householdClosedModel", "compensation")
        guard households.householdOfIndustry.count == n, households.consumption.rows == n,
              households.householdOfIndustry.allSatisfy({ $0 >= 0 && $0 < h }) else {
            throw InputOutputError.dimensionMismatch(
                operation: "householdClosedModel", expected: "household of each of \(n) industries in 0..<\(h)",
                got: "\(households.householdOfIndustry.count) entries")
        }
        var hR = Matrix(rows: h, columns: n)
        var income = [Double](repeating: 0, count: h)
        for j in 0..<n {
            let k = households.householdOfIndustry[j]
            income[k] += compensation[j]
            hR[k, j] = x[j] > 0 ? compensation[j] / x[j] : 0
        }
        var hC = households.consumption
        for k in 0..<h {
            let spend = (0..<n).reduce(0.0) { $0 + hC[$1, k] }
            if spend != 0 && income[k] <= 0 {
                throw InputOutputError.invalidParameter(
                    name: "household \(k + 1) income", value: income[k], reason: "consumption without compensation")
            }
            let inv = income[k] > 0 ? 1 / income[k] : 0
            for i in 0..<n { hC[i, k] *= inv }
        }
        return try HouseholdClosedModel(open: open, incomeCoefficients: hR, consumptionCoefficients: hC)
    }
}
