import Foundation
import MatrixCore
import Testing

/// A seeded, deterministic mutator of valid inputs for the property-based fuzz tests (docs/reliability.md).
///
/// Each call to `mutate` applies 1–3 of: byte flips, truncation, duplicated or deleted lines, huge numbers,
/// NaN/inf text, deep nesting, very long strings, random Unicode, swapped lines. The same seed gives the same
/// sequence of inputs on every machine.
public struct FuzzMutator {
    public var rng: SplitMix64

    public init(seed: UInt64) { rng = SplitMix64(seed: seed) }

    /// Iterations per fuzz test: `CHENGYU_FUZZ_ITERATIONS` when set (longer runs on demand), else `defaultCount`.
    public static func iterations(default defaultCount: Int) -> Int {
        if let s = ProcessInfo.processInfo.environment["CHENGYU_FUZZ_ITERATIONS"], let n = Int(s), n > 0 { return n }
        return defaultCount
    }

    /// The seed: `CHENGYU_FUZZ_SEED` when set, else `base` (so CI replays the same inputs).
    public static func seed(_ base: UInt64) -> UInt64 {
        if let s = ProcessInfo.processInfo.environment["CHENGYU_FUZZ_SEED"], let n = UInt64(s) { return base ^ n }
        return base
    }

    mutating func below(_ n: Int) -> Int { n <= 1 ? 0 : Int(rng.next() % UInt64(n)) }

    static let tokens: [String] = [
        "NaN", "nan", "-inf", "inf", "Infinity", "1e308", "1e309", "-1e309", "9999999999999999999999", "-0",
        "0x1p3", "", "~", "null", "true", "[", "]", "{", "}", ":", "- ", "\"", "'", "&a", "*a", "!!binary", "%YAML 1.1",
        "---", "...", "#", ",", ";", "\t", "\r", "\u{0}", "\u{FEFF}", "\u{FFFF}", "𝔘𝔫𝔦", "成都", "\u{202E}", "e",
        "2147483648", "-9223372036854775809", "18446744073709551616", "1_000", ".5", "5.", "+1",
    ]

    /// One mutated copy of `input`.
    public mutating func mutate(_ input: [UInt8]) -> [UInt8] {
        var b = input
        for _ in 0...below(3) { b = mutateOnce(b) }
        return b
    }

    mutating func lines(_ b: [UInt8]) -> [[UInt8]] { b.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init) }

    mutating func mutateOnce(_ input: [UInt8]) -> [UInt8] {
        var b = input
        switch below(12) {
        case 0:  // byte flips
            for _ in 0...below(8) where !b.isEmpty { b[below(b.count)] ^= UInt8(1 << below(8)) }
        case 1:  // truncation
            if !b.isEmpty { b = Array(b.prefix(below(b.count))) }
        case 2:  // duplicate a line (sometimes many times)
            var ls = lines(b)
            if !ls.isEmpty {
                let k = below(ls.count), times = below(4) == 0 ? 1 + below(200) : 1
                for _ in 0..<times { ls.insert(ls[k], at: k) }
            }
            b = Array(ls.joined(separator: [0x0A]))
        case 3:  // delete a line
            var ls = lines(b)
            if !ls.isEmpty { ls.remove(at: below(ls.count)) }
            b = Array(ls.joined(separator: [0x0A]))
        case 4:  // replace a number-like run with a huge or non-finite token
            let digits = b.indices.filter { (0x30...0x39).contains(b[$0]) }
            if let i = digits.isEmpty ? nil : digits[below(digits.count)] {
                var j = i
                while j < b.count, (0x30...0x39).contains(b[j]) || b[j] == 0x2E { j += 1 }
                let t = ["1e308", "1e309", "-1e309", "NaN", "nan", "inf", "-inf", "Infinity", "1e-320", "-0",
                         "99999999999999999999999999", "-5"][below(12)]
                b.replaceSubrange(i..<j, with: Array(t.utf8))
            }
        case 5:  // insert a token
            let t = Array(Self.tokens[below(Self.tokens.count)].utf8)
            b.insert(contentsOf: t, at: below(b.count + 1))
        case 6:  // deep nesting
            let depth = [10, 100, 1_000, 100_000][below(4)]
            let kind = below(4)
            let open: String = ["[", "{a: ", "- ", " "][kind]
            var s = String(repeating: open, count: depth)
            if kind == 3 { s += "x: 1\n" }  // deep indentation
            b.insert(contentsOf: Array(s.utf8), at: below(b.count + 1))
        case 7:  // very long string
            let n = [1_000, 100_000, 1_500_000][below(3)]
            let s = String(repeating: ["a", "9", ",", "\"", "成"][below(5)], count: n)
            b.insert(contentsOf: Array(s.utf8), at: below(b.count + 1))
        case 8:  // random Unicode scalars
            var s = ""
            for _ in 0..<(1 + below(20)) {
                let v = UInt32(below(0x11_0000))
                if let u = Unicode.Scalar(v) { s.unicodeScalars.append(u) }
            }
            b.insert(contentsOf: Array(s.utf8), at: below(b.count + 1))
        case 9:  // random bytes (possibly invalid UTF-8)
            for _ in 0..<(1 + below(16)) { b.insert(UInt8(below(256)), at: below(b.count + 1)) }
        case 10:  // swap two lines
            var ls = lines(b)
            if ls.count > 1 { ls.swapAt(below(ls.count), below(ls.count)) }
            b = Array(ls.joined(separator: [0x0A]))
        default:  // splice a chunk of the input elsewhere
            if b.count > 2 {
                let i = below(b.count), j = min(b.count, i + below(64))
                b.insert(contentsOf: Array(b[i..<j]), at: below(b.count + 1))
            }
        }
        return b
    }
}

/// Runs `body` with a time bound: records the input as a hang when it takes longer than `seconds`.
public enum FuzzClock {
    public static func elapsed(_ body: () throws -> Void) rethrows -> Duration {
        let c = ContinuousClock()
        return try c.measure { try body() }
    }
}

/// Bookkeeping shared by the fuzz tests.
public enum FuzzSupport {
    /// With `CHENGYU_FUZZ_SAVE_DIR` set, writes each input to `<dir>/<parser>.current` before it is tried, so
    /// that the input of a crash (which kills the test process) survives it; move such a file into
    /// `Tests/TestFixtures/Resources/fuzz/<parser>/` as a regression case.
    public static func willTry(_ parser: String, _ bytes: [UInt8]) {
        guard let dir = saveDirectory() else { return }
        _ = FileManager.default.createFile(atPath: "\(dir)/\(parser).current", contents: Data(bytes))
    }

    /// With `CHENGYU_FUZZ_SAVE_DIR` set, keeps an input whose property failed (the test goes on, so `.current` moves
    /// past it) as `<dir>/<parser>.failed-<n>`, n counting up from 1.
    public static func keepFailed(_ parser: String, _ bytes: [UInt8]) {
        guard let dir = saveDirectory() else { return }
        var n = 1
        while FileManager.default.fileExists(atPath: "\(dir)/\(parser).failed-\(n)") { n += 1 }
        _ = FileManager.default.createFile(atPath: "\(dir)/\(parser).failed-\(n)", contents: Data(bytes))
    }

    /// `CHENGYU_FUZZ_SAVE_DIR`, created if missing; nil when it is not set.
    private static func saveDirectory() -> String? {
        guard let dir = ProcessInfo.processInfo.environment["CHENGYU_FUZZ_SAVE_DIR"] else { return nil }
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// The regression inputs kept for `parser` (files of `Resources/fuzz/<parser>/`, sorted by name).
    /// - Throws: when the folder is missing, empty or unreadable, so that a replay test never passes on nothing.
    public static func regressionInputs(_ parser: String) throws -> [(name: String, bytes: [UInt8])] {
        let dir = Fixtures.resourceDirectory.appendingPathComponent("fuzz/\(parser)")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { !$0.hasPrefix(".") }.sorted()
        guard !names.isEmpty else { throw FuzzCorpusError.empty(dir.path) }
        return try names.map { ($0, [UInt8](try Data(contentsOf: dir.appendingPathComponent($0)))) }
    }

    /// The harness of one fuzz input: saves `saved` first (`willTry`), runs `body`, and records an issue when
    /// it takes longer than `perInputLimit` (a hang).
    public static func attempt(
        _ parser: String, saving saved: [UInt8], label: String, sourceLocation: SourceLocation = #_sourceLocation,
        _ body: () throws -> Void
    ) rethrows {
        willTry(parser, saved)
        let took = try FuzzClock.elapsed(body)
        if took >= perInputLimit { Issue.record("\(label) took \(took)", sourceLocation: sourceLocation) }
    }

    /// `count` mutated inputs, input `i` a mutation of `seeds[i % seeds.count]` (deterministic for `seed`).
    public static func mutations(of seeds: [[UInt8]], seed: UInt64, count: Int) -> [[UInt8]] {
        precondition(!seeds.isEmpty, "FuzzSupport.mutations: no seeds")
        var m = FuzzMutator(seed: FuzzMutator.seed(seed))
        return (0..<count).map { m.mutate(seeds[$0 % seeds.count]) }
    }

    /// Seconds one input may take before the fuzz test reports it as a hang.
    public static let perInputLimit: Duration = .seconds(10)
}

/// A fuzz corpus folder that holds nothing to replay.
public enum FuzzCorpusError: Error, CustomStringConvertible {
    case empty(String)
    public var description: String {
        switch self {
        case let .empty(path): return "\(path): no regression inputs (a replay over nothing checks nothing)"
        }
    }
}

/// A throw-away copy of a folder in which a fuzz test replaces one file at a time.
public struct FuzzFolder {
    public let url: URL

    /// Copies `files` (names relative to `source`) into a new temporary folder.
    public init(copying files: [String]? = nil, from source: URL) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("chengyu-fuzz-\(UUID().uuidString)")
        if let files {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            for f in files { try FileManager.default.copyItem(at: source.appendingPathComponent(f), to: url.appendingPathComponent(f)) }
        } else {
            try FileManager.default.copyItem(at: source, to: url)
        }
    }

    /// The bytes of `file` in the copy.
    public func bytes(of file: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: url.appendingPathComponent(file))) }

    /// Writes `bytes` over `file`, runs `body`, then puts the original bytes back.
    public func with<T>(_ file: String, replacedBy bytes: [UInt8], _ body: () throws -> T) throws -> T {
        let target = url.appendingPathComponent(file)
        let original = try Data(contentsOf: target)
        try Data(bytes).write(to: target)
        defer { try? original.write(to: target) }
        return try body()
    }

    public func remove() { try? FileManager.default.removeItem(at: url) }
}
