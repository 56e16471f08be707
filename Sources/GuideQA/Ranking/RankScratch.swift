import Foundation

/// Per-query working memory of the ranker, reused across queries.
///
/// A dense accumulator per passage makes scoring a plain array walk, but allocating and
/// zeroing it for every question costs more than the scoring itself on a large corpus
/// (8 MB per array at a million passages). Buffers are borrowed from a pool and only
/// the entries a query touched are cleared on return, so concurrent queries each get
/// their own and a query costs in proportion to the postings it reads.
struct RankBuffers {
    /// What a query has gathered about one passage, side by side so that crediting a
    /// posting touches one cache line rather than one per array.
    struct Slot {
        /// Own-word score: the question's terms, the carried topic, synonyms.
        var score = 0.0
        /// Intent-expansion score, capped against `score` at the end.
        var expansion = 0.0
        /// Which of the question's own terms (bit k: own term k) the passage matches.
        var bits: UInt64 = 0
        /// Which of the query's terms (bit k: resolved term k) it matched, in either field:
        /// the answer's matched words come from here instead of searching postings again.
        var hits: UInt64 = 0
    }

    var slots: [Slot]
    /// `generation` marks passages already in `touched`.
    var mark: [UInt32]
    var generation: UInt32 = 0
    var touched: [Int32] = []
    /// The best own score accumulated so far (walks of whole posting lists only).
    var best = 0.0

    init(size: Int) {
        slots = [Slot](repeating: Slot(), count: size)
        mark = [UInt32](repeating: 0, count: size)
    }

    /// Clears what the last query wrote.
    mutating func reset() {
        slots.withUnsafeMutableBufferPointer { slots in
            for p in touched { slots[Int(p)] = Slot() }
        }
        touched.removeAll(keepingCapacity: true)
        best = 0
        generation &+= 1
        if generation == 0 {   // wrapped: clear the marks once
            for i in mark.indices { mark[i] = 0 }
            generation = 1
        }
    }
}

final class RankScratchPool: @unchecked Sendable {
    private let lock = NSLock()
    private var free: [RankBuffers] = []
    private let size: Int

    init(size: Int) {
        self.size = size
    }

    func with<R>(_ body: (inout RankBuffers) -> R) -> R {
        lock.lock()
        var buffers = free.popLast() ?? RankBuffers(size: size)
        lock.unlock()
        buffers.reset()
        let result = body(&buffers)
        buffers.reset()
        lock.lock()
        if free.count < 4 { free.append(buffers) }
        lock.unlock()
        return result
    }
}
