/// Why an index file cannot be used. Every case means "rebuild it": the CLI reports the
/// description once and re-indexes the corpus (for the cache), or exits with status 2
/// (for a file named with `--index`).
public enum IndexFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file could not be opened, sized or mapped.
    case unreadable(String)
    /// Shorter than its header says: an interrupted copy or write.
    case truncated(actual: Int, expected: Int)
    /// Not a GuideQA index at all (wrong magic bytes).
    case notAnIndex
    /// Written in another layout of the file format.
    case foreignFormat(found: UInt32, expected: UInt32)
    /// Written by another version of guideqa.
    case foreignEngine(found: String, expected: String)
    /// Built with other analysis options (stemming, stopwords) than the ones asked for.
    case otherAnalysis
    /// Built by an engine whose analyzer or index builder behaves differently from this one.
    case otherEngineBuild
    /// Built from another corpus (the cache key in the file is not the expected one).
    case otherCorpus
    /// The header or a section does not match its checksum: the bytes were altered.
    case checksumMismatch(String)
    /// The bytes are consistent with their checksum but not with the format.
    case malformed(String)
    /// The index in memory cannot be stored in this format version (writer side).
    case unsupported(String)

    public var description: String {
        switch self {
        case .unreadable(let reason): return "cannot read the index file: \(reason)"
        case .truncated(let actual, let expected):
            return "the index file is truncated (\(actual) of \(expected) bytes)"
        case .notAnIndex: return "not a guideqa index file"
        case .foreignFormat(let found, let expected):
            return "the index file has format version \(found); this guideqa reads version \(expected)"
        case .foreignEngine(let found, let expected):
            return "the index file was built by guideqa \(found); this is guideqa \(expected)"
        case .otherAnalysis: return "the index file was built with other analysis options"
        case .otherEngineBuild: return "the index file was built by a guideqa whose text analysis differs from this one"
        case .otherCorpus: return "the index file was built from another corpus"
        case .checksumMismatch(let part): return "the index file is corrupt (checksum mismatch in \(part))"
        case .malformed(let what): return "the index file is malformed (\(what))"
        case .unsupported(let what): return "cannot store this index: \(what)"
        }
    }
}
