import ArgumentParser
import DefaultCorpus
import Foundation
import GuideQA

/// The flags every subcommand that answers questions shares.
struct EngineFlags: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "A corpus to load instead of the default: a folder of .md guideline documents, or a .jsonl file.",
        valueName: "path"))
    var corpus: String?

    @Option(name: .long, help: "Ranking model: tfidf or bm25.")
    var ranking: RankingModel = EngineOptions().ranking

    @Option(name: .long, help: "BM25 k1 (term-frequency saturation), 0…10.")
    var k1: Double = BM25Scorer.defaultK1

    @Option(name: .long, help: "BM25 b (length normalization), 0…1.")
    var b: Double = BM25Scorer.defaultB

    @Option(name: .long, help: "Passages per answer.")
    var top: Int = EngineOptions().top

    @Option(name: .long, help: "No-answer floor: share (0…1) of the question a passage must match to be shown.")
    var floor: Double = EngineOptions().floor

    @Option(name: .long, help: "Weight of a match in a passage's document title or section heading, against one in its text.")
    var headingWeight: Double = EngineOptions().headingWeight

    @Option(name: .long, help: "Weight of topic words carried into follow-up questions.")
    var contextWeight: Double = EngineOptions().contextWeight

    @Option(name: .long, help: "Weight of the answer words a question's intent adds (\"outlook\" → \"prognosis\").")
    var intentWeight: Double = EngineOptions().intentWeight

    @Option(name: .long, help: "Expansions add at most this multiple of a passage's score from the question's own words.")
    var expansionCap: Double = EngineOptions().expansionCap

    @Option(name: .long, help: "Bonus (times idf) when words adjacent in the question stand together in a passage.")
    var proximityWeight: Double = EngineOptions().proximityWeight

    @Option(name: .long, help: "Weight of synonym and abbreviation terms added for names in a question.")
    var synonymWeight: Double = EngineOptions().synonymWeight

    @Flag(name: .long, help: "Do not expand questions with the shipped synonym and abbreviation tables.")
    var noSynonyms = false

    @Option(name: .long, help: ArgumentHelp(
        "Start from an index file built by 'guideqa index --output FILE' instead of a corpus.", valueName: "file"))
    var index: String?

    @Flag(name: .long, help: "Neither read nor write the index cache ($XDG_CACHE_HOME/guideqa): index the corpus in memory.")
    var noCache = false

    func validate() throws {
        guard top >= 1 && top <= 1000 else { throw ValidationError("--top must be from 1 to 1000") }
        guard floor >= 0 && floor <= 1 else { throw ValidationError("--floor must be from 0 to 1") }
        guard headingWeight >= 0 && headingWeight <= 100 else { throw ValidationError("--heading-weight must be from 0 to 100") }
        guard proximityWeight >= 0 && proximityWeight <= 100 else { throw ValidationError("--proximity-weight must be from 0 to 100") }
        guard expansionCap >= 0 && expansionCap <= 100 else { throw ValidationError("--expansion-cap must be from 0 to 100") }
        guard intentWeight >= 0 && intentWeight <= 10 else { throw ValidationError("--intent-weight must be from 0 to 10") }
        guard synonymWeight >= 0 && synonymWeight <= 10 else { throw ValidationError("--synonym-weight must be from 0 to 10") }
        guard contextWeight >= 0 && contextWeight <= 10 else { throw ValidationError("--context-weight must be from 0 to 10") }
        if index != nil && corpus != nil {
            throw ValidationError("give --corpus or --index, not both (an index file holds its corpus)")
        }
        if let corpus, !FileManager.default.fileExists(atPath: corpus),
           (try? FileManager.default.destinationOfSymbolicLink(atPath: corpus)) == nil {
            throw ValidationError("--corpus '\(corpus)': no such file or folder")
        }
        do { _ = try BM25Scorer(k1: k1, b: b) } catch { throw ValidationError(error.description) }
    }

    var options: EngineOptions {
        var options = EngineOptions()
        options.ranking = ranking
        options.k1 = k1
        options.b = b
        options.top = top
        options.floor = floor
        options.headingWeight = headingWeight
        options.contextWeight = contextWeight
        options.intentWeight = intentWeight
        options.expansionCap = expansionCap
        options.proximityWeight = proximityWeight
        options.synonymWeight = synonymWeight
        return options
    }

    /// The engine for these flags: from `--index FILE`, else from the index cache (built
    /// and stored on a miss), else (`--no-cache`) by indexing the corpus in memory. A bad
    /// corpus or index file ends the program with its error.
    func makeEngine() throws -> Engine {
        if let index { return try makeEngine(indexFile: index) }
        let path = try Self.corpusPath(corpus)
        if noCache { return try makeEngine(corpus: try Self.loadCorpus(at: path)) }
        return try makeCachedEngine(corpusPath: path)
    }

    /// The corpus `--corpus` names, or the default one.
    func loadCorpus() throws -> Corpus {
        try Self.loadCorpus(at: try Self.corpusPath(corpus))
    }

    /// `--corpus`, or the default corpus's folder.
    static func corpusPath(_ corpus: String?) throws -> String {
        if let corpus { return corpus }
        guard let url = DefaultCorpus.url() else { throw Failure.noDefaultCorpus }
        return url.path
    }

    static func loadCorpus(at path: String) throws -> Corpus {
        do {
            return try CorpusLoader.load(path: path)
        } catch {
            throw Failure.corpus(error)
        }
    }

    /// Indexes a loaded corpus with these flags' options and the shipped vocabulary
    /// (showing progress on a terminal when it takes long).
    func makeEngine(corpus: Corpus) throws -> Engine {
        let built = Self.buildIndex(corpus, analysis: options.analysis)
        return try Engine(corpus: corpus, index: built.index, analyzer: built.analyzer, options: options,
                          harvested: nil, loadingVocabulary: vocabularyLoader())
    }

    /// The shipped vocabulary, read later: the engine calls this on the background thread
    /// that builds its synonym table, so the prompt does not wait for the TSV parse. A
    /// table that cannot be read there is a warning (the answers go without synonyms),
    /// since the engine is already answering.
    func vocabularyLoader() -> @Sendable () -> Vocabulary {
        let flags = self
        return {
            do {
                return try flags.vocabulary()
            } catch {
                Terminal.error("guideqa: warning: \(error); questions are not expanded with synonyms")
                return .empty
            }
        }
    }

    /// The shipped vocabulary: every `.tsv` file of the `Vocabulary` resource folder.
    func vocabulary() throws -> Vocabulary {
        guard !noSynonyms, let folder = DefaultCorpus.vocabularyURL() else { return .empty }
        var vocabulary = Vocabulary.empty
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for file in files.sorted() where file.hasSuffix(".tsv") {
            do {
                vocabulary.add(try Vocabulary.load(tsv: folder.appendingPathComponent(file).path))
            } catch {
                throw Failure.corpus(error)
            }
        }
        return vocabulary
    }
}

extension RankingModel: ExpressibleByArgument {}
