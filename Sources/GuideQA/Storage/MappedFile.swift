#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A regular file mapped read-only, unmapped when the last reference goes.
///
/// Why map rather than read: pages come in on first touch and can be given back after
/// use (`release`), so a reader that goes through a large file once (a million-passage
/// corpus, an index file being verified) never holds the whole file in its resident
/// memory; a `Data` or `String` of it would, and decoding one into the other held it twice.
final class MappedFile: @unchecked Sendable {
    let bytes: UnsafeRawBufferPointer

    /// Why a file could not be mapped; `errno` values are the system's.
    enum Failure: Error, Equatable {
        case cannotOpen(errno: Int32)
        case notRegularFile
        case cannotMap(errno: Int32)

        /// The system's words for an `errno` value.
        static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }
    }

    init(path: String) throws(Failure) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .cannotOpen(errno: errno) }
        defer { _ = close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .cannotOpen(errno: errno) }
        guard info.st_mode & S_IFMT == S_IFREG else { throw .notRegularFile }
        let size = Int(info.st_size)
        guard size > 0 else {
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            return
        }
        guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), address != MAP_FAILED else {
            throw .cannotMap(errno: errno)
        }
        bytes = UnsafeRawBufferPointer(start: address, count: size)
    }

    deinit {
        if let base = bytes.baseAddress { munmap(UnsafeMutableRawPointer(mutating: base), bytes.count) }
    }

    /// Drops the resident pages of a part that has been read and will be read again only
    /// here and there, if at all (a later touch reads it back from the page cache).
    func release(_ part: UnsafeRawBufferPointer) {
        guard let start = part.baseAddress, part.count > 0, let base = bytes.baseAddress else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        // Whole pages strictly inside the part only: a shared edge page may hold other data.
        let from = (start - base + page - 1) / page * page
        let to = (start - base + part.count) / page * page
        guard to > from else { return }
        _ = madvise(UnsafeMutableRawPointer(mutating: base + from), to - from, MADV_DONTNEED)
    }
}
