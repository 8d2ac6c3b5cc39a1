import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The one door to the POSIX calls that write files: `open`, write-all, `fsync`, `ftruncate`, `lseek`,
/// `close`, `rename`, `unlink` and `fsync` of a directory. Every return code is checked: a failure throws
/// `ReportingError.io(operation:path:errno:)` naming the C call and the path; `EINTR` is retried and short
/// writes are continued.
///
/// Users: `AtomicFileWriter` (temporary file → rename), `SQLiteTableWriter` (fsync and rename of the
/// finished database), and ParameterSweeps' shard journal and append file (a write and an `fsync` per
/// finished run). It lives in Reporting because Reporting is the module that writes files and the lowest
/// one that both Reporting's writers and ParameterSweeps (which depends on Reporting) can reach.
///
/// A value does not close its descriptor by itself: the owner calls `close()` (checked) on the normal path
/// and `closeUnchecked()` on a path that is already throwing another error.
public struct POSIXFile: Sendable {
    public let descriptor: Int32
    public let path: String

    /// `open(path, flags, mode)`; `O_CLOEXEC` is always added.
    public static func open(_ path: String, flags: Int32, mode: mode_t = 0o644) throws -> POSIXFile {
        while true {
            let fd = systemOpen(path, flags | O_CLOEXEC, mode)
            if fd >= 0 { return POSIXFile(descriptor: fd, path: path) }
            if errno == EINTR { continue }
            throw ReportingError.io(operation: "open", path: path, errno: errno)
        }
    }

    /// Writes every byte of `buffer` (continuing short writes, retrying `EINTR`).
    public func writeAll(_ buffer: UnsafeRawBufferPointer) throws {
        guard var base = buffer.baseAddress else { return }
        var remaining = buffer.count
        while remaining > 0 {
            let n = systemWrite(descriptor, base, remaining)
            if n < 0 {
                if errno == EINTR { continue }
                throw ReportingError.io(operation: "write", path: path, errno: errno)
            }
            if n == 0 { throw ReportingError.io(operation: "write", path: path, errno: EIO) }
            remaining -= n
            base = base.advanced(by: n)
        }
    }

    public func writeAll(_ data: Data) throws { try data.withUnsafeBytes { try writeAll($0) } }
    public func writeAll(_ bytes: [UInt8]) throws { try bytes.withUnsafeBytes { try writeAll($0) } }
    public func writeAll(_ text: String) throws { try writeAll(Array(text.utf8)) }

    /// `fsync`: the file's bytes are on the disk when it returns.
    public func synchronise() throws {
        while fsync(descriptor) != 0 {
            if errno == EINTR { continue }
            throw ReportingError.io(operation: "fsync", path: path, errno: errno)
        }
    }

    /// `ftruncate` to `length` bytes.
    public func truncate(to length: Int) throws {
        while ftruncate(descriptor, off_t(length)) != 0 {
            if errno == EINTR { continue }
            throw ReportingError.io(operation: "ftruncate", path: path, errno: errno)
        }
    }

    /// `lseek` to the end; returns the file's length.
    @discardableResult
    public func seekToEnd() throws -> Int {
        let offset = lseek(descriptor, 0, SEEK_END)
        guard offset >= 0 else { throw ReportingError.io(operation: "lseek", path: path, errno: errno) }
        return Int(offset)
    }

    /// `close`, checked (on some file systems a deferred write error surfaces only here). Not retried on
    /// `EINTR`: on Linux the descriptor is released even then.
    public func close() throws {
        guard systemClose(descriptor) == 0 else {
            throw ReportingError.io(operation: "close", path: path, errno: errno)
        }
    }

    /// `close` whose result cannot be reported: on a path that is already throwing (the first error is the
    /// one worth reporting), or in a `deinit` after every byte was `fsync`ed (nothing is left to lose).
    public func closeUnchecked() { _ = systemClose(descriptor) }

    /// `rename(from, to)`: atomic within one file system.
    public static func rename(_ from: String, to destination: String) throws {
        guard systemRename(from, destination) == 0 else {
            throw ReportingError.io(operation: "rename", path: destination, errno: errno)
        }
    }

    /// `unlink(path)`; a file that is already absent is not an error. Returns whether a file was removed.
    @discardableResult
    public static func removeIfPresent(_ path: String) throws -> Bool {
        if unlink(path) == 0 { return true }
        if errno == ENOENT { return false }
        throw ReportingError.io(operation: "unlink", path: path, errno: errno)
    }

    /// `unlink` of a temporary file on a path that is already throwing: the first error is the one worth
    /// reporting (a leftover hidden temporary file is harmless and named as such).
    public static func removeAfterFailure(_ path: String) { _ = unlink(path) }

    /// Opens `path` read-only, `fsync`s it and closes it (for a file that another library wrote, e.g. SQLite).
    public static func synchroniseContents(of path: String) throws {
        let file = try open(path, flags: O_RDONLY)
        do { try file.synchronise() } catch {
            file.closeUnchecked()
            throw error
        }
        try file.close()
    }

    /// `fsync` on a directory, so that renames and unlinks in it survive a power cut. File systems that
    /// refuse `fsync` on a directory (`EINVAL`, `EBADF`, `ENOTSUP`) keep the rename atomic all the same:
    /// that refusal alone is not an error.
    public static func synchroniseDirectory(_ path: String) throws {
        let directory = try open(path, flags: O_RDONLY)
        while fsync(directory.descriptor) != 0 {
            let code = errno
            if code == EINTR { continue }
            if code == EINVAL || code == EBADF || code == ENOTSUP { break }
            directory.closeUnchecked()
            throw ReportingError.io(operation: "fsync", path: path, errno: code)
        }
        try directory.close()
    }
}

// The C calls under names that do not collide with the methods above.
@inline(__always) private func systemOpen(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 {
    #if canImport(Glibc)
    return Glibc.open(path, flags, mode)
    #elseif canImport(Musl)
    return Musl.open(path, flags, mode)
    #else
    return Darwin.open(path, flags, mode)
    #endif
}

@inline(__always) private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.write(fd, buffer, count)
    #elseif canImport(Musl)
    return Musl.write(fd, buffer, count)
    #else
    return Darwin.write(fd, buffer, count)
    #endif
}

@inline(__always) private func systemClose(_ fd: Int32) -> Int32 {
    #if canImport(Glibc)
    return Glibc.close(fd)
    #elseif canImport(Musl)
    return Musl.close(fd)
    #else
    return Darwin.close(fd)
    #endif
}

@inline(__always) private func systemRename(_ from: String, _ to: String) -> Int32 {
    #if canImport(Glibc)
    return Glibc.rename(from, to)
    #elseif canImport(Musl)
    return Musl.rename(from, to)
    #else
    return Darwin.rename(from, to)
    #endif
}
