import ArgumentParser
import Foundation
import GuideQA

/// `guideqa-bench rankings`: every question's ranked passages, one line each, with the
/// scores to the last bit and the matched terms.
///
/// Why: a faster ranker must answer exactly as the slower one did. Two runs (before and
/// after a change) compared with `cmp` prove it over thousands of real questions and
/// conversation turns, where a unit test covers a handful.
struct RankingsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rankings",
        abstract: "Print every question's ranking (ids, exact scores, matched terms) for before/after comparison."
    )

    @Option(help: "The corpus: a .jsonl passage file (or a folder of .md guidelines).")
    var corpus: String

    @Option(help: "Questions: JSONL with \"question\" (e.g. queries-dev.jsonl).")
    var queries: String?

    @Option(help: "Conversations: JSONL with \"turns\" (e.g. conversations-dev.jsonl), asked turn after turn.")
    var conversations: String?

    @Option(help: "Passages ranked per question.")
    var top = 10

    @Option(help: "Rank only passages covering at least this share of the question, as answers do (0: every match).")
    var floor = 0.0

    @Flag(help: "Print each passage's coverage (its bits) after its score.")
    var coverage = false

    @Option(help: "A folder of synonym tables (.tsv) to expand questions with, as guideqa does with its shipped ones.")
    var vocabulary = "Vocabulary"

    func validate() throws {
        guard top >= 1 else { throw ValidationError("--top must be at least 1") }
        guard floor >= 0 && floor <= 1 else { throw ValidationError("--floor must be from 0 to 1") }
        guard queries != nil || conversations != nil else {
            throw ValidationError("give --queries, --conversations or both")
        }
    }

    func run() throws {
        let loaded = try CorpusLoader.load(path: corpus)
        var synonyms = Vocabulary.empty
        let files = (try? FileManager.default.contentsOfDirectory(atPath: vocabulary)) ?? []
        for file in files.sorted() where file.hasSuffix(".tsv") {
            synonyms.add(try Vocabulary.load(tsv: (vocabulary as NSString).appendingPathComponent(file)))
        }
        let engine = try Engine(corpus: loaded, vocabulary: synonyms)
        _ = engine.planner.synonyms   // the synonym table is built in the background: wait for it
        var out = ""
        func line(_ label: String, _ plan: QueryPlan) {
            out += label
            for item in engine.rank(plan, limit: top, minimumCoverage: floor) {
                let id = loaded.passages[item.passage].id
                out += "\t\(id) \(String(item.score.bitPattern, radix: 16))"
                    + (coverage ? " \(String(item.coverage.bitPattern, radix: 16))" : "")
                    + " \(item.matchedTerms.joined(separator: ","))"
            }
            out += "\n"
            if out.utf8.count > 1 << 16 {
                FileHandle.standardOutput.write(Data(out.utf8))
                out = ""
            }
        }
        if let queries {
            for (n, query) in try EvaluationSet.queries(path: queries).enumerated() {
                line("q\(n)", engine.planner.plan(query.question, in: Conversation()).0)
            }
        }
        if let conversations {
            for (n, conversation) in try EvaluationSet.conversations(path: conversations).enumerated() {
                var state = Conversation()
                for (t, turn) in conversation.turns.enumerated() {
                    let (plan, next, _) = engine.planner.plan(turn.question, in: state)
                    state = next
                    line("c\(n).\(t)", plan)
                }
            }
        }
        FileHandle.standardOutput.write(Data(out.utf8))
    }
}
