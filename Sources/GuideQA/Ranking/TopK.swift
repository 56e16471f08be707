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
