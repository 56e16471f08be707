/// The postings of one chunk of consecutive passages for one field, grouped by term
/// and packed as variable-length integers: what the parallel build keeps of a chunk
/// until every chunk is done and `FieldIndex.merging` lays them out once.
///
/// Packed, a chunk takes about a quarter of the memory its postings take in the final
/// index (small deltas fit one byte where the index spends four), so the build's
/// transient memory stays well below the index it builds.
///
/// `bytes` holds, term after term in `terms` order, each posting as
/// `passage delta, frequency, first position, position deltas…` (LEB128); the first
/// passage delta of a term counts from the chunk's first passage. A posting's positions
/// are coded exactly as the index's packed positions code them (`PackedPositions`), so
/// the merge copies their bytes instead of decoding and re-encoding them.
struct Segment {
    /// The thread whose term table `terms` refers to.
    var worker: Int
    /// Terms in first-seen order within the chunk, as ids of the worker's term table;
    /// the merge rewrites them to the field's global ids.
    var terms: [Int32]
    var postingCounts: [Int32]
    /// Bytes of each term's position varints: where the merge sizes the packed positions.
    var positionBytes: [Int32]
    /// Postings with a frequency of 255 or more, which `FrequencyColumn` lists apart.
    var largeFrequencies: Int
    var bytes: [UInt8]
    /// Tokens per passage of the chunk.
    var lengths: [Int32]
    var totalLength: Int

    @inline(__always)
    static func append(_ value: UInt32, to bytes: inout [UInt8]) { LEB128.append(UInt64(value), to: &bytes) }

    @inline(__always)
    static func read(_ bytes: UnsafeBufferPointer<UInt8>, _ index: inout Int) -> UInt32 {
        var value: UInt32 = 0
        var shift: UInt32 = 0
        while true {
            let b = bytes[index]
            index += 1
            value |= UInt32(b & 0x7F) << shift
            if b < 0x80 { return value }
            shift += 7
        }
    }
}
