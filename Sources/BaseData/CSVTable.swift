import Foundation

/// A parsed CSV file: a header row and data records, each remembering the physical line it starts on.
///
/// The dialect is RFC 4180 with UTF-8 text: fields separated by commas, records by LF or CRLF, fields
/// that contain commas, quotes or line breaks enclosed in double quotes, a quote inside a quoted field
/// written twice (`""`). A leading byte-order mark is ignored; a last line without a line break is a
/// record; completely empty lines are skipped. Fields are not trimmed.
public struct CSVTable: Sendable, Hashable {
    /// File name used in diagnostics (relative to the data folder, e.g. `jurisdictions/figures_2019.csv`).
    public let file: String
    /// The header fields, in order.
    public let header: [String]
    /// The data records (header excluded).
    public let records: [[String]]
    /// The 1-based physical line on which each record starts (the header is line 1).
    public let lineNumbers: [Int]

    /// 1-based column number of `name` in the header, or nil.
    public func columnNumber(_ name: String) -> Int? {
        header.firstIndex(of: name).map { $0 + 1 }
    }

    /// Parses CSV text.
    /// - Throws: ``BaseDataError/invalidData(_:)`` for an unterminated quoted field, text after a closing
    ///   quote, a record whose field count differs from the header's, or an empty file; each diagnostic names
    ///   the file, line and column.
    public init(parsing text: String, file: String) throws {
        self.file = file
        var scanner = CSVScanner(text: text, file: file)
        scanner.scan()
        guard let header = scanner.records.first else {
            throw BaseDataError.invalidData([DataDiagnostic(file: file, line: 1, column: 0, field: "", message: "the file is empty (no header row)")])
        }
        self.header = header
        self.records = Array(scanner.records.dropFirst())
        self.lineNumbers = Array(scanner.starts.dropFirst())
        var diagnostics = scanner.diagnostics
        Self.checkFieldCounts(self.records, self.lineNumbers, header: header, file: file, into: &diagnostics)
        Self.checkRepeatedColumns(header, file: file, into: &diagnostics)
        if !diagnostics.isEmpty { throw BaseDataError.invalidData(diagnostics) }
    }

    /// A diagnostic for each record whose field count differs from the header's.
    private static func checkFieldCounts(_ records: [[String]], _ starts: [Int], header: [String], file: String,
                                         into diagnostics: inout [DataDiagnostic]) {
        for (record, start) in zip(records, starts) where record.count != header.count {
            diagnostics.append(DataDiagnostic(file: file, line: start, column: min(record.count, header.count) + 1, field: "",
                                              message: "record has \(record.count) fields, the header has \(header.count)"))
        }
    }

    /// A diagnostic for each header name that repeats an earlier one.
    private static func checkRepeatedColumns(_ header: [String], file: String, into diagnostics: inout [DataDiagnostic]) {
        var seen: [String: Int] = [:]
        for (k, name) in header.enumerated() {
            if let first = seen[name] {
                diagnostics.append(DataDiagnostic(file: file, line: 1, column: k + 1, field: name,
                                                  message: "column name '\(name)' repeats column \(first)"))
            } else {
                seen[name] = k + 1
            }
        }
    }

    /// Reads and parses a UTF-8 CSV file.
    public init(contentsOf url: URL, file: String) throws {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw BaseDataError.invalidData([DataDiagnostic(file: file, line: 0, column: 0, field: "",
                                                            message: "cannot read the file: \(error.localizedDescription)")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw BaseDataError.invalidData([DataDiagnostic(file: file, line: 0, column: 0, field: "", message: "the file is not valid UTF-8")])
        }
        try self.init(parsing: text, file: file)
    }
}

/// The state of one pass over the Unicode scalars of a CSV text: the record being built, the records so far
/// (header included, each with the line it starts on), the position, and the diagnostics of the pass.
private struct CSVScanner {
    let file: String
    let scalars: [Unicode.Scalar]
    var i = 0
    var fields: [String] = []
    var field = ""
    var records: [[String]] = []
    var starts: [Int] = []
    var diagnostics: [DataDiagnostic] = []
    var inQuotes = false
    var afterQuote = false
    var line = 1
    var recordStart = 1
    var quoteStartLine = 1

    init(text: String, file: String) {
        self.file = file
        var scalars = Array(text.unicodeScalars)
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        self.scalars = scalars
    }

    /// Whether the scalar after the current one is `c`.
    func nextIs(_ c: Unicode.Scalar) -> Bool {
        i + 1 < scalars.count && scalars[i + 1] == c
    }

    /// Reads every scalar, then closes the last record (a last line without a line break is a record).
    mutating func scan() {
        while i < scalars.count {
            let c = scalars[i]
            if inQuotes { scanQuoted(c) } else { scanUnquoted(c) }
            i += 1
        }
        if inQuotes {
            diagnostics.append(DataDiagnostic(file: file, line: quoteStartLine, column: fields.count + 1, field: "",
                                              message: "quoted field is not closed before the end of the file"))
        }
        if !field.isEmpty || !fields.isEmpty || afterQuote { endRecord() }
    }

    /// One scalar inside a quoted field: `""` is a quote, a lone `"` closes the field, anything else is text.
    mutating func scanQuoted(_ c: Unicode.Scalar) {
        if c == "\"" {
            if nextIs("\"") {
                field.unicodeScalars.append("\"")
                i += 1
            } else {
                inQuotes = false
                afterQuote = true
            }
        } else {
            if c == "\n" { line += 1 }
            if c == "\r" && nextIs("\n") {
                field.unicodeScalars.append("\r")
            } else {
                field.unicodeScalars.append(c)
            }
        }
    }

    /// One scalar outside quotes: a separator, a line break (LF or CRLF), an opening quote, or text.
    mutating func scanUnquoted(_ c: Unicode.Scalar) {
        switch c {
        case ",":
            endField()
        case "\r":
            if nextIs("\n") { i += 1 }
            endLine()
        case "\n":
            endLine()
        case "\"" where field.isEmpty && !afterQuote:
            inQuotes = true
            quoteStartLine = line
        default:
            if afterQuote {
                diagnostics.append(DataDiagnostic(file: file, line: line, column: fields.count + 1, field: "",
                                                  message: "text after the closing quote of a quoted field"))
                afterQuote = false
            }
            field.unicodeScalars.append(c)
        }
    }

    mutating func endField() {
        fields.append(field)
        field = ""
        afterQuote = false
    }

    /// Closes the record; a completely empty line is skipped.
    mutating func endRecord() {
        endField()
        if !(fields.count == 1 && fields[0].isEmpty) {
            records.append(fields)
            starts.append(recordStart)
        }
        fields = []
    }

    /// A line break outside quotes: the record ends and the next one starts on the next line.
    mutating func endLine() {
        endRecord()
        line += 1
        recordStart = line
    }
}
