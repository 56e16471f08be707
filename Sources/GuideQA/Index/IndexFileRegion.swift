#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Read-only bytes that stay at one address for as long as anything refers to them: an
/// index file mapped into memory (unmapped in `deinit`), or a heap copy of one.
///
/// Why a class: a loaded index uses its file in place (term table, frequencies,
/// positions, passage records and texts are read where they lie), so the mapping must
/// outlive every value that points into it. Each such value holds a reference to its
/// region; the last one to go unmaps the file. The bytes are never written after
/// `init`, so sharing them between threads is safe (`@unchecked Sendable`).
final class IndexFileRegion: @unchecked Sendable {
    let bytes: UnsafeRawBufferPointer
    private let mapped: Bool

    /// Maps a regular file read-only. Pages are read in on first touch, not up front:
    /// the reader verifies the large, rarely used sections (passage texts) a slice at a
    /// time and gives those pages back (`release`), so they never all count as resident.
    init(path: String) throws(IndexFileError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .unreadable("\(path): \(String(cString: strerror(errno)))") }
        defer { _ = close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .unreadable("\(path): \(String(cString: strerror(errno)))") }
        guard info.st_mode & S_IFMT == S_IFREG else { throw .unreadable("\(path): not a regular file") }
        let size = Int(info.st_size)
        guard size > 0 else {
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            mapped = false
            return
        }
        guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), address != MAP_FAILED else {
            throw .unreadable("\(path): cannot map it (\(String(cString: strerror(errno))))")
        }
        bytes = UnsafeRawBufferPointer(start: address, count: size)
        mapped = true
    }

    /// A 16-byte aligned heap copy (for bytes whose lifetime the caller does not promise).
    init(copying source: UnsafeRawBufferPointer) {
        guard source.count > 0 else {
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            mapped = false
            return
        }
        let memory = UnsafeMutableRawPointer.allocate(byteCount: source.count, alignment: 16)
        memory.copyMemory(from: source.baseAddress.unsafelyUnwrapped, byteCount: source.count)
        bytes = UnsafeRawBufferPointer(start: memory, count: source.count)
        mapped = false
    }

    /// A heap region filled by `fill` (which must write all `count` bytes): how an index
    /// built in memory gets the same compact columns a loaded one reads from its file.
    init(count: Int, fill: (UnsafeMutableRawBufferPointer) -> Void) {
        let memory = UnsafeMutableRawPointer.allocate(byteCount: max(count, 1), alignment: 16)
        memory.initializeMemory(as: UInt8.self, repeating: 0, count: max(count, 1))
        fill(UnsafeMutableRawBufferPointer(start: memory, count: count))
        bytes = UnsafeRawBufferPointer(start: memory, count: count)
        mapped = false
    }

    /// A heap region that `fill` writes whole, not zeroed first: pages become resident only
    /// as they are written. The parallel build lays out a field's frequencies and packed
    /// positions this way while it frees the segments they come from, so the two are not
    /// resident at once.
    init(uninitializedCount count: Int, fill: (UnsafeMutableRawBufferPointer) -> Void) {
        let memory = UnsafeMutableRawPointer.allocate(byteCount: max(count, 1), alignment: 16)
        fill(UnsafeMutableRawBufferPointer(start: memory, count: count))
        bytes = UnsafeRawBufferPointer(start: memory, count: count)
        mapped = false
    }

    deinit {
        guard let base = bytes.baseAddress else { return }
        if mapped {
            munmap(UnsafeMutableRawPointer(mutating: base), bytes.count)
        } else {
            UnsafeMutableRawPointer(mutating: base).deallocate()
        }
    }

    /// Drops the resident pages of a part of a mapped file that has been verified and
    /// will be read again only here and there (the next touch reads it back from the page
    /// cache). Heap copies are left alone.
    func release(_ part: UnsafeRawBufferPointer) {
        guard mapped, let start = part.baseAddress, part.count > 0, let base = bytes.baseAddress else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        // Whole pages strictly inside the part only: a shared edge page may hold other data.
        let from = (start - base + page - 1) / page * page
        let to = (start - base + part.count) / page * page
        guard to > from else { return }
        _ = madvise(UnsafeMutableRawPointer(mutating: base + from), to - from, MADV_DONTNEED)
    }
}
