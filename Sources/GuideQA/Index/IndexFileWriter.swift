/// Encodes a corpus, its inverted index and its harvested abbreviations into the bytes
/// of an index file (format in `IndexFileLayout`, docs/index-file.md).
///
/// Everything the engine needs at start-up is in the file, so loading it never touches
/// the corpus files, the analyzer or the harvester: it is a decode, not a rebuild.
struct IndexFileWriter {
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
        let fields: [(FieldIndex, Section, Section, Section, Section)] = [
            (index.body, .bodyTerms, .bodyPostings, .bodyPositions, .bodyLengths),
            (index.heading, .headingTerms, .headingPostings, .headingPositions, .headingLengths),
        ]
        for (field, terms, postings, positions, lengths) in fields {
            guard field.passageCount == corpus.passages.count else {
                throw .unsupported("the index has \(field.passageCount) passages, the corpus \(corpus.passages.count)")
            }
            sections.append((terms, Self.terms(field)))
            sections.append((postings, Self.postings(field)))
            sections.append((positions, try Self.positions(field)))
            sections.append((lengths, Self.lengths(field)))
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
            meta.varint(field.positions.count)
            meta.varint(field.totalLength)
        }

        let headerLength = IndexFileLayout.fixedHeaderLength + meta.count
            + sections.count * IndexFileLayout.sectionEntryLength
        var table = IndexFileByteWriter()
        var offset = headerLength
        for (kind, bytes) in sections {
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
        for (_, bytes) in sections { out.append(bytes) }
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

    /// Everything about a passage but its text. Section headings and file names repeat
    /// from passage to passage, so they are stored once in a name table and referred to.
    private func passages() -> [UInt8] {
        var names: [String] = []
        var nameIDs: [String: Int] = [:]
        func name(_ text: String) -> Int {
            if let id = nameIDs[text] { return id }
            nameIDs[text] = names.count
            names.append(text)
            return names.count - 1
        }
        var body = IndexFileByteWriter(capacity: corpus.passages.count * 24)
        for passage in corpus.passages {
            body.string(passage.id)
            body.varint(passage.documentIndex)
            body.varint(passage.section.count)
            for heading in passage.section { body.varint(name(heading)) }
            body.varint(passage.citations.count)
            for citation in passage.citations { body.varint(citation) }
            body.varint(name(passage.location.file))
            body.varint(passage.location.line)
        }
        var w = IndexFileByteWriter(capacity: body.count + names.count * 16)
        w.varint(names.count)
        for text in names { w.string(text) }
        w.varint(corpus.passages.count)
        w.append(body.bytes)
        return w.bytes
    }

    /// Passage texts: all lengths first, then all the UTF-8, so the reader finds every
    /// text's bytes without scanning.
    private func texts() -> [UInt8] {
        var lengths = IndexFileByteWriter(capacity: corpus.passages.count * 2)
        var total = 0
        for passage in corpus.passages {
            let count = passage.text.utf8.count
            lengths.varint(count)
            total += count
        }
        var w = IndexFileByteWriter(capacity: lengths.count + total + 16)
        w.varint(corpus.passages.count)
        w.append(lengths.bytes)
        for passage in corpus.passages {
            var text = passage.text
            text.withUTF8 { w.append(Array($0)) }
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

    private static func terms(_ field: FieldIndex) -> [UInt8] {
        var w = IndexFileByteWriter(capacity: field.terms.count * 10)
        w.varint(field.terms.count)
        for term in field.terms { w.string(term) }
        return w.bytes
    }

    /// Per term: its document frequency, then its passages as gaps (the first as is).
    private static func postings(_ field: FieldIndex) -> [UInt8] {
        var w = IndexFileByteWriter(capacity: field.postingPassages.count * 2 + field.terms.count)
        for t in 0..<field.terms.count {
            let range = field.postingRange(Int32(t))
            w.varint(range.count)
            var previous: Int32 = 0
            for p in range {
                let passage = field.postingPassages[p]
                w.varint(passage - previous)
                previous = passage
            }
        }
        return w.bytes
    }

    /// Per posting: its frequency, then its positions as gaps (the first as is). The
    /// position count of a posting is its frequency, so `positionStart` is not stored.
    private static func positions(_ field: FieldIndex) throws(IndexFileError) -> [UInt8] {
        var w = IndexFileByteWriter(capacity: field.positions.count + field.postingFrequencies.count)
        for p in 0..<field.postingFrequencies.count {
            let frequency = field.postingFrequencies[p]
            let start = Int(field.positionStart[p]), end = Int(field.positionStart[p + 1])
            guard end - start == Int(frequency), frequency >= 1 else {
                throw .unsupported("a posting's position count differs from its frequency")
            }
            w.varint(frequency)
            var previous: Int32 = 0
            for i in start..<end {
                let position = field.positions[i]
                guard position >= previous else { throw .unsupported("positions out of order in a posting") }
                w.varint(position - previous)
                previous = position
            }
        }
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
