import Testing
@testable import BaseData

@Suite("CSV parser")
struct CSVTableTests {
    @Test func quotedFieldsWithCommasQuotesAndUTF8() throws {
        let t = try CSVTable(parsing: "a,b,c\n1,\"x, y\",渝中区\n2,\"say \"\"hi\"\"\",\n", file: "t.csv")
        #expect(t.header == ["a", "b", "c"])
        #expect(t.records == [["1", "x, y", "渝中区"], ["2", "say \"hi\"", ""]])
        #expect(t.lineNumbers == [2, 3])
    }

    @Test func crlfBomAndMissingFinalNewline() throws {
        let t = try CSVTable(parsing: "\u{FEFF}id,v\r\nx,1\r\ny,2", file: "t.csv")
        #expect(t.header == ["id", "v"])
        #expect(t.records == [["x", "1"], ["y", "2"]])
    }

    @Test func multiLineQuotedFieldKeepsPhysicalLineNumbers() throws {
        let t = try CSVTable(parsing: "id,note\na,\"two\nlines\"\nb,plain\n", file: "t.csv")
        #expect(t.records[0][1] == "two\nlines")
        #expect(t.lineNumbers == [2, 4])
    }

    @Test func emptyLinesAreSkipped() throws {
        let t = try CSVTable(parsing: "id\n\na\n\n", file: "t.csv")
        #expect(t.records == [["a"]])
        #expect(t.lineNumbers == [3])
    }

    @Test func unterminatedQuoteIsAnErrorWithItsLine() {
        #expect {
            _ = try CSVTable(parsing: "id,v\na,1\nb,\"open\n", file: "q.csv")
        } throws: { error in
            let d = (error as? BaseDataError)?.diagnostics ?? []
            return d.contains { $0.file == "q.csv" && $0.line == 3 && $0.column == 2 }
        }
    }

    @Test func wrongFieldCountIsAnErrorWithLineAndColumn() {
        #expect {
            _ = try CSVTable(parsing: "id,v,w\na,1,2\nb,1\n", file: "n.csv")
        } throws: { error in
            let d = (error as? BaseDataError)?.diagnostics ?? []
            return d.count == 1 && d[0].line == 3 && d[0].column == 3
        }
    }

    @Test func emptyFileIsAnError() {
        #expect(throws: BaseDataError.self) { _ = try CSVTable(parsing: "", file: "e.csv") }
    }

    @Test func numericCellRules() {
        let spec = NumericColumnSpec("x_km", allowsEmpty: false, range: 0...10)
        #expect(DataFileSpec.numericProblem("3.5", spec: spec) == nil)
        #expect(DataFileSpec.numericProblem("NaN", spec: spec) != nil)
        #expect(DataFileSpec.numericProblem("inf", spec: spec) != nil)
        #expect(DataFileSpec.numericProblem("abc", spec: spec) != nil)
        #expect(DataFileSpec.numericProblem("", spec: spec) != nil)
        #expect(DataFileSpec.numericProblem("11", spec: spec) != nil)
        #expect(DataFileSpec.numericProblem("", spec: NumericColumnSpec("y", allowsEmpty: true)) == nil)
    }
}
