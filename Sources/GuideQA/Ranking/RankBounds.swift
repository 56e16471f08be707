/// What a passage could still gain, for one query: every test of "can this passage
/// still make the top k" goes through `reaches`.
///
/// A passage's final score is its own-word score, plus its intent expansions' score
/// (at most `cap` times the own score, scaled by its coverage), plus the proximity
/// bonus of the question's word pairs found together in its text. Pruning compares an
/// upper bound of that against the k-th best score known; the bonus part of the bound
/// counts every pair whose words the passage may still contain.
struct RankBounds {
    /// How much expansions may add, as a multiple of the own score (0: no expansions).
    let cap: Double
    /// 1 / the question's idf mass (0 when it has none).
    let perMass: Double
    /// Idf mass of each own term, by own bit.
    let masses: UnsafePointer<Double>
    /// The summed mass of every set of own terms (by their bits), when there are at most
    /// `RankScratch.coverageTableBits` of them: a passage's coverage is asked for at
    /// every bound, and a look-up costs less than a sum.
    let massTable: UnsafePointer<Double>?
    /// Pair words' hit bits: a miss of another term does not change the bonus.
    let pairBits: UInt64
    /// The own terms (bits) a match of term k covers, for the terms with a hit bit.
    let hitMasks: UnsafePointer<UInt64>
    let hitMaskCount: Int
    /// For each pair whose two words the body field knows, in question order: the hit
    /// bits of its words, and its bonus.
    let pairMasks: UnsafePointer<UInt64>
    let pairBonuses: UnsafePointer<Double>
    let pairCount: Int
    /// The bonus of every pair: what a passage about which nothing is known could earn.
    let mostBonus: Double
    /// The coverage a passage must reach to be ranked at all (0: any passage).
    let least: Double

    /// Fills the scratch memory's pair and mass columns for a query.
    init(cap: Double, resolved: ResolvedTerms, pairs: [Ranker.ProximityPair], least: Double = 0,
         scratch: RankScratch) {
        self.cap = cap
        self.least = least
        perMass = resolved.totalMass > 0 ? 1 / resolved.totalMass : 0
        for (i, mass) in resolved.masses.enumerated() { scratch.masses[i] = mass }
        masses = UnsafePointer(scratch.masses)
        let owns = resolved.masses.count
        if owns <= RankScratch.coverageTableBits {
            // Each set's sum adds its highest term last: the order `coverage` sums in.
            let table = scratch.massTable
            table[0] = 0
            for set in 1..<(1 << owns) {
                let highest = Int.bitWidth - 1 - set.leadingZeroBitCount
                table[set] = table[set ^ (1 << highest)] + resolved.masses[highest]
            }
            massTable = UnsafePointer(table)
        } else {
            massTable = nil
        }
        hitMaskCount = min(64, resolved.terms.count)
        for k in 0..<hitMaskCount { scratch.hitMasks[k] = resolved.coverageMask(k) }
        hitMasks = UnsafePointer(scratch.hitMasks)
        var count = 0
        for pair in pairs where pair.first != nil && pair.second != nil && count < RankScratch.pairCapacity {
            scratch.pairMasks[count] = pair.firstHit | pair.secondHit
            scratch.pairBonuses[count] = pair.bonus
            count += 1
        }
        pairMasks = UnsafePointer(scratch.pairMasks)
        pairBonuses = UnsafePointer(scratch.pairBonuses)
        pairCount = count
        var most = 0.0, bits: UInt64 = 0
        for i in 0..<count {
            most += scratch.pairBonuses[i]
            bits |= scratch.pairMasks[i]
        }
        mostBonus = most
        pairBits = bits
    }

    /// The most the pairs can add to a passage that matched the terms `hits` (bits of
    /// resolved terms), when the terms `scored` have been looked up in its text: a pair is
    /// out once either word is known to be missing from the text.
    @inline(__always)
    func bonus(_ hits: UInt64, _ scored: UInt64) -> Double {
        let absent = scored & ~hits
        var most = 0.0
        for i in 0..<pairCount where absent & pairMasks[i] == 0 { most += pairBonuses[i] }
        return most
    }

    /// Whether a bound computed as `score` plus the bonus a passage could still earn
    /// reaches `bar`; the per-passage bonus is looked at only when the answer turns on it.
    ///
    /// A bound is computed in another order than the score it bounds (a product where
    /// the score has a sum), so its last bit may round below the score's: the bound is
    /// raised by a relative `tolerance` first, or a passage tied with the k-th could be
    /// dropped.
    @inline(__always)
    func reaches(_ score: Double, _ hits: UInt64, _ scored: UInt64, _ bar: Double) -> Bool {
        let score = score + score.magnitude * Self.tolerance
        if score >= bar { return true }
        if score + mostBonus < bar { return false }
        return score + bonus(hits, scored) >= bar
    }

    /// Whether a bound `score`, plus a bonus already worked out, reaches `bar`.
    @inline(__always)
    func reaches(_ score: Double, bonus: Double, _ bar: Double) -> Bool {
        score + score.magnitude * Self.tolerance + bonus >= bar
    }

    /// Whether a bound `score` could reach `bar` with every pair's bonus.
    @inline(__always)
    func mayReach(_ score: Double, _ bar: Double) -> Bool {
        score + score.magnitude * Self.tolerance + mostBonus >= bar
    }

    static let tolerance = 1e-12

    /// How much expansions can multiply an own score by, at most, for a passage whose
    /// covered own terms are among `bits`: 1 + cap × coverage. A passage that matches
    /// only a generic word ("symptoms") covers little of the question, so its
    /// expansions can add little.
    @inline(__always)
    func expansionFactor(_ bits: UInt64) -> Double {
        cap > 0 ? 1 + cap * coverage(bits) : 1
    }

    /// The own terms a passage covers, from the terms it matched (`extra`: those covered
    /// through terms without a hit bit).
    @inline(__always)
    func bits(_ hits: UInt64, extra: UInt64) -> UInt64 {
        var bits = extra
        var rest = hits
        while rest != 0 {
            bits |= hitMasks[rest.trailingZeroBitCount]
            rest &= rest &- 1
        }
        return bits
    }

    /// Whether a passage that covers at most the own terms `bits` can reach the coverage
    /// asked for. Coverage never falls when terms are added (sums of masses that are not
    /// negative, in one order), so the test on a superset bounds every subset.
    @inline(__always)
    func mayQualify(_ bits: UInt64) -> Bool {
        least <= 0 || coverage(bits) >= least
    }

    /// The passage's share of the question's idf mass.
    @inline(__always)
    func coverage(_ bits: UInt64) -> Double {
        if let massTable { return massTable[Int(truncatingIfNeeded: bits)] * perMass }
        var sum = 0.0
        var rest = bits
        while rest != 0 {
            sum += masses[rest.trailingZeroBitCount]
            rest &= rest &- 1
        }
        return sum * perMass
    }
}
