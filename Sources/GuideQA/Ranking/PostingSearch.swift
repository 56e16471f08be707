/// Finding passages in a posting list, which holds them in ascending order.
///
/// The ranker looks a few hundred candidates up in a term's list per query, ascending,
/// so each search starts where the last one ended. A plain binary search mispredicts
/// about every other branch (the comparisons are coin flips), which cost more than the
/// memory reads on these short lists; here the bracket is found by galloping (steps of
/// 1, 2, 4, … entries, whose branches are taken alike until the last) and then halved
/// with conditional moves instead of branches.
enum PostingSearch {
    /// The first index in `from..<to` whose passage is at least `target`, or `to`.
    @inline(__always)
    static func seek(_ passages: UnsafePointer<Int32>, from: Int, to: Int, _ target: Int32) -> Int {
        guard from < to, passages[from] < target else { return from }
        // passages[low] < target throughout; the answer is in low+1 ... high.
        var low = from, step = 1
        var high = from &+ 1
        while high < to && passages[high] < target {
            low = high
            step &<<= 1
            high = low &+ step
        }
        return lowerBound(passages, from: low &+ 1, to: Swift.min(high, to), target)
    }

    /// The first index in `from..<to` whose passage is at least `target`, or `to`,
    /// by halving without branches.
    @inline(__always)
    static func lowerBound(_ passages: UnsafePointer<Int32>, from: Int, to: Int, _ target: Int32) -> Int {
        var n = to &- from
        guard n > 0 else { return to }
        var base = from
        while n > 1 {
            let half = n &>> 1
            base = passages[base &+ half] < target ? base &+ half : base
            n &-= half
        }
        return passages[base] < target ? base &+ 1 : base
    }
}
