import Foundation
import MatrixCore
import Testing
@testable import Reporting
@testable import SimulationEngine

/// The files of `chengyu io export` on a two-industry table: every table file in the layout `chengyu io`
/// reads, and `units.csv` naming the unit of each.
@Suite("io export files and their units")
struct CalibratedTableFilesTests {
    static let table = CalibratedTable(
        industryLabels: ["a:s1", "b:s1"], flows: try! Matrix([[1, 2], [3, 4.5]]),
        finalDemandLabels: ["a:urban_household", "rest_of_china:exports"], finalDemand: try! Matrix([[10, 1], [20, 2]]),
        output: [16, 29.5], valueAddedLabels: ["compensation", "other_value_added"], valueAdded: try! Matrix([[5, 6], [7, 8]]),
        employment: [100, 250])

    @Test("Z, Y, x, VA, F and units.csv, byte for byte")
    func files() {
        let text = { (name: String) in String(decoding: CalibratedTableFiles.file(name, of: Self.table).contents, as: UTF8.self) }
        #expect(CalibratedTableFiles.fileNames == ["Z.csv", "Y.csv", "x.csv", "VA.csv", "F.csv", "units.csv"])
        #expect(text("Z.csv") == "industry,a:s1,b:s1\na:s1,1.0,2.0\nb:s1,3.0,4.5\n")
        #expect(text("Y.csv") == "industry,a:urban_household,rest_of_china:exports\na:s1,10.0,1.0\nb:s1,20.0,2.0\n")
        #expect(text("x.csv") == "industry,output\na:s1,16.0\nb:s1,29.5\n")
        #expect(text("VA.csv") == "component,a:s1,b:s1\ncompensation,5.0,6.0\nother_value_added,7.0,8.0\n")
        #expect(text("F.csv") == "account,a:s1,b:s1\nemployment,100.0,250.0\n")
        #expect(text("units.csv") == """
            file,unit
            Z.csv,"100m yuan, 2019 prices"
            Y.csv,"100m yuan, 2019 prices"
            x.csv,"100m yuan, 2019 prices"
            VA.csv,"100m yuan, 2019 prices"
            F.csv,persons

            """)
    }
}
