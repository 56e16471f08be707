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
    /// The mapping, for a region that is a file; nil for heap memory this region frees.
    private let file: MappedFile?

    /// Maps a regular file read-only. Pages are read in on first touch, not up front:
    /// the reader verifies the large, rarely used sections (passage texts) a slice at a
    /// time and gives those pages back (`release`), so they never all count as resident.
    init(path: String) throws(IndexFileError) {
        do throws(MappedFile.Failure) {
            let file = try MappedFile(path: path)
            self.file = file
            bytes = file.bytes
        } catch {
            switch error {
            case .cannotOpen(let code): throw .unreadable("\(path): \(MappedFile.Failure.reason(code))")
            case .notRegularFile: throw .unreadable("\(path): not a regular file")
            case .cannotMap(let code): throw .unreadable("\(path): cannot map it (\(MappedFile.Failure.reason(code)))")
            }
        }
    }

    /// A 16-byte aligned heap copy (for bytes whose lifetime the caller does not promise).
    init(copying source: UnsafeRawBufferPointer) {
        guard source.count > 0 else {
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            file = nil
            return
        }
        let memory = UnsafeMutableRawPointer.allocate(byteCount: source.count, alignment: 16)
        memory.copyMemory(from: source.baseAddress.unsafelyUnwrapped, byteCount: source.count)
        bytes = UnsafeRawBufferPointer(start: memory, count: source.count)
        file = nil
    }

    /// A heap region filled by `fill` (which must write all `count` bytes): how an index
    /// built in memory gets the same compact columns a loaded one reads from its file.
    init(count: Int, fill: (UnsafeMutableRawBufferPointer) -> Void) {
        let memory = UnsafeMutableRawPointer.allocate(byteCount: max(count, 1), alignment: 16)
        memory.initializeMemory(as: UInt8.self, repeating: 0, count: max(count, 1))
        fill(UnsafeMutableRawBufferPointer(start: memory, count: count))
        bytes = UnsafeRawBufferPointer(start: memory, count: count)
        file = nil
    }

    /// A heap region that `fill` writes whole, not zeroed first: pages become resident only
    /// as they are written. The parallel build lays out a field's frequencies and packed
    /// positions this way while it frees the segments they come from, so the two are not
    /// resident at once.
    init(uninitializedCount count: Int, fill: (UnsafeMutableRawBufferPointer) -> Void) {
        let memory = UnsafeMutableRawPointer.allocate(byteCount: max(count, 1), alignment: 16)
        fill(UnsafeMutableRawBufferPointer(start: memory, count: count))
        bytes = UnsafeRawBufferPointer(start: memory, count: count)
        file = nil
    }

    deinit {
        guard file == nil, let base = bytes.baseAddress else { return }
        UnsafeMutableRawPointer(mutating: base).deallocate()
    }

    /// Drops the resident pages of a part of a mapped file that has been verified and
    /// will be read again only here and there (the next touch reads it back from the page
    /// cache). Heap copies are left alone.
    func release(_ part: UnsafeRawBufferPointer) {
        file?.release(part)
    }
}
