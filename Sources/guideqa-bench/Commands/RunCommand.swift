import ArgumentParser
import Foundation
import GuideQA

/// `guideqa-bench run`: one corpus, one question file, both engines, one process, one
/// moment. Progress goes to standard error; the tables (Markdown) to standard output.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Measure guideqa and SQLite FTS5 on a corpus and a question file."
    )

    enum BarSet: String, ExpressibleByArgument, CaseIterable {
        case eval, million, synth100k = "synth-100k", none
    }

    @Option(help: "The corpus: a .jsonl passage file (or a folder of .md guidelines).")
    var corpus: String

    @Option(help: "The questions: JSONL with \"question\" and optionally \"relevant\" (passage ids).")
    var queries: String

    @Flag(help: "Measure guideqa alone.")
    var noFts5 = false

    @Flag(help: "Time guideqa's questions as answered only, without the pass that ranks every match.")
    var noEveryMatch = false

    @Option(help: "Use only the first N questions.")
    var limit: Int?

    @Option(help: "Questions asked once, untimed, before the timed pass (each engine).")
    var warmup = 100

    @Option(help: "guideqa's ranking model: tfidf or bm25 (default: the engine's default).")
    var ranking: String?

    @Option(help: "Spawn `guideqa ask` and `cold-fts5` this many times for the cold-start figures (0: skip).")
    var coldRuns = 3

    @Option(help: "The guideqa executable for the cold start (default: next to this one).")
    var guideqa: String?

    @Option(help: "Which of the issue's bars to check: eval, million, synth-100k (REPL ready from the index file) or none.")
    var bar: BarSet = .none

    @Option(help: "A name for this run, printed above its tables.")
    var label: String?

    @Option(help: "A folder of synonym tables (.tsv) that questions are expanded with, as guideqa ships them (\"\": none).")
    var vocabulary = "Vocabulary"

    @Option(help: "Conversations (JSONL with \"turns\", e.g. conversations-dev.jsonl): their follow-up turns are timed with their context and alone.")
    var conversations: String?

    @Option(help: "Write each question's guideqa time here (TSV: line, as answered ns, every match ns, question), to find the slow ones.")
    var latencies: String?

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
        if warmup < 0 || coldRuns < 0 { throw ValidationError("--warmup and --cold-runs cannot be negative") }
        if let ranking, RankingModel(rawValue: ranking) == nil {
            throw ValidationError("--ranking must be one of: \(RankingModel.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        for (flag, path) in [("--corpus", corpus), ("--queries", queries)] + (conversations.map { [("--conversations", $0)] } ?? [])
        where !FileManager.default.fileExists(atPath: path) {
            throw ValidationError("\(flag) '\(path)': no such file or folder")
        }
    }

    func run() throws {
        var options = EngineOptions()
        if let ranking, let model = RankingModel(rawValue: ranking) { options.ranking = model }

        let questions = try QuestionFile.load(path: queries, limit: limit)
        progress("loading \(corpus)")
        let (corpusValue, loadSeconds) = try MonotonicClock.time { try CorpusLoader.load(path: corpus) }
        let loaded = corpusValue
        ProcessMemory.trim()
        let residentWithCorpus = ProcessMemory.resident()
        let textBytes = loaded.passages.reduce(0) {
            $0 + $1.text.utf8.count + loaded.document(of: $1).title.utf8.count
        }
        let warm = min(warmup, questions.count)

        let synonyms = try Self.synonymTables(vocabulary)
        progress("guideqa: building the index and asking \(questions.count) questions")
        let (guide, breakdown, engine) = try GuideQARunner(corpus: loaded, options: options, vocabulary: synonyms)
            .measure(questions: questions, warmup: warm, everyMatch: !noEveryMatch)
        if let latencies { try Self.write(latencies: latencies, guide, questions) }
        progress("guideqa: what each feature costs (\(FeatureCosts.variants.count) passes"
                 + (conversations == nil ? ")" : ", and the follow-up turns of \(conversations!))"))
        let features = try FeatureCosts.measure(engine, vocabulary: synonyms, harvested: Vocabulary.harvested(from: loaded),
                                                questions: questions,
                                                conversations: try conversations.map { try EvaluationSet.conversations(path: $0) } ?? [],
                                                warmup: warm)

        var fts5: EngineMeasurement?
        if !noFts5 {
            progress("FTS5: building the index and asking \(questions.count) questions")
            fts5 = try FTS5Runner(corpus: loaded).measure(questions: questions, warmup: warm)
        }

        var guideCold = guide
        var ftsCold = fts5
        if coldRuns > 0, let first = questions.first?.text {
            progress("cold start: \(coldRuns) × guideqa ask" + (noFts5 ? "" : ", \(coldRuns) × cold-fts5"))
            let executable = guideqa ?? ((Machine.executablePath() as NSString).deletingLastPathComponent + "/guideqa")
            // --no-cache: this row is the start from the corpus (parse + index), not from the cache.
            var arguments = ["ask", "--no-cache", "--corpus", corpus]
            if let ranking { arguments += ["--ranking", ranking] }
            coldStart(&guideCold, executable: executable, arguments: arguments + [first])
            indexFile(&guideCold, executable: executable, ranking: ranking, question: first)
            if ftsCold != nil {
                coldStart(&ftsCold!, executable: Machine.executablePath(),
                          arguments: ["cold-fts5", "--corpus", corpus, first])
            }
        }

        let report = RunReport(
            label: label ?? (corpus as NSString).lastPathComponent, corpusPath: corpus, queriesPath: queries,
            passages: loaded.passages.count, textBytes: textBytes, questions: questions.count, warmup: warm,
            ranking: options.ranking.rawValue, floor: options.floor, loadSeconds: loadSeconds, residentWithCorpus: residentWithCorpus,
            guideqa: guideCold, fts5: ftsCold, breakdown: breakdown, features: features, bar: bar)
        print(report.render())
    }

    /// One line per question, in file order: for sorting and joining with other runs.
    private static func write(latencies path: String, _ m: EngineMeasurement, _ questions: [BenchQuestion]) throws {
        var out = "line\tas_answered_ns\tevery_match_ns\tquestion\n"
        for (i, question) in questions.enumerated() {
            let every = i < m.everyMatchNanoseconds.count ? String(m.everyMatchNanoseconds[i]) : ""
            let text = question.text.replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\n", with: " ")
            out += "\(i + 1)\t\(m.nanoseconds[i])\t\(every)\t\(text)\n"
        }
        do {
            try out.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw ValidationError("--latencies '\(path)': cannot write (\(error.localizedDescription))")
        }
    }

    /// The persisted index: `guideqa index --output`, its size, its load in process, and
    /// the cold start from it (`guideqa ask --index FILE`).
    private func indexFile(_ m: inout EngineMeasurement, executable: String, ranking: String?, question: String) {
        guard FileManager.default.isExecutableFile(atPath: executable) else { return }
        progress("index file: guideqa index --output, load \(coldRuns) ×, \(coldRuns) × guideqa ask --index, "
                 + "\(coldRuns) × guideqa repl --index < /dev/null")
        let runner = IndexFileRunner(executable: executable, corpus: corpus)
        do {
            let path = try runner.build()
            defer { IndexFileRunner.remove(path) }
            let result = try runner.measure(path, runs: coldRuns)
            m.storedIndexBytes = result.bytes
            m.storedIndexLoadSeconds = result.loadSeconds
            var arguments = ["ask", "--index", path]
            if let ranking { arguments += ["--ranking", ranking] }
            m.indexColdStarts = try ColdStart(executable: executable, arguments: arguments + [question]).measure(runs: coldRuns)
            m.indexReplStarts = try ColdStart(executable: executable, arguments: ["repl", "--index", path],
                                              emptyInput: true).measure(runs: coldRuns)
        } catch {
            m.coldStartError = "index file: \(error)"
        }
    }

    private func coldStart(_ m: inout EngineMeasurement, executable: String, arguments: [String]) {
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            m.coldStartError = "no executable at \(executable) (build it, or pass --guideqa)"
            return
        }
        do {
            m.coldStarts = try ColdStart(executable: executable, arguments: arguments).measure(runs: coldRuns)
        } catch {
            m.coldStartError = error.description
        }
    }

    /// Every `.tsv` table in `folder` (none for an empty path or a missing folder).
    static func synonymTables(_ folder: String) throws -> Vocabulary {
        var vocabulary = Vocabulary.empty
        guard !folder.isEmpty, let files = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
            return vocabulary
        }
        for file in files.sorted() where file.hasSuffix(".tsv") {
            vocabulary.add(try Vocabulary.load(tsv: (folder as NSString).appendingPathComponent(file)))
        }
        return vocabulary
    }

    private func progress(_ message: String) {
        FileHandle.standardError.write(Data("guideqa-bench: \(message)\n".utf8))
    }
}
