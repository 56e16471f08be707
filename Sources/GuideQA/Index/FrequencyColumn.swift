/// Term frequencies of a field's postings, one byte each, in a block of bytes that is
/// the same in memory and in the index file:
///
/// ```
/// 0    u64  posting count P
/// 8    u64  count O of frequencies over 254
/// 16   u8 × P  the frequency, or 255 for "look it up below"; zero-padded to 8
/// …    O × (u32 posting, u32 frequency), postings ascending
/// ```
///
/// Why one byte: nearly every posting has a frequency below 255 (in the synthetic 100k
/// corpus all but a handful are 1 or 2), so four bytes each wasted 26 MB there. The
/// ranker still walks one contiguous column: `withUnsafeBufferPointer` hands it a
/// `FrequencyBuffer`, whose subscript reads the byte and only for 255 searches the
/// short list of large frequencies. Frequencies are exact whatever their size.
/// `@unchecked Sendable`: the pointers lead into an `IndexFileRegion` this value keeps
/// alive and that nobody writes after it is made.
public struct FrequencyColumn: RandomAccessCollection, @unchecked Sendable, Equatable {
    private let region: IndexFileRegion
    private let block: UnsafeRawBufferPointer
    private let buffer: FrequencyBuffer

    static let fixedLength = 16

    public var startIndex: Int { 0 }
    public var endIndex: Int { buffer.count }
    public var count: Int { buffer.count }

    init(_ frequencies: [Int32]) {
        let large = frequencies.indices.filter { frequencies[$0] >= 255 }
        let n = frequencies.count
        let region = IndexFileRegion(count: Self.length(postings: n, overflow: large.count)) { out in
            out.storeBytes(of: UInt64(n).littleEndian, toByteOffset: 0, as: UInt64.self)
            out.storeBytes(of: UInt64(large.count).littleEndian, toByteOffset: 8, as: UInt64.self)
            for (p, frequency) in frequencies.enumerated() {
                out[Self.fixedLength + p] = UInt8(clamping: Swift.max(0, Swift.min(frequency, 255)))
            }
            var at = Self.fixedLength + TermTable.padded(n)
            for p in large {
                out.storeBytes(of: UInt32(p).littleEndian, toByteOffset: at, as: UInt32.self)
                out.storeBytes(of: UInt32(frequencies[p]).littleEndian, toByteOffset: at + 4, as: UInt32.self)
                at += 8
            }
        }
        self.init(unchecked: region, block: region.bytes, count: n, overflow: large.count)
    }

    /// A column the build wrote into `region` (laid out as above, every byte written).
    init(built region: IndexFileRegion, postings: Int, overflow: Int) {
        precondition(region.bytes.count == Self.length(postings: postings, overflow: overflow))
        self.init(unchecked: region, block: region.bytes, count: postings, overflow: overflow)
    }

    /// Writes the fixed part (counts) and the zero padding after the bytes of a column
    /// being laid out in `out`; the caller writes the bytes and the large frequencies.
    static func writeFrame(_ out: UnsafeMutableRawBufferPointer, postings: Int, overflow: Int) {
        out.storeBytes(of: UInt64(postings).littleEndian, toByteOffset: 0, as: UInt64.self)
        out.storeBytes(of: UInt64(overflow).littleEndian, toByteOffset: 8, as: UInt64.self)
        for k in (fixedLength + postings)..<(fixedLength + TermTable.padded(postings)) { out[k] = 0 }
    }

    /// The column stored in an index file section, checked: sizes, and the large
    /// frequencies ascending, in range and marked 255 in the byte column.
    init(stored block: UnsafeRawBufferPointer, in region: IndexFileRegion, postings expected: Int,
         section: String) throws(IndexFileError) {
        var r = IndexFileByteReader(block, section: section)
        let n = Int(clamping: try r.u64()), overflow = Int(clamping: try r.u64())
        guard n == expected else { throw r.malformed("\(n) frequencies for \(expected) postings") }
        guard n <= block.count, overflow <= block.count, Self.length(postings: n, overflow: overflow) == block.count
        else { throw r.malformed("frequency column sizes") }
        self.init(unchecked: region, block: block, count: n, overflow: overflow)
        var previous = -1
        for k in 0..<overflow {
            let p = Int(buffer.overflow[2 * k]), frequency = buffer.overflow[2 * k + 1]
            guard p > previous, p < n, frequency >= 255, frequency <= UInt32(Int32.max), buffer.bytes[p] == 255 else {
                throw r.malformed("large frequency \(k)")
            }
            previous = p
        }
    }

    private init(unchecked region: IndexFileRegion, block: UnsafeRawBufferPointer, count: Int, overflow: Int) {
        self.region = region
        self.block = block
        let base = block.baseAddress.unsafelyUnwrapped
        buffer = FrequencyBuffer(
            bytes: (base + Self.fixedLength).assumingMemoryBound(to: UInt8.self), count: count,
            overflow: (base + Self.fixedLength + TermTable.padded(count)).assumingMemoryBound(to: UInt32.self),
            overflowCount: overflow)
    }

    /// The bytes as the index file stores them (a copy: the block lives only as long as its region).
    var storedBytes: [UInt8] { withExtendedLifetime(region) { Array(block) } }

    /// The bytes as the index file stores them, where they lie (the index file writer
    /// streams them out without a copy).
    func withStoredBytes<E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> Void) throws(E) {
        defer { withExtendedLifetime(region) {} }
        try body(block)
    }

    public subscript(posting: Int) -> Int32 { buffer[posting] }

    /// The column for a tight loop (the ranker's), as `Array.withUnsafeBufferPointer`.
    @inline(__always)
    public func withUnsafeBufferPointer<R>(_ body: (FrequencyBuffer) throws -> R) rethrows -> R {
        try withExtendedLifetime(region) { try body(buffer) }
    }

    public static func == (a: FrequencyColumn, b: FrequencyColumn) -> Bool {
        a.count == b.count && a.indices.allSatisfy { a[$0] == b[$0] }
    }

    static func length(postings: Int, overflow: Int) -> Int {
        fixedLength + TermTable.padded(postings) + 8 * overflow
    }
}

/// A `FrequencyColumn` seen through pointers, valid inside `withUnsafeBufferPointer`.
public struct FrequencyBuffer: @unchecked Sendable {
    let bytes: UnsafePointer<UInt8>
    public let count: Int
    let overflow: UnsafePointer<UInt32>
    let overflowCount: Int

    @inline(__always)
    public subscript(posting: Int) -> Int32 {
        let byte = bytes[posting]
        return byte != 255 ? Int32(byte) : large(posting)
    }

    /// A frequency of 255 or more, found by binary search among the few there are.
    @inline(never)
    private func large(_ posting: Int) -> Int32 {
        var low = 0, high = overflowCount
        while low < high {
            let mid = (low + high) / 2
            let p = Int(overflow[2 * mid])
            if p == posting { return Int32(overflow[2 * mid + 1]) }
            if p < posting { low = mid + 1 } else { high = mid }
        }
        return 255
    }
}
