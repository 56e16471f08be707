import ArgumentParser
import Foundation

/// `guideqa-bench synth`: writes `corpus.jsonl` and `queries.jsonl` into a folder, the
/// same bytes for the same `--passages` and `--seed` on any machine (the checksums
/// printed let two machines confirm it).
struct SynthCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synth",
        abstract: "Generate a deterministic synthetic corpus and question file."
    )

    @Option(help: "Number of passages (e.g. 10000, 100000, 1000000).")
    var passages: Int

    @Option(help: "Number of questions (each with one relevant passage).")
    var questions = 1_000

    @Option(help: "The folder to write corpus.jsonl and queries.jsonl into (created if missing).")
    var output: String

    @Option(help: "The PRNG seed.")
    var seed: UInt64 = 20_240_601

    func validate() throws {
        guard passages >= 1 && passages <= 50_000_000 else { throw ValidationError("--passages must be from 1 to 50,000,000") }
        guard questions >= 0 else { throw ValidationError("--questions cannot be negative") }
    }

    func run() throws {
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        let corpus = (output as NSString).appendingPathComponent("corpus.jsonl")
        let queries = (output as NSString).appendingPathComponent("queries.jsonl")
        let (summary, seconds) = try MonotonicClock.time {
            try SyntheticCorpusWriter(passages: passages, questions: questions, seed: seed)
                .write(corpus: corpus, queries: queries)
        }
        print(String(format: "%@: %d passages, %.1f MB, fnv1a64 %016llx", corpus, passages,
                     Double(summary.corpusBytes) / 1e6, summary.corpusChecksum))
        print(String(format: "%@: %d questions, fnv1a64 %016llx", queries, summary.questions, summary.queriesChecksum))
        print(String(format: "generated in %.1f s (seed %llu)", seconds, seed))
    }
}
