import Dispatch
import Foundation

/// Checks the bytes of an index file (a mapped file, or a heap copy) and turns them into
/// a corpus, its inverted index and its harvested abbreviations — mostly by pointing into
/// the bytes rather than copying them.
///
/// Order of checks: size and magic, format version, file length (truncation), header
/// checksum, metadata (engine version, analysis options, engine fingerprint, corpus
/// key), sections tiling the file; then every section is verified against its own
/// checksum, all of them, before `decode` returns. Verifying and decoding run as
/// parallel jobs (decoding only reads, bounds-checked, and its result is thrown away if
/// any checksum fails). Decoding checks every count, index and gap as well, so even a
/// file forged with valid checksums cannot yield an out-of-range passage or citation.
///
/// What is decoded: postings (variable-byte gaps → the `[Int32]` columns the ranker
/// walks, in chunks, in parallel), lengths, documents, references, abbreviations. What
/// is used in place: the term table, frequencies, positions, passage records and texts
/// (see `TermTable`, `FrequencyColumn`, `PackedPositions`, `IndexFilePassages`).
struct IndexFileReader {
    typealias Section = IndexFileLayout.Section
    let region: IndexFileRegion

    /// Reads and checks the header; nothing of the payload is touched.
    static func header(_ bytes: UnsafeRawBufferPointer, expecting expectation: IndexFile.Expectation?)
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
        if let expectation { try Self.check(metadata, against: expectation) }

        guard m.remaining == sectionCount * IndexFileLayout.sectionEntryLength else {
            throw .malformed("section table of \(m.remaining) bytes for \(sectionCount) sections")
        }
        var sections: [Section: UnsafeRawBufferPointer] = [:]
        var checksums: [Section: UInt64] = [:]
        // Sections tile the file in table order: each starts at the next multiple of 8
        // after zero padding, the last ends the file. So every byte is covered by the
        // header checksum, a section checksum, or the check that padding is zero.
        var end = headerLength
        let alignment = IndexFileLayout.sectionAlignment
        for _ in 0..<sectionCount {
            let kind = try m.u32()
            _ = try m.u32()
            let offset = try m.u64(), length = try m.u64()
            let checksum = try m.u64()
            let name = Section(rawValue: kind)?.name ?? "section \(kind)"
            let aligned = (end + alignment - 1) / alignment * alignment
            guard offset == UInt64(aligned), length <= UInt64(bytes.count), offset <= UInt64(bytes.count) - length else {
                throw .malformed("\(name) section not where the sections before it end")
            }
            for i in end..<aligned where bytes[i] != 0 { throw .malformed("padding before the \(name) section is not 0") }
            end = Int(offset + length)
            guard let section = Section(rawValue: kind) else { continue }   // unknown sections are skipped
            sections[section] = UnsafeRawBufferPointer(rebasing: bytes[Int(offset)..<end])
            checksums[section] = checksum
        }
        guard end == bytes.count else { throw .malformed("\(bytes.count - end) bytes after the last section") }
        for section in Section.allCases where sections[section] == nil {
            throw .malformed("no \(section.name) section")
        }
        return (metadata, sections, checksums)
    }

    private static func check(_ metadata: IndexFileMetadata, against expected: IndexFile.Expectation) throws(IndexFileError) {
        guard metadata.engineVersion == expected.engineVersion else {
            throw .foreignEngine(found: metadata.engineVersion, expected: expected.engineVersion)
        }
        guard metadata.analysis == expected.analysis else { throw .otherAnalysis }
        guard metadata.engineFingerprint == IndexFile.engineFingerprint(analysis: metadata.analysis) else {
            throw .otherEngineBuild
        }
        if let key = expected.corpusKey, key != metadata.corpusKey { throw .otherCorpus }
    }

    /// Sections read a slice at a time during verification, their pages given back after
    /// each slice: the passage texts are most of the file and are read again only for the
    /// passages shown, so they need not stay resident.
    private static let released: Set<Section> = [.texts, .passages, .bodyPositions, .headingPositions]
    private static let releaseSlice = 1 << 22

    func decode(expecting expectation: IndexFile.Expectation?) throws(IndexFileError) -> IndexFile.Contents {
        let (meta, sections, checksums) = try Self.header(region.bytes, expecting: expectation)
        let region = self.region
        let results = Results()
        func section(_ kind: Section) -> UnsafeRawBufferPointer { sections[kind].unsafelyUnwrapped }

        // The chunk tables are read before the parallel jobs (they say what the jobs are);
        // if one does not make sense, its section's checksum says whether it was damaged.
        func chunks(_ kind: Section, _ counts: IndexFileMetadata.FieldCounts) throws(IndexFileError) -> IndexFilePostingChunks {
            do throws(IndexFileError) {
                return try IndexFilePostingChunks(section(kind), counts, passages: meta.passageCount, section: kind.name)
            } catch {
                guard IndexFileChecksum.xxh64(section(kind)) == checksums[kind] else { throw .checksumMismatch("the \(kind.name)") }
                throw error
            }
        }
        let body = try chunks(.bodyPostings, meta.body)
        let heading = try chunks(.headingPostings, meta.heading)
        typealias Job = () throws(IndexFileError) -> Void
        var jobs: [(Section, Job)] = []
        // Longest first (the texts' checksum, then the body's postings), so two cores finish together.
        for kind in Section.allCases.sorted(by: { sections[$0].unsafelyUnwrapped.count > sections[$1].unsafelyUnwrapped.count }) {
            let buffer = section(kind), expected = checksums[kind].unsafelyUnwrapped
            jobs.append((kind, { () throws(IndexFileError) in
                let sum = Self.released.contains(kind)
                    ? IndexFileChecksum.xxh64(buffer, slice: Self.releaseSlice) { region.release(UnsafeRawBufferPointer(rebasing: buffer[$0])) }
                    : IndexFileChecksum.xxh64(buffer)
                guard sum == expected else { throw .checksumMismatch("the \(kind.name)") }
            }))
        }
        jobs += [
            (.texts, { () throws(IndexFileError) in
                results.texts = try IndexFilePassages.Texts(stored: section(.texts), in: region, passages: meta.passageCount,
                                                           section: Section.texts.name) }),
            (.passages, { () throws(IndexFileError) in
                results.records = try IndexFilePassages.Records(stored: section(.passages), in: region, meta,
                                                               section: Section.passages.name) }),
            (.bodyTerms, { () throws(IndexFileError) in
                results.bodyTerms = try TermTable(stored: section(.bodyTerms), in: region, terms: meta.body.terms,
                                                  section: Section.bodyTerms.name) }),
            (.headingTerms, { () throws(IndexFileError) in
                results.headingTerms = try TermTable(stored: section(.headingTerms), in: region, terms: meta.heading.terms,
                                                     section: Section.headingTerms.name) }),
            (.bodyFrequencies, { () throws(IndexFileError) in
                results.bodyFrequencies = try FrequencyColumn(stored: section(.bodyFrequencies), in: region,
                                                              postings: meta.body.postings, section: Section.bodyFrequencies.name) }),
            (.headingFrequencies, { () throws(IndexFileError) in
                results.headingFrequencies = try FrequencyColumn(stored: section(.headingFrequencies), in: region,
                                                                 postings: meta.heading.postings,
                                                                 section: Section.headingFrequencies.name) }),
            (.bodyPositions, { () throws(IndexFileError) in
                results.bodyPositions = try PackedPositions(stored: section(.bodyPositions), in: region,
                                                            postings: meta.body.postings, section: Section.bodyPositions.name) }),
            (.headingPositions, { () throws(IndexFileError) in
                results.headingPositions = try PackedPositions(stored: section(.headingPositions), in: region,
                                                               postings: meta.heading.postings,
                                                               section: Section.headingPositions.name) }),
            (.bodyLengths, { () throws(IndexFileError) in
                results.bodyLengths = try Self.lengths(section(.bodyLengths), meta.body, passages: meta.passageCount, .bodyLengths) }),
            (.headingLengths, { () throws(IndexFileError) in
                results.headingLengths = try Self.lengths(section(.headingLengths), meta.heading, passages: meta.passageCount,
                                                          .headingLengths) }),
            (.documents, { () throws(IndexFileError) in results.documents = try Self.documents(section(.documents), meta) }),
            (.references, { () throws(IndexFileError) in results.references = try Self.references(section(.references), meta) }),
            (.harvested, { () throws(IndexFileError) in results.harvested = try Self.harvested(section(.harvested)) }),
        ]

        // The posting columns are filled in place by one job per chunk.
        let columns = UninitializedColumns.make([meta.body.terms + 1, meta.body.postings,
                                                 meta.heading.terms + 1, meta.heading.postings]) { out in
            out[0][0] = 0
            out[2][0] = 0
            var all = jobs
            for (chunks, kind, start, passages) in [(body, Section.bodyPostings, out[0], out[1]),
                                                    (heading, Section.headingPostings, out[2], out[3])] {
                for c in 0..<chunks.count {
                    all.append((kind, { () throws(IndexFileError) in try chunks.decode(c, start: start, passages: passages) }))
                }
            }
            // Jobs read the bytes and write only their own result slot or column range.
            nonisolated(unsafe) let work = all
            let errors = ErrorSlots(count: work.count)
            DispatchQueue.concurrentPerform(iterations: work.count) { i in
                do throws(IndexFileError) { try work[i].1() } catch { errors.set(i, error) }
            }
            results.failure = errors.first(checksumsFirst: true)
        }
        if let failure = results.failure { throw failure }
        results.bodyPostings = (columns[0], columns[1])
        results.headingPostings = (columns[2], columns[3])
        return results.assemble(meta)
    }

    // MARK: Sections

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
        var failure: IndexFileError?
        var documents: [Document] = []
        var references: [Reference] = []
        var records: IndexFilePassages.Records?
        var texts: IndexFilePassages.Texts?
        var harvested = Vocabulary.empty
        var bodyTerms: TermTable?, headingTerms: TermTable?
        var bodyFrequencies: FrequencyColumn?, headingFrequencies: FrequencyColumn?
        var bodyPositions: PackedPositions?, headingPositions: PackedPositions?
        var bodyPostings: (start: [Int32], passages: [Int32]) = ([], [])
        var headingPostings: (start: [Int32], passages: [Int32]) = ([], [])
        var bodyLengths: [Int32] = [], headingLengths: [Int32] = []

        /// Called only when every job succeeded, so every slot is filled.
        func assemble(_ meta: IndexFileMetadata) -> IndexFile.Contents {
            let body = FieldIndex(
                terms: bodyTerms.unsafelyUnwrapped, postingStart: bodyPostings.start, postingPassages: bodyPostings.passages,
                postingFrequencies: bodyFrequencies.unsafelyUnwrapped, positions: bodyPositions.unsafelyUnwrapped,
                lengths: bodyLengths, totalLength: meta.body.totalLength)
            let heading = FieldIndex(
                terms: headingTerms.unsafelyUnwrapped, postingStart: headingPostings.start,
                postingPassages: headingPostings.passages, postingFrequencies: headingFrequencies.unsafelyUnwrapped,
                positions: headingPositions.unsafelyUnwrapped, lengths: headingLengths,
                totalLength: meta.heading.totalLength)
            let passages = PassageList(stored: IndexFilePassages(records: records.unsafelyUnwrapped,
                                                                 texts: texts.unsafelyUnwrapped))
            let corpus = Corpus(storedDocuments: documents, passages: passages, references: references)
            return IndexFile.Contents(corpus: corpus, index: InvertedIndex(body: body, heading: heading),
                                      harvested: harvested, metadata: meta)
        }
    }

    /// The failures of parallel jobs, in job order. A checksum mismatch is reported
    /// before any other failure: a damaged section may also fail to decode, and the
    /// mismatch is the truer account.
    private final class ErrorSlots: @unchecked Sendable {
        private var errors: [IndexFileError?]
        private let lock = NSLock()
        init(count: Int) { errors = Array(repeating: nil, count: count) }
        func set(_ i: Int, _ error: IndexFileError) { lock.withLock { errors[i] = error } }
        func first(checksumsFirst: Bool) -> IndexFileError? {
            lock.withLock {
                let all = errors.compactMap { $0 }
                return all.first { if case .checksumMismatch = $0 { true } else { false } } ?? all.first
            }
        }
    }
}
