/// Scores passages for a `QueryPlan`: term-at-a-time over flat postings into a dense
/// accumulator, then a bounded heap for the top k.
///
/// A passage's score sums, over the plan's terms, the term's weight times the scorer's
/// score in the body field plus `headingWeight` times its score in the heading field.
/// Per-passage length norms are computed once, when the ranker is made.
///
/// A class, though immutable: a query's loops and closures hold the ranker, and
/// holding a struct of a dozen arrays meant retaining every one of them each time.
public final class Ranker: Sendable {
    public let index: InvertedIndex
    public let scorer: any Scorer
    /// How much a match in a passage's heading counts against one in its body.
    public let headingWeight: Double
    /// Expansion terms add at most this multiple of a passage's own-word score.
    public let expansionCap: Double
    /// Bonus per question word pair found together in a passage, times the pair's idf.
    public let proximityWeight: Double
    let bodyNorms: [Double]
    let headingNorms: [Double]
    private let scratch: RankScratchPool
    let peaks = TermPeaks()
    let denseLists: DenseLists

    public init(index: InvertedIndex, scorer: any Scorer, headingWeight: Double = 1.0, expansionCap: Double = 1.0,
                proximityWeight: Double = 0) {
        self.index = index
        self.scorer = scorer
        self.headingWeight = headingWeight
        self.expansionCap = expansionCap
        self.proximityWeight = proximityWeight
        bodyNorms = Self.norms(index.body, scorer)
        headingNorms = Self.norms(index.heading, scorer)
        scratch = RankScratchPool(size: index.passageCount)
        denseLists = DenseLists(passageCount: index.passageCount)
    }

    private static func norms(_ field: FieldIndex, _ scorer: any Scorer) -> [Double] {
        let average = field.averageLength
        return field.lengths.map { scorer.lengthNorm(length: Int($0), averageLength: average) }
    }

    /// The best `limit` passages, best first; passages matching no term never appear.
    ///
    /// Intent expansion terms ("outlook" → "prognosis") refine rather than decide: their
    /// score is scaled by the passage's coverage of the question's own terms, and capped
    /// at `expansionCap` times the passage's own-word score, so a passage that only
    /// matches "therapy" cannot outrank one about the disease asked of.
    ///
    /// That cap also bounds the final score by `own × (1 + cap × coverage)`, which lets the
    /// ranker skip expansion terms' long posting lists: it scores them only for the few
    /// passages whose bound can still reach the top k (found by galloping search), the
    /// idea of MaxScore (Turtle and Flood, 1995) applied to the expansion part.
    ///
    /// - Parameter minimumCoverage: only passages covering at least this share of the
    ///   question (`coverage`) are ranked: the best `limit` of those, which are the first
    ///   of the full ranking with the others taken out. The no-answer floor shows no
    ///   passage below it, so the answer asks for it here: a passage is dropped as soon
    ///   as it cannot reach it, and once the lists not yet read cannot bring a new
    ///   passage to it (a rare name read, common words left), none of them is read whole.
    public func rank(_ plan: QueryPlan, limit: Int, minimumCoverage: Double = 0) -> [RankedPassage] {
        guard limit > 0, !plan.isEmpty, index.passageCount > 0 else { return [] }
        let least = minimumCoverage.isNaN ? 0 : minimumCoverage
        return scratch.with { scratch in
            // Dispatch on the concrete scorer so the inner loops are specialized and inlined.
            if let bm25 = scorer as? BM25Scorer {
                return rank(plan, limit: limit, least: least, scorer: bm25, scratch: scratch)
            }
            if let tfidf = scorer as? TFIDFScorer {
                return rank(plan, limit: limit, least: least, scorer: tfidf, scratch: scratch)
            }
            return rank(plan, limit: limit, least: least, scorer: scorer, scratch: scratch)
        }
    }

    /// Share of the question's idf mass (its own words, and the topic carried into it,
    /// each times its weight) that the passage matches, directly or through a synonym.
    /// Intent expansions do not count: they describe answers, not the question.
    ///
    /// The idf behind that mass is BM25's whatever the scorer: it is bounded for unseen
    /// terms and never negative.
    public func coverage(_ plan: QueryPlan, _ passage: Int) -> Double {
        let resolved = ResolvedTerms(plan, index)
        guard resolved.totalMass > 0 else { return 0 }
        var bits: UInt64 = 0
        for k in resolved.terms.indices where resolved.terms[k].origin != .expansion && matches(resolved.terms[k], passage) {
            bits |= resolved.coverageMask(k)
        }
        return resolved.mass(bits) / resolved.totalMass
    }

    /// Whether the term occurs in the passage's text or heading.
    func matches(_ term: ResolvedTerms.Term, _ passage: Int) -> Bool {
        term.bodyID.flatMap { index.body.posting($0, passage) } != nil
            || term.headingID.flatMap { index.heading.posting($0, passage) } != nil
    }

    /// Every term's contribution to one passage's score, with the numbers behind it.
    public func explain(_ plan: QueryPlan, passage: Int) -> Explanation {
        var own: [Explanation] = []
        var expansions: [Explanation] = []
        let coverage = self.coverage(plan, passage)
        for resolved in ResolvedTerms(plan, index).terms {
            let (term, weight, origin) = (resolved.text, resolved.weight, resolved.origin)
            var fields: [Explanation] = []
            for (name, field, norms, fieldWeight) in [("body", index.body, bodyNorms, 1.0),
                                                      ("heading", index.heading, headingNorms, headingWeight)] {
                let tf = field.frequency(of: term, in: passage)
                guard tf > 0, fieldWeight > 0, origin != .expansion || name == "body" else { continue }
                let df = field.documentFrequency(term)
                let idf = scorer.idf(documentFrequency: df, passageCount: field.passageCount)
                let termWeight = scorer.termWeight(idf: idf)
                let value = scorer.score(frequency: Double(tf), weight: termWeight * weight * fieldWeight,
                                         norm: norms[passage])
                fields.append(Explanation(value, "\(name): \(scorer.formula)", [
                    Explanation(Double(tf), "tf, occurrences in the \(name)"),
                    Explanation(idf, "idf = \(scorer.idfFormula), df=\(df), N=\(field.passageCount)"),
                    Explanation(Double(field.lengths[passage]), "length, tokens in the \(name)"),
                    Explanation(norms[passage], "length norm"),
                    Explanation(weight * fieldWeight, "query weight (\(origin.rawValue))"
                        + (fieldWeight != 1 ? " × heading weight \(fieldWeight)" : "")),
                ]))
            }
            guard !fields.isEmpty else { continue }
            let node = Explanation(fields.reduce(0) { $0 + $1.value }, "term '\(term)' (\(origin.rawValue))", fields)
            if origin == .expansion { expansions.append(node) } else { own.append(node) }
        }
        let ownScore = own.reduce(0) { $0 + $1.value }
        var parts = own
        if !expansions.isEmpty {
            let raw = expansions.reduce(0) { $0 + $1.value }
            let added = coverage * min(raw, expansionCap * ownScore)
            parts.append(Explanation(added, "expansions: coverage \(Self.short(coverage)) × min(sum \(Self.short(raw)), "
                                     + "cap \(expansionCap) × own-word score \(Self.short(ownScore)))", expansions))
        }
        if proximityWeight > 0 {
            let bonus = proximityBonus(openedPairs(plan), passage, hits: nil)
            if bonus > 0 {
                parts.append(Explanation(bonus, "proximity: question words standing together, \(proximityWeight) × mean idf per pair"))
            }
        }
        let total = parts.reduce(0) { $0 + $1.value }
        return Explanation(total, "score, \(scorer.description): sum over matched terms", parts)
    }

    private func openedPairs(_ plan: QueryPlan) -> [ProximityPair] {
        if let bm25 = scorer as? BM25Scorer { return adjacentPairs(plan, bm25) }
        if let tfidf = scorer as? TFIDFScorer { return adjacentPairs(plan, tfidf) }
        return adjacentPairs(plan, scorer)
    }

    private static func short(_ value: Double) -> String { String((value * 10_000).rounded() / 10_000) }
}
