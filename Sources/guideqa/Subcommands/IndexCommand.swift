import ArgumentParser
import Foundation
import GuideQA

/// `guideqa index`: builds the index file of a corpus ahead of time, into the cache (the
/// entry the next `guideqa` start will find) or into `--output FILE` for `--index FILE`.
struct IndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Build a corpus's index file, into the cache or --output FILE.",
        discussion: """
            Without --output, writes the cache entry that 'guideqa', 'ask' and 'check' load at \
            start ($XDG_CACHE_HOME/guideqa, default ~/.cache/guideqa). With --output FILE, writes \
            a file to start from with '--index FILE'. Exit status: 0 written, 1 the file cannot \
            be written, 2 the corpus cannot be loaded. Format: docs/index-file.md.
            """
    )

    @Option(name: .long, help: ArgumentHelp(
        "The corpus to index instead of the default: a folder of .md guideline documents, or a .jsonl file.",
        valueName: "path"))
    var corpus: String?

    @Option(name: .long, help: ArgumentHelp("Write the index to this file instead of the cache.", valueName: "file"))
    var output: String?

    func run() throws {
        try reportingFailures {
            let started = ContinuousClock.now
            let path = try EngineFlags.corpusPath(corpus)
            let files = try EngineFlags.corpusFiles(at: path)
            let analysis = EngineOptions().analysis
            let loaded = try EngineFlags.loadCorpus(at: path)
            let key: UInt64
            do throws(IndexFileError) {
                key = try IndexFile.corpusKey(files: files, engineVersion: GuideQAVersion.string, analysis: analysis)
            } catch {
                throw Failure.message("\(path): \(error.description)", code: 2)
            }
            let built = EngineFlags.buildIndex(loaded, analysis: analysis)
            let encoding: IndexFile.Encoding
            do throws(IndexFileError) {
                encoding = try IndexFile.encoding(corpus: loaded, index: built.index,
                                                  harvested: Vocabulary.harvested(from: loaded),
                                                  engineVersion: GuideQAVersion.string, analysis: analysis,
                                                  corpusKey: key)
            } catch {
                throw Failure.message(error.description, code: 1)
            }
            let cache = IndexCache(folder: IndexCache.defaultFolder())
            let destination = output ?? cache.entryPath(corpusPath: path, key: key)
            // Streamed into the file: at a million passages it is over a gigabyte.
            var written = 0
            do {
                let folder = (destination as NSString).deletingLastPathComponent
                if !folder.isEmpty {
                    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                }
                if output == nil {
                    cache.store(at: destination, corpusPath: path) { written = try encoding.write(to: $0) }
                    guard FileManager.default.fileExists(atPath: destination) else { throw CocoaError(.fileWriteUnknown) }
                } else {
                    written = try encoding.write(to: destination)
                }
            } catch {
                throw Failure.message("cannot write the index file \(destination): "
                                      + ((error as NSError).localizedFailureReason ?? "\(error)"), code: 1)
            }
            let seconds = Double((ContinuousClock.now - started).components.attoseconds) / 1e18
                + Double((ContinuousClock.now - started).components.seconds)
            print("indexed \(loaded.passages.count) passages from \(loaded.documents.count) documents in "
                  + String(format: "%.2f s", seconds) + "; wrote \(written) bytes to \(destination)")
        }
    }
}
