import Foundation

/// Per-query working memory of the ranker, reused across queries.
///
/// A dense accumulator per passage makes scoring a plain array walk, but allocating and
/// zeroing it for every question costs more than the scoring itself on a large corpus
/// (8 MB per array at a million passages). Scratch memory is borrowed from a pool and
/// only the entries a query touched are cleared on return, so concurrent queries each
/// get their own and a query costs in proportion to the postings it reads.
///
/// Raw memory rather than arrays: the ranker's loops read and write it through
/// pointers held in registers, with no bounds checks, no uniqueness checks and no
/// reloading of an array's storage after every store. The touched passages are a
/// bit set (`PassageBits`).
final class RankScratch {
    /// What a query has gathered about one passage, side by side so that crediting a
    /// posting touches one cache line rather than one per array; 16 bytes, so that the
    /// slots of a 16,825-passage corpus fit the processor's second-level cache.
    struct Slot {
        /// Own-word score: the question's terms, the carried topic, synonyms.
        var score = 0.0
        /// Which of the query's terms (bit k: resolved term k) it matched, in either field:
        /// the answer's matched words, and the own terms it covers (`RankBounds.bits`),
        /// come from here instead of searching postings again.
        var hits: UInt64 = 0
    }

    let size: Int
    let slots: UnsafeMutablePointer<Slot>
    /// The passages some walked posting list reached, and how many.
    let touched: PassageBits
    var touchedCount = 0
    /// The best own score accumulated so far (walks of whole posting lists only).
    var best = 0.0
    /// Own terms covered through terms past the 64th, which have no hit bit: made for the
    /// rare query that long, and cleared after it.
    private(set) var extraBits: UnsafeMutablePointer<UInt64>?
    private var extraBitsUsed = false
    /// The proximity pairs' bounds, the own terms' idf masses and each term's coverage
    /// mask, for `RankBounds`.
    let pairMasks: UnsafeMutablePointer<UInt64>
    let pairBonuses: UnsafeMutablePointer<Double>
    let masses: UnsafeMutablePointer<Double>
    let hitMasks: UnsafeMutablePointer<UInt64>
    let massTable: UnsafeMutablePointer<Double>
    /// Questions with at most this many own terms get a table of their sets' masses.
    static let coverageTableBits = 10
    static let pairCapacity = QueryPlanner.maximumTerms
    /// A min-heap of scores for `kthLargest`, grown to the largest k asked.
    private(set) var heap: UnsafeMutablePointer<Double>
    /// Beside the heap's scores, their passages, when `KthLargest` keeps them (the leaders).
    private(set) var leaders: UnsafeMutablePointer<Int32>
    private(set) var heapCapacity = 64

    init(size: Int) {
        self.size = size
        slots = .allocate(capacity: max(1, size))
        slots.initialize(repeating: Slot(), count: max(1, size))
        let counts = PassageBits.wordCounts(passages: size)
        let words = UnsafeMutablePointer<UInt64>.allocate(capacity: counts.words + counts.summary)
        words.initialize(repeating: 0, count: counts.words + counts.summary)
        touched = PassageBits(words: words, summary: words + counts.words, summaryCount: counts.summary)
        pairMasks = .allocate(capacity: Self.pairCapacity)
        pairBonuses = .allocate(capacity: Self.pairCapacity)
        masses = .allocate(capacity: 64)
        hitMasks = .allocate(capacity: 64)
        massTable = .allocate(capacity: 1 << Self.coverageTableBits)
        heap = .allocate(capacity: heapCapacity)
        leaders = .allocate(capacity: heapCapacity)
    }

    deinit {
        for memory in [UnsafeMutableRawPointer(slots), UnsafeMutableRawPointer(touched.words),
                       UnsafeMutableRawPointer(pairMasks),
                       UnsafeMutableRawPointer(pairBonuses), UnsafeMutableRawPointer(masses),
                       UnsafeMutableRawPointer(hitMasks), UnsafeMutableRawPointer(massTable),
                       UnsafeMutableRawPointer(heap), UnsafeMutableRawPointer(leaders)] {
            memory.deallocate()
        }
        extraBits?.deallocate()
    }

    /// The per-passage own-term bits for terms without a hit bit (all 0 when first asked for).
    func extraBitsForQuery() -> UnsafeMutablePointer<UInt64> {
        extraBitsUsed = true
        if let extraBits { return extraBits }
        let bits = UnsafeMutablePointer<UInt64>.allocate(capacity: max(1, size))
        bits.initialize(repeating: 0, count: max(1, size))
        extraBits = bits
        return bits
    }

    /// Room for heaps of `k` scores (and passages).
    func reserveHeap(_ k: Int) {
        guard k > heapCapacity else { return }
        heap.deallocate()
        leaders.deallocate()
        heapCapacity = k
        heap = .allocate(capacity: k)
        leaders = .allocate(capacity: k)
    }

    /// Clears what the last query wrote.
    func reset() {
        let slots = self.slots
        touched.forEach { slots[Int($0)] = Slot() }
        if extraBitsUsed, let extraBits {
            touched.forEach { extraBits[Int($0)] = 0 }
            extraBitsUsed = false
        }
        touched.removeAll()
        touchedCount = 0
        best = 0
    }
}

/// Scratch memory for concurrent queries: each borrows one and gives it back cleared.
final class RankScratchPool: @unchecked Sendable {
    private let lock = NSLock()
    private var free: [RankScratch] = []
    private let size: Int

    init(size: Int) {
        self.size = size
    }

    func with<R>(_ body: (RankScratch) -> R) -> R {
        lock.lock()
        let scratch = free.popLast() ?? RankScratch(size: size)
        lock.unlock()
        let result = body(scratch)
        scratch.reset()
        lock.lock()
        if free.count < 4 { free.append(scratch) }
        lock.unlock()
        return result
    }
}
