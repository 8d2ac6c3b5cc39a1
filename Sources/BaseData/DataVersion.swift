import Foundation

extension BaseDataset {
    /// A fingerprint of a dataset folder: every file's relative path and bytes, in sorted order, fed to
    /// `digest` (the caller's SHA-256). Results name it so that they can be traced to the data.
    public static func dataVersion(directory: URL? = nil, digest: ([UInt8]) -> String) throws -> String {
        let dir = try directory ?? bundledDataURL()
        let fm = FileManager.default
        guard let walker = fm.enumerator(at: dir, includingPropertiesForKeys: [.isRegularFileKey]) else {
            throw BaseDataError.notFound(kind: "data folder", id: dir.path)
        }
        var files: [(String, URL)] = []
        for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            files.append((String(url.path.dropFirst(dir.path.count)), url))
        }
        var bytes: [UInt8] = []
        for (rel, url) in files.sorted(by: { $0.0 < $1.0 }) {
            bytes += Array(rel.utf8) + [0]
            bytes += Array((try? Data(contentsOf: url)) ?? Data()) + [0]
        }
        return digest(bytes)
    }
}
