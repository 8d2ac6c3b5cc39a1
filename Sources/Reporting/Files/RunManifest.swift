import Foundation

/// One file of a written set: its name inside the destination directory and its bytes.
public struct OutputFile: Sendable, Hashable {
    public let name: String
    public let contents: Data
    public init(name: String, contents: Data) {
        self.name = name
        self.contents = contents
    }
    public init(name: String, text: String) {
        self.init(name: name, contents: Data(text.utf8))
    }
}

/// `manifest.json`: what a folder of results holds and what produced it.
///
/// ```json
/// {
///   "chengyuVersion": "0.1.0",
///   "dataVersion": "…",
///   "files": [{"bytes": 1234, "path": "goals.csv", "sha256": "…"}, …],
///   "scenarioContentHash": "…",
///   "schemaVersion": "chengyu/manifest/v1"
/// }
/// ```
/// Files are listed in name order. There is no time stamp, so an identical run gives identical bytes.
public struct RunManifest: Sendable, Hashable, Codable {
    public static let schemaVersion = "chengyu/manifest/v1"
    public static let fileName = "manifest.json"

    public struct Entry: Sendable, Hashable, Codable {
        public let path: String
        public let sha256: String
        public let bytes: Int
        public init(path: String, sha256: String, bytes: Int) {
            self.path = path
            self.sha256 = sha256
            self.bytes = bytes
        }
    }

    public let chengyuVersion: String
    /// nil for a set that no single scenario produced (e.g. a sweep merge).
    public let scenarioContentHash: String?
    public let dataVersion: String
    public let files: [Entry]
    /// The data vintage the run was calibrated on (`calibration.vintage`); nil for a set no single run made.
    public var vintage: Int? = nil

    public init(chengyuVersion: String, scenarioContentHash: String?, dataVersion: String, files: [Entry]) {
        self.chengyuVersion = chengyuVersion
        self.scenarioContentHash = scenarioContentHash
        self.dataVersion = dataVersion
        self.files = files.sorted { JSONValue.byteOrder($0.path, $1.path) }
    }

    /// Builds the manifest of `files`; `hash` returns the lower-case hex SHA-256 of its argument.
    public init(
        files: [OutputFile], chengyuVersion: String, scenarioContentHash: String?, dataVersion: String,
        hash: (Data) -> String
    ) {
        self.init(
            chengyuVersion: chengyuVersion, scenarioContentHash: scenarioContentHash, dataVersion: dataVersion,
            files: files.map { Entry(path: $0.name, sha256: hash($0.contents), bytes: $0.contents.count) })
    }

    /// The manifest as a JSON tree (see the type's documentation for the shape).
    public var jsonValue: JSONValue {
        var members: [String: JSONValue] = [
            "schemaVersion": .string(Self.schemaVersion),
            "chengyuVersion": .string(chengyuVersion),
            "scenarioContentHash": .optional(scenarioContentHash),
            "dataVersion": .string(dataVersion),
            "files": .array(files.map {
                .object(["path": .string($0.path), "sha256": .string($0.sha256), "bytes": .int($0.bytes)])
            }),
        ]
        if let vintage { members["vintage"] = .int(vintage) }
        return .object(members)
    }

    /// The bytes of `manifest.json`.
    public func jsonData() -> Data { jsonValue.renderedData() }

    /// Reads a `manifest.json` document.
    public static func decode(_ data: Data) throws -> RunManifest {
        struct Document: Decodable {
            let schemaVersion: String
            let chengyuVersion: String
            let scenarioContentHash: String?
            let dataVersion: String
            let files: [Entry]
            let vintage: Int?
        }
        let document: Document
        do {
            document = try JSONDecoder().decode(Document.self, from: data)
        } catch {
            throw ReportingError.invalidDocument(path: fileName, reason: "\(error)")
        }
        guard document.schemaVersion == schemaVersion else {
            throw ReportingError.invalidDocument(
                path: fileName, reason: "schemaVersion is '\(document.schemaVersion)', expected '\(schemaVersion)'")
        }
        var manifest = RunManifest(
            chengyuVersion: document.chengyuVersion, scenarioContentHash: document.scenarioContentHash,
            dataVersion: document.dataVersion, files: document.files)
        manifest.vintage = document.vintage
        return manifest
    }
}

/// Writes a set of files into a directory, each atomically, with `manifest.json` last.
///
/// Protocol: create the directory if needed; remove an existing `manifest.json` (durably) before
/// anything else, so that a stale manifest never describes a half-replaced set; write each file with
/// `AtomicFileWriter` in the order given; write `manifest.json` last, also atomically. Hence: every
/// final-named file is complete, and a folder that has a `manifest.json` holds exactly the files it lists
/// with the listed hashes. An interrupted write is finished by running it again.
public enum ResultFolderWriter {
    /// Writes `files` and their manifest into `directory`; returns the manifest written.
    ///
    /// - Throws: `ReportingError.invalidFileName` for a name that is empty, starts with `.`, contains `/`,
    ///   equals `manifest.json` or repeats; `ReportingError.io` when a system call fails.
    @discardableResult
    public static func write(
        _ files: [OutputFile], to directory: URL, chengyuVersion: String, scenarioContentHash: String?,
        dataVersion: String, vintage: Int? = nil, hash: (Data) -> String
    ) throws -> RunManifest {
        var seen = Set<String>()
        for file in files {
            let name = file.name
            guard !name.isEmpty, !name.hasPrefix("."), !name.contains("/"), name != RunManifest.fileName,
                seen.insert(name).inserted
            else { throw ReportingError.invalidFileName(name) }
        }
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw ReportingError.cannotCreateDirectory(path: directory.path, reason: error.localizedDescription)
        }
        let manifestURL = directory.appendingPathComponent(RunManifest.fileName)
        try AtomicFileWriter.remove(manifestURL)
        for file in files {
            try AtomicFileWriter.write(file.contents, to: directory.appendingPathComponent(file.name))
        }
        var manifest = RunManifest(
            files: files, chengyuVersion: chengyuVersion, scenarioContentHash: scenarioContentHash,
            dataVersion: dataVersion, hash: hash)
        manifest.vintage = vintage
        try AtomicFileWriter.write(manifest.jsonData(), to: manifestURL)
        return manifest
    }
}
