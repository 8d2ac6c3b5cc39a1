// glibc's allocator options (`mallopt(3)`). A yearly step allocates and frees arrays of a few hundred
// kilobytes (trade shares, routing, Krylov bases); by default glibc serves each from a fresh `mmap` or
// trims the heap on `free`, so every year faults the same pages in again (about 12,000 minor faults a
// baseline run). Keeping freed memory in the heap removes that cost. `mallopt` is declared in
// `<malloc.h>`, which Swift's Glibc module does not include: it is looked up with `dlsym`, and the two
// option numbers are glibc's (`M_TRIM_THRESHOLD` −1, `M_MMAP_THRESHOLD` −3, stable since glibc 2.0).
#if canImport(Glibc)
import Glibc

private typealias MallOpt = @convention(c) (Int32, Int32) -> Int32
private let mTrimThreshold: Int32 = -1
private let mMmapThreshold: Int32 = -3

/// Sets `M_MMAP_THRESHOLD` and `M_TRIM_THRESHOLD`; false when `mallopt` is missing or refuses either.
/// The corresponding C function is `mallopt`.
func _mallocKeepFreedMemory(mmapThreshold: Int32, trimThreshold: Int32) -> Bool {
    // RTLD_DEFAULT is a null handle on glibc.
    guard let sym = dlsym(nil, "mallopt") else { return false }
    let f = unsafeBitCast(sym, to: MallOpt.self)
    let a = f(mMmapThreshold, mmapThreshold)
    let b = f(mTrimThreshold, trimThreshold)
    return a == 1 && b == 1
}

/// True when AddressSanitizer or ThreadSanitizer runs in this process: their allocators replace glibc's,
/// and their `mallopt` refuses every option.
func _sanitizerAllocatorActive() -> Bool {
    dlsym(nil, "__asan_init") != nil || dlsym(nil, "__tsan_init") != nil
}
#else
func _mallocKeepFreedMemory(mmapThreshold: Int32, trimThreshold: Int32) -> Bool { false }
func _sanitizerAllocatorActive() -> Bool { false }
#endif
