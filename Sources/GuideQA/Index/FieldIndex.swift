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
/// positions of a loaded index stay variable-byte coded (`PackedPositions`). A loaded
/// index reads those three in place from its mapped file.
public struct FieldIndex: Sendable {
    /// Terms by id, in first-seen order, and the term → id lookup.
    public let terms: TermTable
    let postingStart: [Int32]
    let postingPassages: [Int32]
    let postingFrequencies: FrequencyColumn
    let positionStore: PositionStore
    /// Tokens per passage in this field.
    public let lengths: [Int32]
    public let totalLength: Int

    /// Where positions live: flat arrays as the builder made them, or packed.
    enum PositionStore: Sendable {
        case flat(start: [Int32], positions: [Int32])
        case packed(PackedPositions)
    }

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
        switch positionStore {
        case .flat(let start, let positions): return positions[Int(start[p])..<Int(start[p + 1])]
        case .packed(let packed): return ArraySlice(packed.positions(p, postingFrequencies))
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
    /// Free for an index built in memory; a loaded index unpacks them on every call, so
    /// this is for writing an index and for tests, not for answering.
    var positionStart: [Int32] {
        switch positionStore {
        case .flat(let start, _): return start
        case .packed(let packed): return packed.unpacked(postingFrequencies).start
        }
    }

    /// How many positions the field holds (one per token: the frequencies' sum).
    var positionCount: Int {
        switch positionStore {
        case .flat(_, let positions): return positions.count
        case .packed: return postingFrequencies.withUnsafeBufferPointer { f in (0..<f.count).reduce(0) { $0 + Int(f[$1]) } }
        }
    }

    /// All positions, posting after posting (see `positionStart` for the cost).
    var positions: [Int32] {
        switch positionStore {
        case .flat(_, let positions): return positions
        case .packed(let packed): return packed.unpacked(postingFrequencies).positions
        }
    }
}
