/// The postings section of one field, read: a chunk table, then per term its document
/// frequency and its passages as gaps (layout in `IndexFileWriter.postings`). Postings
/// are the one part of the file that is decoded, into the `[Int32]` columns the ranker
/// walks; chunks start at term boundaries and know where their terms, postings and
/// bytes begin, so they are decoded in parallel straight into the columns.
struct IndexFilePostingChunks {
    private let stream: UnsafeRawBufferPointer
    /// Chunk starts, plus one past the last (term count, posting count, stream length).
    private let starts: [(term: Int, posting: Int, offset: Int)]
    private let passageCount: Int
    private let section: String

    var count: Int { starts.count - 1 }

    /// Reads and checks the chunk table (in order, inside the counts and the stream).
    init(_ block: UnsafeRawBufferPointer, _ counts: IndexFileMetadata.FieldCounts, passages: Int,
         section: String) throws(IndexFileError) {
        var r = IndexFileByteReader(block, section: section)
        let terms = Int(clamping: try r.u64()), postings = Int(clamping: try r.u64())
        let chunkCount = Int(clamping: try r.u64())
        guard terms == counts.terms, postings == counts.postings else {
            throw r.malformed("\(terms) terms and \(postings) postings, the header says \(counts.terms) and \(counts.postings)")
        }
        guard chunkCount <= r.remaining / 24, (terms == 0) == (chunkCount == 0) else { throw r.malformed("chunk count") }
        let streamLength = r.remaining - 24 * chunkCount
        var starts: [(term: Int, posting: Int, offset: Int)] = []
        starts.reserveCapacity(chunkCount + 1)
        for c in 0..<chunkCount {
            let term = Int(clamping: try r.u64()), posting = Int(clamping: try r.u64()), offset = Int(clamping: try r.u64())
            let previous = starts.last ?? (term: -1, posting: 0, offset: 0)
            guard term > previous.term, term < terms, posting >= previous.posting, posting <= postings,
                  offset >= previous.offset, offset <= streamLength, c > 0 || (term == 0 && posting == 0 && offset == 0)
            else { throw r.malformed("chunk \(c) of the chunk table") }
            starts.append((term, posting, offset))
        }
        starts.append((terms, postings, streamLength))
        stream = try r.bytes(streamLength)
        self.starts = starts
        passageCount = passages
        self.section = section
    }

    /// Decodes chunk `c`: `start[t + 1]` for its terms and `passages[p]` for its postings.
    /// It must end exactly where the next chunk begins, in terms, postings and bytes.
    /// This loop is most of the load time of a large index, so it reads bytes through a
    /// pointer and checks with plain comparisons, throwing only once something is wrong.
    func decode(_ c: Int, start: UnsafeMutablePointer<Int32>, passages: UnsafeMutablePointer<Int32>) throws(IndexFileError) {
        let (firstTerm, firstPosting, from) = starts[c]
        let (endTerm, endPosting, to) = starts[c + 1]
        let bytes = stream.baseAddress.unsafelyUnwrapped.assumingMemoryBound(to: UInt8.self)
        let limit = UInt32(clamping: passageCount)
        var o = from
        var p = firstPosting
        for t in firstTerm..<endTerm {
            guard let frequency = Self.varint(bytes, &o, to), frequency >= 1, Int(frequency) <= endPosting - p else {
                throw malformed("document frequency of term \(t)")
            }
            // The first passage is stored as is, the others as gaps of at least 1.
            guard var passage = Self.varint(bytes, &o, to), passage < limit else { throw malformed("passage out of range") }
            passages[p] = Int32(bitPattern: passage)
            let last = p + Int(frequency)
            p += 1
            while p < last {
                guard let gap = Self.varint(bytes, &o, to), gap > 0, gap < limit &- passage else {
                    throw malformed("passage out of order or range")
                }
                passage &+= gap
                passages[p] = Int32(bitPattern: passage)
                p += 1
            }
            start[t + 1] = Int32(truncatingIfNeeded: p)
        }
        guard p == endPosting, o == to else { throw malformed("chunk \(c) ends at posting \(p), byte \(o)") }
    }

    /// One LEB128 value of at most 32 bits, or nil past `end` or for an overlong one.
    @inline(__always)
    private static func varint(_ bytes: UnsafePointer<UInt8>, _ o: inout Int, _ end: Int) -> UInt32? {
        LEB128.read32(bytes, &o, end: end)
    }

    private func malformed(_ what: String) -> IndexFileError { .malformed("\(section): \(what)") }
}

/// `[Int32]` columns whose elements are written by parallel jobs through pointers before
/// the arrays exist as values: no zero-filling pass, and the pages are first touched by
/// the threads that fill them.
enum UninitializedColumns {
    /// Calls `fill` with one pointer per count; afterwards every element must be written
    /// (or the arrays discarded: they hold `Int32`s, so nothing unsafe is left behind).
    static func make(_ counts: [Int], fill: ([UnsafeMutablePointer<Int32>]) -> Void) -> [[Int32]] {
        var pointers: [UnsafeMutablePointer<Int32>] = []
        var columns: [[Int32]] = []
        func nest(_ k: Int) {
            guard k < counts.count else {
                fill(pointers)
                return
            }
            let column = [Int32](unsafeUninitializedCapacity: max(counts[k], 1)) { buffer, initialized in
                MemoryAdvice.preferHugePages(UnsafeMutableRawBufferPointer(buffer))
                pointers.append(buffer.baseAddress.unsafelyUnwrapped)
                nest(k + 1)
                initialized = counts[k]
            }
            columns.append(column)
        }
        nest(0)
        return columns.reversed()
    }
}
