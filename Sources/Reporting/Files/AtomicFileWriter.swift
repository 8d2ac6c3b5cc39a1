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
        fileprivate let file: POSIXFile

        /// Appends `data` to the temporary file.
        public func write(_ data: Data) throws { try file.writeAll(data) }

        /// Appends the UTF-8 bytes of `text`.
        public func write(_ text: String) throws { try file.writeAll(text) }
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

        let file = try POSIXFile.open(temporaryPath, flags: O_WRONLY | O_CREAT | O_EXCL)
        do {
            try body(Sink(file: file))
            try file.synchronise()
        } catch {
            file.closeUnchecked()
            POSIXFile.removeAfterFailure(temporaryPath)
            throw error
        }
        do {
            try file.close()
            try POSIXFile.rename(temporaryPath, to: finalPath)
        } catch {
            POSIXFile.removeAfterFailure(temporaryPath)
            throw error
        }
        try POSIXFile.synchroniseDirectory(directory)
    }

    /// Removes `url` if it exists and makes the removal durable (`unlink`, then `fsync` of the directory).
    public static func remove(_ url: URL) throws {
        guard try POSIXFile.removeIfPresent(url.path) else { return }
        try POSIXFile.synchroniseDirectory(url.deletingLastPathComponent().path)
    }
}
