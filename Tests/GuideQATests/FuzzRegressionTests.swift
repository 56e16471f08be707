import Foundation
import Testing
@testable import GuideQA

/// Issue 7: the fuzz targets' seeds (fuzz/seeds/<target>/) and a fixed, deterministic set
/// of mutations of them, run in process on every `swift test`, plus every input the fuzzer
/// (fuzz/run.sh, libFuzzer) ever crashed on, as a regression case. A crash here ends the
/// test process; an error thrown is a pass: these check "handled", not "accepted".
@Suite struct FuzzRegressionTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func seeds(_ target: String) throws -> [Data] {
        let folder = root.appendingPathComponent("fuzz/seeds/\(target)")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        return try names.map { try Data(contentsOf: folder.appendingPathComponent($0)) }
    }

    /// SplitMix64: the same mutations on every machine and run.
    struct PRNG: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Bytes that matter to GuideQA's parsers, spliced in by the mutator.
    static let dictionary: [[UInt8]] = [
        "\n", "\r\n", "---", "## ", "### ", "- ", "  ", "[1]", "[2–4]", "[1, 3]", "[", "]", "1. ", "99999999999999999999. ",
        "title: ", "updated: ", "id: ", "{", "}", "\"", "\\", "\\u", "\\ud800", ":", ",", "null", "5", "-1e999",
        "> ", "# ", "conversation: ", "rank 1: ", "top 1000: ", "contains: ", "no answer", ":reset", " › ",
        "\u{1B}[", "\u{1B}]8;;", "\u{202E}", "\u{0301}", "🩸", "IL-18", "1g/day", "HLH-2004", "(HLH)",
    ].map { Array($0.utf8) } + [[0x00], [0xFF], [0xC3], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80]]

    /// One to four of: flip a bit, set a byte, insert or delete a run, duplicate a run, splice a dictionary word.
    static func mutate(_ seed: Data, _ rng: inout PRNG) -> Data {
        var bytes = [UInt8](seed)
        for _ in 0..<Int.random(in: 1...4, using: &rng) {
            let at = bytes.isEmpty ? 0 : Int.random(in: 0...bytes.count, using: &rng)
            switch Int.random(in: 0..<6, using: &rng) {
            case 0 where at < bytes.count: bytes[at] ^= UInt8(1) << UInt8.random(in: 0..<8, using: &rng)
            case 1 where at < bytes.count: bytes[at] = UInt8.random(in: 0...255, using: &rng)
            case 2: bytes.insert(contentsOf: (0..<Int.random(in: 1...8, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }, at: at)
            case 3 where at < bytes.count:
                bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...64, using: &rng)))
            case 4 where at < bytes.count:
                let run = bytes[at..<min(bytes.count, at + Int.random(in: 1...256, using: &rng))]
                bytes.insert(contentsOf: run, at: Int.random(in: 0...bytes.count, using: &rng))
            default: bytes.insert(contentsOf: dictionary.randomElement(using: &rng)!, at: at)
            }
        }
        return Data(bytes)
    }

    /// The seeds, then `count` mutations (each of a seed chosen at random).
    static func inputs(_ target: String, count: Int, seed: UInt64) throws -> [Data] {
        let seeds = try Self.seeds(target)
        try #require(!seeds.isEmpty, "fuzz/seeds/\(target) is empty")
        var rng = PRNG(state: seed)
        return seeds + (0..<count).map { _ in mutate(seeds.randomElement(using: &rng)!, &rng) }
    }

    static let engine: Engine = {
        let corpus = try! CorpusLoader.load(path: MiniCorpus.defaultCorpusPath)
        return try! Engine(corpus: corpus)
    }()

    // MARK: - The targets (as in Sources/GuideQAFuzz)

    static func loadCorpus(_ data: Data, name: String) throws {
        let dir = try MiniCorpus.folder([:])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try data.write(to: URL(fileURLWithPath: dir + "/" + name))
        guard let corpus = try? CorpusLoader.load(path: dir + "/" + name) else { return }
        let engine = try Engine(corpus: corpus)
        _ = TextRenderer(analyzer: engine.analyzer, width: 60, styled: true)
            .render(engine.answer(corpus.passages.first?.text ?? ""))
    }

    static func query(_ data: Data) {
        let text = String(decoding: data, as: UTF8.self)
        var conversation = Conversation()
        var last: Answer?
        let plain = TextRenderer(analyzer: engine.analyzer, width: nil, styled: false)
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).prefix(8) {
            let answer = line.hasPrefix(":") && last != nil ? engine.more(after: last!, count: 3)
                                                             : engine.answer(String(line), in: &conversation, top: 5)
            let shown = plain.render(answer)
            #expect(!shown.unicodeScalars.contains { ($0.value < 0x20 && $0.value != 0x0A) || (0x7F...0x9F).contains($0.value) },
                    "control character shown for \(Array(data.prefix(80)))")
            _ = JSONRenderer.render(answer)
            if let first = answer.items.first { _ = engine.explain(answer.plan, passage: first.passageIndex) }
            last = answer
        }
    }

    // MARK: - Seeds and mutations

    @Test func corpusDocumentSeedsAndMutations() throws {
        for input in try Self.inputs("corpus-document", count: 200, seed: 1) { try Self.loadCorpus(input, name: "doc.md") }
    }

    @Test func jsonlSeedsAndMutations() throws {
        for input in try Self.inputs("jsonl", count: 200, seed: 2) { try Self.loadCorpus(input, name: "passages.jsonl") }
    }

    @Test func analyzerSeedsAndMutations() throws {
        let analyzer = Analyzer()
        for input in try Self.inputs("analyzer", count: 1000, seed: 3) {
            let text = String(decoding: input, as: UTF8.self)
            for token in analyzer.analyze(text) { #expect(!token.term.isEmpty) }
        }
    }

    @Test func querySeedsAndMutations() throws {
        for input in try Self.inputs("query", count: 300, seed: 4) { Self.query(input) }
    }

    @Test func checkScriptSeedsAndMutations() throws {
        for input in try Self.inputs("check-script", count: 500, seed: 5) {
            _ = try? CheckScriptParser.parse(data: input, file: "fuzz.qa")
        }
    }

    @Test func indexFileSeedsAndMutations() throws {
        var accepted = 0
        for input in try Self.inputs("index-file", count: 300, seed: 6) {
            if let contents = try? IndexFile.decode([UInt8](input), expecting: nil) {
                accepted += 1
                let engine = try Engine(corpus: contents.corpus, index: contents.index,
                                        analyzer: Analyzer(options: contents.metadata.analysis), harvested: contents.harvested)
                _ = engine.answer("ferritin fever")
            }
        }
        #expect(accepted >= 1, "the seed itself decodes")
    }

    // MARK: - Regression cases: inputs the fuzzer crashed on (fuzz/crashes/), fixed since

    // None so far: see docs/reliability.md for the runs.
}
