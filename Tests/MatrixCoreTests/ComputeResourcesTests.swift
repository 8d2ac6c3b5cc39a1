import Testing
@testable import MatrixCore

@Suite("Threads and CPUs", .serialized)
struct ComputeResourcesTests {
    // Setting the BLAS thread count is process-wide: its test lives in the serialized sweep suite
    // (ParameterSweepsTests), the only other place that changes it, so no test sees it change mid-run.

    @Test func slurmCpusPerTaskLimitsTheUsableCount() {
        let all = ComputeResources.usableCPUCount(environment: [:])
        #expect(all >= 1)
        #expect(ComputeResources.usableCPUCount(environment: ["SLURM_CPUS_PER_TASK": "1"]) == 1)
        #expect(ComputeResources.usableCPUCount(environment: ["SLURM_CPUS_PER_TASK": "999"]) == all)
        #expect(ComputeResources.usableCPUCount(environment: ["SLURM_CPUS_PER_TASK": "junk"]) == all)
    }

    @Test func versionIsReadFromTheConfiguration() {
        #expect(ComputeResources.blasConfiguration.contains("OpenBLAS"))
        #expect(ComputeResources.blasVersion.split(separator: ".").count == 3)
    }

    @Test func selfCheckResidualIsTiny() throws {
        let r = try SelfCheck.run(order: 200, seed: 1)
        #expect(r.relativeResidual < 1e-14)
        #expect(r.reciprocalCondition > 0.1)
    }
}
