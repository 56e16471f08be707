import Foundation
import Testing
@testable import GuideQA

/// The persisted index: a round trip answers exactly as the in-memory index does, and a
/// damaged, truncated or foreign file is refused with the error that says so.
@Suite struct IndexFileTests {
    static let version = "test-1"

    static func encode(_ corpus: Corpus, version: String = version, key: UInt64 = 0) throws -> [UInt8] {
        let analyzer = Analyzer()
        let index = InvertedIndex(corpus: corpus, analyzer: analyzer)
        return try IndexFile.encode(corpus: corpus, index: index, harvested: Vocabulary.harvested(from: corpus),
                                    engineVersion: version, analysis: analyzer.options, corpusKey: key)
    }

    static func expectation(key: UInt64? = nil) -> IndexFile.Expectation {
        IndexFile.Expectation(engineVersion: version, analysis: Analyzer.Options(), corpusKey: key)
    }

    static func engine(_ contents: IndexFile.Contents, vocabulary: Vocabulary = .empty) throws -> Engine {
        try Engine(corpus: contents.corpus, index: contents.index, analyzer: Analyzer(options: contents.metadata.analysis),
                   vocabulary: vocabulary, harvested: contents.harvested)
    }

    static func error(_ bytes: [UInt8], expecting: IndexFile.Expectation? = expectation()) -> IndexFileError? {
        do {
            _ = try IndexFile.decode(bytes, expecting: expecting)
            return nil
        } catch {
            return error
        }
    }

    static let questions = [
        "What is HLH?", "How is cytokine release syndrome graded?", "treatment of MAS in sJIA",
        "What does the HScore measure?", "ferritin", "What is the capital of France?",
    ]

    // MARK: Round trip

    @Test func defaultCorpusRoundTripGivesIdenticalAnswers() throws {
        let corpus = try CorpusLoader.load(path: MiniCorpus.defaultCorpusPath)
        let original = try Engine(corpus: corpus)
        let loaded = try Self.engine(try IndexFile.decode(try Self.encode(corpus), expecting: Self.expectation()))

        #expect(loaded.corpus.passages == corpus.passages)
        #expect(loaded.corpus.documents == corpus.documents)
        #expect(loaded.corpus.references == corpus.references)
        for (a, b) in [(original.index.body, loaded.index.body), (original.index.heading, loaded.index.heading)] {
            #expect(a.terms == b.terms)
            #expect(a.terms.indices.allSatisfy { a.termID(a.terms[$0]) == Int32($0) && b.termID(a.terms[$0]) == Int32($0) })
            #expect(a.postingStart == b.postingStart)
            #expect(a.postingPassages == b.postingPassages)
            #expect(a.postingFrequencies == b.postingFrequencies)
            #expect(a.positionStart == b.positionStart)
            #expect(a.positions == b.positions)
            #expect(a.lengths == b.lengths)
            #expect(a.totalLength == b.totalLength)
        }
        for question in Self.questions {
            var c1 = Conversation(), c2 = Conversation()
            let a = original.answer(question, in: &c1, top: 2)
            let b = loaded.answer(question, in: &c2, top: 2)
            #expect(JSONRenderer.render(a) == JSONRenderer.render(b), "\(question)")
            // `:more`: the next page continues from the same ranked position.
            #expect(JSONRenderer.render(original.more(after: a)) == JSONRenderer.render(loaded.more(after: b)))
            // A follow-up carries the same context.
            #expect(JSONRenderer.render(original.answer("and the treatment?", in: &c1))
                    == JSONRenderer.render(loaded.answer("and the treatment?", in: &c2)))
            for item in a.items {
                #expect(original.explain(a.plan, passage: item.passageIndex) == loaded.explain(b.plan, passage: item.passageIndex))
            }
        }
    }

    @Test func harvestedAbbreviationsAreStoredNotReharvested() throws {
        let corpus = try CorpusLoader.load(path: MiniCorpus.defaultCorpusPath)
        let contents = try IndexFile.decode(try Self.encode(corpus), expecting: Self.expectation())
        #expect(contents.harvested.groups == Vocabulary.harvested(from: corpus).groups)
        #expect(!contents.harvested.groups.isEmpty)
    }

    @Test func fileThroughMmapEqualsBytes() throws {
        let corpus = try CorpusLoader.load(path: MiniCorpus.defaultCorpusPath)
        let bytes = try Self.encode(corpus, key: 42)
        let path = try MiniCorpus.folder([:]) + "/index.gqx"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let contents = try IndexFile.load(path: path, expecting: Self.expectation(key: 42))
        #expect(contents.metadata.corpusKey == 42)
        #expect(contents.corpus.passages == corpus.passages)
        #expect(contents.metadata.engineVersion == Self.version)
    }

    @Test func jsonlCorpusWithEmptyTextsRoundTrips() throws {
        let corpus = try MiniCorpus.jsonl([("a", "Title A", "Ferritin (FER) is high"), ("b", "Title A", "Ünïcode ✓ β-2 10 mg/kg"),
                                           ("c", "Other", "x")])
        let contents = try IndexFile.decode(try Self.encode(corpus), expecting: Self.expectation())
        #expect(contents.corpus.passages == corpus.passages)
        #expect(contents.corpus.documents == corpus.documents)
    }

    // MARK: Refusals

    @Test func truncatedFileIsRefusedAtEveryLength() throws {
        let bytes = try Self.encode(try MiniCorpus.jsonl([("a", "T", "ferritin and fever"), ("b", "T", "fever")]))
        for length in [0, 4, 8, 12, 39, 40, bytes.count / 2, bytes.count - 1] {
            let error = Self.error(Array(bytes.prefix(length)))
            switch error {
            case .truncated?: break
            default: Issue.record("length \(length): \(String(describing: error))")
            }
        }
    }

    @Test func everySingleBitFlipIsDetected() throws {
        let bytes = try Self.encode(try MiniCorpus.jsonl([("a", "T", "ferritin and fever (FAF)"), ("b", "T", "fever")]))
        // Every byte, one bit each (rotating): none may decode.
        for offset in 0..<bytes.count {
            var damaged = bytes
            damaged[offset] ^= UInt8(1 << (offset % 8))
            #expect(Self.error(damaged) != nil, "flip at \(offset) went unnoticed")
        }
        // A flip in the payload is reported as a checksum mismatch of its section.
        var damaged = bytes
        damaged[bytes.count - 2] ^= 0x10
        #expect(Self.error(damaged) == .checksumMismatch("the heading lengths"))
    }

    @Test func foreignVersionAndFormatAreRefused() throws {
        let corpus = try MiniCorpus.jsonl([("a", "T", "ferritin")])
        let other = try Self.encode(corpus, version: "0.0.1")
        #expect(Self.error(other) == .foreignEngine(found: "0.0.1", expected: Self.version))
        var format = try Self.encode(corpus)
        format[8] = 9
        #expect(Self.error(format) == .foreignFormat(found: 9, expected: 2))
        var magic = try Self.encode(corpus)
        magic[0] = UInt8(ascii: "X")
        #expect(Self.error(magic) == .notAnIndex)
        var analysis = Self.expectation()
        analysis.analysis = Analyzer.Options(stemming: false)
        #expect(Self.error(try Self.encode(corpus), expecting: analysis) == .otherAnalysis)
        #expect(Self.error(try Self.encode(corpus, key: 1), expecting: Self.expectation(key: 2)) == .otherCorpus)
    }

    @Test func errorsSayWhatHappened() {
        #expect(IndexFileError.truncated(actual: 10, expected: 20).description.contains("truncated"))
        #expect(IndexFileError.foreignEngine(found: "0.0.1", expected: "0.1.0").description.contains("0.0.1"))
    }

    // MARK: Building blocks

    @Test func xxh64MatchesPublishedVectors() {
        #expect(IndexFileChecksum.xxh64([]) == 0xEF46_DB37_51D8_E999)
        #expect(IndexFileChecksum.xxh64(Array("a".utf8)) == 0xD24E_C4F1_A98C_6E5B)
        #expect(IndexFileChecksum.xxh64(Array("abc".utf8)) == 0x44BC_2CF5_AD77_0999)
        let long = Array("Nobody inspects the spammish repetition".utf8)
        #expect(IndexFileChecksum.xxh64(long) == 0xFBCE_A83C_8A37_8BF1)
    }

    @Test func varintsRoundTripAndRejectOverlongInput() throws {
        var w = IndexFileByteWriter()
        let values: [UInt64] = [0, 1, 127, 128, 300, 16_383, 16_384, UInt64(UInt32.max), UInt64.max]
        for v in values { w.varint(v) }
        let decoded: [UInt64] = try w.bytes.withUnsafeBytes { raw throws(IndexFileError) in
            var r = IndexFileByteReader(raw, section: "test")
            var out: [UInt64] = []
            for _ in values { out.append(try r.varint()) }
            #expect(r.isAtEnd)
            return out
        }
        #expect(decoded == values)
        let overlong = [UInt8](repeating: 0xFF, count: 11)
        overlong.withUnsafeBytes { raw in
            var r = IndexFileByteReader(raw, section: "test")
            #expect(throws: IndexFileError.self) { _ = try r.varint() }
        }
    }

    @Test func corpusKeyChangesWithContentsPathAndVersion() throws {
        let dir = try MiniCorpus.folder(["a.jsonl": "x", "b.md": "y"])
        let files = [dir + "/a.jsonl", dir + "/b.md"]
        let key = try IndexFile.corpusKey(files: files, engineVersion: "1", analysis: .init())
        #expect(try IndexFile.corpusKey(files: files, engineVersion: "1", analysis: .init()) == key)
        #expect(try IndexFile.corpusKey(files: files, engineVersion: "2", analysis: .init()) != key)
        #expect(try IndexFile.corpusKey(files: files, engineVersion: "1", analysis: .init(stemming: false)) != key)
        #expect(try IndexFile.corpusKey(files: files.reversed(), engineVersion: "1", analysis: .init()) != key)
        try Data("x!".utf8).write(to: URL(fileURLWithPath: files[0]))
        #expect(try IndexFile.corpusKey(files: files, engineVersion: "1", analysis: .init()) != key)
    }
}
