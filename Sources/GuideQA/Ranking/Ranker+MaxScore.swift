/// The scoring core: MaxScore over the own terms, capped intent expansions, the
/// proximity bonus, and the matched words of what is returned. The top k it returns is
/// exact — the first k of any longer ranking — because every pruning bound allows for
/// everything a passage could still gain.
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

    func rank<S: Scorer>(_ plan: QueryPlan, limit: Int, scorer: S, buffers: inout RankBuffers) -> [RankedPassage] {
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
        let cap = expansions.isEmpty ? 0 : expansionCap
        let perMass = resolved.totalMass > 0 ? 1 / resolved.totalMass : 0
        let masses = resolved.masses
        // Every bound below allows for the proximity bonus a passage could still earn (the
        // pairs whose words it may contain), so what is skipped could not have reached the
        // top k even with those words together; the result is the exact top k, a prefix of
        // every longer ranking.
        let pairs = proximityWeight > 0 ? adjacentPairs(plan, scorer, resolved) : []
        func bonus(_ hits: UInt64, _ scored: UInt64) -> Double {
            pairs.isEmpty ? 0 : Self.possibleBonus(pairs, hits: hits, scored: scored)
        }
        let mostBonus = bonus(0, 0)
        /// Whether `score` plus the bonus a passage could still earn reaches `bar`; the
        /// per-passage bonus is looked at only when the answer turns on it.
        func reaches(_ score: Double, _ hits: UInt64, _ scored: UInt64, _ bar: Double) -> Bool {
            if score >= bar { return true }
            if score + mostBonus < bar { return false }
            return score + bonus(hits, scored) >= bar
        }
        /// The terms whose body postings have been applied to every passage still in play.
        var bodyScored: UInt64 = 0

        // MaxScore (Turtle and Flood, 1995): walk the terms that can still decide, most
        // valuable first; once the terms left could not lift an unseen passage into the
        // top k, score those terms only for passages already seen.
        units.sort { $0.upperBound > $1.upperBound || ($0.upperBound == $1.upperBound && $0.order < $1.order) }
        var remaining = [Double](repeating: 0, count: units.count + 1)
        for i in stride(from: units.count - 1, through: 0, by: -1) { remaining[i] = remaining[i + 1] + units[i].peak }
        var next = 0
        var threshold = 0.0
        while next < units.count {
            // The threshold costs a pass over the passages seen: take it only before a
            // posting list long enough for skipping it to pay.
            if next > 0 && buffers.touched.count >= limit && units[next].postings.count * 4 > buffers.touched.count {
                // Scores only grow, so an earlier threshold still holds; and none exceeds
                // the best score so far, so a bound above that cannot be beaten: either way
                // the pass is saved.
                let bound = (1 + cap) * remaining[next] + bonus(0, bodyScored)
                if bound < threshold { break }
                if bound < buffers.best {
                    threshold = kthBest(limit, buffers.touched, buffers.slots)
                    if bound < threshold { break }
                }
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
            candidates = Self.select(buffers.touched, buffers.slots) {
                reaches(($0.score + left) * (1 + cap), $0.hits, scored, threshold)
            }
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
                    reaches(slot.score * (1 + cap * Self.mass(slot.bits, masses) * perMass), slot.hits, bodyScored, floor)
                }
            }
            for k in expansions {
                // Body only: a heading word such as "Management" in a document title would
                // otherwise lend every passage of that document the intent's weight.
                scoreExpansion(resolved.terms[k], hit: ResolvedTerms.hitBit(k), candidates, scorer, &buffers)
            }
        }
        // Base scores (own words plus capped expansions) with the bonus each passage could
        // still earn, most promising first; the bonus is looked up passage by passage until
        // the next one could not reach the top k even with it.
        var bases: [(base: Double, passage: Int32)] = []
        bases.reserveCapacity(candidates.count)
        var kth = TopK(limit)
        buffers.slots.withUnsafeBufferPointer { slots in
            for p in candidates {
                let slot = slots[Int(p)]
                let coverage = Self.mass(slot.bits, masses) * perMass
                let score = slot.score + coverage * min(slot.expansion, cap * slot.score)
                if score > 0 {
                    bases.append((score, p))
                    kth.insert(score: score, passage: p)
                }
            }
        }
        // The k-th best base score is at most the k-th best final one: what cannot reach
        // it even with its bonus is out before sorting.
        let bar = kth.threshold
        var byBound: [(bound: Double, base: Double, passage: Int32)] = []
        for (base, p) in bases where base + mostBonus >= bar {
            let bound = base + bonus(buffers.slots[Int(p)].hits, bodyScored)
            if bound >= bar { byBound.append((bound, base, p)) }
        }
        byBound.sort { $0.bound > $1.bound || ($0.bound == $1.bound && $0.passage < $1.passage) }
        var top = TopK(limit)
        for (bound, base, passage) in byBound {
            if bound < top.threshold { break }
            let extra = bound > base ? proximityBonus(pairs, Int(passage), hits: buffers.slots[Int(passage)].hits) : 0
            top.insert(score: base + extra, passage: passage)
        }
        let entries = top.sorted()
        return entries.map { entry in
            let passage = Int(entry.passage)
            let hits = buffers.slots[passage].hits
            var matched: [String] = []
            for (k, term) in resolved.terms.enumerated() {
                // The hits record every scored match of a returned passage (own terms were
                // checked for all candidates, expansions for those left); a term past the
                // 64th has no bit and is looked up in the fields it is scored in.
                let bit = ResolvedTerms.hitBit(k)
                if bit != 0 {
                    if hits & bit != 0 { matched.append(term.text) }
                    continue
                }
                let scoredInBody = term.origin != .expansion || cap > 0
                let scoredInHeading = term.origin != .expansion && headingWeight > 0
                if (scoredInBody && term.bodyID.flatMap { index.body.posting($0, passage) } != nil)
                    || (scoredInHeading && term.headingID.flatMap { index.heading.posting($0, passage) } != nil) {
                    matched.append(term.text)
                }
            }
            return RankedPassage(passage: passage, score: entry.score,
                                 coverage: Self.mass(buffers.slots[passage].bits, masses) * perMass, matchedTerms: matched)
        }
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
