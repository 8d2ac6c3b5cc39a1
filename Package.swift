// swift-tools-version: 6.1
// Chengyu: a regional economic simulation engine for the Chengdu–Chongqing Twin-City Economic Circle.
// Module layout and conventions: README.md ("Layout"); arrows point down to MatrixCore.
import PackageDescription

let package = Package(
    name: "Chengyu",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "chengyu", targets: ["chengyu"]),
        .library(name: "MatrixCore", targets: ["MatrixCore"]),
        .library(name: "RegionalModels", targets: ["RegionalModels"]),
        .library(name: "BaseData", targets: ["BaseData"]),
        .library(name: "ScenarioSpec", targets: ["ScenarioSpec"]),
        .library(name: "SimulationEngine", targets: ["SimulationEngine"]),
        .library(name: "ParameterSweeps", targets: ["ParameterSweeps"]),
        .library(name: "ChengyuCLI", targets: ["ChengyuCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // The C boundary: cblas.h + lapacke.h from Debian's libopenblas-dev and liblapacke-dev.
        .systemLibrary(
            name: "COpenBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]
        ),
        // SQLite 3 (Debian: libsqlite3-dev), for merged sweep results that R, pandas and sqlite3 open.
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        // Dense column-major matrices, BLAS wrappers, LU; no economic words.
        .target(name: "MatrixCore", dependencies: ["COpenBLAS"]),
        // Pure model maths: input–output, migration, transport, growth, indicators; no file I/O.
        .target(name: "RegionalModels", dependencies: ["MatrixCore"], exclude: ["README.md"]),
        // The bundled 2019 dataset and its validating loaders.
        .target(
            name: "BaseData",
            dependencies: ["MatrixCore"],
            exclude: ["README.md", "MRIOTable/README.md"],
            resources: [.copy("Resources/data")]
        ),
        // YAML scenario files → validated, resolved Scenario values with diagnostics.
        .target(
            name: "ScenarioSpec", dependencies: [.product(name: "Yams", package: "Yams")], exclude: ["README.md"],
            resources: [.copy("Resources/priors.csv"), .copy("Resources/posterior-2019.csv"), .copy("Resources/posterior-2019.json")]),
        // Scenario + base data → trajectory, year by year.
        .target(name: "SimulationEngine", dependencies: ["MatrixCore", "RegionalModels", "BaseData", "ScenarioSpec"], exclude: ["README.md"]),
        // Trajectories → tables, CSV, JSON, SVG, HTML; the only writer of files.
        .target(name: "Reporting", dependencies: ["MatrixCore", "SimulationEngine", "CSQLite"], exclude: ["README.md"]),
        // Sweep designs, shards, manifests, merge.
        .target(
            name: "ParameterSweeps",
            dependencies: ["MatrixCore", "BaseData", "ScenarioSpec", "SimulationEngine", "Reporting", .product(name: "Yams", package: "Yams")]
        ),
        // Commands; no maths.
        .target(
            name: "ChengyuCLI",
            dependencies: [
                "MatrixCore", "BaseData", "RegionalModels", "ScenarioSpec", "SimulationEngine",
                "Reporting", "ParameterSweeps",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "chengyu", dependencies: ["ChengyuCLI"]),

        .target(name: "TestFixtures", dependencies: ["MatrixCore", "RegionalModels"], path: "Tests/TestFixtures",
                resources: [.copy("Resources")]),
        .testTarget(name: "MatrixCoreTests", dependencies: ["MatrixCore", "TestFixtures"]),
        .testTarget(name: "BaseDataTests", dependencies: ["BaseData", "MatrixCore", "TestFixtures"]),
        .testTarget(name: "RegionalModelsTests", dependencies: ["RegionalModels", "MatrixCore", "BaseData", "TestFixtures"]),
        .testTarget(name: "ScenarioSpecTests", dependencies: ["ScenarioSpec", "TestFixtures"]),
        .testTarget(name: "SimulationEngineTests", dependencies: ["SimulationEngine", "BaseData", "ScenarioSpec", "RegionalModels", "MatrixCore", "TestFixtures"]),
        .testTarget(
            name: "ParameterSweepsTests",
            dependencies: ["ParameterSweeps", "Reporting", "SimulationEngine", "ScenarioSpec", "BaseData", "MatrixCore", "TestFixtures"]
        ),
        .testTarget(
            name: "ChengyuCLITests",
            dependencies: ["ChengyuCLI", "Reporting", "SimulationEngine", "ScenarioSpec", "BaseData", "MatrixCore", "TestFixtures"]
        ),
        .testTarget(name: "ReportingTests", dependencies: ["Reporting", "SimulationEngine", "ScenarioSpec", "MatrixCore", "TestFixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
