import CStemmer
import Foundation

// The merge's working parts: where its output goes, and what it needs to know about
// the segments it reads.

/// Hands memory freed inside malloc's arenas back to the system. The segments were
/// allocated by the indexing threads in their own arenas, and glibc returns freed
/// arena memory only from the top; without this, the memory of the unpacked segments
/// would stay counted while the index they are unpacked into grows.
func releaseFreedMemory() {
    #if os(Linux)
    _ = malloc_trim(0)
    #endif
}


/// The first passage of each segment (the passages before it, summed).
struct PassageStarts: Sendable {
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
final class LargeFrequencies: @unchecked Sendable {
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
struct UnpackTarget: @unchecked Sendable {
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
        let intervalMask = PackedPositions.interval - 1, intervalShift = PackedPositions.intervalShift
        segment.bytes.withUnsafeBufferPointer { bytes in
            var i = 0
            segment.forEachTerm { term in
                let g = Int(toField[term.id])
                var slot = Int(postingCursor[g])
                var write = positionCursor[g]
                var passage = firstPassage
                for _ in 0..<term.postings {
                    passage += Int32(bitPattern: Segment.read(bytes, &i))
                    let frequency = Segment.read(bytes, &i)
                    passages[slot] = passage
                    frequencyBytes[slot] = UInt8(truncatingIfNeeded: min(frequency, 255))
                    if frequency >= 255 { large.append((slot, frequency)) }
                    if slot & intervalMask == 0 {
                        checkpoints.storeBytes(of: UInt64(write).littleEndian, toByteOffset: 8 * (slot >> intervalShift),
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
