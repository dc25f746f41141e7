import Foundation
// The one seam to SQLite outside Fluent. It imports SQLiteNIO's own copy of SQLite (its
// `VaporCSQLite` target, which is not one of sqlite-nio's products), not the system library:
// two copies of SQLite in one process each keep POSIX locks the other cannot see, which can
// corrupt a database. Through the same copy, this connection and SQLiteNIO's share one lock
// table. sqlite-nio's public API offers no way to run a prepared statement row by row without
// decoding every value into `SQLiteData`, which is what made the fast readers slow. No other
// file imports `VaporCSQLite`; `SQLiteSeamTests` fails loudly if the module changes shape (a
// different copy of SQLite, or locks no longer shared) or if another file starts importing it.
import VaporCSQLite

/// A direct connection to the SQLite file, for the few jobs that read millions of rows — the
/// audit verifier and the oversight figures — where per-row decoding through SQLKit costs more
/// than the work itself, and for the benchmark's bulk writer. Everything else goes through Fluent.
/// Not thread-safe: one connection per job, used from one thread.
public final class SQLiteFile {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        public init(description: String) { self.description = description }
    }

    let handle: OpaquePointer

    /// The copy of SQLite this seam calls: its source id, which SQLiteNIO's connections report too.
    public static var sourceID: String { String(cString: sqlite_nio_sqlite3_sourceid()) }

    /// `busyMilliseconds`: how long a statement waits for another connection's lock before failing.
    public init(path: String, readOnly: Bool = true, busyMilliseconds: Int32 = 10_000) throws {
        var db: OpaquePointer?
        let flags = readOnly ? 0x0000_0001 /* SQLITE_OPEN_READONLY */ : 0x0000_0002 | 0x0000_0004 /* READWRITE | CREATE */
        let rc = sqlite_nio_sqlite3_open_v2(path, &db, Int32(flags) | 0x0000_8000 /* SQLITE_OPEN_NOMUTEX */, nil)
        guard rc == 0, let db else {
            let message = db.flatMap { sqlite_nio_sqlite3_errmsg($0) }.map { String(cString: $0) } ?? "error \(rc)"
            if let db { sqlite_nio_sqlite3_close(db) }
            throw Failure(description: "cannot open \(path): \(message)")
        }
        handle = db
        sqlite_nio_sqlite3_busy_timeout(db, busyMilliseconds)
    }

    deinit { sqlite_nio_sqlite3_close_v2(handle) }

    var lastError: String { String(cString: sqlite_nio_sqlite3_errmsg(handle)) }

    public func execute(_ sql: String) throws {
        guard sqlite_nio_sqlite3_exec(handle, sql, nil, nil, nil) == 0 else { throw Failure(description: "\(lastError) in: \(sql)") }
    }

    public func prepare(_ sql: String) throws -> Statement {
        var stmt: OpaquePointer?
        guard sqlite_nio_sqlite3_prepare_v2(handle, sql, -1, &stmt, nil) == 0, let stmt else {
            throw Failure(description: "\(lastError) in: \(sql)")
        }
        return Statement(stmt: stmt, file: self)
    }

    /// Runs `body` inside one read transaction, so everything it reads comes from one snapshot.
    public func reading<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN")
        defer { try? execute("COMMIT") }
        return try body()
    }

    /// Copies this database, page by page, into the file at `path` with SQLite's online backup
    /// API, and returns the number of pages copied. The copy is one consistent snapshot: in WAL
    /// mode it reads under one read transaction, so writers carry on while it runs and none of
    /// their half-done transactions reach the copy. `progress` is told (remaining, total) pages
    /// after each step of `pagesPerStep`. The destination is overwritten.
    @discardableResult
    public func backup(to path: String, pagesPerStep: Int32 = -1, progress: ((Int32, Int32) -> Void)? = nil) throws -> Int32 {
        let destination = try SQLiteFile(path: path, readOnly: false)
        guard let backup = sqlite_nio_sqlite3_backup_init(destination.handle, "main", handle, "main") else {
            throw Failure(description: "cannot start a backup to \(path): \(destination.lastError)")
        }
        var rc: Int32 = 0
        repeat {
            rc = sqlite_nio_sqlite3_backup_step(backup, pagesPerStep)
            progress?(sqlite_nio_sqlite3_backup_remaining(backup), sqlite_nio_sqlite3_backup_pagecount(backup))
            // SQLITE_BUSY or SQLITE_LOCKED: another connection holds a lock; wait and go on.
            if rc == 5 || rc == 6 { usleep(50_000) }
        } while rc == 0 || rc == 5 || rc == 6
        let pages = sqlite_nio_sqlite3_backup_pagecount(backup)
        sqlite_nio_sqlite3_backup_finish(backup)
        guard rc == 101 /* SQLITE_DONE */ else { throw Failure(description: "the backup to \(path) failed: \(destination.lastError) (\(rc))") }
        return pages
    }

    public final class Statement {
        let stmt: OpaquePointer
        let file: SQLiteFile

        init(stmt: OpaquePointer, file: SQLiteFile) { self.stmt = stmt; self.file = file }
        deinit { sqlite_nio_sqlite3_finalize(stmt) }

        /// Moves to the next row; false when there are no more.
        public func step() throws -> Bool {
            switch sqlite_nio_sqlite3_step(stmt) {
            case 100: return true  // SQLITE_ROW
            case 101: return false  // SQLITE_DONE
            default: throw Failure(description: file.lastError)
            }
        }

        public func reset() {
            sqlite_nio_sqlite3_reset(stmt)
            sqlite_nio_sqlite3_clear_bindings(stmt)
        }

        // Parameters are numbered from 1, as in SQLite.
        public func bind(_ i: Int32, _ value: Int64?) {
            if let value { sqlite_nio_sqlite3_bind_int64(stmt, i, value) } else { sqlite_nio_sqlite3_bind_null(stmt, i) }
        }

        public func bind(_ i: Int32, _ value: String?) {
            guard let value else { sqlite_nio_sqlite3_bind_null(stmt, i); return }
            let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
            sqlite_nio_sqlite3_bind_text(stmt, i, value, -1, transient)
        }

        /// A UUID as Fluent stores it in SQLite: its 36-character text.
        public func bind(_ i: Int32, _ value: UUID?) { bind(i, value?.uuidString) }

        // Columns are numbered from 0, as in SQLite.
        public func isNull(_ i: Int32) -> Bool { sqlite_nio_sqlite3_column_type(stmt, i) == 5 }
        public func int64(_ i: Int32) -> Int64 { sqlite_nio_sqlite3_column_int64(stmt, i) }
        public func optionalInt64(_ i: Int32) -> Int64? { isNull(i) ? nil : int64(i) }

        /// The column's bytes, valid until the next step: text as UTF-8, blobs as stored.
        public func bytes(_ i: Int32) -> UnsafeRawBufferPointer {
            let type = sqlite_nio_sqlite3_column_type(stmt, i)
            let base = type == 4 ? sqlite_nio_sqlite3_column_blob(stmt, i) : UnsafeRawPointer(sqlite_nio_sqlite3_column_text(stmt, i))
            let count = Int(sqlite_nio_sqlite3_column_bytes(stmt, i))
            return UnsafeRawBufferPointer(start: base, count: base == nil ? 0 : count)
        }

        public func string(_ i: Int32) -> String { String(decoding: bytes(i), as: UTF8.self) }
        public func optionalString(_ i: Int32) -> String? { isNull(i) ? nil : string(i) }

        /// A UUID stored as text (Fluent's way) or as 16 bytes.
        public func uuid(_ i: Int32) -> UUID? {
            let b = bytes(i)
            var u = UUIDText.zero
            if b.count == 16 {
                withUnsafeMutableBytes(of: &u) { $0.copyMemory(from: b) }
                return UUID(uuid: u)
            }
            return UUIDText.parse(b)
        }

    }
}

/// UUIDs in their 36-character text form, parsed without Foundation (whose parser on Linux goes
/// through sscanf and costs more than reading the row).
enum UUIDText {
    /// A blank to fill in (`UUID()` would read the system's random source for each one).
    static let zero: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)

    static func parse(_ b: UnsafeRawBufferPointer) -> UUID? {
        guard b.count == 36, b[8] == 45, b[13] == 45, b[18] == 45, b[23] == 45 else { return nil }
        var u = zero
        let ok = withUnsafeMutableBytes(of: &u) { out -> Bool in
            var j = 0, k = 0
            while k < 16 {
                if j == 8 || j == 13 || j == 18 || j == 23 { j += 1 }
                guard let hi = nibble(b[j]), let lo = nibble(b[j + 1]) else { return false }
                out[k] = hi << 4 | lo
                j += 2; k += 1
            }
            return true
        }
        return ok ? UUID(uuid: u) : nil
    }

    /// Ids separated by single spaces, as the projection stores a panel; nil if any is malformed.
    static func parseList(_ text: String) -> [UUID]? {
        var text = text
        return text.withUTF8 { utf8 -> [UUID]? in
            let all = UnsafeRawBufferPointer(utf8)
            var out: [UUID] = []
            var start = 0
            while start < all.count {
                guard start + 36 <= all.count, let id = parse(UnsafeRawBufferPointer(rebasing: all[start..<start + 36])) else { return nil }
                out.append(id)
                start += 37
            }
            return out
        }
    }

    static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case 48...57: c - 48
        case 65...70: c - 55
        case 97...102: c - 87
        default: nil
        }
    }
}
