/// Token positions of a field's postings, variable-byte coded, in a block of bytes that
/// is the same in memory and in the index file:
///
/// ```
/// 0    u64  posting count P
/// 8    u64  checkpoint count K = ⌈P / 16⌉
/// 16   u64  stream length L
/// 24   u64 × K  where the positions of posting 16·k start in the stream
/// …    L bytes  per posting, as many positions as its frequency: the first as is, the
///               others as gaps ≥ 0 (LEB128)
/// ```
///
/// Why packed: positions are read only to re-rank the best few passages (proximity) and
/// to explain a score, a few dozen postings per question, while unpacked they were the
/// largest arrays of an index (a start and a position, 8 bytes, per occurrence).
/// Reading one posting's positions costs a checkpoint, a skip over at most 15 postings'
/// bytes, and the decode.
/// `@unchecked Sendable`: the pointers lead into an `IndexFileRegion` this value keeps
/// alive and that nobody writes after it is made.
struct PackedPositions: @unchecked Sendable {
    private let region: IndexFileRegion
    private let block: UnsafeRawBufferPointer
    private let checkpoints: UnsafePointer<UInt64>
    private let stream: UnsafePointer<UInt8>
    private let streamLength: Int
    let postingCount: Int

    static let interval = 1 << intervalShift
    static let intervalShift = 4
    static let fixedLength = 24

    /// Packs flat arrays (the builder's): positions of posting p are
    /// `positions[positionStart[p]..<positionStart[p+1]]`, ascending.
    init(positionStart: [Int32], positions: [Int32]) throws(IndexFileError) {
        let n = max(0, positionStart.count - 1)
        var stream = IndexFileByteWriter(capacity: positions.count + positions.count / 4)
        var checkpoints: [UInt64] = []
        checkpoints.reserveCapacity((n + Self.interval - 1) / Self.interval)
        for p in 0..<n {
            if p % Self.interval == 0 { checkpoints.append(UInt64(stream.count)) }
            var previous: Int32 = 0
            for i in Int(positionStart[p])..<Int(positionStart[p + 1]) {
                let position = positions[i]
                guard position >= previous else { throw .unsupported("positions out of order in a posting") }
                stream.varint(position - previous)
                previous = position
            }
        }
        let bytes = stream.bytes
        let region = IndexFileRegion(count: Self.fixedLength + 8 * checkpoints.count + bytes.count) { out in
            out.storeBytes(of: UInt64(n).littleEndian, toByteOffset: 0, as: UInt64.self)
            out.storeBytes(of: UInt64(checkpoints.count).littleEndian, toByteOffset: 8, as: UInt64.self)
            out.storeBytes(of: UInt64(bytes.count).littleEndian, toByteOffset: 16, as: UInt64.self)
            for (k, offset) in checkpoints.enumerated() {
                out.storeBytes(of: offset.littleEndian, toByteOffset: Self.fixedLength + 8 * k, as: UInt64.self)
            }
            let at = Self.fixedLength + 8 * checkpoints.count
            bytes.withUnsafeBytes { source in
                if let base = source.baseAddress { (out.baseAddress.unsafelyUnwrapped + at).copyMemory(from: base, byteCount: source.count) }
            }
        }
        self.init(unchecked: region, block: region.bytes, postings: n, checkpoints: checkpoints.count,
                  streamLength: bytes.count)
    }

    /// Positions the build wrote into `region` (laid out as above, every byte written).
    init(built region: IndexFileRegion, postings: Int, streamLength: Int) {
        let checkpoints = Self.checkpointCount(postings)
        precondition(region.bytes.count == Self.length(postings: postings, streamLength: streamLength))
        self.init(unchecked: region, block: region.bytes, postings: postings, checkpoints: checkpoints,
                  streamLength: streamLength)
    }

    static func checkpointCount(_ postings: Int) -> Int { (postings + interval - 1) / interval }

    static func length(postings: Int, streamLength: Int) -> Int {
        fixedLength + 8 * checkpointCount(postings) + streamLength
    }

    /// Writes the fixed part (counts) of a block being laid out in `out`; the caller writes
    /// the checkpoints and the stream.
    static func writeFrame(_ out: UnsafeMutableRawBufferPointer, postings: Int, streamLength: Int) {
        out.storeBytes(of: UInt64(postings).littleEndian, toByteOffset: 0, as: UInt64.self)
        out.storeBytes(of: UInt64(checkpointCount(postings)).littleEndian, toByteOffset: 8, as: UInt64.self)
        out.storeBytes(of: UInt64(streamLength).littleEndian, toByteOffset: 16, as: UInt64.self)
    }

    /// The block stored in an index file section, checked: sizes and checkpoints in
    /// order inside the stream. The stream itself is decoded with bounds checks on use.
    init(stored block: UnsafeRawBufferPointer, in region: IndexFileRegion, postings expected: Int,
         section: String) throws(IndexFileError) {
        var r = IndexFileByteReader(block, section: section)
        let n = Int(clamping: try r.u64()), k = Int(clamping: try r.u64()), length = Int(clamping: try r.u64())
        guard n == expected else { throw r.malformed("positions of \(n) postings, the header says \(expected)") }
        guard k == (n + Self.interval - 1) / Self.interval, k <= block.count / 8, length <= block.count,
              Self.fixedLength + 8 * k + length == block.count
        else { throw r.malformed("position block sizes") }
        self.init(unchecked: region, block: block, postings: n, checkpoints: k, streamLength: length)
        var previous: UInt64 = 0
        for c in 0..<k {
            let offset = checkpoints[c]
            guard offset >= previous, offset <= UInt64(length), c > 0 || offset == 0 else {
                throw r.malformed("position checkpoint \(c)")
            }
            previous = offset
        }
    }

    private init(unchecked region: IndexFileRegion, block: UnsafeRawBufferPointer, postings: Int, checkpoints: Int,
                 streamLength: Int) {
        self.region = region
        self.block = block
        postingCount = postings
        let base = block.baseAddress.unsafelyUnwrapped
        self.checkpoints = (base + Self.fixedLength).assumingMemoryBound(to: UInt64.self)
        stream = (base + Self.fixedLength + 8 * checkpoints).assumingMemoryBound(to: UInt8.self)
        self.streamLength = streamLength
    }

    /// The bytes as the index file stores them (a copy: the block lives only as long as its region).
    var storedBytes: [UInt8] { withExtendedLifetime(region) { Array(block) } }

    /// The bytes as the index file stores them, where they lie (the index file writer
    /// streams them out without a copy).
    func withStoredBytes<E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> Void) throws(E) {
        defer { withExtendedLifetime(region) {} }
        try body(block)
    }

    /// The positions of posting `p`, ascending (`frequencies` gives each posting's count).
    func positions(_ p: Int, _ frequencies: FrequencyColumn) -> [Int32] {
        withReader(p, frequencies) { reader in
            [Int32](unsafeUninitializedCapacity: reader.left) { out, initialized in
                initialized = 0
                while let position = reader.next() {
                    out[initialized] = position
                    initialized += 1
                }
            }
        }
    }

    /// Posting `p`'s positions read one by one where they lie, with no array made: the
    /// proximity bonus walks two postings side by side for every passage it rates, and
    /// an array a posting cost more (allocation, generic metadata, release) than reading.
    func withReader<R>(_ p: Int, _ frequencies: FrequencyColumn, _ body: (inout Reader) -> R) -> R {
        withExtendedLifetime(region) {
            frequencies.withUnsafeBufferPointer { frequency in
                let from = (p / Self.interval) * Self.interval
                var offset = Int(checkpoints[p / Self.interval])
                var skip = 0
                for q in from..<p { skip += Int(frequency[q]) }
                if skip > 0 { offset = Self.skipVarints(skip, in: stream, from: offset, to: streamLength) }
                var reader = Reader(stream: stream, end: streamLength, offset: offset, left: Int(frequency[p]))
                return body(&reader)
            }
        }
    }

    /// Where the stream is after `count` varints from `offset` (or its end, if damaged).
    ///
    /// Eight bytes a step: a varint ends at each byte below 0x80, so the ends in a word
    /// are its clear top bits, counted at once. The skips are a proximity look-up's
    /// largest cost (the postings before it since the last checkpoint: 27 bytes on
    /// average over the eval questions), and byte by byte they took 4.6 % of a median
    /// question's instructions. Out of line:
    /// inlined, it made `withReader` too large to inline into the proximity loop.
    @inline(never)
    static func skipVarints(_ count: Int, in stream: UnsafePointer<UInt8>, from offset: Int, to end: Int) -> Int {
        var offset = offset, left = count
        let raw = UnsafeRawPointer(stream)
        while left > 0 && end - offset >= 8 {
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            var ends = ~word & 0x8080_8080_8080_8080
            // One flag a byte: a multiply sums them into the top byte (`nonzeroBitCount`
            // is a dozen instructions on the baseline x86-64 this is built for).
            let found = Int(truncatingIfNeeded: ((ends >> 7) &* 0x0101_0101_0101_0101) >> 56)
            if found < left {
                left -= found
                offset += 8
                continue
            }
            // The left-th end in this word: drop the ends before it.
            for _ in 1..<left { ends &= ends &- 1 }
            return offset + (ends.trailingZeroBitCount >> 3) + 1
        }
        while left > 0 && offset < end {
            if stream[offset] < 0x80 { left -= 1 }
            offset += 1
        }
        return offset
    }

    /// One posting's positions in order: the first as stored, then each gap added. Ends
    /// after the posting's frequency, or early at a damaged stream's end.
    struct Reader {
        fileprivate let stream: UnsafePointer<UInt8>
        fileprivate let end: Int
        fileprivate var offset: Int
        /// Positions not read yet (at most: a damaged stream ends sooner).
        fileprivate(set) var left: Int
        private var position: Int64 = 0

        fileprivate init(stream: UnsafePointer<UInt8>, end: Int, offset: Int, left: Int) {
            self.stream = stream
            self.end = end
            self.offset = offset
            self.left = left
        }

        @inline(__always)
        mutating func next() -> Int32? {
            guard left > 0, let gap = LEB128.read32(stream, &offset, end: end) else { return nil }
            left -= 1
            position += Int64(gap)
            return Int32(clamping: position)
        }
    }

    /// Every posting's positions, flat (for writing an index and for tests).
    func unpacked(_ frequencies: FrequencyColumn) -> (start: [Int32], positions: [Int32]) {
        var start: [Int32] = [0]
        start.reserveCapacity(postingCount + 1)
        var positions: [Int32] = []
        var offset = 0
        withExtendedLifetime(region) {
            for p in 0..<postingCount {
                var position: Int64 = 0
                for _ in 0..<Int(frequencies[p]) {
                    guard let gap = varint(&offset) else { break }
                    position += Int64(gap)
                    positions.append(Int32(clamping: position))
                }
                start.append(Int32(positions.count))
            }
        }
        return (start, positions)
    }

    /// A LEB128 value of at most 32 bits, or nil at the end of the stream.
    @inline(__always)
    private func varint(_ offset: inout Int) -> UInt32? { LEB128.read32(stream, &offset, end: streamLength) }
}
