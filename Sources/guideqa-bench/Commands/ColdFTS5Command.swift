import ArgumentParser
import Foundation
import GuideQA

/// FTS5's counterpart of `guideqa ask` for the cold-start figure: a fresh process
/// that loads the corpus with the same loader, builds the FTS5 index in memory,
/// answers one question and prints the passage ids. Spawned by `run`; not for people.
struct ColdFTS5Command: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cold-fts5",
        abstract: "Load, index with FTS5, answer one question, print the top passage ids (used by run).",
        shouldDisplay: false
    )

    @Option(help: "The corpus (.jsonl or a folder of .md).")
    var corpus: String

    @Argument(help: "The question.")
    var question: [String]

    func run() throws {
        let loaded = try CorpusLoader.load(path: corpus)
        let index = try FTS5Index(corpus: loaded)
        let ids = try index.search(question.joined(separator: " ")).map { loaded.passages[$0].id }
        print(ids.isEmpty ? "(no passage)" : ids.joined(separator: "\n"))
    }
}
