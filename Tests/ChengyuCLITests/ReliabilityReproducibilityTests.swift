import Foundation
import TestFixtures
import Testing

/// The same scenario gives the same numbers at 1 and 2 BLAS threads (docs/reliability.md). Each run is a
/// separate `chengyu` process with `OPENBLAS_NUM_THREADS` set, so that the process-wide OpenBLAS setting
/// cannot race with other tests of this process (the sweep tests compare results to the bit).
@Suite("Reliability: BLAS thread count", .serialized, .tags(.slow), .skippedInFastRuns)
struct ReliabilityReproducibilityTests {
    /// Relative tolerance between thread counts: OpenBLAS may change the last bits of a sum with the
    /// thread count (a different reduction order); anything above ~1e-13 would be a real difference.
    static let relativeTolerance = 1e-10

    static func values(threads: Int) throws -> [String: Double?] {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let env: [String: String?] = ["OPENBLAS_NUM_THREADS": String(threads), "OMP_NUM_THREADS": String(threads)]
        let doctor = try CLI.run(["doctor"], environment: env)
        // The setting took effect (OpenBLAS caps it at the CPUs it sees).
        if ProcessInfo.processInfo.activeProcessorCount >= threads {
            #expect(doctor.stdout.contains(try Regex("BLAS threads: +\(threads)\n")), "\(doctor.stdout)")
        }
        let r = try CLI.run(["run", CLI.scenario("baseline"), "--until", "2023", "--out", dir.path, "-q"], environment: env)
        #expect(r.status == 0, "\(r.stderr)")
        let text = try String(contentsOf: dir.appendingPathComponent("trajectory.csv"), encoding: .utf8)
        var out: [String: Double?] = [:]
        let lines = text.split(separator: "\n")
        let header = Self.fields(String(lines[0]))
        let year = header.firstIndex(of: "year")!, place = header.firstIndex(of: "place")!
        let indicator = header.firstIndex(of: "indicator")!, value = header.firstIndex(of: "value")!
        for line in lines.dropFirst() {
            let c = Self.fields(String(line))
            guard c.count == header.count else { continue }
            out["\(c[year]) \(c[place]) \(c[indicator])"] = Double(c[value])  // year place indicator → value (nil when empty)
        }
        return out
    }

    /// The fields of one RFC 4180 record (quoted fields may hold commas; `""` is a quote).
    static func fields(_ line: String) -> [String] {
        var out: [String] = [], field = "", quoted = false
        var chars = line.makeIterator()
        while let ch = chars.next() {
            if quoted {
                if ch == "\"" { quoted = false } else { field.append(ch) }
            } else if ch == "\"" {
                if field.isEmpty == false { field.append("\"") }
                quoted = true
            } else if ch == "," {
                out.append(field)
                field = ""
            } else {
                field.append(ch)
            }
        }
        out.append(field)
        return out
    }

    @Test func oneAndTwoThreadsAgreeOnEveryIndicator() throws {
        let one = try Self.values(threads: 1), two = try Self.values(threads: 2)
        #expect(one.count > 1000)
        #expect(Set(one.keys) == Set(two.keys))
        var worst = 0.0, compared = 0
        for (key, a) in one {
            guard let b = two[key] else { continue }
            switch (a, b) {
            case let (x?, y?):
                let scale = max(abs(x), abs(y))
                let rel = scale == 0 ? 0 : abs(x - y) / scale
                worst = max(worst, rel)
                compared += 1
                #expect(rel <= Self.relativeTolerance, "\(key): \(x) at 1 thread, \(y) at 2")
            default:
                #expect(a == nil && b == nil, "\(key): a value at one thread count only")
            }
        }
        #expect(compared > 1000)
        print("reproducibility: \(compared) values, worst relative difference \(worst)")
    }
}
