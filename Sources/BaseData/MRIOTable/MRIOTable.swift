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
    /// `Z` (`n × n`): `z[i, j]` = sales of industry `i` to industry `j` (0 × 0 after `takeFlows()`).
    public private(set) var z: Matrix
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

    /// Moves `Z` out of the table and leaves a 0 × 0 matrix in its place, so that the caller holds the only
    /// reference to its storage and can turn it into `A = Z·diag(x)⁻¹` in place
    /// (`InputOutput.technicalCoefficients(consuming:grossOutput:)`) instead of allocating a second `n × n`
    /// matrix. Read everything else needed from `Z` (row sums, negative entries) first.
    public mutating func takeFlows() -> Matrix {
        let flows = z
        z = Matrix(rows: 0, columns: 0)
        return flows
    }

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

    /// Reads a table folder: NumPy files when it holds `Z.npy` and `labels.json` (`readNPY`), else `Z.csv` and
    /// `Y.csv` (required), `x.csv`, `VA.csv` and `F.csv` (optional).
    ///
    /// Checks that `Z` is square with identical row and column labels, and that `Y`, `x`, `VA` and `F` are
    /// labelled with the same industries in the same order. `VA.csv` and `F.csv` may hold industries as
    /// columns (pymrio's orientation: one row per component) or as rows; `x.csv` a column or a row.
    /// - Throws: `MRIOTableError` naming file, line and column.
    public static func read(directory: URL) throws -> MRIOTable {
        func file(_ name: String) -> URL { directory.appendingPathComponent(name) }
        let fm = FileManager.default
        if fm.fileExists(atPath: file("Z.npy").path) {
            if fm.fileExists(atPath: file("labels.json").path) { return try readNPY(directory: directory) }
            if !fm.fileExists(atPath: file("Z.csv").path) {
                throw MRIOTableError.inconsistent(
                    file: file("Z.npy").path, line: nil, column: nil,
                    message: "no labels.json next to it (the industry and final-demand labels of the .npy arrays), and no Z.csv")
            }
        }
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

    /// Reads a table saved as NumPy arrays, the layout `make_mrio.py` writes: `Z.npy` (`n × n`) and `Y.npy`
    /// (`n × k`) required, `x.npy` (`(n,)`), `VA.npy` (`c × n`) and `F.npy` (`s × n`) optional, float64 in C or
    /// Fortran order; labels in `labels.json`: `industries` (`n` strings, `region:sector`), `fd_columns`
    /// (`k`), and `va_rows` (`c`) / `stressors` (`s`) when `VA.npy` / `F.npy` exist. `VA` and `F` may also be
    /// stored with industries as rows (`n × c`). Other files (`A.npy`, `F_Y.npy`, the CSVs) are ignored.
    ///
    /// Each array is read straight into its matrix (`NPYFile.readMatrix`): peak memory while reading is the
    /// table itself, one `n × n` matrix plus the small ones.
    /// - Throws: `MRIOTableError` naming the file (and for array contents the byte offset).
    public static func readNPY(directory: URL) throws -> MRIOTable {
        func file(_ name: String) -> URL { directory.appendingPathComponent(name) }
        let fm = FileManager.default
        let labelsFile = file("labels.json").path
        guard fm.fileExists(atPath: labelsFile) else { throw MRIOTableError.missingFile(file: labelsFile) }
        if let size = (try? fm.attributesOfItem(atPath: labelsFile))?[.size] as? Int, size > maxLabelsBytes {
            throw MRIOTableError.unreadable(file: labelsFile, reason: "the file is \(size) bytes, over the limit of \(maxLabelsBytes) bytes (64 MiB) for labels.json")
        }
        let json: Any
        do { json = try JSONSerialization.jsonObject(with: try Data(contentsOf: file("labels.json"))) } catch {
            throw MRIOTableError.unreadable(file: labelsFile, reason: "not valid JSON: \(error.localizedDescription)")
        }
        guard let labels = json as? [String: Any] else {
            throw MRIOTableError.inconsistent(file: labelsFile, line: nil, column: nil, message: "expected a JSON object with \"industries\" and \"fd_columns\"")
        }
        func strings(_ key: String, required: Bool, for array: String) throws -> [String]? {
            guard let v = labels[key] else {
                if !required { return nil }
                throw MRIOTableError.inconsistent(
                    file: labelsFile, line: nil, column: nil, message: "no \"\(key)\" list (the labels of \(array))")
            }
            guard let list = v as? [String] else {
                throw MRIOTableError.inconsistent(file: labelsFile, line: nil, column: nil, message: "\"\(key)\" must be a list of strings")
            }
            return list
        }
        let industries = try strings("industries", required: true, for: "Z's rows and columns")!
        let n = industries.count
        func shape(_ m: Matrix) -> String { "(\(m.rows), \(m.columns))" }
        func mismatch(_ name: String, _ m: Matrix, _ expected: String) -> MRIOTableError {
            .inconsistent(file: file(name).path, line: nil, column: nil, message: "shape \(shape(m)), expected \(expected)")
        }
        let z = try NPYFile.readMatrix(file("Z.npy"))
        guard z.rows == n, z.columns == n else {
            throw mismatch("Z.npy", z, "(\(n), \(n)): labels.json lists \(n) industries")
        }
        let fdLabels = try strings("fd_columns", required: true, for: "Y's columns")!
        let y = try NPYFile.readMatrix(file("Y.npy"))
        guard y.rows == n, y.columns == fdLabels.count else {
            throw mismatch("Y.npy", y, "(\(n), \(fdLabels.count)): \(n) industries × \(fdLabels.count) fd_columns in labels.json")
        }
        var x: [Double]? = nil
        if fm.fileExists(atPath: file("x.npy").path) {
            let m = try NPYFile.readMatrix(file("x.npy"))
            guard m.rows * m.columns == n, m.rows == 1 || m.columns == 1 else {
                throw mismatch("x.npy", m, "(\(n),): one gross output per industry")
            }
            x = m.storage
        }
        func accounts(_ name: String, _ key: String) throws -> (labels: [String], values: Matrix)? {
            guard fm.fileExists(atPath: file(name).path) else { return nil }
            let rowLabels = try strings(key, required: true, for: "the rows of \(name)")!
            let m = try NPYFile.readMatrix(file(name))
            let k = rowLabels.count
            if m.rows == k && m.columns == n { return (rowLabels, m) }
            if m.rows == n && m.columns == k { return (rowLabels, m.transposed) }
            throw mismatch(name, m, "(\(k), \(n)): \(k) \(key) in labels.json × \(n) industries (or its transpose)")
        }
        let va = try accounts("VA.npy", "va_rows")
        let f = try accounts("F.npy", "stressors")
        return MRIOTable(
            directory: directory.path, industries: industries, z: z, finalDemandLabels: fdLabels, y: y,
            grossOutput: x, valueAddedLabels: va?.labels ?? [], valueAdded: va?.values,
            satelliteLabels: f?.labels ?? [], satellites: f?.values)
    }

    /// Largest `labels.json` read.
    public static let maxLabelsBytes = 64 << 20

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
