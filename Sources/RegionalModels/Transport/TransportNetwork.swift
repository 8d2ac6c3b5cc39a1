import Foundation
import MatrixCore

/// The kind of a rail segment, as the base data classify it.
public enum RailKind: String, Sendable, Codable, CaseIterable {
    /// Passenger-dedicated, design speed ≥ 250 km/h.
    case highSpeed = "high_speed"
    /// Lines officially named intercity (城际); passenger-dedicated.
    case intercity
    /// Everything else, mixed passenger and freight.
    case conventional

    /// True when freight trains may use the segment.
    public var carriesFreight: Bool { self == .conventional }
}

/// A rail segment between two nodes, open from `openYear` on.
public struct RailSegment: Sendable, Hashable, Codable {
    public var lineID: String
    public var from: String
    public var to: String
    /// Track length; nil when no source gave it (never read as 0).
    public var lengthKilometres: Double?
    /// Design speed; nil when not found.
    public var designSpeedKmh: Double?
    public var kind: RailKind
    /// First year in service (the segment is open in every year ≥ this); nil = never open in the model.
    public var openYear: Int?
    /// The fastest scheduled passenger time over the segment, hours, where a timetable gives it (it then
    /// replaces `km / (f_op·v)` for passengers).
    public var scheduledHours: Double?

    public init(
        lineID: String, from: String, to: String, lengthKilometres: Double?, designSpeedKmh: Double?,
        kind: RailKind, openYear: Int?, scheduledHours: Double? = nil
    ) {
        self.scheduledHours = scheduledHours
        self.lineID = lineID
        self.from = from
        self.to = to
        self.lengthKilometres = lengthKilometres
        self.designSpeedKmh = designSpeedKmh
        self.kind = kind
        self.openYear = openYear
    }

    public func isOpen(in year: Int) -> Bool { openYear.map { $0 <= year } ?? false }
}

/// Parameters of the travel-time model (MODEL.md §6). Units are in the names.
public struct TransportParameters: Sendable, Hashable, Codable {
    /// Operating speed as a share of design speed, `f_op` (fitted to the 2019 fastest Chongqing–Chengdu time).
    public var railOperatingFactor = 0.8
    /// Dwell time per intermediate stop.
    public var stopMinutes = 2.0
    /// Road distance over great-circle distance.
    public var roadDetourFactor = 1.3
    /// Average inter-city road speed.
    public var roadSpeedKmh = 70.0
    /// Access and egress time added once to every trip between two places.
    public var accessEgressHours = 0.25
    /// Speed of trips inside a jurisdiction, for `T[r,r] = (2/3)·√(area/π) / v_local`.
    public var localSpeedKmh = 30.0
    /// Design speed assumed for conventional segments whose speed the sources do not give (assumption).
    public var defaultConventionalSpeedKmh = 100.0
    /// Speed cap of freight trains on mixed lines (assumption).
    public var freightTrainSpeedKmh = 80.0
    /// Track length over great-circle distance where a segment's length is missing (assumption; the
    /// pro-rated chains of the base data give 0.85–1.2).
    public var railDetourForMissingLength = 1.1
    /// Time from a gateway seat across the circle's border (assumption).
    public var borderLegHours = 0.5

    public init() {}
}

/// Passenger travel uses every open link; freight excludes passenger-dedicated rail (MODEL.md §6).
public enum NetworkKind: String, Sendable, Codable { case passenger, freight }

/// The transport network: seats as nodes, road links between every pair, rail segments from the data.
///
/// Travel times are shortest paths (Floyd–Warshall, `O(N³)` with N ≈ 43) over the links open in a year.
public struct TransportNetwork: Sendable {
    /// Node ids (jurisdictions and hubs such as `cq-central`), in matrix order.
    public let nodeIDs: [String]
    public let positions: [GeoPoint]
    /// Land area per node, for the internal trip time (0 for hubs).
    public let areasSquareKilometres: [Double]
    /// Segments between two known nodes.
    public let segments: [RailSegment]
    /// Segments from a node across the circle's border (`to == "edge"`): gateways to the rest of China.
    public let borderSegments: [RailSegment]
    public let parameters: TransportParameters
    private let index: [String: Int]

    /// - Throws: `TransportError.unknownNode` when a segment names a node that is not in `nodeIDs`
    ///   (other than `edge`), `.duplicateNode` for repeated ids.
    public init(
        nodeIDs: [String], positions: [GeoPoint], areasSquareKilometres: [Double], segments: [RailSegment],
        parameters: TransportParameters = TransportParameters()
    ) throws {
        precondition(nodeIDs.count == positions.count && nodeIDs.count == areasSquareKilometres.count)
        var idx: [String: Int] = [:]
        for (i, id) in nodeIDs.enumerated() {
            if idx[id] != nil { throw TransportError.duplicateNode(id) }
            idx[id] = i
        }
        var inner: [RailSegment] = [], border: [RailSegment] = []
        for s in segments {
            if s.to == "edge" || s.from == "edge" {
                let node = s.to == "edge" ? s.from : s.to
                guard idx[node] != nil else { throw TransportError.unknownNode(node, line: s.lineID) }
                border.append(RailSegment(
                    lineID: s.lineID, from: node, to: "edge", lengthKilometres: s.lengthKilometres,
                    designSpeedKmh: s.designSpeedKmh, kind: s.kind, openYear: s.openYear))
                continue
            }
            for n in [s.from, s.to] where idx[n] == nil { throw TransportError.unknownNode(n, line: s.lineID) }
            inner.append(s)
        }
        self.nodeIDs = nodeIDs
        self.positions = positions
        self.areasSquareKilometres = areasSquareKilometres
        self.segments = inner
        self.borderSegments = border
        self.parameters = parameters
        self.index = idx
    }

    /// The position of node `id` in matrices, or nil.
    public func indexOf(_ id: String) -> Int? { index[id] }

    /// A copy with other parameters (e.g. a scenario's detour factor, or the fitted `f_op`).
    public func with(parameters p: TransportParameters) -> TransportNetwork {
        // Re-initialising cannot fail: the nodes and segments were already validated.
        try! TransportNetwork(
            nodeIDs: nodeIDs, positions: positions, areasSquareKilometres: areasSquareKilometres,
            segments: segments + borderSegments, parameters: p)
    }

    /// A copy with more segments (a scenario's rail projects or new links).
    public func adding(_ more: [RailSegment]) throws -> TransportNetwork {
        try TransportNetwork(
            nodeIDs: nodeIDs, positions: positions, areasSquareKilometres: areasSquareKilometres,
            segments: segments + borderSegments + more, parameters: parameters)
    }

    /// Track length of a segment: the data's, or great-circle × the detour for missing lengths (an estimate).
    public func lengthKilometres(of s: RailSegment) -> Double {
        if let km = s.lengthKilometres { return km }
        guard let a = index[s.from], let b = index[s.to] else { return 0 }
        return greatCircleKilometres(positions[a], positions[b]) * parameters.railDetourForMissingLength
    }

    /// In-vehicle hours of one segment, without stops: `km / (f_op · v)`; freight at most the freight speed.
    public func railHours(of s: RailSegment, kind: NetworkKind) -> Double {
        if kind == .passenger, let h = s.scheduledHours { return h }
        var v = s.designSpeedKmh ?? parameters.defaultConventionalSpeedKmh
        if kind == .freight { v = min(v, parameters.freightTrainSpeedKmh) }
        return lengthKilometres(of: s) / (parameters.railOperatingFactor * v)
    }

    /// Road hours between two nodes: `great-circle km × detour / road speed`.
    public func roadHours(_ a: Int, _ b: Int) -> Double {
        greatCircleKilometres(positions[a], positions[b]) * parameters.roadDetourFactor / parameters.roadSpeedKmh
    }

    /// Which segments (rail, then border) are open in `year`: travel and gateway times depend on the year
    /// only through this, so callers may reuse them across years with the same signature.
    public func openSignature(year: Int) -> [Bool] {
        segments.map { $0.isOpen(in: year) } + borderSegments.map { $0.isOpen(in: year) }
    }

    /// Door-to-door travel times `T[r,s]` in hours among all nodes in `year`.
    ///
    /// Off the diagonal: the shortest path over road links (every pair) and open rail segments (each
    /// costing its in-vehicle time plus one stop), less the last stop, plus access and egress.
    /// On the diagonal: `(2/3)·√(area/π) / v_local`, the mean trip inside a disc of the jurisdiction's area.
    public func travelTimes(year: Int, kind: NetworkKind) -> Matrix {
        let n = nodeIDs.count
        let stop = parameters.stopMinutes / 60
        var d = Matrix(rows: n, columns: n)
        for j in 0..<n { for i in 0..<n where i != j { d[i, j] = roadHours(i, j) } }
        for s in segments where s.isOpen(in: year) && (kind == .passenger || s.kind.carriesFreight) {
            let a = index[s.from]!, b = index[s.to]!
            let h = railHours(of: s, kind: kind) + stop
            if h < d[a, b] { d[a, b] = h; d[b, a] = h }
        }
        floydWarshall(&d)
        for j in 0..<n {
            for i in 0..<n {
                if i == j {
                    let r = (areasSquareKilometres[i] / Double.pi).squareRoot()
                    d[i, i] = (2.0 / 3.0) * r / parameters.localSpeedKmh
                } else {
                    d[i, j] += parameters.accessEgressHours
                }
            }
        }
        return d
    }

    /// The fastest rail-only time between two nodes in `year`, in minutes, station to station
    /// (intermediate stops included, no access or egress); nil when no rail path exists.
    public func fastestRailMinutes(from a: String, to b: String, year: Int) -> Double? {
        guard let ia = index[a], let ib = index[b] else { return nil }
        let n = nodeIDs.count
        let stop = parameters.stopMinutes / 60
        var d = Matrix(rows: n, columns: n, repeating: .infinity)
        for i in 0..<n { d[i, i] = 0 }
        for s in segments where s.isOpen(in: year) {
            let p = index[s.from]!, q = index[s.to]!
            let h = railHours(of: s, kind: .passenger) + stop
            if h < d[p, q] { d[p, q] = h; d[q, p] = h }
        }
        floydWarshall(&d)
        let h = d[ia, ib]
        return h.isFinite ? (h - (ia == ib ? 0 : stop)) * 60 : nil
    }

    /// Rail route-km open in `year`: the sum of segments with a known length (each listed segment once;
    /// the base data list track shared by two lines only once), and the count of open segments whose
    /// length is unknown (reported, never counted as 0). Border segments count where their length is known.
    public func railKilometres(year: Int) -> (kilometres: Double, segmentsWithoutLength: Int) {
        var km = 0.0, missing = 0
        var seen = Set<String>()
        for s in segments + borderSegments where s.isOpen(in: year) {
            let key = [s.lineID, min(s.from, s.to), max(s.from, s.to)].joined(separator: "|")
            guard seen.insert(key).inserted else { continue }
            if let l = s.lengthKilometres { km += l } else { missing += 1 }
        }
        return (km, missing)
    }

    /// Hours from each node to its nearest gateway across the border, `T[s, gw(s)]` (MODEL.md §3):
    /// the travel time to a seat with an open border segment plus that segment's border leg, or by road
    /// straight out when no rail gateway is nearer (every seat has expressway exits: the road option is
    /// the node's own seat plus twice the border leg, an assumption).
    public func gatewayHours(year: Int, kind: NetworkKind) -> [Double] {
        gatewayHours(year: year, kind: kind, travelTimes: travelTimes(year: year, kind: kind))
    }

    /// `gatewayHours(year:kind:)` with this year's `travelTimes(year:kind:)` already at hand.
    public func gatewayHours(year: Int, kind: NetworkKind, travelTimes t: Matrix) -> [Double] {
        let gateways = Set(borderSegments.filter {
            $0.isOpen(in: year) && (kind == .passenger || $0.kind.carriesFreight)
        }.compactMap { index[$0.from] })
        let n = nodeIDs.count
        return (0..<n).map { s in
            var best = 2 * parameters.borderLegHours + parameters.accessEgressHours
            for g in gateways {
                let h = (g == s ? parameters.accessEgressHours : t[s, g]) + parameters.borderLegHours
                best = min(best, h)
            }
            return best
        }
    }
}

/// All-pairs shortest paths in place: `d[i,j] ← min(d[i,j], d[i,k] + d[k,j])`.
/// - Complexity: `O(n³)`; n ≈ 43 here.
func floydWarshall(_ d: inout Matrix) {
    let n = d.rows
    d.withUnsafeMutableStorage { p in
        for k in 0..<n {
            for j in 0..<n {
                let dkj = p[k + j * n]
                if !dkj.isFinite { continue }
                for i in 0..<n {
                    let v = p[i + k * n] + dkj
                    if v < p[i + j * n] { p[i + j * n] = v }
                }
            }
        }
    }
}

/// Problems with a transport network's definition.
public enum TransportError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownNode(String, line: String)
    case duplicateNode(String)
    case noRailPath(from: String, to: String, year: Int)
    case fitFailed(String)

    public var description: String {
        switch self {
        case let .unknownNode(n, line): return "rail line \(line) names unknown node '\(n)'"
        case let .duplicateNode(n): return "node '\(n)' appears twice"
        case let .noRailPath(a, b, y): return "no rail path from \(a) to \(b) in \(y)"
        case let .fitFailed(why): return "fit failed: \(why)"
        }
    }
}

extension TransportNetwork {
    /// Fits `f_op` so that the fastest rail time between `a` and `b` in `year` equals `targetMinutes`
    /// (bisection on f ∈ [0.3, 1.0]; the time falls monotonically in f).
    /// - Returns: the fitted factor.
    /// - Throws: `TransportError.noRailPath`, or `.fitFailed` when the target is outside what f ∈ [0.3, 1] gives.
    public func fitOperatingFactor(from a: String, to b: String, year: Int, targetMinutes: Double) throws -> Double {
        func minutes(_ f: Double) throws -> Double {
            var p = parameters
            p.railOperatingFactor = f
            guard let m = with(parameters: p).fastestRailMinutes(from: a, to: b, year: year) else {
                throw TransportError.noRailPath(from: a, to: b, year: year)
            }
            return m
        }
        var lo = 0.3, hi = 1.0
        let (mLo, mHi) = (try minutes(lo), try minutes(hi))
        guard targetMinutes <= mLo, targetMinutes >= mHi else {
            throw TransportError.fitFailed(
                "target \(targetMinutes) min outside [\(mHi), \(mLo)] min reachable with f_op in [0.3, 1]")
        }
        for _ in 0..<60 {
            let mid = (lo + hi) / 2
            if try minutes(mid) > targetMinutes { lo = mid } else { hi = mid }
        }
        return (lo + hi) / 2
    }
}
