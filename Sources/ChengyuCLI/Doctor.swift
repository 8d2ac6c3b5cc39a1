import ArgumentParser
import BaseData
import Foundation
import MatrixCore
import ScenarioSpec

extension Chengyu {
    /// `chengyu doctor`: the numerical environment and a self-check solve.
    struct Doctor: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the bundled data and scenarios, print the BLAS/LAPACK configuration and run a self-check solve.",
            discussion: Help.flow("""
                Checks that the bundled base data are found (beside the executable, or in ../share/chengyu after
                `make install`) and valid, and where the bundled scenarios are; prints OpenBLAS's configuration
                and version, its thread count, the CPUs this process may use (affinity mask and
                SLURM_CPUS_PER_TASK), then factors and solves a random n × n system and reports the relative
                residual ‖Ax − b‖∞ / (‖A‖∞·‖x‖∞) and the time taken. Exits 2 when the data are missing or
                invalid, 3 when the self-check fails.

                Example:
                  chengyu doctor --size 1000
                """))

        @Option(help: "Order of the self-check system.")
        var size: Int = 1000

        @Option(help: "Seed of the random self-check system.")
        var seed: UInt64 = 2019

        func validate() throws {
            guard (1...20_000).contains(size) else { throw ValidationError("--size must be in 1...20000") }
        }

        @OptionGroup var global: GlobalOptions

        func run() throws {
            let dataOK = checkData()
            let report = try SelfCheck.run(order: size, seed: seed)
            print("OpenBLAS configuration: \(ComputeResources.blasConfiguration)")
            print("OpenBLAS version:       \(ComputeResources.blasVersion) (kernel \(ComputeResources.blasCoreName))")
            print("BLAS threads:           \(ComputeResources.blasThreadCount)")
            print("usable CPUs:            \(ComputeResources.usableCPUCount()) (affinity mask, SLURM_CPUS_PER_TASK)")
            print("self-check:             \(size) × \(size) random solve")
            print("  relative residual:    \(String(format: "%.3e", report.relativeResidual)) (limit 1e-12)")
            print("  factor + solve time:  \(String(format: "%.1f", report.seconds * 1000)) ms")
            print("  condition estimate:   \(String(format: "%.3e", 1 / report.reciprocalCondition))")
            guard report.relativeResidual < 1e-12 else {
                print("self-check FAILED")
                throw ExitCodes.numericalFailure
            }
            print("self-check passed")
            guard dataOK else { throw ExitCodes.badInput }
        }

        /// Prints where the bundled data and scenarios are and whether the data validate; false when the
        /// data are missing or invalid.
        func checkData() -> Bool {
            let url: URL
            do { url = try BaseDataset.bundledDataURL() } catch {
                print("bundled data:           MISSING")
                Terminal.error("\(error)")
                return false
            }
            print("bundled data:           \(url.path)")
            let problems = BaseDataset.validate(directory: url)
            if problems.isEmpty {
                print("  files:                \(DataFileSpec.all.count) valid, version \(ScenarioRunner.dataVersion().prefix(12))")
            } else {
                print("  files:                INVALID, \(problems.count) problem\(problems.count == 1 ? "" : "s") (chengyu data check lists them)")
            }
            print("bundled scenarios:      \(ScenarioValidation.defaultScenariosDirectory() ?? "none found (give --scenarios DIR or set CHENGYU_SCENARIOS)")")
            return problems.isEmpty
        }
    }
}
