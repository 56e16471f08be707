#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The persisted index: a corpus, its inverted index and its harvested abbreviations in
/// one binary file, so that a front end starts by mapping a file instead of parsing and
/// indexing the corpus again (format: `IndexFileLayout`, docs/index-file.md).
///
/// The library encodes and decodes; where the file lives (cache folder, `--output`),
/// how it is written atomically and what the user is told is the front end's business.
public enum IndexFile {
    /// What an index file holds.
    public struct Contents: Sendable {
        public var corpus: Corpus
        public var index: InvertedIndex
        /// `Vocabulary.harvested(from: corpus)` as found when the file was written.
        public var harvested: Vocabulary
        public var metadata: IndexFileMetadata
    }

    /// What the reader insists on; any difference is an `IndexFileError`.
    public struct Expectation: Sendable {
        public var engineVersion: String
        public var analysis: Analyzer.Options
        /// The corpus key the file must carry; nil accepts any (a file named by the user).
        public var corpusKey: UInt64?

        public init(engineVersion: String, analysis: Analyzer.Options, corpusKey: UInt64? = nil) {
            self.engineVersion = engineVersion
            self.analysis = analysis
            self.corpusKey = corpusKey
        }
    }

    /// The bytes of an index file for an indexed corpus.
    /// - Parameters:
    ///   - engineVersion: written into the header; a reader expecting another refuses the file.
    ///   - analysis: the options `index` was built with.
    ///   - corpusKey: the cache key of the corpus (0 for a file that is not a cache entry).
    public static func encode(corpus: Corpus, index: InvertedIndex, harvested: Vocabulary, engineVersion: String,
                              analysis: Analyzer.Options, corpusKey: UInt64 = 0) throws(IndexFileError) -> [UInt8] {
        try IndexFileWriter(corpus: corpus, index: index, harvested: harvested, engineVersion: engineVersion,
                            analysis: analysis, corpusKey: corpusKey).encode()
    }

    /// Decodes index file bytes, checking them against `expectation` first (nil: no checks
    /// beyond the format and checksums).
    public static func decode(_ bytes: UnsafeRawBufferPointer,
                              expecting expectation: Expectation?) throws(IndexFileError) -> Contents {
        try IndexFileReader(bytes: bytes).decode(expecting: expectation)
    }

    public static func decode(_ bytes: [UInt8], expecting expectation: Expectation?) throws(IndexFileError) -> Contents {
        var result: Result<Contents, IndexFileError>?
        bytes.withUnsafeBytes { raw in
            do throws(IndexFileError) { result = .success(try decode(raw, expecting: expectation)) } catch {
                result = .failure(error)
            }
        }
        guard let result else { throw .unreadable("no bytes") }
        return try result.get()
    }

    /// The header alone (no section is read or verified).
    public static func metadata(_ bytes: UnsafeRawBufferPointer) throws(IndexFileError) -> IndexFileMetadata {
        try IndexFileReader(bytes: bytes).header(expecting: nil).0
    }

    /// Maps the file read-only, checks and decodes it, and unmaps it: the engine's
    /// arrays are its own copies, so nothing refers to the mapping afterwards.
    public static func load(path: String, expecting expectation: Expectation?) throws(IndexFileError) -> Contents {
        let file = try MappedFile(path: path)
        defer { file.close() }
        return try decode(file.bytes, expecting: expectation)
    }
}

/// A file mapped read-only into memory (`mmap`), pages read in up front on Linux
/// (`MAP_POPULATE`: the whole file is about to be decoded, so faulting it in one go is
/// cheaper than page by page).
struct MappedFile {
    let bytes: UnsafeRawBufferPointer
    private let address: UnsafeMutableRawPointer?

    init(path: String, populate: Bool = true) throws(IndexFileError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .unreadable("\(path): \(String(cString: strerror(errno)))") }
        defer { _ = closeFileDescriptor(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .unreadable("\(path): \(String(cString: strerror(errno)))") }
        guard info.st_mode & S_IFMT == S_IFREG else { throw .unreadable("\(path): not a regular file") }
        let size = Int(info.st_size)
        guard size > 0 else {
            address = nil
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            return
        }
        #if os(Linux)
        let flags = populate ? MAP_PRIVATE | MAP_POPULATE : MAP_PRIVATE
        #else
        let flags = MAP_PRIVATE
        #endif
        guard let mapped = mmap(nil, size, PROT_READ, flags, fd, 0), mapped != MAP_FAILED else {
            throw .unreadable("\(path): cannot map it (\(String(cString: strerror(errno))))")
        }
        address = mapped
        bytes = UnsafeRawBufferPointer(start: mapped, count: size)
    }

    func close() {
        if let address { munmap(address, bytes.count) }
    }
}

/// `close` is shadowed by `MappedFile.close` inside the type.
@inline(__always)
private func closeFileDescriptor(_ fd: Int32) -> Int32 { close(fd) }
