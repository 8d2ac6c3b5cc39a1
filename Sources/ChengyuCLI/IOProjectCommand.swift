import ArgumentParser
import BaseData
import Foundation
import MatrixCore
import RegionalModels
import Reporting

extension Chengyu.IOCommand {
    /// `chengyu io project TABLE_DIR --years N`: gross output year by year while A changes every year.
    struct Project: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Gross output for each year of a projection in which A changes every year (input-saving technical change).",
            discussion: """
                Year t = 1…N: A_t = D_t·A₀ with D_t = diag((1 − τ_i)^t) (input i saved at the rate τ_i per \
                year in every industry using it), y_t = (Y·1)·(1 + g)^t, x_t = (I − A_t)⁻¹·y_t. Rates: \
                --input-saving for every input, overridden per sector or per industry by --input-saving-rates \
                (CSV: label column `sector` (that sector in every region), `region:*` (every sector of a \
                region) or `region:sector` (one industry; the most specific label wins), one rate column, \
                fractions per year). Output: CSV with one row per industry and one column per year t = 1…N, \
                named t1…tN or, with --base-year Y (the table's year, t = 0), Y+1…Y+N; --regions-out adds the \
                totals per region and of the whole table. Units: those of the table (e.g. 100m yuan).

                Fast method (default): A_t is never formed; one LU (of I − D̄·A₀, D̄ the midrange of the \
                years' D_t, or of I − A₀ with --anchor base) serves all years as the preconditioner of \
                GMRES (or, with --iteration richardson, iterative refinement) run on all years at once (one \
                dgemm with A₀ and one multi-RHS dgetrs per block step); a year whose residual contracts by \
                less than --slow-contraction per step triggers a refactorisation. Every year stops at relative residual ‖y_t − (I − A_t)·x_t‖/‖y_t‖ \
                ≤ --tolerance. --method reference factors I − A_t afresh each year.

                Example:
                  chengyu io project tables/r42s42 --years 17 --input-saving 0.01 --growth 0.05 \\
                    --base-year 2019 --out projection.csv --regions-out regions.csv --timings
                  (a 2019 table: columns 2020…2036, t = 1 is the first grown year)
                """)

        @Argument(help: "Folder with Z.csv, Y.csv and optionally x.csv.")
        var tableDir: String

        @Option(help: "Number of projected years N (t = 1…N).")
        var years: Int = 17

        @Option(help: "Input-saving rate τ per year for every input row of A (fraction).")
        var inputSaving: Double = 0.01

        @Option(help: "CSV of input-saving rates per sector (`sector`), region (`region:*`) or industry (`region:sector`), overriding --input-saving.")
        var inputSavingRates: String?

        @Option(help: "Growth rate g of final demand per year (fraction).")
        var growth: Double = 0.05

        @Option(help: "Calendar year of the table (t = 0); year t is labelled base-year + t (default: t1…tN).")
        var baseYear: Int?

        /// Removed: it named the already-grown year t = 1 after the table's year (issue 19.9).
        @Option(help: .hidden)
        var firstYear: Int?

        @Option(help: "fast (one factorisation, iterative refinement on all years at once) or reference (one LU per year).")
        var method: Method = .fast

        @Option(help: "The matrix of the first factorisation in the fast method: midrange (I − D̄·A₀) or base (I − A₀).")
        var anchor: AnchorChoice = .midrange

        @Option(help: "The iteration of the fast method: gmres (right-preconditioned, one Krylov basis per year) or richardson (iterative refinement).")
        var iteration: IterationChoice = .gmres

        @Option(help: "Relative residual at which a year stops (fast method).")
        var tolerance: Double = 1e-12

        @Option(help: "Observed contraction per iteration above which the fast method refactors.")
        var slowContraction: Double = 0.3

        @Option(help: "Most factorisations the fast method may use for its preconditioners.")
        var maxFactorizations: Int = 3

        @Option(name: .shortAndLong, help: "Output CSV file (default: stdout).")
        var out: String?

        @Option(help: "CSV of gross output totals per region and year (last row: all regions).")
        var regionsOut: String?

        @Flag(help: "Print phase timings, factorisations and iterations on stderr.")
        var timings = false

        enum Method: String, ExpressibleByArgument, CaseIterable { case fast, reference }
        enum AnchorChoice: String, ExpressibleByArgument, CaseIterable { case midrange, base }
        enum IterationChoice: String, ExpressibleByArgument, CaseIterable { case gmres, richardson }

        func validate() throws {
            if let f = firstYear {
                throw ValidationError(
                    "--first-year is gone: it labelled the first projected (already grown) year t = 1; give the table's "
                        + "year instead: --base-year \(f - 1) labels t = 1 as \(f), --base-year \(f) labels it \(f + 1)")
            }
            guard years >= 1 && years <= 1000 else { throw ValidationError("--years must be in 1…1000") }
            guard inputSaving.isFinite && inputSaving >= 0 && inputSaving < 1 else {
                throw ValidationError("--input-saving must be in [0, 1)")
            }
            guard growth.isFinite && growth > -1 else { throw ValidationError("--growth must be > −1") }
            guard tolerance.isFinite && tolerance > 0 && tolerance < 1 else { throw ValidationError("--tolerance must be in (0, 1)") }
            guard slowContraction > 0 && slowContraction < 1 else { throw ValidationError("--slow-contraction must be in (0, 1)") }
            guard maxFactorizations >= 1 else { throw ValidationError("--max-factorizations must be ≥ 1") }
        }

        func run() throws {
            var clock = PhaseClock(enabled: timings)
            let t = try loadTable(tableDir)
            let rates = try inputSavingRates(for: t)
            clock.lap("read")
            let n = t.industries.count
            let a0: Matrix, d: Matrix
            var y = Matrix(rows: n, columns: years)
            do {
                let gross = try t.grossOutput ?? InputOutput.grossOutputFromSales(flows: t.z, finalDemand: t.y)
                a0 = try InputOutput.technicalCoefficients(flows: t.z, grossOutput: gross)
                d = try InputOutput.inputSavingScaling(annualRates: rates, years: years)
            } catch let e as InputOutputError { throw fail(e.description) }
            let y0 = t.y.rowSums
            y.withUnsafeMutableStorage { p in
                var f = 1.0
                for k in 0..<years {
                    f *= 1 + growth
                    for i in 0..<n { p[i + k * n] = y0[i] * f }
                }
            }
            clock.lap("setup")
            let x: Matrix
            var summary: String
            do {
                switch method {
                case .fast:
                    let options = LeontiefProjectionOptions(
                        tolerance: tolerance, slowContraction: slowContraction, maxFactorizations: maxFactorizations,
                        anchor: anchor == .base ? .base : .midrange, iteration: iteration == .gmres ? .gmres : .richardson)
                    let r = try InputOutput.projectedGrossOutput(technicalCoefficients: a0, rowScaling: d, finalDemand: y, options: options)
                    x = r.grossOutput
                    summary = "fast (\(iteration.rawValue)): \(r.factorizations) factorisation(s), \(r.blockIterations) block iterations, "
                        + "iterations per year \(r.iterations.min() ?? 0)–\(r.iterations.max() ?? 0) (total \(r.iterations.reduce(0, +))), "
                        + "direct solves \(r.directSolves), max relative residual \(String(format: "%.3g", r.relativeResiduals.max() ?? 0))"
                case .reference:
                    x = try InputOutput.projectedGrossOutputReference(technicalCoefficients: a0, rowScaling: d, finalDemand: y)
                    summary = "reference: \(years) factorisation(s), one per year"
                }
            } catch let e as InputOutputError { throw fail(e.description) }
            clock.lap("solve")
            let names = Self.columnNames(years: years, baseYear: baseYear)
            try ResultCSV.emit(LabelledTableCSV.render(header: ["industry"] + names, labels: t.industries, matrix: x), to: out)
            if let regionsOut {
                // `industryRegions` splits every label: computed once here (it was once per cell: 11–13 s at n = 1,764).
                let sums: RegionTotals
                do { sums = try InputOutput.regionTotals(x, regionOfRow: t.industryRegions) } catch let e as InputOutputError {
                    throw fail(e.description)
                }
                try ResultCSV.emit(
                    LabelledTableCSV.render(header: ["region"] + names, labels: sums.labels, matrix: sums.totals), to: regionsOut)
            }
            clock.lap("write")
            if timings || out != nil {
                let total = (0..<n).reduce(0.0) { $0 + x[$1, years - 1] } / max((0..<n).reduce(0.0) { $0 + x[$1, 0] }, 1e-300)
                summary += String(format: "; total output year %d / year 1: %.6g", years, total)
                FileHandle.standardError.write(Data("n = \(n), years = \(years), \(summary)\n".utf8))
            }
        }

        /// Column names of years t = 1…N: `t1…tN`, or `Y+1…Y+N` for the table's year `Y` (t = 0).
        static func columnNames(years: Int, baseYear: Int?) -> [String] {
            (1...years).map { t in baseYear.map { String($0 + t) } ?? "t\(t)" }
        }

        /// τ per row of A: --input-saving, overridden by sector, then by region, then by industry, from
        /// --input-saving-rates.
        private func inputSavingRates(for t: MRIOTable) throws -> [Double] {
            var tau = [Double](repeating: inputSaving, count: t.industries.count)
            guard let path = inputSavingRates else { return tau }
            let m: LabelledMatrix
            do { m = try LabelledCSV.read(URL(fileURLWithPath: path)) } catch let e as MRIOTableError {
                throw fail(e.description)
            }
            guard m.values.columns >= 1 else { throw fail("\(path): no rate column") }
            let industryIndex = Dictionary(t.industries.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { a, _ in a })
            let sectors = t.industries.map { MRIOTable.splitLabel($0).1 }
            let regions = t.industryRegions
            var bySector: [String: Double] = [:], byRegion: [String: Double] = [:], byIndustry: [Int: Double] = [:]
            for (r, label) in m.rowLabels.enumerated() {
                let rate = m.values[r, 0]
                let line = r < m.rowLines.count ? m.rowLines[r] : r + 2
                guard rate.isFinite && rate >= 0 && rate < 1 else {
                    throw fail("\(path):\(line): rate \(rate) for \(label) must be in [0, 1)")
                }
                if let i = industryIndex[label] {
                    byIndustry[i] = rate
                } else if sectors.contains(label) {
                    bySector[label] = rate
                } else if label.hasSuffix(":*"), regions.contains(String(label.dropLast(2))) {
                    byRegion[String(label.dropLast(2))] = rate
                } else {
                    throw fail("\(path):\(line): \(label) is neither an industry (region:sector), a sector nor a region (region:*) of the table")
                }
            }
            for i in tau.indices {
                if let s = bySector[sectors[i]] { tau[i] = s }
                if let r = byRegion[regions[i]] { tau[i] = r }
                if let v = byIndustry[i] { tau[i] = v }
            }
            return tau
        }
    }
}
