/// The fixed parts of the index file format (version 1). See docs/index-file.md.
///
/// ```
/// 0   magic "GQAINDEX"                     8 bytes
/// 8   format version                       u32
/// 12  header length (fixed part + meta)    u32
/// 16  file length                          u64   (truncation is caught before anything is read)
/// 24  section count                        u32
/// 28  reserved (0)                         u32
/// 32  header checksum: XXH64 of bytes 40..<header length                u64
/// 40  metadata, then the section table (kind u32, 0 u32, offset u64, length u64, XXH64 u64)
/// …   sections, each checksummed on its own so that they can be verified and decoded in parallel
/// ```
/// All fixed-width integers are little-endian; counts, indices and gaps are LEB128.
enum IndexFileLayout {
    static let magic: [UInt8] = Array("GQAINDEX".utf8)
    static let formatVersion: UInt32 = 1
    static let fixedHeaderLength = 40
    static let sectionEntryLength = 32

    /// The sections, in file order. Raw values are stored in the section table.
    enum Section: UInt32, CaseIterable, Sendable {
        case documents = 1
        case references = 2
        case passages = 3
        case texts = 4
        case harvested = 5
        case bodyTerms = 10
        case bodyPostings = 11
        case bodyPositions = 12
        case bodyLengths = 13
        case headingTerms = 20
        case headingPostings = 21
        case headingPositions = 22
        case headingLengths = 23

        var name: String {
            switch self {
            case .documents: "documents"
            case .references: "references"
            case .passages: "passages"
            case .texts: "passage texts"
            case .harvested: "harvested abbreviations"
            case .bodyTerms: "body terms"
            case .bodyPostings: "body postings"
            case .bodyPositions: "body positions"
            case .bodyLengths: "body lengths"
            case .headingTerms: "heading terms"
            case .headingPostings: "heading postings"
            case .headingPositions: "heading positions"
            case .headingLengths: "heading lengths"
            }
        }
    }
}

/// What the header says about the index, beyond the layout: who built it, with which
/// options, from which corpus, and how big each part is (so the reader can size its
/// arrays before decoding).
public struct IndexFileMetadata: Sendable, Equatable {
    /// The guideqa version that wrote the file (`guideqa --version`).
    public var engineVersion: String
    public var analysis: Analyzer.Options
    /// `IndexFile.engineFingerprint(analysis:)` of the engine that wrote the file.
    public var engineFingerprint: UInt64
    /// The cache key of the corpus the index was built from (0: none, a file from `guideqa index --output`).
    public var corpusKey: UInt64
    public var passageCount: Int
    public var documentCount: Int
    public var referenceCount: Int

    /// Sizes of one field's arrays.
    public struct FieldCounts: Sendable, Equatable {
        public var terms: Int
        public var postings: Int
        public var positions: Int
        public var totalLength: Int
    }
    public var body: FieldCounts
    public var heading: FieldCounts
}
