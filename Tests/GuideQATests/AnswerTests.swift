import Testing
@testable import GuideQA

@Suite struct AnswerTests {
    static func corpus() throws -> Corpus {
        let dir = try MiniCorpus.folder(["g.md": """
            ---
            title: Ferritin guide
            updated: 2025-01-01
            ---
            ## Ferritin
            Ferritin above 10000 suggests hemophagocytic lymphohistiocytosis. [3, 1]

            Ferritin is also raised in Still's disease. [2, 3]
            ## References
            1. Ref one.
            2. Ref two.
            3. Ref three.
            """])
        return try CorpusLoader.load(path: dir)
    }

    @Test func citationsAreRenumberedByFirstAppearance() throws {
        let engine = try Engine(corpus: try Self.corpus())
        let answer = engine.answer("ferritin")
        // The shorter passage ranks first.
        #expect(answer.items.map(\.passage.id) == ["g/ferritin/2", "g/ferritin/1"])
        // It cites references 2 and 3 → [1, 2]; the other cites 3 then 1 → [2, 3].
        #expect(answer.items.map(\.citations) == [[1, 2], [2, 3]])
        #expect(answer.references.map(\.text) == ["Ref two.", "Ref three.", "Ref one."])
        #expect(answer.references.map(\.number) == [1, 2, 3])
    }

    @Test func everyAnswerEndsWithTheDisclaimer() throws {
        let engine = try Engine(corpus: try Self.corpus())
        let renderer = TextRenderer(analyzer: engine.analyzer)
        for question in ["ferritin", "capital of France", "", "   ", "the of and"] {
            let answer = engine.answer(question)
            #expect(answer.disclaimer == Disclaimer.text)
            #expect(renderer.render(answer).hasSuffix(Disclaimer.text + "\n"))
            #expect(JSONRenderer.render(answer).contains(Disclaimer.text))
        }
    }

    @Test func offTopicQuestionsGetNoAnswer() throws {
        let engine = try Engine(corpus: try CorpusLoader.load(path: MiniCorpus.defaultCorpusPath))
        for question in ["What is the capital of France?", "How do I bake sourdough bread?", "", "?!", "the and of"] {
            let answer = engine.answer(question)
            #expect(answer.isEmpty, "\(question) → \(answer.items.map(\.passage.id))")
            #expect(TextRenderer(analyzer: engine.analyzer).render(answer).hasPrefix(Answer.noAnswerText))
        }
    }

    @Test func seedQuestionRanksTheSubtypePassageFirst() throws {
        let engine = try Engine(corpus: try CorpusLoader.load(path: MiniCorpus.defaultCorpusPath))
        let answer = engine.answer("Are MAS and HLH the same condition?")
        let first = try #require(answer.items.first)
        #expect(first.passage.text.contains("subtype of secondary HLH"))
        #expect(first.citations == [1])
    }

    @Test func veryLongQuestionsAreAnswered() throws {
        let engine = try Engine(corpus: try Self.corpus())
        let big = String(repeating: "ferritin hemophagocytic ", count: 45_000)   // ~1 MB
        #expect(!engine.answer(big).isEmpty)
        // 10,000 distinct words: only the first 256 distinct terms are searched, so the
        // made-up words outweigh "ferritin" and the floor holds the answer back.
        let distinct = (0..<10_000).map { "word\($0)" }.joined(separator: " ") + " ferritin"
        let answer = engine.answer(distinct)
        #expect(answer.plan.questionTerms.count == QueryPlanner.maximumTerms)
        #expect(answer.isEmpty)
    }

    @Test func jsonHasTheDocumentedShape() throws {
        let engine = try Engine(corpus: try Self.corpus())
        let json = JSONRenderer.render(engine.answer("ferritin"))
        #expect(json.hasPrefix("{\"question\":\"ferritin\",\"answered\":true,\"context\":[],\"passages\":[{\"rank\":1,\"id\":\"g/ferritin/2\",\"document\":\"Ferritin guide\",\"section\":\"Ferritin\",\"text\":"))
        #expect(json.contains("\"references\":[{\"number\":1,\"text\":\"Ref two.\"}"))
        #expect(!json.contains("\n"))
    }

    /// `matched` lists the terms that count toward each passage's score, in query order:
    /// the question's own word, and an intent word ("therapy", added for "treated") only
    /// where the passage's text holds it.
    @Test func jsonListsTheMatchedTermsOfEachPassage() throws {
        let corpus = try MiniCorpus.jsonl([
            ("a", "Guide", "Ferritin therapy starts with steroids."),
            ("b", "Guide", "Ferritin is measured in serum."),
            ("c", "Guide", "Platelets fall in sepsis."),
            ("d", "Guide", "Fever persists for days."),
        ])
        var options = EngineOptions()
        options.floor = 0
        let engine = try Engine(corpus: corpus, options: options)
        let therapy = try #require(engine.analyzer.terms("therapy").first)
        let answer = engine.answer("How is ferritin treated?")
        let matched = Dictionary(uniqueKeysWithValues: answer.items.map { ($0.passage.id, $0.matchedTerms) })
        #expect(matched["a"]?.first == "ferritin")
        #expect(matched["a"]?.contains(therapy) == true)
        #expect(matched["b"] == ["ferritin"])
        let json = JSONRenderer.render(answer)
        #expect(json.contains("\"matched\":[\"ferritin\",\"\(therapy)\"]"))
        #expect(json.contains("\"matched\":[\"ferritin\"]}"))
    }

    @Test func controlCharactersAreNeutralized() {
        #expect(TerminalSafe.sanitize("a\u{1B}[31mb\u{07}c\u{08}") == "a\u{241B}[31mb\u{2407}c\u{2408}")
        #expect(TerminalSafe.sanitize("x\u{1B}]8;;http://e\u{1B}\\y") == "x\u{241B}]8;;http://e\u{241B}\\y")
        #expect(TerminalSafe.sanitize("line\nnext", keepNewlines: true) == "line\nnext")
        #expect(TerminalSafe.sanitize("\u{202E}abc") == "\u{FFFD}abc")
    }
}
