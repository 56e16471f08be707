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

        init(errno code: Int32) {
            description = String(cString: strerror(code))
        }
    }

    /// - Parameters:
    ///   - data: the bytes, written from where they lie (an index file's gigabyte is not
    ///     copied into a `Data` first).
    ///   - mode: permissions of the new file (the old file's are not kept).
    public static func write(_ data: some ContiguousBytes, to path: String, mode: mode_t = 0o600) throws(WriteError) {
        try write(to: path, mode: mode) { (output: Output) throws(WriteError) in
            try withBytes(of: data) { (raw: UnsafeRawBufferPointer) throws(WriteError) in try output.write(raw) }
        }
    }

    /// Writes the file piece by piece: `fill` hands `Output` its bytes in order (and may
    /// go back to overwrite bytes it already wrote, such as a header whose checksums are
    /// known only at the end). So a file larger than what the caller wants to hold in
    /// memory, an index file, is never assembled whole. If `fill` throws, the temporary
    /// file is removed and the old file stays.
    public static func write(to path: String, mode: mode_t = 0o600,
                             _ fill: (Output) throws(WriteError) -> Void) throws(WriteError) {
        let temporary = path + ".tmp-\(getpid())"
        let fd = open(temporary, O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, mode)
        guard fd >= 0 else { throw WriteError(errno: errno) }
        var failure: WriteError?
        do throws(WriteError) {
            try fill(Output(fd: fd))
            if fsync(fd) != 0 { throw WriteError(errno: errno) }
        } catch {
            failure = error
        }
        _ = fchmod(fd, mode)   // open() applies the umask; the caller asked for `mode`
        close(fd)
        if failure == nil && rename(temporary, path) != 0 { failure = WriteError(errno: errno) }
        if let failure {
            unlink(temporary)
            throw failure
        }
    }

    /// The open temporary file of a `write(to:mode:_:)` in progress.
    public struct Output {
        let fd: Int32

        /// Appends bytes at the end of what was written so far.
        public func write(_ bytes: UnsafeRawBufferPointer) throws(WriteError) {
            guard let base = bytes.baseAddress else { return }
            var offset = 0
            while offset < bytes.count {
                let n = Glibc.write(fd, base + offset, bytes.count - offset)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { throw WriteError(errno: n < 0 ? errno : EIO) }
                offset += n
            }
        }

        /// Overwrites bytes already written, at `offset` from the start of the file.
        public func overwrite(_ bytes: UnsafeRawBufferPointer, at offset: Int) throws(WriteError) {
            guard let base = bytes.baseAddress else { return }
            var done = 0
            while done < bytes.count {
                let n = pwrite(fd, base + done, bytes.count - done, off_t(offset + done))
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { throw WriteError(errno: n < 0 ? errno : EIO) }
                done += n
            }
        }
    }
}
