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

    func rank<S: Scorer>(_ plan: QueryPlan, limit: Int, scorer: S, buffers: inout RankBuffers) -> [RankedPassage] {
        let resolved = ResolvedTerms(plan, index)
        var expansions: [Int] = []
        var units: [Unit] = []
        // True peaks prune only where pruning provably changes nothing: with expansions, a
        // passage is kept only if it can pass the expansion filter, which tighter bounds
        // decide the same way. Without them every candidate competes for the proximity
        // re-rank of the head, so the scorer's bounds are kept, as they always were.
        let tightBounds = expansionCap > 0 && resolved.terms.contains { $0.origin == .expansion }
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
                if tightBounds && bound.isFinite && range.count >= TermPeaks.minimumPostings {
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
                let bound = (1 + cap) * remaining[next]
                if bound < threshold { break }
                if bound < buffers.best {
                    threshold = kthBest(limit, buffers.touched, buffers.slots)
                    if bound < threshold { break }
                }
            }
            accumulate(units[next], scorer, &buffers)
            next += 1
        }
        var candidates = buffers.touched
        if next < units.count || cap > 0 {
            if buffers.touched.count >= limit { threshold = kthBest(limit, buffers.touched, buffers.slots) }
            let left = remaining[next]
            candidates = Self.select(buffers.touched, buffers.slots) { ($0.score + left) * (1 + cap) >= threshold }
            candidates.sort()
            for i in next..<units.count {
                if cap > 0 && i > next {
                    // With expansions, a passage whose own score, completed by the terms left,
                    // cannot reach the k-th best partial score stays out of the head either
                    // way (the expansion filter below would drop it): drop it now. Without
                    // expansions every candidate is completed, for the proximity re-rank.
                    let bar = kthBest(limit, candidates, buffers.slots)
                    if bar > 0 {
                        candidates.removeAll { p in (buffers.slots[Int(p)].score + remaining[i]) * (1 + cap) < bar }
                    }
                }
                scoreCandidates(units[i], candidates, scorer, &buffers)
            }
        }
        if cap > 0 {
            // Expansions can add at most cap × own score: skip those that cannot reach the top k.
            let floor = kthBest(limit, candidates, buffers.slots)
            if floor > 0 {
                candidates = Self.select(candidates, buffers.slots) { slot in
                    slot.score * (1 + cap * Self.mass(slot.bits, masses) * perMass) >= floor
                }
            }
            for k in expansions {
                // Body only: a heading word such as "Management" in a document title would
                // otherwise lend every passage of that document the intent's weight.
                scoreExpansion(resolved.terms[k], hit: ResolvedTerms.hitBit(k), candidates, scorer, &buffers)
            }
        }
        let pairs = proximityWeight > 0 ? adjacentPairs(plan, scorer, resolved) : []
        var top = TopK(pairs.isEmpty ? limit : max(limit, Self.proximityDepth))
        for p in candidates {
            let slot = buffers.slots[Int(p)]
            let coverage = Self.mass(slot.bits, masses) * perMass
            let score = slot.score + coverage * min(slot.expansion, cap * slot.score)
            if score > 0 { top.insert(score: score, passage: p) }
        }
        var entries = top.sorted()
        if !pairs.isEmpty {
            // Re-rank the head: words that stand together in the question and in the passage.
            for k in entries.indices {
                entries[k].score += proximityBonus(pairs, Int(entries[k].passage), hits: buffers.slots[Int(entries[k].passage)].hits)
            }
            entries.sort { $1.ranksBelow($0) }
            entries = Array(entries.prefix(limit))
        }
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

    /// How many of the best passages the proximity bonus re-ranks.
    static let proximityDepth = 50

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
