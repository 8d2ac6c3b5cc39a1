import Foundation
import SimulationEngine
import Testing
@testable import Reporting

/// Seats of the 44 jurisdictions (id, name, latitude, longitude), copied from the project's
/// jurisdictions table for the preview only.
private let previewSeats: [(String, String, Double, Double)] = [
        ("cq-yuzhong", "渝中区", 29.552736, 106.568896),
        ("cq-dadukou", "大渡口区", 29.484527, 106.482346),
        ("cq-jiangbei", "江北区", 29.606703, 106.574271),
        ("cq-shapingba", "沙坪坝区", 29.541144, 106.456878),
        ("cq-jiulongpo", "九龙坡区", 29.502272, 106.510676),
        ("cq-nanan", "南岸区", 29.50126, 106.644447),
        ("cq-beibei", "北碚区", 29.805107, 106.395612),
        ("cq-yubei", "渝北区", 29.718142, 106.631187),
        ("cq-banan", "巴南区", 29.402408, 106.540256),
        ("cq-wanzhou", "万州区", 30.807667, 108.408661),
        ("cq-fuling", "涪陵区", 29.703022, 107.38977),
        ("cq-qijiang", "綦江区", 29.028066, 106.651361),
        ("cq-dazu", "大足区", 29.707032, 105.721733),
        ("cq-qianjiang", "黔江区", 29.533609, 108.770677),
        ("cq-changshou", "长寿区", 29.857912, 107.080734),
        ("cq-jiangjin", "江津区", 29.290069, 106.259281),
        ("cq-hechuan", "合川区", 29.972084, 106.27613),
        ("cq-yongchuan", "永川区", 29.356311, 105.927001),
        ("cq-nanchuan", "南川区", 29.15789, 107.099266),
        ("cq-bishan", "璧山区", 29.592024, 106.227305),
        ("cq-tongliang", "铜梁区", 29.844811, 106.056404),
        ("cq-tongnan", "潼南区", 30.190992, 105.840431),
        ("cq-rongchang", "荣昌区", 29.405002, 105.594623),
        ("cq-liangping", "梁平区", 30.654233, 107.769568),
        ("cq-fengdu", "丰都县", 29.8635, 107.730894),
        ("cq-dianjiang", "垫江县", 30.327716, 107.33339),
        ("cq-zhongxian", "忠县", 30.299559, 108.039002),
        ("sc-chengdu", "成都市", 30.572893, 104.066794),
        ("sc-zigong", "自贡市", 29.33903, 104.778442),
        ("sc-luzhou", "泸州市", 28.871805, 105.442285),
        ("sc-deyang", "德阳市", 31.126855, 104.397894),
        ("sc-mianyang", "绵阳市", 31.467459, 104.679004),
        ("sc-suining", "遂宁市", 30.53292, 105.592803),
        ("sc-neijiang", "内江市", 29.580228, 105.058432),
        ("sc-leshan", "乐山市", 29.552115, 103.765678),
        ("sc-nanchong", "南充市", 30.837793, 106.110698),
        ("sc-meishan", "眉山市", 30.076994, 103.848403),
        ("sc-yibin", "宜宾市", 28.752134, 104.642845),
        ("sc-guangan", "广安市", 30.456224, 106.633088),
        ("sc-dazhou", "达州市", 31.209121, 107.467758),
        ("sc-yaan", "雅安市", 30.010602, 103.042375),
        ("sc-ziyang", "资阳市", 30.128901, 104.627636),
        ("cq-kaizhou", "开州区", 31.160711, 108.393135),
        ("cq-yunyang", "云阳县", 30.930612, 108.697324),
]

/// Writes a preview report of synthetic trajectories when `CHENGYU_REPORT_PREVIEW_DIR` is set (for the
/// headless-Chromium check in Sources/Reporting/README.md); otherwise does nothing.
@Suite("Report preview")
struct PreviewTests {
    @Test(
        "writes preview.html, chart SVGs and a result folder when CHENGYU_REPORT_PREVIEW_DIR is set",
        .enabled(if: ProcessInfo.processInfo.environment["CHENGYU_REPORT_PREVIEW_DIR"] != nil))
    func preview() throws {
        let dir = try #require(ProcessInfo.processInfo.environment["CHENGYU_REPORT_PREVIEW_DIR"])
        let seats = previewSeats.map { SeatLocation(place: $0.0, name: $0.1, latitude: $0.2, longitude: $0.3) }
        let scenarios = [
            Self.trajectory(name: "baseline", growth: 0.052, urbanGain: 0.0075, seats: seats),
            Self.trajectory(name: "plan-2025", growth: 0.058, urbanGain: 0.0095, seats: seats),
        ]
        let html = HTMLReport.render(scenarios, seats: seats, options: .init(generator: "chengyu preview (synthetic data)"))
        let url = URL(fileURLWithPath: dir)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        try AtomicFileWriter.write(Data(html.utf8), to: url.appendingPathComponent("preview.html"))
        if let chart = LineChart.forIndicator("urbanisation_rate", trajectories: scenarios) {
            try AtomicFileWriter.write(Data(chart.svg(standalone: true).utf8), to: url.appendingPathComponent("urbanisation.svg"))
        }
        try ResultFolderWriter.write(
            [
                OutputFile(name: "trajectory.csv", text: TrajectoryCSV.render([scenarios[0]])),
                OutputFile(name: "goals.csv", text: GoalReport([scenarios[0]]).csv()),
                OutputFile(name: "summary.json", contents: SummaryDocument.encode(scenarios[0], includeTimings: false)),
                OutputFile(name: "report.html", text: HTMLReport.render([scenarios[0]], seats: seats)),
            ], to: url.appendingPathComponent("run"), chengyuVersion: "preview", scenarioContentHash: scenarios[0].scenario.contentHash,
            dataVersion: "synthetic", hash: TestSHA256.hex)
        let tables = KeyIndicatorReport(scenarios[0], years: [2019, 2025, 2035]).renderTable(useColour: false) + "\n"
            + GoalReport(scenarios).renderTable(useColour: false) + "\n"
            + ComparisonReport(
                base: scenarios[0], alternatives: [scenarios[1]], years: [2025, 2035], indicators: ["gdp", "urbanisation_rate"]
            ).renderTable(useColour: false)
        try AtomicFileWriter.write(Data(tables.utf8), to: url.appendingPathComponent("tables.txt"))
    }

    static func trajectory(name: String, growth: Double, urbanGain: Double, seats: [SeatLocation]) -> Trajectory {
        let base = Synthetic.full(name: name, growth: growth, urbanGain: urbanGain)
        var series = base.series
        var places = base.places
        let years = base.years
        for (k, seat) in seats.enumerated() where !places.contains(where: { $0.id == seat.place }) {
            places.append(Place(id: seat.place, kind: .jurisdiction, nameZh: seat.name, nameEn: seat.place))
            let g = growth + 0.01 * sin(Double(k) * 1.7)
            series["gdp", default: [:]][seat.place] = years.map { 1000 * pow(1 + g, Double($0 - 2019)) }
            series["population", default: [:]][seat.place] = years.map { 2_000_000 * pow(1 + 0.004 * cos(Double(k)), Double($0 - 2019)) }
        }
        let extra: [(String, String, [Double])] = [
            ("rd_intensity", "fraction", years.map { 0.021 + 0.0008 * Double($0 - 2019) * (growth / 0.05) }),
            ("cq_cd_rail_minutes", "minutes", years.map { $0 < 2027 ? 62 : (growth > 0.055 ? 50 : 62) }),
            ("air_good_days_share", "fraction", years.map { 0.86 + 0.003 * Double($0 - 2019) }),
            ("water_section_compliance", "fraction", years.map { _ in 0.95 }),
        ]
        var indicators = base.indicators
        for (id, unit, values) in extra {
            series[id, default: [:]]["circle"] = values
            indicators.append(IndicatorDefinition(id: id, unit: unit, kind: .simulated, aggregation: .sum, description: id))
        }
        var goals = base.goals
        goals.append(GoalResult(
            goalID: "rd-2025", year: 2025, indicatorID: "rd_intensity", place: "circle", comparison: .atLeast, target: 0.025,
            band: nil, unit: "fraction", value: series["rd_intensity"]!["circle"]![6], kind: .input, source: "Outline ch. 5",
            basis: "official"))
        goals.append(GoalResult(
            goalID: "cq-cd-2025", year: 2025, indicatorID: "cq_cd_rail_minutes", place: "circle", comparison: .atMost,
            target: 60, band: nil, unit: "minutes", value: series["cq_cd_rail_minutes"]!["circle"]![6], kind: .accounted,
            source: "Outline ch. 4", basis: "official"))
        return Trajectory(
            scenario: ScenarioIdentity(name: name, title: "Synthetic \(name)", file: "Scenarios/\(name).yaml",
                                       contentHash: String(repeating: name == "baseline" ? "3a" : "c7", count: 32)),
            years: years, indicators: indicators, places: places, series: series, goals: goals,
            diagnostics: base.diagnostics, estimatedInputs: ["cq-kaizhou:gdp", "sc-ya-an:urbanisation"])
    }
}
