/// Maps a word's bytes, as it stands in the text, to its analyzed terms' ids:
/// the index builder's memo, so that each distinct word is analyzed once and every
/// later sighting costs one hash of its bytes, with no `String` made.
///
/// Open addressing with linear probing over a power-of-two slot array; keys are kept
/// in one byte buffer. Grows at 50% load.
struct SurfaceTable {
    private var slots: [Int32]
    private var hashes: [UInt64] = []
    private var keyStart: [Int32] = []
    private var keyBytes: [UInt8] = []
    /// Per entry: its terms are `termIDs[termStart[e]..<termStart[e+1]]` at `offsets`.
    private var termStart: [Int32] = [0]
    private(set) var termIDs: [Int32] = []
    private(set) var offsets: [Int32] = []
    private(set) var widths: [Int32] = []

    init(capacity: Int = 1 << 12) {
        slots = [Int32](repeating: -1, count: capacity)
    }

    var count: Int { widths.count }

    func terms(of entry: Int32) -> Range<Int> {
        Int(termStart[Int(entry)])..<Int(termStart[Int(entry) + 1])
    }

    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for i in start..<end {
            h = (h ^ UInt64(bytes[i])) &* 0x0000_0100_0000_01b3
        }
        return h
    }

    /// The entry for these bytes, if present.
    func find(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, hash: UInt64) -> Int32? {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        let length = end - start
        while true {
            let entry = slots[slot]
            if entry < 0 { return nil }
            let e = Int(entry)
            if hashes[e] == hash {
                let keyFrom = Int(keyStart[e])
                let keyLength = Int(keyStart.count > e + 1 ? keyStart[e + 1] : Int32(keyBytes.count)) - keyFrom
                if keyLength == length && keyBytes.withUnsafeBufferPointer({ key in
                    memcmp(key.baseAddress! + keyFrom, bytes.baseAddress! + start, length) == 0
                }) {
                    return entry
                }
            }
            slot = (slot + 1) & mask
        }
    }

    /// Adds an entry (the caller has checked it is absent).
    mutating func insert(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, hash: UInt64,
                         terms: [(id: Int32, offset: Int32)], width: Int32) -> Int32 {
        if (count + 1) * 2 > slots.count { grow() }
        let entry = Int32(count)
        keyStart.append(Int32(keyBytes.count))
        keyBytes.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<end]))
        hashes.append(hash)
        for term in terms {
            termIDs.append(term.id)
            offsets.append(term.offset)
        }
        termStart.append(Int32(termIDs.count))
        widths.append(width)
        place(entry, hash)
        return entry
    }

    private mutating func place(_ entry: Int32, _ hash: UInt64) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = entry
    }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        for e in 0..<count { place(Int32(e), hashes[e]) }
    }
}

#if canImport(Glibc)
import Glibc
#endif
