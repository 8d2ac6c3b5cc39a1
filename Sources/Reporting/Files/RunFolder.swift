import Foundation
import SimulationEngine

/// The files of `chengyu run --out DIR`, and reading such folders back (`chengyu report DIR...`).
///
/// A run folder holds `trajectory.csv`, `goals.csv`, `summary.json` (without wall-clock timings, so that
/// an identical rerun gives identical bytes), `scenario.resolved.yaml`, `report.html` and, written last,
/// `manifest.json`.
public enum RunFolder {
    public static let summaryFileName = "summary.json"

    /// The files of a run folder, in the order they are written (the manifest is added by the writer).
    ///
    /// - Parameters:
    ///   - resolvedScenarioYAML: the resolved scenario's canonical YAML (written as given).
    ///   - seats: seat locations for the report's scatter map (none: no map).
    ///   - csvByteOrderMark: start the CSV files with a UTF-8 byte-order mark (`CSV.byteOrderMark`), so that
    ///     Excel reads their Chinese text as UTF-8 (`--bom`).
    public static func files(
        for trajectory: Trajectory, resolvedScenarioYAML: String, seats: [SeatLocation] = [],
        reportOptions: HTMLReport.Options = HTMLReport.Options(), csvByteOrderMark: Bool = false
    ) -> [OutputFile] {
        let bom = csvByteOrderMark ? CSV.byteOrderMark : ""
        return [
            OutputFile(name: "trajectory.csv", text: bom + TrajectoryCSV.render([trajectory])),
            OutputFile(name: "goals.csv", text: bom + GoalReport([trajectory]).csv()),
            OutputFile(name: summaryFileName, contents: SummaryDocument.encode(trajectory, includeTimings: false)),
            OutputFile(name: "scenario.resolved.yaml", text: resolvedScenarioYAML),
            OutputFile(name: "report.html", text: HTMLReport.render([trajectory], seats: seats, options: reportOptions)),
        ]
    }

    /// Writes a run folder: `files(for:…)` through `ResultFolderWriter` (each file atomically, manifest
    /// last). Returns the manifest.
    @discardableResult
    public static func write(
        _ trajectory: Trajectory, resolvedScenarioYAML: String, to directory: URL, chengyuVersion: String,
        dataVersion: String, seats: [SeatLocation] = [], reportOptions: HTMLReport.Options = HTMLReport.Options(),
        extraFiles: [OutputFile] = [], csvByteOrderMark: Bool = false, hash: (Data) -> String
    ) throws -> RunManifest {
        try ResultFolderWriter.write(
            files(for: trajectory, resolvedScenarioYAML: resolvedScenarioYAML, seats: seats, reportOptions: reportOptions,
                  csvByteOrderMark: csvByteOrderMark) + extraFiles,
            to: directory, chengyuVersion: chengyuVersion, scenarioContentHash: trajectory.scenario.contentHash,
            dataVersion: dataVersion, vintage: trajectory.scenario.vintage, hash: hash)
    }

    /// Optional files of a run folder: `trajectory.iamc.csv` (`IAMCExport`, model `model`) and `sectors.csv`
    /// (`SectorCSV`).
    public enum Extra: String, Sendable, CaseIterable {
        case iamc, sectors
        public var fileName: String { self == .iamc ? "trajectory.iamc.csv" : "sectors.csv" }
    }

    /// The files of `extras` for `trajectory`, to pass to `write(…, extraFiles:)`; computed before anything
    /// is written, so that a missing sector detail leaves the folder untouched.
    ///
    /// - Throws: `ReportingError.invalidDocument` when `sectors` is asked for and the trajectory has no
    ///   (well-formed) sector detail.
    public static func extraFiles(for trajectory: Trajectory, extras: [Extra], model: String) throws -> [OutputFile] {
        try Extra.allCases.filter(extras.contains).map { extra in
            switch extra {
            case .iamc: return OutputFile(name: extra.fileName, text: IAMCExport.render([trajectory], model: model))
            case .sectors: return OutputFile(name: extra.fileName, text: try SectorCSV.render(trajectory))
            }
        }
    }

    /// Reads `summary.json` of a run folder (or a `summary.json` file given directly) into a trajectory.
    ///
    /// - Throws: `ReportingError.invalidDocument` when the file is missing or malformed.
    public static func readTrajectory(at url: URL) throws -> Trajectory {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
        let file = exists && isDirectory.boolValue ? url.appendingPathComponent(summaryFileName) : url
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw ReportingError.invalidDocument(path: file.path, reason: "cannot read the file (is this a run folder?)")
        }
        return try SummaryDocument.decode(data, path: file.path)
    }

    /// Checks a folder against its `manifest.json`: every listed file present with the listed size and
    /// hash. Returns one sentence per problem (empty: the folder is complete and intact); a folder without
    /// a manifest is reported as incomplete.
    public static func verify(_ directory: URL, hash: (Data) -> String) throws -> [String] {
        let manifestURL = directory.appendingPathComponent(RunManifest.fileName)
        guard let manifestData = FileManager.default.contents(atPath: manifestURL.path) else {
            return ["\(manifestURL.path): no manifest (the write did not finish)"]
        }
        let manifest = try RunManifest.decode(manifestData)
        var problems: [String] = []
        for entry in manifest.files {
            let path = directory.appendingPathComponent(entry.path).path
            guard let data = FileManager.default.contents(atPath: path) else {
                problems.append("\(path): listed in the manifest but missing")
                continue
            }
            if data.count != entry.bytes {
                problems.append("\(path): \(data.count) bytes, manifest says \(entry.bytes)")
            } else if hash(data) != entry.sha256 {
                problems.append("\(path): SHA-256 differs from the manifest")
            }
        }
        return problems
    }
}
