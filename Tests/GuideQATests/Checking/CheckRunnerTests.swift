import Foundation
import Testing
@testable import GuideQA

@Suite struct CheckRunnerTests {
    @Test func passingScriptHasNoFailures() throws {
        let (_, report) = try CheckFixture.run("""
            > What ferritin level suggests hemophagocytic lymphohistiocytosis?
              rank 1: ferritin/thresholds/1
              top 2: Ferritin guide › Thresholds
              contains: ABOVE   10000
              not contains: sepsis
              cites: Ferritin paper
            > What is the capital of France?
              no answer
            """)
        #expect(report.checks.count == 6)
        #expect(report.failed == 0)
        #expect(TextCheckReporter.render(CheckReport(scripts: [report])) == "6 passed, 0 failed\n")
    }

    @Test func rankFailureShowsExpectedAndRanking() throws {
        let (_, report) = try CheckFixture.run("> ferritin hemophagocytic\n  rank 1: ferritin/treatment/1\n")
        let failure = try #require(report.checks.first?.failure)
        #expect(failure.message == "ferritin/treatment/1 is not at rank 1 (it is at rank 2)")
        #expect(failure.expected == ["rank 1: ferritin/treatment/1"])
        #expect(failure.actual.first == "1. ferritin/thresholds/1  (ferritin › Thresholds)")
        let text = TextCheckReporter.render(CheckReport(scripts: [report]))
        #expect(text.hasPrefix("FAIL t.qa:2: rank 1: ferritin/treatment/1\n"))
        #expect(text.contains("\n  - rank 1: ferritin/treatment/1\n  + 1. ferritin/thresholds/1"))
        #expect(text.hasSuffix("\n0 passed, 1 failed\n"))
    }

    @Test func topFailureAndUnknownPassage() throws {
        let (_, report) = try CheckFixture.run("""
            > ferritin
              top 1: Platelet guide › Counts
              top 3: ferritin/nowhere/9
            """)
        #expect(report.checks.map { $0.failure?.message } == [
            "Platelet guide › Counts is not at top 1 (not among the 2 ranked)",
            "ferritin/nowhere/9 names no passage in the corpus; fix the id or section",
        ])
    }

    @Test func containsFailures() throws {
        let (_, report) = try CheckFixture.run("""
            > ferritin
              contains: platelets
              not contains: 10000
            """)
        let failures = report.checks.compactMap(\.failure)
        #expect(failures.map(\.message) == ["no passage shown contains \"platelets\"",
                                            "a passage shown contains \"10000\""])
        #expect(failures[0].actual.first == "1. ferritin/thresholds/1  (ferritin › Thresholds): "
                                            + "Ferritin above 10000 suggests hemophagocytic lymphohistiocytosis.")
        #expect(failures[1].expected == ["no passage containing \"10000\""])
    }

    @Test func citesAndNoAnswerFailures() throws {
        let (_, report) = try CheckFixture.run("""
            > ferritin
              cites: Platelet paper
              no answer
            > capital of France
              cites: Ferritin paper
              rank 1: ferritin/thresholds/1
            """)
        let failures = report.checks.compactMap(\.failure)
        #expect(failures.map(\.message) == [
            "no reference of the answer matches \"Platelet paper\"",
            "expected no answer, but passages were shown",
            "no reference of the answer matches \"Ferritin paper\"",
            "ferritin/thresholds/1 is not at rank 1",
        ])
        #expect(failures[0].actual == ["[1] Author A. Ferritin paper. Journal. 2020.",
                                       "[2] Author B. Etoposide paper. Journal. 2021."])
        #expect(failures[1].actual == ["1. ferritin/thresholds/1  (ferritin › Thresholds)",
                                       "2. ferritin/treatment/1  (ferritin › Treatment)"])
        #expect(failures[3].actual == ["no answer (\(Answer.noAnswerText))"])
    }

    @Test func contextCarriesWithinAConversationOnly() throws {
        // "What about it?" has no word of its own: only carried context can answer it.
        let (_, report) = try CheckFixture.run("""
            conversation: with context
            > hemophagocytic lymphohistiocytosis ferritin
            > What about it?
              rank 1: ferritin/thresholds/1
            conversation: fresh
            > What about it?
              no answer
            conversation: reset
            > hemophagocytic lymphohistiocytosis ferritin
            > :reset
            > What about it?
              no answer
            """)
        #expect(report.turns[1].answer.contextTerms == ["hemophagocytic lymphohistiocytosis ferritin"])
        #expect(report.turns[2].answer.contextTerms.isEmpty)
        #expect(report.turns[4].answer.contextTerms.isEmpty)
        #expect(report.failed == 0, "\(report.checks.compactMap(\.failure))")
    }

    @Test func deepRankExpectationsRankPastTheShownPassages() throws {
        var options = EngineOptions()
        options.top = 1
        let engine = try Engine(corpus: CheckFixture.engine.corpus, options: options)
        let script = try CheckFixture.parse("> hemophagocytic\n  rank 2: ferritin/thresholds/1\n  contains: 10000\n")
        let report = CheckRunner(engine: engine).run(script)
        // rank 2 is looked for past --top 1; contains looks only at the one passage shown.
        #expect(report.checks.map(\.passed) == [true, false])
    }
}
