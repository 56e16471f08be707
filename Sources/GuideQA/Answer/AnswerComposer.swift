/// Turns ranked passages into an `Answer`: applies the no-answer floor, numbers the
/// citations, lists the references, adds the disclaimer.
///
/// This is the one place that decides what a clinician sees, so it also enforces the
/// product's rule: a passage without a resolvable citation is never shown.
struct AnswerComposer {
    let corpus: Corpus
    /// Minimum share of the question a passage must cover to be shown at all.
    let floor: Double

    func compose(question: String, plan: QueryPlan, ranked: [RankedPassage], firstRank: Int,
                 rankedThrough: Int, contextTerms: [String]) -> Answer {
        var numbering = CitationNumbering()
        var items: [Answer.Item] = []
        for hit in ranked where hit.coverage >= floor {
            let passage = corpus.passages[hit.passage]
            let resolvable = passage.citations.filter { corpus.references.indices.contains($0) }
            guard !resolvable.isEmpty else { continue }
            items.append(Answer.Item(rank: firstRank + items.count, passageIndex: hit.passage, passage: passage,
                                     documentTitle: corpus.documents[passage.documentIndex].title,
                                     score: hit.score, citations: numbering.number(resolvable),
                                     matchedTerms: hit.matchedTerms))
        }
        let references = numbering.order.enumerated().map { i, reference in
            Answer.CitedReference(number: i + 1, referenceIndex: reference, text: corpus.references[reference].text)
        }
        return Answer(question: question, items: items, references: references, disclaimer: Disclaimer.text,
                      contextTerms: contextTerms, plan: plan, rankedThrough: rankedThrough)
    }
}
