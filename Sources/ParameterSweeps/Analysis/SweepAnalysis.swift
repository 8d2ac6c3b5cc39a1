import Foundation

/// Summary statistics of each output, the share of runs meeting each goal, and (Sobol designs) first- and
/// total-order indices with bootstrap intervals.
public struct SweepAnalysis: Codable, Sendable {
    public struct Summary: Codable, Sendable {
        public let output: String
        /// Runs with a finite value.
        public let n: Int
        public let mean: Double?
        /// Sample standard deviation (n − 1).
        public let sd: Double?
        public let min: Double?
        public let q05: Double?
        public let q25: Double?
        public let median: Double?
        public let q75: Double?
        public let q95: Double?
        public let max: Double?
    }
    public struct GoalShare: Codable, Sendable {
        public let goalID: String
        /// Runs where the goal could be compared.
        public let n: Int
        /// Share of those runs meeting the goal.
        public let metShare: Double?
    }
    public struct Sensitivity: Codable, Sendable {
        public let output: String
        public let factors: [String]
        public let indices: SobolIndices
    }

    public let runs: Int
    public let failedRuns: Int
    public let summaries: [Summary]
    public let goals: [GoalShare]
    public let sobol: [Sensitivity]
    /// The indices of each indicator and place that is an output in several years, by year (`SobolSeries`).
    public let sobolOverTime: [SobolSeries]
    /// Outputs whose indices could not be computed, with the reason.
    public let notes: [String]

    /// Quantile with linear interpolation between order statistics (Hyndman & Fan 1996, type 7, R's default).
    public static func quantile(_ sorted: [Double], _ p: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let h = Double(sorted.count - 1) * p
        let lo = Int(h.rounded(.down)), hi = Swift.min(lo + 1, sorted.count - 1)
        return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
    }

    /// The analysis of a complete sweep.
    public static func analyse(manifest: SweepManifest, collected: CollectedResults, resamples: Int = 1000) throws -> SweepAnalysis {
        let runs = manifest.runs.sorted { $0.id < $1.id }
        let missing = runs.filter { collected.rows[$0.id] == nil }
        guard missing.isEmpty else {
            throw SweepError.analysis("\(missing.count) of \(runs.count) runs have no result yet (see chengyu sweep status)")
        }
        let rows = runs.map { collected.rows[$0.id]! }
        let failed = rows.filter { $0[0] != 0 }.count
        var summaries: [Summary] = [], goals: [GoalShare] = [], sobol: [Sensitivity] = [], notes: [String] = []
        var sobolColumns: [(name: String, column: [Double])] = []
        for (k, o) in manifest.outputs.enumerated() {
            let column = rows.map { $0[k + 1] }
            let values = column.compactMap { $0 }.filter(\.isFinite)
            if values.isEmpty {
                notes.append("\(o.name): no values in any run (the indicator is not modelled); left out of the tables")
                continue
            }
            if o.kind == .met {
                goals.append(GoalShare(goalID: o.goalID ?? o.name, n: values.count,
                                       metShare: values.isEmpty ? nil : Double(values.filter { $0 == 1 }.count) / Double(values.count)))
                continue
            }
            let s = values.sorted()
            let n = s.count
            let mean = n > 0 ? s.reduce(0, +) / Double(n) : nil
            var sd = n > 1 ? (s.reduce(0) { $0 + ($1 - mean!) * ($1 - mean!) } / Double(n - 1)).squareRoot() : nil
            // An output that does not vary beyond rounding (every run within a few ulps of the mean) has sd 0,
            // not 1e-12: the sweep's factors do not move it.
            if let d = sd, let m = mean, d <= Self.constantRelativeSpread * Swift.max(abs(m), .leastNormalMagnitude) { sd = 0 }
            summaries.append(Summary(output: o.name, n: n, mean: mean, sd: sd, min: s.first, q05: quantile(s, 0.05),
                                     q25: quantile(s, 0.25), median: quantile(s, 0.5), q75: quantile(s, 0.75),
                                     q95: quantile(s, 0.95), max: s.last))
            if manifest.design == .sobol, manifest.samples != nil {
                if let m = mean, let d = sd, d <= 1e-9 * Swift.max(abs(m), 1e-300) {
                    notes.append("\(o.name): no Sobol indices (the output does not vary beyond rounding: sd \(f(d)), mean \(f(m)))")
                    continue
                }
                guard column.allSatisfy({ $0?.isFinite == true }) else {
                    notes.append("\(o.name): no Sobol indices (\(column.count - values.count) runs without a value)")
                    continue
                }
                sobolColumns.append((o.name, column.map { $0! }))
            }
        }
        if manifest.design == .sobol, let nBase = manifest.samples {
            // Every output at once: one set of bootstrap rows for all columns.
            let results = SobolIndices.estimateMany(
                columns: sobolColumns.map(\.column), baseSamples: nBase, dimensions: manifest.factors.count,
                resamples: resamples, seed: manifest.seed)
            for (c, r) in zip(sobolColumns, results) {
                switch r {
                case .success(let idx): sobol.append(Sensitivity(output: c.name, factors: manifest.factors.map(\.column), indices: idx))
                case .failure(let error): notes.append("\(c.name): \(error)")
                }
            }
        }
        return SweepAnalysis(
            runs: runs.count, failedRuns: failed, summaries: summaries, goals: goals, sobol: sobol,
            sobolOverTime: SobolSeries.series(outputs: manifest.outputs, sensitivities: sobol), notes: notes)
    }

    /// Relative spread (sd / |mean|) below which an output counts as constant: far above the round-off of
    /// the engine (about 1e-14 relative) and far below any effect of a factor.
    static let constantRelativeSpread = 1e-9

    static func f(_ x: Double?) -> String {
        guard let x else { return "" }
        return String(format: "%.6g", x)
    }

    /// Plain-text tables.
    public func renderText() -> String {
        var out = ["runs: \(runs) (\(failedRuns) failed)", "", "output  n  mean  sd  min  q05  q25  median  q75  q95  max"]
        func table(_ rows: [[String]]) -> [String] {
            guard let w = rows.first?.count else { return [] }
            let widths = (0..<w).map { c in rows.map { $0[c].count }.max() ?? 0 }
            return rows.map { r in r.enumerated().map { c, s in c == 0 ? s.padding(toLength: widths[c], withPad: " ", startingAt: 0) : String(repeating: " ", count: widths[c] - s.count) + s }.joined(separator: "  ") }
        }
        out.removeLast()
        out += table([["output", "n", "mean", "sd", "min", "q05", "q25", "median", "q75", "q95", "max"]] + summaries.map {
            [$0.output, String($0.n), Self.f($0.mean), Self.f($0.sd), Self.f($0.min), Self.f($0.q05), Self.f($0.q25), Self.f($0.median), Self.f($0.q75), Self.f($0.q95), Self.f($0.max)]
        })
        if !goals.isEmpty {
            out += ["", "share of runs meeting each goal"]
            out += table([["goal", "n", "met share"]] + goals.map { [$0.goalID, String($0.n), $0.metShare.map { String(format: "%.3f", $0) } ?? "—"] })
        }
        for s in sobol {
            out += ["", "Sobol indices of \(s.output) (\(Int(s.indices.confidence * 100)) % bootstrap intervals)"]
            out += table([["factor", "S1", "S1 low", "S1 high", "ST", "ST low", "ST high"]] + s.factors.enumerated().map { i, name in
                let a = s.indices.firstOrder[i], b = s.indices.totalOrder[i]
                return [name, Self.f(a.estimate), Self.f(a.lower), Self.f(a.upper), Self.f(b.estimate), Self.f(b.lower), Self.f(b.upper)]
            })
        }
        for series in sobolOverTime {
            out += ["", "Sobol indices of \(series.indicator) at \(series.place) by year (S1 / ST)"]
            out += table([["year"] + series.factors.flatMap { ["S1 \($0)", "ST \($0)"] }] + series.years.indices.map { y in
                [String(series.years[y])] + series.factors.indices.flatMap { i in
                    [Self.f(series.firstOrder[i][y].estimate), Self.f(series.totalOrder[i][y].estimate)]
                }
            })
        }
        if !notes.isEmpty { out += [""] + notes.map { "note: \($0)" } }
        return out.joined(separator: "\n") + "\n"
    }

    /// Long CSV: `section,output,factor,statistic,value`.
    public func renderCSV() -> String {
        var l = ["section,output,factor,statistic,value"]
        for s in summaries {
            for (k, v) in [("n", Double(s.n)), ("mean", s.mean), ("sd", s.sd), ("min", s.min), ("q05", s.q05), ("q25", s.q25),
                           ("median", s.median), ("q75", s.q75), ("q95", s.q95), ("max", s.max)] as [(String, Double?)] {
                l.append("summary,\(s.output),,\(k),\(v.map { $0.description } ?? "")")
            }
        }
        for g in goals { l.append("goal,\(g.goalID),,met_share,\(g.metShare.map { $0.description } ?? "")") }
        for s in sobol {
            for (i, name) in s.factors.enumerated() {
                let a = s.indices.firstOrder[i], b = s.indices.totalOrder[i]
                for (k, v) in [("S1", a.estimate), ("S1_low", a.lower), ("S1_high", a.upper), ("ST", b.estimate), ("ST_low", b.lower), ("ST_high", b.upper)] {
                    l.append("sobol,\(s.output),\(name),\(k),\(v.description)")
                }
            }
        }
        return l.joined(separator: "\n") + "\n"
    }
}
