import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes files so that a final name only ever holds complete contents.
///
/// Protocol (POSIX): create `.<name>.tmp-<pid>-<random>` in the destination directory with
/// `O_CREAT | O_EXCL`, write every byte (retrying short writes and `EINTR`), `fsync` the file, `close`,
/// `rename` it onto the final name (atomic within one file system), then `fsync` the directory so that
/// the rename itself is durable. If anything fails, or the body throws, the temporary file is unlinked
/// and the final name is untouched (an older file under it survives unchanged). A crash between the
/// steps can leave a hidden `.…tmp-…` file behind, never a partial file under the final name.
public enum AtomicFileWriter {
    /// Where the body of `write(to:_:)` sends its bytes.
    public struct Sink {
        fileprivate let fd: Int32
        fileprivate let path: String

        /// Appends `data` to the temporary file.
        public func write(_ data: Data) throws {
            try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
                guard var base = raw.baseAddress else { return }
                var remaining = raw.count
                while remaining > 0 {
                    let n = _systemWrite(fd, base, remaining)
                    if n < 0 {
                        if errno == EINTR { continue }
                        throw ReportingError.io(operation: "write", path: path, errno: errno)
                    }
                    remaining -= n
                    base = base.advanced(by: n)
                }
            }
        }

        /// Appends the UTF-8 bytes of `text`.
        public func write(_ text: String) throws { try write(Data(text.utf8)) }
    }

    /// Writes `data` to `url` atomically (see the type's documentation).
    public static func write(_ data: Data, to url: URL) throws {
        try write(to: url) { try $0.write(data) }
    }

    /// Streams bytes produced by `body` into a temporary file and renames it onto `url` when `body`
    /// returns; if `body` throws, the temporary file is removed and the error rethrown.
    public static func write(to url: URL, _ body: (Sink) throws -> Void) throws {
        let finalPath = url.path
        let directory = url.deletingLastPathComponent().path
        let name = url.lastPathComponent
        let token = String(UInt64.random(in: 0...UInt64.max), radix: 16)
        let temporaryPath = (directory as NSString).appendingPathComponent(".\(name).tmp-\(getpid())-\(token)")

        let fd = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw ReportingError.io(operation: "open", path: temporaryPath, errno: errno) }
        var isOpen = true
        var isRenamed = false
        defer {
            if isOpen { _ = close(fd) }
            if !isRenamed { _ = unlink(temporaryPath) }
        }
        try body(Sink(fd: fd, path: temporaryPath))
        guard fsync(fd) == 0 else { throw ReportingError.io(operation: "fsync", path: temporaryPath, errno: errno) }
        isOpen = false
        guard close(fd) == 0 else { throw ReportingError.io(operation: "close", path: temporaryPath, errno: errno) }
        guard rename(temporaryPath, finalPath) == 0 else {
            throw ReportingError.io(operation: "rename", path: finalPath, errno: errno)
        }
        isRenamed = true
        try synchroniseDirectory(directory)
    }

    /// Removes `url` if it exists and makes the removal durable (`unlink`, then `fsync` of the directory).
    public static func remove(_ url: URL) throws {
        if unlink(url.path) != 0 {
            if errno == ENOENT { return }
            throw ReportingError.io(operation: "unlink", path: url.path, errno: errno)
        }
        try synchroniseDirectory(url.deletingLastPathComponent().path)
    }

    /// `fsync` on a directory, so that renames and unlinks in it survive a power cut.
    static func synchroniseDirectory(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw ReportingError.io(operation: "open", path: path, errno: errno) }
        defer { _ = close(fd) }
        if fsync(fd) != 0 {
            // Some file systems refuse fsync on directories; the rename is still atomic there.
            if errno == EINVAL || errno == EBADF || errno == ENOTSUP { return }
            throw ReportingError.io(operation: "fsync", path: path, errno: errno)
        }
    }
}

@inline(__always)
private func _systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.write(fd, buffer, count)
    #elseif canImport(Musl)
    return Musl.write(fd, buffer, count)
    #else
    return Darwin.write(fd, buffer, count)
    #endif
}
