/// How the engine ranks and what it shows; every front end takes these from flags.
public struct EngineOptions: Sendable {
    /// The ranking model (`--ranking`).
    public var ranking: RankingModel = .bm25
    /// BM25 parameters (validated when the engine is made).
    public var k1: Double = BM25Scorer.defaultK1
    public var b: Double = BM25Scorer.defaultB
    /// Passages per answer (`--top`).
    public var top: Int = 5
    /// The no-answer floor: the share of a question's idf mass (0…1) a passage must
    /// match to be shown. Below it for every passage: "Nothing in the corpus answers".
    public var floor: Double = 0.4
    /// Weight of a heading match against a body match.
    public var headingWeight: Double = 2.0
    /// Weight of topic terms carried into follow-up questions.
    public var contextWeight: Double = 0.9
    /// Weight of the answer words a question's intent adds ("outlook" → "prognosis").
    public var intentWeight: Double = 3.0
    /// Expansions add at most this multiple of a passage's score from the question's own words.
    public var expansionCap: Double = 0.5
    /// Bonus (× idf) when two words adjacent in the question stand together in a passage.
    public var proximityWeight: Double = 2.0
    /// Weight of synonym and abbreviation terms added for names in a question.
    public var synonymWeight: Double = 0.6
    /// Whether abbreviations the corpus defines ("long form (SF)") join the synonyms.
    public var harvestAbbreviations = true
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
