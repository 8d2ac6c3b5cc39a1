import Foundation
import MatrixCore

/// Labelled numeric tables as CSV: a header row, then one row per label, `label,v1,v2,…` — the layout
/// `chengyu io` reads and writes (MRIO tables, multipliers, solutions). Numbers use Swift's shortest
/// round-trip representation, so a table read back is bit-identical; nil cells are left empty.
public enum LabelledTableCSV {
    /// `header` (the first cell names the label column) and one row per label from `columns`.
    public static func render(header: [String], labels: [String], columns: [[Double?]]) -> String {
        var out = ""
        out.reserveCapacity(labels.count * (columns.count + 1) * 20)
        out += header.map(CSV.field).joined(separator: ",") + "\n"
        for (i, label) in labels.enumerated() {
            out += CSV.field(label)
            for c in columns {
                out += ","
                if let v = c[i] { out += v.description }
            }
            out += "\n"
        }
        return out
    }

    /// The same for a matrix with `labels.count` rows (`header.count − 1` columns).
    public static func render(header: [String], labels: [String], matrix: Matrix) -> String {
        var out = ""
        out.reserveCapacity(labels.count * (matrix.columns + 1) * 20)
        out += header.map(CSV.field).joined(separator: ",") + "\n"
        let n = matrix.rows
        matrix.storage.withUnsafeBufferPointer { p in
            for (i, label) in labels.enumerated() {
                out += CSV.field(label)
                for c in 0..<matrix.columns {
                    out += ","
                    out += p[i + c * n].description
                }
                out += "\n"
            }
        }
        return out
    }
}
