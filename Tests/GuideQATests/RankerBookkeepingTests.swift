import Testing
@testable import GuideQA

/// What the ranker reports of a passage (its coverage, its matched words) holds whatever
/// shortcut the ranker took to score it.
@Suite struct RankerBookkeepingTests {
    /// The ranker keeps a bit per term for the first 64 of a plan; a pasted page brings
    /// up to 256. The terms past the 64th must still count toward coverage and be
    /// reported as matched.
    ///
    /// Ten intent expansions first, then sixty question words: the last six stand past
    /// the 64th term, yet are among the first 64 of the question's own (which carry the
    /// question's idf mass).
    @Test func termsPastTheSixtyFourthStillCoverTheQuestion() throws {
        let words = (0..<60).map { "quo\(Self.letters($0))" }
        let expansions = (0..<10).map { "exo\(Self.letters($0))" }
        var passages: [(String, String, String)] = []
        // Each passage holds a window of the question's words, some an expansion word too.
        for start in stride(from: 0, to: 60, by: 5) {
            let text = words[start..<min(60, start + 12)].joined(separator: " ")
                + (start % 10 == 0 ? " " + expansions[start / 10] : "")
            passages.append(("p\(start)", "Heading \(start)", text))
        }
        passages.append(("tail", "Heading tail", words[52...].joined(separator: " ")))
        let engine = try Engine(corpus: try MiniCorpus.jsonl(passages))
        let analyzer = engine.analyzer
        var terms = expansions.flatMap { analyzer.terms($0) }
            .map { QueryPlan.Term(text: $0, weight: 1, origin: .expansion) }
        for (i, word) in words.enumerated() {
            for term in analyzer.terms(word) {
                terms.append(QueryPlan.Term(text: term, weight: 1, origin: .question, position: Int32(i)))
            }
        }
        let plan = QueryPlan(terms: terms)
        #expect(plan.terms.count == 70)

        let ranked = engine.rank(plan, limit: passages.count)
        #expect(Set(ranked.map { engine.corpus.passages[$0.passage].id }).contains("tail"))
        for item in ranked {
            // Coverage as the postings say, term by term.
            let expected = engine.ranker.coverage(plan, item.passage)
            #expect(abs(item.coverage - expected) <= 1e-12, "passage \(item.passage)")
            #expect(item.coverage > 0)
            // Matched: every plan term the passage's text or heading holds.
            let holds = plan.terms.filter { term in
                engine.index.body.frequency(of: term.text, in: item.passage) > 0
                    || (term.origin != .expansion && engine.index.heading.frequency(of: term.text, in: item.passage) > 0)
            }.map(\.text)
            #expect(item.matchedTerms == holds, "passage \(item.passage)")
        }
        // The passage that holds the last eight words (six of them past the 64th term)
        // covers eight sixtieths of the question, give or take their idf.
        let tail = try #require(ranked.first { engine.corpus.passages[$0.passage].id == "tail" })
        #expect(abs(tail.coverage - 8.0 / 60.0) < 0.03)
    }

    /// Expansions stop being looked up once they reach their cap (they cannot add more);
    /// the intent words a returned passage holds are still all reported.
    @Test func expansionsPastTheCapAreStillMatched() throws {
        let passages: [(String, String, String)] = [
            ("rich", "Heading", "ferritin outcome prognosis survival mortality course"),
            ("plain", "Heading", "ferritin ferritin levels"),
            ("other", "Heading", "platelets outcome"),
        ]
        let engine = try Engine(corpus: try MiniCorpus.jsonl(passages))
        let expansions = ["outcome", "prognosis", "survival", "mortality", "course"].flatMap { engine.analyzer.terms($0) }
        let plan = QueryPlan(terms: engine.analyzer.terms("ferritin").map { QueryPlan.Term(text: $0, weight: 1, origin: .question) }
                             + expansions.map { QueryPlan.Term(text: $0, weight: 3, origin: .expansion) })
        let ranked = engine.rank(plan, limit: 3)
        let rich = try #require(ranked.first { engine.corpus.passages[$0.passage].id == "rich" })
        #expect(rich.matchedTerms == engine.analyzer.terms("ferritin") + expansions)
        // The cap was what bounded it: its expansions add half its own score at most.
        let own = engine.explain(QueryPlan(terms: Array(plan.terms.prefix(1))), passage: rich.passage).value
        #expect(abs(rich.score - 1.5 * own) < 1e-9)
    }

    /// Distinct made-up words that the stemmer leaves alone: a number spelled in letters.
    private static func letters(_ n: Int) -> String {
        let alphabet = Array("bcdfghjklmnp")
        return String(alphabet[n / alphabet.count]) + String(alphabet[n % alphabet.count]) + "a"
    }
}
