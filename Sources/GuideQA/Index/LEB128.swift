/// LEB128 variable-byte integers (7 bits a byte, low bits first, high bit = more): the
/// one encoding of the index file's postings and positions and of the build's segments.
enum LEB128 {
    @inline(__always)
    static func append(_ value: UInt64, to bytes: inout [UInt8]) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    /// How many bytes `append` writes for `value`.
    @inline(__always)
    static func length(_ value: UInt64) -> Int { (70 - (value | 1).leadingZeroBitCount) / 7 }

    /// A value of at most 32 bits at `offset`, which moves past it; nil past `end` or for
    /// an overlong value (a damaged file).
    @inline(__always)
    static func read32(_ bytes: UnsafePointer<UInt8>, _ offset: inout Int, end: Int) -> UInt32? {
        guard offset < end else { return nil }
        let first = bytes[offset]
        if first < 0x80 {   // most gaps take one byte
            offset += 1
            return UInt32(first)
        }
        var value: UInt32 = 0
        var shift: UInt32 = 0
        while offset < end && shift < 35 {
            let byte = bytes[offset]
            offset += 1
            value |= UInt32(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
        return nil
    }

    /// Writes a value at `at` (which moves past it) into memory the caller has sized for
    /// it (5 bytes at most): the build's segment coder, where `Array.append` cost a
    /// capacity and uniqueness check per byte. Checked only in debug builds.
    @inline(__always)
    static func write(_ value: UInt32, to out: UnsafeMutableBufferPointer<UInt8>, at: inout Int) {
        let base = out.baseAddress.unsafelyUnwrapped
        var v = value
        while v >= 0x80 {
            assert(at < out.count)
            base[at] = UInt8(truncatingIfNeeded: v) | 0x80
            at += 1
            v >>= 7
        }
        assert(at < out.count)
        base[at] = UInt8(v)
        at += 1
    }
}
