import Foundation
import Testing

/// The README's tutorial, verbatim, after `make install` (issue 19 item 3).
///
/// `make install` is `make build` followed by `scripts/install.sh BIN_DIR PREFIX`; the test runs the script
/// on the build under test with a temporary PREFIX (so it needs no root and no second build), checks that the
/// installed `chengyu` finds its data in PREFIX/share/chengyu, then runs every `chengyu …` command of the
/// README's "Tutorial" section with PREFIX/bin first on PATH, in a scratch copy of the repository's
/// `Scenarios/` (the tutorial saves `Scenarios/my-rail.yaml`), and expects each to exit 0.
@Suite("README tutorial after make install", .serialized)
struct TutorialTests {
    /// The tutorial section of the README: its YAML block and its `chengyu …` commands, in order.
    static func tutorial() throws -> (yaml: String, commands: [String]) {
        let readme = try String(contentsOf: CLI.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let start = try #require(readme.range(of: "## Tutorial"))
        let rest = readme[start.upperBound...]
        let section = String(rest[..<(rest.range(of: "\n## ")?.lowerBound ?? rest.endIndex)])
        let yamlStart = try #require(section.range(of: "```yaml\n"))
        let yamlEnd = try #require(section.range(of: "```", range: yamlStart.upperBound..<section.endIndex))
        let yaml = section[yamlStart.upperBound..<yamlEnd.lowerBound].split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix("   ") ? String($0.dropFirst(3)) : String($0) }.joined(separator: "\n")
        var commands: [String] = []
        var inShell = false
        for line in section.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("```") { inShell = trimmed == "```sh"; continue }
            if inShell, trimmed.hasPrefix("chengyu ") { commands.append(trimmed); continue }
            // Inline code spans that are whole commands.
            var scan = Substring(line)
            while let open = scan.firstIndex(of: "`") {
                let after = scan[scan.index(after: open)...]
                guard let close = after.firstIndex(of: "`") else { break }
                let span = String(after[..<close])
                if span.hasPrefix("chengyu ") && !span.contains("…") && !span.contains("|") { commands.append(span) }
                scan = after[after.index(after: close)...]
            }
        }
        return (yaml, commands)
    }

    /// `make install` is the build followed by the script this test runs, with PREFIX defaulting to /usr/local.
    @Test func makeInstallRunsTheInstallScript() throws {
        let makefile = try String(contentsOf: CLI.repositoryRoot.appendingPathComponent("Makefile"), encoding: .utf8)
        #expect(makefile.contains("PREFIX ?= /usr/local\n"))
        #expect(makefile.contains("install: build\n\tbash scripts/install.sh \"$$($(SWIFT) build -c $(CONFIG) --show-bin-path)\" \"$(PREFIX)\"\n"))
    }

    @Test func tutorialRunsVerbatimAfterInstall() throws {
        let (yaml, commands) = try Self.tutorial()
        #expect(commands.count >= 8, "\(commands)")
        #expect(commands.contains("chengyu data check") && commands.contains { $0.hasPrefix("chengyu report ") })
        let root = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let prefix = root.appendingPathComponent("prefix"), work = root.appendingPathComponent("work")
        // make install, without its build step.
        let install = try Self.shell(["bash", CLI.repositoryRoot.appendingPathComponent("scripts/install.sh").path,
                                      CLI.executable.deletingLastPathComponent().path, prefix.path], in: CLI.repositoryRoot, path: nil)
        #expect(install.status == 0, "\(install.output)")
        let bin = prefix.appendingPathComponent("bin")
        let doctor = try Self.shell(["chengyu", "doctor", "--size", "20"], in: root, path: bin.path)
        #expect(doctor.status == 0 && doctor.output.contains("bundled data:           \(prefix.path)/share/chengyu/"), "\(doctor.output)")
        // The repository's scenarios in a scratch root, the tutorial's file saved where it says.
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: CLI.repositoryRoot.appendingPathComponent("Scenarios"), to: work.appendingPathComponent("Scenarios"))
        try yaml.write(to: work.appendingPathComponent("Scenarios/my-rail.yaml"), atomically: true, encoding: .utf8)
        for command in commands {
            let r = try Self.shell(["bash", "-c", command + " > /dev/null"], in: work, path: bin.path)
            #expect(r.status == 0, "`\(command)` exited \(r.status): \(r.output)")
        }
        #expect(FileManager.default.fileExists(atPath: work.appendingPathComponent("report.html").path))
    }

    /// Runs `args` in `directory` with `path` first on PATH; status and stdout + stderr.
    static func shell(_ args: [String], in directory: URL, path: String?) throws -> (status: Int32, output: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = args
        p.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        if let path { env["PATH"] = path + ":" + (env["PATH"] ?? "/usr/bin:/bin") }
        env["CHENGYU_SCENARIOS"] = nil
        env["CHENGYU_DATA"] = nil
        p.environment = env
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
