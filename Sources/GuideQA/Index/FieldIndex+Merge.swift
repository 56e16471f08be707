import Foundation

/// Lays out the packed segments of a parallel build as one field index.
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
/// keep, nothing is zero-filled ahead of its writer, and each segment's memory goes as
/// soon as it has been unpacked, so the merge holds little more than the index it
/// returns. A large field is laid out one band of terms at a time (see `TermBands`).
extension FieldIndex {
    /// - Parameter bandBytes: the size of a band of terms (nil: `TermBands.defaultTargetBytes`).
    /// - Parameter termTables: the workers' term tables; the merge lets go of them once
    ///   the field's term ids are known (the last field merged frees them then).
    static func merging(_ store: SegmentStore, termTables: consuming [ByteKeyTable],
                        bandBytes: Int? = nil) -> FieldIndex {
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
                segment.forEachTerm { term in
                    var g = toGlobal[w][term.id]
                    if g < 0 {
                        g = termTables[w].withKey(Int32(term.id)) { global.id($0, $1) }
                        toGlobal[w][term.id] = g
                        if Int(g) == postingTotals.count {
                            postingTotals.append(0)
                            positionByteTotals.append(0)
                        }
                    }
                    postingTotals[Int(g)] += Int32(term.postings)
                    positionByteTotals[Int(g)] += term.positionBytes
                }
                largeFrequencies += segment.largeFrequencies
                lengths.append(contentsOf: segment.lengths)
                totalLength += segment.totalLength
            }
        }
        let termCount = global.count
        termTables = []
        // The term table now, so that the builder's table of term bytes goes before the
        // postings are laid out.
        var terms: [String] = []
        terms.reserveCapacity(termCount)
        for id in 0..<Int32(termCount) { terms.append(global.string(id)) }
        global = ByteKeyTable(capacity: 1)
        guard let table = TermTable(terms) else { preconditionFailure("a field's terms are distinct") }
        terms = []
        var postingStart = [Int32](repeating: 0, count: termCount + 1)
        var positionStart = [Int](repeating: 0, count: termCount)
        var streamLength = 0
        for t in 0..<termCount {
            postingStart[t + 1] = postingStart[t] + postingTotals[t]
            positionStart[t] = streamLength
            streamLength += positionByteTotals[t]
        }
        let postingTotal = Int(postingStart[termCount])
        let parts = store.count >= 4 ? min(ProcessInfo.processInfo.activeProcessorCount, 8, store.count) : 1
        let bands = TermBands(postingTotals: postingTotals, positionByteTotals: positionByteTotals,
                              targetBytes: bandBytes, parts: parts)
        postingTotals = []
        positionByteTotals = []
        let starts = PassageStarts(store)
        let firstPosting = Array(postingStart.dropLast())

        // 2. Unpack in parallel, each part with its own cursors (where each term's next
        // posting and positions go), releasing every segment or piece as soon as it is read.
        // A large field: its segments are cut into bands of terms, and each part lays out
        // every `parts`-th band, each band's pieces in chunk order, starting at its terms'
        // first places. Otherwise: each part takes a run of consecutive segments, its
        // cursors counted ahead over the segments before its run.
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
                    let large = LargeFrequencies(parts: parts)
                    let fieldIDs = toGlobal
                    let n = store.count
                    if bands.count > 1 {
                        let pieces = bands.split(store, toGlobal: toGlobal, parts: parts)
                        let firstPositionByte = positionStart
                        DispatchQueue.concurrentPerform(iterations: parts) { k in
                            var postingCursor = firstPosting
                            var positionCursor = firstPositionByte
                            var found: [(posting: Int, frequency: UInt32)] = []
                            for b in stride(from: k, to: bands.count, by: parts) {
                                for s in 0..<n {
                                    let piece = pieces.take(b * n + s)
                                    out.unpack(piece, toField: fieldIDs[piece.worker], firstPassage: starts[s],
                                               postingCursor: &postingCursor, positionCursor: &positionCursor,
                                               large: &found)
                                }
                                releaseFreedMemory()
                            }
                            large.store(k, found)
                        }
                    } else {
                        let runs = (0...parts).map { $0 * n / parts }
                        let cursors = Self.runCursors(store, runs: runs, toGlobal: toGlobal,
                                                      firstPosting: firstPosting, firstPositionByte: positionStart)
                        DispatchQueue.concurrentPerform(iterations: parts) { k in
                            var postingCursor = cursors[k].postings
                            var positionCursor = cursors[k].positions
                            var found: [(posting: Int, frequency: UInt32)] = []
                            for s in runs[k]..<runs[k + 1] {
                                let segment = store.take(s)
                                out.unpack(segment, toField: fieldIDs[segment.worker], firstPassage: starts[s],
                                           postingCursor: &postingCursor, positionCursor: &positionCursor,
                                           large: &found)
                                if s % 8 == 7 { releaseFreedMemory() }
                            }
                            large.store(k, found)
                        }
                    }
                    out.writeLargeFrequencies(large.sorted(), count: largeFrequencies)
                }
            }
            passagesCount = postingTotal
        }
        toGlobal = []
        releaseFreedMemory()
        return FieldIndex(terms: table, postingStart: postingStart, postingPassages: passages,
                          postingFrequencies: FrequencyColumn(built: frequencyRegion.unsafelyUnwrapped,
                                                              postings: postingTotal, overflow: largeFrequencies),
                          positions: PackedPositions(built: positionRegion.unsafelyUnwrapped, postings: postingTotal,
                                                     streamLength: streamLength),
                          lengths: lengths, totalLength: totalLength)
    }

    /// Where each run of segments starts writing, per term: the first places, moved on
    /// by the postings of the runs before it.
    private static func runCursors(_ store: SegmentStore, runs: [Int], toGlobal: [[Int32]], firstPosting: [Int32],
                                   firstPositionByte: [Int]) -> [(postings: [Int32], positions: [Int])] {
        var cursors: [(postings: [Int32], positions: [Int])] = []
        var postingCursor = firstPosting
        var positionCursor = firstPositionByte
        for k in 0..<(runs.count - 1) {
            cursors.append((postingCursor, positionCursor))
            guard k + 2 < runs.count else { break }
            for s in runs[k]..<runs[k + 1] {
                store.read(s) { segment in
                    let toField = toGlobal[segment.worker]
                    segment.forEachTerm { term in
                        let g = Int(toField[term.id])
                        postingCursor[g] += Int32(term.postings)
                        positionCursor[g] += term.positionBytes
                    }
                }
            }
        }
        return cursors
    }
}
