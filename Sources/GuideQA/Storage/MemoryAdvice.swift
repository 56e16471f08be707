#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Hints to the kernel about memory about to be filled or read once, where a large index
/// spends more time in page faults than in its own loops.
enum MemoryAdvice {
    /// Asks for transparent huge pages over the 2 MB blocks inside `buffer`, before it is
    /// first written: a 40 MB column then faults 20 times instead of 10,000 (each fault
    /// costs about as much as decoding a few hundred postings). Only a hint: nothing
    /// changes where the system does not offer them.
    static func preferHugePages(_ buffer: UnsafeMutableRawBufferPointer) {
        #if os(Linux)
        let huge = 2 << 20
        guard let base = buffer.baseAddress, buffer.count >= 2 * huge else { return }
        let start = (Int(bitPattern: base) + huge - 1) & ~(huge - 1)
        let end = (Int(bitPattern: base) + buffer.count) & ~(huge - 1)
        guard end > start, let address = UnsafeMutableRawPointer(bitPattern: start) else { return }
        _ = madvise(address, end - start, MADV_HUGEPAGE)
        #endif
    }
}
