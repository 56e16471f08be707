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

    /// The bytes of an index file for an indexed corpus, in memory (see `encoding` for a
    /// file written without holding it whole).
    /// - Parameters:
    ///   - engineVersion: written into the header; a reader expecting another refuses the file.
    ///   - analysis: the options `index` was built with.
    ///   - corpusKey: the cache key of the corpus (0 for a file that is not a cache entry).
    public static func encode(corpus: Corpus, index: InvertedIndex, harvested: Vocabulary, engineVersion: String,
                              analysis: Analyzer.Options, corpusKey: UInt64 = 0) throws(IndexFileError) -> [UInt8] {
        try encoding(corpus: corpus, index: index, harvested: harvested, engineVersion: engineVersion,
                     analysis: analysis, corpusKey: corpusKey).bytes()
    }

    /// An index file ready to be written (parameters as `encode`): anything that cannot be
    /// stored is found here, so writing it can fail only for I/O.
    public static func encoding(corpus: Corpus, index: InvertedIndex, harvested: Vocabulary, engineVersion: String,
                                analysis: Analyzer.Options, corpusKey: UInt64 = 0) throws(IndexFileError) -> Encoding {
        Encoding(writer: try IndexFileWriter(corpus: corpus, index: index, harvested: harvested,
                                             engineVersion: engineVersion, analysis: analysis, corpusKey: corpusKey))
    }

    /// An index file about to be written, as bytes or straight into a file.
    public struct Encoding {
        let writer: IndexFileWriter

        /// The file's bytes, in memory.
        public func bytes() -> [UInt8] {
            let output = IndexFileOutput()
            do {
                try writer.write(to: output)
            } catch {
                preconditionFailure("writing to memory does not fail: \(error)")
            }
            return output.bytes
        }

        /// Writes the file at `path` atomically (`AtomicFile`), a section at a time: at a
        /// million passages the file is over a gigabyte, and it is never held in memory.
        /// - Returns: the file's length in bytes.
        @discardableResult
        public func write(to path: String, mode: mode_t = 0o600) throws(AtomicFile.WriteError) -> Int {
            var length = 0
            try AtomicFile.write(to: path, mode: mode) { (file: AtomicFile.Output) throws(AtomicFile.WriteError) in
                let output = IndexFileOutput(file: file)
                try writer.write(to: output)
                length = output.count
            }
            return length
        }
    }

    /// Decodes index file bytes, checking them against `expectation` first (nil: no checks
    /// beyond the format and checksums). The bytes are copied: the index reads its
    /// columns in place, and these bytes are only the caller's for the call.
    public static func decode(_ bytes: UnsafeRawBufferPointer,
                              expecting expectation: Expectation?) throws(IndexFileError) -> Contents {
        try IndexFileReader(region: IndexFileRegion(copying: bytes)).decode(expecting: expectation)
    }

    public static func decode(_ bytes: [UInt8], expecting expectation: Expectation?) throws(IndexFileError) -> Contents {
        let region = bytes.withUnsafeBytes { IndexFileRegion(copying: $0) }
        return try IndexFileReader(region: region).decode(expecting: expectation)
    }

    /// The header alone (no section is read or verified).
    public static func metadata(_ bytes: UnsafeRawBufferPointer) throws(IndexFileError) -> IndexFileMetadata {
        try IndexFileReader.header(bytes, expecting: nil).0
    }

    /// Maps the file read-only, checks it whole, and returns contents that read the
    /// mapping in place: it stays mapped for as long as the corpus or index (or an engine
    /// over them) is alive, and is unmapped when the last of them goes.
    public static func load(path: String, expecting expectation: Expectation?) throws(IndexFileError) -> Contents {
        try IndexFileReader(region: IndexFileRegion(path: path)).decode(expecting: expectation)
    }
}
