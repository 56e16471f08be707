/// Keeps the k best (score, passage) pairs seen, in a bounded min-heap: O(n log k)
/// over n matches instead of sorting them all.
///
/// Order is total and deterministic: a higher score first; equal scores, the
/// passage that comes first in the corpus first.
struct TopK {
    struct Entry {
        var score: Double
        var passage: Int32
        /// Whether `self` ranks below `other`.
        func ranksBelow(_ other: Entry) -> Bool {
            score < other.score || (score == other.score && passage > other.passage)
        }
    }

    let k: Int
    private var heap: [Entry] = []

    init(_ k: Int) {
        self.k = max(0, k)
        heap.reserveCapacity(self.k)
    }

    /// The worst score kept, once the heap is full: a candidate must beat it.
    var threshold: Double { heap.count < k ? -.infinity : heap[0].score }

    mutating func insert(score: Double, passage: Int32) {
        let entry = Entry(score: score, passage: passage)
        if heap.count < k {
            heap.append(entry)
            siftUp(heap.count - 1)
        } else if k > 0, heap[0].ranksBelow(entry) {
            heap[0] = entry
            siftDown(0)
        }
    }

    /// Best first.
    func sorted() -> [Entry] {
        heap.sorted { $1.ranksBelow($0) }
    }

    private mutating func siftUp(_ i: Int) {
        var child = i
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].ranksBelow(heap[parent]) else { return }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ i: Int) {
        var parent = i
        while true {
            let left = 2 * parent + 1, right = left + 1
            var smallest = parent
            if left < heap.count && heap[left].ranksBelow(heap[smallest]) { smallest = left }
            if right < heap.count && heap[right].ranksBelow(heap[smallest]) { smallest = right }
            if smallest == parent { return }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
    }
}

/// The k-th largest of a stream of scores: the bar a passage must reach to enter a top
/// k when it does not matter which passage holds it (MaxScore's threshold).
///
/// A min-heap of bare scores in memory the caller lends (room for k): most scores of a
/// query fall below the bar, and for them a pass costs one comparison, with no passage
/// to carry and no tie to break.
struct KthLargest {
    let k: Int
    private let heap: UnsafeMutablePointer<Double>
    private(set) var count = 0

    init(_ k: Int, in heap: UnsafeMutablePointer<Double>) {
        self.k = max(0, k)
        self.heap = heap
    }

    /// The k-th largest score so far; −∞ until k have been seen.
    var value: Double { count < k || k == 0 ? -.infinity : heap[0] }

    /// Adds the scores of `count` passages (through `score`), keeping the bar in a
    /// register: most fall below it and cost one comparison.
    @inline(__always)
    mutating func insert(_ count: Int, _ score: (Int) -> Double) {
        guard k > 0 else { return }
        var i = 0
        while i < count && self.count < k {
            insert(score(i))
            i &+= 1
        }
        guard i < count else { return }
        var bar = heap[0]
        while i < count {
            let s = score(i)
            if s > bar {
                replaceSmallest(s)
                bar = heap[0]
            }
            i &+= 1
        }
    }

    @inline(__always)
    mutating func insert(_ score: Double) {
        if count == k {
            if k > 0 && score > heap[0] { replaceSmallest(score) }
            return
        }
        var child = count
        while child > 0 {
            let parent = (child &- 1) &>> 1
            guard score < heap[parent] else { break }
            heap[child] = heap[parent]
            child = parent
        }
        heap[child] = score
        count &+= 1
    }

    private func replaceSmallest(_ score: Double) {
        var parent = 0
        while true {
            let left = 2 &* parent &+ 1, right = left &+ 1
            var at = parent, smallest = score
            if left < count && heap[left] < smallest { at = left; smallest = heap[left] }
            if right < count && heap[right] < smallest { at = right }
            if at == parent { break }
            heap[parent] = heap[at]
            parent = at
        }
        heap[parent] = score
    }
}
