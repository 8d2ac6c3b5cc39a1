import MatrixCore

/// Row totals of an industry-by-column result grouped by region (`chengyu io project --regions-out`).
public struct RegionTotals: Sendable, Equatable {
    /// Region names in order of first appearance among the rows, then `all`.
    public let labels: [String]
    /// `(R + 1) × K`: row `r` is `Σ_{i in region r} x[i, ·]`, the last row `Σ_i x[i, ·]`.
    public let totals: Matrix
}

extension InputOutput {
    /// Sums the rows of `x` (`n × K`) by the region of each row: `T[r, k] = Σ_{i: region(i) = r} x[i, k]`,
    /// plus a last row `Σ_i x[i, k]` labelled `all`. One pass over `x` (O(n·K)); regions keep the order in
    /// which they first appear.
    /// - Throws: `.dimensionMismatch` when `regionOfRow` does not have one entry per row of `x`.
    public static func regionTotals(_ x: Matrix, regionOfRow: [String]) throws -> RegionTotals {
        guard regionOfRow.count == x.rows else {
            throw InputOutputError.dimensionMismatch(
                operation: "regionTotals", expected: "\(x.rows) region names", got: "\(regionOfRow.count)")
        }
        var order: [String] = [], index: [String: Int] = [:]
        let group = regionOfRow.map { r -> Int in
            if let k = index[r] { return k }
            index[r] = order.count
            order.append(r)
            return order.count - 1
        }
        let n = x.rows, regions = order.count
        var totals = Matrix(rows: regions + 1, columns: x.columns)
        x.storage.withUnsafeBufferPointer { xp in
            totals.withUnsafeMutableStorage { tp in
                for k in 0..<x.columns {
                    let column = k * (regions + 1)
                    for i in 0..<n {
                        let v = xp[i + k * n]
                        tp[group[i] + column] += v
                        tp[regions + column] += v
                    }
                }
            }
        }
        return RegionTotals(labels: order + ["all"], totals: totals)
    }
}
