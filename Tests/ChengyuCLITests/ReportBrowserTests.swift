import Foundation
import Testing

/// Headless Chromium (Debian `chromium`, installed by `make setup`).
enum Chromium {
    static let candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
    static var executable: String? { candidates.first { FileManager.default.isExecutableFile(atPath: $0) } }

    /// Runs Chromium headless on `page` in a `width` × `height` window with `extra` arguments.
    static func run(_ page: URL, width: Int, height: Int, _ extra: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: try #require(executable, "chromium is not installed: run `make setup`"))
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("chromium-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        p.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--user-data-dir=\(profile.path)",
            "--force-device-scale-factor=1", "--window-size=\(width),\(height)",
        ] + extra + [page.absoluteString]
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        nonisolated(unsafe) var errData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async { errData = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    /// Console messages (Chromium logs them as `CONSOLE(line)] "text"`) and failed loads in a log.
    static func consoleProblems(_ log: String) -> [String] {
        log.split(separator: "\n").map(String.init).filter {
            $0.contains(":CONSOLE") || $0.contains("Uncaught") || $0.contains("Failed to load resource") || $0.contains("net::ERR_")
        }
    }

    /// A page that shows `page` in an iframe exactly `width` × `height` px (headless Chromium makes no window
    /// narrower than 500 px; a frame has the viewport asked for). With `copyProbe` the host copies the frame's
    /// `data-probe` into its own body once the frame has loaded (needs `--allow-file-access-from-files`).
    static func host(_ page: URL, width: Int, height: Int, copyProbe: Bool, in dir: URL) throws -> URL {
        let script = copyProbe
            ? "<script>document.getElementById('f').addEventListener('load', function () { document.body.setAttribute('data-probe', this.contentDocument.body.getAttribute('data-probe')); });</script>"
            : ""
        let html = "<!DOCTYPE html><html><body style=\"margin:0\"><iframe id=\"f\" src=\"\(page.lastPathComponent)\" style=\"display:block;width:\(width)px;height:\(height)px;border:0\"></iframe>\(script)</body></html>"
        let url = dir.appendingPathComponent("host-\(width)-\(copyProbe ? "probe" : "shot").html")
        try html.write(to: url, atomically: true, encoding: .utf8)
        return url
    }
}

/// Layout facts measured inside the page: injected into a copy of the report (the report has no script).
private let layoutProbe = """
    <script>
    (function () {
      var vw = document.documentElement.clientWidth, r = { viewport: vw };
      r.pageOverflow = document.documentElement.scrollWidth - vw;
      function visible(el) { return el.getBoundingClientRect().width > 0; }
      function outside(el) { var b = el.getBoundingClientRect(); return b.width > 0 && (b.right > vw + 0.5 || b.left < -0.5); }
      var heads = document.querySelectorAll('table.goals th.scenario'), cells = document.querySelectorAll('table.cards td');
      r.scenarioHeaders = Array.prototype.filter.call(heads, visible).length;
      r.scenarioHeadersOutside = Array.prototype.filter.call(heads, outside).length;
      r.cardCells = Array.prototype.filter.call(cells, visible).length;
      r.cardCellsOutside = Array.prototype.filter.call(cells, outside).length;
      r.maps = Array.prototype.map.call(document.querySelectorAll('svg.choropleth'), function (s) {
        var paths = s.querySelectorAll('path.jurisdiction');
        var drawn = Array.prototype.filter.call(paths, function (p) { var b = p.getBBox(); return b.width > 0 && b.height > 0; }).length;
        return { paths: paths.length, drawn: drawn, width: Math.round(s.getBoundingClientRect().width), outsideViewport: outside(s) };
      });
      r.emptyCharts = Array.prototype.filter.call(document.querySelectorAll('svg.line-chart'), function (s) { return s.querySelectorAll('polyline.series').length === 0; }).length;
      var first = document.querySelector('section.comparison');
      r.firstComparisonBottom = first ? Math.ceil(first.getBoundingClientRect().bottom + window.scrollY) : 0;
      r.height = document.documentElement.scrollHeight;
      document.body.setAttribute('data-probe', JSON.stringify(r));
    })();
    </script>
    """

/// The report of three real runs rendered at 1,200 and 375 px: layout measured in the page, console
/// checked, screenshots taken (into `docs/` with `CHENGYU_UPDATE_SCREENSHOTS=1`, i.e. `make screenshots`).
/// Fails, never skips, when Chromium or the CJK font is missing.
@Suite("Report in headless Chromium", .serialized)
struct ReportBrowserTests {
    struct Probe: Decodable {
        struct Map: Decodable { let paths: Int; let drawn: Int; let width: Int; let outsideViewport: Bool }
        let viewport: Int
        let pageOverflow: Int
        let scenarioHeaders: Int
        let scenarioHeadersOutside: Int
        let cardCells: Int
        let cardCellsOutside: Int
        let maps: [Map]
        let emptyCharts: Int
        let firstComparisonBottom: Int
        let height: Int
    }

    static func screenshotDirectory(_ dir: URL) -> URL {
        ProcessInfo.processInfo.environment["CHENGYU_UPDATE_SCREENSHOTS"] == "1" ? CLI.repositoryRoot.appendingPathComponent("docs") : dir
    }

    func probe(_ report: URL, width: Int, in dir: URL) throws -> Probe {
        let html = try String(contentsOf: report, encoding: .utf8)
        let probed = dir.appendingPathComponent("probe-\(width).html")
        try html.replacingOccurrences(of: "</body>", with: layoutProbe + "</body>").write(to: probed, atomically: true, encoding: .utf8)
        let host = try Chromium.host(probed, width: width, height: 1000, copyProbe: true, in: dir)
        let r = try Chromium.run(host, width: max(width, 500), height: 1000, ["--allow-file-access-from-files", "--virtual-time-budget=10000", "--dump-dom"])
        #expect(r.status == 0, "chromium --dump-dom: \(r.stderr.suffix(2000))")
        let start = try #require(r.stdout.range(of: "data-probe=\""), "no probe result in the DOM")
        let end = try #require(r.stdout.range(of: "\"", range: start.upperBound..<r.stdout.endIndex))
        let json = String(r.stdout[start.upperBound..<end.lowerBound]).replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
        return try JSONDecoder().decode(Probe.self, from: Data(json.utf8))
    }

    /// A screenshot of the top `height` px of `report` at `width` px (through the iframe host).
    func screenshot(_ report: URL, width: Int, height: Int, to png: URL, in dir: URL) throws {
        try? FileManager.default.removeItem(at: png)
        let host = try Chromium.host(report, width: width, height: height, copyProbe: false, in: dir)
        let r = try Chromium.run(host, width: width, height: height, ["--screenshot=\(png.path)"])
        #expect(r.status == 0 && ((try? Data(contentsOf: png).count) ?? 0) > 50_000, "\(png.lastPathComponent): \(r.stderr.suffix(1000))")
    }

    @Test("the console check catches a console error (negative control)")
    func consoleCheckWorks() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = dir.appendingPathComponent("bad.html")
        try "<!DOCTYPE html><html><body><p>x</p><script>console.error('probe-error-42')</script></body></html>".write(to: page, atomically: true, encoding: .utf8)
        let r = try Chromium.run(page, width: 500, height: 300, ["--enable-logging=stderr", "--v=0", "--dump-dom"])
        #expect(Chromium.consoleProblems(r.stderr).contains { $0.contains("probe-error-42") }, "\(r.stderr.suffix(1500))")
    }

    @Test("baseline, plan-2025 and rail-programme at 1,200 and 375 px: columns visible, 42 map paths, no console errors")
    func reportRendersAtTwoWidths() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var folders: [String] = []
        for name in ["baseline", "plan-2025", "rail-programme"] {
            let out = dir.appendingPathComponent(name)
            // Relative paths, as a user types them (the runs' file column shows them).
            let r = try CLI.run(["run", "Scenarios/\(name).yaml", "--out", out.path, "-q"])
            #expect(r.status == 0, "\(r.stderr)")
            folders.append(out.path)
        }
        let report = dir.appendingPathComponent("report.html")
        #expect(try CLI.run(["report"] + folders + ["-o", report.path, "-q"]).status == 0)
        // Chinese names need a CJK font on the machine (make setup installs fonts-wqy-microhei).
        #expect(FileManager.default.fileExists(atPath: "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"), "fonts-wqy-microhei is not installed: run `make setup`")

        let console = try Chromium.run(report, width: 1200, height: 1000, ["--enable-logging=stderr", "--v=0", "--dump-dom"])
        #expect(console.status == 0 && console.stdout.contains("<svg"))
        #expect(Chromium.consoleProblems(console.stderr) == [])

        let shots = Self.screenshotDirectory(dir)
        for width in [1200, 375] {
            let p = try probe(report, width: width, in: dir)
            #expect(p.viewport == width)
            #expect(p.pageOverflow <= 0, "the page scrolls sideways at \(width) px by \(p.pageOverflow) px")
            #expect(p.cardCells > 100 && p.cardCellsOutside == 0, "\(p.cardCellsOutside) table cells off-screen at \(width) px")
            if width == 1200 { #expect(p.scenarioHeaders == 3 && p.scenarioHeadersOutside == 0) }
            // The base's two maps and one per alternative, each with one drawn path per jurisdiction.
            #expect(p.maps.count == 4)
            for m in p.maps {
                #expect(m.paths == 42 && m.drawn == 42 && !m.outsideViewport && m.width >= min(width - 40, 500), "\(m)")
            }
            #expect(p.emptyCharts == 0)
            try screenshot(report, width: width, height: min(p.height, 16_000), to: shots.appendingPathComponent("report-\(width).png"), in: dir)
            if width == 1200 {
                // The README's picture: from the top to the end of the first comparison (no chart cut off).
                #expect(p.firstComparisonBottom > 2000)
                try screenshot(report, width: width, height: p.firstComparisonBottom + 16, to: shots.appendingPathComponent("report.png"), in: dir)
            }
        }
    }
}
