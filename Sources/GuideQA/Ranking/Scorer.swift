/// A term-weighting model: how much one query term found in one passage field adds to
/// the passage's score.
///
/// Split the way Lucene's `Similarity` is, so the inner loop is one multiply-add:
/// - `idf` and `termWeight` run once per query term (from collection statistics),
/// - `lengthNorm` runs once per passage when the ranker is built (stored in an array),
/// - `score(frequency:weight:norm:)` runs per posting.
/// Invariants every implementation keeps: the score never falls as the frequency
/// rises, and never rises as the passage gets longer.
public protocol Scorer: Sendable, CustomStringConvertible {
    /// Inverse document frequency of a term found in `documentFrequency` of `passageCount` passages.
    func idf(documentFrequency: Int, passageCount: Int) -> Double
    /// The per-query factor of a term (before the query term's own weight).
    func termWeight(idf: Double) -> Double
    /// The per-passage factor, precomputed from the field length.
    func lengthNorm(length: Int, averageLength: Double) -> Double
    /// One term's contribution to one passage.
    func score(frequency: Double, weight: Double, norm: Double) -> Double
    /// The most one posting can score for a term of this per-query weight, if bounded:
    /// lets the ranker skip postings that cannot change the top k (MaxScore). nil: unbounded.
    func upperBound(weight: Double) -> Double?
    /// The formula of `score`, for `:why` and `--explain`.
    var formula: String { get }
    /// The formula of `idf`.
    var idfFormula: String { get }
}

/// The ranking models `--ranking` accepts.
public enum RankingModel: String, Sendable, CaseIterable {
    case tfidf
    case bm25
}
