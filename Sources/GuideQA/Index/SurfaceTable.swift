#if canImport(Glibc)
import Glibc
#endif

/// Maps a word's bytes, as it stands in the text, to its analyzed terms' ids: the
/// index build's memo, so that each distinct word is analyzed once and every later
/// sighting costs one hash of its bytes, with no `String` made.
///
/// Built for the cache: a large corpus has millions of distinct words, so a look-up
/// that touches several arrays waits on several cache misses. Each slot of the
/// open-addressing table holds the word's first 8 bytes and, for the common word of
/// at most 8 bytes that gives one term at its own position, that term's id: such a
/// word is found, compared and answered from one 16-byte slot. Other words keep
/// their bytes and terms in side arrays.
///
/// Capped: past `limit` distinct words (a corpus of made-up words can have millions)
/// new words are analyzed each time they occur instead of remembered, so the memo's
/// memory stays bounded while the index stays the same.
struct SurfaceTable {
    /// `meta`: bit 63 set when used; bits 48…62 a hash tag; bits 32…47 the key's length
    /// (0xFFFF: longer); bits 0…31 a term id, or `complex | entry` for a side entry.
    private struct Slot {
        var key: UInt64
        var meta: UInt64
    }

    /// A word with more than one term, an offset, a width other than 1, or more than 8 bytes.
    private struct Entry {
        var keyStart: Int
        var keyLength: Int
        var termStart: Int32
        var termEnd: Int32
        var width: Int32
    }

    /// A word's look-up key: its first 8 bytes, length and hash, computed once.
    struct Probe: Equatable {
        fileprivate var key: UInt64
        fileprivate var length: Int
        fileprivate var hash: UInt64
    }

    /// The terms of a word found in the table.
    enum Found {
        /// One term at the word's own position, width 1.
        case single(Int32)
        /// `entry`'s terms: see `terms(of:)`, `width(of:)`.
        case entry(Int32)
    }

    private static let used: UInt64 = 1 << 63
    private static let complex: UInt64 = 1 << 31

    private var slots: [Slot]
    private var entries: [Entry] = []
    private var keyBytes: [UInt8] = []
    private(set) var termIDs: [Int32] = []
    private(set) var offsets: [Int32] = []
    private(set) var count = 0
    let limit: Int

    init(limit: Int = 3_000_000) {
        self.limit = limit
        slots = [Slot](repeating: Slot(key: 0, meta: 0), count: 1 << 12)
    }

    var isFull: Bool { count >= limit }

    /// - Parameter readable: bytes that may be read from `base` (at least `length`): with 8
    ///   or more, the key is one unaligned load, masked to the word (the same value the
    ///   byte loop builds).
    @inline(__always)
    static func probe(_ base: UnsafePointer<UInt8>, _ length: Int, readable: Int) -> Probe {
        var key: UInt64 = 0
        if readable >= 8 {
            key = UInt64(littleEndian: UnsafeRawPointer(base).loadUnaligned(as: UInt64.self))
            if length < 8 { key &= (1 &<< UInt64(8 * length)) &- 1 }
        } else {
            for i in 0..<min(length, 8) { key |= UInt64(base[i]) << (8 * UInt64(i)) }
        }
        var hash = (key ^ UInt64(length) &* 0x9E37_79B9_7F4A_7C15) &* 0xBF58_476D_1CE4_E5B9
        if length > 8 {
            for i in 8..<length { hash = (hash ^ UInt64(base[i])) &* 0x0000_0100_0000_01b3 }
        }
        hash ^= hash >> 31
        return Probe(key: key, length: length, hash: hash)
    }

    @inline(__always)
    func find(_ base: UnsafePointer<UInt8>, _ probe: Probe) -> Found? {
        slots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            let expected = Self.used | (probe.hash >> 49) << 48 | UInt64(min(probe.length, 0xFFFF)) << 32
            var s = Int(truncatingIfNeeded: probe.hash) & mask
            while true {
                let slot = slots[s]
                if slot.meta == 0 { return nil }
                if slot.meta & 0xFFFF_FFFF_0000_0000 == expected && slot.key == probe.key {
                    let payload = slot.meta & 0xFFFF_FFFF
                    if payload & Self.complex == 0 { return .single(Int32(truncatingIfNeeded: payload)) }
                    let e = Int32(truncatingIfNeeded: payload & ~Self.complex)
                    if probe.length <= 8 || restMatches(entries[Int(e)], base, probe.length) { return .entry(e) }
                }
                s = (s + 1) & mask
            }
        }
    }

    func terms(of entry: Int32) -> Range<Int> {
        Int(entries[Int(entry)].termStart)..<Int(entries[Int(entry)].termEnd)
    }

    func width(of entry: Int32) -> Int32 { entries[Int(entry)].width }

    /// Adds a word (the caller has checked it is absent and the table is not full).
    mutating func insert(_ base: UnsafePointer<UInt8>, _ probe: Probe,
                         terms: [(id: Int32, offset: Int32)], width: Int32) {
        if (count + 1) * 2 > slots.count { grow() }
        let payload: UInt64
        if probe.length <= 8 && terms.count == 1 && terms[0].offset == 0 && width == 1 && terms[0].id >= 0 {
            payload = UInt64(UInt32(terms[0].id))
        } else {
            let start = keyBytes.count
            if probe.length > 8 { keyBytes.append(contentsOf: UnsafeBufferPointer(start: base, count: probe.length)) }
            let termStart = Int32(termIDs.count)
            for term in terms {
                termIDs.append(term.id)
                offsets.append(term.offset)
            }
            entries.append(Entry(keyStart: start, keyLength: probe.length, termStart: termStart,
                                 termEnd: Int32(termIDs.count), width: width))
            payload = Self.complex | UInt64(entries.count - 1)
        }
        let meta = Self.used | (probe.hash >> 49) << 48 | UInt64(min(probe.length, 0xFFFF)) << 32 | payload
        place(Slot(key: probe.key, meta: meta), hash: probe.hash)
        count += 1
    }

    @inline(__always)
    private func restMatches(_ entry: Entry, _ base: UnsafePointer<UInt8>, _ length: Int) -> Bool {
        guard entry.keyLength == length else { return false }
        return keyBytes.withUnsafeBufferPointer { memcmp($0.baseAddress! + entry.keyStart, base, length) == 0 }
    }

    private mutating func place(_ slot: Slot, hash: UInt64) {
        let mask = slots.count - 1
        var s = Int(truncatingIfNeeded: hash) & mask
        while slots[s].meta != 0 { s = (s + 1) & mask }
        slots[s] = slot
    }

    private mutating func grow() {
        let old = slots
        slots = [Slot](repeating: Slot(key: 0, meta: 0), count: old.count * 2)
        for slot in old where slot.meta != 0 {
            place(slot, hash: rehash(slot))
        }
    }

    /// A slot's full hash, recomputed from its key (the slot keeps only a tag of it).
    private func rehash(_ slot: Slot) -> UInt64 {
        let payload = slot.meta & 0xFFFF_FFFF
        if payload & Self.complex != 0 {
            let entry = entries[Int(payload & ~Self.complex)]
            if entry.keyLength > 8 {
                return keyBytes.withUnsafeBufferPointer {
                    Self.probe($0.baseAddress! + entry.keyStart, entry.keyLength, readable: entry.keyLength).hash
                }
            }
        }
        let length = Int((slot.meta >> 32) & 0xFFFF)
        var key = slot.key.littleEndian
        return withUnsafeBytes(of: &key) {
            Self.probe($0.baseAddress!.assumingMemoryBound(to: UInt8.self), length, readable: 8).hash
        }
    }
}
