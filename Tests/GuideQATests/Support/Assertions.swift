import Testing
@testable import GuideQA

/// The analysis vocabulary of the tests: `assertAnalyzes("IL-18 levels", ["il-18", "level"])`.
func assertAnalyzes(_ text: String, _ expected: [String], analyzer: Analyzer = Analyzer(),
                    sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    #expect(analyzer.terms(text) == expected, "analyzing \(text)", sourceLocation: sourceLocation)
}

/// Ids of the passages ranked for a question, best first.
func rankedIDs(_ engine: Engine, _ question: String, limit: Int = 10) -> [String] {
    let (plan, _, _) = engine.planner.plan(question, in: Conversation())
    return engine.rank(plan, limit: limit).map { engine.corpus.passages[$0.passage].id }
}
