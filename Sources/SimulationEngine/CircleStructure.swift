import BaseData
import Foundation
import MatrixCore
import RegionalModels
import ScenarioSpec

/// The fixed structure of a run: jurisdictions and sectors in matrix order, groups, migration zones and the
/// transport network's nodes. Built once from the base data.
struct CircleStructure: Sendable {
    let dataset: BaseDataset
    /// The modelled jurisdictions (42, or 44 with the partial ones), in the base data's order.
    let jurisdictions: [Jurisdiction]
    let ids: [String]
    let index: [String: Int]
    let sectors: [Sector]
    let dims: MRIODimensions
    /// Goods sectors 01–26 trade over freight times (MODEL.md §3).
    let isGoods: [Bool]
    let nontradable: [Bool]
    /// Group id → member indices (the circle included).
    let groupMembers: [String: [Int]]
    /// Jurisdictions of the two cores (`core-chongqing`, `core-chengdu`): their urbanisation ceiling is `u_max(core)`.
    let isCore: [Bool]
    /// Migration zone of each jurisdiction (the 9 central districts share zone 0; MODEL.md §1).
    let zoneOf: [Int]
    let zoneCount: Int
    /// 2020 census age–sex structure of each jurisdiction, shares summing to 1 (MODEL-v3 §3.1).
    let ageStructures: [Cohorts]
    /// The 2010 → 2020 census net migration of each jurisdiction (MODEL-v3 §3.4), the migration calibration's target.
    let censusMigration: CensusMigration
    /// The provinces' late-2010s change in net migration (MODEL-v3 §3.4, γ_p·d(t)).
    let migrationTrend: MigrationTrend
    /// Network node of each jurisdiction.
    let nodeOf: [Int]
    /// The network with the links open in 2019 (status `open`).
    let baseNetwork: TransportNetwork
    /// Every rail link of the data, for projects.
    let allLinks: [BaseData.RailLink]

    static let centralDistricts: Set<String> = [
        "cq-yuzhong", "cq-dadukou", "cq-jiangbei", "cq-shapingba", "cq-jiulongpo", "cq-nanan", "cq-beibei",
        "cq-yubei", "cq-banan",
    ]

    init(dataset: BaseDataset) throws {
        self.dataset = dataset
        jurisdictions = dataset.jurisdictions
        ids = jurisdictions.map(\.id)
        var idx: [String: Int] = [:]
        for (k, id) in ids.enumerated() { idx[id] = k }
        index = idx
        sectors = dataset.nationalTable.sectors
        dims = MRIODimensions(regions: ids.count, sectors: sectors.count)
        isGoods = sectors.map { (Int($0.id) ?? 99) <= 26 }
        nontradable = sectors.map(\.isNontradable)
        var groups: [String: [Int]] = ["circle": Array(0..<ids.count)]
        for g in dataset.groups { groups[g.id] = g.memberIDs.compactMap { idx[$0] } }
        groups["circle"] = Array(0..<ids.count)
        groupMembers = groups
        let cores = Set((groups["core-chongqing"] ?? []) + (groups["core-chengdu"] ?? []))
        isCore = (0..<ids.count).map { cores.contains($0) }
        var zone = [Int](repeating: 0, count: ids.count)
        var next = 1
        for (k, id) in ids.enumerated() {
            if Self.centralDistricts.contains(id) { zone[k] = 0 } else { zone[k] = next; next += 1 }
        }
        zoneOf = zone
        zoneCount = next
        // Network: every seat of the data (partial units too, as transit nodes) plus the cq-central hub.
        let all = dataset.allJurisdictions
        var nodeIDs = all.map(\.id)
        var positions = all.map { GeoPoint(latitudeDegrees: $0.latitudeDegrees, longitudeDegrees: $0.longitudeDegrees) }
        var areas = all.map(\.areaKm2.value)
        guard let yuzhong = all.first(where: { $0.id == "cq-yuzhong" }) else { throw SimulationError.data("cq-yuzhong missing") }
        nodeIDs.append("cq-central")
        positions.append(GeoPoint(latitudeDegrees: yuzhong.latitudeDegrees, longitudeDegrees: yuzhong.longitudeDegrees))
        areas.append(0)
        allLinks = dataset.transport.links
        let open = allLinks.filter { $0.status2019 == "open" }.map { Self.segment($0, openYear: min($0.openedYear ?? 2019, 2019)) }
        do {
            baseNetwork = try TransportNetwork(nodeIDs: nodeIDs, positions: positions, areasSquareKilometres: areas, segments: open)
        } catch { throw SimulationError.data("transport network: \(error)") }
        let net = baseNetwork
        nodeOf = try ids.map { id in
            guard let n = net.indexOf(id) else { throw SimulationError.data("no network node for \(id)") }
            return n
        }
        ageStructures = try Self.ageStructures(dataset: dataset, jurisdictions: jurisdictions)
        var members = [[Int]](repeating: [], count: next)
        for (k, z) in zone.enumerated() { members[z].append(k) }
        censusMigration = try CensusMigration(dataset: dataset, jurisdictions: jurisdictions)
            .refined(members: members, dataset: dataset, jurisdictions: jurisdictions)
        migrationTrend = try MigrationTrend(dataset: dataset)
    }

    /// The 2020 census age–sex structure of every jurisdiction as shares (MODEL-v3 §3.1): the province's census
    /// table by five-year age and sex, raked to the jurisdiction's broad groups and sex ratio where its bulletin
    /// gives them (a documented fallback: the province's structure).
    static func ageStructures(dataset: BaseDataset, jurisdictions: [Jurisdiction]) throws -> [Cohorts] {
        let pop = dataset.population
        var provinces: [Province: Cohorts] = [:]
        for p in Province.allCases {
            let own = try DemographyData.censusProfile(pop, region: p.rawValue)
            provinces[p] = try Cohorts(values: own.values.map { $0 / own.total })
        }
        return try jurisdictions.map { j in try DemographyData.structure(seed: provinces[j.province]!, pop: pop, region: j.id) }
    }

    static func segment(_ l: BaseData.RailLink, openYear: Int?, speed: Double? = nil) -> RailSegment {
        let kind: RailKind = l.kind == "high_speed" ? .highSpeed : (l.kind == "intercity" ? .intercity : .conventional)
        return RailSegment(
            lineID: l.lineID, from: l.fromID, to: l.toID, lengthKilometres: l.km, designSpeedKmh: speed ?? l.designSpeedKmh,
            kind: kind, openYear: openYear)
    }

    /// The network of a scenario: the 2019 links plus its rail projects and new links, each from its year.
    func network(for scenario: Scenario, parameters: TransportParameters) throws -> TransportNetwork {
        var extra: [RailSegment] = []
        for p in scenario.railProjectOpenings {
            let links = allLinks.filter { ($0.lineID == p.projectID || $0.lineID.hasPrefix(p.projectID + "-")) && $0.status2019 != "open" }
            if !links.isEmpty {
                extra += links.map { Self.segment($0, openYear: p.openingYear, speed: p.designSpeedKmh) }
                continue
            }
            // A project without segments in rail_links.csv: one segment between its end points, with the
            // in-circle km where the project list gives a plain number (else unknown, never 0).
            guard let proj = dataset.transport.projects.first(where: { $0.id == p.projectID }) else {
                throw SimulationError.scenario("rail project \(p.projectID) is not in the base data")
            }
            let speed = p.designSpeedKmh ?? proj.designSpeedKmh
            extra.append(RailSegment(
                lineID: proj.id, from: proj.fromID, to: proj.toID, lengthKilometres: Self.leadingNumber(proj.kmInCircleText),
                designSpeedKmh: speed, kind: (speed ?? 0) >= 250 ? .highSpeed : .conventional, openYear: p.openingYear))
        }
        for l in scenario.railLinks {
            extra.append(RailSegment(
                lineID: l.linkID, from: l.endpointA, to: l.endpointB, lengthKilometres: l.lengthKm,
                designSpeedKmh: l.designSpeedKmh, kind: l.carriesFreight ? .conventional : .highSpeed, openYear: l.openingYear,
                scheduledHours: l.scheduledMinutes.map { $0 / 60 }))
        }
        do { return try baseNetwork.adding(extra).with(parameters: parameters) } catch { throw SimulationError.scenario("\(error)") }
    }

    /// The number a text starts with (`"80 (80.6 main line …)"` → 80, `"≈345 total"` → nil: not in-circle).
    static func leadingNumber(_ text: String) -> Double? {
        let t = text.trimmingCharacters(in: .whitespaces)
        let digits = t.prefix { $0.isNumber || $0 == "." }
        guard !digits.isEmpty, let v = Double(digits) else { return nil }
        return v
    }

    /// Expands lever places (jurisdictions, groups, `circle`) to jurisdiction indices.
    func expand(_ places: [String]) -> [Int] {
        var out = Set<Int>()
        for p in places {
            if let k = index[p] { out.insert(k) } else if let g = groupMembers[p] { out.formUnion(g) }
        }
        return out.sorted()
    }

    /// Sector indices of lever sector codes (all sectors when empty).
    func sectorIndices(_ codes: [String]) -> [Int] {
        if codes.isEmpty { return Array(0..<sectors.count) }
        return codes.compactMap { c in sectors.firstIndex { $0.id == c } }
    }

    /// `R × R` sub-matrix of a network time matrix for the modelled jurisdictions.
    func regionTimes(_ t: Matrix) -> Matrix {
        let r = ids.count
        var out = Matrix(rows: r, columns: r)
        for j in 0..<r { for i in 0..<r { out[i, j] = t[nodeOf[i], nodeOf[j]] } }
        return out
    }
}
