import CStemmer
import Foundation

/// Lays out the packed segments of a parallel build as one field index, in one pass.
///
/// The result is identical to building sequentially (`FieldIndexBuilder`): terms are
/// numbered in first-seen order (the first chunk's terms, then the new terms of the
/// next, in its order), and each term's postings stay in passage order because the
/// segments cover consecutive passages and are read in order.
///
/// Memory: the field is written straight into its final, compact form: passages as
/// `[Int32]` (the ranker's loop), frequencies a byte each (`FrequencyColumn`) and
/// positions variable-byte coded (`PackedPositions`, whose bytes the segments already
/// hold, so they are copied, not re-coded). Nothing is allocated at a size it will not
/// keep, nothing is zero-filled ahead of its writer, and each segment is released as
/// soon as it is unpacked, so the merge holds little more than the index it returns.
extension FieldIndex {
    static func merging(_ store: SegmentStore, termTables: [ByteKeyTable]) -> FieldIndex {
        // 1. Global term ids in first-seen order, and each term's posting and position-byte totals.
        var global = ByteKeyTable(capacity: termTables.map(\.count).max() ?? 0)
        var toGlobal = termTables.map { [Int32](repeating: -1, count: $0.count) }
        var postingTotals: [Int32] = []
        var positionByteTotals: [Int] = []
        var largeFrequencies = 0
        var lengths: [Int32] = []
        var totalLength = 0
        for s in 0..<store.count {
            store.read(s) { segment in
                let w = segment.worker
                segment.forEachTerm { local, postings, positionBytes in
                    var g = toGlobal[w][local]
                    if g < 0 {
                        g = termTables[w].withKey(Int32(local)) { global.id($0, $1) }
                        toGlobal[w][local] = g
                        if Int(g) == postingTotals.count {
                            postingTotals.append(0)
                            positionByteTotals.append(0)
                        }
                    }
                    postingTotals[Int(g)] += Int32(postings)
                    positionByteTotals[Int(g)] += positionBytes
                }
                largeFrequencies += segment.largeFrequencies
                lengths.append(contentsOf: segment.lengths)
                totalLength += segment.totalLength
            }
        }
        let termCount = global.count
        var postingStart = [Int32](repeating: 0, count: termCount + 1)
        var positionCursor = [Int](repeating: 0, count: termCount)
        var streamLength = 0
        for t in 0..<termCount {
            postingStart[t + 1] = postingStart[t] + postingTotals[t]
            positionCursor[t] = streamLength
            streamLength += positionByteTotals[t]
        }
        postingTotals = []
        positionByteTotals = []
        let postingTotal = Int(postingStart[termCount])

        let parts = store.count >= 4 ? min(ProcessInfo.processInfo.activeProcessorCount, 8, store.count) : 1
        let firstPosting = Array(postingStart.dropLast())
        let firstPositionByte = positionCursor
        positionCursor = []

        // 2. Unpack the segments in parallel. Every part walks all segments in order: it
        // unpacks every `parts`-th one and only counts the postings of the others (their
        // term lists), which moves its cursors past the places those fill. So the parts
        // move through the output together, and a segment goes as soon as every part is
        // past it. Why not a contiguous run of segments per part: the output's pages become
        // resident as they are first written, and a part starting halfway through the
        // segments writes halfway into every term's postings at once; at a million
        // passages that made the output resident 450 MB ahead of the segments it replaces.
        var passages: [Int32] = []
        var frequencyRegion: IndexFileRegion?
        var positionRegion: IndexFileRegion?
        passages = Array(unsafeUninitializedCapacity: postingTotal) { passagesOut, passagesCount in
            frequencyRegion = IndexFileRegion(uninitializedCount: FrequencyColumn.length(
                postings: postingTotal, overflow: largeFrequencies)) { frequencyOut in
                positionRegion = IndexFileRegion(uninitializedCount: PackedPositions.length(
                    postings: postingTotal, streamLength: streamLength)) { positionOut in
                    FrequencyColumn.writeFrame(frequencyOut, postings: postingTotal, overflow: largeFrequencies)
                    PackedPositions.writeFrame(positionOut, postings: postingTotal, streamLength: streamLength)
                    let out = UnpackTarget(passages: passagesOut, frequencies: frequencyOut, positions: positionOut,
                                           postings: postingTotal)
                    let starts = PassageStarts(store)
                    store.expectReaders(parts)
                    let large = LargeFrequencies(parts: parts)
                    let fieldIDs = toGlobal
                    DispatchQueue.concurrentPerform(iterations: parts) { k in
                        var postingCursor = firstPosting
                        var positionCursor = firstPositionByte
                        var found: [(posting: Int, frequency: UInt32)] = []
                        for s in 0..<store.count {
                            store.read(s) { segment in
                                let toField = fieldIDs[segment.worker]
                                if s % parts == k {
                                    out.unpack(segment, toField: toField, firstPassage: starts[s],
                                               postingCursor: &postingCursor, positionCursor: &positionCursor,
                                               large: &found)
                                } else {
                                    segment.forEachTerm { local, postings, positionBytes in
                                        let g = Int(toField[local])
                                        postingCursor[g] += Int32(postings)
                                        positionCursor[g] += positionBytes
                                    }
                                }
                            }
                            store.done(s)
                            if s % 16 == 15 { releaseFreedMemory() }
                        }
                        large.store(k, found)
                    }
                    out.writeLargeFrequencies(large.sorted(), count: largeFrequencies)
                }
            }
            passagesCount = postingTotal
        }
        toGlobal = []
        releaseFreedMemory()
        var terms: [String] = []
        terms.reserveCapacity(termCount)
        for id in 0..<Int32(termCount) { terms.append(global.string(id)) }
        global = ByteKeyTable(capacity: 1)
        guard let table = TermTable(terms) else { preconditionFailure("a field's terms are distinct") }
        return FieldIndex(terms: table, postingStart: postingStart, postingPassages: passages,
                          postingFrequencies: FrequencyColumn(built: frequencyRegion.unsafelyUnwrapped,
                                                              postings: postingTotal, overflow: largeFrequencies),
                          positions: PackedPositions(built: positionRegion.unsafelyUnwrapped, postings: postingTotal,
                                                     streamLength: streamLength),
                          lengths: lengths, totalLength: totalLength)
    }
}

/// Hands memory freed inside malloc's arenas back to the system. The segments were
/// allocated by the indexing threads in their own arenas, and glibc returns freed
/// arena memory only from the top; without this, the memory of the unpacked segments
/// would stay counted while the index they are unpacked into grows.
private func releaseFreedMemory() {
    #if os(Linux)
    _ = malloc_trim(0)
    #endif
}

/// The segments of one field, in chunk order, handed from the indexing threads to the
/// merge; each is released as soon as it has been unpacked.
final class SegmentStore: @unchecked Sendable {
    private let lock = NSLock()
    private var segments: [Segment?]
    private var readersLeft: [Int] = []

    init(count: Int) {
        segments = Array(repeating: nil, count: count)
    }

    var count: Int { segments.count }

    func store(_ k: Int, _ segment: Segment) {
        lock.lock()
        segments[k] = segment
        lock.unlock()
    }

    func read(_ k: Int, _ body: (Segment) -> Void) {
        lock.lock()
        let segment = segments[k]!
        lock.unlock()
        body(segment)
    }

    /// How many readers each segment has from now on (the merge's parts).
    func expectReaders(_ count: Int) {
        lock.lock()
        readersLeft = Array(repeating: count, count: segments.count)
        lock.unlock()
    }

    /// One reader is done with segment `k`; after the last, the segment is forgotten, so
    /// its memory goes when the readers' copies do.
    func done(_ k: Int) {
        lock.lock()
        defer { lock.unlock() }
        readersLeft[k] -= 1
        if readersLeft[k] == 0 { segments[k] = nil }
    }
}

/// The first passage of each segment (the passages before it, summed).
private struct PassageStarts: Sendable {
    private let starts: [Int32]

    init(_ store: SegmentStore) {
        var starts: [Int32] = []
        var next: Int32 = 0
        for s in 0..<store.count {
            starts.append(next)
            store.read(s) { next += Int32($0.lengths.count) }
        }
        self.starts = starts
    }

    subscript(_ s: Int) -> Int32 { starts[s] }
}

/// The large frequencies (255 and more) each part of the merge found, gathered in posting order.
private final class LargeFrequencies: @unchecked Sendable {
    private let lock = NSLock()
    private var found: [[(posting: Int, frequency: UInt32)]]

    init(parts: Int) {
        found = Array(repeating: [], count: parts)
    }

    func store(_ part: Int, _ list: [(posting: Int, frequency: UInt32)]) {
        lock.lock()
        found[part] = list
        lock.unlock()
    }

    func sorted() -> [(posting: Int, frequency: UInt32)] {
        lock.lock()
        defer { lock.unlock() }
        return found.joined().sorted { $0.posting < $1.posting }
    }
}

/// The merge's output, written by several threads at disjoint places: each posting's
/// passage, frequency byte and positions, and the checkpoint of every 16th posting.
private struct UnpackTarget: @unchecked Sendable {
    let passages: UnsafeMutablePointer<Int32>
    let frequencies: UnsafeMutableRawBufferPointer
    let checkpoints: UnsafeMutableRawPointer
    let stream: UnsafeMutablePointer<UInt8>
    let postings: Int

    init(passages: UnsafeMutableBufferPointer<Int32>, frequencies: UnsafeMutableRawBufferPointer,
         positions: UnsafeMutableRawBufferPointer, postings: Int) {
        // An empty field writes nothing: any non-null address will do for the column.
        self.passages = passages.baseAddress ?? UnsafeMutablePointer(bitPattern: 0x10).unsafelyUnwrapped
        self.frequencies = frequencies
        self.postings = postings
        let base = positions.baseAddress.unsafelyUnwrapped
        checkpoints = base + PackedPositions.fixedLength
        stream = (base + PackedPositions.fixedLength + 8 * PackedPositions.checkpointCount(postings))
            .assumingMemoryBound(to: UInt8.self)
    }

    /// Unpacks one segment: each term's postings go to its cursors, which move on.
    func unpack(_ segment: Segment, toField: [Int32], firstPassage: Int32, postingCursor: inout [Int32],
                positionCursor: inout [Int], large: inout [(posting: Int, frequency: UInt32)]) {
        let frequencyBytes = (frequencies.baseAddress.unsafelyUnwrapped + FrequencyColumn.fixedLength)
            .assumingMemoryBound(to: UInt8.self)
        let interval = PackedPositions.interval
        segment.bytes.withUnsafeBufferPointer { bytes in
            var i = 0
            segment.forEachTerm { local, postings, _ in
                let g = Int(toField[local])
                var slot = Int(postingCursor[g])
                var write = positionCursor[g]
                var passage = firstPassage
                for _ in 0..<postings {
                    passage += Int32(bitPattern: Segment.read(bytes, &i))
                    let frequency = Segment.read(bytes, &i)
                    passages[slot] = passage
                    frequencyBytes[slot] = UInt8(truncatingIfNeeded: min(frequency, 255))
                    if frequency >= 255 { large.append((slot, frequency)) }
                    if slot % interval == 0 {
                        checkpoints.storeBytes(of: UInt64(write).littleEndian, toByteOffset: 8 * (slot / interval),
                                               as: UInt64.self)
                    }
                    // The positions' varints, copied as they are: each ends with a byte below 0x80.
                    var left = frequency
                    while left > 0 {
                        let byte = bytes[i]
                        i += 1
                        stream[write] = byte
                        write += 1
                        if byte < 0x80 { left -= 1 }
                    }
                    slot += 1
                }
                postingCursor[g] = Int32(slot)
                positionCursor[g] = write
            }
        }
    }

    /// The frequencies of 255 and more, after the byte column, in posting order.
    func writeLargeFrequencies(_ list: [(posting: Int, frequency: UInt32)], count: Int) {
        precondition(list.count == count, "the segments counted their large frequencies")
        var at = FrequencyColumn.fixedLength + TermTable.padded(postings)
        for (posting, frequency) in list {
            frequencies.storeBytes(of: UInt32(posting).littleEndian, toByteOffset: at, as: UInt32.self)
            frequencies.storeBytes(of: frequency.littleEndian, toByteOffset: at + 4, as: UInt32.self)
            at += 8
        }
    }
}
