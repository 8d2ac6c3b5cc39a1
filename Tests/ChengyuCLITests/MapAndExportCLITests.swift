import Foundation
import Reporting
import Testing

/// `chengyu map`, `run --format iamc` and `run --detail sectors`, as a user runs them.
@Suite("Map and exports (CLI)")
struct MapAndExportCLITests {
    /// CSV records with quoted fields (sector names hold commas).
    func rows(_ csv: String) -> [[String]] {
        csv.split(separator: "\n").map { line in
            var fields: [String] = [], field = "", quoted = false
            var chars = Array(line).makeIterator()
            while let c = chars.next() {
                if c == "\"" { quoted.toggle() } else if c == "," && !quoted { fields.append(field); field = "" } else { field.append(c) }
            }
            fields.append(field)
            return fields
        }
    }

    @Test("map: one path per jurisdiction with its value; a difference map; bad indicator or year exits 2; unwritable 74")
    func map() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = dir.appendingPathComponent("baseline"), svg = dir.appendingPathComponent("map.svg")
        #expect(try CLI.run(["run", CLI.scenario("baseline"), "--out", run.path, "-q"]).status == 0)
        let r = try CLI.run(["map", run.path, "--indicator", "population", "--year", "2025", "-o", svg.path, "-q"])
        #expect(r.status == 0, "\(r.stderr)")
        let text = try String(contentsOf: svg, encoding: .utf8)
        #expect(text.hasPrefix("<?xml") && text.contains("xmlns=\"http://www.w3.org/2000/svg\""))
        // Each path's data-value is the jurisdiction's population in 2025 in trajectory.csv.
        let tidy = rows(try String(contentsOf: run.appendingPathComponent("trajectory.csv"), encoding: .utf8))
        var expected: [String: Double] = [:]
        let (iKind, iIndicator, iValue) = (tidy[0].firstIndex(of: "place_kind")!, tidy[0].firstIndex(of: "indicator")!, tidy[0].firstIndex(of: "value")!)
        for row in tidy where row[1] == "2025" && row[iKind] == "jurisdiction" && row[iIndicator] == "population" { expected[row[2]] = Double(row[iValue]) }
        #expect(expected.count == 42)
        let regex = try NSRegularExpression(pattern: #"<path class="jurisdiction" data-place="([a-z-]+)" data-value="([^"]+)""#)
        var drawn: [String: Double] = [:]
        for m in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            drawn[String(text[Range(m.range(at: 1), in: text)!])] = Double(text[Range(m.range(at: 2), in: text)!])
        }
        #expect(drawn == expected)
        let diff = try CLI.run(["map", CLI.scenario("rail-programme"), "--against", run.path, "--indicator", "gdp", "-o", svg.path, "-q"])
        #expect(diff.status == 0, "\(diff.stderr)")
        #expect(try String(contentsOf: svg, encoding: .utf8).contains("data-scale=\"diverging\""))
        let badIndicator = try CLI.run(["map", run.path, "--indicator", "gpd", "-o", svg.path])
        #expect(badIndicator.status == 2 && badIndicator.stderr.contains("available: ") && badIndicator.stderr.contains("gdp_per_capita"))
        #expect(try CLI.run(["map", run.path, "--year", "2040", "-o", svg.path]).status == 2)
        #expect(try CLI.run(["map", run.path, "-o", "/nonexistent/dir/map.svg"]).status == 74)
    }

    @Test("run --format iamc prints pyam's columns; with --out it also writes trajectory.iamc.csv, in the manifest")
    func iamc() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try CLI.run(["run", CLI.scenario("baseline"), "--format", "iamc", "--out", dir.path, "-q"])
        #expect(r.status == 0, "\(r.stderr)")
        let printed = rows(r.stdout)
        #expect(printed.first == ["model", "scenario", "region", "variable", "unit", "year", "value"])
        let file = try String(contentsOf: dir.appendingPathComponent("trajectory.iamc.csv"), encoding: .utf8)
        #expect(file == r.stdout)
        #expect(try RunFolder.verify(dir, hash: sha256).isEmpty)
        // Units: the circle's 2035 population in million and urbanisation in % against trajectory.csv.
        let tidy = rows(try String(contentsOf: dir.appendingPathComponent("trajectory.csv"), encoding: .utf8))
        let (iIndicator, iValue) = (tidy[0].firstIndex(of: "indicator")!, tidy[0].firstIndex(of: "value")!)
        func tidyValue(_ indicator: String) -> Double? {
            tidy.first { $0[1] == "2035" && $0[2] == "circle" && $0[iIndicator] == indicator }.flatMap { Double($0[iValue]) }
        }
        func iamcRow(_ variable: String) -> [String]? { printed.first { $0[2] == "circle" && $0[3] == variable && $0[5] == "2035" } }
        let pop = try #require(iamcRow("Population")), urb = try #require(iamcRow("Urbanisation Rate"))
        #expect(pop[4] == "million" && abs(Double(pop[6])! - tidyValue("population")! / 1e6) < 1e-9)
        #expect(urb[4] == "%" && abs(Double(urb[6])! - tidyValue("urbanisation_rate")! * 100) < 1e-9)
        let regions: Set<String> = Set(printed.dropFirst().map { $0[2] })
        let places: Set<String> = Set(tidy.dropFirst().map { $0[2] })
        #expect(regions == places)  // circle, groups and the 42 jurisdictions
    }

    /// Until the engine records sector detail the flag exits 74 and writes nothing; once it does, the
    /// sums over sectors must give each jurisdiction's gross output, GDP and employment of trajectory.csv.
    @Test("run --detail sectors: sectors.csv consistent with trajectory.csv, or exit 74 with nothing written")
    func sectors() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("run")
        let r = try CLI.run(["run", CLI.scenario("baseline"), "--out", out.path, "--detail", "sectors", "-q"])
        #expect(try CLI.run(["run", CLI.scenario("baseline"), "--detail", "sectors", "-q"]).status == 64)
        if r.status == 74 {
            #expect(r.stderr.contains("no sector detail"))
            #expect(!FileManager.default.fileExists(atPath: out.path))
            return
        }
        #expect(r.status == 0, "\(r.stderr)")
        let table = rows(try String(contentsOf: out.appendingPathComponent("sectors.csv"), encoding: .utf8))
        #expect(table.first == SectorCSV.header)
        var sums: [String: [Double]] = [:]
        for row in table.dropFirst() where row[1] == "2035" {
            let v = [Double(row[6])!, Double(row[7])!, Double(row[8])!]
            sums[row[2], default: [0, 0, 0]] = zip(sums[row[2]] ?? [0, 0, 0], v).map(+)
        }
        let tidy = rows(try String(contentsOf: out.appendingPathComponent("trajectory.csv"), encoding: .utf8))
        let column = { (name: String) in tidy[0].firstIndex(of: name)! }
        let (iKind, iIndicator, iValue) = (column("place_kind"), column("indicator"), column("value"))
        var checked = 0
        for (k, indicator) in ["gross_output", "gdp", "employment"].enumerated() {
            for row in tidy where row[1] == "2035" && row[iKind] == "jurisdiction" && row[iIndicator] == indicator {
                let sum = try #require(sums[row[2]]?[k])
                #expect(abs(sum / Double(row[iValue])! - 1) < 1e-9, "\(row[2]) \(indicator)")
                checked += 1
            }
        }
        #expect(checked == 3 * 42)
    }
}
