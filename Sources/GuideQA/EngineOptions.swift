/// How the engine ranks and what it shows; every front end takes these from flags.
public struct EngineOptions: Sendable {
    /// The ranking model (`--ranking`).
    public var ranking: RankingModel = .tfidf
    /// BM25 parameters (validated when the engine is made).
    public var k1: Double = BM25Scorer.defaultK1
    public var b: Double = BM25Scorer.defaultB
    /// Passages per answer (`--top`).
    public var top: Int = 5
    /// The no-answer floor: the share of a question's idf mass (0…1) a passage must
    /// match to be shown. Below it for every passage: "Nothing in the corpus answers".
    public var floor: Double = 0.5
    /// Weight of a heading match against a body match.
    public var headingWeight: Double = 1.0
    /// Weight of topic terms carried into follow-up questions.
    public var contextWeight: Double = 0.9
    /// Analysis options (stemming, stopwords).
    public var analysis: Analyzer.Options = .init()

    public init() {}

    /// The scorer these options name.
    public func makeScorer() throws(BM25Scorer.ParameterError) -> any Scorer {
        switch ranking {
        case .tfidf: return TFIDFScorer()
        case .bm25: return try BM25Scorer(k1: k1, b: b)
        }
    }
}
