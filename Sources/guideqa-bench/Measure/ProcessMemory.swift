import Foundation
import CSQLite
#if canImport(Glibc)
import Glibc
#endif

/// The process's memory, as Linux reports it.
///
/// Both engines run in one process, so each phase resets the kernel's peak-RSS
/// counter (`/proc/self/clear_refs` ← 5) before it starts and reads `VmHWM` after:
/// the peak of that phase alone, not of whatever ran earlier. The loaded corpus is
/// resident in both phases; the report shows it separately.
enum ProcessMemory {
    /// Peak resident set since start or the last `resetPeak()`, in bytes (`VmHWM`).
    static func peakResident() -> Int? { statusField("VmHWM") }

    /// Current resident set, in bytes (`VmRSS`).
    static func resident() -> Int? { statusField("VmRSS") }

    /// Starts a new peak-RSS window. Returns false where the kernel does not allow it
    /// (then the peak is the process's peak so far, which the report says).
    @discardableResult
    static func resetPeak() -> Bool {
        guard let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return false }
        defer { try? handle.close() }
        do { try handle.write(contentsOf: Data("5".utf8)) } catch { return false }
        return true
    }

    /// Bytes the allocator has handed out and not had back (glibc `mallinfo2`): the
    /// difference around building an index is the index's size in memory, whatever its
    /// layout. Large arrays get pages of their own (`mmap`), counted in `hblkhd`, not
    /// in `uordblks`: both are needed.
    static func heapInUse() -> Int? {
        #if canImport(Glibc)
        let info = mallinfo2()
        return Int(info.uordblks) + Int(info.hblkhd)
        #else
        return nil
        #endif
    }

    /// Gives freed memory back to the kernel, so one engine's garbage does not count as
    /// the next engine's resident memory.
    static func trim() {
        #if canImport(Glibc)
        _ = malloc_trim(0)
        #endif
    }

    private static func statusField(_ name: String) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix(name + ":") {
            let digits = line.dropFirst(name.count + 1).filter(\.isNumber)
            if let kilobytes = Int(digits) { return kilobytes * 1024 }
        }
        return nil
    }
}
