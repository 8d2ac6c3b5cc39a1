import MatrixCore

extension SobolIndices {
    /// `estimate(outputs:…)` of many outputs at once (every column of a sweep: each indicator, place and
    /// year), in Saltelli run order. The bootstrap rows are drawn once from `seed` and shared by all columns,
    /// so each column's result is the one `estimate` gives it alone. A column that is not finite or does not
    /// vary gets the error `estimate` would throw.
    public static func estimateMany(
        columns: [[Double]], baseSamples n: Int, dimensions d: Int, resamples: Int = 1000, confidence: Double = 0.95,
        seed: UInt64 = 1
    ) -> [Result<SobolIndices, SweepError>] {
        var rng = SplitMix64(seed: seed)
        let rows = (0..<resamples).map { _ in (0..<n).map { _ in Int(rng.next() % UInt64(n)) } }
        return columns.map { f in
            Result { () throws(SweepError) -> SobolIndices in
                try estimate(outputs: f, baseSamples: n, dimensions: d, bootstrapRows: rows, confidence: confidence)
            }
        }
    }
}

/// First- and total-order indices of one indicator at one place over the years of a sweep's outputs
/// (the time-resolved analysis SALib users ask for): `firstOrder[factor][year]`, `totalOrder[factor][year]`.
public struct SobolSeries: Codable, Sendable, Equatable {
    public let indicator: String
    public let place: String
    public let years: [Int]
    public let factors: [String]
    public let firstOrder: [[SobolIndices.Interval]]
    public let totalOrder: [[SobolIndices.Interval]]

    /// The series of every (indicator, place) with indices in more than one year, from per-output indices
    /// keyed by output name (`outputs` gives each name's indicator, place and year); in order of first output.
    static func series(outputs: [SweepOutput], sensitivities: [SweepAnalysis.Sensitivity]) -> [SobolSeries] {
        let byName = Dictionary(sensitivities.map { ($0.output, $0) }, uniquingKeysWith: { a, _ in a })
        var order: [String] = [], members: [String: [(Int, SweepAnalysis.Sensitivity)]] = [:]
        for o in outputs where o.kind == .value && o.goalID == nil {
            guard let s = byName[o.name] else { continue }
            let key = o.indicator + "\u{0}" + o.place
            if members[key] == nil { order.append(key) }
            members[key, default: []].append((o.year, s))
        }
        return order.compactMap { key in
            let m = members[key]!.sorted { $0.0 < $1.0 }
            guard m.count > 1, let first = m.first?.1 else { return nil }
            let parts = key.split(separator: "\u{0}", omittingEmptySubsequences: false).map(String.init)
            return SobolSeries(
                indicator: parts[0], place: parts[1], years: m.map(\.0), factors: first.factors,
                firstOrder: first.factors.indices.map { i in m.map { $0.1.indices.firstOrder[i] } },
                totalOrder: first.factors.indices.map { i in m.map { $0.1.indices.totalOrder[i] } })
        }
    }
}
