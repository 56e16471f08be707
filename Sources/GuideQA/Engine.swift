/// The engine's façade: a corpus is indexed once; each question is planned, ranked
/// and composed into an `Answer`.
///
/// Table of contents (data flows one way):
/// - `Corpus/`: `CorpusLoader` → `GuidelineParser` | `JSONLPassageReader` →
///   `CorpusBuilder` → `Corpus` (validated: every passage cited, every citation resolved)
/// - `Analysis/`: `Analyzer` = `WordTokenizer` + `TermNormalizer` (NFKC, folding, Greek,
///   medical tokens, units, stopwords, Snowball stems) → `Token`s
/// - `Index/`: `FieldIndexBuilder` → `FieldIndex` (flat postings with positions);
///   `InvertedIndex` = body + heading fields
/// - `Query/`: `QueryPlanner` (+ `Conversation`) → `QueryPlan`
/// - `Ranking/`: `Ranker` with a `Scorer` (`TFIDFScorer`, `BM25Scorer`) → `RankedPassage`s,
///   `Explanation`
/// - `Answer/`: `AnswerComposer` (`CitationNumbering`, `Disclaimer`) → `Answer`
/// - `Rendering/`: `TextRenderer`, `JSONRenderer` → String
///
/// Immutable after `init`, so one engine can serve any number of conversations.
public final class Engine: Sendable {
    public let corpus: Corpus
    public let options: EngineOptions
    public let analyzer: Analyzer
    public let index: InvertedIndex
    public let ranker: Ranker
    public let planner: QueryPlanner

    /// Indexes `corpus`. Throws only for invalid BM25 parameters.
    /// - Parameter vocabulary: synonym groups for query expansion (the shipped disease and
    ///   abbreviation tables); the corpus's own "long form (SF)" definitions are added to it.
    public convenience init(corpus: Corpus, options: EngineOptions = EngineOptions(),
                            vocabulary: Vocabulary = .empty) throws(BM25Scorer.ParameterError) {
        let analyzer = Analyzer(options: options.analysis)
        try self.init(corpus: corpus, index: InvertedIndex(corpus: corpus, analyzer: analyzer), analyzer: analyzer,
                      options: options, vocabulary: vocabulary)
    }

    /// An engine over an index built earlier (a persisted index file): no re-indexing.
    /// The index must have been built from `corpus` with `analyzer`'s options.
    /// - Parameter harvested: the corpus's own abbreviations, as `Vocabulary.harvested(from:)`
    ///   found them when the index was built; nil harvests them now.
    public convenience init(corpus: Corpus, index: InvertedIndex, analyzer: Analyzer,
                            options: EngineOptions = EngineOptions(), vocabulary: Vocabulary = .empty,
                            harvested: Vocabulary? = nil) throws(BM25Scorer.ParameterError) {
        try self.init(corpus: corpus, index: index, analyzer: analyzer, options: options, harvested: harvested,
                      loadingVocabulary: { vocabulary })
    }

    /// As `init(corpus:index:analyzer:options:vocabulary:harvested:)`, but the vocabulary
    /// is read by `loadingVocabulary` on the thread that builds the synonym table in the
    /// background: parsing the shipped tables (tens of milliseconds) no longer delays the
    /// first prompt. The first question that needs synonyms waits for both.
    public init(corpus: Corpus, index: InvertedIndex, analyzer: Analyzer, options: EngineOptions = EngineOptions(),
                harvested: Vocabulary?,
                loadingVocabulary: @escaping @Sendable () -> Vocabulary) throws(BM25Scorer.ParameterError) {
        self.corpus = corpus
        self.options = options
        self.analyzer = analyzer
        self.index = index
        ranker = Ranker(index: index, scorer: try options.makeScorer(), headingWeight: options.headingWeight,
                        expansionCap: options.expansionCap, proximityWeight: options.proximityWeight)
        let ownAbbreviations = options.harvestAbbreviations ? harvested ?? Vocabulary.harvested(from: corpus) : .empty
        let analyzer = self.analyzer
        planner = QueryPlanner(analyzer: analyzer, index: index, contextWeight: options.contextWeight,
                               synonyms: {
                                   var vocabulary = loadingVocabulary()
                                   vocabulary.add(ownAbbreviations)
                                   return SynonymTable(vocabulary: vocabulary, analyzer: analyzer)
                               },
                               intentWeight: options.intentWeight,
                               synonymWeight: options.synonymWeight)
    }

    /// Answers one turn of a conversation and moves the conversation on.
    public func answer(_ question: String, in conversation: inout Conversation, top: Int? = nil) -> Answer {
        let (plan, next, carried) = planner.plan(question, in: conversation)
        conversation = next
        return answer(question: question, plan: plan, contextTerms: carried, offset: 0, count: top ?? options.top)
    }

    /// Answers a standalone question (a conversation of one turn).
    public func answer(_ question: String, top: Int? = nil) -> Answer {
        var conversation = Conversation()
        return answer(question, in: &conversation, top: top)
    }

    /// The next passages for an earlier answer's question (`:more`).
    public func more(after answer: Answer, count: Int? = nil) -> Answer {
        self.answer(question: answer.question, plan: answer.plan, contextTerms: answer.contextTerms,
                    offset: answer.rankedThrough, count: count ?? options.top,
                    firstRank: (answer.items.last?.rank ?? 0) + 1)
    }

    /// The ranked passages for a plan, before the no-answer floor: what evaluation measures.
    /// With `minimumCoverage` (an answer passes `options.floor`), only passages that
    /// cover that share of the question are ranked (`Ranker.rank`).
    public func rank(_ plan: QueryPlan, limit: Int, minimumCoverage: Double = 0) -> [RankedPassage] {
        ranker.rank(plan, limit: limit, minimumCoverage: minimumCoverage)
    }

    /// Why a passage scored what it did for a plan.
    public func explain(_ plan: QueryPlan, passage: Int) -> Explanation {
        ranker.explain(plan, passage: passage)
    }

    private func answer(question: String, plan: QueryPlan, contextTerms: [String], offset: Int, count: Int,
                        firstRank: Int = 1) -> Answer {
        let limit = offset + max(0, count)
        let ranked = Array(ranker.rank(plan, limit: limit, minimumCoverage: options.floor).dropFirst(offset))
        return AnswerComposer(corpus: corpus, floor: options.floor)
            .compose(question: question, plan: plan, ranked: ranked, firstRank: firstRank,
                     rankedThrough: offset + ranked.count, contextTerms: contextTerms)
    }
}
