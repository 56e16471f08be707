import Foundation
import Testing

/// `guideqa index`, `--index FILE` and the automatic cache, through the real binary, each
/// test with its own XDG_CACHE_HOME and corpus folder.
@Suite struct IndexCommandTests {
    struct Sandbox {
        let root: URL
        var cache: URL { root.appendingPathComponent("cache") }
        var corpus: URL { root.appendingPathComponent("corpus") }
        var cacheFolder: URL { cache.appendingPathComponent("guideqa") }
        var environment: [String: String] { ["XDG_CACHE_HOME": cache.path] }

        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("gqa-index-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: root.appendingPathComponent("corpus"),
                                                    withIntermediateDirectories: true)
            try write(Self.guideline(ferritin: "above 10000"), to: "ferritin.md")
        }

        static func guideline(ferritin: String) -> String {
            """
            ---
            title: Ferritin guide
            updated: 2025-01-01
            ---
            ## Ferritin
            Ferritin \(ferritin) suggests hemophagocytic lymphohistiocytosis (HLH). [1]

            Fever and splenomegaly are common in HLH. [1]
            ## References
            1. Ref one.
            """
        }

        func write(_ text: String, to name: String) throws {
            try Data(text.utf8).write(to: corpus.appendingPathComponent(name))
        }

        func run(_ arguments: [String]) throws -> BinaryRunner.Result {
            try BinaryRunner.run(arguments, environment: environment)
        }

        func ask(_ question: String = "What does ferritin suggest?", _ extra: [String] = []) throws -> BinaryRunner.Result {
            try run(["ask", "--corpus", corpus.path] + extra + [question])
        }

        /// The cache entries (not temporary files).
        func entries() -> [URL] {
            ((try? FileManager.default.contentsOfDirectory(at: cacheFolder, includingPropertiesForKeys: nil)) ?? [])
                .filter { $0.pathExtension == "gqx" }
        }
    }

    @Test func firstStartWritesTheCacheAndTheSecondUsesIt() throws {
        let box = try Sandbox()
        let first = try box.ask()
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.isEmpty, "\(first.stderr)")
        #expect(box.entries().count == 1)
        let modified = try box.entries()[0].resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate
        let second = try box.ask()
        #expect(second.stdout == first.stdout)
        #expect(second.stderr.isEmpty, "\(second.stderr)")
        #expect(try box.entries()[0].resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate == modified)
        #expect(try box.ask("What does ferritin suggest?", ["--no-cache"]).stdout == first.stdout)
    }

    @Test func editedCorpusIsReindexedAndTheOldEntryRemoved() throws {
        let box = try Sandbox()
        #expect(try box.ask().stdout.contains("above 10000"))
        let before = box.entries()
        try box.write(Sandbox.guideline(ferritin: "above 5000"), to: "ferritin.md")
        let after = try box.ask()
        #expect(after.stdout.contains("above 5000"), "\(after.stdout)")
        #expect(!after.stdout.contains("above 10000"))
        #expect(after.stderr.isEmpty, "\(after.stderr)")
        #expect(box.entries().count == 1)
        #expect(box.entries() != before)
        // A new file is an edit too.
        try box.write(Sandbox.guideline(ferritin: "above 7000").replacingOccurrences(of: "Ferritin guide", with: "Second"),
                      to: "second.md")
        #expect(try box.ask().stdout.contains("above 7000"))
    }

    /// Damages the one cache entry, then checks the next start warns once, answers as before
    /// and leaves a sound entry for the start after.
    private func checkRebuilt(after damage: (inout Data) -> Void, saying phrase: String) throws {
        let box = try Sandbox()
        let good = try box.ask()
        let entry = try #require(box.entries().first)
        var data = try Data(contentsOf: entry)
        damage(&data)
        try data.write(to: entry)
        let damaged = try box.ask()
        #expect(damaged.status == 0)
        #expect(damaged.stdout == good.stdout)
        let warnings = damaged.stderr.split(separator: "\n")
        #expect(warnings.count == 1, "\(damaged.stderr)")
        #expect(warnings.first?.hasPrefix("guideqa: warning: cached index ") == true, "\(damaged.stderr)")
        #expect(damaged.stderr.contains(phrase), "\(damaged.stderr)")
        #expect(damaged.stderr.contains("rebuilding it"))
        let next = try box.ask()
        #expect(next.stderr.isEmpty, "\(next.stderr)")
        #expect(next.stdout == good.stdout)
    }

    @Test func truncatedCacheEntryIsReportedAndRebuilt() throws {
        try checkRebuilt(after: { $0 = $0.prefix($0.count / 2) }, saying: "truncated")
    }

    @Test func bitFlippedCacheEntryIsReportedAndRebuilt() throws {
        try checkRebuilt(after: { $0[$0.count - 100] ^= 0x04 }, saying: "corrupt")
    }

    @Test func foreignFormatCacheEntryIsReportedAndRebuilt() throws {
        try checkRebuilt(after: { $0[8] = 99 }, saying: "format version 99")
    }

    @Test func garbageCacheEntryIsReportedAndRebuilt() throws {
        try checkRebuilt(after: { $0 = Data("not an index at all, just text\n".utf8) }, saying: "not a guideqa index")
    }

    @Test func indexOutputThenIndexFlagAnswersLikeTheCorpus() throws {
        let box = try Sandbox()
        let file = box.root.appendingPathComponent("my.gqx").path
        let built = try box.run(["index", "--corpus", box.corpus.path, "--output", file])
        #expect(built.status == 0, "\(built.stderr)")
        #expect(built.stdout.contains("indexed 2 passages from 1 documents"), "\(built.stdout)")
        #expect(built.stdout.contains(file))
        let fromFile = try box.run(["ask", "--index", file, "What does ferritin suggest?"])
        #expect(fromFile.status == 0, "\(fromFile.stderr)")
        #expect(fromFile.stdout == (try box.ask("What does ferritin suggest?", ["--no-cache"])).stdout)
        // Piped REPL from the file, with :more.
        let repl = try BinaryRunner.run(["--index", file], stdin: "ferritin\n:more\n", environment: box.environment)
        #expect(repl.status == 0, "\(repl.stderr)")
        #expect(repl.stdout.contains("Ferritin above 10000"))
    }

    @Test func indexWithoutOutputFillsTheCache() throws {
        let box = try Sandbox()
        let built = try box.run(["index", "--corpus", box.corpus.path])
        #expect(built.status == 0, "\(built.stderr)")
        let entry = try #require(box.entries().first)
        #expect(built.stdout.contains(entry.lastPathComponent))
        let answer = try box.ask()
        #expect(answer.stderr.isEmpty)
        #expect(box.entries() == [entry])
    }

    @Test func badIndexFileExitsTwoWithWhatToDo() throws {
        let box = try Sandbox()
        let file = box.root.appendingPathComponent("bad.gqx")
        try Data("GQAINDEX".utf8).write(to: file)
        let truncated = try box.run(["ask", "--index", file.path, "ferritin"])
        #expect(truncated.status == 2)
        #expect(truncated.stderr.hasPrefix("guideqa: error: --index \(file.path): the index file is truncated"),
                "\(truncated.stderr)")
        #expect(truncated.stderr.contains("guideqa index --output"))
        let missing = try box.run(["ask", "--index", box.root.appendingPathComponent("none.gqx").path, "ferritin"])
        #expect(missing.status == 2)
        let both = try box.run(["ask", "--index", file.path, "--corpus", box.corpus.path, "ferritin"])
        #expect(both.status != 0)
        #expect(both.stderr.contains("not both"))
    }

    @Test func unwritableCacheFolderIsOnlyAWarning() throws {
        let box = try Sandbox()
        // A file where the cache folder should be: nothing can be created under it.
        try Data().write(to: box.cache)
        let result = try box.ask()
        #expect(result.status == 0)
        #expect(result.stdout.contains("Ferritin above 10000"))
        #expect(result.stderr.hasPrefix("guideqa: warning: cannot write the index cache"), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    /// The atomic write: a temporary file left by a writer killed mid-write (here: half an
    /// index under the temporary name of a process that no longer exists) never replaces
    /// the good entry, is never read, and is cleaned up by the next write.
    @Test func leftoverTemporaryFileNeverReplacesTheGoodEntry() throws {
        let box = try Sandbox()
        let good = try box.ask()
        let entry = try #require(box.entries().first)
        let original = try Data(contentsOf: entry)
        let leftover = URL(fileURLWithPath: entry.path + ".tmp-999999")
        try original.prefix(original.count / 2).write(to: leftover)
        let again = try box.ask()
        #expect(again.stdout == good.stdout)
        #expect(again.stderr.isEmpty, "\(again.stderr)")
        #expect(try Data(contentsOf: entry) == original)
        // The next write (an edit) removes the dead writer's leftover.
        try box.write(Sandbox.guideline(ferritin: "above 5000"), to: "ferritin.md")
        _ = try box.ask()
        #expect(!FileManager.default.fileExists(atPath: leftover.path))
    }

    /// A writer killed with SIGKILL while it writes: the entry it would have replaced is untouched.
    @Test func writerKilledMidWriteLeavesTheGoodEntry() throws {
        let box = try Sandbox()
        let good = try box.ask()
        let entry = try #require(box.entries().first)
        let original = try Data(contentsOf: entry)
        // Rebuild the same entry in a child, and kill it as soon as its temporary file appears.
        let process = Process()
        process.executableURL = BinaryRunner.binary
        process.arguments = ["index", "--corpus", box.corpus.path]
        process.environment = box.environment.merging(["HOME": box.root.path]) { a, _ in a }
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let temporary = entry.path + ".tmp-\(process.processIdentifier)"
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning && !FileManager.default.fileExists(atPath: temporary) && Date() < deadline {
            usleep(200)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(try Data(contentsOf: entry) == original)
        let after = try box.ask()
        #expect(after.stdout == good.stdout)
        #expect(after.stderr.isEmpty, "\(after.stderr)")
    }
}
