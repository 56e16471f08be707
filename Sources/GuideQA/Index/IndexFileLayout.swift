/// The fixed parts of the index file format (version 2). See docs/index-file.md.
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
/// …   sections in table order, each starting at a multiple of 8 after zero padding, the
///     last one ending the file; each checksummed on its own so that they are verified in parallel
/// ```
/// All fixed-width integers are little-endian; counts, indices and gaps in streams are
/// LEB128. Version 2 stores the term table, frequencies, positions, passage records and
/// texts so that a loaded index reads them in place (8-aligned fixed-width columns).
enum IndexFileLayout {
    static let magic: [UInt8] = Array("GQAINDEX".utf8)
    static let formatVersion: UInt32 = 2
    static let fixedHeaderLength = 40
    static let sectionEntryLength = 32
    static let sectionAlignment = 8

    /// The sections, in file order. Raw values are stored in the section table.
    enum Section: UInt32, CaseIterable, Sendable {
        case documents = 1
        case references = 2
        case passages = 3
        case texts = 4
        case harvested = 5
        case bodyTerms = 10
        case bodyPostings = 11
        case bodyFrequencies = 12
        case bodyPositions = 13
        case bodyLengths = 14
        case headingTerms = 20
        case headingPostings = 21
        case headingFrequencies = 22
        case headingPositions = 23
        case headingLengths = 24

        var name: String {
            switch self {
            case .documents: "documents"
            case .references: "references"
            case .passages: "passages"
            case .texts: "passage texts"
            case .harvested: "harvested abbreviations"
            case .bodyTerms: "body terms"
            case .bodyPostings: "body postings"
            case .bodyFrequencies: "body frequencies"
            case .bodyPositions: "body positions"
            case .bodyLengths: "body lengths"
            case .headingTerms: "heading terms"
            case .headingPostings: "heading postings"
            case .headingFrequencies: "heading frequencies"
            case .headingPositions: "heading positions"
            case .headingLengths: "heading lengths"
            }
        }
    }
}

// The columns of a loaded index are read in place as native integers.
#if _endian(big)
#error("the index file's fixed-width columns are little-endian; a big-endian host would need to swap them")
#endif

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
