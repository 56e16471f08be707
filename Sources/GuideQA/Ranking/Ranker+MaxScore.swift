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
        var upperBound: Double
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
            for (heading, id, fieldWeight) in [(false, term.bodyID, 1.0), (true, term.headingID, headingWeight)]
            where fieldWeight > 0 {
                guard let id else { continue }
                let field = heading ? index.heading : index.body
                let range = field.postingRange(id)
                let idf = scorer.idf(documentFrequency: range.count, passageCount: field.passageCount)
                let w = scorer.termWeight(idf: idf) * term.weight * fieldWeight
                units.append(Unit(heading: heading, postings: range, weight: w, mask: mask, hit: hit, order: k,
                                  upperBound: scorer.upperBound(weight: w) ?? .infinity))
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
        for i in stride(from: units.count - 1, through: 0, by: -1) { remaining[i] = remaining[i + 1] + units[i].upperBound }
        var next = 0
        var threshold = 0.0
        while next < units.count {
            // The threshold costs a pass over the passages seen: take it only before a
            // posting list long enough for skipping it to pay.
            if next > 0 && buffers.touched.count >= limit && units[next].postings.count * 4 > buffers.touched.count {
                threshold = kthBest(limit, buffers)
                if (1 + cap) * remaining[next] < threshold { break }
            }
            accumulate(units[next], scorer, &buffers)
            next += 1
        }
        var candidates = buffers.touched
        if next < units.count || cap > 0 {
            if buffers.touched.count >= limit { threshold = kthBest(limit, buffers) }
            let left = remaining[next]
            candidates = buffers.touched.filter { p in (buffers.scores[Int(p)] + left) * (1 + cap) >= threshold }
            candidates.sort()
            for i in next..<units.count {
                if cap > 0 && i > next {
                    // With expansions, a passage whose own score, completed by the terms left,
                    // cannot reach the k-th best partial score stays out of the head either
                    // way (the expansion filter below would drop it): drop it now. Without
                    // expansions every candidate is completed, for the proximity re-rank.
                    let bar = kthBest(limit, candidates, buffers.scores)
                    if bar > 0 {
                        candidates.removeAll { p in (buffers.scores[Int(p)] + remaining[i]) * (1 + cap) < bar }
                    }
                }
                scoreCandidates(units[i], candidates, scorer, &buffers)
            }
        }
        if cap > 0 {
            // Expansions can add at most cap × own score: skip those that cannot reach the top k.
            var own = TopK(limit)
            for p in candidates { own.insert(score: buffers.scores[Int(p)], passage: p) }
            let floor = own.threshold
            if floor > 0 {
                candidates = candidates.filter { p in
                    let coverage = Self.mass(buffers.bits[Int(p)], masses) * perMass
                    return buffers.scores[Int(p)] * (1 + cap * coverage) >= floor
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
            let i = Int(p)
            let coverage = Self.mass(buffers.bits[i], masses) * perMass
            let score = buffers.scores[i] + coverage * min(buffers.expansion[i], cap * buffers.scores[i])
            if score > 0 { top.insert(score: score, passage: p) }
        }
        var entries = top.sorted()
        if !pairs.isEmpty {
            // Re-rank the head: words that stand together in the question and in the passage.
            for k in entries.indices {
                entries[k].score += proximityBonus(pairs, Int(entries[k].passage), hits: buffers.hits[Int(entries[k].passage)])
            }
            entries.sort { $1.ranksBelow($0) }
            entries = Array(entries.prefix(limit))
        }
        return entries.map { entry in
            let passage = Int(entry.passage)
            let hits = buffers.hits[passage]
            var matched: [String] = []
            for (k, term) in resolved.terms.enumerated() {
                // Every returned passage was checked for each own term (in the fields scored)
                // and, when expansions were scored, each expansion (body): the record of hits
                // answers for those; anything else is looked up.
                let bit = ResolvedTerms.hitBit(k)
                if hits & bit != 0 {
                    matched.append(term.text)
                    continue
                }
                let bodyKnown = bit != 0 && (term.origin != .expansion || cap > 0)
                let headingKnown = bit != 0 && term.origin != .expansion && headingWeight > 0
                let inBody = !bodyKnown && term.bodyID.flatMap { index.body.posting($0, passage) } != nil
                let inHeading = !headingKnown && term.headingID.flatMap { index.heading.posting($0, passage) } != nil
                if inBody || inHeading { matched.append(term.text) }
            }
            return RankedPassage(passage: passage, score: entry.score,
                                 coverage: Self.mass(buffers.bits[passage], masses) * perMass, matchedTerms: matched)
        }
    }

    /// How many of the best passages the proximity bonus re-ranks.
    static let proximityDepth = 50

    /// The k-th best own-word score among the passages seen so far.
    func kthBest(_ k: Int, _ buffers: RankBuffers) -> Double {
        kthBest(k, buffers.touched, buffers.scores)
    }

    /// The k-th best score among some passages (0 when there are fewer than k).
    func kthBest(_ k: Int, _ passages: [Int32], _ scores: [Double]) -> Double {
        var top = TopK(k)
        scores.withUnsafeBufferPointer { scores in
            for p in passages { top.insert(score: scores[Int(p)], passage: p) }
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
