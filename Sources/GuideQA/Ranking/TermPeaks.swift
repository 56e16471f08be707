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

    /// One term's list in one field (0: body, 1: heading).
    struct Key: Hashable {
        var field: Int
        var id: Int32
    }

    private let lock = NSLock()
    private var known: [Key: Double] = [:]

    /// The peaks of a query's long lists, looked up under one lock; the peaks not known
    /// yet are computed by `compute` outside the lock and remembered.
    func peaks(_ keys: [Key], compute: (Key) -> Double) -> [Double] {
        lock.lock()
        var found = keys.map { known[$0] }
        lock.unlock()
        var computed: [(Key, Double)] = []
        for i in found.indices where found[i] == nil {
            let peak = compute(keys[i])
            found[i] = peak
            computed.append((keys[i], peak))
        }
        if !computed.isEmpty {
            lock.lock()
            for (key, peak) in computed { known[key] = peak }
            lock.unlock()
        }
        return found.map { $0 ?? 0 }
    }

    /// The peak score per unit weight of a term's postings `range` in a field.
    static func peak<S: Scorer>(_ range: Range<Int>, _ index: FieldIndex, _ norms: [Double], _ scorer: S) -> Double {
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
        return peak
    }
}
