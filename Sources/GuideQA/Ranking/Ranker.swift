/// Scores passages for a `QueryPlan`: term-at-a-time over flat postings into a dense
/// accumulator, then a bounded heap for the top k.
///
/// A passage's score sums, over the plan's terms, the term's weight times the scorer's
/// score in the body field plus `headingWeight` times its score in the heading field.
/// Per-passage length norms are computed once, when the ranker is made.
public struct Ranker: Sendable {
    public let index: InvertedIndex
    public let scorer: any Scorer
    /// How much a match in a passage's heading counts against one in its body.
    public let headingWeight: Double
    /// Expansion terms add at most this multiple of a passage's own-word score.
    public let expansionCap: Double
    /// Bonus per question word pair found together in a passage, times the pair's idf.
    public let proximityWeight: Double
    private let bodyNorms: [Double]
    private let headingNorms: [Double]
    private let scratch: RankScratchPool

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
    public func rank(_ plan: QueryPlan, limit: Int) -> [RankedPassage] {
        guard limit > 0, !plan.isEmpty, index.passageCount > 0 else { return [] }
        return scratch.with { buffers in
            // Dispatch on the concrete scorer so the inner loops are specialized and inlined.
            if let bm25 = scorer as? BM25Scorer { return rank(plan, limit: limit, scorer: bm25, buffers: &buffers) }
            if let tfidf = scorer as? TFIDFScorer { return rank(plan, limit: limit, scorer: tfidf, buffers: &buffers) }
            return rank(plan, limit: limit, scorer: scorer, buffers: &buffers)
        }
    }

    /// One own term in one field: what walking its postings adds, at most.
    private struct Unit {
        var term: String
        var field: FieldIndex
        var norms: [Double]
        var postings: Range<Int>
        var weight: Double
        /// The own terms (bits) a match covers: its own bit, or those a synonym stands for.
        var mask: UInt64
        var order: Int
        var upperBound: Double
    }

    private func rank<S: Scorer>(_ plan: QueryPlan, limit: Int, scorer: S, buffers: inout RankBuffers) -> [RankedPassage] {
        let weights = mergedWeights(plan)
        let (masses, bitOf) = ownTermMasses(weights, plan)
        let totalMass = masses.reduce(0, +)
        var expansions: [(String, Double)] = []
        var units: [Unit] = []
        for (number, (term, weight, origin, covers)) in weights.enumerated() {
            if origin == .expansion {
                expansions.append((term, weight))
                continue
            }
            let mask = origin == .synonym ? covers.reduce(UInt64(0)) { $0 | (bitOf[$1] ?? 0) } : (bitOf[term] ?? 0)
            for (field, norms, fieldWeight) in [(index.body, bodyNorms, 1.0), (index.heading, headingNorms, headingWeight)]
            where fieldWeight > 0 {
                guard let id = field.termID(term) else { continue }
                let range = field.postingRange(id)
                let idf = scorer.idf(documentFrequency: range.count, passageCount: field.passageCount)
                let w = scorer.termWeight(idf: idf) * weight * fieldWeight
                units.append(Unit(term: term, field: field, norms: norms, postings: range, weight: w,
                                  mask: mask, order: number, upperBound: scorer.upperBound(weight: w) ?? .infinity))
            }
        }
        let cap = expansions.isEmpty ? 0 : expansionCap
        let perMass = totalMass > 0 ? 1 / totalMass : 0
        func coverage(_ p: Int, _ bits: [UInt64]) -> Double { Self.mass(bits[p], masses) * perMass }

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
            for unit in units[next...] { scoreCandidates(unit, candidates, scorer, &buffers) }
        }
        if cap > 0 {
            // Expansions can add at most cap × own score: skip those that cannot reach the top k.
            var own = TopK(limit)
            for p in candidates { own.insert(score: buffers.scores[Int(p)], passage: p) }
            let floor = own.threshold
            if floor > 0 {
                candidates = candidates.filter { p in
                    buffers.scores[Int(p)] * (1 + cap * coverage(Int(p), buffers.bits)) >= floor
                }
            }
            for (term, weight) in expansions {
                // Body only: a heading word such as "Management" in a document title would
                // otherwise lend every passage of that document the intent's weight.
                scoreExpansion(term, weight, candidates, scorer, &buffers)
            }
        }
        let pairs = proximityWeight > 0 ? adjacentPairs(plan, scorer) : []
        var top = TopK(pairs.isEmpty ? limit : max(limit, Self.proximityDepth))
        for p in candidates {
            let i = Int(p)
            let score = buffers.scores[i] + coverage(i, buffers.bits) * min(buffers.expansion[i], cap * buffers.scores[i])
            if score > 0 { top.insert(score: score, passage: p) }
        }
        var entries = top.sorted()
        if !pairs.isEmpty {
            // Re-rank the head: words that stand together in the question and in the passage.
            for k in entries.indices { entries[k].score += proximityBonus(pairs, Int(entries[k].passage)) }
            entries.sort { $1.ranksBelow($0) }
            entries = Array(entries.prefix(limit))
        }
        let ids = weights.map { (term: $0.0, body: index.body.termID($0.0), heading: index.heading.termID($0.0)) }
        return entries.map { entry in
            let passage = Int(entry.passage)
            let matched = ids.filter { term in
                term.body.flatMap { index.body.posting($0, passage) } != nil
                    || term.heading.flatMap { index.heading.posting($0, passage) } != nil
            }.map(\.term)
            return RankedPassage(passage: passage, score: entry.score, coverage: coverage(passage, buffers.bits),
                                 matchedTerms: matched)
        }
    }

    /// How many of the best passages the proximity bonus re-ranks.
    static let proximityDepth = 50

    /// Consecutive words of the question (a stopword between them allowed), with the
    /// bonus their standing together in a passage earns: `proximityWeight` × mean idf weight.
    private func adjacentPairs<S: Scorer>(_ plan: QueryPlan, _ scorer: S) -> [(String, String, Double)] {
        let own = plan.terms.filter { $0.origin == .question && $0.position != nil }
            .sorted { ($0.position ?? 0) < ($1.position ?? 0) }
        var pairs: [(String, String, Double)] = []
        for (a, b) in zip(own, own.dropFirst()) {
            guard let pa = a.position, let pb = b.position, pb > pa, pb - pa <= 2, a.text != b.text else { continue }
            let n = index.passageCount
            let idf = (scorer.idf(documentFrequency: index.body.documentFrequency(a.text), passageCount: n)
                + scorer.idf(documentFrequency: index.body.documentFrequency(b.text), passageCount: n)) / 2
            pairs.append((a.text, b.text, proximityWeight * max(0, idf)))
        }
        return pairs
    }

    /// The bonus for each question word pair found in order, at most one word apart, in the body.
    private func proximityBonus(_ pairs: [(String, String, Double)], _ passage: Int) -> Double {
        var bonus = 0.0
        for (a, b, value) in pairs {
            let first = index.body.positions(of: a, in: passage)
            guard !first.isEmpty else { continue }
            let second = index.body.positions(of: b, in: passage)
            guard !second.isEmpty else { continue }
            var i = first.startIndex, j = second.startIndex
            while i < first.endIndex && j < second.endIndex {
                let gap = second[j] - first[i]
                if gap >= 1 && gap <= 2 { bonus += value; break }
                if gap < 1 { j += 1 } else { i += 1 }
            }
        }
        return bonus
    }

    /// The k-th best own-word score among the passages seen so far.
    private func kthBest(_ k: Int, _ buffers: RankBuffers) -> Double {
        var top = TopK(k)
        for p in buffers.touched { top.insert(score: buffers.scores[Int(p)], passage: p) }
        return max(0, top.threshold)
    }

    /// The plan's terms with the weights of repeated terms added up, in first-seen order,
    /// each with the origin (and synonym coverage) it was first seen with.
    private func mergedWeights(_ plan: QueryPlan) -> [(String, Double, QueryPlan.Origin, [String])] {
        var order: [String] = []
        var weights: [String: Double] = [:]
        var first: [String: QueryPlan.Term] = [:]
        for term in plan.terms where term.weight > 0 {
            if weights[term.text] == nil {
                order.append(term.text)
                first[term.text] = term
            }
            weights[term.text, default: 0] += term.weight
        }
        return order.map { ($0, weights[$0] ?? 0, first[$0]?.origin ?? .question, first[$0]?.covers ?? []) }
    }

    /// The idf mass of each own term (the question's words and the carried topic), by bit,
    /// and each term's bit. Terms past the 64th share no bit and count for nothing.
    private func ownTermMasses(_ weights: [(String, Double, QueryPlan.Origin, [String])],
                               _ plan: QueryPlan) -> ([Double], [String: UInt64]) {
        let kindWords = Set(plan.terms.filter(\.asksKind).map(\.text))
        var masses: [Double] = []
        var bitOf: [String: UInt64] = [:]
        for (term, weight, origin, _) in weights where origin == .question || origin == .context {
            guard masses.count < 64 else { break }
            bitOf[term] = 1 << UInt64(masses.count)
            masses.append(coverageIDF(term) * weight * (kindWords.contains(term) ? 0.5 : 1))
        }
        return (masses, bitOf)
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

    /// Adds one own term's scores in one field, and credits its idf mass to each matching
    /// passage's coverage once (body and heading alike).
    private func accumulate<S: Scorer>(_ unit: Unit, _ scorer: S, _ buffers: inout RankBuffers) {
        let generation = buffers.generation
        let weight = unit.weight, mask = unit.mask
        var touched = buffers.touched
        buffers.touched = []
        unit.field.postingPassages.withUnsafeBufferPointer { passages in
            unit.field.postingFrequencies.withUnsafeBufferPointer { frequencies in
                unit.norms.withUnsafeBufferPointer { norms in
                    buffers.scores.withUnsafeMutableBufferPointer { scores in
                        buffers.bits.withUnsafeMutableBufferPointer { bits in
                            buffers.mark.withUnsafeMutableBufferPointer { mark in
                                    for p in unit.postings {
                                        let passage = Int(passages[p])
                                        if mark[passage] != generation {
                                            mark[passage] = generation
                                            touched.append(passages[p])
                                        }
                                        bits[passage] |= mask
                                        scores[passage] += scorer.score(frequency: Double(frequencies[p]),
                                                                        weight: weight, norm: norms[passage])
                                    }
                                }
                            }
                        }
                    }
                }
            }
        buffers.touched = touched
    }

    /// Adds an own term's scores to the candidates (ascending) only: its postings are not walked.
    private func scoreCandidates<S: Scorer>(_ unit: Unit, _ candidates: [Int32], _ scorer: S,
                                            _ buffers: inout RankBuffers) {
        unit.field.postingPassages.withUnsafeBufferPointer { passages in
            var cursor = unit.postings.lowerBound
            for candidate in candidates {
                cursor = Self.gallop(passages, from: cursor, to: unit.postings.upperBound, for: candidate)
                guard cursor < unit.postings.upperBound else { return }
                guard passages[cursor] == candidate else { continue }
                let p = Int(candidate)
                buffers.bits[p] |= unit.mask
                buffers.scores[p] += scorer.score(frequency: Double(unit.field.postingFrequencies[cursor]),
                                                  weight: unit.weight, norm: unit.norms[p])
            }
        }
    }

    /// Adds an expansion term's body score to the candidates (ascending) that contain it.
    private func scoreExpansion<S: Scorer>(_ term: String, _ queryWeight: Double, _ candidates: [Int32], _ scorer: S,
                                           _ buffers: inout RankBuffers) {
        let field = index.body
        guard let id = field.termID(term), !candidates.isEmpty else { return }
        let range = field.postingRange(id)
        let idf = scorer.idf(documentFrequency: range.count, passageCount: field.passageCount)
        let weight = scorer.termWeight(idf: idf) * queryWeight
        field.postingPassages.withUnsafeBufferPointer { passages in
            var cursor = range.lowerBound
            for candidate in candidates {
                cursor = Self.gallop(passages, from: cursor, to: range.upperBound, for: candidate)
                guard cursor < range.upperBound else { return }
                if passages[cursor] == candidate {
                    let p = Int(candidate)
                    buffers.expansion[p] += scorer.score(frequency: Double(field.postingFrequencies[cursor]),
                                                         weight: weight, norm: bodyNorms[p])
                }
            }
        }
    }

    /// The first index in `from..<to` whose passage is ≥ `target` (exponential, then binary search).
    static func gallop(_ passages: UnsafeBufferPointer<Int32>, from: Int, to: Int, for target: Int32) -> Int {
        var low = from
        var step = 1
        var high = from
        while high < to && passages[high] < target {
            low = high + 1
            high = from + step
            step <<= 1
        }
        high = min(high, to)
        while low < high {
            let mid = (low + high) / 2
            if passages[mid] < target { low = mid + 1 } else { high = mid }
        }
        return low
    }

    private func matches(_ term: String, _ passage: Int) -> Bool {
        index.body.frequency(of: term, in: passage) > 0 || index.heading.frequency(of: term, in: passage) > 0
    }

    /// The idf weight used to judge how much of a question a passage covers. BM25's idf
    /// is used whatever the scorer: it is bounded for unseen terms and never negative.
    func coverageIDF(_ term: String) -> Double {
        let df = max(index.body.documentFrequency(term), index.heading.documentFrequency(term))
        return BM25Scorer.standard.idf(documentFrequency: df, passageCount: index.passageCount)
    }

    /// Share of the question's idf mass (its own words, and the topic carried into it,
    /// each times its weight) that the passage matches, directly or through a synonym.
    /// Intent expansions do not count: they describe answers, not the question.
    public func coverage(_ plan: QueryPlan, _ passage: Int) -> Double {
        let weights = mergedWeights(plan)
        let (masses, bitOf) = ownTermMasses(weights, plan)
        let total = masses.reduce(0, +)
        guard total > 0 else { return 0 }
        var bits: UInt64 = 0
        for (term, _, origin, covers) in weights where origin != .expansion && matches(term, passage) {
            bits |= origin == .synonym ? covers.reduce(UInt64(0)) { $0 | (bitOf[$1] ?? 0) } : (bitOf[term] ?? 0)
        }
        return Self.mass(bits, masses) / total
    }

    /// Every term's contribution to one passage's score, with the numbers behind it.
    public func explain(_ plan: QueryPlan, passage: Int) -> Explanation {
        var own: [Explanation] = []
        var expansions: [Explanation] = []
        let coverage = self.coverage(plan, passage)
        for (term, weight, origin, _) in mergedWeights(plan) {
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
            let pairs = plan.terms.isEmpty ? [] : openedPairs(plan)
            let bonus = proximityBonus(pairs, passage)
            if bonus > 0 {
                parts.append(Explanation(bonus, "proximity: question words standing together, \(proximityWeight) × mean idf per pair"))
            }
        }
        let total = parts.reduce(0) { $0 + $1.value }
        return Explanation(total, "score, \(scorer.description): sum over matched terms", parts)
    }

    private func openedPairs(_ plan: QueryPlan) -> [(String, String, Double)] {
        if let bm25 = scorer as? BM25Scorer { return adjacentPairs(plan, bm25) }
        if let tfidf = scorer as? TFIDFScorer { return adjacentPairs(plan, tfidf) }
        return adjacentPairs(plan, scorer)
    }

    private static func short(_ value: Double) -> String { String((value * 10_000).rounded() / 10_000) }
}
