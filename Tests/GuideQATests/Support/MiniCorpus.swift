import Foundation
@testable import GuideQA

/// Builds small corpora inline, so each test states its passages next to its assertions.
enum MiniCorpus {
    /// A corpus of JSONL passages: (id, title, text); every passage cites source "S".
    static func jsonl(_ passages: [(String, String, String)], source: String = "Test source, 2024.") throws -> Corpus {
        var builder = CorpusBuilder()
        for (i, p) in passages.enumerated() {
            try builder.addPassage(id: p.0, title: p.1, text: p.2, source: source,
                                   location: SourceLocation(file: "mini.jsonl", line: i + 1))
        }
        return builder.build()
    }

    /// Writes files into a fresh temporary folder and returns its path.
    static func folder(_ files: [String: String]) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gqa-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for (name, text) in files {
            let url = dir.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return dir.path
    }

    /// The repository's default corpus folder.
    static var defaultCorpusPath: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Corpus").path
    }

    /// The shared evaluation data folder (`../shared/eval`), if present.
    static var evalPath: String? {
        let path = URL(fileURLWithPath: defaultCorpusPath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("shared/eval").path
        return FileManager.default.fileExists(atPath: path + "/corpus.jsonl") ? path : nil
    }
}
