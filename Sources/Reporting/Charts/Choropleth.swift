import Foundation

/// A choropleth map of the jurisdictions: one `<path>` per jurisdiction with a boundary, coloured by class.
///
/// Projection: equirectangular with `x ∝ lon·cos φ₀` (φ₀ the mid latitude of all boundary points), aspect
/// kept, fitted into the plot area. Scales:
/// - **diverging** (differences): 9 classes of equal width `2m/9` over `[−m, m]`, `m` = `max |v|` rounded up to
///   1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 × 10ᵏ; the middle class `[−m/9, m/9]` is white, blue below, red above (ColorBrewer RdBu 9). Centred on
///   zero even when every value has the same sign, so that the colour says the sign.
/// - **sequential** (levels, rates): 5 quantile classes (edges at the 0, 20, 40, 60, 80, 100 % order statistics
///   of the values, `v[round(k(n−1)/5)]`), ColorBrewer YlGnBu 5; a value is in the first class whose upper
///   edge is ≥ it.
///
/// Elements: root `<svg class="chart choropleth" data-scale=… data-paths=N>`; `<path class="jurisdiction"
/// data-place=… data-value=… data-class=k>` (`jurisdiction no-data`, grey, without a value);
/// `<path class="outside-circle" data-place=…>` (territory outside the circle, washed out and dashed);
/// `<text class="core-label">`; `<rect class="legend-step" data-lower data-upper>`.
public struct Choropleth: Sendable {
    public enum Scale: String, Sendable { case diverging, sequential }

    /// How values are written in the legend and the tooltips.
    public enum ValueStyle: Sendable, Hashable {
        /// Fractions as signed percentages (`+1.2 %`).
        case percentChange
        /// Values of an indicator's unit (`NumberFormatting.UnitDisplay`), signed when `signed`.
        case unit(String, signed: Bool)
    }

    public static let divergingColours = [
        "#2166ac", "#4393c3", "#92c5de", "#d1e5f0", "#f7f7f7", "#fddbc7", "#f4a582", "#d6604d", "#b2182b",
    ]
    public static let sequentialColours = ["#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494"]

    public var title: String
    /// Legend caption, e.g. "relative difference to baseline, 2035".
    public var valueLabel: String
    public var places: [SeatLocation]
    public var values: [String: Double]
    public var scale: Scale
    public var style: ValueStyle
    /// Places whose name is written at their seat (the cores).
    public var labelled: Set<String>
    public var width: Double
    /// Whether to add a line under the legend saying what the washed-out parts are.
    public var noteOutside: Bool

    public init(
        title: String, valueLabel: String, places: [SeatLocation], values: [String: Double], scale: Scale,
        style: ValueStyle, labelled: Set<String> = [], width: Double = 560, noteOutside: Bool = true
    ) {
        self.title = title
        self.valueLabel = valueLabel
        self.places = places.filter { !$0.boundary.isEmpty }
        self.values = values.filter { $0.value.isFinite }
        self.scale = scale
        self.style = style
        self.labelled = labelled
        self.width = width
        self.noteOutside = noteOutside
    }

    /// Class edges (count + 1 ascending values) of the scale for the present values.
    public func classEdges() -> [Double] {
        let v = places.compactMap { values[$0.place] }.sorted()
        guard let lo = v.first, let hi = v.last else { return [] }
        switch scale {
        case .diverging:
            let m = Self.niceCeiling(max(abs(lo), abs(hi)))
            return (0...9).map { m * (2 * Double($0) - 9) / 9 }
        case .sequential:
            return (0...5).map { v[Int((Double($0 * (v.count - 1)) / 5).rounded())] }
        }
    }

    /// Class index of `value` for `edges` (0-based; values beyond the ends go to the end classes).
    public static func classIndex(_ value: Double, edges: [Double]) -> Int {
        let count = edges.count - 1
        for k in 0..<count where value <= edges[k + 1] { return k }
        return count - 1
    }

    /// The smallest of 1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10ᵏ that is ≥ `x` (1 for `x` ≤ 0).
    public static func niceCeiling(_ x: Double) -> Double {
        guard x > 0, x.isFinite else { return 1 }
        let p = pow(10, floor(log10(x)))
        for f in [1.0, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10] where f * p >= x * (1 - 1e-12) { return f * p }
        return 10 * p
    }

    /// A legend number: the value without its unit (the caption names it); signed percentages for
    /// `percentChange`.
    func legendText(_ v: Double) -> String {
        switch style {
        case .percentChange: return NumberFormatting.percentChange(v)
        case .unit(let unit, _): return NumberFormatting.UnitDisplay(unit: unit).number(v) + (unit == "fraction" ? " %" : "")
        }
    }

    func text(_ v: Double) -> String {
        switch style {
        case .percentChange: return NumberFormatting.percentChange(v)
        case .unit(let unit, let signed):
            let d = NumberFormatting.UnitDisplay(unit: unit)
            return signed ? d.differenceText(v) : d.text(v)
        }
    }

    /// The projection of the boundary points into `[left, right] × [top, top + height]`: (project, height).
    func projection(left: Double, right: Double, top: Double) -> ((SIMD2<Double>) -> SIMD2<Double>, Double) {
        var all: [SIMD2<Double>] = []
        for p in places { all += Array(p.boundary.joined().joined()) + Array(p.outside.joined().joined()) }
        let lats = all.map { $0.y }, lons = all.map { $0.x }
        let lat0 = ((lats.min() ?? 0) + (lats.max() ?? 0)) / 2
        let k = cos(lat0 * .pi / 180)
        let x0 = (lons.min() ?? 0) * k, x1 = (lons.max() ?? 1) * k, y0 = lats.min() ?? 0, y1 = lats.max() ?? 1
        let unit = (right - left) / max(x1 - x0, 1e-9)
        let project: (SIMD2<Double>) -> SIMD2<Double> = { p in
            SIMD2(left + (p.x * k - x0) * unit, top + (y1 - p.y) * unit)
        }
        return (project, (y1 - y0) * unit)
    }

    static func pathData(_ parts: [[[SIMD2<Double>]]], _ project: (SIMD2<Double>) -> SIMD2<Double>) -> String {
        var d = ""
        for ring in parts.joined() {
            for (i, p) in ring.dropLast().enumerated() {
                let q = project(p)
                d += (i == 0 ? "M" : "L") + String(format: "%.1f,%.1f", q.x, q.y)
            }
            d += "Z"
        }
        return d
    }

    /// The map as SVG text (`standalone`: with XML declaration and namespace, for a `.svg` file).
    public func svg(standalone: Bool = false) -> String {
        let e = Markup.escape
        let left = 12.0, right = width - 12, top = 40.0
        let (project, mapHeight) = projection(left: left, right: right, top: top)
        let edges = classEdges()
        let colours = scale == .diverging ? Self.divergingColours : Self.sequentialColours
        let legendTop = top + mapHeight + 34
        let height = legendTop + 64 + (noteOutside ? 18 : 0)
        var s = standalone ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" : ""
        s += "<svg\(standalone ? " xmlns=\"http://www.w3.org/2000/svg\"" : "") class=\"chart choropleth\" viewBox=\"0 0 \(Int(width)) \(Int(height.rounded(.up)))\" role=\"img\" aria-label=\"\(e(title))\" data-scale=\"\(scale.rawValue)\" data-paths=\"\(places.count)\""
        s += " font-family=\"\(Markup.fontFamily)\" font-size=\"13\">\n<title>\(e(title))</title>\n"
        s += "<rect class=\"background\" x=\"0\" y=\"0\" width=\"\(Int(width))\" height=\"\(Int(height.rounded(.up)))\" fill=\"#ffffff\"/>\n"
        s += "<text class=\"chart-title\" x=\"\(left)\" y=\"22\" font-size=\"\(Markup.fittingFontSize(title, width: (right - left) * 0.95, preferred: 15))\" font-weight=\"600\" fill=\"#111\">\(e(title))</text>\n"
        s += "<g class=\"jurisdictions\" stroke=\"#ffffff\" stroke-width=\"0.8\" stroke-linejoin=\"round\" fill-rule=\"evenodd\">\n"
        for p in places.sorted(by: { $0.place < $1.place }) {
            let d = Self.pathData(p.boundary, project)
            if let v = values[p.place], !edges.isEmpty {
                let k = Self.classIndex(v, edges: edges)
                s += "<path class=\"jurisdiction\" data-place=\"\(e(p.place))\" data-value=\"\(v)\" data-class=\"\(k)\" fill=\"\(colours[k])\" d=\"\(d)\"><title>\(e("\(p.name) (\(p.place)): \(text(v))"))</title></path>\n"
            } else {
                s += "<path class=\"jurisdiction no-data\" data-place=\"\(e(p.place))\" fill=\"#d9d9d9\" d=\"\(d)\"><title>\(e("\(p.name) (\(p.place)): no value"))</title></path>\n"
            }
        }
        s += "</g>\n"
        let outside = places.filter { !$0.outside.isEmpty }
        if !outside.isEmpty {
            s += "<g class=\"outside\" fill=\"#ffffff\" fill-opacity=\"0.6\" stroke=\"#555\" stroke-width=\"0.8\" stroke-dasharray=\"3 2\" fill-rule=\"evenodd\">\n"
            for p in outside {
                s += "<path class=\"outside-circle\" data-place=\"\(e(p.place))\" d=\"\(Self.pathData(p.outside, project))\"><title>\(e("\(p.name): part outside the circle (included in the figures)"))</title></path>\n"
            }
            s += "</g>\n"
        }
        for p in places where labelled.contains(p.place) {
            let q = project(SIMD2(p.longitude, p.latitude))
            s += "<circle class=\"core-seat\" cx=\"\(Markup.px(q.x))\" cy=\"\(Markup.px(q.y))\" r=\"2.5\" fill=\"#111\"/>\n"
            s += "<text class=\"core-label\" x=\"\(Markup.px(q.x + 5))\" y=\"\(Markup.px(q.y - 5))\" font-size=\"13\" font-weight=\"600\" fill=\"#111\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\">\(e(p.name))</text>\n"
        }
        s += legend(edges: edges, colours: colours, left: left, right: right, top: legendTop, showOutside: !outside.isEmpty)
        s += "</svg>\n"
        return s
    }

    func legend(edges: [Double], colours: [String], left: Double, right: Double, top: Double, showOutside: Bool) -> String {
        let e = Markup.escape, px = Markup.px
        let classes = max(edges.count - 1, 0)
        let kind = scale == .diverging ? "classes of equal width, centred on 0" : "quantile classes"
        var s = "<g class=\"colour-legend\">\n"
        s += "<text class=\"legend-caption\" x=\"\(px(left))\" y=\"\(px(top - 8))\" fill=\"#222\">\(e("\(valueLabel) (\(kind))"))</text>\n"
        let cell = min(scale == .diverging ? 52.0 : 96.0, (right - left) / Double(max(classes, 1)))
        for k in 0..<classes {
            s += "<rect class=\"legend-step\" data-lower=\"\(edges[k])\" data-upper=\"\(edges[k + 1])\" x=\"\(px(left + Double(k) * cell))\" y=\"\(px(top))\" width=\"\(px(cell))\" height=\"12\" fill=\"\(colours[k])\" stroke=\"#999\" stroke-width=\"0.5\"/>\n"
        }
        // Diverging: the ends and zero under the class boundaries; sequential: every edge.
        let marks: [Int] = scale == .diverging ? (classes == 9 ? [0, 9] : []) : Array(edges.indices)
        for j in marks {
            s += "<text class=\"legend-label\" x=\"\(px(left + Double(j) * cell))\" y=\"\(px(top + 28))\" text-anchor=\"\(j == 0 ? "start" : j == classes ? "end" : "middle")\" font-size=\"\(scale == .sequential ? 11 : 12)\" fill=\"#444\">\(e(legendText(edges[j])))</text>\n"
        }
        if scale == .diverging && classes == 9 {
            s += "<text class=\"legend-label\" x=\"\(px(left + 4.5 * cell))\" y=\"\(px(top + 28))\" text-anchor=\"middle\" fill=\"#444\">0</text>\n"
        }
        let y = top + 46
        let someWithout = places.contains { values[$0.place] == nil }
        if someWithout {
            s += "<rect x=\"\(px(left))\" y=\"\(px(y - 10))\" width=\"12\" height=\"12\" fill=\"#d9d9d9\"/><text x=\"\(px(left + 18))\" y=\"\(px(y))\" font-size=\"12\" fill=\"#444\">no value</text>\n"
        }
        if showOutside && noteOutside {
            let x = someWithout ? left + 90 : left
            s += "<rect x=\"\(px(x))\" y=\"\(px(y - 10))\" width=\"12\" height=\"12\" fill=\"#ffffff\" stroke=\"#555\" stroke-dasharray=\"3 2\"/><text x=\"\(px(x + 18))\" y=\"\(px(y))\" font-size=\"12\" fill=\"#444\">\(e("outside the circle, in the city's figures (绵阳, 达州, 雅安)"))</text>\n"
        }
        s += "</g>\n"
        return s
    }
}
