/// Maps a word's bytes, as it stands in the text, to its analyzed terms' ids: the
/// index build's memo, so that each distinct word is analyzed once and every later
/// sighting costs one hash of its bytes, with no `String` made.
///
/// Capped: past `limit` distinct words (a corpus of made-up words can have millions)
/// new words are analyzed each time they occur instead of remembered, so the memo's
/// memory stays bounded while the index stays the same.
struct SurfaceTable {
    private var keys = ByteKeyTable(capacity: 1 << 12)
    /// Per entry: its terms are `termIDs[termStart[e]..<termStart[e+1]]` at `offsets`.
    private var termStart: [Int32] = [0]
    private(set) var termIDs: [Int32] = []
    private(set) var offsets: [Int32] = []
    private(set) var widths: [Int32] = []
    let limit: Int

    init(limit: Int = 4_000_000) {
        self.limit = limit
    }

    var count: Int { widths.count }
    var isFull: Bool { count >= limit }

    @inline(__always)
    func terms(of entry: Int32) -> Range<Int> {
        Int(termStart[Int(entry)])..<Int(termStart[Int(entry) + 1])
    }

    /// The entry for these bytes, if present.
    @inline(__always)
    func find(_ base: UnsafePointer<UInt8>, _ count: Int, hash: UInt64) -> Int32? {
        keys.find(base, count, hash: hash)
    }

    /// Adds an entry (the caller has checked it is absent and the table is not full).
    mutating func insert(_ base: UnsafePointer<UInt8>, _ count: Int, hash: UInt64,
                         terms: [(id: Int32, offset: Int32)], width: Int32) {
        keys.insert(base, count, hash: hash)
        for term in terms {
            termIDs.append(term.id)
            offsets.append(term.offset)
        }
        termStart.append(Int32(termIDs.count))
        widths.append(width)
    }
}
