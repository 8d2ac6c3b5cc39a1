import Foundation
import MatrixCore

/// The bundled 2019 dataset: jurisdictions, national input–output tables, labour, transport, groups,
/// goals, province context, sector structure and sources, validated on load.
///
/// ```swift
/// let data = try BaseDataset.load()                       // 42 core jurisdictions
/// let all = try BaseDataset.load(includePartial: true)    // + 开州, 云阳
/// let a = data.nationalTable.domesticCoefficients          // 42 × 42
/// ```
public struct BaseDataset: Sendable {
    /// Sources by id.
    public var sources: [String: DataSource]
    /// The jurisdictions in use: the 42 core ones, plus 开州 and 云阳 when loaded with `includePartial`.
    public var jurisdictions: [Jurisdiction]
    /// All 44 jurisdictions regardless of `includePartial`.
    public var allJurisdictions: [Jurisdiction]
    /// Whether the optional partial jurisdictions are in ``jurisdictions``.
    public var includesPartial: Bool
    /// National tables by year (2017, 2018, 2020).
    public var nationalTables: [Int: NationalIOTable]
    /// Split of final consumption into rural, urban and government (2018, 153-sector table).
    public var consumptionSplit: ConsumptionSplit
    /// National employment mapped to the 42 sectors (2018).
    public var labour: LabourData
    public var transport: TransportData
    public var groups: [JurisdictionGroup]
    public var goals: [Goal]
    public var indicators: [Indicator]
    public var provinceContext: ProvinceContext
    /// Observed history 2015–2025, the national path and realised transport events (`history/`).
    public var history: HistoryData
    /// Census counts, vital rates, labour and migration figures for the cohort-component block (`population/`).
    public var population: PopulationData
    /// Industrial sub-sector shares by place (`production/sector_structure.csv`, MODEL-v3 §4.7): the sector tilts.
    public var sectorStructure: SectorStructureData

    /// Base year of the national coefficients.
    public static let nationalTableBaseYear = 2018
    /// China's GDP 2019 / 2018 (990,865 / 922,057 亿元 = 1.0746; MODEL.md §2): scales the 2018 table to 2019.
    public static let nationalScaling2018To2019 = 1.0746
    /// The plan's 2019 totals (outline preface, S-PLAN).
    public static let planPopulationPersons = 96_000_000.0
    public static let planGDPHundredMillionYuan = 63_000.0
    public static let planAreaKm2 = 185_000.0
    /// Tolerance of the population and GDP totals against the plan (issue 3: 3 %).
    public static let planTotalsRelativeTolerance = 0.03

    /// The 2018 national table (the base).
    public var nationalTable: NationalIOTable { nationalTables[Self.nationalTableBaseYear]! }

    /// Name of SwiftPM's resource bundle of this module, a folder beside the executable after `swift build`.
    public static let resourceBundleName = "Chengyu_BaseData.resources"

    /// Where the bundled data folder is looked for, in order: `$CHENGYU_DATA` (a data folder; when set, the
    /// only place looked in); the resource
    /// bundle beside the executable (`swift build`, and `Bundle.module`'s own first place);
    /// `../share/chengyu/<bundle>` from the executable's folder (`make install`); the bundle of a debug or
    /// release build of this checkout (the executable moved or copied on the machine that built it).
    public static func bundledDataCandidates() -> [URL] {
        var out: [URL] = []
        if let env = ProcessInfo.processInfo.environment["CHENGYU_DATA"], !env.isEmpty { return [URL(fileURLWithPath: env)] }
        let exeDir = Bundle.main.bundleURL
        out.append(exeDir.appendingPathComponent(resourceBundleName).appendingPathComponent("data"))
        out.append(exeDir.deletingLastPathComponent().appendingPathComponent("share/chengyu").appendingPathComponent(resourceBundleName)
            .appendingPathComponent("data"))
        let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        for config in ["debug", "release"] {
            out.append(checkout.appendingPathComponent(".build/\(config)").appendingPathComponent(resourceBundleName).appendingPathComponent("data"))
        }
        return out
    }

    /// The folder of the bundled data: the first of `bundledDataCandidates()` that holds `jurisdictions/`;
    /// `BaseDataError.resourcesMissing` (naming the places looked in) when none does. Never `Bundle.module`,
    /// which stops the process when its bundle is absent.
    public static func bundledDataURL() throws -> URL {
        let candidates = bundledDataCandidates()
        for url in candidates where FileManager.default.fileExists(atPath: url.appendingPathComponent("jurisdictions").path) {
            return url
        }
        throw BaseDataError.resourcesMissing(lookedIn: candidates.map(\.path))
    }

    /// Loads and validates the bundled dataset.
    /// - Throws: ``BaseDataError/invalidData(_:)`` listing every problem (file, line, column, message).
    public static func load(includePartial: Bool = false) throws -> BaseDataset {
        try load(from: bundledDataURL(), includePartial: includePartial)
    }

    /// Loads and validates a dataset folder laid out like the bundled one.
    public static func load(from directory: URL, includePartial: Bool = false) throws -> BaseDataset {
        var loader = Loader(directory: directory)
        let result = loader.run(includePartial: includePartial)
        if !loader.diagnostics.isEmpty || result == nil { throw BaseDataError.invalidData(loader.diagnostics) }
        return result!
    }

    /// Validates a dataset folder and returns every problem found (empty when it is valid).
    public static func validate(directory: URL) -> [DataDiagnostic] {
        var loader = Loader(directory: directory)
        _ = loader.run(includePartial: true)
        return loader.diagnostics
    }

    /// Jurisdiction by id (among all 44).
    public func jurisdiction(_ id: String) -> Jurisdiction? { allJurisdictions.first { $0.id == id } }

    /// A group by id.
    public func group(_ id: String) -> JurisdictionGroup? { groups.first { $0.id == id } }

    /// The members of a group that are in ``jurisdictions`` (optional partial units only when included).
    public func members(ofGroup id: String) throws -> [Jurisdiction] {
        guard let g = group(id) else { throw BaseDataError.notFound(kind: "group", id: id) }
        let inUse = Set(jurisdictions.map(\.id))
        return g.memberIDs.filter { inUse.contains($0) }.compactMap { jurisdiction($0) }
    }

    /// Every figure of the jurisdictions in use that is an estimate or an assumption.
    public var estimatedFigures: [EstimatedFigure] {
        jurisdictions.flatMap { j in
            j.figures.keys.sorted().compactMap { key -> EstimatedFigure? in
                let f = j.figures[key]!
                return f.provenance == .source ? nil : EstimatedFigure(jurisdictionID: j.id, figureID: key, figure: f)
            }
        }
    }
}

// MARK: - Loading

struct Loader {
    let directory: URL
    var diagnostics: [DataDiagnostic] = []

    init(directory: URL) { self.directory = directory }

    /// Parses and validates one file; nil when it cannot be parsed or fails the generic checks.
    mutating func table(_ spec: DataFileSpec, sources: Set<String>?) -> TableReader? {
        let url = directory.appendingPathComponent(spec.path)
        do {
            let t = try CSVTable(contentsOf: url, file: spec.path)
            let d = spec.validate(t, knownSourceIDs: sources)
            diagnostics += d
            return d.isEmpty ? TableReader(t) : nil
        } catch let e as BaseDataError {
            diagnostics += e.diagnostics
            return nil
        } catch {
            diagnostics.append(DataDiagnostic(file: spec.path, line: 0, column: 0, field: "", message: "\(error)"))
            return nil
        }
    }

    mutating func run(includePartial: Bool) -> BaseDataset? {
        // sources first: every other file's source ids must resolve in it
        let src = table(.sources, sources: nil)
        var sources: [String: DataSource] = [:]
        if let t = src {
            for r in 0..<t.count {
                let id = t.string(r, "source_id")
                sources[id] = DataSource(id: id, description: t.string(r, "description"), address: t.string(r, "address"),
                                         quality: t.string(r, "quality"))
            }
        }
        let known: Set<String>? = src == nil ? nil : Set(sources.keys)

        let jur = loadJurisdictions(known)
        let sectors = loadSectors(known)
        var tables: [Int: NationalIOTable] = [:]
        let split = loadConsumptionSplit(known)
        if let sectors, let split {
            for year in [2017, 2018, 2020] {
                if let t = loadIOTable(year: year, sectors: sectors, split: split, known) { tables[year] = t }
            }
        }
        let labour = tables[2018].flatMap { loadLabour(table: $0, known) }
        let context = loadProvinceContext(known)
        let ids = Set((jur ?? []).map(\.id))
        let transport = loadTransport(jurisdictionIDs: ids, known)
        let groups = loadGroups(jurisdictionIDs: ids, known)
        let indicators = loadIndicators(known)
        let goals = loadGoals(scopes: ids.union((groups ?? []).map(\.id)), indicators: Set((indicators ?? []).map(\.id)), known)
        let history = loadHistory(known: known)
        let population = loadPopulation(known: known)
        let sectorStructure = loadSectorStructure(known: known)

        guard let jur, let split, let labour, let context, let transport, let groups, let indicators, let goals, let history,
              let population, let sectorStructure, tables.count == 3, diagnostics.isEmpty else {
            // A part that failed without saying why still fails `validate`, so that it agrees with `load`.
            if diagnostics.isEmpty {
                diagnostics.append(DataDiagnostic(file: directory.path, line: 0, column: 0, field: "",
                                                  message: "the base data could not be assembled, and no file reported why (a defect: please report it)"))
            }
            return nil
        }
        return BaseDataset(
            sources: sources, jurisdictions: jur.filter { includePartial || !$0.isOptional }, allJurisdictions: jur,
            includesPartial: includePartial, nationalTables: tables, consumptionSplit: split, labour: labour, transport: transport,
            groups: groups, goals: goals, indicators: indicators, provinceContext: context, history: history,
            population: population, sectorStructure: sectorStructure)
    }

    // MARK: jurisdictions

    mutating func loadJurisdictions(_ known: Set<String>?) -> [Jurisdiction]? {
        guard let t = table(.jurisdictions, sources: known) else { return nil }
        var out: [Jurisdiction] = []
        for r in 0..<t.count {
            guard let province = Province(rawValue: t.string(r, "province")) else {
                diagnostics.append(t.diagnostic(r, "province", "province must be chongqing or sichuan, found '\(t.string(r, "province"))'"))
                continue
            }
            let coverage = t.string(r, "coverage")
            let membership = t.string(r, "membership")
            if !["full", "partial"].contains(coverage) { diagnostics.append(t.diagnostic(r, "coverage", "coverage must be full or partial")) }
            if !["core", "optional"].contains(membership) { diagnostics.append(t.diagnostic(r, "membership", "membership must be core or optional")) }
            if t.string(r, "id").isEmpty || t.string(r, "name_zh").isEmpty {
                diagnostics.append(t.diagnostic(r, "id", "id and name_zh are required"))
            }
            out.append(Jurisdiction(
                id: t.string(r, "id"), nameZh: t.string(r, "name_zh"), nameEn: t.string(r, "name_en"), province: province,
                kind: t.string(r, "kind"), isPartialCoverage: coverage == "partial", isOptional: membership == "optional",
                isCentralDistrict: t.string(r, "central_district") == "true",
                latitudeDegrees: t.double(r, "lat_deg_gcj02") ?? .nan, longitudeDegrees: t.double(r, "lon_deg_gcj02") ?? .nan,
                sourceIDs: t.ids(r, "source_ids"), figures: [:]))
        }
        guard let f = table(.jurisdictionFigures, sources: known) else { return nil }
        var index: [String: Int] = [:]
        for (k, j) in out.enumerated() { index[j.id] = k }
        for r in 0..<f.count {
            let jid = f.string(r, "jurisdiction_id")
            let fid = f.string(r, "figure")
            guard let k = index[jid] else {
                diagnostics.append(f.diagnostic(r, "jurisdiction_id", "unknown jurisdiction '\(jid)'"))
                continue
            }
            guard let prov = Provenance(rawValue: f.string(r, "provenance")), prov != .assumption else {
                diagnostics.append(f.diagnostic(r, "provenance", "provenance must be source or estimate"))
                continue
            }
            if prov == .estimate && f.string(r, "method").isEmpty {
                diagnostics.append(f.diagnostic(r, "method", "an estimate needs its method"))
            }
            let v = f.double(r, "value") ?? .nan
            if let range = Self.plausible[fid] {
                if !range.contains(v) {
                    diagnostics.append(f.diagnostic(r, "value", "\(v) is outside the plausible range \(range) for \(fid)"))
                }
            } else {
                diagnostics.append(f.diagnostic(r, "figure", "unknown figure id '\(fid)'"))
            }
            out[k].figures[fid] = Figure(value: v, unit: f.string(r, "unit"), provenance: prov, sourceIDs: f.ids(r, "source_ids"),
                                         method: f.string(r, "method"))
        }
        for j in out {
            for fid in Jurisdiction.requiredFigureIDs where j.figures[fid] == nil {
                diagnostics.append(DataDiagnostic(file: DataFileSpec.jurisdictionFigures.path, line: 0, column: 0, field: fid,
                                                  message: "jurisdiction \(j.id) has no figure '\(fid)'"))
            }
            if let g = j.figures["gdp_2019_100m_yuan"]?.value, let p = j.figures["va_primary_2019_100m_yuan"]?.value,
               let s = j.figures["va_secondary_2019_100m_yuan"]?.value, let te = j.figures["va_tertiary_2019_100m_yuan"]?.value,
               abs(p + s + te - g) > 0.011 * max(1, g / 100) {
                diagnostics.append(DataDiagnostic(file: DataFileSpec.jurisdictionFigures.path, line: 0, column: 0, field: "gdp_2019_100m_yuan",
                                                  message: "jurisdiction \(j.id): sector value added \(p + s + te) does not sum to GDP \(g)"))
            }
        }
        if out.filter({ !$0.isOptional }).count != 42 {
            diagnostics.append(DataDiagnostic(file: DataFileSpec.jurisdictions.path, line: 0, column: 0, field: "membership",
                                              message: "expected 42 core jurisdictions, found \(out.filter { !$0.isOptional }.count)"))
        }
        return out
    }

    /// Plausible ranges per jurisdiction figure.
    static let plausible: [String: ClosedRange<Double>] = [
        "area_km2": 5...30_000,
        "population_2019_persons": 1e5...3e7,
        "population_2019_first_published_persons": 1e5...3e7,
        "population_census2020_persons": 1e5...3e7,
        "gdp_2019_100m_yuan": 10...30_000,
        "va_primary_2019_100m_yuan": 0...5_000,
        "va_secondary_2019_100m_yuan": 0...15_000,
        "va_tertiary_2019_100m_yuan": 0...20_000,
        "urban_share_2019_fraction": 0.2...1,
        "urban_share_census2020_fraction": 0.2...1,
        "coverage_share_fraction": 0.01...1,
    ]

    // MARK: national tables

    mutating func loadSectors(_ known: Set<String>?) -> [Sector]? {
        guard let t = table(.sectors, sources: known) else { return nil }
        var out: [Sector] = []
        for r in 0..<t.count {
            guard let b = BroadSector(rawValue: t.string(r, "broad_sector")) else {
                diagnostics.append(t.diagnostic(r, "broad_sector", "broad_sector must be primary, secondary or tertiary"))
                continue
            }
            let code = t.string(r, "code")
            if code != String(format: "%02d", r + 1) {
                diagnostics.append(t.diagnostic(r, "code", "sector codes must run 01…42 in order, found '\(code)'"))
            }
            out.append(Sector(id: code, nameEn: t.string(r, "name_en"), nameZh: t.string(r, "name_zh"), broadSector: b,
                              isNontradable: t.string(r, "nontradable") == "true"))
        }
        if out.count != 42 {
            diagnostics.append(DataDiagnostic(file: DataFileSpec.sectors.path, line: 0, column: 0, field: "code",
                                              message: "expected 42 sectors, found \(out.count)"))
            return nil
        }
        return out
    }

    mutating func loadConsumptionSplit(_ known: Set<String>?) -> ConsumptionSplit? {
        guard let t = table(.consumptionSplit, sources: known) else { return nil }
        guard t.count == 42 else {
            diagnostics.append(DataDiagnostic(file: DataFileSpec.consumptionSplit.path, line: 0, column: 0, field: "code",
                                              message: "expected 42 sectors (codes 01…42, one row each), found \(t.count)"))
            return nil
        }
        var s = ConsumptionSplit(ruralHouseholdShare: [], urbanHouseholdShare: [], governmentShare: [])
        for r in 0..<t.count {
            let code = t.string(r, "code")
            if code != String(format: "%02d", r + 1) {
                diagnostics.append(t.diagnostic(r, "code", "sector codes must run 01…42 in order, found '\(code)'"))
            }
            let a = t.double(r, "rural_household_share_fraction")!, b = t.double(r, "urban_household_share_fraction")!
            let c = t.double(r, "government_share_fraction")!
            if a + b + c > 0 && abs(a + b + c - 1) > 1e-9 {
                diagnostics.append(t.diagnostic(r, "government_share_fraction", "shares sum to \(a + b + c), not 1"))
            }
            s.ruralHouseholdShare.append(a)
            s.urbanHouseholdShare.append(b)
            s.governmentShare.append(c)
        }
        return s
    }

    mutating func loadIOTable(year: Int, sectors: [Sector], split: ConsumptionSplit, _ known: Set<String>?) -> NationalIOTable? {
        let spec = DataFileSpec.ioTable(year: year)
        guard let t = table(spec, sources: known) else { return nil }
        let n = 42
        var rowOf: [String: Int] = [:]
        for r in 0..<t.count { rowOf[t.string(r, "row_code") + "|" + t.string(r, "origin")] = r }
        func row(_ code: String, _ origin: String) -> Int? {
            guard let r = rowOf[code + "|" + origin] else {
                diagnostics.append(DataDiagnostic(file: spec.path, line: 0, column: 0, field: "row_code",
                                                  message: "row \(code) (\(origin)) is missing"))
                return nil
            }
            return r
        }
        let useCols = (1...n).map { String(format: "use_%02d_10k_yuan", $0) }
        var zd = Matrix(rows: n, columns: n), zm = Matrix(rows: n, columns: n)
        func fd(_ origin: String) -> FinalDemandCategories? {
            var tc: [Double] = [], gf: [Double] = [], inv: [Double] = [], ex: [Double] = []
            for s in sectors {
                guard let r = row(s.id, origin) else { return nil }
                tc.append(t.double(r, "final_consumption_10k_yuan") ?? 0)
                gf.append(t.double(r, "gfcf_10k_yuan") ?? 0)
                inv.append(t.double(r, "inventory_change_10k_yuan") ?? 0)
                ex.append(t.double(r, "exports_10k_yuan") ?? 0)
            }
            return FinalDemandCategories(
                ruralHouseholds: zip(tc, split.ruralHouseholdShare).map { $0 * $1 },
                urbanHouseholds: zip(tc, split.urbanHouseholdShare).map { $0 * $1 },
                government: zip(tc, split.governmentShare).map { $0 * $1 },
                totalConsumption: tc, grossFixedCapitalFormation: gf, inventoryChange: inv, exports: ex)
        }
        var imports: [Double] = []
        for (i, s) in sectors.enumerated() {
            guard let rd = row(s.id, "Domestic"), let rm = row(s.id, "Imports") else { return nil }
            for j in 0..<n {
                zd[i, j] = t.double(rd, useCols[j]) ?? 0
                zm[i, j] = t.double(rm, useCols[j]) ?? 0
            }
            imports.append(t.double(rm, "gross_output_or_imports_10k_yuan") ?? 0)
        }
        func totals(_ code: String) -> [Double]? {
            guard let r = row(code, "Total") else { return nil }
            return useCols.map { t.double(r, $0) ?? 0 }
        }
        guard let x = totals("TI"), let va = totals("TVA"), let c1 = totals("VA001"), let c2 = totals("VA002"),
              let c3 = totals("VA003"), let c4 = totals("VA004"), let dom = fd("Domestic"), let imp = fd("Imports") else { return nil }
        // gross output of the domestic rows equals total input
        for (i, s) in sectors.enumerated() {
            if let rd = rowOf[s.id + "|Domestic"], let go = t.double(rd, "gross_output_or_imports_10k_yuan"),
               abs(go - x[i]) > 1e-6 * abs(x[i]) {
                diagnostics.append(t.diagnostic(rd, "gross_output_or_imports_10k_yuan", "gross output \(go) differs from total input \(x[i])"))
            }
            if x[i] <= 0 {
                diagnostics.append(DataDiagnostic(file: spec.path, line: 0, column: 0, field: useCols[i], message: "total input of sector \(s.id) is not positive"))
            }
        }
        return NationalIOTable(
            year: year, sectors: sectors, domesticFlows: zd, importedFlows: zm, grossOutput: x, valueAdded: va,
            compensationOfEmployees: c1, netTaxesOnProduction: c2, depreciation: c3, operatingSurplus: c4,
            domesticFinalDemand: dom, importedFinalDemand: imp, importsByProduct: imports)
    }

    mutating func loadLabour(table io: NationalIOTable, _ known: Set<String>?) -> LabourData? {
        guard let e = table(.employment, sources: known), let c = table(.employmentConcordance, sources: known) else { return nil }
        var emp: [String: Double] = [:]
        for r in 0..<e.count { emp[e.string(r, "code")] = e.double(r, "employed_2018_10k_persons") }
        var conc: [String: String] = [:]
        var persons = [Double](repeating: 0, count: io.sectorCount)
        for r in 0..<c.count {
            let d = c.string(r, "division_code"), s = c.string(r, "sector_code")
            guard let j = io.index(ofSector: s) else {
                diagnostics.append(c.diagnostic(r, "sector_code", "unknown sector '\(s)'"))
                continue
            }
            guard let v = emp[d] else {
                diagnostics.append(c.diagnostic(r, "division_code", "division '\(d)' not in the employment table"))
                continue
            }
            // a section and one of its divisions must not both be mapped
            if d.count == 1, c.table.records.contains(where: { $0.first.map { $0.count > 1 && $0.hasPrefix(d) } ?? false }) {
                diagnostics.append(c.diagnostic(r, "division_code", "section \(d) is mapped together with one of its divisions"))
            }
            conc[d] = s
            persons[j] += v * 1e4 * (c.double(r, "weight_fraction") ?? 1)
        }
        for (j, p) in persons.enumerated() where p <= 0 {
            diagnostics.append(DataDiagnostic(file: DataFileSpec.employmentConcordance.path, line: 0, column: 0, field: "sector_code",
                                              message: "sector \(io.sectors[j].id) receives no employment"))
        }
        let total = (emp["TOT"] ?? 0) * 1e4
        let mapped = persons.reduce(0, +)
        if total <= 0 || abs(mapped - total) > 1e-3 * total {
            diagnostics.append(DataDiagnostic(file: DataFileSpec.employmentConcordance.path, line: 0, column: 0, field: "",
                                              message: "mapped employment \(mapped) differs from the total \(total) by more than 0.1 %"))
        }
        return LabourData(
            year: 2018, employmentPersons: persons, totalEmploymentPersons: total,
            labourCoefficientsPersonsPer10kYuan: zip(persons, io.grossOutput).map { $0 / $1 },
            compensationPerWorkerYuan: zip(io.compensationOfEmployees, persons).map { $0 * 1e4 / $1 }, concordance: conc)
    }

    // MARK: context, transport, groups, goals

    mutating func loadProvinceContext(_ known: Set<String>?) -> ProvinceContext? {
        guard let t = table(.provinceContext, sources: known) else { return nil }
        var out: [ContextFigure] = []
        for r in 0..<t.count {
            guard let p = Provenance(rawValue: t.string(r, "provenance")) else {
                diagnostics.append(t.diagnostic(r, "provenance", "provenance must be source, estimate or assumption"))
                continue
            }
            if p != .source && t.string(r, "note").isEmpty {
                diagnostics.append(t.diagnostic(r, "note", "an estimate or assumption needs its method in the note"))
            }
            out.append(ContextFigure(region: t.string(r, "region"), indicator: t.string(r, "indicator"), year: t.double(r, "year").map { Int($0) },
                                     value: t.double(r, "value")!, unit: t.string(r, "unit"), provenance: p,
                                     sourceIDs: t.ids(r, "source_ids"), note: t.string(r, "note")))
        }
        return ProvinceContext(figures: out)
    }

    mutating func loadTransport(jurisdictionIDs: Set<String>, _ known: Set<String>?) -> TransportData? {
        let nodes = jurisdictionIDs.union(TransportData.specialNodeIDs)
        guard let l = table(.railLinks, sources: known), let p = table(.railProjects, sources: known) else { return nil }
        var links: [RailLink] = []
        for r in 0..<l.count {
            for f in ["from_id", "to_id"] where !nodes.contains(l.string(r, f)) && !jurisdictionIDs.isEmpty {
                diagnostics.append(l.diagnostic(r, f, "unknown node '\(l.string(r, f))'"))
            }
            links.append(RailLink(lineID: l.string(r, "line_id"), lineNameZh: l.string(r, "line_name_zh"), lineNameEn: l.string(r, "line_name_en"),
                                  fromID: l.string(r, "from_id"), toID: l.string(r, "to_id"), km: l.double(r, "km"),
                                  designSpeedKmh: l.double(r, "design_speed_kmh"), kind: l.string(r, "kind"), status2019: l.string(r, "status_2019"),
                                  openedYear: l.double(r, "opened_year").map { Int($0) }, sourceIDs: l.ids(r, "source_ids")))
        }
        var projects: [RailProject] = []
        for r in 0..<p.count {
            for f in ["from_id", "to_id"] where !nodes.contains(p.string(r, f)) && !jurisdictionIDs.isEmpty {
                diagnostics.append(p.diagnostic(r, f, "unknown node '\(p.string(r, f))'"))
            }
            projects.append(RailProject(id: p.string(r, "project_id"), nameZh: p.string(r, "name_zh"), nameEn: p.string(r, "name_en"),
                                        fromID: p.string(r, "from_id"), toID: p.string(r, "to_id"), designSpeedKmh: p.double(r, "design_speed_kmh"),
                                        openYear: p.double(r, "open_year").map { Int($0) }, kmInCircleText: p.string(r, "km_in_circle_text"),
                                        statusAsFound: p.string(r, "status_as_found"), sourceIDs: p.ids(r, "source_ids")))
        }
        return TransportData(links: links, projects: projects)
    }

    mutating func loadGroups(jurisdictionIDs: Set<String>, _ known: Set<String>?) -> [JurisdictionGroup]? {
        guard let t = table(.groups, sources: known) else { return nil }
        var out: [JurisdictionGroup] = []
        for r in 0..<t.count {
            let members = t.ids(r, "member_ids")
            if members.isEmpty { diagnostics.append(t.diagnostic(r, "member_ids", "a group needs members")) }
            for m in members where !jurisdictionIDs.contains(m) && !jurisdictionIDs.isEmpty {
                diagnostics.append(t.diagnostic(r, "member_ids", "unknown jurisdiction '\(m)'"))
            }
            if Set(members).count != members.count { diagnostics.append(t.diagnostic(r, "member_ids", "a member is listed twice")) }
            out.append(JurisdictionGroup(id: t.string(r, "group_id"), nameZh: t.string(r, "name_zh"), nameEn: t.string(r, "name_en"),
                                         memberIDs: members, basis: t.string(r, "basis"), sourceIDs: t.ids(r, "source_ids")))
        }
        return out
    }

    mutating func loadIndicators(_ known: Set<String>?) -> [Indicator]? {
        guard let t = table(.indicators, sources: known) else { return nil }
        return (0..<t.count).map { r in
            Indicator(id: t.string(r, "indicator_id"), unit: t.string(r, "unit"), definition: t.string(r, "definition"),
                      aggregation: t.string(r, "aggregation"))
        }
    }

    mutating func loadGoals(scopes: Set<String>, indicators: Set<String>, _ known: Set<String>?) -> [Goal]? {
        guard let t = table(.goals, sources: known) else { return nil }
        var out: [Goal] = []
        for r in 0..<t.count {
            let cmp: GoalComparison
            switch t.string(r, "comparison") {
            case "atLeast": cmp = .atLeast
            case "atMost": cmp = .atMost
            case "about":
                guard let band = t.double(r, "band_half_width") else {
                    diagnostics.append(t.diagnostic(r, "band_half_width", "an 'about' goal needs its band"))
                    continue
                }
                cmp = .about(bandHalfWidth: band)
            default:
                diagnostics.append(t.diagnostic(r, "comparison", "comparison must be atLeast, atMost or about"))
                continue
            }
            guard let kind = GoalKind(rawValue: t.string(r, "kind")) else {
                diagnostics.append(t.diagnostic(r, "kind", "kind must be official, proxy or modelling-choice"))
                continue
            }
            if !indicators.isEmpty && !indicators.contains(t.string(r, "indicator_id")) {
                diagnostics.append(t.diagnostic(r, "indicator_id", "unknown indicator '\(t.string(r, "indicator_id"))'"))
            }
            if scopes.count > 1 && !scopes.contains(t.string(r, "scope")) {
                diagnostics.append(t.diagnostic(r, "scope", "unknown scope '\(t.string(r, "scope"))' (not a group or jurisdiction id)"))
            }
            if t.string(r, "document").isEmpty { diagnostics.append(t.diagnostic(r, "document", "a goal must name its document")) }
            out.append(Goal(id: t.string(r, "goal_id"), year: Int(t.double(r, "year")!), indicatorID: t.string(r, "indicator_id"),
                            comparison: cmp, targetValue: t.double(r, "target_value")!, unit: t.string(r, "unit"), scope: t.string(r, "scope"),
                            basis: t.string(r, "basis"), kind: kind, sourceIDs: t.ids(r, "source_ids"), document: t.string(r, "document")))
        }
        return out
    }
}
