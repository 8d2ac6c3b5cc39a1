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
        var fields: [String] = []
        var records: [[String]] = []
        var starts: [Int] = []
        var diagnostics: [DataDiagnostic] = []
        var field = ""
        var inQuotes = false
        var afterQuote = false
        var line = 1
        var recordStart = 1
        var scalars = Array(text.unicodeScalars)
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        var i = 0
        var quoteStartLine = 1
        func endField() {
            fields.append(field)
            field = ""
            afterQuote = false
        }
        func endRecord() {
            endField()
            if !(fields.count == 1 && fields[0].isEmpty) {
                records.append(fields)
                starts.append(recordStart)
            }
            fields = []
        }
        while i < scalars.count {
            let c = scalars[i]
            if inQuotes {
                if c == "\"" {
                    if i + 1 < scalars.count && scalars[i + 1] == "\"" {
                        field.unicodeScalars.append("\"")
                        i += 1
                    } else {
                        inQuotes = false
                        afterQuote = true
                    }
                } else {
                    if c == "\n" { line += 1 }
                    if c == "\r" && i + 1 < scalars.count && scalars[i + 1] == "\n" {
                        field.unicodeScalars.append("\r")
                    } else {
                        field.unicodeScalars.append(c)
                    }
                }
            } else {
                switch c {
                case ",":
                    endField()
                case "\r":
                    if i + 1 < scalars.count && scalars[i + 1] == "\n" { i += 1 }
                    endRecord()
                    line += 1
                    recordStart = line
                case "\n":
                    endRecord()
                    line += 1
                    recordStart = line
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
            i += 1
        }
        if inQuotes {
            diagnostics.append(DataDiagnostic(file: file, line: quoteStartLine, column: fields.count + 1, field: "",
                                              message: "quoted field is not closed before the end of the file"))
        }
        if !field.isEmpty || !fields.isEmpty || afterQuote { endRecord() }
        guard let header = records.first else {
            throw BaseDataError.invalidData([DataDiagnostic(file: file, line: 1, column: 0, field: "", message: "the file is empty (no header row)")])
        }
        self.header = header
        self.records = Array(records.dropFirst())
        self.lineNumbers = Array(starts.dropFirst())
        for (record, start) in zip(self.records, self.lineNumbers) where record.count != header.count {
            diagnostics.append(DataDiagnostic(file: file, line: start, column: min(record.count, header.count) + 1, field: "",
                                              message: "record has \(record.count) fields, the header has \(header.count)"))
        }
        var seen: [String: Int] = [:]
        for (k, name) in header.enumerated() {
            if let first = seen[name] {
                diagnostics.append(DataDiagnostic(file: file, line: 1, column: k + 1, field: name,
                                                  message: "column name '\(name)' repeats column \(first)"))
            } else {
                seen[name] = k + 1
            }
        }
        if !diagnostics.isEmpty { throw BaseDataError.invalidData(diagnostics) }
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
