/// XXH64 (seed 0): the checksum of the index file's header and of each section.
///
/// Why not CRC-32 or FNV-1a: an index file is tens of megabytes and is verified on every
/// start, inside a 100 ms budget. FNV-1a goes one byte at a time (about 1 GB/s); XXH64
/// reads 32 bytes per round in four independent lanes (several GB/s), and still catches
/// truncation, bit flips and splices with 64-bit strength. The algorithm is the published
/// one (github.com/Cyan4973/xxHash), so the files can be checked by other tools.
public enum IndexFileChecksum {
    fileprivate static let p1: UInt64 = 0x9E37_79B1_85EB_CA87
    fileprivate static let p2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    fileprivate static let p3: UInt64 = 0x1656_67B1_9E37_79F9
    fileprivate static let p4: UInt64 = 0x85EB_CA77_C2B2_AE63
    fileprivate static let p5: UInt64 = 0x27D4_EB2F_1656_67C5

    public static func xxh64(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = 0) -> UInt64 {
        xxh64(bytes, seed: seed, slice: Int.max, afterSlice: { _ in })
    }

    /// XXH64 that reports each `slice` bytes it has read (a multiple of 32), so that the
    /// caller can give back the pages of a large mapped section as it goes.
    static func xxh64(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = 0, slice: Int,
                      afterSlice: (Range<Int>) -> Void) -> UInt64 {
        let count = bytes.count
        guard let base = bytes.baseAddress else { return finish(seed &+ p5, base: nil, from: 0, to: 0) }
        var i = 0
        var h: UInt64
        if count >= 32 {
            var v1 = seed &+ p1 &+ p2, v2 = seed &+ p2, v3 = seed, v4 = seed &- p1
            let stripes = count - count % 32
            while i < stripes {
                let end = slice >= stripes - i ? stripes : i + slice
                let from = i
                while i < end {
                    v1 = round(v1, load(base, i))
                    v2 = round(v2, load(base, i + 8))
                    v3 = round(v3, load(base, i + 16))
                    v4 = round(v4, load(base, i + 24))
                    i += 32
                }
                afterSlice(from..<end)
            }
            h = rotl(v1, 1) &+ rotl(v2, 7) &+ rotl(v3, 12) &+ rotl(v4, 18)
            h = merge(h, v1); h = merge(h, v2); h = merge(h, v3); h = merge(h, v4)
        } else {
            h = seed &+ p5
        }
        h = h &+ UInt64(count)
        return finish(h, base: base, from: i, to: count)
    }

    public static func xxh64(_ bytes: [UInt8], seed: UInt64 = 0) -> UInt64 {
        bytes.withUnsafeBytes { xxh64($0, seed: seed) }
    }

    @inline(__always)
    fileprivate static func finish(_ hash: UInt64, base: UnsafeRawPointer?, from start: Int, to count: Int) -> UInt64 {
        var h = hash
        var i = start
        if let base {
            while i + 8 <= count {
                h ^= round(0, load(base, i))
                h = rotl(h, 27) &* p1 &+ p4
                i += 8
            }
            if i + 4 <= count {
                h ^= UInt64(UInt32(littleEndian: base.loadUnaligned(fromByteOffset: i, as: UInt32.self))) &* p1
                h = rotl(h, 23) &* p2 &+ p3
                i += 4
            }
            while i < count {
                h ^= UInt64(base.load(fromByteOffset: i, as: UInt8.self)) &* p5
                h = rotl(h, 11) &* p1
                i += 1
            }
        }
        h ^= h >> 33; h = h &* p2
        h ^= h >> 29; h = h &* p3
        h ^= h >> 32
        return h
    }

    @inline(__always)
    fileprivate static func load(_ base: UnsafeRawPointer, _ offset: Int) -> UInt64 {
        UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    @inline(__always)
    fileprivate static func rotl(_ x: UInt64, _ r: UInt64) -> UInt64 { (x << r) | (x >> (64 - r)) }

    @inline(__always)
    fileprivate static func round(_ acc: UInt64, _ input: UInt64) -> UInt64 {
        rotl(acc &+ input &* p2, 31) &* p1
    }

    @inline(__always)
    fileprivate static func merge(_ acc: UInt64, _ v: UInt64) -> UInt64 {
        (acc ^ round(0, v)) &* p1 &+ p4
    }
}

/// XXH64 (seed 0) of bytes that arrive in pieces: equal to `IndexFileChecksum.xxh64` of
/// the pieces joined. The index file writer hashes each section as it streams it out,
/// so no section has to be held whole in memory to be checksummed.
struct XXH64Stream {
    private typealias C = IndexFileChecksum
    private var v1 = C.p1 &+ C.p2, v2 = C.p2, v3: UInt64 = 0, v4 = 0 &- C.p1
    /// Bytes of an incomplete 32-byte stripe, waiting for the next piece.
    private var pending: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    private var pendingCount = 0
    private(set) var count = 0

    mutating func update(_ piece: UnsafeRawBufferPointer) {
        guard let base = piece.baseAddress, piece.count > 0 else { return }
        count += piece.count
        var i = 0
        if pendingCount > 0 {
            let take = min(32 - pendingCount, piece.count)
            withUnsafeMutableBytes(of: &pending) { $0.baseAddress.unsafelyUnwrapped.advanced(by: pendingCount)
                .copyMemory(from: base, byteCount: take) }
            pendingCount += take
            i = take
            guard pendingCount == 32 else { return }
            withUnsafeBytes(of: pending) { stripe($0.baseAddress.unsafelyUnwrapped, 0) }
            pendingCount = 0
        }
        while piece.count - i >= 32 {
            stripe(base, i)
            i += 32
        }
        if i < piece.count {
            withUnsafeMutableBytes(of: &pending) { $0.baseAddress.unsafelyUnwrapped
                .copyMemory(from: base + i, byteCount: piece.count - i) }
            pendingCount = piece.count - i
        }
    }

    @inline(__always)
    private mutating func stripe(_ base: UnsafeRawPointer, _ i: Int) {
        v1 = C.round(v1, C.load(base, i))
        v2 = C.round(v2, C.load(base, i + 8))
        v3 = C.round(v3, C.load(base, i + 16))
        v4 = C.round(v4, C.load(base, i + 24))
    }

    /// The checksum of everything so far.
    var value: UInt64 {
        var h: UInt64
        if count >= 32 {
            h = C.rotl(v1, 1) &+ C.rotl(v2, 7) &+ C.rotl(v3, 12) &+ C.rotl(v4, 18)
            h = C.merge(h, v1); h = C.merge(h, v2); h = C.merge(h, v3); h = C.merge(h, v4)
        } else {
            h = C.p5
        }
        h = h &+ UInt64(count)
        let tail = pendingCount
        return withUnsafeBytes(of: pending) { C.finish(h, base: $0.baseAddress, from: 0, to: tail) }
    }
}

/// XXH64 over several pieces fed one after another, as if they were one buffer: for
/// keys over many inputs (the corpus cache key), without concatenating them.
/// Not streaming XXH64 (pieces are hashed, then their hashes folded), but stable and
/// order-sensitive, which is all a key needs.
public struct IndexFileKeyHasher: Sendable {
    private var state: UInt64 = 0x6775_6964_6571_6121

    public init() {}

    public mutating func combine(_ bytes: UnsafeRawBufferPointer) {
        let piece = IndexFileChecksum.xxh64(bytes, seed: UInt64(bytes.count))
        var pair = (state, piece)
        state = withUnsafeBytes(of: &pair) { IndexFileChecksum.xxh64($0, seed: 0) }
    }

    /// `combine(bytes)` for a large mapped file: `release` is handed each 4 MB slice once it
    /// is hashed, so the file's pages need not all be resident at once.
    mutating func combine(_ bytes: UnsafeRawBufferPointer, release: (UnsafeRawBufferPointer) -> Void) {
        let piece = IndexFileChecksum.xxh64(bytes, seed: UInt64(bytes.count), slice: 4 << 20) { range in
            release(UnsafeRawBufferPointer(rebasing: bytes[range]))
        }
        var pair = (state, piece)
        state = withUnsafeBytes(of: &pair) { IndexFileChecksum.xxh64($0, seed: 0) }
    }

    public mutating func combine(_ string: String) {
        var copy = string
        copy.withUTF8 { combine(UnsafeRawBufferPointer($0)) }
    }

    public mutating func combine(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { combine($0) }
    }

    public var value: UInt64 { state }
}
