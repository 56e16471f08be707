import Foundation

/// Retrieval quality over the questions that have judgments, from each question's
/// top 10 passage ids. Relevance is binary.
///
/// - MRR@10: mean of 1 / rank of the first relevant passage (0 if none in the top 10).
/// - R@k: mean share of a question's relevant passages found in the top k.
/// - Success@1: share of questions whose first passage is relevant (R@1 where a
///   question has one relevant passage; some tables call this R@1).
/// - nDCG@10: binary gains, ideal ranking = all relevant passages first.
struct RetrievalQuality: Sendable {
    let judged: Int
    let mrr10: Double
    let recall1: Double
    let success1: Double
    let recall10: Double
    let ndcg10: Double

    init?(results: [[String]], questions: [BenchQuestion]) {
        var judged = 0
        var mrr = 0.0, r1 = 0.0, s1 = 0.0, r10 = 0.0, ndcg = 0.0
        for (ids, question) in zip(results, questions) where !question.relevant.isEmpty {
            judged += 1
            let relevant = question.relevant
            let top = ids.prefix(10)
            if let first = top.firstIndex(where: relevant.contains) { mrr += 1 / Double(first + 1) }
            r1 += Double(top.prefix(1).filter(relevant.contains).count) / Double(relevant.count)
            if let first = top.first, relevant.contains(first) { s1 += 1 }
            r10 += Double(Set(top).intersection(relevant).count) / Double(relevant.count)
            var dcg = 0.0, ideal = 0.0
            for (i, id) in top.enumerated() where relevant.contains(id) { dcg += 1 / log2(Double(i + 2)) }
            for i in 0..<min(10, relevant.count) { ideal += 1 / log2(Double(i + 2)) }
            ndcg += dcg / ideal
        }
        guard judged > 0 else { return nil }
        self.judged = judged
        let n = Double(judged)
        mrr10 = mrr / n
        recall1 = r1 / n
        success1 = s1 / n
        recall10 = r10 / n
        ndcg10 = ndcg / n
    }
}
