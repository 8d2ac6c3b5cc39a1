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
        public init(_ header: String, _ alignment: Alignment = .left) {
            self.header = header
            self.alignment = alignment
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

    /// The table as lines of text ending in `\n`. With `useColour`, styled cells and the header are
    /// wrapped in ANSI SGR codes (padding stays outside the codes, so columns still align).
    public func render(useColour: Bool) -> String {
        var widths = columns.map { TextTable.displayWidth($0.header) }
        for row in rows {
            for (j, cell) in row.enumerated() where j < widths.count {
                widths[j] = max(widths[j], TextTable.displayWidth(cell.text))
            }
        }
        func line(_ cells: [Cell]) -> String {
            var parts: [String] = []
            for j in columns.indices {
                let cell = j < cells.count ? cells[j] : Cell("")
                let pad = String(repeating: " ", count: widths[j] - TextTable.displayWidth(cell.text))
                var text = cell.text
                if useColour, let code = cell.style.ansiCode, !text.isEmpty {
                    text = "\u{1B}[\(code)m\(text)\u{1B}[0m"
                }
                parts.append(columns[j].alignment == .left ? text + pad : pad + text)
            }
            var joined = parts.joined(separator: "  ")
            while joined.last == " " { joined.removeLast() }
            return joined + "\n"
        }
        var out = line(columns.map { Cell($0.header, style: .bold) })
        out += widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ") + "\n"
        for row in rows { out += line(row) }
        return out
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
