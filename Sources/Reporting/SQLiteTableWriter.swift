import CSQLite
import Foundation

/// Writes one table of text and numeric columns into a new SQLite database file, atomically: the database
/// is built under a temporary name in the destination folder and renamed when complete.
public enum SQLiteTableWriter {
    public enum Column: Sendable {
        case integer(String)
        case real(String)
        case text(String)
        var name: String {
            switch self {
            case let .integer(n), let .real(n), let .text(n): return n
            }
        }
        var sqlType: String {
            switch self {
            case .integer: return "INTEGER"
            case .real: return "REAL"
            case .text: return "TEXT"
            }
        }
    }

    public enum Value: Sendable {
        case integer(Int64)
        case real(Double)
        case text(String)
        case null
    }

    public struct WriteError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Creates `url` holding table `table` with `columns` and `rows` (each row one value per column), in
    /// one transaction. Any existing file at `url` is replaced only when the new one is complete.
    public static func write(url: URL, table: String, columns: [Column], rows: [[Value]]) throws {
        let dir = url.deletingLastPathComponent()
        let tmp = dir.appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
        try POSIXFile.removeIfPresent(tmp.path)  // a leftover of an interrupted earlier write
        var db: OpaquePointer?
        guard sqlite3_open_v2(tmp.path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nil) == SQLITE_OK, let db else {
            throw WriteError(description: "cannot create SQLite database at \(tmp.path)")
        }
        var closed = false, renamed = false
        defer {
            if !closed { sqlite3_close(db) }
            if !renamed { POSIXFile.removeAfterFailure(tmp.path) }
        }
        func exec(_ sql: String) throws {
            var err: UnsafeMutablePointer<CChar>?
            if sqlite3_exec(db, sql, nil, nil, &err) != SQLITE_OK {
                let msg = err.map { String(cString: $0) } ?? "unknown error"
                sqlite3_free(err)
                throw WriteError(description: "SQLite: \(msg) in: \(sql.prefix(200))")
            }
        }
        func quoted(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        try exec("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;")
        try exec("CREATE TABLE \(quoted(table)) (" + columns.map { "\(quoted($0.name)) \($0.sqlType)" }.joined(separator: ", ") + ");")
        try exec("BEGIN;")
        try insertRows(db: db, table: quoted(table), columnCount: columns.count, rows: rows)
        try exec("COMMIT;")
        guard sqlite3_close(db) == SQLITE_OK else { throw WriteError(description: "SQLite: close failed") }
        closed = true
        // fsync the finished database, rename it into place, fsync the folder (every call checked).
        try POSIXFile.synchroniseContents(of: tmp.path)
        try POSIXFile.rename(tmp.path, to: url.path)
        renamed = true
        try POSIXFile.synchroniseDirectory(dir.path)
    }

    /// Inserts all rows with one prepared statement, finalised before returning.
    private static func insertRows(db: OpaquePointer, table: String, columnCount: Int, rows: [[Value]]) throws {
        var stmt: OpaquePointer?
        let sql = "INSERT INTO \(table) VALUES (" + Array(repeating: "?", count: columnCount).joined(separator: ",") + ");"
        guard sqlite3_prepare_v2(db, sql, -1, &stmt, nil) == SQLITE_OK, let stmt else {
            throw WriteError(description: "SQLite: cannot prepare insert")
        }
        defer { sqlite3_finalize(stmt) }
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)  // SQLITE_TRANSIENT
        for (r, row) in rows.enumerated() {
            guard row.count == columnCount else {
                throw WriteError(description: "row \(r + 1) has \(row.count) values for \(columnCount) columns")
            }
            sqlite3_reset(stmt)
            for (k, v) in row.enumerated() {
                let idx = Int32(k + 1)
                switch v {
                case let .integer(i): sqlite3_bind_int64(stmt, idx, i)
                case let .real(d): if d.isFinite { sqlite3_bind_double(stmt, idx, d) } else { sqlite3_bind_null(stmt, idx) }
                case let .text(s): sqlite3_bind_text(stmt, idx, s, -1, transient)
                case .null: sqlite3_bind_null(stmt, idx)
                }
            }
            guard sqlite3_step(stmt) == SQLITE_DONE else {
                throw WriteError(description: "SQLite: insert of row \(r + 1) failed: \(String(cString: sqlite3_errmsg(db)))")
            }
        }
    }
}
