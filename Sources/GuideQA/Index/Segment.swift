/// The postings of one chunk of consecutive passages for one field, grouped by term
/// and packed as variable-length integers: what the parallel build keeps of a chunk
/// until every chunk is done and `FieldIndex.merging` lays them out once.
///
/// Packed, a chunk takes about half the memory its postings take in the final index
/// (small deltas fit one byte where the index spends four), so the build's transient
/// memory stays below the index it builds. Everything is LEB128 in two exact-size byte
/// blocks (`SegmentBytes`): a million-passage build holds 30 million segment terms, and `Int32` columns
/// for them took more memory than the postings themselves.
///
/// `terms` holds, per term in first-seen order within the chunk: the worker's term id
/// (the merge maps it to the field's id), the term's posting count, the byte count of
/// its positions and the byte count of all its postings in `bytes`. `bytes` holds, term
/// after term in that order, each posting as `passage delta, frequency, first position,
/// position deltas…`; the first passage delta of a term counts from the chunk's first
/// passage. A posting's positions are coded exactly as the index's packed positions code
/// them (`PackedPositions`), so the merge copies their bytes instead of decoding and
/// re-encoding them.
struct Segment: @unchecked Sendable {
    /// The thread whose term table the term ids refer to.
    var worker: Int
    var termCount: Int
    var terms: SegmentBytes
    /// Postings with a frequency of 255 or more, which `FrequencyColumn` lists apart.
    var largeFrequencies: Int
    var bytes: SegmentBytes
    /// Tokens per passage of the chunk.
    var lengths: [Int32]
    var totalLength: Int

    /// One term's entry in `terms`.
    struct Term {
        var id: Int
        var postings: Int
        var positionBytes: Int
        var byteCount: Int
    }

    /// Calls `body` with each term's entry, in order.
    @inline(__always)
    func forEachTerm(_ body: (Term) -> Void) {
        terms.withUnsafeBufferPointer { terms in
            var i = 0
            for _ in 0..<termCount {
                let id = Int(Self.read(terms, &i))
                let postings = Int(Self.read(terms, &i))
                let positionBytes = Int(Self.read(terms, &i))
                body(Term(id: id, postings: postings, positionBytes: positionBytes, byteCount: Int(Self.read(terms, &i))))
            }
        }
    }

    @inline(__always)
    static func read(_ bytes: UnsafeBufferPointer<UInt8>, _ index: inout Int) -> UInt32 {
        var value: UInt32 = 0
        var shift: UInt32 = 0
        while true {
            let b = bytes[index]
            index += 1
            value |= UInt32(b & 0x7F) << shift
            if b < 0x80 { return value }
            shift += 7
        }
    }

}

/// The bytes of a segment, or of one band's piece of it: one exact-size allocation,
/// freed with the last reference. A class rather than `[UInt8]` so that the merge can
/// fill many of them at once through their pointers (an array is filled inside one
/// closure, or one checked access at a time).
/// `@unchecked Sendable`: written only by the code that creates it, before sharing it.
final class SegmentBytes: @unchecked Sendable {
    let base: UnsafeMutablePointer<UInt8>
    let count: Int

    /// `count` bytes that the creator writes whole before anything reads them.
    init(uninitialized count: Int) {
        base = .allocate(capacity: max(count, 1))
        self.count = count
    }

    /// A copy of `bytes` (a segment lives until the merge; the writer's buffers are
    /// reused for the next chunk).
    convenience init(copying bytes: UnsafeBufferPointer<UInt8>) {
        self.init(uninitialized: bytes.count)
        if let source = bytes.baseAddress { base.initialize(from: source, count: bytes.count) }
    }

    deinit { base.deallocate() }

    @inline(__always)
    func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try withExtendedLifetime(self) { try body(UnsafeBufferPointer(start: base, count: count)) }
    }
}
