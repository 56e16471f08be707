/// The plan's distinct terms, each looked up in both fields once per query.
///
/// Everything the ranker does afterwards (coverage masses, MaxScore units, proximity
/// pairs, which terms a passage matched) works on term ids and these records: a query
/// hashes each of its strings once, not once per passage it ends up examining.
struct ResolvedTerms {
    struct Term {
        var text: String
        /// The plan's weights of this term, summed.
        var weight: Double
        /// The origin (and synonym coverage) of the term's first occurrence in the plan.
        var origin: QueryPlan.Origin
        var covers: [String]
        /// Some occurrence asks for a kind of answer ("treated"): half its coverage mass.
        var asksKind: Bool
        var bodyID: Int32?
        /// nil for an intent expansion, which is scored in the text alone.
        var headingID: Int32?
        var bodyFrequency: Int
        var headingFrequency: Int
        /// The term's bit among the question's own terms (0: not an own term, or past the 64th).
        var ownBit: UInt64 = 0
    }

    /// In first-seen order.
    private(set) var terms: [Term] = []
    /// For each term of the plan, the resolved term it became (-1: weight 0, left out).
    private var ofPlanTerm: [Int] = []
    /// Idf mass of each own term, by own bit.
    private(set) var masses: [Double] = []
    private(set) var totalMass = 0.0

    init(_ plan: QueryPlan, _ index: InvertedIndex) {
        var slot: [String: Int] = [:]
        let useDictionary = plan.terms.count > 24
        ofPlanTerm.reserveCapacity(plan.terms.count)
        terms.reserveCapacity(plan.terms.count)
        for term in plan.terms {
            guard term.weight > 0 else {
                ofPlanTerm.append(-1)
                continue
            }
            let found = useDictionary ? slot[term.text] : terms.firstIndex { $0.text == term.text }
            if let k = found {
                terms[k].weight += term.weight
                terms[k].asksKind = terms[k].asksKind || term.asksKind
                ofPlanTerm.append(k)
                continue
            }
            ofPlanTerm.append(terms.count)
            if useDictionary { slot[term.text] = terms.count }
            // Intent expansions are scored in the text only: their heading entry is never read.
            let body = index.body.termID(term.text)
            let heading = term.origin == .expansion ? nil : index.heading.termID(term.text)
            terms.append(Term(text: term.text, weight: 0 + term.weight, origin: term.origin, covers: term.covers,
                              asksKind: term.asksKind, bodyID: body, headingID: heading,
                              bodyFrequency: body.map { index.body.postingRange($0).count } ?? 0,
                              headingFrequency: heading.map { index.heading.postingRange($0).count } ?? 0))
        }
        // Own terms get a bit each, in plan order, for the first 64.
        masses.reserveCapacity(Swift.min(64, terms.count))
        for k in terms.indices where terms[k].origin == .question || terms[k].origin == .context {
            guard masses.count < 64 else { break }
            terms[k].ownBit = 1 << UInt64(masses.count)
            let idf = BM25Scorer.standard.idf(documentFrequency: max(terms[k].bodyFrequency, terms[k].headingFrequency),
                                              passageCount: index.passageCount)
            masses.append(idf * terms[k].weight * (terms[k].asksKind ? 0.5 : 1))
        }
        totalMass = masses.reduce(0, +)
    }

    /// The own terms a match of term `k` covers: its own bit, or those a synonym stands for.
    func coverageMask(_ k: Int) -> UInt64 {
        let term = terms[k]
        guard term.origin == .synonym else { return term.ownBit }
        var mask: UInt64 = 0
        for covered in term.covers {
            if let own = terms.first(where: { $0.text == covered && $0.ownBit != 0 }) { mask |= own.ownBit }
        }
        return mask
    }

    /// The resolved term that the plan's term `i` became, if it was not left out.
    func term(ofPlanTerm i: Int) -> Int? {
        ofPlanTerm[i] >= 0 ? ofPlanTerm[i] : nil
    }

    /// The idf mass of the own terms whose bits are set, summed in bit order.
    func mass(_ bits: UInt64) -> Double {
        var sum = 0.0
        var rest = bits
        while rest != 0 {
            sum += masses[rest.trailingZeroBitCount]
            rest &= rest - 1
        }
        return sum
    }

    /// The term's bit in the per-passage record of matched terms (past the 64th: none).
    static func hitBit(_ k: Int) -> UInt64 { k < 64 ? 1 << UInt64(k) : 0 }
}
