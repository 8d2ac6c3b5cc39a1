import MatrixCore
import RegionalModels
import TestFixtures
import Testing

/// Miller & Blair (2009), §2.2 two-sector example: Z = [[150, 500], [200, 100]], x = [1000, 2000].
/// Hand references (exact fractions): A = [[0.15, 0.25], [0.20, 0.05]], det(I − A) = 0.7575,
/// L = (1/303)·[[380, 100], [80, 340]], output multipliers 1ᵀL = [460/303, 440/303].
@Suite("Leontief model on Miller & Blair's two-sector example")
struct LeontiefModelTests {
    let z = try! Matrix(Fixtures.MillerBlair.z)
    let x = Fixtures.MillerBlair.x
    let f = Fixtures.MillerBlair.f

    @Test("A = Z·diag(x)⁻¹ to 1e-15")
    func technicalCoefficients() throws {
        let a = try InputOutput.technicalCoefficients(flows: z, grossOutput: x)
        let expected = try Matrix([[0.15, 0.25], [0.20, 0.05]])
        #expect(a.isApproximatelyEqual(to: expected, relativeTolerance: 1e-15))
    }

    @Test("L columns (solves of unit demand) and output multipliers to 1e-12")
    func leontiefInverseAndMultipliers() throws {
        let a = try InputOutput.technicalCoefficients(flows: z, grossOutput: x)
        let model = try LeontiefModel(technicalCoefficients: a)
        let l = try model.grossOutput(finalDemand: Matrix.identity(2))
        let expected = try Matrix([[380.0 / 303, 100.0 / 303], [80.0 / 303, 340.0 / 303]])
        #expect(l.isApproximatelyEqual(to: expected, relativeTolerance: 1e-12))
        let m = try model.outputMultipliers()
        #expect(abs(m[0] - 460.0 / 303) < 1e-12)
        #expect(abs(m[1] - 440.0 / 303) < 1e-12)
        // x = L·f reproduces the table's output (calibration residual ≈ 0).
        let d = try model.diagnostics(finalDemand: f, grossOutput: x)
        #expect(d.calibrationResidual! < 1e-14)
        #expect(d.order == 2)
        #expect(abs(d.largestColumnSum - 0.35) < 1e-15)
        // ρ(A) for [[.15,.25],[.2,.05]]: (0.2 + sqrt(0.01 + 0.2))/2 = 0.1 + sqrt(0.21)/2 = 0.329128784747792.
        #expect(abs(d.spectralRadius!.value - 0.329128784747792) < 1e-9)
        #expect(d.reciprocalCondition > 0.1 && d.reciprocalCondition <= 1)
    }

    @Test("Many demand columns in one solve equal column-by-column solves to 1e-13")
    func multiRightHandSide() throws {
        let a = try InputOutput.technicalCoefficients(flows: z, grossOutput: x)
        let model = try LeontiefModel(technicalCoefficients: a)
        let y = try Matrix([[350, 1, 0, 100], [1700, 0, 1, -50]])
        let xs = try model.grossOutput(finalDemand: y)
        for c in 0..<4 {
            let single = try model.grossOutput(finalDemand: y.column(c))
            for i in 0..<2 { #expect(abs(xs[i, c] - single[i]) <= 1e-13 * max(1, abs(single[i]))) }
        }
        #expect(abs(xs[0, 0] - 1000) < 1e-10 && abs(xs[1, 0] - 2000) < 1e-10)
    }

    @Test("Value-added multipliers vᵀL sum to 1 per column when the table closes (identity, 1e-14)")
    func valueAddedMultipliers() throws {
        let a = try InputOutput.technicalCoefficients(flows: z, grossOutput: x)
        let model = try LeontiefModel(technicalCoefficients: a)
        let v = [650.0 / 1000, 1400.0 / 2000]  // x − 1ᵀZ over x
        let m = try model.multipliers(coefficients: v)
        #expect(abs(m[0] - 1) < 1e-14 && abs(m[1] - 1) < 1e-14)
    }

    @Test("Zero-output columns give zero coefficients and a solvable system")
    func zeroOutputColumn() throws {
        let z3 = try Matrix([[150, 500, 0], [200, 100, 0], [0, 0, 0]])
        let a = try InputOutput.technicalCoefficients(flows: z3, grossOutput: [1000, 2000, 0])
        #expect(a.column(2) == [0, 0, 0])
        let model = try LeontiefModel(technicalCoefficients: a)
        let m = try model.outputMultipliers()
        #expect(abs(m[2] - 1) < 1e-15)
        #expect(abs(m[0] - 460.0 / 303) < 1e-12)
    }

    @Test("A singular Leontief matrix is an error, not NaN")
    func singular() throws {
        let a = try Matrix([[1, 0], [0, 0.5]])  // I − A has a zero column
        #expect(throws: InputOutputError.self) { try LeontiefModel(technicalCoefficients: a) }
    }

    @Test("Ghosh: B = diag(x)⁻¹Z, row sums of G = [580/303, 380/303], xᵀ = vᵀG reproduces x (1e-12)")
    func ghosh() throws {
        let b = try InputOutput.allocationCoefficients(flows: z, grossOutput: x)
        #expect(b.isApproximatelyEqual(to: try Matrix([[0.15, 0.5], [0.1, 0.05]]), relativeTolerance: 1e-15))
        let g = try GhoshModel(allocationCoefficients: b)
        let rs = try g.rowSums()
        #expect(abs(rs[0] - 580.0 / 303) < 1e-12 && abs(rs[1] - 380.0 / 303) < 1e-12)
        let supply = try g.grossOutput(primaryInputs: [650, 1400])
        #expect(abs(supply[0] - 1000) < 1e-9 && abs(supply[1] - 2000) < 1e-9)
        // The same row sums from the Leontief factorisation (similarity I − B = x̂⁻¹(I − A)x̂).
        let model = try LeontiefModel(technicalCoefficients: try InputOutput.technicalCoefficients(flows: z, grossOutput: x))
        let viaLeontief = try model.ghoshRowSums(grossOutput: x)
        #expect(abs(viaLeontief[0] - rs[0]) < 1e-12 && abs(viaLeontief[1] - rs[1]) < 1e-12)
    }

    @Test("Rasmussen linkages: backward = m/mean(m) = [460/450, 440/450]; forward from Ghosh = [580/480, 380/480]")
    func linkages() throws {
        let bl = InputOutput.normalisedLinkages([460.0 / 303, 440.0 / 303])
        #expect(abs(bl[0] - 460.0 / 450) < 1e-14 && abs(bl[1] - 440.0 / 450) < 1e-14)
        let table = try InputOutput.multiplierTable(flows: z, finalDemand: Matrix(column: f), grossOutput: x)
        #expect(abs(table.backwardLinkage[0] - 460.0 / 450) < 1e-12)
        #expect(abs(table.forwardLinkage[0] - 580.0 / 480) < 1e-12)
        #expect(abs(table.forwardLinkage[1] - 380.0 / 480) < 1e-12)
    }
}

@Suite("Perron root by shifted inverse iteration")
struct PerronRootTests {
    @Test("Closed form for 2×2, periodic and reducible matrices; bracket contains the root (1e-10 relative)")
    func knownRoots() throws {
        // [[.15,.25],[.2,.05]]: ρ = 0.1 + sqrt(0.21)/2.
        let r1 = try InputOutput.perronRoot(try Matrix([[0.15, 0.25], [0.20, 0.05]]))
        let exact1 = 0.1 + 0.21.squareRoot() / 2
        #expect(abs(r1.value - exact1) <= 1e-10 * exact1)
        #expect(r1.lowerBound <= exact1 * (1 + 1e-15) && exact1 <= r1.upperBound * (1 + 1e-15))
        // Periodic (imprimitive): eigenvalues ±0.5; plain power iteration would oscillate.
        let r2 = try InputOutput.perronRoot(try Matrix([[0, 0.5], [0.5, 0]]))
        #expect(abs(r2.value - 0.5) <= 1e-10)
        // Reducible, block upper triangular: ρ = max(0.3, 0.6).
        let r3 = try InputOutput.perronRoot(try Matrix([[0.3, 0.2, 0.1], [0, 0.6, 0], [0, 0.1, 0.2]]))
        #expect(abs(r3.value - 0.6) <= 1e-9)
        #expect(try InputOutput.perronRoot(Matrix.zeros(3, 3)).value == 0)
        #expect(throws: InputOutputError.self) { try InputOutput.perronRoot(try Matrix([[0.1, -0.2], [0.3, 0.1]])) }
    }

    @Test("Agrees with MatrixCore's power iteration on a clustered spectrum (1e-9 relative)")
    func agreesWithPowerIteration() throws {
        // Three weakly coupled copies of one block: eigenvalues cluster near ρ.
        var rng = SplitMix64(seed: 7)
        let s = 5, r = 3, n = s * r
        var a = Matrix(rows: n, columns: n)
        for j in 0..<n {
            for i in 0..<n {
                let same = i / s == j / s
                a[i, j] = (same ? 0.12 : 0.004) * (0.5 + Double(rng.next() % 1000) / 1000)
            }
        }
        let fast = try InputOutput.perronRoot(a)
        let slow = try a.spectralRadius(tolerance: 1e-12, maxIterations: 1_000_000)
        #expect(abs(fast.value - slow.value) <= 1e-9 * slow.value)
    }
}
