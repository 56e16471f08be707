import Foundation

/// The standard ranked-retrieval measures at cut-off 10, averaged over questions.
///
/// MRR@10: mean of 1/rank of the first relevant passage (0 beyond 10). Recall@k:
/// share of a question's relevant passages in its top k (R@1 therefore rewards
/// only questions whose first passage is relevant). nDCG@10: binary gains, log2
/// discount, normalized by the ideal ordering.
public struct RetrievalMetrics: Sendable, Equatable {
    public private(set) var count = 0
    private var reciprocalRank = 0.0
    private var recall1 = 0.0
    private var recall10 = 0.0
    private var ndcg = 0.0
    /// Questions whose first passage is relevant.
    public private(set) var firstHits = 0

    public init() {}

    public var mrr: Double { count == 0 ? 0 : reciprocalRank / Double(count) }
    public var recallAt1: Double { count == 0 ? 0 : recall1 / Double(count) }
    public var recallAt10: Double { count == 0 ? 0 : recall10 / Double(count) }
    public var ndcgAt10: Double { count == 0 ? 0 : ndcg / Double(count) }
    /// Share of questions whose first passage is relevant.
    public var successAt1: Double { count == 0 ? 0 : Double(firstHits) / Double(count) }

    /// Adds one question: its ranked ids (best first) and its relevant ids.
    public mutating func add(ranked: [String], relevant: Set<String>) {
        count += 1
        guard !relevant.isEmpty else { return }
        let top = Array(ranked.prefix(10))
        if let first = top.firstIndex(where: relevant.contains) { reciprocalRank += 1 / Double(first + 1) }
        if let head = top.first, relevant.contains(head) {
            firstHits += 1
            recall1 += 1 / Double(relevant.count)
        }
        recall10 += Double(top.filter(relevant.contains).count) / Double(relevant.count)
        var dcg = 0.0, ideal = 0.0
        for (i, id) in top.enumerated() where relevant.contains(id) { dcg += 1 / log2(Double(i + 2)) }
        for i in 0..<min(relevant.count, 10) { ideal += 1 / log2(Double(i + 2)) }
        ndcg += ideal > 0 ? dcg / ideal : 0
    }
}
