@testable import GuideQA

/// The index file encoder as it was before the file was streamed (every section made as
/// an array, then copied into the file's array): the reference the streamed writer is
/// held to, byte for byte, as `FieldIndexBuilder` is the reference of the parallel build.
/// Only the calls that changed shape since are adapted (packed positions are a property,
/// padding is written here).
struct ReferenceIndexFileEncoder {
    let corpus: Corpus
    let index: InvertedIndex
    let harvested: Vocabulary
    let engineVersion: String
    let analysis: Analyzer.Options
    let corpusKey: UInt64

    func encode() throws(IndexFileError) -> [UInt8] {
        typealias Section = IndexFileLayout.Section
        var sections: [(Section, [UInt8])] = [
            (.documents, documents()), (.references, references()), (.passages, passages()),
            (.texts, texts()), (.harvested, harvestedGroups()),
        ]
        let fields: [(FieldIndex, [Section])] = [
            (index.body, [.bodyTerms, .bodyPostings, .bodyFrequencies, .bodyPositions, .bodyLengths]),
            (index.heading, [.headingTerms, .headingPostings, .headingFrequencies, .headingPositions, .headingLengths]),
        ]
        for (field, kinds) in fields {
            guard field.passageCount == corpus.passages.count else {
                throw .unsupported("the index has \(field.passageCount) passages, the corpus \(corpus.passages.count)")
            }
            sections.append((kinds[0], field.terms.storedBytes))
            sections.append((kinds[1], Self.postings(field)))
            sections.append((kinds[2], field.postingFrequencies.storedBytes))
            sections.append((kinds[3], field.packedPositions.storedBytes))
            sections.append((kinds[4], Self.lengths(field)))
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

        let headerLength = IndexFileLayout.fixedHeaderLength + meta.count
            + sections.count * IndexFileLayout.sectionEntryLength
        let alignment = IndexFileLayout.sectionAlignment
        var table = IndexFileByteWriter()
        var offset = headerLength
        for (kind, bytes) in sections {
            offset = (offset + alignment - 1) / alignment * alignment
            table.u32(kind.rawValue)
            table.u32(0)
            table.u64(UInt64(offset))
            table.u64(UInt64(bytes.count))
            table.u64(IndexFileChecksum.xxh64(bytes))
            offset += bytes.count
        }
        guard headerLength <= Int(UInt32.max) else { throw .unsupported("the header is too large") }

        var out = IndexFileByteWriter(capacity: offset)
        out.append(IndexFileLayout.magic)
        out.u32(IndexFileLayout.formatVersion)
        out.u32(UInt32(headerLength))
        out.u64(UInt64(offset))
        out.u32(UInt32(sections.count))
        out.u32(0)
        out.u64(IndexFileChecksum.xxh64(meta.bytes + table.bytes))
        out.append(meta.bytes)
        out.append(table.bytes)
        for (_, bytes) in sections {
            out.append([UInt8](repeating: 0, count: (alignment - out.count % alignment) % alignment))
            out.append(bytes)
        }
        return out.bytes
    }

    // MARK: Corpus

    private func documents() -> [UInt8] {
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
        }
        return w.bytes
    }

    private func references() -> [UInt8] {
        var w = IndexFileByteWriter()
        w.varint(corpus.references.count)
        for reference in corpus.references { w.string(reference.text) }
        return w.bytes
    }

    /// Everything about a passage but its text, with a table of record offsets (layout in
    /// `IndexFilePassages`). Section headings and file names repeat from passage to
    /// passage, so they are stored once in a name table and referred to.
    private func passages() -> [UInt8] {
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
        var w = IndexFileByteWriter(capacity: 24 + 8 * offsets.count + nameBytes.count + records.count)
        w.u64(UInt64(corpus.passages.count))
        w.u64(UInt64(names.count))
        w.u64(UInt64(nameBytes.count))
        for offset in offsets { w.u64(UInt64(offset)) }
        w.append(nameBytes.bytes)
        w.append(records.bytes)
        return w.bytes
    }

    /// Passage texts: a table of where each text starts, then all the UTF-8, so the
    /// reader finds a text's bytes without scanning (layout in `IndexFilePassages`).
    private func texts() -> [UInt8] {
        var total = 0
        for passage in corpus.passages { total += passage.text.utf8.count }
        var w = IndexFileByteWriter(capacity: 16 + 8 * corpus.passages.count + total)
        w.u64(UInt64(corpus.passages.count))
        var offset = 0
        w.u64(0)
        for passage in corpus.passages {
            offset += passage.text.utf8.count
            w.u64(UInt64(offset))
        }
        for passage in corpus.passages {
            var text = passage.text
            text.withUTF8 { w.append(UnsafeRawBufferPointer($0)) }
        }
        return w.bytes
    }

    private func harvestedGroups() -> [UInt8] {
        var w = IndexFileByteWriter()
        w.varint(harvested.groups.count)
        for group in harvested.groups {
            w.varint(group.count)
            for name in group { w.string(name) }
        }
        return w.bytes
    }

    // MARK: Fields

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
    private static func postings(_ field: FieldIndex) -> [UInt8] {
        var stream = IndexFileByteWriter(capacity: field.postingPassages.count * 2 + field.terms.count)
        var chunks: [(term: Int, posting: Int, offset: Int)] = []
        var sinceChunk = Int.max
        for t in 0..<field.terms.count {
            let range = field.postingRange(Int32(t))
            if sinceChunk >= chunkPostings {
                chunks.append((t, range.lowerBound, stream.count))
                sinceChunk = 0
            }
            sinceChunk += range.count
            stream.varint(range.count)
            var previous: Int32 = 0
            for p in range {
                let passage = field.postingPassages[p]
                stream.varint(passage - previous)
                previous = passage
            }
        }
        var w = IndexFileByteWriter(capacity: 24 + 24 * chunks.count + stream.count)
        w.u64(UInt64(field.terms.count))
        w.u64(UInt64(field.postingPassages.count))
        w.u64(UInt64(chunks.count))
        for chunk in chunks {
            w.u64(UInt64(chunk.term))
            w.u64(UInt64(chunk.posting))
            w.u64(UInt64(chunk.offset))
        }
        w.append(stream.bytes)
        return w.bytes
    }

    private static func lengths(_ field: FieldIndex) -> [UInt8] {
        var w = IndexFileByteWriter(capacity: field.lengths.count + 8)
        w.varint(field.lengths.count)
        for length in field.lengths { w.varint(length) }
        w.varint(field.totalLength)
        return w.bytes
    }
}
