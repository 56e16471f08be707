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
    private let bodyNorms: [Double]
    private let headingNorms: [Double]

    public init(index: InvertedIndex, scorer: any Scorer, headingWeight: Double = 1.0, expansionCap: Double = 1.0) {
        self.index = index
        self.scorer = scorer
        self.headingWeight = headingWeight
        self.expansionCap = expansionCap
        bodyNorms = Self.norms(index.body, scorer)
        headingNorms = Self.norms(index.heading, scorer)
    }

    private static func norms(_ field: FieldIndex, _ scorer: any Scorer) -> [Double] {
        let average = field.averageLength
        return field.lengths.map { scorer.lengthNorm(length: Int($0), averageLength: average) }
    }

    /// The best `limit` passages, best first; passages matching no term never appear.
    ///
    /// Expansion terms (synonyms, intent answer words) refine rather than decide: their
    /// score is scaled by the passage's coverage of the question's own terms, and capped
    /// at `expansionCap` times the passage's own-word score, so a passage that only
    /// matches "therapy" cannot outrank one about the disease asked of.
    public func rank(_ plan: QueryPlan, limit: Int) -> [RankedPassage] {
        guard limit > 0, !plan.isEmpty else { return [] }
        let n = index.passageCount
        var scores = [Double](repeating: 0, count: n)
        var expansion = [Double](repeating: 0, count: n)
        var covered = [Double](repeating: 0, count: n)
        var touched: [Int32] = []
        let weights = mergedWeights(plan)
        var totalMass = 0.0
        var creditedBy = [Int32](repeating: -1, count: n)
        for (number, (term, weight, origin)) in weights.enumerated() {
            let termNumber = Int32(number)
            let isExpansion = origin == .expansion
            let start = touched.count
            if isExpansion {
                // Body only: a heading word such as "Management" in a document title would
                // otherwise lend every passage of that document the intent's weight.
                accumulate(term, weight, index.body, bodyNorms, &expansion, &touched)
                continue
            }
            accumulate(term, weight, index.body, bodyNorms, &scores, &touched)
            if headingWeight > 0 {
                accumulate(term, weight * headingWeight, index.heading, headingNorms, &scores, &touched)
            }
            // Credit each matching passage once, whether the term is in its body, heading or both.
            let mass = coverageIDF(term) * weight
            totalMass += mass
            for p in touched[start...] where creditedBy[Int(p)] != termNumber {
                creditedBy[Int(p)] = termNumber
                covered[Int(p)] += mass
            }
        }
        var top = TopK(limit)
        var done = [Bool](repeating: false, count: n)
        for p32 in touched where !done[Int(p32)] {
            let p = Int(p32)
            done[p] = true
            let coverage = totalMass > 0 ? covered[p] / totalMass : 1
            let score = scores[p] + coverage * min(expansion[p], expansionCap * scores[p])
            if score > 0 { top.insert(score: score, passage: p32) }
        }
        return top.sorted().map { entry in
            let passage = Int(entry.passage)
            let matched = weights.map(\.0).filter { matches($0, passage) }
            return RankedPassage(passage: passage, score: entry.score,
                                 coverage: totalMass > 0 ? covered[passage] / totalMass : 0, matchedTerms: matched)
        }
    }

    /// The plan's terms with the weights of repeated terms added up, in first-seen order,
    /// each with the origin it was first seen with.
    private func mergedWeights(_ plan: QueryPlan) -> [(String, Double, QueryPlan.Origin)] {
        var order: [String] = []
        var weights: [String: Double] = [:]
        var origins: [String: QueryPlan.Origin] = [:]
        for term in plan.terms where term.weight > 0 {
            if weights[term.text] == nil {
                order.append(term.text)
                origins[term.text] = term.origin
            }
            weights[term.text, default: 0] += term.weight
        }
        return order.map { ($0, weights[$0] ?? 0, origins[$0] ?? .question) }
    }

    private func accumulate(_ term: String, _ queryWeight: Double, _ field: FieldIndex, _ norms: [Double],
                            _ scores: inout [Double], _ touched: inout [Int32]) {
        guard let id = field.termID(term) else { return }
        let range = field.postingRange(id)
        let idf = scorer.idf(documentFrequency: range.count, passageCount: field.passageCount)
        let weight = scorer.termWeight(idf: idf) * queryWeight
        field.postingPassages.withUnsafeBufferPointer { passages in
            field.postingFrequencies.withUnsafeBufferPointer { frequencies in
                norms.withUnsafeBufferPointer { norms in
                    for p in range {
                        let passage = Int(passages[p])
                        touched.append(passages[p])
                        scores[passage] += scorer.score(frequency: Double(frequencies[p]), weight: weight,
                                                        norm: norms[passage])
                    }
                }
            }
        }
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
    /// each times its weight) that the passage matches. Expansions do not count: they
    /// are alternatives, not further requirements.
    public func coverage(_ plan: QueryPlan, _ passage: Int) -> Double {
        var seen = Set<String>()
        var total = 0.0, matched = 0.0
        for term in plan.terms where term.origin != .expansion && seen.insert(term.text).inserted {
            let mass = coverageIDF(term.text) * term.weight
            total += mass
            if matches(term.text, passage) { matched += mass }
        }
        return total > 0 ? matched / total : 0
    }

    /// Every term's contribution to one passage's score, with the numbers behind it.
    public func explain(_ plan: QueryPlan, passage: Int) -> Explanation {
        var parts: [Explanation] = []
        let coverage = self.coverage(plan, passage)
        for (term, weight, origin) in mergedWeights(plan) {
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
                ] + (origin == .expansion ? [Explanation(coverage, "× coverage of the question (expansions only)")] : [])))
            }
            guard !fields.isEmpty else { continue }
            let sum = fields.reduce(0) { $0 + $1.value } * (origin == .expansion ? coverage : 1)
            parts.append(Explanation(sum, "term '\(term)' (\(origin.rawValue))", fields))
        }
        let total = parts.reduce(0) { $0 + $1.value }
        return Explanation(total, "score, \(scorer.description): sum over matched terms", parts)
    }
}
