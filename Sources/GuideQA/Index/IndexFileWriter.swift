/// Encodes a corpus, its inverted index and its harvested abbreviations into the bytes
/// of an index file (format in `IndexFileLayout`, docs/index-file.md).
///
/// Everything the engine needs at start-up is in the file, so loading it never touches
/// the corpus files, the analyzer or the harvester: it is a decode, not a rebuild.
///
/// The file is streamed (`IndexFileOutput`): a placeholder header, then each section as
/// it is encoded, hashed on the way; the header, whose section table holds the lengths and
/// checksums, is written over the placeholder at the end. What cannot be stored is found
/// by `init`, before the first byte is written, so writing fails only for I/O.
struct IndexFileWriter {
    let corpus: Corpus
    let index: InvertedIndex
    let harvested: Vocabulary
    private let metadata: [UInt8]

    typealias Section = IndexFileLayout.Section
    typealias WriteError = AtomicFile.WriteError

    init(corpus: Corpus, index: InvertedIndex, harvested: Vocabulary, engineVersion: String,
         analysis: Analyzer.Options, corpusKey: UInt64) throws(IndexFileError) {
        for field in [index.body, index.heading] where field.passageCount != corpus.passages.count {
            throw .unsupported("the index has \(field.passageCount) passages, the corpus \(corpus.passages.count)")
        }
        var meta = IndexFileByteWriter()
        meta.string(engineVersion)
        meta.u8(analysis.stemming ? 1 : 0)
        meta.u8(analysis.stopwords ? 1 : 0)
        meta.u64(IndexFile.engineFingerprint(analysis: analysis))
        meta.u64(corpusKey)
        meta.varint(corpus.passages.count)
        meta.varint(corpus.documents.count)
        meta.varint(corpus.references.count)
        for field in [index.body, index.heading] {
            meta.varint(field.terms.count)
            meta.varint(field.postingPassages.count)
            meta.varint(field.positionCount)
            meta.varint(field.totalLength)
        }
        guard Self.headerLength(metadata: meta.count) <= Int(UInt32.max) else {
            throw .unsupported("the header is too large")
        }
        self.corpus = corpus
        self.index = index
        self.harvested = harvested
        metadata = meta.bytes
    }

    static func headerLength(metadata: Int) -> Int {
        IndexFileLayout.fixedHeaderLength + metadata + fileOrder.count * IndexFileLayout.sectionEntryLength
    }

    /// Writes the whole file to `output`, which must be empty.
    func write(to output: IndexFileOutput) throws(WriteError) {
        precondition(output.count == 0, "an index file starts its output")
        let headerLength = Self.headerLength(metadata: metadata.count)
        try withBytes(of: [UInt8](repeating: 0, count: headerLength)) { (raw: UnsafeRawBufferPointer) throws(WriteError) in
            try output.write(raw)
        }
        var table = IndexFileByteWriter()
        for kind in Self.fileOrder {
            try output.pad(to: IndexFileLayout.sectionAlignment)
            let offset = output.count
            var stream = IndexFileSectionStream(output: output)
            try write(kind, to: &stream)
            table.u32(kind.rawValue)
            table.u32(0)
            table.u64(UInt64(offset))
            table.u64(UInt64(stream.length))
            table.u64(stream.checksum)
        }
        var header = IndexFileByteWriter(capacity: headerLength)
        header.append(IndexFileLayout.magic)
        header.u32(IndexFileLayout.formatVersion)
        header.u32(UInt32(headerLength))
        header.u64(UInt64(output.count))
        header.u32(UInt32(Self.fileOrder.count))
        header.u32(0)
        header.u64(IndexFileChecksum.xxh64(metadata + table.bytes))
        header.append(metadata)
        header.append(table.bytes)
        precondition(header.count == headerLength, "the header is as long as its placeholder")
        try withBytes(of: header.bytes) { (raw: UnsafeRawBufferPointer) throws(WriteError) in
            try output.overwrite(raw, at: 0)
        }
    }

    /// The sections in the order the file holds them.
    static let fileOrder: [Section] = [
        .documents, .references, .passages, .texts, .harvested,
        .bodyTerms, .bodyPostings, .bodyFrequencies, .bodyPositions, .bodyLengths,
        .headingTerms, .headingPostings, .headingFrequencies, .headingPositions, .headingLengths,
    ]

    /// One section's bytes.
    private func write(_ kind: Section, to s: inout IndexFileSectionStream) throws(WriteError) {
        switch kind {
        case .documents: try documents(&s)
        case .references: try references(&s)
        case .passages: try passages(&s)
        case .texts: try texts(&s)
        case .harvested: try harvestedGroups(&s)
        case .bodyTerms: try terms(index.body, &s)
        case .bodyPostings: try Self.postings(index.body, &s)
        case .bodyFrequencies: try index.body.postingFrequencies.withStoredBytes { (raw: UnsafeRawBufferPointer) throws(WriteError) in try s.write(raw) }
        case .bodyPositions: try index.body.packedPositions.withStoredBytes { (raw: UnsafeRawBufferPointer) throws(WriteError) in try s.write(raw) }
        case .bodyLengths: try Self.lengths(index.body, &s)
        case .headingTerms: try terms(index.heading, &s)
        case .headingPostings: try Self.postings(index.heading, &s)
        case .headingFrequencies: try index.heading.postingFrequencies.withStoredBytes { (raw: UnsafeRawBufferPointer) throws(WriteError) in try s.write(raw) }
        case .headingPositions: try index.heading.packedPositions.withStoredBytes { (raw: UnsafeRawBufferPointer) throws(WriteError) in try s.write(raw) }
        case .headingLengths: try Self.lengths(index.heading, &s)
        }
    }

    // MARK: Corpus

    private func documents(_ s: inout IndexFileSectionStream) throws(WriteError) {
        var w = IndexFileByteWriter()
        w.varint(corpus.documents.count)
        for document in corpus.documents {
            w.string(document.id)
            w.string(document.title)
            if let updated = document.updated {
                w.u8(1)
                w.string(updated)
            } else {
                w.u8(0)
            }
            w.string(document.path)
            w.varint(document.passageIndices.count)
            for passage in document.passageIndices { w.varint(passage) }
            try s.drainIfFull(&w)
        }
        try s.drain(&w)
    }

    private func references(_ s: inout IndexFileSectionStream) throws(WriteError) {
        var w = IndexFileByteWriter()
        w.varint(corpus.references.count)
        for reference in corpus.references {
            w.string(reference.text)
            try s.drainIfFull(&w)
        }
        try s.drain(&w)
    }

    /// Everything about a passage but its text, with a table of record offsets (layout in
    /// `IndexFilePassages`). Section headings and file names repeat from passage to
    /// passage, so they are stored once in a name table and referred to. The records are
    /// made in memory first (the offsets and names precede them): about 30 bytes a passage.
    private func passages(_ s: inout IndexFileSectionStream) throws(WriteError) {
        var names: [String] = []
        var nameIDs: [String: Int] = [:]
        func name(_ text: String) -> Int {
            if let id = nameIDs[text] { return id }
            nameIDs[text] = names.count
            names.append(text)
            return names.count - 1
        }
        var records = IndexFileByteWriter(capacity: corpus.passages.count * 24)
        var offsets: [Int] = []
        offsets.reserveCapacity(corpus.passages.count + 1)
        for passage in corpus.passages {
            offsets.append(records.count)
            records.string(passage.id)
            records.varint(passage.documentIndex)
            records.varint(passage.section.count)
            for heading in passage.section { records.varint(name(heading)) }
            records.varint(passage.citations.count)
            for citation in passage.citations { records.varint(citation) }
            records.varint(name(passage.location.file))
            records.varint(passage.location.line)
        }
        offsets.append(records.count)
        var nameBytes = IndexFileByteWriter(capacity: names.count * 16)
        for text in names { nameBytes.string(text) }
        var w = IndexFileByteWriter()
        w.u64(UInt64(corpus.passages.count))
        w.u64(UInt64(names.count))
        w.u64(UInt64(nameBytes.count))
        for offset in offsets {
            w.u64(UInt64(offset))
            try s.drainIfFull(&w)
        }
        try s.drain(&w)
        offsets = []
        try s.drain(&nameBytes)
        try s.drain(&records)
    }

    /// Passage texts: a table of where each text starts, then all the UTF-8, so the
    /// reader finds a text's bytes without scanning (layout in `IndexFilePassages`).
    private func texts(_ s: inout IndexFileSectionStream) throws(WriteError) {
        var w = IndexFileByteWriter(capacity: IndexFileSectionStream.pieceLength + (64 << 10))
        w.u64(UInt64(corpus.passages.count))
        var offset = 0
        w.u64(0)
        for passage in corpus.passages {
            offset += passage.text.utf8.count
            w.u64(UInt64(offset))
            try s.drainIfFull(&w)
        }
        for passage in corpus.passages {
            var text = passage.text
            text.withUTF8 { w.append(UnsafeRawBufferPointer($0)) }
            try s.drainIfFull(&w)
        }
        try s.drain(&w)
    }

    private func harvestedGroups(_ s: inout IndexFileSectionStream) throws(WriteError) {
        var w = IndexFileByteWriter()
        w.varint(harvested.groups.count)
        for group in harvested.groups {
            w.varint(group.count)
            for name in group { w.string(name) }
        }
        try s.drain(&w)
    }

    // MARK: Fields

    private func terms(_ field: FieldIndex, _ s: inout IndexFileSectionStream) throws(WriteError) {
        let stored = field.terms.storedBytes
        try withBytes(of: stored) { (raw: UnsafeRawBufferPointer) throws(WriteError) in try s.write(raw) }
    }

    /// How many postings a chunk of the postings stream holds at least (it ends at the
    /// next term boundary): chunks are decoded in parallel.
    static let chunkPostings = 1 << 16

    /// A chunk table, then per term its document frequency and its passages as gaps
    /// (the first as is):
    /// ```
    /// 0    u64  term count T
    /// 8    u64  posting count P
    /// 16   u64  chunk count C
    /// 24   C × (u64 first term, u64 first posting, u64 offset in the stream)
    /// …    the stream
    /// ```
    /// The table precedes the stream, so the stream is measured first (varint lengths
    /// only) and then coded a piece at a time: it is never held whole.
    private static func postings(_ field: FieldIndex, _ s: inout IndexFileSectionStream) throws(WriteError) {
        let chunks = postingChunks(field)
        var w = IndexFileByteWriter(capacity: IndexFileSectionStream.pieceLength + (64 << 10))
        w.u64(UInt64(field.terms.count))
        w.u64(UInt64(field.postingPassages.count))
        w.u64(UInt64(chunks.count))
        for chunk in chunks {
            w.u64(UInt64(chunk.term))
            w.u64(UInt64(chunk.posting))
            w.u64(UInt64(chunk.offset))
            try s.drainIfFull(&w)
        }
        for t in 0..<field.terms.count {
            let range = field.postingRange(Int32(t))
            w.varint(range.count)
            var previous: Int32 = 0
            for p in range {
                let passage = field.postingPassages[p]
                w.varint(passage - previous)
                previous = passage
            }
            try s.drainIfFull(&w)
        }
        try s.drain(&w)
    }

    /// Where each chunk of the postings stream starts (a chunk every `every` postings or
    /// more): the stream's bytes counted, not written.
    static func postingChunks(_ field: FieldIndex, every: Int = chunkPostings) -> [(term: Int, posting: Int, offset: Int)] {
        var chunks: [(term: Int, posting: Int, offset: Int)] = []
        var sinceChunk = Int.max
        var offset = 0
        field.postingPassages.withUnsafeBufferPointer { passages in
            for t in 0..<field.terms.count {
                let range = field.postingRange(Int32(t))
                if sinceChunk >= every {
                    chunks.append((t, range.lowerBound, offset))
                    sinceChunk = 0
                }
                sinceChunk += range.count
                offset += LEB128.length(UInt64(range.count))
                var previous: Int32 = 0
                for p in range {
                    offset += LEB128.length(UInt64(UInt32(bitPattern: passages[p] - previous)))
                    previous = passages[p]
                }
            }
        }
        return chunks
    }

    private static func lengths(_ field: FieldIndex, _ s: inout IndexFileSectionStream) throws(WriteError) {
        var w = IndexFileByteWriter(capacity: field.lengths.count + 8)
        w.varint(field.lengths.count)
        for length in field.lengths { w.varint(length) }
        w.varint(field.totalLength)
        try s.drain(&w)
    }
}
