import Foundation

/// The most one posting of a term scores, per unit of query weight, in one field:
/// MaxScore's bound for the term.
///
/// The scorer's own bound (BM25: the term's full weight, as if tf were infinite) is
/// loose, and a loose bound keeps long posting lists "essential" and passages among the
/// candidates that could never make the top k. The true peak takes a pass over the
/// term's postings, so it is computed the first time a query needs the term, for long
/// lists only, and remembered; short lists keep the scorer's bound.
final class TermPeaks: @unchecked Sendable {
    /// Lists shorter than this keep the scorer's bound.
    static let minimumPostings = 256

    private let lock = NSLock()
    private var known: [Int64: Double] = [:]

    /// The peak score per unit weight of the term's postings `range` in a field.
    func peak<S: Scorer>(field: Int, id: Int32, _ range: Range<Int>, _ index: FieldIndex, _ norms: [Double],
                         _ scorer: S) -> Double {
        let key = Int64(field) << 32 | Int64(id)
        lock.lock()
        let cached = known[key]
        lock.unlock()
        if let cached { return cached }
        var peak = 0.0
        index.postingFrequencies.withUnsafeBufferPointer { frequencies in
            index.postingPassages.withUnsafeBufferPointer { passages in
                norms.withUnsafeBufferPointer { norms in
                    for p in range {
                        peak = max(peak, scorer.score(frequency: Double(frequencies[p]), weight: 1,
                                                      norm: norms[Int(passages[p])]))
                    }
                }
            }
        }
        lock.lock()
        known[key] = peak
        lock.unlock()
        return peak
    }
}
