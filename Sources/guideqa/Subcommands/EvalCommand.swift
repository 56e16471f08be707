import ArgumentParser
import Foundation
import GuideQA

struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Measure retrieval quality on questions with known answers.",
        discussion: """
            Prints MRR@10, Recall@1, Recall@10 and nDCG@10 for the questions (format of \
            ../shared/eval/queries-dev.jsonl), and with --conversations the same for follow-up \
            turns with context, without it, and hand-resolved; then queries per second.
            """
    )

    @OptionGroup var engineFlags: EngineFlags

    @Option(help: "Questions with their relevant passage ids (JSONL).")
    var queries: String?

    @Option(help: "Multi-turn conversations with relevant passage ids per turn (JSONL).")
    var conversations: String?

    @Flag(help: "Ask each question's question_synonym variant where it has one.")
    var synonyms = false

    @Flag(help: "List the questions whose relevant passage is not in the top 10.")
    var misses = false

    func validate() throws {
        if queries == nil && conversations == nil {
            throw ValidationError("give --queries FILE and/or --conversations FILE")
        }
    }

    func run() throws {
        try reportingFailures {
            let started = ContinuousClock.now
            let engine: Engine
            if let index = engineFlags.index {
                // An index file: no corpus to parse, no index to build; the load is what is timed.
                engine = try engineFlags.makeEngine(indexFile: index)
                print("corpus: \(engine.corpus.passages.count) passages, loaded from \(index) in "
                      + "\(Self.seconds(ContinuousClock.now - started)); ranking \(engine.ranker.scorer)")
            } else {
                let corpus = try engineFlags.loadCorpus()
                let loaded = ContinuousClock.now
                engine = try engineFlags.makeEngine(corpus: corpus)
                print("corpus: \(corpus.passages.count) passages, loaded in \(Self.seconds(loaded - started)), "
                      + "indexed in \(Self.seconds(ContinuousClock.now - loaded)); ranking \(engine.ranker.scorer)")
            }
            let evaluator = Evaluator(engine: engine)
            print("set                         questions  MRR@10  R@1    R@10   nDCG@10  S@1    QPS")
            if let queries {
                let set: [EvaluationQuery]
                do throws(CorpusError) { set = try EvaluationSet.queries(path: queries) } catch { throw Failure.corpus(error) }
                let start = ContinuousClock.now
                let (metrics, missed) = evaluator.evaluate(set, synonyms: synonyms)
                let elapsed = ContinuousClock.now - start
                row(synonyms ? "questions (synonym variant)" : "questions", metrics, qps: Double(set.count) / Self.double(elapsed))
                if misses {
                    for miss in missed {
                        print("  miss \(miss.id): \(miss.question) → \(miss.top.prefix(3).joined(separator: ", "))")
                    }
                }
            }
            if let conversations {
                let set: [EvaluationConversation]
                do throws(CorpusError) { set = try EvaluationSet.conversations(path: conversations) } catch { throw Failure.corpus(error) }
                for mode in Evaluator.FollowUpMode.allCases {
                    let start = ContinuousClock.now
                    let metrics = evaluator.evaluate(set, mode: mode)
                    let turns = set.reduce(0) { $0 + $1.turns.count }
                    row("follow-ups, \(mode.rawValue)", metrics, qps: Double(turns) / Self.double(ContinuousClock.now - start))
                }
            }
        }
    }

    private func row(_ name: String, _ m: RetrievalMetrics, qps: Double) {
        let cells = [m.mrr, m.recallAt1, m.recallAt10, m.ndcgAt10, m.successAt1].map { String(format: "%.3f", $0) }
        print(name.padding(toLength: 28, withPad: " ", startingAt: 0)
              + String(m.count).padding(toLength: 11, withPad: " ", startingAt: 0)
              + cells.map { $0.padding(toLength: 7, withPad: " ", startingAt: 0) }.joined()
              + "  " + String(format: "%.0f", qps))
    }

    static func double(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    static func seconds(_ d: Duration) -> String { String(format: "%.2f s", double(d)) }
}
