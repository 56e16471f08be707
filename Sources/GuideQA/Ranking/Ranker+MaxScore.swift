/// The scoring core: MaxScore over the own terms, capped intent expansions, the
/// proximity bonus, and the matched words of what is returned. The top k it returns is
/// exact — the first k of any longer ranking — because every pruning bound allows for
/// everything a passage could still gain (`RankBounds`).
///
/// A query narrows in three stages, each over fewer passages than the last:
/// 1. the own terms' lists that can still decide are walked whole (term at a time), and
///    the lists left that are not much longer than the passages reached are walked for
///    those passages only; whether a list can still decide is judged against the k-th
///    best score known, taken from the k passages with the best own scores, finished
///    whole (their own scores leave out the lists not walked and the expansions, which
///    add up to half the own score);
/// 2. the passages they reached are finished in corpus order (document at a time): the
///    other own terms, then the intent expansions, are read at each passage that could
///    still reach the top k, and the bar it must reach rises with every one finished;
/// 3. the proximity bonus is read, best bound first, until no passage left could enter.
extension Ranker {
    /// A list left by MaxScore is walked for the passages seen when it is at most this
    /// many times as long as they are many.
    static let walkSeenRatio = 2

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

    func rank<S: Scorer>(_ plan: QueryPlan, limit: Int, least: Double, scorer: S,
                         scratch: RankScratch) -> [RankedPassage] {
        let resolved = ResolvedTerms(plan, index)
        var (units, expansions) = makeUnits(resolved, scorer)
        var pairs = proximityWeight > 0 ? adjacentPairs(plan, scorer, resolved) : []
        let bounds = RankBounds(cap: expansions.isEmpty ? 0 : expansionCap, resolved: resolved, pairs: pairs,
                                least: least, scratch: scratch)
        let cap = bounds.cap
        scratch.reserveHeap(limit)
        let top = withColumns { body, heading in
            var run = QueryScoring(scorer: scorer, body: body, heading: heading, scratch: scratch, bounds: bounds,
                                   limit: limit, dense: denseLists)
            // MaxScore (Turtle and Flood, 1995): walk the terms that can still decide, most
            // valuable first; once the terms left could not lift an unseen passage into
            // the top k, score those terms only for passages already seen.
            units.sort { $0.upperBound > $1.upperBound || ($0.upperBound == $1.upperBound && $0.order < $1.order) }
            // What the units from i on can add at most, and which own terms they cover.
            var remaining = [Double](repeating: 0, count: units.count + 1)
            var remainingBits = [UInt64](repeating: 0, count: units.count + 1)
            for i in stride(from: units.count - 1, through: 0, by: -1) {
                remaining[i] = remaining[i + 1] + units[i].peak
                remainingBits[i] = remainingBits[i + 1] | units[i].mask
            }
            // The expansions' lists, for the passages that decide the threshold and for `finish`.
            var lists: [QueryScoring<S>.Cursor] = []
            lists.reserveCapacity(expansions.count)
            if cap > 0 {
                for k in expansions {
                    // Body only: a heading word such as "Management" in a document title would
                    // otherwise lend every passage of that document the intent's weight.
                    guard let id = resolved.terms[k].bodyID else { continue }
                    let range = index.body.postingRange(id)
                    let idf = scorer.idf(documentFrequency: range.count, passageCount: index.body.passageCount)
                    lists.append(run.expansionCursor(range, weight: scorer.termWeight(idf: idf) * resolved.terms[k].weight,
                                                     hit: ResolvedTerms.hitBit(k)))
                }
            }
            var next = 0
            var threshold = 0.0
            while next < units.count {
                // A passage not seen yet covers at most the own terms left: when they fall
                // short of the coverage asked for, no list needs reading whole.
                if !bounds.mayQualify(remainingBits[next]) { break }
                // The threshold costs a pass over the passages seen: take it only before a
                // posting list long enough for skipping it to pay.
                let seen = scratch.touchedCount
                if next > 0 && seen >= limit && units[next].postings.count * 4 > seen {
                    // Scores only grow, so an earlier threshold still holds; and none exceeds
                    // the best score so far, so a bound above that cannot be beaten: either
                    // way the pass is saved.
                    // A passage not seen yet covers at most the own terms left.
                    let own = bounds.expansionFactor(remainingBits[next]) * remaining[next]
                    if !bounds.reaches(own, 0, run.bodyScored, threshold) { break }
                    if !bounds.reaches(own, 0, run.bodyScored, scratch.best) {
                        let (kthOwn, leaders) = run.kthBestTouched()
                        threshold = max(threshold, kthOwn)
                        if !bounds.reaches(own, 0, run.bodyScored, threshold) { break }
                        // Not yet: the leaders' whole scores may raise the threshold enough.
                        let owns = (next..<units.count).map { run.cursor(units[$0], left: 0, rest: 0) }
                        threshold = max(threshold, run.kthBestBase(leaders, owns: owns, expansions: lists))
                        if !bounds.reaches(own, 0, run.bodyScored, threshold) { break }
                    }
                }
                run.accumulate(units[next])
                next += 1
            }

            // The lists left that are short beside the passages seen are walked for those
            // passages: cheaper than searching them at nearly every one. In order, so that
            // each passage's score adds its terms in the same order as before.
            while next < units.count && units[next].postings.count <= Self.walkSeenRatio * scratch.touchedCount {
                run.accumulateSeen(units[next])
                next += 1
            }

            // Finish the passages seen: the lists skipped and the expansions are read at
            // those that could still make the top k only. The bar starts at the last
            // threshold taken, if any (a pass over the passages for a fresh one, leaders
            // finished and all, cost more than the bar saved: +6 % instructions).
            var owns = (next..<units.count).map { run.cursor(units[$0], left: remaining[$0], rest: remainingBits[$0]) }
            let contenders = run.finish(floor: threshold, owns: &owns, expansions: &lists)
            // The pairs' words are looked up in the contenders read below: through their
            // lists' directories where the lists are long.
            if !contenders.isEmpty {
                for i in pairs.indices {
                    if let a = pairs[i].first { pairs[i].firstDense = run.directory(body: index.body.postingRange(a)) }
                    if let b = pairs[i].second { pairs[i].secondDense = run.directory(body: index.body.postingRange(b)) }
                }
            }
            return contenders
        }
        // The bonus of the best passages, read in bound order.
        var best = TopK(limit)
        var read = 0
        for contender in top {
            if contender.bound < best.threshold { break }
            let extra = contender.bound > contender.base
                ? proximityBonus(pairs, Int(contender.passage), hits: contender.hits) : 0
            best.insert(score: contender.base + extra, passage: contender.passage)
            read += 1
        }
        return best.sorted().map { entry in
            let passage = Int(entry.passage)
            let found = top[..<read].first { $0.passage == entry.passage }!
            var hits = found.hits
            var unread = found.unread
            while unread != 0 {
                let k = unread.trailingZeroBitCount
                if let id = resolved.terms[k].bodyID, index.body.posting(id, passage) != nil { hits |= 1 << UInt64(k) }
                unread &= unread - 1
            }
            return RankedPassage(passage: passage, score: entry.score, coverage: bounds.coverage(found.bits),
                                 matchedTerms: matchedTerms(resolved, hits, passage, scoresExpansions: cap > 0))
        }
    }

    /// The own terms as units (one per term and field it is scored in), with their
    /// bounds, and the positions of the expansion terms among the resolved terms.
    private func makeUnits<S: Scorer>(_ resolved: ResolvedTerms, _ scorer: S) -> ([Unit], [Int]) {
        var expansions: [Int] = []
        expansions.reserveCapacity(resolved.terms.count)
        var units: [Unit] = []
        units.reserveCapacity(2 * resolved.terms.count)
        var long: [(unit: Int, key: TermPeaks.Key, weight: Double)] = []
        long.reserveCapacity(2 * resolved.terms.count)
        for (k, term) in resolved.terms.enumerated() {
            if term.origin == .expansion {
                expansions.append(k)
                continue
            }
            let mask = resolved.coverageMask(k), hit = ResolvedTerms.hitBit(k)
            func add(heading: Bool, _ id: Int32?, _ fieldWeight: Double) {
                guard fieldWeight > 0, let id else { return }
                let range = heading ? index.heading.postingRange(id) : index.body.postingRange(id)
                let idf = scorer.idf(documentFrequency: range.count, passageCount: index.passageCount)
                let w = scorer.termWeight(idf: idf) * term.weight * fieldWeight
                let bound = scorer.upperBound(weight: w) ?? .infinity
                if bound.isFinite && range.count >= TermPeaks.minimumPostings {
                    long.append((units.count, TermPeaks.Key(field: heading ? 1 : 0, id: id), w))
                }
                units.append(Unit(heading: heading, postings: range, weight: w, mask: mask, hit: hit, order: k,
                                  upperBound: bound, peak: bound))
            }
            add(heading: false, term.bodyID, 1.0)
            add(heading: true, term.headingID, headingWeight)
        }
        if !long.isEmpty {
            let found = peaks.peaks(long.map(\.key)) { key in
                key.field == 1 ? TermPeaks.peak(index.heading.postingRange(key.id), index.heading, headingNorms, scorer)
                    : TermPeaks.peak(index.body.postingRange(key.id), index.body, bodyNorms, scorer)
            }
            for (i, entry) in long.enumerated() {
                // Scaled by the weight, rounded up a hair so that it stays a bound.
                units[entry.unit].peak = min(units[entry.unit].upperBound, found[i] * entry.weight * (1 + 1e-9))
            }
        }
        return (units, expansions)
    }

    /// The terms that count toward a returned passage's score, in plan order.
    private func matchedTerms(_ resolved: ResolvedTerms, _ hits: UInt64, _ passage: Int,
                              scoresExpansions: Bool) -> [String] {
        // The hits record every scored match of a returned passage (own terms were
        // checked for all candidates, expansions for those left), bit k for term k.
        var matched: [String] = []
        matched.reserveCapacity(hits.nonzeroBitCount)
        var rest = hits
        while rest != 0 {
            matched.append(resolved.terms[rest.trailingZeroBitCount].text)
            rest &= rest &- 1
        }
        // A term past the 64th has no bit: it is looked up in the fields it is scored in.
        for k in resolved.terms.indices.dropFirst(64) {
            let term = resolved.terms[k]
            let scoredInBody = term.origin != .expansion || scoresExpansions
            let scoredInHeading = term.origin != .expansion && headingWeight > 0
            if (scoredInBody && term.bodyID.flatMap { index.body.posting($0, passage) } != nil)
                || (scoredInHeading && term.headingID.flatMap { index.heading.posting($0, passage) } != nil) {
                matched.append(term.text)
            }
        }
        return matched
    }
}
