/// Runs evaluation questions through an engine and measures the rankings.
public struct Evaluator {
    public let engine: Engine

    public init(engine: Engine) {
        self.engine = engine
    }

    /// A question that missed: its relevant passages are not in the top 10.
    public struct Miss: Sendable {
        public var id: String
        public var question: String
        public var top: [String]
    }

    /// Standalone questions; `synonyms` asks the `question_synonym` variant where present.
    public func evaluate(_ queries: [EvaluationQuery], synonyms: Bool = false) -> (RetrievalMetrics, [Miss]) {
        var metrics = RetrievalMetrics()
        var misses: [Miss] = []
        for query in queries {
            let question = synonyms ? (query.synonymQuestion ?? query.question) : query.question
            let (plan, _, _) = engine.planner.plan(question, in: Conversation())
            let ranked = ids(engine.rank(plan, limit: 10))
            metrics.add(ranked: ranked, relevant: query.relevant)
            if !ranked.contains(where: query.relevant.contains) {
                misses.append(Miss(id: query.id, question: question, top: ranked))
            }
        }
        return (metrics, misses)
    }

    /// How each follow-up turn (turn 2 onwards) is ranked.
    public enum FollowUpMode: String, Sendable, CaseIterable {
        /// As asked, in its conversation (the context model at work).
        case withContext = "with context"
        /// As asked, alone (no context).
        case withoutContext = "without context"
        /// Rewritten by hand with the topic spelled out (the ceiling).
        case resolved = "hand-resolved"
    }

    public func evaluate(_ conversations: [EvaluationConversation], mode: FollowUpMode) -> RetrievalMetrics {
        var metrics = RetrievalMetrics()
        for conversation in conversations {
            var context = Conversation()
            for (i, turn) in conversation.turns.enumerated() {
                let question: String
                switch mode {
                case .withContext, .withoutContext: question = turn.question
                case .resolved: question = turn.resolved
                }
                let (plan, next, _) = engine.planner.plan(question, in: mode == .withContext ? context : Conversation())
                context = next
                guard i > 0 else { continue }
                metrics.add(ranked: ids(engine.rank(plan, limit: 10)), relevant: turn.relevant)
            }
        }
        return metrics
    }

    private func ids(_ ranked: [RankedPassage]) -> [String] {
        ranked.map { engine.corpus.passages.id(at: $0.passage) }
    }
}
