import ArgumentParser
import Reporting
import SimulationEngine
import BaseData
import Foundation
import MatrixCore
import RegionalModels

extension Chengyu {
    /// `chengyu io`: the input–output core on any MRIO table the user brings (layout:
    /// `Sources/BaseData/MRIOTable/README.md`).
    struct IOCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "io",
            abstract: "Input–output analysis of any MRIO table in CSV (Z.csv, Y.csv, optional x.csv, VA.csv, F.csv) or .npy.",
            discussion: """
                TABLE_DIR holds Z.csv (square, header row and label column `region:sector`), Y.csv (columns \
                `region:category`), optionally x.csv (gross output), VA.csv (value-added components as rows, \
                e.g. compensation) and F.csv (satellite rows, e.g. employment): the layout of pymrio's CSV \
                export and of make_mrio.py. A folder with Z.npy and labels.json is read from Z.npy, Y.npy, x.npy, \
                VA.npy and F.npy instead (make_mrio.py --no-csv; for tables of 10,000+ industries). Memory: at \
                most three n × n matrices at once. See Sources/BaseData/MRIOTable/README.md.

                Examples:
                  chengyu io check tables/r10s10
                  chengyu io multipliers tables/r10s10 --out multipliers.csv
                  chengyu io solve tables/r10s10 --demand shocks.csv --out output.csv
                """,
            subcommands: [Check.self, Multipliers.self, Solve.self, Project.self, Export.self]
        )
    }
}

/// Phase timings on stderr (`--timings`), shared by every `chengyu io` subcommand.
struct PhaseClock {
    let enabled: Bool
    private var last = DispatchTime.now()
    init(enabled: Bool) { self.enabled = enabled }
    mutating func lap(_ phase: String) {
        let now = DispatchTime.now()
        if enabled {
            let s = Double(now.uptimeNanoseconds - last.uptimeNanoseconds) / 1e9
            FileHandle.standardError.write(Data("timing \(phase): \(String(format: "%.4f", s)) s\n".utf8))
        }
        last = now
    }
}

/// The phases of a long `chengyu io` command on standard error (`io check`, `io export`): on a terminal one
/// line `label: phase…` rewritten in place and cleared before results are printed; with `--verbose` one line
/// per phase wherever stderr goes; nothing with `--quiet`.
struct PhaseProgress {
    let label: String
    let quiet: Bool
    let verbose: Bool
    private var shown = false

    init(_ label: String, options: GlobalOptions) {
        self.label = label
        quiet = options.quiet
        verbose = options.verbose
    }

    mutating func phase(_ text: String) {
        guard !quiet else { return }
        if Terminal.stderrIsTerminal {
            FileHandle.standardError.write(Data("\r\u{1B}[2K\(label): \(text)…".utf8))
            shown = true
        } else if verbose {
            FileHandle.standardError.write(Data("\(label): \(text)…\n".utf8))
        }
    }

    /// Clears the in-place line (before printing results, and at the end).
    mutating func clear() {
        if shown { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
        shown = false
    }
}

/// Reads a table, turning file problems into exit code 2 with a located message.
func loadTable(_ path: String) throws -> MRIOTable {
    do { return try MRIOTable.read(directory: URL(fileURLWithPath: path)) } catch let e as MRIOTableError {
        FileHandle.standardError.write(Data("error: \(e.description)\n".utf8))
        throw ExitCode(2)
    }
}

/// A bad-input failure: the message on stderr, exit code 2.
func fail(_ message: String) -> ExitCode {
    FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    return ExitCodes.badInput
}

/// A numerical failure of a table's Leontief system: the message on stderr, exit code 3.
private func numericalFailure(_ message: String) -> ExitCode {
    FileHandle.standardError.write(Data("error: numerical failure: \(message)\n".utf8))
    return ExitCodes.numericalFailure
}

extension InputOutputError {
    /// Whether the error is a numerical property of a well-formed table (exit 3: `A` not productive, `I − A`
    /// singular, a solve that does not converge, a non-finite intermediate or result) rather than malformed
    /// input (exit 2: shapes, negative gross output, a parameter outside its domain). docs/reliability.md §2.
    fileprivate var isNumerical: Bool {
        switch self {
        case .columnSumTooLarge, .nonFinite: return true
        case let .matrix(e):
            switch e {
            case .singular, .notConverged, .nonFinite: return true
            case .dimensionMismatch, .illegalArgument, .negativeEntry: return false
            }
        case .dimensionMismatch, .negativeEntry, .invalidParameter, .ownUseAboveOutput: return false
        }
    }
}

/// Exit 3 or 2 for an error of the input–output layer (see `isNumerical`).
private func fail(_ e: InputOutputError) -> ExitCode {
    e.isNumerical ? numericalFailure(e.description) : fail(e.description)
}

/// The smallest reciprocal condition estimate of `I − A` (1-norm, `dgecon`) that `io check` passes and
/// `io multipliers` / `io solve` accept: below it a solve keeps fewer than about 4 of 16 digits.
private let minimumReciprocalCondition = 1e-12

/// Refuses a near-singular `I − A` (exit 3).
private func requireWellConditioned(_ reciprocalCondition: Double) throws {
    guard reciprocalCondition >= minimumReciprocalCondition else {
        throw numericalFailure(
            "I − A is near-singular: reciprocal condition estimate \(fmt(reciprocalCondition)) < \(fmt(minimumReciprocalCondition)) "
                + "(1-norm condition \(fmt(1 / reciprocalCondition))): the results would carry almost no correct digits")
    }
}

/// Refuses a result with NaN or infinity (an overflow, e.g. for absurdly large demand): exit 3, naming the
/// result column and the industry.
private func requireFiniteResult(_ columns: [(name: String, values: [Double?])], industries: [String]) throws {
    for (name, values) in columns {
        if let k = values.firstIndex(where: { $0.map { !$0.isFinite } ?? false }), let v = values[k] {
            throw numericalFailure("\(name) of \(industries[k]) is \(v): the result is not finite (check the magnitudes of the input)")
        }
    }
}

/// Result files of `chengyu io`: rendered by Reporting, written atomically (or to standard output).
enum ResultCSV {
    static func render(header: [String], labels: [String], columns: [[Double?]]) -> String {
        LabelledTableCSV.render(header: header, labels: labels, columns: columns)
    }

    static func render(header: [String], labels: [String], matrix: Matrix) -> String {
        LabelledTableCSV.render(header: header, labels: labels, matrix: matrix)
    }

    /// Writes to `path` atomically, or to stdout when nil.
    static func emit(_ text: String, to path: String?) throws {
        if let path {
            do { try AtomicFileWriter.write(Data(text.utf8), to: URL(fileURLWithPath: path)) } catch {
                throw fail("cannot write \(path): \(error)")
            }
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }
}

/// How `chengyu io` finds income, employment and households in a table (documented in the README).
fileprivate enum TableRoles {
    /// The VA row whose label contains "compensation" (case-insensitive).
    static func compensationRow(_ t: MRIOTable) -> Int? {
        t.valueAddedLabels.firstIndex { $0.lowercased().contains("compensation") }
    }

    /// The F row whose label contains "employment" (case-insensitive).
    static func employment(_ t: MRIOTable) -> [Double]? {
        guard let s = t.satellites, let r = t.satelliteLabels.firstIndex(where: { $0.lowercased().contains("employment") })
        else { return nil }
        return s.row(r)
    }

    /// Households for type II: the Y columns whose category contains "household". One household per
    /// region when every industry's region has such a column; otherwise one household for the table.
    static func households(_ t: MRIOTable) -> HouseholdSpecification? {
        let cols = t.finalDemandLabels.enumerated().filter { MRIOTable.splitLabel($0.element).1.lowercased().contains("household") || $0.element.lowercased() == "household" }
        guard !cols.isEmpty else { return nil }
        let n = t.industries.count
        let regions = t.industryRegions
        var order: [String] = []
        var index: [String: Int] = [:]
        for (_, label) in cols {
            let r = MRIOTable.splitLabel(label).0
            if index[r] == nil { index[r] = order.count; order.append(r) }
        }
        let perRegion = regions.allSatisfy { index[$0] != nil }
        let h = perRegion ? order.count : 1
        var consumption = Matrix(rows: n, columns: h)
        for (c, label) in cols {
            let k = perRegion ? index[MRIOTable.splitLabel(label).0]! : 0
            for i in 0..<n { consumption[i, k] += t.y[i, c] }
        }
        let of = perRegion ? regions.map { index[$0]! } : [Int](repeating: 0, count: n)
        return HouseholdSpecification(householdOfIndustry: of, consumption: consumption)
    }
}

extension Chengyu.IOCommand {
    /// `chengyu io check TABLE_DIR`.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a table: balance x = Z·1 + Y·1, non-negativity, spectral radius, condition.",
            discussion: """
                Exit status 0 when every check passes. The failing lines say FAIL; the status is 2 when a check of \
                the data fails (row or column balance, negative entries of Z, negative gross output), else 3 when \
                only a numerical property fails (A not productive: spectral radius at or above 1; I − A singular \
                or ill-conditioned; calibration residual).

                Example:
                  chengyu io check tables/ceads-2017
                """)

        @Argument(help: "Folder with Z.csv, Y.csv and optionally x.csv, VA.csv, F.csv (or the same as .npy with labels.json).")
        var tableDir: String

        @Option(help: "Relative tolerance of the balance checks.")
        var tolerance: Double = 1e-6

        @OptionGroup var global: GlobalOptions

        func run() throws {
            var progress = PhaseProgress("io check", options: global)
            defer { progress.clear() }
            progress.phase("reading the table")
            var t = try loadTable(tableDir)
            func line(_ s: String) {
                progress.clear()
                print(s)
            }
            line("table:        \(t.directory)")
            line("industries:   \(t.industries.count) (\(Set(t.industryRegions).count) regions); final-demand columns: \(t.finalDemandLabels.count)")
            // Failed checks of the data (exit 2) and of numerical properties of the Leontief system (exit 3).
            let (x, badBalance) = try balanceChecks(t, line: line)
            let badSigns = signChecks(t, grossOutput: x, line: line)
            progress.phase("factoring I − A, spectral radius and condition of A")
            let leontief = try leontiefChecks(&t, grossOutput: x, line: line)
            let malformed = badBalance || badSigns || leontief.malformed, numerical = leontief.numerical
            line(malformed || numerical ? "check FAILED" : "check passed")
            // Bad data first: the numerical properties of a malformed table say little.
            if malformed { throw ExitCodes.badInput }
            if numerical { throw ExitCodes.numericalFailure }
        }

        private static func flag(_ ok: Bool) -> String { ok ? "ok" : "FAIL" }

        /// The gross output the checks use (x.csv, else row sums) and whether a row or column balance fails.
        private func balanceChecks(_ t: MRIOTable, line: (String) -> Void) throws -> (x: [Double], failed: Bool) {
            let n = t.industries.count
            let sales = try InputOutput.grossOutputFromSales(flows: t.z, finalDemand: t.y)
            let x = t.grossOutput ?? sales
            var failed = false
            func worst(_ gap: (Int) -> Double) -> (value: Double, at: String) {
                let w = (0..<n).map(gap).enumerated().max { $0.element < $1.element }
                return (w?.element ?? 0, w.map { t.industries[$0.offset] } ?? "-")
            }
            if let given = t.grossOutput {
                let w = worst { abs(given[$0] - sales[$0]) / max(abs(given[$0]), 1e-300) }
                failed = failed || !(w.value <= tolerance)
                line("row balance:  max |x − Z·1 − Y·1| / x = \(fmt(w.value)) at \(w.at) [\(Self.flag(w.value <= tolerance))]")
            } else {
                line("row balance:  x.csv absent, x = Z·1 + Y·1")
            }
            if let va = t.valueAdded {
                let inputs = t.z.columnSums, v = va.columnSums
                let w = worst { abs(x[$0] - inputs[$0] - v[$0]) / max(abs(x[$0]), 1e-300) }
                failed = failed || !(w.value <= tolerance)
                line("column balance: max |x − 1ᵀZ − 1ᵀVA| / x = \(fmt(w.value)) at \(w.at) [\(Self.flag(w.value <= tolerance))]")
            }
            return (x, failed)
        }

        /// Negative flows and gross outputs (Y and VA may be negative); true when one of them fails.
        private func signChecks(_ t: MRIOTable, grossOutput x: [Double], line: (String) -> Void) -> Bool {
            let n = t.industries.count
            func negatives(_ m: Matrix) -> Int { m.storage.reduce(0) { $0 + ($1 < 0 ? 1 : 0) } }
            let zNeg = negatives(t.z)
            var firstNegative = ""
            if let k = t.z.storage.firstIndex(where: { $0 < 0 }) {
                firstNegative = ", first at row \(t.industries[k % n]), column \(t.industries[k / n]): \(t.z.storage[k])"
            }
            line("negative entries: Z \(zNeg) [\(Self.flag(zNeg == 0))\(firstNegative)], Y \(negatives(t.y)), VA \(t.valueAdded.map(negatives) ?? 0) (Y and VA may be negative)")
            let xNeg = x.filter { $0 < 0 }.count, xZero = x.filter { $0 == 0 }.count
            line("gross output: \(xNeg) negative [\(Self.flag(xNeg == 0))], \(xZero) zero (zero columns of A)")
            return zNeg > 0 || xNeg > 0
        }

        /// The Leontief system's checks: column sums, ρ(A), the condition of I − A, the calibration residual. Z's
        /// checks are done: A is formed in Z's storage (A, the LU of I − A and, for ρ(A), that of σI − A are the
        /// n × n matrices alive at once).
        private func leontiefChecks(_ t: inout MRIOTable, grossOutput x: [Double], line: (String) -> Void) throws -> (malformed: Bool, numerical: Bool) {
            var numerical = false
            do {
                let a = try InputOutput.technicalCoefficients(consuming: t.takeFlows(), grossOutput: x)
                let model = try LeontiefModel(technicalCoefficients: a)
                let d = try model.diagnostics(finalDemand: t.y.rowSums, grossOutput: x)
                let columnNote = d.largestColumnSum < 1 - InputOutput.productiveColumnSumMargin ? "ok" : "≥ 1 − 1e-6: productive only if ρ(A) < 1"
                line("largest column sum of A: \(fmt(d.largestColumnSum)) [\(columnNote)]")
                if let rho = d.spectralRadius {
                    numerical = numerical || rho.upperBound >= 1
                    line(spectralRadiusLine(rho, n: t.industries.count))
                } else {
                    numerical = numerical || d.largestColumnSum >= 1
                    line("spectral radius of A: not computed (A has negative entries)")
                }
                let wellConditioned = d.reciprocalCondition >= minimumReciprocalCondition
                numerical = numerical || !wellConditioned
                line("condition of I − A (1-norm, dgecon): \(fmt(1 / d.reciprocalCondition)) (reciprocal \(fmt(d.reciprocalCondition))) [\(Self.flag(wellConditioned))]")
                if let r = d.calibrationResidual {
                    numerical = numerical || !(r <= tolerance)
                    line("calibration residual ‖L·(Y·1) − x‖/‖x‖: \(fmt(r)) [\(Self.flag(r <= tolerance))]")
                }
                return (false, numerical)
            } catch let e as InputOutputError {
                line("Leontief system: FAIL: \(e.description)")
                return (!e.isNumerical, e.isNumerical || numerical)
            }
        }

        private func spectralRadiusLine(_ rho: PerronRootEstimate, n: Int) -> String {
            if rho.upperBound - rho.lowerBound <= 1e-8 * rho.upperBound {
                return "spectral radius of A: \(fmt(rho.value)) in [\(fmt(rho.lowerBound)), \(fmt(rho.upperBound))] [\(Self.flag(rho.upperBound < 1))]"
            }
            // Large tables: the capped iteration (LeontiefModel.largeTableFactorizations) gives a rigorous bracket, not
            // a converged value; print no midpoint that looks like one.
            return "spectral radius of A: in [\(fmt(rho.lowerBound)), \(fmt(rho.upperBound))] (bracket; not converged within \(LeontiefModel.largeTableFactorizations) factorisations at n = \(n)) [\(Self.flag(rho.upperBound < 1))]"
        }
    }

    /// `chengyu io multipliers TABLE_DIR [--out FILE]`.
    struct Multipliers: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Multipliers per industry as CSV (output, value added, income, employment, type II, linkages).",
            discussion: """
                Columns: industry, output (type I, column sums of L), value_added (vᵀL), value_added:<component> \
                per VA row; with a VA row named *compensation*: income (simple) and income_type_I; with an F row \
                named *employment*: employment and employment_type_I; with compensation and Y columns of \
                category *household*: output_type_II, income_type_II (and employment_type_II); always \
                backward_linkage and forward_linkage (Rasmussen-normalised, forward via Ghosh). \
                One LU of I − A; every multiplier is one transposed solve.

                Exit status 2 for a missing or malformed table, 3 for a numerical failure: A not productive \
                (a column sum at or above 1 with spectral radius ≥ 1), I − A singular or near-singular (reciprocal \
                condition estimate below 1e-12), or a result that is not finite.

                Example:
                  chengyu io multipliers tables/ceads-2017 --out multipliers.csv
                """)

        @Argument(help: "Folder with Z.csv, Y.csv and optionally x.csv, VA.csv, F.csv (or the same as .npy with labels.json).")
        var tableDir: String

        @Option(name: .shortAndLong, help: "Output CSV file (default: stdout).")
        var out: String?

        @Flag(help: "Print phase timings on stderr.")
        var timings = false

        @Flag(help: "Also compute the spectral radius of A for the summary on stderr (`io check` always does).")
        var spectralRadius = false

        func run() throws {
            var clock = PhaseClock(enabled: timings)
            var t = try loadTable(tableDir)
            clock.lap("read")
            let table: MultiplierTable
            let compensation = TableRoles.compensationRow(t), employment = TableRoles.employment(t)
            let households = TableRoles.households(t)
            // Hand Z over: A is formed in its storage (at most three n × n matrices alive, see multiplierTable).
            let z = t.takeFlows()
            do {
                table = try InputOutput.multiplierTable(
                    flows: consume z, finalDemand: t.y, grossOutput: t.grossOutput, valueAdded: t.valueAdded,
                    compensationRow: compensation, employment: employment,
                    households: households, spectralRadius: spectralRadius)
            } catch let e as InputOutputError { throw fail(e) }
            try requireWellConditioned(table.diagnostics.reciprocalCondition)
            clock.lap("compute")
            var header = ["industry", "output"]
            var columns: [[Double?]] = [table.output]
            if let va = table.valueAdded, let comp = table.valueAddedByComponent {
                header.append("value_added"); columns.append(va)
                for (r, label) in t.valueAddedLabels.enumerated() {
                    header.append("value_added:\(label)"); columns.append(comp.row(r))
                }
            }
            if let m = table.income, let m1 = table.incomeTypeI {
                header += ["income", "income_type_I"]; columns += [m, m1]
            }
            if let m = table.employment, let m1 = table.employmentTypeI {
                header += ["employment", "employment_type_I"]; columns += [m, m1]
            }
            if let o2 = table.outputTypeII, let i2 = table.incomeTypeII {
                header += ["output_type_II", "income_type_II"]; columns += [o2, i2]
                if let e2 = table.employmentTypeII { header.append("employment_type_II"); columns.append(e2) }
            }
            header += ["backward_linkage", "forward_linkage"]
            columns += [table.backwardLinkage, table.forwardLinkage]
            try requireFiniteResult(Array(zip(header.dropFirst(), columns)).map { ($0.0, $0.1) }, industries: t.industries)
            try ResultCSV.emit(ResultCSV.render(header: header, labels: t.industries, columns: columns), to: out)
            clock.lap("write")
            let d = table.diagnostics
            if timings || out != nil {
                var msg = "n = \(d.order), largest column sum \(fmt(d.largestColumnSum))"
                if let rho = d.spectralRadius {
                    msg += rho.upperBound - rho.lowerBound <= 1e-8 * rho.upperBound
                        ? ", spectral radius \(fmt(rho.value))"
                        : ", spectral radius in [\(fmt(rho.lowerBound)), \(fmt(rho.upperBound))] (bracket, not converged)"
                }
                msg += ", condition \(fmt(1 / d.reciprocalCondition))"
                if let r = d.calibrationResidual { msg += ", calibration residual \(fmt(r))" }
                FileHandle.standardError.write(Data((msg + "\n").utf8))
            }
        }
    }

    /// `chengyu io solve TABLE_DIR --demand FILE [--out FILE]`.
    struct Solve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Gross output x = (I − A)⁻¹·y for many final-demand columns at once, as CSV.",
            discussion: """
                FILE: rows labelled with the table's industries (any order; industries not listed get 0), \
                one column per demand vector, header row with the column names. Output: the same layout with \
                gross output. One LU of I − A, one multi-RHS solve for all columns.

                Exit status 2 for a missing or malformed table or demand file, 3 for a numerical failure: A not \
                productive, I − A singular or near-singular (reciprocal condition estimate below 1e-12), or a gross \
                output that is not finite (overflow).

                Example:
                  chengyu io solve tables/ceads-2017 --demand scenarios.csv --out output.csv
                """)

        @Argument(help: "Folder with Z.csv, Y.csv and optionally x.csv (or the same as .npy with labels.json).")
        var tableDir: String

        @Option(help: "CSV of final-demand columns.")
        var demand: String

        @Option(name: .shortAndLong, help: "Output CSV file (default: stdout).")
        var out: String?

        @Flag(help: "Print phase timings on stderr.")
        var timings = false

        func run() throws {
            var clock = PhaseClock(enabled: timings)
            var t = try loadTable(tableDir)
            clock.lap("read table")
            let y: LabelledMatrix
            do { y = try MRIOTable.readDemand(URL(fileURLWithPath: demand), industries: t.industries) } catch let e as MRIOTableError {
                throw fail(e.description)
            }
            clock.lap("read demand")
            let x: Matrix
            do {
                let gross = try t.grossOutput ?? InputOutput.grossOutputFromSales(flows: t.z, finalDemand: t.y)
                // A in Z's storage; with the LU of I − A, two n × n matrices.
                let a = try InputOutput.technicalCoefficients(consuming: t.takeFlows(), grossOutput: gross)
                let model = try LeontiefModel(technicalCoefficients: a)
                try model.requireProductive()
                // dgecon on the factors already at hand (O(n²)); no other pass over A.
                try requireWellConditioned(try model.factorization.reciprocalConditionNumber())
                clock.lap("factor")
                x = try model.grossOutput(finalDemand: y.values)
                clock.lap("solve")
            } catch let e as InputOutputError { throw fail(e) }
            try requireFiniteResult(
                y.columnLabels.indices.map { ("gross output for \(y.columnLabels[$0])", x.column($0).map { Optional($0) }) },
                industries: t.industries)
            try ResultCSV.emit(ResultCSV.render(header: ["industry"] + y.columnLabels, labels: t.industries, matrix: x), to: out)
            clock.lap("write")
        }
    }
}

private func fmt(_ v: Double) -> String { String(format: "%.6g", v) }

extension Chengyu.IOCommand {
    /// `chengyu io export SCENARIO --out DIR`: the calibrated 2019 MRIO of the circle as a table folder.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the model's calibrated 2019 circle MRIO (1,764 industries) as a table folder.",
            discussion: """
                Writes Z.csv, Y.csv (local final demand by consumer jurisdiction and category, exports, inventories),
                x.csv, VA.csv (primary inputs: compensation, other value added, purchases from the rest of China
                and from abroad, so every column closes) and F.csv (employment) in the layout the other
                `chengyu io` commands read, for the parameters of SCENARIO, and units.csv (the unit of each file:
                Z, Y, x and VA in 100m yuan at 2019 prices, F in persons). Value-added multipliers are the
                value_added:compensation and value_added:other_value_added columns. Files are written atomically.

                Example:
                  chengyu io export Scenarios/baseline.yaml --out tables/circle-2019
                  chengyu io multipliers tables/circle-2019 --out multipliers.csv
                """)

        @Argument(help: "The scenario whose parameters calibrate the table (e.g. Scenarios/baseline.yaml).")
        var scenario: String

        @Option(help: "The folder to write.")
        var out: String

        @OptionGroup var global: GlobalOptions

        func run() throws {
            var progress = PhaseProgress("io export", options: global)
            defer { progress.clear() }
            let sc = try ScenarioRunner.load(scenario)  // prints its own diagnostics
            progress.phase("loading the base data")
            let sim = try Simulator(dataset: try ScenarioRunner.dataset())
            progress.phase("calibrating the 2019 table")
            let t: CalibratedTable
            do { t = try sim.calibratedTable(for: sc) } catch {
                progress.clear()
                Terminal.error("\(error)")
                throw ExitCodes.numericalFailure
            }
            let dir = URL(fileURLWithPath: out)
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            for name in CalibratedTableFiles.fileNames {
                progress.phase("writing \(name)")
                try AtomicFileWriter.write(CalibratedTableFiles.file(name, of: t).contents, to: dir.appendingPathComponent(name))
            }
            progress.clear()
            if !global.quiet {
                Terminal.info("wrote \(dir.path)/ (Z.csv, Y.csv, x.csv, VA.csv, F.csv; units.csv: money in 100m yuan at 2019 prices, employment in persons)")
            }
        }
    }
}
