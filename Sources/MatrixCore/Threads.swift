import Foundation

/// OpenBLAS's threads, and the CPUs this process may use.
///
/// The BLAS thread count and the allocator's reuse of freed memory are the process-wide knobs of the core:
/// the executable and the sweep runner set them; library code only reads them.
public enum ComputeResources {
    /// The number of threads OpenBLAS uses for level-3 calls. The C function is `openblas_get_num_threads`.
    public static var blasThreadCount: Int { _openblasGetNumThreads() }

    /// Sets the OpenBLAS thread count (clamped to at least 1). The C function is `openblas_set_num_threads`.
    public static func setBLASThreadCount(_ n: Int) { _openblasSetNumThreads(Swift.max(1, n)) }

    /// CPUs this process may use: the affinity mask (`sched_getaffinity`), further limited by
    /// `SLURM_CPUS_PER_TASK` when Slurm sets it. `ProcessInfo.activeProcessorCount` ignores the mask,
    /// so under `taskset` or a Slurm cgroup it overcounts.
    public static func usableCPUCount(environment: [String: String] = ProcessInfo.processInfo.environment) -> Int {
        var n = _affinityCPUCount() ?? ProcessInfo.processInfo.activeProcessorCount
        if let s = environment["SLURM_CPUS_PER_TASK"], let k = Int(s.trimmingCharacters(in: .whitespaces)), k > 0 {
            n = Swift.min(n, k)
        }
        return Swift.max(1, n)
    }

    /// OpenBLAS's configuration string, e.g. `OpenBLAS 0.3.21 DYNAMIC_ARCH NO_AFFINITY Zen MAX_THREADS=64`.
    public static var blasConfiguration: String { _openblasConfig().trimmingCharacters(in: .whitespaces) }

    /// The OpenBLAS version, read from the configuration string (e.g. `0.3.21`).
    public static var blasVersion: String {
        let parts = blasConfiguration.split(separator: " ")
        if let i = parts.firstIndex(of: "OpenBLAS"), i + 1 < parts.count { return String(parts[i + 1]) }
        return "unknown"
    }

    /// Keeps freed memory in the process for reuse: blocks below 64 MiB come from the heap rather than
    /// their own `mmap`, and the heap is returned to the system only above 512 MiB of free space at its
    /// top (glibc `mallopt` `M_MMAP_THRESHOLD`, `M_TRIM_THRESHOLD`). The engine's yearly arrays are then
    /// served from pages already touched instead of being faulted in again every year (a baseline run:
    /// about 12,600 minor page faults without it, under 200 with it; measured in `Benchmarks/`). A
    /// process-wide setting like the BLAS thread count: the executable and the benchmarks call it once at
    /// start; library code never does. Returns false where the allocator is not glibc's.
    @discardableResult
    public static func keepFreedMemoryForReuse() -> Bool {
        _mallocKeepFreedMemory(mmapThreshold: 64 << 20, trimThreshold: 512 << 20)
    }

    /// True when a sanitizer's allocator (ASan, TSan) replaces glibc's: `keepFreedMemoryForReuse` then
    /// has nothing to set and returns false.
    public static var allocatorIsSanitizers: Bool { _sanitizerAllocatorActive() }

    /// The CPU kernel OpenBLAS selected (e.g. `Zen`, `SkylakeX`, `Haswell`).
    public static var blasCoreName: String { _openblasCorename() }
}
