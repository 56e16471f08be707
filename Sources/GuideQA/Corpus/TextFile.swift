import Foundation

/// Reads a corpus or script file as UTF-8 text, refusing what is not text.
///
/// The check is done here, once, so that every parser downstream can assume valid,
/// NUL-free UTF-8 and report its own errors by line.
enum TextFile {
    static func read(_ path: String, display: String) throws(CorpusError) -> String {
        // A FIFO, socket or device named like a document would block the read or never end.
        var info = stat()
        if stat(path, &info) == 0, info.st_mode & S_IFMT != S_IFREG {
            throw CorpusError(.unreadable("not a regular file"), at: SourceLocation(file: display, line: 0))
        }
        let url = URL(fileURLWithPath: path)
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            if !FileManager.default.fileExists(atPath: path) {
                throw CorpusError(.notFound, at: SourceLocation(file: display, line: 0))
            }
            throw CorpusError(.unreadable(reasonText(error)), at: SourceLocation(file: display, line: 0))
        }
        return try decode(data, display: display)
    }

    /// A corpus file's bytes, checked as `read` checks its text (not empty, no NUL, valid
    /// UTF-8, the same errors at the same lines), for a reader that goes through them once,
    /// in order: the JSONL reader. The file is mapped, checked a slice at a time, and each
    /// slice's pages are given back after use (also by the reader, through `release`).
    ///
    /// Why: `read` holds the file twice while it decodes it (a `Data`, then a `String`) and
    /// once more while the passages are made from it; for a million-passage JSONL file that
    /// was 1.6 GB before any passage existed.
    static func mapped(_ path: String, display: String) throws(CorpusError) -> MappedText {
        var info = stat()
        if stat(path, &info) == 0, info.st_mode & S_IFMT != S_IFREG {
            throw CorpusError(.unreadable("not a regular file"), at: SourceLocation(file: display, line: 0))
        }
        let file: MappedFile
        do throws(MappedFile.Failure) {
            file = try MappedFile(path: path)
        } catch {
            switch error {
            case .cannotOpen(errno: ENOENT): throw CorpusError(.notFound, at: SourceLocation(file: display, line: 0))
            case .cannotOpen(let code), .cannotMap(let code):
                throw CorpusError(.unreadable(MappedFile.Failure.reason(code)), at: SourceLocation(file: display, line: 0))
            case .notRegularFile:
                throw CorpusError(.unreadable("not a regular file"), at: SourceLocation(file: display, line: 0))
            }
        }
        let text = MappedText(file: file)
        try text.check(display: display)
        return text
    }

    /// A mapped, checked text file (see `mapped`): valid UTF-8 without NUL, not empty.
    struct MappedText {
        private let file: MappedFile
        /// How much a check or a reader goes through before giving pages back.
        static let sliceLength = 4 << 20

        fileprivate init(file: MappedFile) {
            self.file = file
        }

        /// Runs `body` on the bytes, which are valid only while it runs.
        func withBytes<R, E: Error>(_ body: (UnsafeBufferPointer<UInt8>) throws(E) -> R) throws(E) -> R {
            defer { withExtendedLifetime(file) {} }
            return try body(file.bytes.assumingMemoryBound(to: UInt8.self))
        }

        /// Gives back the pages of `range` (read; a later touch reads them again).
        func release(_ range: Range<Int>) {
            file.release(UnsafeRawBufferPointer(rebasing: file.bytes[range]))
        }

        /// The checks of `decode`, in its order: empty, then the first NUL anywhere, then the
        /// first line that is not UTF-8. Slices end after a newline, so no line (and no
        /// UTF-8 sequence of a valid file) is split between two.
        fileprivate func check(display: String) throws(CorpusError) {
            let failure: CorpusError? = withBytes { bytes in
                guard let base = bytes.baseAddress, bytes.count > 0 else {
                    return CorpusError(.emptyFile, at: SourceLocation(file: display, line: 0))
                }
                var invalid: Range<Int>?
                var start = 0
                while start < bytes.count {
                    let end = Self.sliceEnd(bytes, from: start)
                    let slice = UnsafeBufferPointer(rebasing: bytes[start..<end])
                    if let hit = memchr(base + start, 0, end - start) {
                        let nul = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
                        return CorpusError(.containsNUL, at: SourceLocation(file: display, line: 1 + Self.lines(bytes, before: nul)))
                    }
                    if invalid == nil && String(validating: slice, as: UTF8.self) == nil { invalid = start..<end }
                    release(start..<end)
                    start = end
                }
                guard let invalid else { return nil }
                let line = Self.lines(bytes, before: invalid.lowerBound)
                    + TextFile.firstInvalidLine(UnsafeBufferPointer(rebasing: bytes[invalid]))
                return CorpusError(.invalidUTF8, at: SourceLocation(file: display, line: line))
            }
            if let failure { throw failure }
        }

        /// Where a slice that starts at `start` ends: just after the last newline within
        /// `sliceLength` bytes, else after the next newline, else at the end.
        static func sliceEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
            let limit = min(start + sliceLength, bytes.count)
            guard limit < bytes.count else { return limit }
            var end = limit
            while end > start && bytes[end - 1] != 0x0A { end -= 1 }
            if end > start { return end }
            end = limit
            while end < bytes.count && bytes[end] != 0x0A { end += 1 }
            return min(end + 1, bytes.count)
        }

        /// Newlines before `offset` (for the line of an error).
        private static func lines(_ bytes: UnsafeBufferPointer<UInt8>, before offset: Int) -> Int {
            var count = 0
            for i in 0..<offset where bytes[i] == 0x0A { count += 1 }
            return count
        }
    }

    static func decode(_ data: Data, display: String) throws(CorpusError) -> String {
        if data.isEmpty { throw CorpusError(.emptyFile, at: SourceLocation(file: display, line: 0)) }
        var line = 1
        let nul: Int? = data.withUnsafeBytes { raw in
            guard let base = raw.baseAddress, let hit = memchr(base, 0, raw.count) else { return nil }
            return base.distance(to: UnsafeRawPointer(hit))
        }
        if let nul {
            line = 1 + data.prefix(nul).reduce(0) { $0 + ($1 == 10 ? 1 : 0) }
            throw CorpusError(.containsNUL, at: SourceLocation(file: display, line: line))
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw CorpusError(.invalidUTF8, at: SourceLocation(file: display, line: firstInvalidLine(data)))
        }
        return text
    }

    /// The 1-based line of the first byte sequence that is not UTF-8.
    static func firstInvalidLine(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var line = 1
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count && bytes[end] != 0x0A { end += 1 }
            if String(validating: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self) == nil { return line }
            line += 1
            start = end + 1
        }
        return line
    }

    /// The 1-based line of the first byte sequence that is not UTF-8.
    static func firstInvalidLine(_ data: Data) -> Int {
        var line = 1
        var start = data.startIndex
        while start < data.endIndex {
            let end = data[start...].firstIndex(of: 10) ?? data.endIndex
            if String(validating: data[start..<end], as: UTF8.self) == nil { return line }
            line += 1
            start = end < data.endIndex ? data.index(after: end) : end
        }
        return line
    }

    static func reasonText(_ error: Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError,
           underlying.domain == NSPOSIXErrorDomain, let code = POSIXErrorCode(rawValue: Int32(underlying.code)) {
            return String(cString: strerror(code.rawValue))
        }
        if ns.domain == NSCocoaErrorDomain && ns.code == NSFileReadNoPermissionError { return "permission denied" }
        return ns.localizedDescription
    }
}
