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

    /// Writes values into memory the caller has sized for the worst case (5 bytes a
    /// 32-bit value): the build's segment coder, where `Array.append` cost a capacity and
    /// uniqueness check per byte.
    struct Cursor {
        private var base: UnsafeMutablePointer<UInt8>?
        private var capacity = 0
        /// Bytes written so far; setting it lower takes back what followed.
        var count = 0

        init() {}

        init(_ buffer: UnsafeMutableBufferPointer<UInt8>) {
            base = buffer.baseAddress
            capacity = buffer.count
        }

        @inline(__always)
        mutating func write(_ value: UInt32) {
            precondition(count + 5 <= capacity, "the buffer is sized for the worst case")
            let out = base.unsafelyUnwrapped
            var v = value
            while v >= 0x80 {
                out[count] = UInt8(truncatingIfNeeded: v) | 0x80
                count += 1
                v >>= 7
            }
            out[count] = UInt8(v)
            count += 1
        }
    }
}
