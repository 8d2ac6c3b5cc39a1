import Foundation

/// Where a jurisdiction lies, for the maps: its seat (government seat) and, where known, its boundary.
public struct SeatLocation: Sendable, Hashable {
    public let place: String
    public let name: String
    public let latitude: Double
    public let longitude: Double
    /// The jurisdiction's boundary: parts, each an outer ring then holes, each ring closed, points as
    /// (longitude, latitude) in degrees. Empty: the maps fall back to the seat scatter.
    public let boundary: [[[SIMD2<Double>]]]
    /// Parts of the jurisdiction outside the circle whose figures are nonetheless included (drawn washed out
    /// over the jurisdiction's colour); same layout as `boundary`.
    public let outside: [[[SIMD2<Double>]]]
    public init(
        place: String, name: String, latitude: Double, longitude: Double, boundary: [[[SIMD2<Double>]]] = [],
        outside: [[[SIMD2<Double>]]] = []
    ) {
        self.place = place
        self.name = name
        self.latitude = latitude
        self.longitude = longitude
        self.boundary = boundary
        self.outside = outside
    }
}

/// A map-like scatter of seats (equirectangular projection with `cos φ₀` at the mean latitude, aspect
/// kept) coloured by a value on a diverging scale symmetric about zero (blue below, red above), with a
/// colour legend of discrete steps.
///
/// Elements: root `<svg class="chart seat-scatter" data-value-extent="d">` where `d = max |value|`;
/// `<circle class="seat" data-place=… data-value=… cx cy fill>` (class `seat no-data` and grey where a
/// seat has no value); `<rect class="legend-step" data-value=…>`.
public struct SeatScatter: Sendable {
    public var title: String
    /// Legend caption, e.g. "population, change 2019–2035".
    public var valueLabel: String
    public var seats: [SeatLocation]
    /// Place → value (e.g. a relative change); missing places are drawn as no data.
    public var values: [String: Double]
    /// Whether values are fractions shown as signed percentages (else signed grouped numbers).
    public var valuesArePercentages: Bool
    /// Places whose name is written beside the seat.
    public var labelled: Set<String>
    public var width: Double
    public var height: Double

    public init(
        title: String, valueLabel: String, seats: [SeatLocation], values: [String: Double],
        valuesArePercentages: Bool = true, labelled: Set<String> = [], width: Double = 480, height: Double = 440
    ) {
        self.title = title
        self.valueLabel = valueLabel
        self.seats = seats
        self.values = values
        self.valuesArePercentages = valuesArePercentages
        self.labelled = labelled
        self.width = width
        self.height = height
    }

    /// Colour of `t ∈ [−1, 1]`: #2166ac at −1, #f7f7f7 at 0, #b2182b at +1, linear in RGB between.
    public static func divergingColour(_ t: Double) -> String {
        let c = max(-1, min(1, t.isFinite ? t : 0))
        let mid: (Double, Double, Double) = (247, 247, 247)
        let end: (Double, Double, Double) = c < 0 ? (33, 102, 172) : (178, 24, 43)
        let a = abs(c)
        let r = mid.0 + (end.0 - mid.0) * a, g = mid.1 + (end.1 - mid.1) * a, b = mid.2 + (end.2 - mid.2) * a
        return String(format: "#%02x%02x%02x", Int(r.rounded()), Int(g.rounded()), Int(b.rounded()))
    }

    func label(_ v: Double) -> String {
        if valuesArePercentages { return NumberFormatting.percentChange(v) }
        let text = NumberFormatting.grouped(v, fractionDigits: NumberFormatting.autoDigits(v))
        return v > 0 ? "+" + text : text
    }

    /// The chart as SVG text (`standalone`: with XML declaration and namespace).
    public func svg(standalone: Bool = false) -> String {
        let e = Markup.escape, px = Markup.px
        let extent = values.values.filter(\.isFinite).map(abs).max() ?? 0
        let left = 16.0, right = width - 16, top = 40.0, bottom = height - 70
        var s = ""
        if standalone { s += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" }
        s += "<svg\(standalone ? " xmlns=\"http://www.w3.org/2000/svg\"" : "") class=\"chart seat-scatter\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(e(title))\" data-value-extent=\"\(extent)\""
        s += " font-family=\"\(Markup.fontFamily)\" font-size=\"13\">\n"
        s += "<title>\(e(title))</title>\n"
        s += "<rect class=\"background\" x=\"0\" y=\"0\" width=\"\(Int(width))\" height=\"\(Int(height))\" fill=\"#ffffff\"/>\n"
        s += "<text class=\"chart-title\" x=\"\(px(left))\" y=\"22\" font-size=\"\(Markup.fittingFontSize(title, width: (width - 2 * left) * 0.9, preferred: 15))\" font-weight=\"600\" fill=\"#111\">\(e(title))</text>\n"
        if !seats.isEmpty {
            let lat0 = seats.map(\.latitude).reduce(0, +) / Double(seats.count)
            let k = cos(lat0 * .pi / 180)
            let xs = seats.map { $0.longitude * k }, ys = seats.map(\.latitude)
            let xMin = xs.min()!, xMax = xs.max()!, yMin = ys.min()!, yMax = ys.max()!
            let pad = 14.0
            let spanX = max(xMax - xMin, 1e-6), spanY = max(yMax - yMin, 1e-6)
            let unit = min((right - left - 2 * pad) / spanX, (bottom - top - 2 * pad) / spanY)
            let offsetX = left + pad + ((right - left - 2 * pad) - spanX * unit) / 2
            let offsetY = top + pad + ((bottom - top - 2 * pad) - spanY * unit) / 2
            s += "<rect class=\"frame\" x=\"\(px(left))\" y=\"\(px(top))\" width=\"\(px(right - left))\" height=\"\(px(bottom - top))\" fill=\"#fbfbfb\" stroke=\"#ddd\"/>\n"
            s += "<g class=\"seats\">\n"
            let order = seats.indices.sorted { seats[$0].place < seats[$1].place }
            for i in order {
                let seat = seats[i]
                let x = offsetX + (xs[i] - xMin) * unit
                let y = offsetY + (yMax - ys[i]) * unit
                if let v = values[seat.place], v.isFinite {
                    let fill = Self.divergingColour(extent > 0 ? v / extent : 0)
                    s += "<circle class=\"seat\" data-place=\"\(e(seat.place))\" data-value=\"\(v)\" cx=\"\(px(x))\" cy=\"\(px(y))\" r=\"7\" fill=\"\(fill)\" stroke=\"#333\" stroke-width=\"1\"><title>\(e("\(seat.name) (\(seat.place)): \(label(v))"))</title></circle>\n"
                } else {
                    s += "<circle class=\"seat no-data\" data-place=\"\(e(seat.place))\" cx=\"\(px(x))\" cy=\"\(px(y))\" r=\"5\" fill=\"#cccccc\" stroke=\"#888\" stroke-width=\"1\"><title>\(e("\(seat.name) (\(seat.place)): no data"))</title></circle>\n"
                }
                if labelled.contains(seat.place) {
                    s += "<text class=\"seat-label\" x=\"\(px(x + 10))\" y=\"\(px(y + 4))\" font-size=\"12\" fill=\"#111\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\">\(e(seat.name))</text>\n"
                }
            }
            s += "</g>\n"
        }
        // Legend: 9 steps from −extent to +extent.
        let steps = 9
        let cellWidth = min(40.0, (right - left) / Double(steps))
        let legendLeft = left
        let legendTop = bottom + 26
        s += "<g class=\"colour-legend\">\n"
        s += "<text class=\"legend-caption\" x=\"\(px(legendLeft))\" y=\"\(px(legendTop - 8))\" fill=\"#222\">\(e(valueLabel))</text>\n"
        for j in 0..<steps {
            let t = -1 + 2 * Double(j) / Double(steps - 1)
            s += "<rect class=\"legend-step\" data-value=\"\(t * extent)\" x=\"\(px(legendLeft + Double(j) * cellWidth))\" y=\"\(px(legendTop))\" width=\"\(px(cellWidth))\" height=\"12\" fill=\"\(Self.divergingColour(t))\" stroke=\"#999\" stroke-width=\"0.5\"/>\n"
        }
        for (j, v) in [(0, -extent), (steps / 2, 0.0), (steps - 1, extent)] {
            let x = legendLeft + (Double(j) + 0.5) * cellWidth
            s += "<text class=\"legend-label\" x=\"\(px(x))\" y=\"\(px(legendTop + 28))\" text-anchor=\"middle\" fill=\"#444\">\(e(v == 0 ? "0" : label(v)))</text>\n"
        }
        s += "</g>\n</svg>\n"
        return s
    }
}
