#if canImport(Glibc)
import Glibc
#endif

/// A set of byte strings that numbers its keys 0, 1, 2, … in insertion order: the
/// index build's dictionary for words and terms.
///
/// A `[String: Int32]` needs a `String` (an allocation for 16+ bytes) and a SipHash
/// per look-up; indexing looks up every word of the corpus, mostly words it has seen.
/// Here a look-up hashes the bytes where they stand in the text and compares them
/// with `memcmp`. Keys live end to end in one byte buffer, so a table of a million
/// keys is a handful of arrays, not a million objects.
///
/// Open addressing with linear probing over a power-of-two slot array, grown at 50%
/// load. Each slot keeps 32 bits of the key's hash beside its id, so a probe that
/// misses rarely touches the key bytes.
struct ByteKeyTable {
    /// Per slot: `UInt64(hash32) << 32 | UInt64(id + 1)`; 0 is empty.
    private var slots: [UInt64]
    private var keyEnds: [UInt32] = []
    private var keyBytes: [UInt8] = []

    init(capacity: Int = 1 << 10) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [UInt64](repeating: 0, count: size)
    }

    /// Number of keys.
    var count: Int { keyEnds.count }

    /// Bytes held by the table's arrays (for memory accounting in tests and notes).
    var byteCount: Int { slots.count * 8 + keyEnds.count * 4 + keyBytes.count }

    /// The bytes 8 at a time (the last 8 overlapping, so nothing outside the key is
    /// read), each step a multiply, then a full mix: a word hashes in a few cycles where
    /// a byte-at-a-time hash waits on one multiply per byte. Only where keys sit in the
    /// table depends on it; ids are numbered in insertion order whatever the hash.
    @inline(__always)
    static func hash(_ base: UnsafePointer<UInt8>, _ count: Int) -> UInt64 {
        var h = UInt64(truncatingIfNeeded: count) &* 0x9E37_79B9_7F4A_7C15
        if count >= 8 {
            let raw = UnsafeRawPointer(base)
            var i = 0
            while i + 8 <= count {
                h = (h ^ UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))) &* 0xBF58_476D_1CE4_E5B9
                h ^= h >> 29
                i += 8
            }
            if i < count {
                let last = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self))
                h = (h ^ (last >> (8 * UInt64(8 - (count - i))))) &* 0xBF58_476D_1CE4_E5B9
            }
        } else {
            var tail: UInt64 = 0
            for i in 0..<count { tail |= UInt64(base[i]) << (8 * UInt64(i)) }
            h = (h ^ tail) &* 0xBF58_476D_1CE4_E5B9
        }
        h = (h ^ (h >> 27)) &* 0x94D0_49BB_1331_11EB
        return h ^ (h >> 31)
    }

    /// The id of these bytes, if present.
    @inline(__always)
    func find(_ base: UnsafePointer<UInt8>, _ count: Int, hash: UInt64) -> Int32? {
        slots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            let tag = hash >> 32
            var slot = Int(truncatingIfNeeded: hash) & mask
            while true {
                let value = slots[slot]
                if value == 0 { return nil }
                if value >> 32 == tag {
                    let id = Int(truncatingIfNeeded: value & 0xFFFF_FFFF) - 1
                    if matches(id, base, count) { return Int32(id) }
                }
                slot = (slot + 1) & mask
            }
        }
    }

    /// Adds bytes known to be absent; returns their id.
    @discardableResult
    mutating func insert(_ base: UnsafePointer<UInt8>, _ count: Int, hash: UInt64) -> Int32 {
        if (self.count + 1) * 2 > slots.count { grow() }
        let id = Int32(self.count)
        keyBytes.append(contentsOf: UnsafeBufferPointer(start: base, count: count))
        keyEnds.append(UInt32(keyBytes.count))
        place(id, hash: hash)
        return id
    }

    /// The id of these bytes, added if absent.
    @inline(__always)
    mutating func id(_ base: UnsafePointer<UInt8>, _ count: Int) -> Int32 {
        let h = Self.hash(base, count)
        return find(base, count, hash: h) ?? insert(base, count, hash: h)
    }

    /// The id of a string's UTF-8, added if absent.
    mutating func id(_ text: String) -> Int32 {
        Self.withBytes(text) { id($0, $1) }
    }

    /// The id of a string's UTF-8, if present.
    func find(_ text: String) -> Int32? {
        Self.withBytes(text) { find($0, $1, hash: Self.hash($0, $1)) }
    }

    /// A string's UTF-8 as a pointer that is never nil (an empty string may have no buffer).
    static func withBytes<R>(_ text: String, _ body: (UnsafePointer<UInt8>, Int) -> R) -> R {
        var text = text
        return text.withUTF8 { utf8 in
            if let base = utf8.baseAddress { return body(base, utf8.count) }
            var zero: UInt8 = 0
            return withUnsafePointer(to: &zero) { body($0, 0) }
        }
    }

    /// A key as text.
    func string(_ id: Int32) -> String {
        let from = id == 0 ? 0 : Int(keyEnds[Int(id) - 1])
        let to = Int(keyEnds[Int(id)])
        return keyBytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[from..<to]), as: UTF8.self) }
    }

    /// A key's bytes, valid while `body` runs.
    func withKey<R>(_ id: Int32, _ body: (UnsafePointer<UInt8>, Int) -> R) -> R {
        let from = id == 0 ? 0 : Int(keyEnds[Int(id) - 1])
        let to = Int(keyEnds[Int(id)])
        return keyBytes.withUnsafeBufferPointer { keys in
            if let base = keys.baseAddress { return body(base + from, to - from) }
            var zero: UInt8 = 0
            return withUnsafePointer(to: &zero) { body($0, 0) }
        }
    }

    /// A key's hash, recomputed (the table keeps only 32 bits of it).
    func hash(of id: Int32) -> UInt64 { withKey(id) { Self.hash($0, $1) } }

    @inline(__always)
    private func matches(_ id: Int, _ base: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        let from = id == 0 ? 0 : Int(keyEnds[id - 1])
        guard Int(keyEnds[id]) - from == count else { return false }
        if count == 0 { return true }
        return keyBytes.withUnsafeBufferPointer { memcmp($0.baseAddress! + from, base, count) == 0 }
    }

    private mutating func place(_ id: Int32, hash: UInt64) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = (hash >> 32) << 32 | UInt64(id + 1)
    }

    private mutating func grow() {
        slots = [UInt64](repeating: 0, count: slots.count * 2)
        for id in 0..<Int32(count) { place(id, hash: hash(of: id)) }
    }
}
