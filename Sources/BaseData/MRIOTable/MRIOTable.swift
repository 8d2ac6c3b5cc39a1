import Foundation
import MatrixCore

/// A multi-regional input–output table brought by the user (layout: README.md in this folder).
///
/// Industries are labelled `region:sector`, final-demand columns `region:category`. Flows are in the
/// table's own currency unit; nothing is converted.
public struct MRIOTable: Sendable {
    /// The folder it was read from.
    public let directory: String
    /// `region:sector` labels of the `n` industries, in the order of `Z`'s rows and columns.
    public let industries: [String]
    /// `Z` (`n × n`): `z[i, j]` = sales of industry `i` to industry `j`.
    public let z: Matrix
    /// Final-demand column labels (`region:category`).
    public let finalDemandLabels: [String]
    /// `Y` (`n × k`).
    public let y: Matrix
    /// Gross output `x` from `x.csv`, when present.
    public let grossOutput: [Double]?
    /// Value-added component labels (rows of `VA.csv`), e.g. `compensation`.
    public let valueAddedLabels: [String]
    /// Value added (`components × n`), when `VA.csv` is present.
    public let valueAdded: Matrix?
    /// Satellite-account labels (rows of `F.csv`), e.g. `employment`.
    public let satelliteLabels: [String]
    /// Satellite accounts (`stressors × n`), when `F.csv` is present.
    public let satellites: Matrix?

    /// The region part of each industry label (text before the first `:`; the whole label if none).
    public var industryRegions: [String] { industries.map { MRIOTable.splitLabel($0).0 } }

    /// `(region, rest)` of a `region:rest` label.
    public static func splitLabel(_ label: String) -> (String, String) {
        guard let colon = label.firstIndex(of: ":") else { return (label, "") }
        return (String(label[..<colon]), String(label[label.index(after: colon)...]))
    }

    public init(
        directory: String, industries: [String], z: Matrix, finalDemandLabels: [String], y: Matrix,
        grossOutput: [Double]? = nil, valueAddedLabels: [String] = [], valueAdded: Matrix? = nil,
        satelliteLabels: [String] = [], satellites: Matrix? = nil
    ) {
        self.directory = directory
        self.industries = industries
        self.z = z
        self.finalDemandLabels = finalDemandLabels
        self.y = y
        self.grossOutput = grossOutput
        self.valueAddedLabels = valueAddedLabels
        self.valueAdded = valueAdded
        self.satelliteLabels = satelliteLabels
        self.satellites = satellites
    }

    /// Reads `Z.csv` and `Y.csv` (required), `x.csv`, `VA.csv` and `F.csv` (optional) from `directory`.
    ///
    /// Checks that `Z` is square with identical row and column labels, and that `Y`, `x`, `VA` and `F` are
    /// labelled with the same industries in the same order. `VA.csv` and `F.csv` may hold industries as
    /// columns (pymrio's orientation: one row per component) or as rows; `x.csv` a column or a row.
    /// - Throws: `MRIOTableError` naming file, line and column.
    public static func read(directory: URL) throws -> MRIOTable {
        func file(_ name: String) -> URL { directory.appendingPathComponent(name) }
        let zt = try LabelledCSV.read(file("Z.csv"))
        guard zt.rowLabels.count == zt.columnLabels.count else {
            throw MRIOTableError.inconsistent(
                file: zt.file, line: nil, column: nil,
                message: "Z must be square: \(zt.rowLabels.count) rows, \(zt.columnLabels.count) columns")
        }
        for (k, (r, c)) in zip(zt.rowLabels, zt.columnLabels).enumerated() where r != c {
            throw MRIOTableError.inconsistent(
                file: zt.file, line: zt.rowLines[k], column: 1,
                message: "row label \"\(r)\" differs from column label \(k + 2) \"\(c)\" (same industries, same order)")
        }
        let industries = zt.rowLabels
        let yt = try LabelledCSV.read(file("Y.csv"))
        try requireRows(yt, industries)
        var x: [Double]? = nil
        if FileManager.default.fileExists(atPath: file("x.csv").path) {
            let xt = try oriented(LabelledCSV.read(file("x.csv")), industries)
            guard xt.values.rows == 1 else {
                throw MRIOTableError.inconsistent(
                    file: xt.file, line: nil, column: nil, message: "x must have one column (or one row), found \(xt.values.rows)")
            }
            x = xt.values.storage
        }
        var va: LabelledMatrix? = nil
        if FileManager.default.fileExists(atPath: file("VA.csv").path) {
            va = try oriented(LabelledCSV.read(file("VA.csv")), industries)
        }
        var f: LabelledMatrix? = nil
        if FileManager.default.fileExists(atPath: file("F.csv").path) {
            f = try oriented(LabelledCSV.read(file("F.csv")), industries)
        }
        return MRIOTable(
            directory: directory.path, industries: industries, z: zt.values, finalDemandLabels: yt.columnLabels,
            y: yt.values, grossOutput: x, valueAddedLabels: va?.rowLabels ?? [], valueAdded: va?.values,
            satelliteLabels: f?.rowLabels ?? [], satellites: f?.values)
    }

    /// Reads a demand (or any per-industry) file: rows labelled with industries (any order, each at most
    /// once; industries not listed get 0), one column per scenario. Returns an `n × k` table in the order
    /// of `industries`.
    public static func readDemand(_ url: URL, industries: [String]) throws -> LabelledMatrix {
        let t = try LabelledCSV.read(url)
        var index: [String: Int] = [:]
        for (k, l) in industries.enumerated() { index[l] = k }
        let n = industries.count, k = t.columnLabels.count
        var values = [Double](repeating: 0, count: n * k)
        var seen = [Bool](repeating: false, count: n)
        for (r, label) in t.rowLabels.enumerated() {
            guard let i = index[label] else {
                throw MRIOTableError.inconsistent(
                    file: t.file, line: t.rowLines[r], column: 1, message: "unknown industry \"\(label)\" (not a row of Z)")
            }
            guard !seen[i] else {
                throw MRIOTableError.inconsistent(file: t.file, line: t.rowLines[r], column: 1, message: "industry \"\(label)\" listed twice")
            }
            seen[i] = true
            for c in 0..<k { values[i + c * n] = t.values[r, c] }
        }
        return LabelledMatrix(
            rowLabels: industries, columnLabels: t.columnLabels,
            values: try Matrix(rows: n, columns: k, columnMajor: values), file: t.file)
    }

    private static func requireRows(_ t: LabelledMatrix, _ industries: [String]) throws {
        guard t.rowLabels.count == industries.count else {
            throw MRIOTableError.inconsistent(
                file: t.file, line: nil, column: nil,
                message: "\(t.rowLabels.count) rows, but Z has \(industries.count) industries")
        }
        for (k, (a, b)) in zip(t.rowLabels, industries).enumerated() where a != b {
            throw MRIOTableError.inconsistent(
                file: t.file, line: t.rowLines[k], column: 1,
                message: "row label \"\(a)\" differs from Z's industry \(k + 1) \"\(b)\" (same order required)")
        }
    }

    /// Returns the table with industries as columns (transposing one that has them as rows).
    private static func oriented(_ t: LabelledMatrix, _ industries: [String]) throws -> LabelledMatrix {
        if t.columnLabels == industries { return t }
        if t.rowLabels == industries {
            return LabelledMatrix(
                rowLabels: t.columnLabels, columnLabels: t.rowLabels, values: t.values.transposed, file: t.file)
        }
        if t.columnLabels.count == industries.count,
           let k = zip(t.columnLabels, industries).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset {
            throw MRIOTableError.inconsistent(
                file: t.file, line: 1, column: k + 2,
                message: "column label \"\(t.columnLabels[k])\" differs from Z's industry \(k + 1) \"\(industries[k])\"")
        }
        throw MRIOTableError.inconsistent(
            file: t.file, line: nil, column: nil,
            message: "neither its rows nor its columns are Z's \(industries.count) industries in order")
    }
}
