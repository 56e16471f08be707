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
    struct Key {
        var field: Int
        var id: Int32
    }

    private let lock = NSLock()
    /// Open addressing (linear probing, at most half full): the key + 1 (0: empty), and
    /// the peak. A query looks up a few keys under the lock; Swift's `Dictionary` spent
    /// more time hashing them than the lookups need.
    private var keys = [UInt64](repeating: 0, count: 64)
    private var values = [Double](repeating: 0, count: 64)
    private var used = 0

    /// The peaks of a query's long lists, looked up under one lock; the peaks not known
    /// yet are computed by `compute` outside the lock and remembered.
    func peaks(_ wanted: [Key], compute: (Key) -> Double) -> [Double] {
        var found = [Double](repeating: -1, count: wanted.count)
        lock.lock()
        for (i, key) in wanted.enumerated() { found[i] = value(Self.code(key)) ?? -1 }
        lock.unlock()
        var computed: [(UInt64, Double)] = []
        for i in found.indices where found[i] < 0 {
            found[i] = compute(wanted[i])
            computed.append((Self.code(wanted[i]), found[i]))
        }
        if !computed.isEmpty {
            lock.lock()
            for (code, peak) in computed { store(code, peak) }
            lock.unlock()
        }
        return found
    }

    private static func code(_ key: Key) -> UInt64 {
        (UInt64(key.field) << 32 | UInt64(UInt32(bitPattern: key.id))) &+ 1
    }

    private func slot(_ code: UInt64) -> Int {
        let mask = keys.count - 1
        var i = Int(truncatingIfNeeded: (code &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
        while keys[i] != 0 && keys[i] != code { i = (i + 1) & mask }
        return i
    }

    private func value(_ code: UInt64) -> Double? {
        let i = slot(code)
        return keys[i] == code ? values[i] : nil
    }

    private func store(_ code: UInt64, _ peak: Double) {
        let i = slot(code)
        if keys[i] == code { return }
        keys[i] = code
        values[i] = peak
        used += 1
        guard used * 2 > keys.count else { return }
        let old = zip(keys, values).filter { $0.0 != 0 }
        keys = [UInt64](repeating: 0, count: keys.count * 2)
        values = [Double](repeating: 0, count: keys.count)
        for (code, peak) in old {
            let j = slot(code)
            keys[j] = code
            values[j] = peak
        }
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
