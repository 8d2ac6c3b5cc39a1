import Foundation
import SimulationEngine

/// The files of `chengyu io export`: the calibrated 2019 circle MRIO in the layout `chengyu io` reads
/// (`Sources/BaseData/MRIOTable/README.md`), plus `units.csv`, which states the unit of every file.
///
/// | file | rows × columns | unit |
/// |---|---|---|
/// | `Z.csv` | industry × industry (`jurisdiction:sector`) | 100m yuan, 2019 prices |
/// | `Y.csv` | industry × final-demand column | 100m yuan, 2019 prices |
/// | `x.csv` | industry × `output` | 100m yuan, 2019 prices |
/// | `VA.csv` | primary-input component × industry | 100m yuan, 2019 prices |
/// | `F.csv` | `employment` × industry | persons |
/// | `units.csv` | `file,unit`, one row per file above | — |
///
/// Money is in the base year's own prices (2019 = current prices of the table year), as the engine's
/// calibration (`CalibratedTable`); employment in persons.
public enum CalibratedTableFiles {
    /// The unit of each table file.
    public static let units: [(file: String, unit: String)] = [
        ("Z.csv", money), ("Y.csv", money), ("x.csv", money), ("VA.csv", money), ("F.csv", "persons"),
    ]
    static let money = "100m yuan, 2019 prices"

    /// Every file name, in the order they are written (`units.csv` last).
    public static var fileNames: [String] { units.map(\.file) + ["units.csv"] }

    /// One file of the export (`name` from `fileNames`), rendered on demand: `Z.csv` alone is about 55 MB
    /// at n = 1,764, so the caller writes each before rendering the next.
    public static func file(_ name: String, of t: CalibratedTable) -> OutputFile {
        let industries = t.industryLabels
        let text: String
        switch name {
        case "Z.csv": text = LabelledTableCSV.render(header: ["industry"] + industries, labels: industries, matrix: t.flows)
        case "Y.csv":
            text = LabelledTableCSV.render(header: ["industry"] + t.finalDemandLabels, labels: industries, matrix: t.finalDemand)
        case "x.csv": text = LabelledTableCSV.render(header: ["industry", "output"], labels: industries, columns: [t.output])
        case "VA.csv":
            text = LabelledTableCSV.render(header: ["component"] + industries, labels: t.valueAddedLabels, matrix: t.valueAdded)
        case "F.csv":
            text = LabelledTableCSV.render(
                header: ["account"] + industries, labels: ["employment"], columns: t.employment.map { [Optional($0)] })
        case "units.csv": text = CSV.document(header: ["file", "unit"], rows: units.map { [$0.file, $0.unit] })
        default: preconditionFailure("CalibratedTableFiles: no file \(name)")
        }
        return OutputFile(name: name, text: text)
    }
}
