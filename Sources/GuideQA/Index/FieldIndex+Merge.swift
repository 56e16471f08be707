import CStemmer
import Foundation

/// Lays out the packed segments of a parallel build as one field index, in one pass.
///
/// The result is identical to building sequentially (`FieldIndexBuilder`): terms are
/// numbered in first-seen order (the first chunk's terms, then the new terms of the
/// next, in its order), and each term's postings stay in passage order because the
/// segments cover consecutive passages and are read in order.
///
/// Memory: the output arrays are allocated once at their final size without being
/// zero-filled, and each segment is released as soon as it is unpacked, so the merge
/// holds little more than the index it returns.
extension FieldIndex {
    static func merging(_ store: SegmentStore, termTables: [ByteKeyTable]) -> FieldIndex {
        // 1. Global term ids in first-seen order, and each term's posting and position totals.
        var global = ByteKeyTable(capacity: termTables.map(\.count).max() ?? 0)
        var toGlobal = termTables.map { [Int32](repeating: -1, count: $0.count) }
        var postingTotals: [Int32] = []
        var positionTotals: [Int32] = []
        var lengths: [Int32] = []
        var totalLength = 0
        for s in 0..<store.count {
            store.update(s) { segment in
                let w = segment.worker
                var remapped = [Int32](repeating: 0, count: segment.terms.count)
                for (l, local) in segment.terms.enumerated() {
                    var g = toGlobal[w][Int(local)]
                    if g < 0 {
                        g = termTables[w].withKey(local) { global.id($0, $1) }
                        toGlobal[w][Int(local)] = g
                        if Int(g) == postingTotals.count {
                            postingTotals.append(0)
                            positionTotals.append(0)
                        }
                    }
                    remapped[l] = g
                    postingTotals[Int(g)] += segment.postingCounts[l]
                    positionTotals[Int(g)] += segment.positionCounts[l]
                }
                segment.terms = remapped
                lengths.append(contentsOf: segment.lengths)
                totalLength += segment.totalLength
            }
        }
        toGlobal = []
        let termCount = global.count
        var postingStart = [Int32](repeating: 0, count: termCount + 1)
        var positionCursor = [Int32](repeating: 0, count: termCount)
        var positionTotal: Int32 = 0
        for t in 0..<termCount {
            postingStart[t + 1] = postingStart[t] + postingTotals[t]
            positionCursor[t] = positionTotal
            positionTotal += positionTotals[t]
        }
        postingTotals = []
        positionTotals = []
        let postingTotal = Int(postingStart[termCount])

        // 2. Where each part of the segments starts writing, per term: the parts unpack in parallel.
        let parts = store.count >= 4 ? min(ProcessInfo.processInfo.activeProcessorCount, 8, store.count) : 1
        let partBounds = (0...parts).map { $0 * store.count / parts }
        var cursors: [(postings: [Int32], positions: [Int32])] = []
        var postingCursor = Array(postingStart.dropLast())
        for k in 0..<parts {
            cursors.append((postingCursor, positionCursor))
            guard k + 1 < parts else { break }
            for s in partBounds[k]..<partBounds[k + 1] {
                store.read(s) { segment in
                    for (l, g) in segment.terms.enumerated() {
                        postingCursor[Int(g)] += segment.postingCounts[l]
                        positionCursor[Int(g)] += segment.positionCounts[l]
                    }
                }
            }
        }
        postingCursor = []
        positionCursor = []

        // 3. Unpack every segment into its places, releasing each when done.
        var passages: [Int32] = []
        var frequencies: [Int32] = []
        var positionStart: [Int32] = []
        var positions: [Int32] = []
        passages = Array(unsafeUninitializedCapacity: postingTotal) { passagesOut, passagesCount in
            frequencies = Array(unsafeUninitializedCapacity: postingTotal) { frequenciesOut, frequenciesCount in
                positionStart = Array(unsafeUninitializedCapacity: postingTotal + 1) { startOut, startCount in
                    positions = Array(unsafeUninitializedCapacity: Int(positionTotal)) { positionsOut, positionsCount in
                        let out = UnpackTarget(passages: passagesOut.baseAddress, frequencies: frequenciesOut.baseAddress,
                                               positionStart: startOut.baseAddress, positions: positionsOut.baseAddress)
                        let starts = PassageStarts(store)
                        let jobs = cursors
                        cursors = []
                        DispatchQueue.concurrentPerform(iterations: parts) { k in
                            var postingCursor = jobs[k].postings
                            var positionCursor = jobs[k].positions
                            for s in partBounds[k]..<partBounds[k + 1] {
                                out.unpack(store.take(s), firstPassage: starts[s],
                                           postingCursor: &postingCursor, positionCursor: &positionCursor)
                                if s % 8 == 7 { releaseFreedMemory() }
                            }
                        }
                        startOut[postingTotal] = positionTotal
                        positionsCount = Int(positionTotal)
                    }
                    startCount = postingTotal + 1
                }
                frequenciesCount = postingTotal
            }
            passagesCount = postingTotal
        }
        var termIDs: [String: Int32] = [:]
        termIDs.reserveCapacity(termCount)
        var terms: [String] = []
        terms.reserveCapacity(termCount)
        for id in 0..<Int32(termCount) {
            let term = global.string(id)
            terms.append(term)
            termIDs[term] = id
        }
        return FieldIndex(termIDs: termIDs, terms: terms, postingStart: postingStart, postingPassages: passages,
                          postingFrequencies: frequencies, positionStart: positionStart, positions: positions,
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

    init(count: Int) {
        segments = Array(repeating: nil, count: count)
    }

    var count: Int { segments.count }

    func store(_ k: Int, _ segment: Segment) {
        lock.lock()
        segments[k] = segment
        lock.unlock()
    }

    /// Single-threaded phase of the merge: edits a segment in place.
    func update(_ k: Int, _ body: (inout Segment) -> Void) {
        lock.lock()
        defer { lock.unlock() }
        body(&segments[k]!)
    }

    func read(_ k: Int, _ body: (Segment) -> Void) {
        lock.lock()
        let segment = segments[k]!
        lock.unlock()
        body(segment)
    }

    /// Hands a segment over and forgets it, so its memory goes when the caller is done.
    func take(_ k: Int) -> Segment {
        lock.lock()
        defer { lock.unlock() }
        let segment = segments[k]!
        segments[k] = nil
        return segment
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

/// The merge's output arrays, written by several threads at disjoint places.
private struct UnpackTarget: @unchecked Sendable {
    let passages: UnsafeMutablePointer<Int32>?
    let frequencies: UnsafeMutablePointer<Int32>?
    let positionStart: UnsafeMutablePointer<Int32>?
    let positions: UnsafeMutablePointer<Int32>?

    /// Unpacks one segment: each term's postings go to its cursor, which moves on.
    func unpack(_ segment: Segment, firstPassage: Int32, postingCursor: inout [Int32], positionCursor: inout [Int32]) {
        segment.bytes.withUnsafeBufferPointer { bytes in
            var i = 0
            for (l, g32) in segment.terms.enumerated() {
                let g = Int(g32)
                var slot = Int(postingCursor[g])
                var write = Int(positionCursor[g])
                var passage = firstPassage
                for _ in 0..<segment.postingCounts[l] {
                    passage += Int32(bitPattern: Segment.read(bytes, &i))
                    let frequency = Int32(bitPattern: Segment.read(bytes, &i))
                    passages![slot] = passage
                    frequencies![slot] = frequency
                    positionStart![slot] = Int32(write)
                    var position: Int32 = 0
                    for _ in 0..<frequency {
                        position += Int32(bitPattern: Segment.read(bytes, &i))
                        positions![write] = position
                        write += 1
                    }
                    slot += 1
                }
                postingCursor[g] = Int32(slot)
                positionCursor[g] = Int32(write)
            }
        }
    }
}
