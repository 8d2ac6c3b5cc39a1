@testable import MatrixCore
import Testing

/// Restarted GMRES against LU solves of the same systems (independent: dgetrf/dgetrs).
@Suite("GMRES")
struct GMRESTests {
    /// `M = I − A` with a random non-negative `A` of column sums `c` (an M-matrix like a Leontief system).
    func leontiefLike(_ n: Int, columnSum c: Double, seed: UInt64) -> Matrix {
        var rng = SplitMix64(seed: seed)
        var a = Matrix(rows: n, columns: n)
        for j in 0..<n {
            let w = (0..<n).map { _ in rng.nextUniform() }
            let t = w.reduce(0, +)
            for i in 0..<n { a[i, j] = -c * w[i] / t }
            a[j, j] += 1
        }
        return a
    }

    /// `out ← m·v`, the dense operator GMRES applies in these tests.
    func denseApply(_ m: Matrix) -> (UnsafePointer<Double>, UnsafeMutablePointer<Double>) throws -> Void {
        let n = m.rows
        return { v, out in
            let mv = try m.applied(to: Array(UnsafeBufferPointer(start: v, count: n)))
            for i in 0..<n { out[i] = mv[i] }
        }
    }

    @Test("Unpreconditioned and block-diagonal preconditioned solves equal an LU solve to 1e-10", arguments: [1, 7, 120])
    func matchesLU(n: Int) throws {
        let m = leontiefLike(n, columnSum: 0.6, seed: UInt64(n))
        var rng = SplitMix64(seed: 99)
        let b = (0..<n).map { _ in rng.nextUniform() + 0.1 }
        let reference = try LUFactorization(factoring: m).solve(b)
        var ws = GMRESWorkspace(order: n, restart: 10)
        for preconditioned in [false, true] {
            var x = [Double](repeating: 0, count: n)
            let diag = (0..<n).map { m[$0, $0] }
            let report = try GMRES.solve(
                b, &x, tolerance: 1e-12, workspace: &ws,
                apply: denseApply(m),
                precondition: preconditioned ? { v, out in for i in 0..<n { out[i] = v[i] / diag[i] } } : nil)
            #expect(report.converged)
            #expect(report.relativeResidual <= 1e-12)
            let err = zip(x, reference).map { abs($0 - $1) }.max()! / reference.map(abs).max()!
            #expect(err < 1e-10, "n = \(n), preconditioned \(preconditioned): error \(err)")
        }
    }

    @Test("Restarts: GMRES(3) on n = 60 still converges, and reports the true residual")
    func restarts() throws {
        let n = 60
        let m = leontiefLike(n, columnSum: 0.8, seed: 5)
        let b = (0..<n).map { Double($0 % 7) + 1 }
        var ws = GMRESWorkspace(order: n, restart: 3)
        var x = [Double](repeating: 0, count: n)
        let report = try GMRES.solve(b, &x, tolerance: 1e-11, workspace: &ws, apply: denseApply(m))
        #expect(report.converged)
        #expect(report.iterations > 4)  // needed more than one cycle of 3
        let r = try m.applied(to: x)
        let res = zip(r, b).map { ($0 - $1) * ($0 - $1) }.reduce(0, +).squareRoot() / b.map { $0 * $0 }.reduce(0, +).squareRoot()
        #expect(abs(res - report.relativeResidual) < 1e-14)
    }

    @Test("scaleStart: a start 1.07 × the solution is rescaled onto it (one product); without it GMRES iterates; a start with α ≤ 0 is kept")
    func scaledStart() throws {
        let n = 40
        let m = leontiefLike(n, columnSum: 0.9, seed: 12)
        let b = (0..<n).map { Double($0 % 5) + 1 }
        var ws = GMRESWorkspace(order: n, restart: 10)
        let apply = denseApply(m)
        let exact = try LUFactorization(factoring: m).solve(b)
        var scaled = exact.map { $0 * 1.07 }, plain = scaled
        let withScale = try GMRES.solve(b, &scaled, tolerance: 1e-12, workspace: &ws, apply: apply, scaleStart: true)
        let without = try GMRES.solve(b, &plain, tolerance: 1e-12, workspace: &ws, apply: apply)
        #expect(withScale.converged && withScale.iterations == 1, "\(withScale.iterations)")
        #expect(without.converged && without.iterations > 2, "\(without.iterations)")
        for (x, y) in zip(scaled, exact) { #expect(abs(x - y) <= 1e-12 * abs(y)) }
        var opposite = exact.map { -$0 }  // α = −1 would be the best multiple: refused, the start is kept
        let kept = try GMRES.solve(b, &opposite, tolerance: 1e-12, workspace: &ws, apply: apply, scaleStart: true)
        #expect(kept.converged && kept.iterations > 2)
    }

    @Test("An iteration limit is reported as not converged, a warm start at the solution costs one product, b = 0 gives 0")
    func limitsAndWarmStart() throws {
        let n = 40
        let m = leontiefLike(n, columnSum: 0.9, seed: 11)
        let b = (0..<n).map { _ in 1.0 }
        var ws = GMRESWorkspace(order: n, restart: 5)
        let apply = denseApply(m)
        var x = [Double](repeating: 0, count: n)
        let short = try GMRES.solve(b, &x, tolerance: 1e-14, maxIterations: 3, workspace: &ws, apply: apply)
        #expect(!short.converged && short.iterations == 4 && short.relativeResidual > 1e-14)  // 3 + the final true residual
        var exact = try LUFactorization(factoring: m).solve(b)
        let warm = try GMRES.solve(b, &exact, tolerance: 1e-12, workspace: &ws, apply: apply)
        #expect(warm.converged && warm.iterations == 1)
        var zero = [Double](repeating: 3, count: n)
        let none = try GMRES.solve([Double](repeating: 0, count: n), &zero, tolerance: 1e-12, workspace: &ws, apply: apply)
        #expect(none.converged && zero.allSatisfy { $0 == 0 })
    }
}

/// The single-precision LU preconditioner: an approximate inverse to float accuracy, and a preconditioner
/// with which double-precision GMRES still reaches 1e-12 (the true residual is checked in double).
@Suite("Single-precision LU preconditioner")
struct SinglePrecisionLUTests {
    @Test("Solves to float accuracy; as GMRES preconditioner the result equals a double LU solve to 1e-10")
    func preconditions() throws {
        let n = 150
        let m = GMRESTests().leontiefLike(n, columnSum: 0.7, seed: 17)
        let b = (0..<n).map { Double($0 % 11) + 0.5 }
        let exact = try LUFactorization(factoring: m).solve(b)
        let single = try SinglePrecisionLU(factoring: m)
        var approx = Matrix(column: b)
        try single.solveInPlace(&approx)
        let err = zip(approx.storage, exact).map { abs($0 - $1) }.max()! / exact.map(abs).max()!
        #expect(err < 1e-5 && err > 0)  // float accuracy, not double
        var ws = GMRESWorkspace(order: n, restart: 20)
        var x = [Double](repeating: 0, count: n)
        let report = try GMRES.solve(b, &x, tolerance: 1e-12, workspace: &ws,
            apply: GMRESTests().denseApply(m),
            precondition: { v, out in
                var t = Matrix(column: Array(UnsafeBufferPointer(start: v, count: n)))
                try single.solveInPlace(&t)
                for i in 0..<n { out[i] = t.storage[i] }
            })
        #expect(report.converged && report.iterations <= 6)
        let e2 = zip(x, exact).map { abs($0 - $1) }.max()! / exact.map(abs).max()!
        #expect(e2 < 1e-10)
    }

    @Test("A singular matrix names its pivot; a value beyond the Float range is refused")
    func failures() throws {
        #expect(throws: MatrixError.singular(pivot: 2)) { try SinglePrecisionLU(factoring: try Matrix([[1, 1], [1, 1]])) }
        #expect(throws: MatrixError.self) { try SinglePrecisionLU(factoring: try Matrix([[1e300, 0], [0, 1]])) }
    }

    @Test("blockCycle: three systems with their own operators and a Jacobi preconditioner, one cycle, each equal to its LU solve to 1e-10; a zero right-hand side takes no step")
    func blockCycleMatchesLU() throws {
        let n = 40
        let ms: [Matrix] = (0..<3).map { (k: Int) -> Matrix in GMRESTests().leontiefLike(n, columnSum: 0.3 + 0.15 * Double(k), seed: UInt64(10 + k)) }
        var rng = SplitMix64(seed: 5)
        var r = Matrix(rows: n, columns: 4)
        for c in 0..<3 { for i in 0..<n { r[i, c] = rng.nextUniform() + 0.1 } }  // column 3 stays zero
        let system = [0, 1, 2, 0]
        func precondition(_ v: Matrix, _ live: [Int]) throws -> Matrix {
            var z = Matrix(rows: n, columns: 4)
            for c in live { for i in 0..<n { z[i, c] = v[i, c] / ms[system[c]][i, i] } }
            return z
        }
        func apply(_ z: Matrix, _ live: [Int]) throws -> Matrix {
            var w = Matrix(rows: n, columns: live.count)
            for (q, c) in live.enumerated() { try w.setColumn(q, to: try ms[system[c]].applied(to: z.column(q))) }
            return w
        }
        var x = Matrix(rows: n, columns: 6)
        let cycle = try GMRES.blockCycle(
            residual: r, maxSteps: n, target: [Double](repeating: 1e-13, count: 4), slowContraction: nil,
            precondition: precondition, apply: apply, x: &x, solutionColumns: [5, 1, 3, 0])
        #expect(cycle.steps[3] == 0 && cycle.contraction[3] == nil)
        #expect(cycle.blockSteps == cycle.steps.max()!)
        for (c, column) in [(0, 5), (1, 1), (2, 3)] {
            let reference = try LUFactorization(factoring: ms[system[c]]).solve(r.column(c))
            let worst = zip(x.column(column), reference).map { abs($0 - $1) / abs($1) }.max()!
            #expect(worst < 1e-10, "system \(c): \(worst)")
            #expect(cycle.steps[c] > 0 && cycle.steps[c] < n && cycle.contraction[c]! < 0.5)
        }
        #expect(x.column(0).allSatisfy { $0 == 0 } && x.column(2).allSatisfy { $0 == 0 })
    }

    @Test("identityMinus: σI − A entry by entry; the default σ = 1 is I − A")
    func identityMinus() throws {
        let a = try Matrix([[0.2, 0.5], [0.1, 0.3]])
        #expect(Matrix.identityMinus(a) == (try Matrix([[0.8, -0.5], [-0.1, 0.7]])))
        #expect(Matrix.identityMinus(a, scaledBy: 2) == (try Matrix([[1.8, -0.5], [-0.1, 1.7]])))
        #expect(a == (try Matrix([[0.2, 0.5], [0.1, 0.3]])), "the argument is not changed (copy-on-write)")
    }

    @Test("gatheringColumns: the listed columns in the listed order")
    func gathering() throws {
        let m = try Matrix([[1, 2, 3], [4, 5, 6]])
        #expect(m.gatheringColumns([2, 0]) == (try Matrix([[3, 1], [6, 4]])))
        #expect(m.gatheringColumns([]).columns == 0)
    }
}
