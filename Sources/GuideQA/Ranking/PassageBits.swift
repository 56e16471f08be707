/// A set of passages as one bit each, plus a summary bit per word of them, in memory
/// the caller owns (`RankScratch`): the passages a query has touched.
///
/// Why bits and not a list: every pass over the touched passages (the k-th best score,
/// the candidates) then reads their scores in corpus order, so the memory it walks
/// rises steadily and the processor fetches it ahead, where a list in the order the
/// postings arrived sent each read to a random place. The set itself is small (a bit
/// per passage, 2 KB for 16,825), and the summary lets a pass, and the clearing after
/// a query, skip the empty words of a large corpus.
struct PassageBits {
    let words: UnsafeMutablePointer<UInt64>
    let summary: UnsafeMutablePointer<UInt64>
    /// Words of `summary`.
    let summaryCount: Int

    /// The words a set of `passages` needs, and their summary's.
    static func wordCounts(passages: Int) -> (words: Int, summary: Int) {
        let words = (passages + 63) >> 6 + 1
        return (words, (words + 63) >> 6 + 1)
    }

    /// Adds passage `p`; false if it was there already.
    @inline(__always)
    func insert(_ p: Int) -> Bool {
        let w = p &>> 6
        let bit: UInt64 = 1 &<< UInt64(p & 63)
        let old = words[w]
        if old & bit != 0 { return false }
        words[w] = old | bit
        if old == 0 { summary[w &>> 6] |= 1 &<< UInt64(w & 63) }
        return true
    }

    /// Whether passage `p` is in the set.
    @inline(__always)
    func contains(_ p: Int) -> Bool {
        words[p &>> 6] & (1 &<< UInt64(p & 63)) != 0
    }

    /// Calls `body` with each passage, ascending.
    @inline(__always)
    func forEach(_ body: (Int32) -> Void) {
        for s in 0..<summaryCount {
            var used = summary[s]
            while used != 0 {
                let w = s &<< 6 | used.trailingZeroBitCount
                var bits = words[w]
                while bits != 0 {
                    body(Int32(truncatingIfNeeded: w &<< 6 | bits.trailingZeroBitCount))
                    bits &= bits &- 1
                }
                used &= used &- 1
            }
        }
    }

    /// Empties the set, touching only the words in use.
    func removeAll() {
        for s in 0..<summaryCount {
            var used = summary[s]
            while used != 0 {
                words[s &<< 6 | used.trailingZeroBitCount] = 0
                used &= used &- 1
            }
            summary[s] = 0
        }
    }
}
