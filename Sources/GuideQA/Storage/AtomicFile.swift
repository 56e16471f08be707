import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes a file so that readers see the old or the new contents, never a mix: the
/// bytes go to `PATH.tmp-PID` beside it, are flushed to disk (`fsync`), then renamed
/// over it. A writer killed half-way leaves only its temporary file, which no reader
/// opens. Used for the REPL history, the index cache and `check --update`.
public enum AtomicFile {
    /// The reason a write failed, from the system.
    public struct WriteError: Error, CustomStringConvertible {
        public var description: String
    }

    /// - Parameters:
    ///   - data: the bytes, written from where they lie (an index file's gigabyte is not
    ///     copied into a `Data` first).
    ///   - mode: permissions of the new file (the old file's are not kept).
    public static func write(_ data: some ContiguousBytes, to path: String, mode: mode_t = 0o600) throws(WriteError) {
        let temporary = path + ".tmp-\(getpid())"
        let fd = open(temporary, O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, mode)
        guard fd >= 0 else { throw WriteError(description: String(cString: strerror(errno))) }
        var failure: Int32 = 0
        data.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            var offset = 0
            while offset < raw.count {
                let n = Glibc.write(fd, base + offset, raw.count - offset)
                if n <= 0 { failure = errno; return }
                offset += n
            }
        }
        if failure == 0 && fsync(fd) != 0 { failure = errno }
        _ = fchmod(fd, mode)   // open() applies the umask; the caller asked for `mode`
        close(fd)
        if failure == 0 && rename(temporary, path) != 0 { failure = errno }
        if failure != 0 {
            unlink(temporary)
            throw WriteError(description: String(cString: strerror(failure)))
        }
    }
}
