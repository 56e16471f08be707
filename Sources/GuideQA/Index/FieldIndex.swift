/// The inverted index of one field (passage body, or passage heading): term →
/// postings (passage, term frequency, positions), plus each passage's length.
///
/// Immutable and stored in flat columns (compressed-sparse-row layout): the postings of
/// term `t` are `postingStart[t]..<postingStart[t+1]`, passages ascending, with their
/// frequencies at the same indices. The scoring loop walks contiguous memory and never
/// touches a dictionary.
///
/// Compact where the ranker does not loop: the term table is one block of UTF-8 with a
/// hash table of ids (`TermTable`), frequencies take a byte (`FrequencyColumn`), and
/// positions stay variable-byte coded (`PackedPositions`). A loaded index reads those
/// three in place from its mapped file; a built one holds the same blocks on the heap
/// (the build writes them directly: flat 32-bit positions were half of a built index).
public struct FieldIndex: Sendable {
    /// Terms by id, in first-seen order, and the term → id lookup.
    public let terms: TermTable
    let postingStart: [Int32]
    let postingPassages: [Int32]
    let postingFrequencies: FrequencyColumn
    let packedPositions: PackedPositions
    /// Tokens per passage in this field.
    public let lengths: [Int32]
    public let totalLength: Int

    public var passageCount: Int { lengths.count }
    public var averageLength: Double { passageCount == 0 ? 0 : Double(totalLength) / Double(passageCount) }

    public func termID(_ term: String) -> Int32? { terms.id(of: term) }

    /// Number of passages that contain the term.
    public func documentFrequency(_ term: String) -> Int {
        guard let id = termID(term) else { return 0 }
        return Int(postingStart[Int(id) + 1] - postingStart[Int(id)])
    }

    func postingRange(_ id: Int32) -> Range<Int> {
        Int(postingStart[Int(id)])..<Int(postingStart[Int(id) + 1])
    }

    /// The term's frequency in one passage (binary search over its postings), 0 if absent.
    public func frequency(of term: String, in passage: Int) -> Int {
        guard let id = termID(term), let p = posting(id, passage) else { return 0 }
        return Int(postingFrequencies[p])
    }

    /// The positions of a term in one passage, ascending.
    public func positions(of term: String, in passage: Int) -> ArraySlice<Int32> {
        guard let id = termID(term), let p = posting(id, passage) else { return [] }
        return positions(ofPosting: p)
    }

    /// The positions of one posting (an index into the term's postings), ascending.
    func positions(ofPosting p: Int) -> ArraySlice<Int32> {
        ArraySlice(packedPositions.positions(p, postingFrequencies))
    }

    /// Two postings' positions, read side by side in order without making arrays.
    func withPositionReaders<R>(_ first: Int, _ second: Int,
                                _ body: (inout PackedPositions.Reader, inout PackedPositions.Reader) -> R) -> R {
        packedPositions.withReader(first, postingFrequencies) { a in
            packedPositions.withReader(second, postingFrequencies) { b in body(&a, &b) }
        }
    }

    /// Where the passage's posting of term `id` is, if the passage contains the term.
    func posting(_ id: Int32, _ passage: Int) -> Int? {
        let range = postingRange(id)
        let target = Int32(truncatingIfNeeded: passage)
        return postingPassages.withUnsafeBufferPointer { passages in
            guard let base = passages.baseAddress else { return nil }
            let p = PostingSearch.lowerBound(base, from: range.lowerBound, to: range.upperBound, target)
            return p < range.upperBound && base[p] == target ? p : nil
        }
    }

    /// Where each posting's positions start in `positions` (one more than the postings).
    /// Unpacked on every call: for tests and the engine fingerprint, not for answering.
    var positionStart: [Int32] { packedPositions.unpacked(postingFrequencies).start }

    /// How many positions the field holds (one per token: the frequencies' sum).
    var positionCount: Int {
        postingFrequencies.withUnsafeBufferPointer { f in (0..<f.count).reduce(0) { $0 + Int(f[$1]) } }
    }

    /// All positions, posting after posting (see `positionStart` for the cost).
    var positions: [Int32] { packedPositions.unpacked(postingFrequencies).positions }
}
