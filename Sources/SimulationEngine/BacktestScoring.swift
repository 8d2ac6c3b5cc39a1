import Foundation

extension Backtest {
    /// The methods scored: the model and the two naive benchmarks.
    static let methods = ["model", "B1", "B2"]

    /// A method's forecast at a point.
    static func forecast(_ p: BacktestPoint, _ method: String) -> Double? {
        switch method {
        case "model": return p.model
        case "B1": return p.nationalRate
        default: return p.ownTrend
        }
    }

    /// Scores per indicator, level and method (MODEL-v3 §2).
    static func scores(_ points: [BacktestPoint]) -> [BacktestScore] {
        var out: [BacktestScore] = []
        let groups = Dictionary(grouping: points) { "\($0.indicator)|\($0.level)" }
        for key in groups.keys.sorted() {
            let pts = groups[key]!.sorted { ($0.place, $0.year) < ($1.place, $1.year) }
            for name in methods {
                out.append(score(pts, method: name) { forecast($0, name) })
            }
        }
        return out
    }

    /// One method's score on the points of one indicator and level.
    ///
    /// - MAPE = mean |ŷ − y|/|y|, bias = mean (ŷ − y)/|y| (per cent);
    /// - Theil's U = sqrt(Σ((ŷ − y)/y_o)²)/sqrt(Σ((y − y_o)/y_o)²) over the points (y_o the origin value);
    ///   for shares the differences are in pp, not relative;
    /// - across places, the cumulative change from the origin to each place's last point: Pearson r with the
    ///   observed changes, the ratio of their standard deviations, and the share of places with the observed
    ///   sign (places whose observed change is below 0.05 % or 0.05 pp a year left out).
    static func score(_ pts: [BacktestPoint], method: String, value: (BacktestPoint) -> Double?) -> BacktestScore {
        let share = pts.first?.indicator == "urbanisation"
        let used = pts.compactMap { p in value(p).map { (p, $0) } }
        var ape = 0.0, pe = 0.0, num = 0.0, den = 0.0
        for (p, v) in used {
            ape += abs(v - p.observed) / abs(p.observed)
            pe += (v - p.observed) / abs(p.observed)
            let scale = share ? 1 : abs(p.originValue)
            num += pow((v - p.observed) / scale, 2)
            den += pow((p.observed - p.originValue) / scale, 2)
        }
        let n = Double(used.count)
        // Cumulative change per place to its last point.
        var last: [String: (BacktestPoint, Double)] = [:]
        for (p, v) in used where p.year >= (last[p.place]?.0.year ?? Int.min) { last[p.place] = (p, v) }
        // Changes a year (places end in different years: cumulative changes would correlate with the horizon).
        let changes = last.values.sorted { $0.0.place < $1.0.place }.map { p, v -> (observed: Double, method: Double) in
            let years = Double(max(p.horizon, 1))
            return share ? ((p.observed - p.originValue) / years, (v - p.originValue) / years)
                : (log(p.observed / p.originValue) / years, log(v / p.originValue) / years)
        }
        let counted = changes.filter { abs($0.observed) >= (share ? 0.05 : 0.0005) }
        let agree = counted.filter { ($0.observed > 0) == ($0.method > 0) }.count
        return BacktestScore(
            indicator: pts.first?.indicator ?? "", level: pts.first?.level ?? "", method: method, points: used.count,
            places: Set(used.map(\.0.place)).count,
            mape: n > 0 ? 100 * ape / n : nil, bias: n > 0 ? 100 * pe / n : nil,
            theilU: den > 0 ? (num / den).squareRoot() : nil,
            growthCorrelation: changes.count >= 3 ? pearson(changes.map(\.method), changes.map(\.observed)) : nil,
            spreadRatio: changes.count >= 3 ? spread(changes.map(\.method), changes.map(\.observed)) : nil,
            signAgreement: counted.isEmpty ? nil : 100 * Double(agree) / Double(counted.count))
    }

    /// Pearson's r; nil when either side has no spread.
    static func pearson(_ a: [Double], _ b: [Double]) -> Double? {
        let n = Double(a.count)
        let ma = a.reduce(0, +) / n, mb = b.reduce(0, +) / n
        var sab = 0.0, saa = 0.0, sbb = 0.0
        for (x, y) in zip(a, b) { sab += (x - ma) * (y - mb); saa += (x - ma) * (x - ma); sbb += (y - mb) * (y - mb) }
        guard saa > 1e-24, sbb > 1e-24 else { return nil }
        return sab / (saa * sbb).squareRoot()
    }

    /// sd(a)/sd(b); nil when b has no spread.
    static func spread(_ a: [Double], _ b: [Double]) -> Double? {
        func sd(_ v: [Double]) -> Double {
            let m = v.reduce(0, +) / Double(v.count)
            return (v.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(v.count)).squareRoot()
        }
        let sb = sd(b)
        return sb > 1e-12 ? sd(a) / sb : nil
    }

    /// Metrics for `--fail-if-worse`: the name, and whether a larger value is better.
    public static let comparableMetrics: [String: Bool] = [
        "mape": false, "bias": false, "theil-u": false, "correlation": true, "sign": true,
    ]

    /// The (indicator, level, benchmark) cells where the model is worse than a benchmark on `metric`.
    public static func losses(_ r: BacktestResult, metric: String) -> [String] {
        guard let higherIsBetter = comparableMetrics[metric] else { return [] }
        func value(_ s: BacktestScore) -> Double? {
            switch metric {
            case "mape": return s.mape
            case "bias": return s.bias.map(abs)
            case "theil-u": return s.theilU
            case "correlation": return s.growthCorrelation
            default: return s.signAgreement
            }
        }
        var out: [String] = []
        for s in r.scores where s.method == "model" {
            guard let m = value(s) else { continue }
            for b in ["B1", "B2"] {
                guard let other = r.score(s.indicator, s.level, b), let v = value(other) else { continue }
                if higherIsBetter ? m < v : m > v { out.append("\(s.indicator) \(s.level): model \(metric) worse than \(b)") }
            }
        }
        return out
    }
}
