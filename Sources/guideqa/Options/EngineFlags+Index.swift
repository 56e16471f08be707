import Foundation
import GuideQA

/// How `EngineFlags` starts an engine from an index file or the index cache.
extension EngineFlags {
    /// What `IndexFile` headers are checked against: this release and these options.
    var indexExpectation: IndexFile.Expectation {
        IndexFile.Expectation(engineVersion: GuideQAVersion.string, analysis: options.analysis)
    }

    /// `--index FILE`: the file must be a good index; anything else exits with status 2.
    func makeEngine(indexFile path: String) throws -> Engine {
        let contents: IndexFile.Contents
        do {
            contents = try IndexFile.load(path: path, expecting: indexExpectation)
        } catch {
            throw Failure.message("--index \(path): \(error.description); "
                                  + "rebuild it with 'guideqa index --output \(path)'", code: 2)
        }
        return try makeEngine(contents)
    }

    /// An engine over decoded index file contents: nothing is re-analyzed or re-harvested.
    func makeEngine(_ contents: IndexFile.Contents) throws -> Engine {
        try Engine(corpus: contents.corpus, index: contents.index, analyzer: Analyzer(options: contents.metadata.analysis),
                   options: options, harvested: contents.harvested, loadingVocabulary: vocabularyLoader())
    }

    /// The cache entry of the corpus if it is there and sound; else the corpus is indexed
    /// and the entry (re)written for the next start.
    func makeCachedEngine(corpusPath path: String) throws -> Engine {
        let files = try Self.corpusFiles(at: path)
        let analysis = options.analysis
        // A file that cannot be read for the key will fail the corpus load with a better message.
        guard let key = try? IndexFile.corpusKey(files: files, engineVersion: GuideQAVersion.string, analysis: analysis)
        else { return try makeEngine(corpus: try Self.loadCorpus(at: path)) }
        let cache = IndexCache(folder: IndexCache.defaultFolder())
        let entry = cache.entryPath(corpusPath: path, key: key)
        var expectation = indexExpectation
        expectation.corpusKey = key
        if let contents = cache.load(entry, expecting: expectation) { return try makeEngine(contents) }

        let corpus = try Self.loadCorpus(at: path)
        let built = Self.buildIndex(corpus, analysis: analysis)
        let harvested = Vocabulary.harvested(from: corpus)
        let engine = try Engine(corpus: corpus, index: built.index, analyzer: built.analyzer, options: options,
                                harvested: harvested, loadingVocabulary: vocabularyLoader())
        do {
            // Streamed into the cache file, beside the engine that already holds the index.
            let encoding = try IndexFile.encoding(corpus: corpus, index: built.index, harvested: harvested,
                                                  engineVersion: GuideQAVersion.string, analysis: analysis,
                                                  corpusKey: key)
            cache.store(at: entry, corpusPath: path) { try encoding.write(to: $0) }
        } catch {
            Terminal.error("guideqa: warning: the index cannot be cached: \(error.description)")
        }
        return engine
    }

    /// The corpus files a path stands for, in order (what the cache key hashes).
    static func corpusFiles(at path: String) throws -> [String] {
        do throws(CorpusError) { return try CorpusLoader.corpusFiles(at: path) } catch { throw Failure.corpus(error) }
    }

    /// Indexes a corpus, with progress on a terminal when it takes more than a second.
    static func buildIndex(_ corpus: Corpus, analysis: Analyzer.Options) -> (index: InvertedIndex, analyzer: Analyzer) {
        let analyzer = Analyzer(options: analysis)
        let progress = IndexingProgress(total: corpus.passages.count)
        let index = InvertedIndex(corpus: corpus, analyzer: analyzer, progress: progress.update)
        progress.finish()
        return (index, analyzer)
    }
}
