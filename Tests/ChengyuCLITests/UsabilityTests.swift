import Foundation
import BaseData
import Reporting
import Testing

/// The researcher's experience of issue 19 and the exit codes of issue 14 item 4, through the executable.
@Suite("chengyu usability: widths, paths, names, exit codes", .serialized)
struct UsabilityTests {
    /// Display width of the widest line of `text` once ANSI codes are removed.
    static func widest(_ text: String) -> (Int, String) {
        let lines = text.split(separator: "\n").map {
            String($0).replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
        }
        return lines.map { (TextTable.displayWidth($0), $0) }.max { $0.0 < $1.0 } ?? (0, "")
    }

    static let wideCommands: [[String]] = [
        ["run", "Scenarios/baseline.yaml"],
        ["run", "Scenarios/baseline.yaml", "--place", "成都"],
        ["goals", "Scenarios/baseline.yaml", "Scenarios/science-city.yaml"],
        ["compare", "Scenarios/baseline.yaml", "Scenarios/rail-programme.yaml"],
        ["compare", "Scenarios/baseline.yaml", "Scenarios/settlement-reform.yaml", "--by", "jurisdiction", "--year", "2035"],
        ["data", "jurisdictions"], ["data", "sectors"], ["data", "goals"], ["data", "groups"], ["data", "check"],
        ["data", "check", "--list-estimates"], ["data", "sectors", "--by", "jurisdiction"],
        ["scenario", "levers"], ["scenario", "parameters"], ["scenario", "show", "Scenarios/plan-2025.yaml"],
        ["validate", "Scenarios/plan-2025.yaml"], ["doctor", "--size", "50"],
    ]

    /// Every default terminal output fits 120 columns (issue 19 item 2); `--wide` keeps the long columns.
    @Test(arguments: wideCommands)
    func defaultOutputFits120Columns(args: [String]) throws {
        let r = try CLI.run(args + ["-q"])
        #expect(r.status == 0, "\(args): \(r.stderr)")
        let (width, line) = Self.widest(r.stdout)
        #expect(width <= 120, "\(args.joined(separator: " ")): \(width) columns: \(line)")
        #expect(width > 40 || args[0] == "validate", "\(args): no output")  // validate -q prints errors only
    }

    @Test func wideAndCSVKeepEverything() throws {
        let wide = try CLI.run(["goals", "Scenarios/baseline.yaml", "--wide", "-q"])
        #expect(wide.status == 0)
        #expect(wide.stdout.contains("规划纲要") && wide.stdout.contains("margin") && Self.widest(wide.stdout).0 > 120)
        let data = try CLI.run(["data", "jurisdictions", "--format", "csv"])
        #expect(data.stdout.split(separator: "\n").first?.split(separator: ",").count == 22)
        let run = try CLI.run(["run", "Scenarios/baseline.yaml", "-q"])
        #expect(run.stdout.contains("Key indicators:") && run.stdout.contains("Goals: the outline's 2025 goals"))
        #expect(run.stdout.contains("met (exceeded)"))  // 68.2 % urbanisation against ≈ 66 ± 1
        #expect(run.stdout.contains("≈ (达到…左右, \"reach about\")"))
    }

    /// science-city's R&D intensity in 2025 (2.61 % against ≈ 2.50 ± 0.10) is met, exceeded (item 1).
    @Test func scienceCityRDGoalIsMet() throws {
        let r = try CLI.run(["goals", "Scenarios/science-city.yaml", "--year", "2025", "--format", "csv", "-q"])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = r.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = try #require(rows.first)
        let iGoal = try #require(header.firstIndex(of: "goal")), iValue = try #require(header.firstIndex(of: "value"))
        let iMet = try #require(header.firstIndex(of: "met")), iStatus = try #require(header.firstIndex(of: "status"))
        let rd = try #require(rows.first { $0.count > iGoal && $0[iGoal] == "g2025-rd-intensity" })
        let value = try #require(Double(rd[iValue]))
        #expect(value > 0.0265 && value < 0.0267, "R&D intensity \(value)")
        #expect(rd[iMet] == "true" && rd[iStatus] == "met (exceeded)")
        #expect(header.contains("name_zh") && header.contains("name_en"))
    }

    /// Exit codes: 74 for an output that cannot be written (naming the path), 64 for usage, 2 for bad input.
    @Test func exitCodes() throws {
        let run = try CLI.run(["run", "Scenarios/baseline.yaml", "--until", "2020", "--out", "/proc/x", "-q"])
        #expect(run.status == 74 && run.stderr.contains("/proc/x"), "\(run.status) \(run.stderr)")
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("run")
        #expect(try CLI.run(["run", "Scenarios/baseline.yaml", "--until", "2020", "--out", out.path, "-q"]).status == 0)
        let report = try CLI.run(["report", out.path, "-o", "/proc/x/report.html", "-q"])
        #expect(report.status == 74 && report.stderr.contains("/proc/x"), "\(report.status) \(report.stderr)")
        let sweep = try CLI.run(["sweep", "plan", "Scenarios/sweeps/example.yaml", "--out", "/proc/x", "-q"])
        #expect(sweep.status == 74 && sweep.stderr.contains("/proc/x"), "\(sweep.status) \(sweep.stderr)")
        #expect(try CLI.run(["run", "--no-such-flag"]).status == 64)
        #expect(try CLI.run(["run", "Scenarios/baseline.yaml", "--until", "2070"]).status == 64)
        let beyond = try CLI.run(["run", "Scenarios/baseline.yaml", "--until", "2045"])
        #expect(beyond.status == 64 && beyond.stderr.contains("horizon"))
        #expect(try CLI.run(["goals", "Scenarios/baseline.yaml", "--fail-on-miss", "-q"]).status == 1)
    }

    /// Paths of the wrong kind get messages that say what to give (item 7).
    @Test func pathMessages() throws {
        let folder = try CLI.run(["run", "Scenarios"])
        #expect(folder.status == 2 && folder.stderr.contains("is a folder, not a scenario file") && folder.stderr.contains("Scenarios/baseline.yaml"))
        let bare = try CLI.run(["run", "baseline"])
        #expect(bare.status == 2 && bare.stderr.contains("did you mean Scenarios/baseline.yaml?"), "\(bare.stderr)")
        let yaml = try CLI.run(["report", "Scenarios/baseline.yaml"])
        #expect(yaml.status == 2 && yaml.stderr.contains("is a scenario file; `report` takes run folders"), "\(yaml.stderr)")
        #expect(!yaml.stderr.contains("JSON"))
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let tab = dir.appendingPathComponent("tab.yaml")
        try "schema: chengyu/scenario/v1\nname: t\n\ttitle: x\n".write(to: tab, atomically: true, encoding: .utf8)
        let tabbed = try CLI.run(["validate", tab.path])
        #expect(tabbed.status == 2 && tabbed.stdout.contains("a tab character in the indentation (line 3)"), "\(tabbed.stdout)")
    }

    /// `goals` and `compare` take run folders as well as scenario files, and give the same numbers.
    @Test func runFoldersForGoalsAndCompare() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = dir.appendingPathComponent("baseline"), b = dir.appendingPathComponent("rail")
        #expect(try CLI.run(["run", "Scenarios/baseline.yaml", "--out", a.path, "-q"]).status == 0)
        #expect(try CLI.run(["run", "Scenarios/rail-programme.yaml", "--out", b.path, "-q"]).status == 0)
        let fromFolders = try CLI.run(["goals", a.path, b.path, "--format", "csv", "-q"])
        let fromFiles = try CLI.run(["goals", "Scenarios/baseline.yaml", "Scenarios/rail-programme.yaml", "--format", "csv", "-q"])
        #expect(fromFolders.status == 0 && fromFolders.stdout == fromFiles.stdout)
        let compare = try CLI.run(["compare", a.path, b.path, "--place", "chengdu,yuzhong,重庆", "--format", "csv", "-q"])
        #expect(compare.status == 0, "\(compare.stderr)")
        let places = Set(compare.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",")[2] })
        #expect(places == ["sc-chengdu", "cq-yuzhong", "province-chongqing"])
        let near = try CLI.run(["compare", a.path, b.path, "--place", "chengdou"])
        #expect(near.status == 2 && near.stderr.contains("did you mean 'sc-chengdu'"))
        // trajectory.csv: names beside ids, no series without a value.
        let tidy = try String(contentsOf: a.appendingPathComponent("trajectory.csv"), encoding: .utf8)
        let lines = tidy.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "scenario,year,place,name_zh,name_en,place_kind,indicator,value,unit")
        #expect(lines[1].hasPrefix("baseline,2019,circle,成渝地区双城经济圈,"))
        let empty = lines.dropFirst().filter { $0.split(separator: ",", omittingEmptySubsequences: false).dropLast().last == "" }
        // Some years of a series may be empty (2019 of a growth rate), never a whole series.
        let series = Set(empty.map { $0.split(separator: ",", omittingEmptySubsequences: false)[2...6].joined(separator: ",") })
        for s in series { #expect(tidy.contains(s), "\(s)") }
        #expect(!tidy.contains("fiveg_coverage"))
    }

    /// A scenario in the researcher's own folder finds `extends: baseline` (item 4), and `--scenarios` names
    /// another folder of parents for `run`, `goals` and `compare`.
    @Test func parentsFromAnotherFolder() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let mine = dir.appendingPathComponent("mine.yaml")
        try """
            schema: chengyu/scenario/v1
            name: mine
            title: Mine
            description: a scenario outside the repository
            extends: baseline
            levers:
              - lever: settlement-barrier
                where: [成都, Chongqing]
                op: multiply
                path: {2020: 1.0, 2025: 0.5}
            """.write(to: mine, atomically: true, encoding: .utf8)
        let p = Process()
        p.executableURL = CLI.executable
        p.arguments = ["validate", mine.path]
        p.currentDirectoryURL = dir
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        p.waitUntilExit()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(p.terminationStatus == 0, "\(text)")
        #expect(text.contains("(1 lever + "))
        let parents = dir.appendingPathComponent("parents")
        try FileManager.default.createDirectory(at: parents, withIntermediateDirectories: true)
        try "schema: chengyu/scenario/v1\nname: base2\ntitle: B\ndescription: d\nextends: baseline\nhorizon: {start: 2019, end: 2040}\n"
            .write(to: parents.appendingPathComponent("base2.yaml"), atomically: true, encoding: .utf8)
        let child = dir.appendingPathComponent("child.yaml")
        try "schema: chengyu/scenario/v1\nname: child\ntitle: C\ndescription: d\nextends: base2\n".write(to: child, atomically: true, encoding: .utf8)
        for command in [["run", child.path, "--until", "2021"], ["goals", child.path], ["compare", child.path, child.path, "--year", "2021"]] {
            #expect(try CLI.run(command + ["-q"]).status == 2, "\(command) without --scenarios")
            let r = try CLI.run(command + ["--scenarios", parents.path, "-q"])
            #expect(r.status == 0, "\(command): \(r.stderr)")
        }
        // The horizon of the parent (2040) is followed: the key-indicator table ends in 2040.
        let long = try CLI.run(["run", child.path, "--scenarios", parents.path, "-q"])
        #expect(long.stdout.contains("2019") && long.stdout.contains("2035") && long.stdout.contains("2040"))
        let until = try CLI.run(["run", child.path, "--scenarios", parents.path, "--until", "2038", "--format", "json", "-q"])
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(until.stdout.utf8)) as? [String: Any])
        #expect((doc["years"] as? [Int]) == Array(2019...2038))
    }

    /// Flags and numbers (item 11): -q everywhere, -v diagnostics, --bom, float noise, growth in %.
    @Test func flagsAndNumbers() throws {
        for args in [["data", "check", "-q"], ["validate", "Scenarios/baseline.yaml", "-q"], ["doctor", "--size", "20", "-q"],
                     ["scenario", "levers", "-q"], ["data", "sectors", "-q"]] {
            #expect(try CLI.run(args).status == 0, "\(args)")
        }
        #expect(try CLI.run(["validate", "Scenarios/baseline.yaml", "-q"]).stdout.isEmpty)
        let verbose = try CLI.run(["run", "Scenarios/baseline.yaml", "--until", "2021", "-v"])
        #expect(verbose.stderr.contains("ρ(A)") && verbose.stderr.contains("loaded") && verbose.stderr.contains("base data:"), "\(verbose.stderr)")
        let bom = try CLI.run(["goals", "Scenarios/baseline.yaml", "--format", "csv", "--bom", "-q"])
        #expect(bom.stdout.hasPrefix("\u{FEFF}scenario,"))
        #expect(try CLI.run(["data", "jurisdictions", "--format", "csv", "--bom"]).stdout.hasPrefix("\u{FEFF}id,"))
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try CLI.run(["run", "Scenarios/baseline.yaml", "--until", "2020", "--out", dir.path, "--bom", "-q"]).status == 0)
        #expect(FileManager.default.contents(atPath: dir.appendingPathComponent("trajectory.csv").path)?.prefix(3) == Data([0xEF, 0xBB, 0xBF]))
        // No binary noise in printed numbers; growth in % per year beside shares in %.
        for args in [["run", "Scenarios/baseline.yaml"], ["compare", "Scenarios/baseline.yaml", "Scenarios/rail-programme.yaml"],
                     ["data", "jurisdictions"], ["data", "sectors"], ["data", "check", "--list-estimates"]] {
            let r = try CLI.run(args + ["-q"])
            let noise = r.stdout.range(of: "[0-9]\\.[0-9]*(0000000|9999999)[0-9]", options: .regularExpression)
            #expect(noise == nil, "\(args): \(noise.map { String(r.stdout[$0]) } ?? "")")
        }
        let growth = try CLI.run(["compare", "Scenarios/baseline.yaml", "Scenarios/rail-programme.yaml", "--indicators", "gdp_growth", "-q"])
        #expect(growth.stdout.contains("% per year") && !growth.stdout.contains("fraction per year"))
    }

    /// The bundled data are found beside the executable; a binary without them says how to install (item 3).
    @Test func missingDataGetsAHint() throws {
        let r = try CLI.run(["data", "check"], environment: ["CHENGYU_DATA": "/nonexistent/chengyu-data"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("make install") && r.stderr.contains("/nonexistent/chengyu-data"), "\(r.stderr)")
        let doctor = try CLI.run(["doctor", "--size", "20"], environment: ["CHENGYU_DATA": "/nonexistent/chengyu-data"])
        #expect(doctor.status == 2 && doctor.stdout.contains("bundled data:           MISSING"))
        let ok = try CLI.run(["doctor", "--size", "20"])
        #expect(ok.status == 0 && ok.stdout.contains("\(DataFileSpec.all.count) valid") && ok.stdout.contains("bundled scenarios:"), "\(ok.stdout)")
    }

    /// Help text is flowed by the terminal, not pre-wrapped: at 200 columns a paragraph is one line.
    @Test func helpIsNotPrewrapped() throws {
        let r = try CLI.run(["run", "--help"], environment: ["COLUMNS": "200"])
        #expect(r.stdout.contains("Prints the key indicators of the circle (or of --place) for 2019, 2025, 2035 and the end of the scenario's horizon, then"))
    }
}
