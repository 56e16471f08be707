/// One query's scoring loops over raw columns and scratch memory: walking the posting
/// lists that decide whole (term at a time), then one pass over the passages they
/// reached, in corpus order, that finishes each passage that could still make the top k
/// (document at a time): the other own terms' lists and the intent expansions' lists
/// are read at that passage only, each through a cursor that only moves forward.
/// `Ranker.rank` decides what runs when; everything here is a plain loop.
struct QueryScoring<S: Scorer> {
    let scorer: S
    let body: FieldColumns
    let heading: FieldColumns
    let scratch: RankScratch
    let bounds: RankBounds
    let limit: Int
    /// Directories of the long lists that cursors read.
    let dense: DenseLists
    /// The terms whose body postings have been applied to every passage seen.
    private(set) var bodyScored: UInt64 = 0

    init(scorer: S, body: FieldColumns, heading: FieldColumns, scratch: RankScratch, bounds: RankBounds, limit: Int,
         dense: DenseLists) {
        self.scorer = scorer
        self.body = body
        self.heading = heading
        self.scratch = scratch
        self.bounds = bounds
        self.limit = limit
        self.dense = dense
    }

    /// Adds one own term's scores in one field to every passage in its list, and credits
    /// its idf mass to each one's coverage (body and heading alike).
    mutating func accumulate(_ unit: Ranker.Unit) {
        walk(unit, seenOnly: false)
    }

    /// `accumulate` for the passages seen only: the list adds no passage.
    ///
    /// For a list that MaxScore has ruled out for passages not seen yet, but that is not
    /// much longer than the passages seen: walking it costs a bit test a posting, where
    /// `finish` would search it for nearly every passage seen. The scores are added in
    /// the same order as `finish` would add them, so they are the same to the last bit.
    mutating func accumulateSeen(_ unit: Ranker.Unit) {
        walk(unit, seenOnly: true)
    }

    /// Both walks, one loop: `seenOnly` is a constant at each call, so each gets a loop of
    /// its own.
    @inline(__always)
    private mutating func walk(_ unit: Ranker.Unit, seenOnly: Bool) {
        let field = unit.heading ? heading : body
        let passages = field.passages, frequencies = field.frequencies, norms = field.norms
        let slots = scratch.slots, touched = scratch.touched
        let weight = unit.weight, hit = unit.hit
        var count = scratch.touchedCount
        var best = scratch.best
        for p in unit.postings {
            let i = Int(passages[p])
            if seenOnly {
                guard touched.contains(i) else { continue }
            } else if touched.insert(i) {
                count &+= 1
            }
            let score = slots[i].score + scorer.score(frequency: Double(frequencies[p]), weight: weight, norm: norms[i])
            slots[i].score = score
            slots[i].hits |= hit
            best = max(best, score)
        }
        if hit == 0 && unit.mask != 0 {
            // A term past the 64th: what it covers cannot be read from the hit bits.
            let extra = scratch.extraBitsForQuery()
            for p in unit.postings where !seenOnly || touched.contains(Int(passages[p])) {
                extra[Int(passages[p])] |= unit.mask
            }
        }
        scratch.touchedCount = count
        scratch.best = best
        if !unit.heading { bodyScored |= hit }
    }

    /// The k-th best own-word score among the passages seen (0 when there are fewer than k);
    /// when a coverage is asked for, among those that reach it already. Also the k
    /// passages that hold the best, in corpus order (`kthBestBase` finishes them).
    func kthBestTouched() -> (Double, leaders: UnsafeMutableBufferPointer<Int32>) {
        let slots = scratch.slots
        // The scores in the shared heap (`kthBestBase` reuses it once the ids are out).
        var best = KthLargest(limit, in: scratch.heap, passages: scratch.leaders)
        var bar = -Double.infinity
        // Two loops, not one with the test inside: that took 8 % more instructions in this
        // pass (callgrind, the answer path), and without a floor it reads only the scores.
        if bounds.least > 0 {
            let bounds = bounds, extraBits = scratch.extraBits
            scratch.touched.forEach { passage in
                let slot = slots[Int(passage)]
                if slot.score > bar && bounds.mayQualify(bounds.bits(slot.hits, extra: extraBits?[Int(passage)] ?? 0)) {
                    best.insert(slot.score, passage: passage)
                    bar = best.value
                }
            }
        } else {
            scratch.touched.forEach { passage in
                let score = slots[Int(passage)].score
                if score > bar {
                    best.insert(score, passage: passage)
                    bar = best.value
                }
            }
        }
        return (max(0, best.value), best.sortedPassages())
    }

    /// The k-th best base score (own words and capped expansions, as `finish` works it
    /// out) of `leaders`, read through cursors of its own over the lists not walked and
    /// the expansions' (−∞ when fewer than k reach the coverage asked for).
    ///
    /// Why: the k-th best own score, MaxScore's threshold, leaves out what the lists not
    /// walked and the expansions add (up to half the own score): when the question's rare
    /// word is in fewer than k passages, the common lists were walked whole for want of
    /// it. Any k passages' base scores bound the k-th
    /// best final score from below; those with the best own scores bound it closely, and
    /// with it the lists walked whole and the passages finished.
    func kthBestBase(_ leaders: UnsafeMutableBufferPointer<Int32>, owns: [Cursor], expansions: [Cursor]) -> Double {
        guard leaders.count == limit else { return -.infinity }
        let slots = scratch.slots, bounds = bounds, scorer = scorer, extraBits = scratch.extraBits
        var kth = KthLargest(limit, in: scratch.heap)
        withUnsafeTemporaryAllocation(of: Cursor.self, capacity: owns.count + expansions.count) { lists in
            _ = lists.initialize(fromContentsOf: owns + expansions)
            let owns = UnsafeMutableBufferPointer(rebasing: lists[..<owns.count])
            let expansions = UnsafeMutableBufferPointer(rebasing: lists[owns.count...])
            for passage in leaders {
                var score = slots[Int(passage)].score
                var bits = bounds.bits(slots[Int(passage)].hits, extra: extraBits?[Int(passage)] ?? 0)
                for i in owns.indices {
                    if let value = owns[i].score(passage, scorer) {
                        score += value
                        bits |= owns[i].mask
                    }
                }
                let coverage = bounds.coverage(bits)
                guard coverage >= bounds.least else { continue }
                let base = baseScore(passage, own: score, coverage: coverage, expansions).base
                if base > 0 { kth.insert(base) }
            }
        }
        return kth.value
    }

    /// A passage's base score: its own score plus what the intent expansions add, capped
    /// at `cap` × own score and scaled by its coverage; with the expansions it holds (hit
    /// bits) and those left unread. They are read in plan order until their sum reaches
    /// the cap: the rest cannot change the score, and which of them the passage holds is
    /// read later, if it is returned. `finish` and `kthBestBase` both score through here,
    /// so a leader's base score is the one `finish` would give it.
    @inline(__always)
    func baseScore(_ passage: Int32, own: Double, coverage: Double,
                   _ expansions: UnsafeMutableBufferPointer<Cursor>) -> (base: Double, hits: UInt64, unread: UInt64) {
        let cap = bounds.cap
        guard cap > 0 else { return (own, 0, 0) }
        var expansion = 0.0, hits: UInt64 = 0, unread: UInt64 = 0
        let most = cap * own
        for i in expansions.indices {
            if expansion >= most {
                unread |= expansions[i].hit
                continue
            }
            if let value = expansions[i].score(passage, scorer) {
                expansion += value
                hits |= expansions[i].hit
            }
        }
        return (own + coverage * min(expansion, cap * own), hits, unread)
    }

    /// A posting list read at the passages being finished, through a cursor.
    struct Cursor {
        var at: Int
        let end: Int
        let passages: UnsafePointer<Int32>
        let frequencies: FrequencyBuffer
        let norms: UnsafePointer<Double>
        let weight: Double
        /// The own terms a match covers (0 for an expansion).
        let mask: UInt64
        let hit: UInt64
        /// Whether a miss here says the word is missing from the passage's text.
        let body: Bool
        /// The most this list and those after it can add to an own score, and the own
        /// terms they cover.
        let left: Double
        let rest: UInt64
        /// A long list's directory: then a passage is looked up, not searched for.
        let dense: DenseList.View?

        /// The passage's score in this list, if it holds the passage (the cursor moves to
        /// it; passages are asked for in ascending order).
        @inline(__always)
        mutating func score<T: Scorer>(_ passage: Int32, _ scorer: T) -> Double? {
            if let dense {
                guard let p = dense.posting(Int(passage)) else { return nil }
                return scorer.score(frequency: Double(frequencies[p]), weight: weight, norm: norms[Int(passage)])
            }
            at = PostingSearch.seek(passages, from: at, to: end, passage)
            guard at < end, passages[at] == passage else { return nil }
            return scorer.score(frequency: Double(frequencies[at]), weight: weight, norm: norms[Int(passage)])
        }
    }

    /// A cursor over one own term's list in its field.
    func cursor(_ unit: Ranker.Unit, left: Double, rest: UInt64) -> Cursor {
        let field = unit.heading ? heading : body
        return Cursor(at: unit.postings.lowerBound, end: unit.postings.upperBound, passages: field.passages,
                      frequencies: field.frequencies, norms: field.norms, weight: unit.weight, mask: unit.mask,
                      hit: unit.hit, body: !unit.heading, left: left, rest: rest,
                      dense: unit.heading ? directory(heading: unit.postings) : directory(body: unit.postings))
    }

    /// The directory of a list in the body or in the heading field, if it is long enough for one.
    func directory(body postings: Range<Int>) -> DenseList.View? { dense.view(field: 0, body.passages, postings) }
    func directory(heading postings: Range<Int>) -> DenseList.View? { dense.view(field: 1, heading.passages, postings) }

    /// A cursor over an expansion term's body list, scored at `weight`.
    func expansionCursor(_ postings: Range<Int>, weight: Double, hit: UInt64) -> Cursor {
        Cursor(at: postings.lowerBound, end: postings.upperBound, passages: body.passages,
               frequencies: body.frequencies, norms: body.norms, weight: weight, mask: 0, hit: hit, body: true, left: 0,
               rest: 0, dense: directory(body: postings))
    }

    /// A passage that could make the top k: its base score (own words plus capped
    /// expansions), that plus the bonus it could still earn, and what it matched.
    struct Contender {
        var bound: Double
        var base: Double
        var passage: Int32
        var bits: UInt64
        var hits: UInt64
        /// Expansions (hit bits) not looked up because the cap was reached without them.
        var unread: UInt64
    }

    /// Finishes, in corpus order, every passage seen that could still make the top k, and
    /// returns those that could, best bound first: what remains is reading the bonus of
    /// the first few.
    ///
    /// A passage is dropped as soon as its bound falls below the bar: the k-th best score
    /// known to be reached, `floor` (the k-th best own score seen) or, once k passages are
    /// finished, the k-th best of their base scores, whichever is higher. Both are at
    /// most the k-th best final score, so nothing dropped could have made the top k.
    /// - Parameters:
    ///   - owns: cursors over the own terms' lists not walked, most valuable first.
    ///   - expansions: cursors over the intent expansions' lists, in plan order.
    func finish(floor: Double, owns: inout [Cursor], expansions: inout [Cursor]) -> [Contender] {
        let slots = scratch.slots, bounds = bounds, scorer = scorer, extraBits = scratch.extraBits
        let cap = bounds.cap, factor = 1 + cap
        let seenScored = bodyScored
        // Terms past the 64th add bits of each passage's own: then nothing is remembered.
        let memoize = extraBits == nil
        let left = owns.first?.left ?? 0, rest = owns.first?.rest ?? 0
        var kth = KthLargest(limit, in: scratch.heap)
        var bar = floor
        var contenders: [Contender] = []
        contenders.reserveCapacity(Swift.min(scratch.touchedCount, 2 * limit))
        owns.withUnsafeMutableBufferPointer { owns in
            expansions.withUnsafeMutableBufferPointer { expansions in
            withUnsafeTemporaryAllocation(of: HitsMemo.self, capacity: HitsMemo.count) { memo in
                memo.initialize(repeating: HitsMemo())
                scratch.touched.forEach { passage in
                    var slot = slots[Int(passage)]
                    // Out at once if even full coverage and every pair could not bring it to the bar.
                    guard bounds.mayReach((slot.score + left) * factor, bar) else { return }
                    // The own terms it covers, known and possible with the lists left; the
                    // pairs it may still hold (worked out again only when a pair word is read).
                    // Until its lists are read these follow from its hits alone, which many
                    // passages share: they are remembered by hits.
                    var bits: UInt64, bonus: Double, most: Double
                    let m = HitsMemo.slot(slot.hits)
                    if memoize && memo[m].known && memo[m].hits == slot.hits {
                        (bits, bonus, most) = (memo[m].bits, memo[m].bonus, memo[m].factor)
                    } else {
                        bits = bounds.bits(slot.hits, extra: extraBits?[Int(passage)] ?? 0)
                        bonus = bounds.bonus(slot.hits, seenScored)
                        most = bounds.expansionFactor(bits | rest)
                        if memoize {
                            memo[m] = HitsMemo(known: true, hits: slot.hits, bits: bits, bonus: bonus, factor: most)
                        }
                    }
                    guard bounds.reaches((slot.score + left) * most, bonus: bonus, bar), bounds.mayQualify(bits | rest)
                    else { return }
                    var scored = seenScored
                    for i in owns.indices {
                        if i > 0 && (!bounds.reaches((slot.score + owns[i].left) * bounds.expansionFactor(bits | owns[i].rest),
                                                     bonus: bonus, bar) || !bounds.mayQualify(bits | owns[i].rest)) { return }
                        if let value = owns[i].score(passage, scorer) {
                            slot.score += value
                            slot.hits |= owns[i].hit
                            bits |= owns[i].mask
                        } else if owns[i].body && owns[i].hit & bounds.pairBits != 0 {
                            bonus = bounds.bonus(slot.hits, scored | owns[i].hit)
                        }
                        if owns[i].body { scored |= owns[i].hit }
                    }
                    let coverage = bounds.coverage(bits)
                    guard coverage >= bounds.least else { return }
                    // Expansions add at most cap × own score × coverage.
                    guard cap == 0 || bounds.reaches(slot.score * (1 + cap * coverage), bonus: bonus, bar)
                    else { return }
                    let (base, hits, unread) = baseScore(passage, own: slot.score, coverage: coverage, expansions)
                    slot.hits |= hits
                    guard base > 0 else { return }
                    kth.insert(base)
                    bar = max(bar, kth.value)
                    let bound = base + bonus
                    if bound >= bar {
                        contenders.append(Contender(bound: bound, base: base, passage: passage, bits: bits,
                                                    hits: slot.hits, unread: unread))
                    }
                }
            }
            }
        }
        // Those kept before the bar rose may have fallen below it since.
        contenders.removeAll { $0.bound < bar }
        contenders.sort { $0.bound > $1.bound || ($0.bound == $1.bound && $0.passage < $1.passage) }
        return contenders
    }
}

/// What `finish` works out from a passage's hits alone, remembered for the last hits
/// seen in each of a few slots.
struct HitsMemo {
    var known = false
    var hits: UInt64 = 0
    /// The own terms covered.
    var bits: UInt64 = 0
    /// The pairs' bonus it may still earn.
    var bonus = 0.0
    /// The most expansions can multiply its own score by, with the lists left.
    var factor = 0.0

    static let count = 64

    /// The slot for these hits (a multiplicative hash's top six bits).
    @inline(__always)
    static func slot(_ hits: UInt64) -> Int { Int(truncatingIfNeeded: (hits &* 0x9E37_79B9_7F4A_7C15) >> 58) }
}

