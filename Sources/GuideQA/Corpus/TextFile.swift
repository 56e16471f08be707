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
