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
/// k when it does not matter which passage holds it (MaxScore's threshold), and, when
/// asked, the passages that hold the k largest (the leaders whose whole scores raise it).
///
/// A min-heap of bare scores in memory the caller lends (room for k; for k passages
/// too when they are kept): most scores of a query fall below the bar, and for them a
/// pass costs one comparison, with no passage to carry and no tie to break. Which of
/// tied passages is kept does not matter to its users.
struct KthLargest {
    let k: Int
    private let heap: UnsafeMutablePointer<Double>
    /// Beside each score, the passage holding it (nil: scores alone).
    private let passages: UnsafeMutablePointer<Int32>?
    private(set) var count = 0

    init(_ k: Int, in heap: UnsafeMutablePointer<Double>, passages: UnsafeMutablePointer<Int32>? = nil) {
        self.k = max(0, k)
        self.heap = heap
        self.passages = passages
    }

    /// The k-th largest score so far; −∞ until k have been seen.
    var value: Double { count < k || k == 0 ? -.infinity : heap[0] }

    @inline(__always)
    mutating func insert(_ score: Double, passage: Int32 = 0) {
        if count == k {
            if k > 0 && score > heap[0] { replaceSmallest(score, passage) }
            return
        }
        var child = count
        while child > 0 {
            let parent = (child &- 1) &>> 1
            guard score < heap[parent] else { break }
            heap[child] = heap[parent]
            passages?[child] = passages![parent]
            child = parent
        }
        heap[child] = score
        passages?[child] = passage
        count &+= 1
    }

    /// The passages kept, ascending (the heap's order is lost); none if none are kept.
    func sortedPassages() -> UnsafeMutableBufferPointer<Int32> {
        var kept = UnsafeMutableBufferPointer(start: passages, count: passages == nil ? 0 : count)
        kept.sort()
        return kept
    }

    private func replaceSmallest(_ score: Double, _ passage: Int32) {
        var parent = 0
        while true {
            let left = 2 &* parent &+ 1, right = left &+ 1
            var at = parent, smallest = score
            if left < count && heap[left] < smallest { at = left; smallest = heap[left] }
            if right < count && heap[right] < smallest { at = right }
            if at == parent { break }
            heap[parent] = heap[at]
            passages?[parent] = passages![at]
            parent = at
        }
        heap[parent] = score
        passages?[parent] = passage
    }
}
