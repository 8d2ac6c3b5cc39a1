// `chengyu io` benchmarks: the library path of `chengyu io multipliers` (InputOutput.multiplierTable: A, one
// LU of I − A, the multiplier solves, type II by block elimination, Ghosh linkages, diagnostics) on a
// generated, balanced 42-region × 42-sector table (n = 1,764), with and without the spectral radius, and
// reading the same table from .npy files (MRIOTable.read).
//
// The table is generated here (seeded SplitMix64), not read from disk, so that a baseline stays comparable:
// column sums of A in [0.3, 0.7], domestic inputs 8 times as likely as each other region's, 3 final-demand
// categories per region (household first), x = (I − A)⁻¹·Y·1, Z = A·diag(x), VA = (1 − colsum A)·x split
// 55 % compensation / 45 % other, employment 0.02·x.
//
// Thresholds: wall clock and CPU time +25 % at the median, peak resident memory +20 % (the 25 MB matrices
// fall under glibc's dynamic mmap threshold, so whether a freed one is returned to the system varies: two
// runs measured 138 and 160 MB), mallocs +25 % (OpenBLAS thread start-up varies the count).
//   swift package --package-path Benchmarks --allow-writing-to-package-directory \
//       benchmark baseline update io --target IOBenchmarks
//   swift package --package-path Benchmarks benchmark baseline check io --target IOBenchmarks
import BaseData
import Benchmark
import Foundation
import MatrixCore
import RegionalModels

struct GeneratedTable {
    let industries: [String]
    let z: Matrix
    let y: Matrix
    let x: [Double]
    let va: Matrix
    let employment: [Double]
    let households: HouseholdSpecification
    let finalDemandLabels: [String]
}

func generatedTable(regions r: Int = 42, sectors s: Int = 42, seed: UInt64 = 2019) throws -> GeneratedTable {
    var rng = SplitMix64(seed: seed)
    let n = r * s
    var a = Matrix(rows: n, columns: n)
    var colShare = [Double](repeating: 0, count: n)
    a.withUnsafeMutableStorage { p in
        for j in 0..<n {
            let c = 0.3 + 0.4 * rng.nextUniform()
            colShare[j] = c
            var sum = 0.0
            for i in 0..<n {
                let u = rng.nextUniform()
                let w = u * u * u * (i / s == j / s ? 8 : 1)
                p[i + j * n] = w
                sum += w
            }
            for i in 0..<n { p[i + j * n] *= c / sum }
        }
    }
    let k = 3 * r
    var y = Matrix(rows: n, columns: k)
    y.withUnsafeMutableStorage { p in
        for c in 0..<k { for i in 0..<n { p[i + c * n] = rng.nextUniform() * (i / s == c / 3 ? 100 : 5) } }
    }
    let model = try LeontiefModel(technicalCoefficients: a)
    let x = try model.grossOutput(finalDemand: y.rowSums)
    let z = try a.scalingColumns(by: x)
    var va = Matrix(rows: 2, columns: n)
    for j in 0..<n {
        va[0, j] = 0.55 * (1 - colShare[j]) * x[j]
        va[1, j] = 0.45 * (1 - colShare[j]) * x[j]
    }
    var consumption = Matrix(rows: n, columns: r)
    for h in 0..<r { for i in 0..<n { consumption[i, h] = y[i, 3 * h] } }
    let industries = (0..<n).map { "R\($0 / s + 1):S\($0 % s + 1)" }
    let categories = ["household", "government", "investment"]
    return GeneratedTable(
        industries: industries, z: z, y: y, x: x, va: va, employment: x.map { 0.02 * $0 },
        households: HouseholdSpecification(householdOfIndustry: (0..<n).map { $0 / s }, consumption: consumption),
        finalDemandLabels: (0..<k).map { "R\($0 / 3 + 1):\(categories[$0 % 3])" })
}

/// Writes a matrix as a Fortran-order float64 .npy file.
func writeNPY(_ m: Matrix, to url: URL) throws {
    var header = "{'descr': '<f8', 'fortran_order': True, 'shape': (\(m.rows), \(m.columns)), }"
    while (10 + header.utf8.count + 1) % 64 != 0 { header += " " }
    header += "\n"
    var data = Data([0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0, UInt8(header.utf8.count & 0xFF), UInt8(header.utf8.count >> 8)])
    data.append(Data(header.utf8))
    m.storage.withUnsafeBytes { data.append(contentsOf: $0) }
    try data.write(to: url)
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
        timeUnits: .milliseconds,
        warmupIterations: 1,
        scalingFactor: .one,
        maxDuration: .seconds(10),
        maxIterations: 10,
        thresholds: [
            .wallClock: .init(relative: [.p50: 25.0]),
            .cpuTotal: .init(relative: [.p50: 25.0]),
            .peakMemoryResident: .init(relative: [.p50: 20.0]),
            .mallocCountTotal: .init(relative: [.p50: 25.0]),
        ]
    )

    for rho in [false, true] {
        Benchmark("io_multipliers_n1764\(rho ? "_rho" : "")") { benchmark in
            let t = try generatedTable()
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                blackHole(try InputOutput.multiplierTable(
                    flows: t.z, finalDemand: t.y, grossOutput: t.x, valueAdded: t.va, compensationRow: 0,
                    employment: t.employment, households: t.households, spectralRadius: rho))
            }
        }
    }

    Benchmark("io_read_npy_n1764") { benchmark in
        let t = try generatedTable()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("chengyu-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try writeNPY(t.z, to: dir.appendingPathComponent("Z.npy"))
        try writeNPY(t.y, to: dir.appendingPathComponent("Y.npy"))
        try writeNPY(Matrix(column: t.x), to: dir.appendingPathComponent("x.npy"))
        try writeNPY(t.va, to: dir.appendingPathComponent("VA.npy"))
        let labels: [String: [String]] = [
            "industries": t.industries, "fd_columns": t.finalDemandLabels, "va_rows": ["compensation", "other"],
        ]
        try JSONSerialization.data(withJSONObject: labels).write(to: dir.appendingPathComponent("labels.json"))
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try MRIOTable.read(directory: dir))
        }
    }
}
