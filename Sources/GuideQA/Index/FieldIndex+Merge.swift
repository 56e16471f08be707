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
/// returns. A large field is laid out one band of terms at a time (see `bandCount`).
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
        let bands = TermBands(postingTotals: postingTotals, positionByteTotals: positionByteTotals,
                              targetBytes: bandBytes)
        postingTotals = []
        positionByteTotals = []
        let parts = store.count >= 4 ? min(ProcessInfo.processInfo.activeProcessorCount, 8, store.count) : 1
        let starts = PassageStarts(store)
        let pieces = bands.count > 1 ? bands.split(store, toGlobal: toGlobal, parts: parts) : store

        // 2. Unpack the pieces (band after band, each band's pieces in chunk order) in
        // parallel. Every part walks all pieces in order: it unpacks every `parts`-th one
        // and only counts the postings of the others (their term lists), which moves its
        // cursors past the places those fill. So the parts move through the output
        // together, and a piece goes as soon as every part is past it. Why not a run of
        // pieces per part: the output's pages become resident as they are first written,
        // and a part starting halfway writes halfway into every term's postings at once.
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
                    pieces.expectReaders(parts)
                    let large = LargeFrequencies(parts: parts)
                    let fieldIDs = toGlobal
                    let firstPosting = Array(postingStart.dropLast())
                    let firstPositionByte = positionStart
                    DispatchQueue.concurrentPerform(iterations: parts) { k in
                        var postingCursor = firstPosting
                        var positionCursor = firstPositionByte
                        var found: [(posting: Int, frequency: UInt32)] = []
                        for p in 0..<pieces.count {
                            pieces.read(p) { piece in
                                let toField = fieldIDs[piece.worker]
                                if p % parts == k {
                                    out.unpack(piece, toField: toField, firstPassage: starts[p % store.count],
                                               postingCursor: &postingCursor, positionCursor: &positionCursor,
                                               large: &found)
                                } else {
                                    piece.forEachTerm { term in
                                        let g = Int(toField[term.id])
                                        postingCursor[g] += Int32(term.postings)
                                        positionCursor[g] += term.positionBytes
                                    }
                                }
                            }
                            pieces.done(p)
                            if p % 16 == 15 { releaseFreedMemory() }
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
        return FieldIndex(terms: table, postingStart: postingStart, postingPassages: passages,
                          postingFrequencies: FrequencyColumn(built: frequencyRegion.unsafelyUnwrapped,
                                                              postings: postingTotal, overflow: largeFrequencies),
                          positions: PackedPositions(built: positionRegion.unsafelyUnwrapped, postings: postingTotal,
                                                     streamLength: streamLength),
                          lengths: lengths, totalLength: totalLength)
    }
}
