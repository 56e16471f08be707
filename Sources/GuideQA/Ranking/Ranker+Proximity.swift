/// The proximity bonus: question words that stand together in the question and in a passage.
extension Ranker {
    /// Two consecutive words of the question, resolved in the body field.
    struct ProximityPair {
        var first: Int32?
        var second: Int32?
        /// Each word's bit among the query's matched-term bits (0: unknown, look it up).
        var firstHit: UInt64
        var secondHit: UInt64
        var bonus: Double
        /// The words' body lists' directories, when the ranker has them (long lists).
        var firstDense: DenseList.View? = nil
        var secondDense: DenseList.View? = nil
    }

    /// Consecutive words of the question (a stopword between them allowed), with the
    /// bonus their standing together in a passage earns: `proximityWeight` × mean idf weight.
    func adjacentPairs<S: Scorer>(_ plan: QueryPlan, _ scorer: S, _ resolved: ResolvedTerms? = nil) -> [ProximityPair] {
        // The question's words by position: the planner adds them in that order already,
        // so the sort (stable) is needed only for plans made some other way.
        var own = plan.terms.indices.filter { plan.terms[$0].origin == .question && plan.terms[$0].position != nil }
        let position = { (i: Int) in plan.terms[i].position ?? 0 }
        if zip(own, own.dropFirst()).contains(where: { position($0) > position($1) }) {
            own.sort { position($0) < position($1) }
        }
        var pairs: [ProximityPair] = []
        pairs.reserveCapacity(own.count)
        for (a, b) in zip(own, own.dropFirst()) {
            let pa = position(a), pb = position(b)
            guard pb > pa, pb - pa <= 2, plan.terms[a].text != plan.terms[b].text else { continue }
            let (idA, hitA) = bodyTerm(a, plan, resolved)
            let (idB, hitB) = bodyTerm(b, plan, resolved)
            let n = index.passageCount
            let dfA = idA.map { index.body.postingRange($0).count } ?? 0
            let dfB = idB.map { index.body.postingRange($0).count } ?? 0
            let idf = (scorer.idf(documentFrequency: dfA, passageCount: n)
                + scorer.idf(documentFrequency: dfB, passageCount: n)) / 2
            pairs.append(ProximityPair(first: idA, second: idB, firstHit: hitA, secondHit: hitB,
                                       bonus: proximityWeight * max(0, idf)))
        }
        return pairs
    }

    /// The body id of the plan's term `i`, and its matched-term bit when the query resolved it.
    private func bodyTerm(_ i: Int, _ plan: QueryPlan, _ resolved: ResolvedTerms?) -> (Int32?, UInt64) {
        if let resolved, let k = resolved.term(ofPlanTerm: i) {
            // Only own terms are checked for every candidate; an expansion may not have been.
            let known = resolved.terms[k].origin != .expansion
            return (resolved.terms[k].bodyID, known ? ResolvedTerms.hitBit(k) : 0)
        }
        return (index.body.termID(plan.terms[i].text), 0)
    }

    /// The bonus for each question word pair found in order, at most one word apart, in the body.
    /// `hits`, when known, rules out pairs whose words the passage does not contain at all.
    func proximityBonus(_ pairs: [ProximityPair], _ passage: Int, hits: UInt64?) -> Double {
        var bonus = 0.0
        for pair in pairs {
            guard let a = pair.first, let b = pair.second else { continue }
            if let hits {
                if pair.firstHit != 0 && hits & pair.firstHit == 0 { continue }
                if pair.secondHit != 0 && hits & pair.secondHit == 0 { continue }
            }
            guard let pa = Self.posting(pair.firstDense, a, passage, index.body),
                  let pb = Self.posting(pair.secondDense, b, passage, index.body) else { continue }
            if index.body.withPositionReaders(pa, pb, Self.standTogether) { bonus += pair.bonus }
        }
        return bonus
    }

    /// Where the passage's posting of term `id` is: looked up in the directory if there
    /// is one, else searched for.
    @inline(__always)
    private static func posting(_ dense: DenseList.View?, _ id: Int32, _ passage: Int, _ field: FieldIndex) -> Int? {
        if let dense { return dense.posting(passage) }
        return field.posting(id, passage)
    }

    /// Whether some position of the second word follows one of the first by 1 or 2 (one
    /// stopword between them allowed): both lists walked once, in step.
    private static func standTogether(_ first: inout PackedPositions.Reader, _ second: inout PackedPositions.Reader) -> Bool {
        guard var i = first.next(), var j = second.next() else { return false }
        while true {
            let gap = j - i
            if gap >= 1 && gap <= 2 { return true }
            if gap < 1 {
                guard let next = second.next() else { return false }
                j = next
            } else {
                guard let next = first.next() else { return false }
                i = next
            }
        }
    }
}
