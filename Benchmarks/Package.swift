// swift-tools-version: 6.1
// Chengyu's regression benchmarks (ordo-one/package-benchmark), kept in a nested package so that the
// main build and `swift test` do not carry the benchmark dependency.
//   swift package --package-path Benchmarks benchmark          (or: make bench)
import Foundation
import PackageDescription

// A path dependency's identity is its folder's name, which depends on where the repository was cloned.
let rootPackage = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

let package = Package(
    name: "ChengyuBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(path: "../"),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // The raw C routines, for measuring the Swift-side overhead of MatrixCore around them.
        .systemLibrary(name: "CBLASRaw", path: "Sources/CBLASRaw"),
        .executableTarget(
            name: "MatrixCoreBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "MatrixCore", package: rootPackage),
                "CBLASRaw",
            ],
            path: "Benchmarks/MatrixCoreBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // The library path of `chengyu io multipliers` and the .npy reader, at n = 1,764.
        .executableTarget(
            name: "IOBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "MatrixCore", package: rootPackage),
                .product(name: "RegionalModels", package: rootPackage),
                .product(name: "BaseData", package: rootPackage),
            ],
            path: "Benchmarks/IOBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "EngineBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "MatrixCore", package: rootPackage),
                .product(name: "RegionalModels", package: rootPackage),
                .product(name: "BaseData", package: rootPackage),
                .product(name: "ScenarioSpec", package: rootPackage),
                .product(name: "SimulationEngine", package: rootPackage),
                .product(name: "ParameterSweeps", package: rootPackage),
            ],
            path: "Benchmarks/EngineBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
