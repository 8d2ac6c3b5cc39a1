// The CPU affinity mask, read with `sched_getaffinity(2)`. Glibc declares it only under `_GNU_SOURCE`,
// which Swift's Glibc module does not define, and `CPU_COUNT` is a macro: so the function is looked up
// with `dlsym` and the bits of the mask are counted here.
#if canImport(Glibc)
import Glibc

private typealias SchedGetAffinity = @convention(c) (pid_t, Int, UnsafeMutableRawPointer) -> Int32

/// CPUs in this process's affinity mask, or nil when the call is unavailable or fails.
/// The corresponding C function is `sched_getaffinity`.
func _affinityCPUCount() -> Int? {
    // RTLD_DEFAULT is a null handle on glibc.
    guard let sym = dlsym(nil, "sched_getaffinity") else { return nil }
    let f = unsafeBitCast(sym, to: SchedGetAffinity.self)
    var mask = [UInt64](repeating: 0, count: 64)  // 4,096 CPUs
    let rc = mask.withUnsafeMutableBytes { f(0, $0.count, $0.baseAddress!) }
    guard rc == 0 else { return nil }
    let count = mask.reduce(0) { $0 + $1.nonzeroBitCount }
    return count > 0 ? count : nil
}
#else
func _affinityCPUCount() -> Int? { nil }
#endif
