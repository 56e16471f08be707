import Testing
@testable import GuideQA

@Suite struct RankingTests {
    /// Three passages whose titles share no word with the questions below.
    static func engine(_ ranking: RankingModel, headingWeight: Double = 0) throws -> Engine {
        let corpus = try MiniCorpus.jsonl([
            ("p1", "Alpha", "ferritin ferritin rises"),
            ("p2", "Beta", "ferritin falls slowly"),
            ("p3", "Gamma", "platelets drop"),
        ])
        var options = EngineOptions()
        options.ranking = ranking
        options.headingWeight = headingWeight
        return try Engine(corpus: corpus, options: options)
    }

    private func scores(_ engine: Engine, _ question: String) -> [String: Double] {
        let (plan, _, _) = engine.planner.plan(question, in: Conversation())
        return Dictionary(uniqueKeysWithValues: engine.rank(plan, limit: 10).map {
            (engine.corpus.passages[$0.passage].id, $0.score)
        })
    }

    @Test func tfidfMatchesHandComputedScores() throws {
        // N = 3, df(ferritin) = 2: idf = 1 + ln(4/3) = 1.287682; idf² = 1.658125
        // p1: √2 · 1.658125 / √3 = 1.353853;  p2: √1 · 1.658125 / √3 = 0.957319
        let s = scores(try Self.engine(.tfidf), "ferritin")
        #expect(abs((s["p1"] ?? 0) - 1.3538534909966233) < 1e-9)
        #expect(abs((s["p2"] ?? 0) - 0.9573189842167928) < 1e-9)
        #expect(s["p3"] == nil)
        // drop: df = 1, idf = 1 + ln 2; p3: idf² / √2 = 2.027097
        #expect(abs((scores(try Self.engine(.tfidf), "drop")["p3"] ?? 0) - 2.0270965088381696) < 1e-9)
    }

    @Test func bm25MatchesHandComputedScores() throws {
        // idf = ln(1 + (3 − 2 + 0.5)/(2 + 0.5)) = ln 1.6; avgdl = 8/3
        // p1: tf 2, len 3: norm = 1.2·(0.25 + 0.75·3/(8/3)) = 1.3125 → ln1.6·2·2.2/3.3125 = 0.624307
        let s = scores(try Self.engine(.bm25), "ferritin")
        #expect(abs((s["p1"] ?? 0) - 0.6243067075264112) < 1e-9)
        #expect(abs((s["p2"] ?? 0) - 0.44713858782297017) < 1e-9)
    }

    @Test func bm25RejectsBadParameters() {
        #expect(throws: BM25Scorer.ParameterError.b(1.5)) { try BM25Scorer(k1: 1.2, b: 1.5) }
        #expect(throws: BM25Scorer.ParameterError.k1(-1)) { try BM25Scorer(k1: -1, b: 0.5) }
        #expect(BM25Scorer.ParameterError.b(1.5).description == "illegal b value: 1.5, must be between 0 and 1")
    }

    @Test func headingMatchesAddWeightedScore() throws {
        let plain = scores(try Self.engine(.tfidf), "gamma platelets")
        let weighted = scores(try Self.engine(.tfidf, headingWeight: 2), "gamma platelets")
        #expect((weighted["p3"] ?? 0) > (plain["p3"] ?? 0))
    }

    @Test func equalScoresBreakTiesByPassageOrder() throws {
        let corpus = try MiniCorpus.jsonl([
            ("z", "T1", "fever rash"), ("a", "T2", "fever rash"), ("m", "T3", "fever rash"),
        ])
        let engine = try Engine(corpus: corpus)
        #expect(rankedIDs(engine, "fever") == ["z", "a", "m"])
    }

    @Test func topKKeepsTheBestInOrder() {
        var top = TopK(3)
        for (i, s) in [0.5, 2.0, 1.0, 3.0, 2.0, 0.1].enumerated() { top.insert(score: s, passage: Int32(i)) }
        #expect(top.sorted().map(\.passage) == [3, 1, 4])
    }

    @Test func explanationAddsUpToTheScore() throws {
        let engine = try Self.engine(.tfidf)
        let (plan, _, _) = engine.planner.plan("ferritin rises", in: Conversation())
        let ranked = engine.rank(plan, limit: 1)
        let explanation = engine.explain(plan, passage: ranked[0].passage)
        #expect(abs(explanation.value - ranked[0].score) < 1e-9)
        #expect(explanation.lines().contains { $0.contains("idf = 1 + ln((N + 1) / (df + 1))") })
    }
}
