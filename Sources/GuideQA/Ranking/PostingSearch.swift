/// Finding passages in a posting list, which holds them in ascending order.
///
/// The ranker looks a few hundred passages up in a term's list per query, ascending,
/// so each search starts where the last one ended: first through the next entries in
/// order, then, for a longer jump, by galloping (steps of 1, 2, 4, … entries, whose
/// branches are taken alike until the last) to a bracket that is halved with
/// conditional moves instead of branches (a plain binary search mispredicts about every
/// other branch: its comparisons are coin flips).
enum PostingSearch {
    /// Entries compared one by one before galloping: one cache line of passages.
    static let linearReach = 16

    /// The first index in `from..<to` whose passage is at least `target`, or `to`.
    @inline(__always)
    static func seek(_ passages: UnsafePointer<Int32>, from: Int, to: Int, _ target: Int32) -> Int {
        // The next few entries first, in order: where candidates are dense in a list the
        // answer is usually among them, and reading memory in order lets the processor
        // fetch it ahead, where galloping waits on every step's read before the next.
        let near = Swift.min(to, from &+ linearReach)
        var i = from
        while i < near && passages[i] < target { i &+= 1 }
        guard i == near && near < to else { return i }
        // passages[low] < target throughout; the answer is in low+1 ... high.
        var low = near &- 1, step = 1
        var high = near
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
