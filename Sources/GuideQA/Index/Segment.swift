/// The postings of one chunk of consecutive passages for one field, grouped by term
/// and packed as variable-length integers: what the parallel build keeps of a chunk
/// until every chunk is done and `FieldIndex.merging` lays them out once.
///
/// Packed, a chunk takes about half the memory its postings take in the final index
/// (small deltas fit one byte where the index spends four), so the build's transient
/// memory stays below the index it builds. Everything is LEB128 in two exact-size byte
/// arrays: a million-passage build holds 30 million segment terms, and `Int32` columns
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
struct Segment {
    /// The thread whose term table the term ids refer to.
    var worker: Int
    var termCount: Int
    var terms: [UInt8]
    /// Postings with a frequency of 255 or more, which `FrequencyColumn` lists apart.
    var largeFrequencies: Int
    var bytes: [UInt8]
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

    /// A copy of `bytes` with no spare capacity (a segment lives until the merge; the
    /// writer's buffers are reused for the next chunk).
    static func exactCopy(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: bytes.count) { out, count in
            bytes.withUnsafeBufferPointer { source in
                if let from = source.baseAddress, let to = out.baseAddress { to.initialize(from: from, count: source.count) }
            }
            count = bytes.count
        }
    }
}
