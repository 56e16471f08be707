/// The byte-level writer and reader of the index file: little-endian fixed-width
/// integers, LEB128 variable-byte integers (7 bits a byte, high bit = more), and strings
/// as a length followed by UTF-8.
///
/// Variable-byte coding keeps postings small: passage ids are stored as gaps from the
/// previous posting of the same term and positions as gaps within a passage, so most
/// numbers fit one byte.
struct IndexFileByteWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    var count: Int { bytes.count }

    mutating func u8(_ value: UInt8) { bytes.append(value) }

    mutating func u32(_ value: UInt32) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func u64(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    @inline(__always)
    mutating func varint(_ value: UInt64) { LEB128.append(value, to: &bytes) }

    @inline(__always)
    mutating func varint(_ value: Int) { varint(UInt64(UInt(bitPattern: value))) }

    @inline(__always)
    mutating func varint(_ value: Int32) { varint(UInt64(UInt32(bitPattern: value))) }

    mutating func string(_ value: String) {
        var copy = value
        copy.withUTF8 { utf8 in
            varint(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    mutating func append(_ other: [UInt8]) { bytes.append(contentsOf: other) }

    mutating func append(_ other: UnsafeRawBufferPointer) { bytes.append(contentsOf: other) }

    /// Forgets the bytes, keeping the capacity (a streamed section reuses one buffer).
    mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }
}

/// A bounds-checked cursor over mapped bytes. Every read checks the end first, so a
/// damaged file that slipped past its checksum still cannot make the reader leave its
/// buffer: it throws `IndexFileError.malformed` instead.
struct IndexFileByteReader {
    let base: UnsafeRawPointer
    let end: Int
    private(set) var offset: Int
    let section: String

    init(_ buffer: UnsafeRawBufferPointer, section: String) {
        // An empty buffer has no base address; any non-null pointer with end 0 is never read.
        base = buffer.baseAddress ?? UnsafeRawPointer(bitPattern: 0x1).unsafelyUnwrapped
        end = buffer.count
        offset = 0
        self.section = section
    }

    var isAtEnd: Bool { offset == end }
    var remaining: Int { end - offset }

    func malformed(_ what: String) -> IndexFileError { .malformed("\(section): \(what)") }

    mutating func u8() throws(IndexFileError) -> UInt8 {
        guard offset < end else { throw malformed("ends early") }
        defer { offset += 1 }
        return base.load(fromByteOffset: offset, as: UInt8.self)
    }

    mutating func u32() throws(IndexFileError) -> UInt32 {
        guard end - offset >= 4 else { throw malformed("ends early") }
        defer { offset += 4 }
        return UInt32(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    mutating func u64() throws(IndexFileError) -> UInt64 {
        guard end - offset >= 8 else { throw malformed("ends early") }
        defer { offset += 8 }
        return UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    /// A LEB128 integer of at most 10 bytes.
    @inline(__always)
    mutating func varint() throws(IndexFileError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < end, shift < 64 else { throw malformed("bad variable-length integer") }
            let byte = base.load(fromByteOffset: offset, as: UInt8.self)
            offset += 1
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return result }
            shift += 7
        }
    }

    /// A variable-length integer of at most 32 bits, with a fast path for one byte (most
    /// gaps, frequencies and lengths): the decoding loops call this tens of millions of times.
    @inline(__always)
    mutating func varint32() throws(IndexFileError) -> UInt32 {
        if offset < end {
            let byte = base.load(fromByteOffset: offset, as: UInt8.self)
            if byte < 0x80 {
                offset += 1
                return UInt32(byte)
            }
        }
        let value = try varint()
        guard value <= UInt64(UInt32.max) else { throw malformed("integer out of range") }
        return UInt32(value)
    }

    /// A variable-length integer that must fit `0...limit` (a count, an index, a gap).
    @inline(__always)
    mutating func int(upTo limit: Int, _ what: @autoclosure () -> String) throws(IndexFileError) -> Int {
        let value = try varint()
        guard value <= UInt64(limit) else { throw malformed("\(what()) \(value) is out of range (at most \(limit))") }
        return Int(value)
    }

    /// A count of items that each take at least one byte: bounded by the bytes left,
    /// so a corrupt count cannot make the reader allocate gigabytes.
    mutating func count(_ what: @autoclosure () -> String) throws(IndexFileError) -> Int {
        try int(upTo: remaining, what())
    }

    mutating func bytes(_ count: Int) throws(IndexFileError) -> UnsafeRawBufferPointer {
        guard count >= 0, end - offset >= count else { throw malformed("ends early") }
        defer { offset += count }
        return UnsafeRawBufferPointer(start: base + offset, count: count)
    }

    mutating func string() throws(IndexFileError) -> String {
        let length = try count("string length")
        return Self.string(try bytes(length))
    }

    /// A string from UTF-8 bytes: copied and validated in one pass (invalid bytes, which a
    /// checksummed file does not have, would become U+FFFD rather than fail).
    @inline(__always)
    static func string(_ utf8: UnsafeRawBufferPointer) -> String {
        guard let base = utf8.baseAddress, utf8.count > 0 else { return "" }
        return String(decoding: UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self), count: utf8.count),
                      as: UTF8.self)
    }
}
