import Foundation

/// RFC 4180 CSV text: fields joined by `,`, records ended by `\n` (LF; readers of RFC 4180, R and pandas
/// accept it), a field quoted with `"` when it holds `,`, `"`, CR, LF or leading/trailing spaces, and a
/// quote inside a quoted field doubled.
public enum CSV {
    /// The UTF-8 byte-order mark (U+FEFF) that `--bom` puts before a CSV document: Excel then reads the
    /// file as UTF-8 instead of the system code page, so Chinese names are not garbled. R (`readr`) and
    /// pandas (`encoding="utf-8-sig"`) skip it.
    public static let byteOrderMark = "\u{FEFF}"

    /// One field, quoted when needed.
    public static func field(_ text: String) -> String {
        let needsQuotes = text.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
            || text.first == " " || text.last == " "
        guard needsQuotes else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// One record with its line end.
    public static func record(_ fields: [String]) -> String { fields.map(field).joined(separator: ",") + "\n" }

    /// A header and records as one document.
    public static func document(header: [String], rows: [[String]]) -> String {
        var out = record(header)
        for row in rows { out += record(row) }
        return out
    }
}
