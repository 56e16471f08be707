#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The terms of one field by id, and the term → id lookup, in one block of bytes that
/// is the same in memory and in the index file (so a loaded index uses it in place):
///
/// ```
/// 0    u64  term count n
/// 8    u64  slot count S (a power of two, more than n)
/// 16   u64  UTF-8 byte count B
/// 24   u32 × (n+1)  where each term's UTF-8 starts (term i is offsets[i]..<offsets[i+1]); zero-padded to 8
/// …    u32 × S      open-addressing table: a term id, or 0xFFFF_FFFF for an empty slot; zero-padded to 8
/// …    B bytes      the terms' UTF-8, back to back, in id order
/// ```
///
/// Why not `[String: Int32]` and `[String]`: for 100,000 passages (840,000 distinct
/// body terms) rebuilding the dictionary on every start took 185 ms and hundreds of
/// megabytes of small allocations. Here a lookup hashes the term's UTF-8 (XXH64, seed 0,
/// stable across runs, so the table can be stored), probes linearly from
/// `hash & (S - 1)` and compares bytes; a term's `String` is made only when asked for.
/// At most two thirds of the slots are used, so a missing term meets an empty slot soon.
/// `@unchecked Sendable`: the pointers lead into an `IndexFileRegion` this value keeps
/// alive and that nobody writes after it is made.
public struct TermTable: RandomAccessCollection, @unchecked Sendable, Equatable {
    private let region: IndexFileRegion
    private let block: UnsafeRawBufferPointer
    private let offsets: UnsafePointer<UInt32>
    private let slots: UnsafePointer<UInt32>
    private let utf8: UnsafePointer<UInt8>
    private let slotMask: Int
    public let count: Int

    static let empty: UInt32 = 0xFFFF_FFFF
    static let fixedLength = 24

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    /// Builds the table for terms in id order. Returns nil when a term occurs twice.
    init?(_ terms: [String]) {
        let n = terms.count
        var byteCount = 0
        for term in terms { byteCount += term.utf8.count }
        guard byteCount <= Int(UInt32.max - 1), n < Int(Int32.max) else { return nil }
        let slotCount = Self.slotCount(for: n)
        let length = Self.length(terms: n, slots: slotCount, utf8: byteCount)
        var duplicate = false
        let region = IndexFileRegion(count: length) { out in
            out.storeBytes(of: UInt64(n).littleEndian, toByteOffset: 0, as: UInt64.self)
            out.storeBytes(of: UInt64(slotCount).littleEndian, toByteOffset: 8, as: UInt64.self)
            out.storeBytes(of: UInt64(byteCount).littleEndian, toByteOffset: 16, as: UInt64.self)
            let offsetsAt = Self.fixedLength
            let slotsAt = offsetsAt + Self.padded(4 * (n + 1))
            let utf8At = slotsAt + Self.padded(4 * slotCount)
            for s in 0..<slotCount {
                out.storeBytes(of: Self.empty.littleEndian, toByteOffset: slotsAt + 4 * s, as: UInt32.self)
            }
            var at = 0
            for (id, term) in terms.enumerated() {
                out.storeBytes(of: UInt32(at).littleEndian, toByteOffset: offsetsAt + 4 * id, as: UInt32.self)
                var copy = term
                copy.withUTF8 { bytes in
                    if let source = bytes.baseAddress {
                        (out.baseAddress.unsafelyUnwrapped + utf8At + at).copyMemory(from: source, byteCount: bytes.count)
                    }
                    at += bytes.count
                }
            }
            out.storeBytes(of: UInt32(at).littleEndian, toByteOffset: offsetsAt + 4 * n, as: UInt32.self)
            // Insert every id at its slot; equal bytes already there mean a repeated term.
            let base = UnsafeRawPointer(out.baseAddress.unsafelyUnwrapped)
            let utf8 = (base + utf8At).assumingMemoryBound(to: UInt8.self)
            let offsets = (base + offsetsAt).assumingMemoryBound(to: UInt32.self)
            let slots = (out.baseAddress.unsafelyUnwrapped + slotsAt).assumingMemoryBound(to: UInt32.self)
            for id in 0..<n {
                let start = Int(offsets[id]), end = Int(offsets[id + 1])
                let term = UnsafeRawBufferPointer(start: utf8 + start, count: end - start)
                var slot = Self.hash(term) & (slotCount - 1)
                while slots[slot] != Self.empty {
                    let other = Int(slots[slot])
                    if Self.equal(term, utf8, Int(offsets[other]), Int(offsets[other + 1])) { duplicate = true }
                    slot = (slot + 1) & (slotCount - 1)
                }
                slots[slot] = UInt32(id)
            }
        }
        guard !duplicate else { return nil }
        self.init(unchecked: region, block: region.bytes, count: n, slotCount: slotCount)
    }

    /// The table stored in an index file section, its sizes checked (what lookups read is
    /// checked as they read it).
    init(stored block: UnsafeRawBufferPointer, in region: IndexFileRegion, terms expected: Int,
         section: String) throws(IndexFileError) {
        var r = IndexFileByteReader(block, section: section)
        let n = Int(clamping: try r.u64()), slotCount = Int(clamping: try r.u64()), byteCount = Int(clamping: try r.u64())
        guard n == expected else { throw r.malformed("\(n) terms, the header says \(expected)") }
        guard n < Int(Int32.max), slotCount > n, slotCount & (slotCount - 1) == 0, slotCount <= block.count,
              byteCount <= block.count, Self.length(terms: n, slots: slotCount, utf8: byteCount) == block.count
        else { throw r.malformed("term table sizes") }
        self.init(unchecked: region, block: block, count: n, slotCount: slotCount)
        // The offsets and slots are not scanned here (that was 5 ms of a 100k-passage
        // start): `id(of:)` and the subscript check what they read instead, so a table
        // forged with valid checksums gives wrong answers at worst, never a bad read.
        guard offsets[0] == 0, offsets[n] == UInt32(truncatingIfNeeded: byteCount), byteCount <= Int(UInt32.max) else {
            throw r.malformed("term offsets do not span the UTF-8")
        }
    }

    private init(unchecked region: IndexFileRegion, block: UnsafeRawBufferPointer, count: Int, slotCount: Int) {
        self.region = region
        self.block = block
        self.count = count
        slotMask = slotCount - 1
        let base = block.baseAddress.unsafelyUnwrapped
        let slotsAt = Self.fixedLength + Self.padded(4 * (count + 1))
        offsets = (base + Self.fixedLength).assumingMemoryBound(to: UInt32.self)
        slots = (base + slotsAt).assumingMemoryBound(to: UInt32.self)
        utf8 = (base + slotsAt + Self.padded(4 * slotCount)).assumingMemoryBound(to: UInt8.self)
    }

    /// The bytes as the index file stores them (a copy: the block lives only as long as its region).
    var storedBytes: [UInt8] { withExtendedLifetime(region) { Array(block) } }

    /// The id of a term, or nil when the field does not contain it.
    public func id(of term: String) -> Int32? {
        var copy = term
        return copy.withUTF8 { id(of: UnsafeRawBufferPointer($0)) }
    }

    func id(of term: UnsafeRawBufferPointer) -> Int32? {
        var slot = Self.hash(term) & slotMask
        // Bounded by the slot count, so a table without empty slots cannot loop forever.
        for _ in 0...slotMask {
            let id = Int(slots[slot])
            if id == Int(Self.empty) || id >= count { return nil }
            if let range = utf8Range(id), Self.equal(term, utf8, range.lowerBound, range.upperBound) { return Int32(id) }
            slot = (slot + 1) & slotMask
        }
        return nil
    }

    public subscript(id: Int) -> String {
        precondition(id >= 0 && id < count, "term id out of range")
        guard let range = utf8Range(id) else { return "" }
        return String(decoding: UnsafeBufferPointer(start: utf8 + range.lowerBound, count: range.count), as: UTF8.self)
    }

    /// Where term `id`'s UTF-8 lies, or nil for offsets that a sound table cannot have.
    @inline(__always)
    private func utf8Range(_ id: Int) -> Range<Int>? {
        let start = Int(offsets[id]), end = Int(offsets[id + 1])
        guard start <= end, end <= Int(offsets[count]) else { return nil }
        return start..<end
    }

    public static func == (a: TermTable, b: TermTable) -> Bool {
        guard a.count == b.count else { return false }
        for id in 0..<a.count {
            guard let mine = a.utf8Range(id), let theirs = b.utf8Range(id) else { return false }
            let term = UnsafeRawBufferPointer(start: a.utf8 + mine.lowerBound, count: mine.count)
            guard equal(term, b.utf8, theirs.lowerBound, theirs.upperBound) else { return false }
        }
        return true
    }

    // MARK: Layout

    /// Slots for n terms: a power of two with at most two thirds in use.
    static func slotCount(for n: Int) -> Int {
        var slots = 2
        while slots * 2 < n * 3 + 2 { slots <<= 1 }
        return slots
    }

    static func length(terms n: Int, slots: Int, utf8: Int) -> Int {
        fixedLength + padded(4 * (n + 1)) + padded(4 * slots) + utf8
    }

    @inline(__always)
    static func padded(_ length: Int) -> Int { (length + 7) & ~7 }

    @inline(__always)
    static func hash(_ term: UnsafeRawBufferPointer) -> Int {
        Int(truncatingIfNeeded: IndexFileChecksum.xxh64(term))
    }

    @inline(__always)
    private static func equal(_ term: UnsafeRawBufferPointer, _ utf8: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        guard end - start == term.count else { return false }
        guard let base = term.baseAddress, term.count > 0 else { return true }
        return memcmp(base, utf8 + start, term.count) == 0
    }
}
