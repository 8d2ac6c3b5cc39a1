import Foundation
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

    /// After `keepFreedMemoryForReuse`, a freed 8 MiB block's pages serve the next allocation of that size
    /// without being faulted in again (a fresh `mmap` would fault all 2,048 pages). Under ASan or TSan the
    /// sanitizer's allocator replaces glibc's and refuses `mallopt`; the test then checks only that refusal.
    @Test func freedMemoryIsReusedWithoutPageFaults() {
        if ComputeResources.allocatorIsSanitizers {
            #expect(!ComputeResources.keepFreedMemoryForReuse())
            return
        }
        #expect(ComputeResources.keepFreedMemoryForReuse())
        func minorFaults() -> Int {
            var u = rusage()
            getrusage(Int32(RUSAGE_SELF.rawValue), &u)
            return u.ru_minflt
        }
        let count = 1 << 20  // 8 MiB of Double
        var touched = [Double](repeating: 1, count: count)
        touched[count - 1] = 2
        #expect(touched.reduce(0, +) == Double(count + 1))
        touched = []
        let before = minorFaults()
        let again = [Double](repeating: 3, count: count)
        let faults = minorFaults() - before
        #expect(again[count / 2] == 3)
        #expect(faults < 512, "minor faults for a reused 8 MiB block: \(faults)")
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
