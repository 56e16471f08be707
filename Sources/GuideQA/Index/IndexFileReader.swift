import Dispatch
import Foundation

/// Decodes the bytes of an index file (usually mapped read-only) into a corpus, its
/// inverted index and its harvested abbreviations.
///
/// Order of checks: size and magic, format version, file length (truncation), header
/// checksum, metadata (engine version, analysis options, engine fingerprint, corpus
/// key); then every section is verified against its own checksum and decoded. Sections
/// are independent, so they are verified and decoded in parallel: start-up from a
/// 100,000-passage index fits in a fraction of the 100 ms budget on two cores.
/// Decoding checks every count, index and gap as well, so even a file forged with
/// valid checksums cannot yield an out-of-range passage or citation.
struct IndexFileReader {
    typealias Section = IndexFileLayout.Section
    let bytes: UnsafeRawBufferPointer

    /// Reads and checks the header; nothing of the payload is touched.
    func header(expecting expectation: IndexFile.Expectation?)
        throws(IndexFileError) -> (IndexFileMetadata, [Section: UnsafeRawBufferPointer], [Section: UInt64]) {
        let fixed = IndexFileLayout.fixedHeaderLength
        guard bytes.count >= 12 else {
            if bytes.count >= 8, Array(bytes[0..<8]) != IndexFileLayout.magic { throw .notAnIndex }
            throw .truncated(actual: bytes.count, expected: fixed)
        }
        guard Array(bytes[0..<8]) == IndexFileLayout.magic else { throw .notAnIndex }
        var r = IndexFileByteReader(bytes, section: "header")
        _ = try r.bytes(8)
        let format = try r.u32()
        guard format == IndexFileLayout.formatVersion else {
            throw .foreignFormat(found: format, expected: IndexFileLayout.formatVersion)
        }
        guard bytes.count >= fixed else { throw .truncated(actual: bytes.count, expected: fixed) }
        let headerLength = Int(try r.u32())
        let fileLength = try r.u64()
        guard fileLength == UInt64(bytes.count) else {
            if fileLength > UInt64(bytes.count) {
                throw .truncated(actual: bytes.count, expected: Int(clamping: fileLength))
            }
            throw .malformed("\(bytes.count) bytes where the header says \(fileLength)")
        }
        let sectionCount = Int(try r.u32())
        guard try r.u32() == 0 else { throw .malformed("reserved header field is not 0") }
        let headerChecksum = try r.u64()
        guard headerLength >= fixed, headerLength <= bytes.count else { throw .malformed("header length \(headerLength)") }
        let rest = UnsafeRawBufferPointer(rebasing: bytes[fixed..<headerLength])
        guard IndexFileChecksum.xxh64(rest) == headerChecksum else { throw .checksumMismatch("the header") }

        var m = IndexFileByteReader(rest, section: "header")
        let engineVersion = try m.string()
        let stemming = try m.u8(), stopwords = try m.u8()
        let analysis = Analyzer.Options(stemming: stemming != 0, stopwords: stopwords != 0)
        let fingerprint = try m.u64()
        let corpusKey = try m.u64()
        let limit = Int(Int32.max)
        let passages = try m.int(upTo: limit, "passage count")
        let documents = try m.int(upTo: limit, "document count")
        let references = try m.int(upTo: limit, "reference count")
        var fields: [IndexFileMetadata.FieldCounts] = []
        for _ in 0..<2 {
            fields.append(.init(terms: try m.int(upTo: limit, "term count"),
                                postings: try m.int(upTo: limit, "posting count"),
                                positions: try m.int(upTo: limit, "position count"),
                                totalLength: try m.int(upTo: Int.max, "total length")))
        }
        let metadata = IndexFileMetadata(
            engineVersion: engineVersion, analysis: analysis, engineFingerprint: fingerprint, corpusKey: corpusKey,
            passageCount: passages, documentCount: documents, referenceCount: references,
            body: fields[0], heading: fields[1])
        if let expectation { try check(metadata, against: expectation) }

        guard m.remaining == sectionCount * IndexFileLayout.sectionEntryLength else {
            throw .malformed("section table of \(m.remaining) bytes for \(sectionCount) sections")
        }
        var sections: [Section: UnsafeRawBufferPointer] = [:]
        var checksums: [Section: UInt64] = [:]
        for _ in 0..<sectionCount {
            let kind = try m.u32()
            _ = try m.u32()
            let offset = try m.u64(), length = try m.u64()
            let checksum = try m.u64()
            guard let section = Section(rawValue: kind) else { continue }   // unknown sections are skipped
            guard offset >= UInt64(headerLength), length <= UInt64(bytes.count), offset <= UInt64(bytes.count) - length else {
                throw .malformed("\(section.name) section outside the file")
            }
            sections[section] = UnsafeRawBufferPointer(rebasing: bytes[Int(offset)..<Int(offset + length)])
            checksums[section] = checksum
        }
        for section in Section.allCases where sections[section] == nil {
            throw .malformed("no \(section.name) section")
        }
        return (metadata, sections, checksums)
    }

    private func check(_ metadata: IndexFileMetadata, against expected: IndexFile.Expectation) throws(IndexFileError) {
        guard metadata.engineVersion == expected.engineVersion else {
            throw .foreignEngine(found: metadata.engineVersion, expected: expected.engineVersion)
        }
        guard metadata.analysis == expected.analysis else { throw .otherAnalysis }
        guard metadata.engineFingerprint == IndexFile.engineFingerprint(analysis: metadata.analysis) else {
            throw .otherEngineBuild
        }
        if let key = expected.corpusKey, key != metadata.corpusKey { throw .otherCorpus }
    }

    func decode(expecting expectation: IndexFile.Expectation?) throws(IndexFileError) -> IndexFile.Contents {
        let (meta, sections, checksums) = try header(expecting: expectation)
        let results = Results()
        // Longest first: the body's term dictionary, then texts and positions.
        let jobs: [(Section, (UnsafeRawBufferPointer) throws(IndexFileError) -> Void)] = [
            (.bodyTerms, { b throws(IndexFileError) in results.bodyTerms = try Self.terms(b, meta.body, .bodyTerms) }),
            (.bodyPositions, { b throws(IndexFileError) in
                results.bodyPositions = try Self.positions(b, meta.body, section: .bodyPositions) }),
            (.texts, { b throws(IndexFileError) in results.texts = try Self.texts(b, count: meta.passageCount) }),
            (.bodyPostings, { b throws(IndexFileError) in
                results.bodyPostings = try Self.postings(b, meta.body, passages: meta.passageCount, section: .bodyPostings) }),
            (.passages, { b throws(IndexFileError) in results.passages = try Self.passages(b, meta) }),
            (.headingPositions, { b throws(IndexFileError) in
                results.headingPositions = try Self.positions(b, meta.heading, section: .headingPositions) }),
            (.headingPostings, { b throws(IndexFileError) in
                results.headingPostings = try Self.postings(b, meta.heading, passages: meta.passageCount,
                                                            section: .headingPostings) }),
            (.headingTerms, { b throws(IndexFileError) in results.headingTerms = try Self.terms(b, meta.heading, .headingTerms) }),
            (.bodyLengths, { b throws(IndexFileError) in
                results.bodyLengths = try Self.lengths(b, meta.body, passages: meta.passageCount, .bodyLengths) }),
            (.headingLengths, { b throws(IndexFileError) in
                results.headingLengths = try Self.lengths(b, meta.heading, passages: meta.passageCount, .headingLengths) }),
            (.documents, { b throws(IndexFileError) in results.documents = try Self.documents(b, meta) }),
            (.references, { b throws(IndexFileError) in results.references = try Self.references(b, meta) }),
            (.harvested, { b throws(IndexFileError) in results.harvested = try Self.harvested(b) }),
        ]
        // The jobs only read the mapped bytes and write their own result slot.
        nonisolated(unsafe) let work = jobs
        nonisolated(unsafe) let buffers = sections
        let errors = ErrorSlots(count: jobs.count)
        DispatchQueue.concurrentPerform(iterations: jobs.count) { i in
            let (section, job) = work[i]
            guard let buffer = buffers[section], let checksum = checksums[section] else { return }
            do throws(IndexFileError) {
                guard IndexFileChecksum.xxh64(buffer) == checksum else { throw .checksumMismatch("the \(section.name)") }
                try job(buffer)
            } catch {
                errors.set(i, error)
            }
        }
        if let error = errors.first { throw error }
        return try results.assemble(meta)
    }

    // MARK: Sections

    /// The terms and the term → id dictionary (rebuilt here, in the job, because for a
    /// large corpus it is the single most expensive part of loading).
    private static func terms(_ buffer: UnsafeRawBufferPointer, _ counts: IndexFileMetadata.FieldCounts,
                              _ section: Section) throws(IndexFileError) -> (terms: [String], ids: [String: Int32]) {
        var r = IndexFileByteReader(buffer, section: section.name)
        let count = try r.count("term count")
        guard count == counts.terms else { throw r.malformed("\(count) terms, the header says \(counts.terms)") }
        var terms: [String] = []
        terms.reserveCapacity(count)
        for _ in 0..<count { terms.append(try r.string()) }
        guard r.isAtEnd else { throw r.malformed("trailing bytes") }
        guard let ids = FieldIndex.termIDs(for: terms) else { throw r.malformed("a term is stored twice") }
        return (terms, ids)
    }

    private static func postings(_ buffer: UnsafeRawBufferPointer, _ counts: IndexFileMetadata.FieldCounts,
                                 passages passageCount: Int, section: Section)
        throws(IndexFileError) -> (start: [Int32], passages: [Int32]) {
        var r = IndexFileByteReader(buffer, section: section.name)
        var failure: IndexFileError?
        var start = [Int32](repeating: 0, count: counts.terms + 1)
        let total = counts.postings
        let passages = [Int32](unsafeUninitializedCapacity: total) { out, initialized in
            var p = 0
            do throws(IndexFileError) {
                for t in 0..<counts.terms {
                    let frequency = Int(try r.varint32())
                    guard frequency >= 1, frequency <= total - p else { throw r.malformed("document frequency") }
                    // The first passage is stored as is, the others as gaps of at least 1.
                    var passage = Int(try r.varint32())
                    guard passage < passageCount else { throw r.malformed("passage \(passage) out of range") }
                    out[p] = Int32(passage)
                    p += 1
                    for _ in 1..<frequency {
                        let gap = Int(try r.varint32())
                        passage += gap
                        guard gap > 0, passage < passageCount else {
                            throw r.malformed("passage \(passage) out of order or range")
                        }
                        out[p] = Int32(passage)
                        p += 1
                    }
                    start[t + 1] = Int32(p)
                }
                guard p == total, r.isAtEnd else { throw r.malformed("\(p) postings, the header says \(total)") }
                initialized = total
            } catch {
                failure = error
                initialized = 0
            }
        }
        if let failure { throw failure }
        return (start, passages)
    }

    private static func positions(_ buffer: UnsafeRawBufferPointer, _ counts: IndexFileMetadata.FieldCounts,
                                  section: Section)
        throws(IndexFileError) -> (frequencies: [Int32], start: [Int32], positions: [Int32]) {
        var r = IndexFileByteReader(buffer, section: section.name)
        var failure: IndexFileError?
        let postings = counts.postings, total = counts.positions
        var frequencies: [Int32] = []
        var start: [Int32] = []
        let positions = [Int32](unsafeUninitializedCapacity: total) { out, initialized in
            frequencies = [Int32](unsafeUninitializedCapacity: postings) { freq, freqCount in
                start = [Int32](unsafeUninitializedCapacity: postings + 1) { starts, startCount in
                    var q = 0
                    do throws(IndexFileError) {
                        for p in 0..<postings {
                            starts[p] = Int32(q)
                            let frequency = Int(try r.varint32())
                            guard frequency >= 1, frequency <= total - q else { throw r.malformed("frequency") }
                            freq[p] = Int32(frequency)
                            var position = 0
                            for _ in 0..<frequency {
                                position += Int(try r.varint32())
                                guard position <= Int(Int32.max) else { throw r.malformed("position") }
                                out[q] = Int32(position)
                                q += 1
                            }
                        }
                        starts[postings] = Int32(q)
                        guard q == total, r.isAtEnd else { throw r.malformed("\(q) positions, the header says \(total)") }
                        startCount = postings + 1
                        freqCount = postings
                        initialized = total
                    } catch {
                        failure = error
                        startCount = 0
                        freqCount = 0
                        initialized = 0
                    }
                }
            }
        }
        if let failure { throw failure }
        return (frequencies, start, positions)
    }

    private static func lengths(_ buffer: UnsafeRawBufferPointer, _ counts: IndexFileMetadata.FieldCounts,
                                passages: Int, _ section: Section) throws(IndexFileError) -> [Int32] {
        var r = IndexFileByteReader(buffer, section: section.name)
        let count = try r.count("passage count")
        guard count == passages else { throw r.malformed("\(count) lengths for \(passages) passages") }
        var lengths: [Int32] = []
        lengths.reserveCapacity(count)
        var sum = 0
        for _ in 0..<count {
            let length = try r.int(upTo: Int(Int32.max), "length")
            sum += length
            lengths.append(Int32(length))
        }
        let total = try r.int(upTo: Int.max, "total length")
        guard total == sum, total == counts.totalLength, r.isAtEnd else { throw r.malformed("total length") }
        return lengths
    }

    private static func texts(_ buffer: UnsafeRawBufferPointer, count expected: Int) throws(IndexFileError) -> [String] {
        var r = IndexFileByteReader(buffer, section: Section.texts.name)
        let count = try r.count("passage count")
        guard count == expected else { throw r.malformed("\(count) texts for \(expected) passages") }
        var lengths: [Int] = []
        lengths.reserveCapacity(count)
        for _ in 0..<count { lengths.append(try r.int(upTo: buffer.count, "text length")) }
        var texts: [String] = []
        texts.reserveCapacity(count)
        for length in lengths { texts.append(IndexFileByteReader.string(try r.bytes(length))) }
        guard r.isAtEnd else { throw r.malformed("trailing bytes") }
        return texts
    }

    struct PassageRecord {
        var id: String
        var documentIndex: Int
        var section: [String]
        var citations: [Int]
        var location: SourceLocation
    }

    private static func passages(_ buffer: UnsafeRawBufferPointer, _ meta: IndexFileMetadata)
        throws(IndexFileError) -> [PassageRecord] {
        var r = IndexFileByteReader(buffer, section: Section.passages.name)
        let nameCount = try r.count("name count")
        var names: [String] = []
        names.reserveCapacity(nameCount)
        for _ in 0..<nameCount { names.append(try r.string()) }
        let count = try r.count("passage count")
        guard count == meta.passageCount else { throw r.malformed("\(count) passages, the header says \(meta.passageCount)") }
        var records: [PassageRecord] = []
        records.reserveCapacity(count)
        for _ in 0..<count {
            let id = try r.string()
            let document = try r.int(upTo: meta.documentCount - 1, "document index")
            var section: [String] = []
            let headings = try r.count("section depth")
            for _ in 0..<headings { section.append(names[try r.int(upTo: nameCount - 1, "section name")]) }
            var citations: [Int] = []
            let cited = try r.count("citation count")
            for _ in 0..<cited { citations.append(try r.int(upTo: meta.referenceCount - 1, "citation")) }
            let file = names[try r.int(upTo: nameCount - 1, "file name")]
            let line = try r.int(upTo: Int.max, "line")
            records.append(PassageRecord(id: id, documentIndex: document, section: section, citations: citations,
                                         location: SourceLocation(file: file, line: line)))
        }
        guard r.isAtEnd else { throw r.malformed("trailing bytes") }
        return records
    }

    private static func documents(_ buffer: UnsafeRawBufferPointer, _ meta: IndexFileMetadata)
        throws(IndexFileError) -> [Document] {
        var r = IndexFileByteReader(buffer, section: Section.documents.name)
        let count = try r.count("document count")
        guard count == meta.documentCount else { throw r.malformed("\(count) documents, the header says \(meta.documentCount)") }
        var documents: [Document] = []
        documents.reserveCapacity(count)
        for _ in 0..<count {
            let id = try r.string(), title = try r.string()
            let updated: String? = try r.u8() != 0 ? try r.string() : nil
            let path = try r.string()
            var indices: [Int] = []
            let passages = try r.count("passage count")
            indices.reserveCapacity(passages)
            for _ in 0..<passages { indices.append(try r.int(upTo: meta.passageCount - 1, "passage index")) }
            documents.append(Document(id: id, title: title, updated: updated, path: path, passageIndices: indices))
        }
        guard r.isAtEnd else { throw r.malformed("trailing bytes") }
        return documents
    }

    private static func references(_ buffer: UnsafeRawBufferPointer, _ meta: IndexFileMetadata)
        throws(IndexFileError) -> [Reference] {
        var r = IndexFileByteReader(buffer, section: Section.references.name)
        let count = try r.count("reference count")
        guard count == meta.referenceCount else { throw r.malformed("\(count) references, the header says \(meta.referenceCount)") }
        var references: [Reference] = []
        references.reserveCapacity(count)
        for _ in 0..<count { references.append(Reference(text: try r.string())) }
        guard r.isAtEnd else { throw r.malformed("trailing bytes") }
        return references
    }

    private static func harvested(_ buffer: UnsafeRawBufferPointer) throws(IndexFileError) -> Vocabulary {
        var r = IndexFileByteReader(buffer, section: Section.harvested.name)
        let count = try r.count("group count")
        var groups: [[String]] = []
        groups.reserveCapacity(count)
        for _ in 0..<count {
            let names = try r.count("group size")
            var group: [String] = []
            for _ in 0..<names { group.append(try r.string()) }
            groups.append(group)
        }
        guard r.isAtEnd else { throw r.malformed("trailing bytes") }
        return Vocabulary(groups: groups)
    }

    // MARK: Results

    /// One slot per job: each job writes only its own, and `concurrentPerform` returns
    /// after all of them, so no lock is needed.
    private final class Results: @unchecked Sendable {
        var documents: [Document] = []
        var references: [Reference] = []
        var passages: [PassageRecord] = []
        var texts: [String] = []
        var harvested = Vocabulary.empty
        var bodyTerms: (terms: [String], ids: [String: Int32]) = ([], [:])
        var headingTerms: (terms: [String], ids: [String: Int32]) = ([], [:])
        var bodyPostings: (start: [Int32], passages: [Int32]) = ([], [])
        var headingPostings: (start: [Int32], passages: [Int32]) = ([], [])
        var bodyPositions: (frequencies: [Int32], start: [Int32], positions: [Int32]) = ([], [], [])
        var headingPositions: (frequencies: [Int32], start: [Int32], positions: [Int32]) = ([], [], [])
        var bodyLengths: [Int32] = [], headingLengths: [Int32] = []

        func assemble(_ meta: IndexFileMetadata) throws(IndexFileError) -> IndexFile.Contents {
            var passages: [Passage] = []
            passages.reserveCapacity(self.passages.count)
            for (record, text) in zip(self.passages, texts) {
                passages.append(Passage(id: record.id, documentIndex: record.documentIndex, section: record.section,
                                        text: text, citations: record.citations, location: record.location))
            }
            let body = FieldIndex(
                termIDs: bodyTerms.ids, terms: bodyTerms.terms, postingStart: bodyPostings.start,
                postingPassages: bodyPostings.passages, postingFrequencies: bodyPositions.frequencies,
                positionStart: bodyPositions.start, positions: bodyPositions.positions, lengths: bodyLengths,
                totalLength: meta.body.totalLength)
            let heading = FieldIndex(
                termIDs: headingTerms.ids, terms: headingTerms.terms, postingStart: headingPostings.start,
                postingPassages: headingPostings.passages, postingFrequencies: headingPositions.frequencies,
                positionStart: headingPositions.start, positions: headingPositions.positions, lengths: headingLengths,
                totalLength: meta.heading.totalLength)
            let corpus = Corpus(storedDocuments: documents, passages: passages, references: references)
            return IndexFile.Contents(corpus: corpus, index: InvertedIndex(body: body, heading: heading),
                                      harvested: harvested, metadata: meta)
        }
    }

    /// The failures of parallel jobs, in job order (the first one is reported).
    private final class ErrorSlots: @unchecked Sendable {
        private var errors: [IndexFileError?]
        private let lock = NSLock()
        init(count: Int) { errors = Array(repeating: nil, count: count) }
        func set(_ i: Int, _ error: IndexFileError) { lock.withLock { errors[i] = error } }
        var first: IndexFileError? { lock.withLock { errors.lazy.compactMap { $0 }.first } }
    }
}
