/// The scoring core: MaxScore over the own terms, capped intent expansions, the
/// proximity re-rank of the head, and the matched words of what is returned.
extension Ranker {
    /// One own term in one field: what walking its postings adds, at most.
    struct Unit {
        var heading: Bool
        var postings: Range<Int>
        var weight: Double
        /// The own terms (bits) a match covers: its own bit, or those a synonym stands for.
        var mask: UInt64
        /// The term's bit among the query's terms, for the matched words.
        var hit: UInt64
        var order: Int
        /// The scorer's bound on one posting's score: orders the units.
        var upperBound: Double
        /// The term's true peak (at most `upperBound`): decides what MaxScore may skip.
        var peak: Double
    }

    /// What a query scores with, worked out once for both passes.
    struct Query {
        var resolved: ResolvedTerms
        /// Own terms per field, most valuable first.
        var units: [Unit]
        /// `remaining[i]`: the most units i… can add to a passage.
        var remaining: [Double]
        /// Resolved term indices of the intent expansions.
        var expansions: [Int]
        var cap: Double
        var perMass: Double
        var pairs: [ProximityPair]
        /// The bonus of every pair together: the most proximity can add to any passage.
        var mostBonus: Double

        func coverage(_ bits: UInt64) -> Double { Ranker.mass(bits, resolved.masses) * perMass }

        /// The proximity bonus a passage could still earn, given the terms it matched and
        /// those looked up in its text so far.
        func bonus(_ hits: UInt64, _ scored: UInt64) -> Double {
            pairs.isEmpty ? 0 : Ranker.possibleBonus(pairs, hits: hits, scored: scored)
        }
    }

    /// The top k, exact: a prefix of every longer ranking, whatever k.
    ///
    /// The first pass prunes as if proximity did not exist (MaxScore bounds, the expansion
    /// cap, a proximity re-rank of the 50 best), and notes the best score anything it set
    /// aside could still have reached, bonus included. If that stays under the k-th score
    /// it returns, nothing set aside could have entered, and its answer is exact — the
    /// common case. Otherwise a second pass prunes with every bound allowing for the bonus
    /// a passage could still earn, which is exact by construction.
    func rank<S: Scorer>(_ plan: QueryPlan, limit: Int, scorer: S, buffers: inout RankBuffers) -> [RankedPassage] {
        let query = prepare(plan, scorer)
        var (entries, certain) = run(query, limit: limit, scorer: scorer, exact: false, &buffers)
        if !certain {
            buffers.reset()
            (entries, _) = run(query, limit: limit, scorer: scorer, exact: true, &buffers)
        }
        return entries.map { entry in
            let passage = Int(entry.passage)
            return RankedPassage(passage: passage, score: entry.score, coverage: query.coverage(buffers.slots[passage].bits),
                                 matchedTerms: matchedTerms(query, passage, hits: buffers.slots[passage].hits))
        }
    }

    private func prepare<S: Scorer>(_ plan: QueryPlan, _ scorer: S) -> Query {
        let resolved = ResolvedTerms(plan, index)
        var expansions: [Int] = []
        var units: [Unit] = []
        for (k, term) in resolved.terms.enumerated() {
            if term.origin == .expansion {
                expansions.append(k)
                continue
            }
            let mask = resolved.coverageMask(k), hit = ResolvedTerms.hitBit(k)
            for heading in [false, true] {
                let fieldWeight = heading ? headingWeight : 1.0
                guard fieldWeight > 0, let id = heading ? term.headingID : term.bodyID else { continue }
                let field = heading ? index.heading : index.body
                let range = field.postingRange(id)
                let idf = scorer.idf(documentFrequency: range.count, passageCount: field.passageCount)
                let w = scorer.termWeight(idf: idf) * term.weight * fieldWeight
                let bound = scorer.upperBound(weight: w) ?? .infinity
                var peak = bound
                if bound.isFinite && range.count >= TermPeaks.minimumPostings {
                    let norms = heading ? headingNorms : bodyNorms
                    let unitPeak = peaks.peak(field: heading ? 1 : 0, id: id, range, field, norms, scorer)
                    // Scaled by the weight, rounded up a hair so that it stays a bound.
                    peak = min(bound, unitPeak * w * (1 + 1e-9))
                }
                units.append(Unit(heading: heading, postings: range, weight: w, mask: mask, hit: hit, order: k,
                                  upperBound: bound, peak: peak))
            }
        }
        // MaxScore (Turtle and Flood, 1995) walks the most valuable terms first.
        units.sort { $0.upperBound > $1.upperBound || ($0.upperBound == $1.upperBound && $0.order < $1.order) }
        var remaining = [Double](repeating: 0, count: units.count + 1)
        for i in stride(from: units.count - 1, through: 0, by: -1) { remaining[i] = remaining[i + 1] + units[i].peak }
        let pairs = proximityWeight > 0 ? adjacentPairs(plan, scorer, resolved) : []
        var query = Query(resolved: resolved, units: units, remaining: remaining, expansions: expansions,
                          cap: expansions.isEmpty ? 0 : expansionCap,
                          perMass: resolved.totalMass > 0 ? 1 / resolved.totalMass : 0, pairs: pairs, mostBonus: 0)
        query.mostBonus = query.bonus(0, 0)
        return query
    }

    /// One pass: the top `limit` entries, and whether they are certainly exact.
    private func run<S: Scorer>(_ query: Query, limit: Int, scorer: S, exact: Bool,
                                _ buffers: inout RankBuffers) -> ([TopK.Entry], Bool) {
        let units = query.units, remaining = query.remaining, cap = query.cap
        /// The terms whose body postings have been applied to every passage still in play.
        var bodyScored: UInt64 = 0
        /// The best final score anything set aside could have reached (first pass).
        var setAside = -Double.infinity
        /// Whether a passage whose own bound (expansions included) is `score` stays in play:
        /// the first pass compares it with `bar` alone and notes what it sets aside; the
        /// exact pass adds the bonus the passage could still earn (looked at only when it
        /// decides).
        func keeps(_ score: Double, _ hits: UInt64, _ scored: UInt64, _ bar: Double) -> Bool {
            if score >= bar { return true }
            if exact {
                if score + query.mostBonus < bar { return false }
                return score + query.bonus(hits, scored) >= bar
            }
            if score + query.mostBonus > setAside { setAside = max(setAside, score + query.bonus(hits, scored)) }
            return false
        }

        // Walk the terms that can still decide; once the terms left could not lift an
        // unseen passage into the top k, score those terms only for passages already seen.
        var next = 0
        var threshold = 0.0
        while next < units.count {
            // The threshold costs a pass over the passages seen: take it only before a
            // posting list long enough for skipping it to pay. Scores only grow, so an
            // earlier threshold still holds; and none exceeds the best score so far, so a
            // bound above that cannot be beaten: either way the pass is saved.
            if next > 0 && buffers.touched.count >= limit && units[next].postings.count * 4 > buffers.touched.count {
                let bound = (1 + cap) * remaining[next]
                if bound < buffers.best && bound + (exact ? query.mostBonus : 0) >= threshold {
                    threshold = kthBest(limit, buffers.touched, buffers.slots)
                }
                if !keeps(bound, 0, bodyScored, threshold) { break }
            }
            accumulate(units[next], scorer, &buffers)
            if !units[next].heading { bodyScored |= units[next].hit }
            next += 1
        }
        var candidates = buffers.touched
        if next < units.count || cap > 0 {
            if buffers.touched.count >= limit { threshold = kthBest(limit, buffers.touched, buffers.slots) }
            let left = remaining[next]
            let scored = bodyScored
            candidates = Self.select(buffers.touched, buffers.slots) { keeps(($0.score + left) * (1 + cap), $0.hits, scored, threshold) }
            candidates.sort()
            for i in next..<units.count {
                scoreCandidates(units[i], candidates, scorer, &buffers)
                if !units[i].heading { bodyScored |= units[i].hit }
            }
        }
        if cap > 0 {
            // Expansions can add at most cap × own score: skip those that cannot reach the top k.
            let floor = kthBest(limit, candidates, buffers.slots)
            if floor > 0 {
                candidates = Self.select(candidates, buffers.slots) { slot in
                    keeps(slot.score * (1 + cap * query.coverage(slot.bits)), slot.hits, bodyScored, floor)
                }
            }
            for k in query.expansions {
                // Body only: a heading word such as "Management" in a document title would
                // otherwise lend every passage of that document the intent's weight.
                scoreExpansion(query.resolved.terms[k], hit: ResolvedTerms.hitBit(k), candidates, scorer, &buffers)
            }
        }
        // Base scores: own words plus capped expansions.
        var bases: [(base: Double, passage: Int32)] = []
        bases.reserveCapacity(candidates.count)
        buffers.slots.withUnsafeBufferPointer { slots in
            for p in candidates {
                let slot = slots[Int(p)]
                let score = slot.score + query.coverage(slot.bits) * min(slot.expansion, cap * slot.score)
                if score > 0 { bases.append((score, p)) }
            }
        }
        let entries = exact ? exactHead(query, bases, limit, bodyScored, buffers)
            : rerankedHead(query, bases, limit, bodyScored, buffers, setAside: &setAside)
        let certain = setAside == -.infinity || (entries.count >= limit && setAside < entries[limit - 1].score)
        return (entries, certain)
    }

    /// How many of the best passages the first pass re-ranks by proximity.
    static let proximityDepth = 50

    /// First pass: the best passages by base score, re-ranked with their bonus; what is
    /// left out and could have earned a bonus is noted.
    private func rerankedHead(_ query: Query, _ bases: [(base: Double, passage: Int32)], _ limit: Int,
                              _ scored: UInt64, _ buffers: RankBuffers, setAside: inout Double) -> [TopK.Entry] {
        guard !query.pairs.isEmpty else {
            var top = TopK(limit)
            for (base, p) in bases { top.insert(score: base, passage: p) }
            return top.sorted()
        }
        var head = TopK(max(limit, Self.proximityDepth))
        for (base, p) in bases { head.insert(score: base, passage: p) }
        var entries = head.sorted()
        if bases.count > entries.count {
            let inHead = Set(entries.map(\.passage))
            for (base, p) in bases where base + query.mostBonus > setAside && !inHead.contains(p) {
                let bonus = query.bonus(buffers.slots[Int(p)].hits, scored)
                if bonus > 0 { setAside = max(setAside, base + bonus) }
            }
        }
        for k in entries.indices {
            entries[k].score += proximityBonus(query.pairs, Int(entries[k].passage), hits: buffers.slots[Int(entries[k].passage)].hits)
        }
        entries.sort { $1.ranksBelow($0) }
        return Array(entries.prefix(limit))
    }

    /// Exact pass: passages by the most they could score, bonus looked up in that order
    /// until the next could not reach the top k even with it.
    private func exactHead(_ query: Query, _ bases: [(base: Double, passage: Int32)], _ limit: Int,
                           _ scored: UInt64, _ buffers: RankBuffers) -> [TopK.Entry] {
        // The k-th best base score is at most the k-th best final one: what cannot reach
        // it even with its bonus is out before sorting.
        var kth = TopK(limit)
        for (base, p) in bases { kth.insert(score: base, passage: p) }
        let bar = kth.threshold
        var byBound: [(bound: Double, base: Double, passage: Int32)] = []
        for (base, p) in bases where base + query.mostBonus >= bar {
            let bound = base + query.bonus(buffers.slots[Int(p)].hits, scored)
            if bound >= bar { byBound.append((bound, base, p)) }
        }
        byBound.sort { $0.bound > $1.bound || ($0.bound == $1.bound && $0.passage < $1.passage) }
        var top = TopK(limit)
        for (bound, base, passage) in byBound {
            if bound < top.threshold { break }
            let extra = bound > base ? proximityBonus(query.pairs, Int(passage), hits: buffers.slots[Int(passage)].hits) : 0
            top.insert(score: base + extra, passage: passage)
        }
        return top.sorted()
    }

    /// The query's terms that count toward a returned passage's score. The hits record
    /// every scored match (own terms were checked for all candidates, expansions for
    /// those left); a term past the 64th has no bit and is looked up in the fields it is
    /// scored in.
    private func matchedTerms(_ query: Query, _ passage: Int, hits: UInt64) -> [String] {
        var matched: [String] = []
        for (k, term) in query.resolved.terms.enumerated() {
            let bit = ResolvedTerms.hitBit(k)
            if bit != 0 {
                if hits & bit != 0 { matched.append(term.text) }
                continue
            }
            let scoredInBody = term.origin != .expansion || query.cap > 0
            let scoredInHeading = term.origin != .expansion && headingWeight > 0
            if (scoredInBody && term.bodyID.flatMap { index.body.posting($0, passage) } != nil)
                || (scoredInHeading && term.headingID.flatMap { index.heading.posting($0, passage) } != nil) {
                matched.append(term.text)
            }
        }
        return matched
    }

    /// The passages whose slots pass a test, in their order.
    @inline(__always)
    static func select(_ passages: [Int32], _ slots: [RankBuffers.Slot], _ keep: (RankBuffers.Slot) -> Bool) -> [Int32] {
        var kept = [Int32]()
        kept.reserveCapacity(passages.count)
        slots.withUnsafeBufferPointer { slots in
            passages.withUnsafeBufferPointer { passages in
                for p in passages where keep(slots[Int(p)]) { kept.append(p) }
            }
        }
        return kept
    }

    /// The k-th best own-word score among some passages (0 when there are fewer than k).
    func kthBest(_ k: Int, _ passages: [Int32], _ slots: [RankBuffers.Slot]) -> Double {
        var top = TopK(k)
        slots.withUnsafeBufferPointer { slots in
            for p in passages { top.insert(score: slots[Int(p)].score, passage: p) }
        }
        return max(0, top.threshold)
    }

    @inline(__always)
    static func mass(_ bits: UInt64, _ masses: [Double]) -> Double {
        var sum = 0.0
        var rest = bits
        while rest != 0 {
            sum += masses[rest.trailingZeroBitCount]
            rest &= rest - 1
        }
        return sum
    }
}
