/// One query's scoring loops over raw columns and scratch memory: walking posting lists
/// whole (the terms that decide), looking candidates up in the others (the terms
/// MaxScore skipped, and intent expansions), and pruning the candidates in between.
/// `Ranker.rank` decides which runs when; everything here is a plain loop.
struct QueryScoring<S: Scorer> {
    let scorer: S
    let body: FieldColumns
    let heading: FieldColumns
    let scratch: RankScratch
    let bounds: RankBounds
    let limit: Int
    /// The terms whose body postings have been applied to every passage still in play.
    private(set) var bodyScored: UInt64 = 0

    init(scorer: S, body: FieldColumns, heading: FieldColumns, scratch: RankScratch, bounds: RankBounds, limit: Int) {
        self.scorer = scorer
        self.body = body
        self.heading = heading
        self.scratch = scratch
        self.bounds = bounds
        self.limit = limit
    }

    /// Adds one own term's scores in one field to every passage in its list, and credits
    /// its idf mass to each one's coverage (body and heading alike).
    mutating func accumulate(_ unit: Ranker.Unit) {
        let field = unit.heading ? heading : body
        let passages = field.passages, frequencies = field.frequencies, norms = field.norms
        let slots = scratch.slots, mark = scratch.mark, touched = scratch.touched
        let generation = scratch.generation
        let weight = unit.weight, mask = unit.mask, hit = unit.hit
        var count = scratch.touchedCount
        var best = scratch.best
        for p in unit.postings {
            let passage = passages[p]
            let i = Int(passage)
            if mark[i] != generation {
                mark[i] = generation
                touched[count] = passage
                count &+= 1
            }
            let score = slots[i].score + scorer.score(frequency: Double(frequencies[p]), weight: weight, norm: norms[i])
            slots[i].score = score
            slots[i].bits |= mask
            slots[i].hits |= hit
            best = max(best, score)
        }
        scratch.touchedCount = count
        scratch.best = best
        if !unit.heading { bodyScored |= hit }
    }

    /// Adds an own term's scores to the candidates only: its postings are not walked.
    mutating func lookUp(_ unit: Ranker.Unit) {
        score(in: unit.heading ? heading : body, unit.postings, weight: unit.weight, mask: unit.mask, hit: unit.hit,
              expansion: false)
        if !unit.heading { bodyScored |= unit.hit }
    }

    /// Adds an expansion term's body score (at `weight`) to the candidates that contain it.
    func lookUpExpansion(_ postings: Range<Int>, weight: Double, hit: UInt64) {
        score(in: body, postings, weight: weight, mask: 0, hit: hit, expansion: true)
    }

    /// Looks each candidate up in one posting list (both ascending: each search starts
    /// where the last ended) and adds its score to the passage's own score, or to its
    /// expansion score.
    private func score(in field: FieldColumns, _ postings: Range<Int>, weight: Double, mask: UInt64, hit: UInt64,
                       expansion: Bool) {
        let passages = field.passages, frequencies = field.frequencies, norms = field.norms
        let slots = scratch.slots, candidates = scratch.candidates
        let end = postings.upperBound
        var cursor = postings.lowerBound
        for i in 0..<scratch.candidateCount {
            let candidate = candidates[i]
            cursor = PostingSearch.seek(passages, from: cursor, to: end, candidate)
            guard cursor < end else { return }
            guard passages[cursor] == candidate else { continue }
            let p = Int(candidate)
            let value = scorer.score(frequency: Double(frequencies[cursor]), weight: weight, norm: norms[p])
            slots[p].bits |= mask
            slots[p].hits |= hit
            if expansion { slots[p].expansion += value } else { slots[p].score += value }
        }
    }

    // MARK: Pruning

    /// The k-th best own-word score among `count` passages (0 when there are fewer than k).
    func kthBest(_ passages: UnsafePointer<Int32>, _ count: Int) -> Double {
        let slots = scratch.slots
        var kth = KthLargest(limit, in: scratch.heap)
        kth.insert(count) { slots[Int(passages[$0])].score }
        return max(0, kth.value)
    }

    /// The candidates: the passages seen whose score, with every list left (`left`, the
    /// sum of their peaks) and capped expansions, could still reach `bar`.
    func selectCandidates(left: Double, bar: Double) {
        keep(from: scratch.touched, scratch.touchedCount) { slot in
            bounds.reaches((slot.score + left) * (1 + bounds.cap), slot.hits, bodyScored, bar)
        }
    }

    /// Drops the candidates that could no longer reach `bar` with the lists left.
    func pruneCandidates(left: Double, bar: Double) {
        keep(from: scratch.candidates, scratch.candidateCount) { slot in
            bounds.reaches((slot.score + left) * (1 + bounds.cap), slot.hits, bodyScored, bar)
        }
    }

    /// Drops the candidates whose own score, with what expansions may add at most (cap ×
    /// own score × coverage), could not reach `bar`.
    func pruneForExpansions(bar: Double) {
        keep(from: scratch.candidates, scratch.candidateCount) { slot in
            bounds.reaches(slot.score * (1 + bounds.cap * bounds.coverage(slot.bits)), slot.hits, bodyScored, bar)
        }
    }

    /// Makes the candidates those of `count` passages that pass a test, in their order
    /// (`passages` may be the candidates themselves: a passage is written no later than
    /// it is read).
    @inline(__always)
    private func keep(from passages: UnsafePointer<Int32>, _ count: Int, _ test: (RankScratch.Slot) -> Bool) {
        let slots = scratch.slots, candidates = scratch.candidates
        var kept = 0
        for i in 0..<count {
            let p = passages[i]
            if test(slots[Int(p)]) {
                candidates[kept] = p
                kept &+= 1
            }
        }
        scratch.candidateCount = kept
    }

    /// Puts the candidates in corpus order, for the lookups' forward-only searches:
    /// through a bitmap of the passages when they are dense enough for its words to be
    /// fewer than a sort's steps, else by sorting.
    func orderCandidates() {
        let n = scratch.candidateCount
        guard n > 1 else { return }
        let candidates = scratch.candidates, order = scratch.order
        var low = Int32.max, high = Int32.min
        for i in 0..<n {
            low = min(low, candidates[i])
            high = max(high, candidates[i])
        }
        let first = Int(low) >> 6, last = Int(high) >> 6
        let sortSteps = n * (Int.bitWidth - n.leadingZeroBitCount)
        guard (last - first + 1) * 2 < sortSteps else {
            var all = UnsafeMutableBufferPointer(start: candidates, count: n)
            all.sort()
            return
        }
        for i in 0..<n {
            let p = Int(candidates[i])
            order[p >> 6] |= 1 &<< UInt64(p & 63)
        }
        var out = 0
        for word in first...last {
            var bits = order[word]
            order[word] = 0
            while bits != 0 {
                candidates[out] = Int32(truncatingIfNeeded: word << 6 | bits.trailingZeroBitCount)
                out &+= 1
                bits &= bits &- 1
            }
        }
    }

    // MARK: The best passages

    /// The passages among `count` that could make the top k, with their base score (own
    /// words plus capped expansions) and that plus the bonus they could still earn, best
    /// bound first: what remains is reading the bonus of the first few.
    func best(_ passages: UnsafePointer<Int32>, _ count: Int) -> [(bound: Double, base: Double, passage: Int32)] {
        let slots = scratch.slots, cap = bounds.cap
        var bases: [(base: Double, passage: Int32)] = []
        bases.reserveCapacity(count)
        var kth = KthLargest(limit, in: scratch.heap)
        for i in 0..<count {
            let p = passages[i]
            let slot = slots[Int(p)]
            let score = slot.score + bounds.coverage(slot.bits) * min(slot.expansion, cap * slot.score)
            if score > 0 {
                bases.append((score, p))
                kth.insert(score)
            }
        }
        // The k-th best base score is at most the k-th best final one: what cannot reach
        // it even with its bonus is out before sorting.
        let bar = kth.value
        var byBound: [(bound: Double, base: Double, passage: Int32)] = []
        for (base, p) in bases where base + bounds.mostBonus >= bar {
            let bound = base + bounds.bonus(slots[Int(p)].hits, bodyScored)
            if bound >= bar { byBound.append((bound, base, p)) }
        }
        byBound.sort { $0.bound > $1.bound || ($0.bound == $1.bound && $0.passage < $1.passage) }
        return byBound
    }
}
