import Foundation

/// The terms of a large field cut into bands: runs of consecutive term ids whose
/// postings take about `defaultTargetBytes` of the laid-out field each.
///
/// Why: the merge writes each posting at its term's place in the output, and a page of
/// output becomes resident when it is first written. Walking the segments in chunk
/// order, the first few chunks already write into nearly every page (each chunk holds
/// postings of a hundred thousand terms, and the postings of most terms take less than
/// a page): at a million passages the field's output was resident 400 MB ahead of the
/// segments it replaces. Laid out one band at a time, only the current band's pages are
/// partly written, and the segments' pieces of the finished bands are gone.
struct TermBands: Sendable {
    /// The band of each term id.
    private let bandOf: [UInt8]
    let count: Int

    static let defaultTargetBytes = 24 << 20
    static let maximum = 64

    /// - Parameters: per term id, its postings and the bytes of its positions; the band
    ///   size (nil: `defaultTargetBytes`; tests make it small to cut small fields).
    init(postingTotals: [Int32], positionByteTotals: [Int], targetBytes: Int? = nil) {
        // Output bytes of a posting: its passage (4), frequency (1), a sixteenth of a checkpoint (8).
        var total = 0
        for t in postingTotals.indices { total += Int(postingTotals[t]) * 11 / 2 + positionByteTotals[t] }
        count = min(Self.maximum, max(1, total / max(1, targetBytes ?? Self.defaultTargetBytes)))
        guard count > 1 else {
            bandOf = []
            return
        }
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

    @inline(__always)
    func band(of term: Int32) -> Int { Int(bandOf[Int(term)]) }

    /// The segments cut into pieces, piece `b · n + s` being band `b` of segment `s` (of
    /// n), so that the pieces in order are the bands in order, each in chunk order. Each
    /// segment is freed once cut; the parts cut in parallel.
    func split(_ store: SegmentStore, toGlobal: [[Int32]], parts: Int) -> SegmentStore {
        let n = store.count
        let pieces = SegmentStore(count: count * n)
        DispatchQueue.concurrentPerform(iterations: parts) { k in
            var scratch: [UInt8] = []
            for s in stride(from: k, to: n, by: parts) {
                let segment = store.take(s)
                let cut = toGlobal[segment.worker].withUnsafeBufferPointer { toField in
                    segment.split(into: count, bands: &scratch) { band(of: toField[$0]) }
                }
                for (b, piece) in cut.enumerated() { pieces.store(b * n + s, piece) }
                if s / parts % 16 == 15 { releaseFreedMemory() }
            }
        }
        return pieces
    }
}
