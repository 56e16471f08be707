import Foundation

/// The terms of a large field cut into bands: runs of consecutive term ids whose
/// postings take about `defaultTargetBytes` of the laid-out field each.
///
/// Why: the merge writes each posting at its term's place in the output, and a page of
/// output becomes resident when it is first written. Walking the segments in chunk
/// order, the first few chunks already write into nearly every page (each chunk holds
/// postings of a hundred thousand terms, and the postings of most terms take less than
/// a page): at a million passages the field's output was resident 400 MB ahead of the
/// segments it replaces. Laid out one band at a time (a band per core at once), only the
/// current bands' pages are partly written, and the pieces of finished bands are gone.
/// Cutting the segments into pieces costs a copy, so only a field of `minimumCount`
/// bands or more is cut (at a million passages, not at a hundred thousand).
struct TermBands: Sendable {
    /// The band of each term id (empty when the field is not cut).
    private let bandOf: [UInt8]
    let count: Int

    static let defaultTargetBytes = 24 << 20
    static let minimumCount = 8
    static let maximum = 128

    /// - Parameters: per term id, its postings and the bytes of its positions; the band
    ///   size (nil: `defaultTargetBytes`; tests make it small to cut small fields); the
    ///   merge's parts (the count is a multiple of them, so that each gets as many bands).
    init(postingTotals: [Int32], positionByteTotals: [Int], targetBytes: Int? = nil, parts: Int = 1) {
        // Output bytes of a posting: its passage (4), frequency (1), a sixteenth of a checkpoint (8).
        var total = 0
        for t in postingTotals.indices { total += Int(postingTotals[t]) * 11 / 2 + positionByteTotals[t] }
        let wanted = total / max(1, targetBytes ?? Self.defaultTargetBytes)
        guard wanted >= Self.minimumCount else {
            count = 1
            bandOf = []
            return
        }
        count = min(Self.maximum, (wanted + parts - 1) / parts * parts)
        var bandOf = [UInt8](repeating: 0, count: postingTotals.count)
        var band = 0
        var sum = 0
        for t in postingTotals.indices {
            bandOf[t] = UInt8(band)
            sum += Int(postingTotals[t]) * 11 / 2 + positionByteTotals[t]
            if band + 1 < count && sum >= total / count * (band + 1) { band += 1 }
        }
        self.bandOf = bandOf
    }

    /// The segments cut into pieces, piece `b · n + s` being band `b` of segment `s` (of
    /// n). Each segment is freed once cut; the parts cut in parallel.
    func split(_ store: SegmentStore, toGlobal: [[Int32]], parts: Int) -> SegmentStore {
        let n = store.count
        let pieces = SegmentStore(count: count * n)
        DispatchQueue.concurrentPerform(iterations: parts) { k in
            var scratch = Segment.SplitScratch()
            for s in stride(from: k, to: n, by: parts) {
                let segment = store.take(s)
                let cut = toGlobal[segment.worker].withUnsafeBufferPointer { toField in
                    bandOf.withUnsafeBufferPointer { bandOf in
                        segment.split(into: count, toField: toField, bandOf: bandOf, scratch: &scratch)
                    }
                }
                for (b, piece) in cut.enumerated() { pieces.store(b * n + s, piece) }
                if s / parts % 16 == 15 { releaseFreedMemory() }
            }
        }
        return pieces
    }
}
