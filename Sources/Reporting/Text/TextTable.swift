/// A terminal table: a header, rows of cells, columns aligned (text left, numbers right), two spaces
/// between columns, a rule under the header, and ANSI colour only when asked.
public struct TextTable: Sendable, Hashable {
    public enum Alignment: Sendable, Hashable { case left, right }

    /// How a cell is emphasised when colour is on (no effect otherwise).
    public enum Style: Sendable, Hashable {
        case plain, good, bad, dim, bold

        var ansiCode: String? {
            switch self {
            case .plain: return nil
            case .good: return "32"
            case .bad: return "31"
            case .dim: return "2"
            case .bold: return "1"
            }
        }
    }

    public struct Column: Sendable, Hashable {
        public let header: String
        public let alignment: Alignment
        /// Whether `render(maxWidth:)` may narrow the column and wrap its cells (false: kept at its natural
        /// width, for short words that read badly broken, such as a status or a kind).
        public let wraps: Bool
        public init(_ header: String, _ alignment: Alignment = .left, wraps: Bool = true) {
            self.header = header
            self.alignment = alignment
            self.wraps = wraps
        }
    }

    public struct Cell: Sendable, Hashable, ExpressibleByStringLiteral {
        public let text: String
        public let style: Style
        public init(_ text: String, style: Style = .plain) {
            self.text = text
            self.style = style
        }
        public init(stringLiteral value: String) { self.init(value) }
    }

    public var columns: [Column]
    public var rows: [[Cell]]

    public init(columns: [Column], rows: [[Cell]] = []) {
        self.columns = columns
        self.rows = rows
    }

    /// Default output of every command fits this many terminal columns (`--wide` lifts the limit).
    public static let terminalWidth = 120

    /// The table as lines of text ending in `\n`. With `useColour`, styled cells and the header are
    /// wrapped in ANSI SGR codes (padding stays outside the codes, so columns still align). With `maxWidth`,
    /// the widest columns (text columns first) are narrowed until a line fits, and their cells wrap onto
    /// continuation lines at spaces, hyphens, underscores and separators (`TextTable.wrap`).
    public func render(useColour: Bool, maxWidth: Int? = nil) -> String {
        var widths = columns.map { TextTable.displayWidth($0.header) }
        for row in rows {
            for (j, cell) in row.enumerated() where j < widths.count {
                widths[j] = max(widths[j], TextTable.displayWidth(cell.text))
            }
        }
        if let maxWidth { widths = fitted(widths, maxWidth: maxWidth) }
        func lines(_ cells: [Cell]) -> String {
            let wrapped = columns.indices.map { j in TextTable.wrap(j < cells.count ? cells[j].text : "", width: widths[j]) }
            let height = wrapped.map(\.count).max() ?? 1
            var out = ""
            for k in 0..<height {
                var parts: [String] = []
                for j in columns.indices {
                    var text = k < wrapped[j].count ? wrapped[j][k] : ""
                    let pad = String(repeating: " ", count: max(0, widths[j] - TextTable.displayWidth(text)))
                    if useColour, j < cells.count, let code = cells[j].style.ansiCode, !text.isEmpty {
                        text = "\u{1B}[\(code)m\(text)\u{1B}[0m"
                    }
                    parts.append(columns[j].alignment == .left ? text + pad : pad + text)
                }
                var joined = parts.joined(separator: "  ")
                while joined.last == " " { joined.removeLast() }
                out += joined + "\n"
            }
            return out
        }
        var out = lines(columns.map { Cell($0.header, style: .bold) })
        out += widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ") + "\n"
        for row in rows { out += lines(row) }
        return out
    }

    /// Narrowest a column is made by `render(maxWidth:)`.
    static let minimumColumnWidth = 6

    /// `widths` narrowed one column at a time until the columns and their two-space gaps fit `maxWidth`:
    /// first the column with the most room above its longest word (capped at 16 columns, so that words are
    /// not cut while another column can give way), text columns before numbers; then, when every column is
    /// at that floor, the widest column down to `minimumColumnWidth`. A column with `wraps == false` keeps its
    /// natural width.
    func fitted(_ natural: [Int], maxWidth: Int) -> [Int] {
        var widths = natural
        let gaps = 2 * max(0, widths.count - 1)
        let floors = columns.indices.map { j -> Int in
            var longest = TextTable.wrap(columns[j].header, width: Int.max).map { TextTable.longestWord($0) }.max() ?? 0
            for row in rows where j < row.count { longest = max(longest, TextTable.longestWord(row[j].text)) }
            return columns[j].wraps ? min(natural[j], max(Self.minimumColumnWidth, min(longest, 16))) : natural[j]
        }
        while widths.reduce(0, +) + gaps > maxWidth {
            let roomy = widths.indices.filter { widths[$0] > floors[$0] }
            let textColumns = roomy.filter { columns[$0].alignment == .left }
            let pool = textColumns.isEmpty ? roomy : textColumns
            if let j = pool.max(by: { widths[$0] - floors[$0] < widths[$1] - floors[$1] }) {
                widths[j] -= 1
                continue
            }
            let narrowable = widths.indices.filter { widths[$0] > Self.minimumColumnWidth && columns[$0].wraps }
            guard let j = narrowable.max(by: { widths[$0] < widths[$1] }) else { break }
            widths[j] -= 1
        }
        return widths
    }

    /// Display width of the longest space-separated word of `text` (ids such as `cq-jiangbei` count whole).
    static func longestWord(_ text: String) -> Int {
        text.split(separator: " ").map { displayWidth(String($0)) }.max() ?? 0
    }

    /// `text` split into lines of at most `width` display columns: greedily by pieces that end after a
    /// space, `-`, `_`, `/`, `,` or `;` (the space itself is dropped at a line end); a piece longer than
    /// `width` is cut. A text that fits is one line.
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard displayWidth(text) > width, width > 0 else { return [text] }
        var pieces: [String] = []
        var current = ""
        for ch in text {
            current.append(ch)
            if ch == " " || ch == "-" || ch == "_" || ch == "/" || ch == "," || ch == ";" {
                pieces.append(current)
                current = ""
            }
        }
        if !current.isEmpty { pieces.append(current) }
        var lines: [String] = []
        var line = ""
        func flush() {
            while line.last == " " { line.removeLast() }
            if !line.isEmpty { lines.append(line) }
            line = ""
        }
        for piece in pieces {
            let trimmed = piece.last == " " ? String(piece.dropLast()) : piece
            if displayWidth(line) + displayWidth(trimmed) <= width {
                line += piece
                continue
            }
            flush()
            var rest = piece
            while displayWidth(rest.last == " " ? String(rest.dropLast()) : rest) > width {
                var head = ""
                for ch in rest {
                    if displayWidth(head + String(ch)) > width { break }
                    head.append(ch)
                }
                lines.append(head)
                rest = String(rest.dropFirst(head.count))
            }
            line = rest
        }
        flush()
        return lines.isEmpty ? [""] : lines
    }

    /// Columns a string occupies in a terminal: 2 for East Asian wide and full-width characters, 0 for
    /// combining marks and zero-width characters, else 1.
    public static func displayWidth(_ text: String) -> Int {
        var width = 0
        for scalar in text.unicodeScalars {
            let v = scalar.value
            switch v {
            case 0x0300...0x036F, 0x200B...0x200F, 0xFE00...0xFE0F:
                continue
            case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
                0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
                0xFFE0...0xFFE6, 0x20000...0x3FFFD:
                width += 2
            default:
                width += 1
            }
        }
        return width
    }
}
