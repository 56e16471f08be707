import GuideQA

/// What each query feature costs: the same questions planned and ranked over the same
/// index with the features off, one on at a time, and all on (the default), and the
/// follow-up turns of conversations asked with their context and alone.
///
/// Issue 6: "conversation context, synonyms and phrases must not make a query more
/// than 2× slower than the plain query". The plain query is the question's own words
/// (BM25 over text and heading, nothing added); each row's ratio is to it.
struct FeatureCosts {
    struct Row {
        let name: String
        let latency: LatencySummary?
        /// Whether the 2× bar applies to this row.
        let barred: Bool
    }

    var rows: [Row] = []
    /// Follow-up turns with the conversation's context, and the same turns asked alone.
    var context: (withContext: LatencySummary?, alone: LatencySummary?, turns: Int)?

    /// The variants, each a change to the default options.
    static let variants: [(name: String, barred: Bool, configure: @Sendable (inout EngineOptions) -> Void)] = [
        ("question words only (plain)", false, { $0.intentWeight = 0; $0.synonymWeight = 0; $0.proximityWeight = 0 }),
        ("+ intent expansion", false, { $0.synonymWeight = 0; $0.proximityWeight = 0 }),
        ("+ synonyms", true, { $0.intentWeight = 0; $0.proximityWeight = 0 }),
        ("+ phrases (proximity)", true, { $0.intentWeight = 0; $0.synonymWeight = 0 }),
        ("+ synonyms + phrases", true, { $0.intentWeight = 0 }),
        ("all (the default)", false, { _ in }),
    ]

    /// Measures over `engine`'s index (no re-indexing): each variant is a new engine
    /// sharing it, warmed up with `warmup` questions.
    ///
    /// The variants take turns by blocks of questions (in an order that rotates), so that
    /// a slow spell of a shared machine falls on all of them alike, while within a block
    /// each question still meets caches that other questions have filled, as in the
    /// main pass.
    static func measure(_ engine: Engine, vocabulary: Vocabulary, harvested: Vocabulary, questions: [BenchQuestion],
                        conversations: [EvaluationConversation], warmup: Int) throws -> FeatureCosts {
        var costs = FeatureCosts()
        let engines = try variants.map { variant in
            var options = engine.options
            variant.configure(&options)
            let e = try Engine(corpus: engine.corpus, index: engine.index, analyzer: engine.analyzer, options: options,
                               vocabulary: vocabulary, harvested: harvested)
            _ = e.planner.synonyms   // built in the background: not part of a query
            return e
        }
        let texts = questions.map(\.text)
        for e in engines {
            for text in texts.prefix(warmup) { _ = ask(text, Conversation(), e) }
        }
        var times = [[UInt64]](repeating: [], count: engines.count)
        let block = 64
        for (b, start) in stride(from: 0, to: texts.count, by: block).enumerated() {
            for turn in 0..<engines.count {
                let v = (turn + b) % engines.count
                for text in texts[start..<min(texts.count, start + block)] {
                    times[v].append(time(ask(text, Conversation(), engines[v])))
                }
            }
        }
        for (v, variant) in variants.enumerated() {
            costs.rows.append(Row(name: variant.name, latency: LatencySummary(nanoseconds: times[v]), barred: variant.barred))
        }
        if !conversations.isEmpty {
            var withContext: [UInt64] = [], alone: [UInt64] = []
            for conversation in conversations {
                var state = Conversation()
                for (t, turn) in conversation.turns.enumerated() {
                    let next = ask(turn.question, state, engine)
                    if t > 0 {
                        withContext.append(time(ask(turn.question, state, engine)))
                        alone.append(time(ask(turn.question, Conversation(), engine)))
                    }
                    state = next
                }
            }
            costs.context = (LatencySummary(nanoseconds: withContext), LatencySummary(nanoseconds: alone),
                             withContext.count)
        }
        return costs
    }

    /// One turn planned and ranked (the top 10 past the no-answer floor), as the
    /// benchmark times a query; the conversation after it.
    @inline(never)
    private static func ask(_ question: String, _ conversation: Conversation, _ engine: Engine) -> Conversation {
        let (plan, next, _) = engine.planner.plan(question, in: conversation)
        _ = engine.rank(plan, limit: 10, minimumCoverage: engine.options.floor)
        return next
    }

    private static func time<T>(_ work: @autoclosure () -> T) -> UInt64 {
        let start = MonotonicClock.now()
        _ = work()
        return MonotonicClock.now() - start
    }
}
