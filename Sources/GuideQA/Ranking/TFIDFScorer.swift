import Foundation

/// Lucene's classic TF-IDF similarity, without the query norm (which scales every
/// score of a query alike and so never changes the order) and without coordination:
///
///     score(t, p) = √tf(t, p) · idf(t)² · 1/√length(p)
///     idf(t)      = 1 + ln((N + 1) / (df(t) + 1))
///
/// where tf is the term's frequency in the passage field, length the number of tokens
/// in that field, N the number of passages and df the number that contain the term.
/// A query's score for a passage sums this over its terms, each multiplied by the
/// query term's weight (1 for the user's own words; less for carried context).
public struct TFIDFScorer: Scorer {
    public init() {}

    public func idf(documentFrequency: Int, passageCount: Int) -> Double {
        1 + log(Double(passageCount + 1) / Double(documentFrequency + 1))
    }

    public func termWeight(idf: Double) -> Double { idf * idf }

    public func lengthNorm(length: Int, averageLength: Double) -> Double {
        length > 0 ? 1 / Double(length).squareRoot() : 0
    }

    @inline(__always)
    public func score(frequency: Double, weight: Double, norm: Double) -> Double {
        frequency.squareRoot() * weight * norm
    }

    /// √tf grows without bound: TF-IDF queries walk every posting.
    public func upperBound(weight: Double) -> Double? { nil }

    public var formula: String { "√tf · idf² · 1/√length" }
    public var idfFormula: String { "1 + ln((N + 1) / (df + 1))" }
    public var description: String { "TF-IDF (Lucene classic)" }
}
