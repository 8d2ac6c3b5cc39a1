import MatrixCore
import RegionalModels
import TestFixtures
import Testing

/// Miller & Blair (2009), §2.5 closure with respect to households, on the §2.2 table: household row
/// (labour input coefficients) h_R = [0.30, 0.25], household column (consumption per unit of income)
/// h_C = [0.05, 0.40], household-to-household 0.05, i.e.
/// Ā = [[.15, .25, .05], [.20, .05, .40], [.30, .25, .05]].
///
/// Hand reference (exact fractions, det(I − Ā) = 0.587875): L̄ = (1/4703)·[[6420, 2000, 1180],
/// [2480, 6340, 2800], [2680, 2300, 6060]] — the textbook prints it to three decimals as
/// [[1.365, .425, .251], [.527, 1.348, .595], [.570, .489, 1.289]].
/// Type I income multipliers (h_Rᵀ L / h_R): [1340/909, 460/303] = [1.4741, 1.5182];
/// type II (L̄[3, j] / h_R,j): [26800/14109, 9200/4703] = [1.8995, 1.9562];
/// type I output 1ᵀL = [460/303, 440/303] = [1.5182, 1.4521];
/// type II output Σ_{i≤2} L̄[i, j] = [8900/4703, 8340/4703] = [1.8924, 1.7733].
@Suite("Type I and type II multipliers, Miller & Blair household closure")
struct HouseholdClosureTests {
    let a = try! Matrix([[0.15, 0.25], [0.20, 0.05]])
    let hR = try! Matrix([[0.30, 0.25]])
    let hC = try! Matrix([[0.05], [0.40]])

    @Test("L̄ matches the exact hand values to 1e-12 and the printed textbook values to 5e-4")
    func closedInverse() throws {
        let closed = try HouseholdClosedModel(
            technicalCoefficients: a, incomeCoefficients: hR, consumptionCoefficients: hC,
            householdToHousehold: try Matrix([[0.05]]))
        let lbar = try closed.grossOutput(finalDemand: Matrix.identity(3))
        let exact = try Matrix([[6420, 2000, 1180], [2480, 6340, 2800], [2680, 2300, 6060]]) * (1.0 / 4703)
        #expect(lbar.isApproximatelyEqual(to: exact, relativeTolerance: 1e-12))
        let printed = try Matrix([[1.365, 0.425, 0.251], [0.527, 1.348, 0.595], [0.570, 0.489, 1.289]])
        for i in 0..<3 { for j in 0..<3 { #expect(abs(lbar[i, j] - printed[i, j]) < 5e-4) } }
    }

    @Test("Type I ≥ 1, type II ≥ type I, against the hand values (1e-12)")
    func typeIAndII() throws {
        let model = try LeontiefModel(technicalCoefficients: a)
        let simpleIncome = try model.multipliers(coefficients: hR.row(0))
        let typeI = try InputOutput.ratioMultipliers(total: simpleIncome, direct: hR.row(0)).map { $0! }
        #expect(abs(typeI[0] - 1340.0 / 909) < 1e-12 && abs(typeI[1] - 460.0 / 303) < 1e-12)

        let closed = try HouseholdClosedModel(
            technicalCoefficients: a, incomeCoefficients: hR, consumptionCoefficients: hC,
            householdToHousehold: try Matrix([[0.05]]))
        let typeII = try InputOutput.ratioMultipliers(total: closed.incomeMultipliers(), direct: hR.row(0)).map { $0! }
        #expect(abs(typeII[0] - 26800.0 / 14109) < 1e-12 && abs(typeII[1] - 9200.0 / 4703) < 1e-12)

        let outI = try model.outputMultipliers()
        let outII = try closed.outputMultipliers()
        #expect(abs(outII[0] - 8900.0 / 4703) < 1e-12 && abs(outII[1] - 8340.0 / 4703) < 1e-12)
        for j in 0..<2 {
            #expect(typeI[j] >= 1)
            #expect(outI[j] >= 1)
            #expect(typeII[j] >= typeI[j])
            #expect(outII[j] >= outI[j])
        }
    }

    @Test("Closure from flows: h_R = COMP/x, h_C = C/ΣCOMP; employment type II ≥ type I ≥ 1")
    func closureFromFlows() throws {
        // Compensation [300, 500] → h_R = [0.3, 0.25]; consumption [40, 320] of income 800 → h_C = [0.05, 0.4].
        let z = try Matrix(Fixtures.MillerBlair.z)
        let y = try Matrix([[40, 310], [320, 1380]])  // household, other; row sums = f = [350, 1700]
        let va = try Matrix([[300, 500], [350, 900]])  // compensation, other value added
        let table = try InputOutput.multiplierTable(
            flows: z, finalDemand: y, grossOutput: Fixtures.MillerBlair.x, valueAdded: va, compensationRow: 0,
            employment: [10, 30],
            households: HouseholdSpecification(householdOfIndustry: [0, 0], consumption: try Matrix([[40], [320]])))
        let incomeI = table.incomeTypeI!.map { $0! }, incomeII = table.incomeTypeII!.map { $0! }
        #expect(abs(incomeI[0] - 1340.0 / 909) < 1e-12)
        // Without household-to-household purchases the closed inverse differs from the textbook's; type II is
        // still above type I.
        let empI = table.employmentTypeI!.map { $0! }, empII = table.employmentTypeII!.map { $0! }
        for j in 0..<2 {
            #expect(incomeII[j] >= incomeI[j])
            #expect(empI[j] >= 1 && empII[j] >= empI[j])
            #expect(table.outputTypeII![j] >= table.output[j])
        }
        // Employment per unit: e = [0.01, 0.015]; simple multiplier eᵀL = [(0.01·380 + 0.015·80)/303, (0.01·100 + 0.015·340)/303].
        #expect(abs(table.employment![0] - 5.0 / 303) < 1e-14)
        #expect(abs(table.employment![1] - 6.1 / 303) < 1e-14)
    }
}

@Suite("Household closure by block elimination")
struct HouseholdBlockEliminationTests {
    @Test("Equals the explicitly assembled (n+H) closed model: L̄ columns and transposed multipliers (1e-12)")
    func matchesExplicitClosedModel() throws {
        var rng = SplitMix64(seed: 11)
        let n = 12, h = 3
        var a = Matrix(rows: n, columns: n), hR = Matrix(rows: h, columns: n), hC = Matrix(rows: n, columns: h)
        var hH = Matrix(rows: h, columns: h)
        for j in 0..<n { for i in 0..<n { a[i, j] = 0.08 * rng.nextUniform() } }
        for j in 0..<n { hR[j % h, j] = 0.2 + 0.2 * rng.nextUniform() }
        for c in 0..<h { for i in 0..<n { hC[i, c] = 0.06 * rng.nextUniform() }; hH[c, c] = 0.02 }
        var bar = Matrix(rows: n + h, columns: n + h)
        try bar.setBlock(at: 0, 0, to: a)
        try bar.setBlock(at: n, 0, to: hR)
        try bar.setBlock(at: 0, n, to: hC)
        try bar.setBlock(at: n, n, to: hH)
        let explicit = try LeontiefModel(technicalCoefficients: bar)
        let blocked = try HouseholdClosedModel(
            technicalCoefficients: a, incomeCoefficients: hR, consumptionCoefficients: hC, householdToHousehold: hH)
        let lbarExplicit = try explicit.grossOutput(finalDemand: Matrix.identity(n + h))
        let lbarBlocked = try blocked.grossOutput(finalDemand: Matrix.identity(n + h))
        #expect(lbarBlocked.isApproximatelyEqual(to: lbarExplicit, relativeTolerance: 1e-12))
        let r = (0..<(n + h)).map { _ in rng.nextUniform() }
        let wExplicit = try explicit.multipliers(coefficients: r)
        let wBlocked = try blocked.multipliers(closedCoefficients: r)
        for k in 0..<(n + h) { #expect(abs(wExplicit[k] - wBlocked[k]) <= 1e-12 * abs(wExplicit[k])) }
    }
}
