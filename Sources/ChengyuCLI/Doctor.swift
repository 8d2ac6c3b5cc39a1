import ArgumentParser
import Foundation
import MatrixCore

extension Chengyu {
    /// `chengyu doctor`: the numerical environment and a self-check solve.
    struct Doctor: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the BLAS/LAPACK configuration and run a self-check solve.",
            discussion: """
                Prints OpenBLAS's configuration and version, its thread count, the CPUs this process may
                use (affinity mask and SLURM_CPUS_PER_TASK), then factors and solves a random n × n system
                and reports the relative residual ‖Ax − b‖∞ / (‖A‖∞·‖x‖∞) and the time taken.

                Example:
                  chengyu doctor --size 1000
                """
        )

        @Option(help: "Order of the self-check system.")
        var size: Int = 1000

        @Option(help: "Seed of the random self-check system.")
        var seed: UInt64 = 2019

        func validate() throws {
            guard (1...20_000).contains(size) else { throw ValidationError("--size must be in 1...20000") }
        }

        func run() throws {
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
                throw ExitCode(3)
            }
            print("self-check passed")
        }
    }
}
