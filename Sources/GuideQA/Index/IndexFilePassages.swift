/// The passages of a loaded index, read in place from the mapped file: the records
/// section (id, document, section path, citations, source location) and the texts
/// section, each with a table of offsets so that passage `i` is found without scanning.
///
/// Passages section:
/// ```
/// 0    u64  passage count n
/// 8    u64  name count m   (section headings and file names, stored once)
/// 16   u64  byte length N of the names
/// 24   u64 × (n+1)  where each record starts in the record stream
/// …    N bytes  the names (strings)
/// …    records: id (string), document index, section depth + name indices,
///      citation count + reference indices, file name index, line (all varints)
/// ```
/// Texts section:
/// ```
/// 0    u64  passage count n
/// 8    u64 × (n+1)  where each text starts in the UTF-8 (text i is offsets[i]..<offsets[i+1])
/// …    the texts' UTF-8, back to back
/// ```
/// Every record is decoded once at load to check its indices (so a file forged with
/// valid checksums still cannot name a document or reference that does not exist); the
/// strings and arrays of a `Passage` are made only when it is asked for.
struct IndexFilePassages: Sendable {
    let records: Records
    let texts: Texts

    var count: Int { records.count }

    func passage(_ i: Int) -> Passage {
        var passage = records.passage(i)
        passage.text = texts.text(i)
        return passage
    }

    func id(_ i: Int) -> String { records.id(i) }

    /// The records section, checked. `@unchecked Sendable`: its pointers lead into the
    /// region it keeps alive, which nobody writes.
    struct Records: @unchecked Sendable {
        private let region: IndexFileRegion
        private let offsets: UnsafePointer<UInt64>
        private let stream: UnsafeRawBufferPointer
        private let names: [String]
        let count: Int

        init(stored block: UnsafeRawBufferPointer, in region: IndexFileRegion, _ meta: IndexFileMetadata,
             section: String) throws(IndexFileError) {
            var r = IndexFileByteReader(block, section: section)
            let n = Int(clamping: try r.u64()), nameCount = Int(clamping: try r.u64())
            let namesLength = Int(clamping: try r.u64())
            guard n == meta.passageCount else { throw r.malformed("\(n) passages, the header says \(meta.passageCount)") }
            guard n < block.count / 8, nameCount <= block.count, namesLength <= block.count,
                  24 + 8 * (n + 1) + namesLength <= block.count
            else { throw r.malformed("passage table sizes") }
            let base = block.baseAddress.unsafelyUnwrapped
            offsets = (base + 24).assumingMemoryBound(to: UInt64.self)
            var nameReader = IndexFileByteReader(
                UnsafeRawBufferPointer(start: base + 24 + 8 * (n + 1), count: namesLength), section: section)
            var names: [String] = []
            names.reserveCapacity(nameCount)
            for _ in 0..<nameCount { names.append(try nameReader.string()) }
            guard nameReader.isAtEnd else { throw r.malformed("names end early") }
            let streamStart = 24 + 8 * (n + 1) + namesLength
            stream = UnsafeRawBufferPointer(start: base + streamStart, count: block.count - streamStart)
            self.names = names
            self.region = region
            count = n
            // Check every record: offsets in order, indices in range, nothing left over.
            guard offsets[0] == 0, offsets[n] == UInt64(stream.count) else { throw r.malformed("record offsets") }
            for i in 0..<n where offsets[i] > offsets[i + 1] { throw r.malformed("record offsets out of order") }
            for i in 0..<n {
                var record = record(i)
                _ = try record.bytes(try record.count("id length"))
                _ = try record.int(upTo: meta.documentCount - 1, "document index")
                let depth = try record.count("section depth")
                for _ in 0..<depth { _ = try record.int(upTo: nameCount - 1, "section name") }
                let cited = try record.count("citation count")
                for _ in 0..<cited { _ = try record.int(upTo: meta.referenceCount - 1, "citation") }
                _ = try record.int(upTo: nameCount - 1, "file name")
                _ = try record.int(upTo: Int.max, "line")
                guard record.isAtEnd else { throw record.malformed("record \(i) has trailing bytes") }
            }
        }

        private func record(_ i: Int) -> IndexFileByteReader {
            let start = Int(offsets[i]), end = Int(offsets[i + 1])
            return IndexFileByteReader(UnsafeRawBufferPointer(rebasing: stream[start..<end]), section: "passages")
        }

        /// A passage without its text (`IndexFilePassages.passage` adds it).
        func passage(_ i: Int) -> Passage {
            withExtendedLifetime(region) {
                do throws(IndexFileError) {
                    var r = record(i)
                    let id = try r.string()
                    let document = Int(try r.varint())
                    var section: [String] = []
                    let depth = Int(try r.varint())
                    if depth > 0 {
                        section.reserveCapacity(depth)
                        for _ in 0..<depth { section.append(names[Int(try r.varint())]) }
                    }
                    var citations: [Int] = []
                    let cited = Int(try r.varint())
                    citations.reserveCapacity(cited)
                    for _ in 0..<cited { citations.append(Int(try r.varint())) }
                    let file = names[Int(try r.varint())]
                    let line = Int(try r.varint())
                    return Passage(id: id, documentIndex: document, section: section, text: "", citations: citations,
                                   location: SourceLocation(file: file, line: line))
                } catch {
                    preconditionFailure("passage record \(i) was checked at load: \(error)")
                }
            }
        }

        func id(_ i: Int) -> String {
            withExtendedLifetime(region) {
                var r = record(i)
                return (try? r.string()) ?? ""
            }
        }
    }

    /// The texts section, checked: offsets in order and ending at the end of the UTF-8.
    struct Texts: @unchecked Sendable {
        private let region: IndexFileRegion
        private let offsets: UnsafePointer<UInt64>
        private let utf8: UnsafeRawBufferPointer
        let count: Int

        init(stored block: UnsafeRawBufferPointer, in region: IndexFileRegion, passages expected: Int,
             section: String) throws(IndexFileError) {
            var r = IndexFileByteReader(block, section: section)
            let n = Int(clamping: try r.u64())
            guard n == expected else { throw r.malformed("\(n) texts for \(expected) passages") }
            guard n < block.count / 8 else { throw r.malformed("text table sizes") }
            let base = block.baseAddress.unsafelyUnwrapped
            offsets = (base + 8).assumingMemoryBound(to: UInt64.self)
            let start = 8 + 8 * (n + 1)
            utf8 = UnsafeRawBufferPointer(start: base + start, count: block.count - start)
            self.region = region
            count = n
            guard offsets[0] == 0, offsets[n] == UInt64(utf8.count) else { throw r.malformed("text offsets") }
            for i in 0..<n where offsets[i] > offsets[i + 1] { throw r.malformed("text offsets out of order") }
        }

        /// The UTF-8 of text `i`, read only while the region is alive (the caller holds it).
        func text(_ i: Int) -> String {
            withExtendedLifetime(region) {
                IndexFileByteReader.string(UnsafeRawBufferPointer(rebasing: utf8[Int(offsets[i])..<Int(offsets[i + 1])]))
            }
        }

        /// The bytes that hold the texts themselves (released after verification).
        var utf8Bytes: UnsafeRawBufferPointer { utf8 }
    }
}
