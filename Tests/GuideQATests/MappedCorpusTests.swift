import Foundation
import Testing
@testable import GuideQA

/// A JSONL corpus is mapped and read a 4 MB slice at a time (`TextFile.mapped`): it must
/// load as the whole-file read did, and refuse the same bad bytes at the same lines,
/// wherever they fall among the slices.
@Suite struct MappedCorpusTests {
    /// A JSONL file of `lines` passages of about 100 bytes: 50,000 lines make 5 MB, two slices.
    static func jsonl(lines: Int, damage: [Int: String] = [:]) -> String {
        (1...lines).map { n in
            damage[n] ?? "{\"id\": \"p\(n)\", \"title\": \"Title \(n % 13)\", \"text\": \"Passage \(n) about ferritin and fever, with padding words\", \"source\": \"S\"}"
        }.joined(separator: "\n") + "\n"
    }

    static func loadError(_ text: [UInt8]) throws -> CorpusError? {
        let path = try MiniCorpus.folder([:]) + "/c.jsonl"
        try Data(text).write(to: URL(fileURLWithPath: path))
        do {
            _ = try CorpusLoader.load(path: path)
            return nil
        } catch {
            return error
        }
    }

    @Test func fileOfSeveralSlicesLoadsWhole() throws {
        let text = Self.jsonl(lines: 50_000)
        #expect(text.utf8.count > TextFile.MappedText.sliceLength + TextFile.MappedText.sliceLength / 4)
        let path = try MiniCorpus.folder(["c.jsonl": text]) + "/c.jsonl"
        let corpus = try CorpusLoader.load(path: path)
        #expect(corpus.passages.count == 50_000)
        #expect(corpus.passages[49_999].id == "p50000")
        #expect(corpus.passages[49_999].location.line == 50_000)
        #expect(corpus.passages[41_943].text == "Passage 41944 about ferritin and fever, with padding words")
    }

    /// Bad bytes in the second slice are found at their line; a NUL anywhere wins over a
    /// UTF-8 error before it, as the whole-file check had it.
    @Test func badBytesInALaterSliceAreFoundAtTheirLine() throws {
        var nul = Array(Self.jsonl(lines: 50_000).utf8)
        let line48k = try #require(Self.offset(ofLine: 48_000, in: nul))
        nul[line48k + 5] = 0
        #expect(try Self.failure(nul) == "containsNUL at line 48000")

        var invalid = Array(Self.jsonl(lines: 50_000).utf8)
        invalid[line48k + 5] = 0xFF
        #expect(try Self.failure(invalid) == "invalidUTF8 at line 48000")

        let line10 = try #require(Self.offset(ofLine: 10, in: invalid))
        invalid[line10 + 3] = 0xC3   // a lead byte without its continuation, in the first slice
        invalid[line48k + 5] = 0
        #expect(try Self.failure(invalid) == "containsNUL at line 48000")
        invalid[line48k + 5] = UInt8(ascii: "x")
        #expect(try Self.failure(invalid) == "invalidUTF8 at line 10")
    }

    /// The error's kind and line, for comparing.
    static func failure(_ text: [UInt8]) throws -> String? {
        try loadError(text).map { "\($0.kind) at line \($0.location.line)" }
    }

    @Test func emptyFileIsRefused() throws {
        #expect(try Self.loadError([]).map(\.kind) == .emptyFile)
    }

    /// Slices end just after a newline (no line, no UTF-8 sequence is cut in two), or at
    /// the end of a line longer than a slice.
    @Test func slicesEndAfterANewline() {
        let slice = TextFile.MappedText.sliceLength
        let lines = Array((String(repeating: "a", count: slice - 10) + "\n" + String(repeating: "é", count: 20) + "\n").utf8)
        lines.withUnsafeBufferPointer { bytes in
            #expect(TextFile.MappedText.sliceEnd(bytes, from: 0) == slice - 9)
            #expect(TextFile.MappedText.sliceEnd(bytes, from: slice - 9) == bytes.count)
        }
        let long = Array((String(repeating: "b", count: slice + 100) + "\nc\n").utf8)
        long.withUnsafeBufferPointer { bytes in
            #expect(TextFile.MappedText.sliceEnd(bytes, from: 0) == slice + 101)
        }
    }

    /// Passages citing the same source share one citation array.
    @Test func equalCitationListsShareStorage() throws {
        let corpus = try MiniCorpus.jsonl([("a", "T", "ferritin"), ("b", "T", "fever"), ("c", "U", "rash")])
        let buffers = corpus.passages.map { $0.citations.withUnsafeBufferPointer { $0.baseAddress } }
        #expect(corpus.passages.map(\.citations) == [[0], [0], [0]])
        #expect(Set(buffers).count == 1)
    }

    /// The cache key hashes a large file a slice at a time (giving pages back): the key is
    /// the one hashing it whole gives.
    @Test func corpusKeyOfALargeFileHashesItWhole() throws {
        let path = try MiniCorpus.folder(["c.jsonl": Self.jsonl(lines: 50_000)]) + "/c.jsonl"
        let key = try IndexFile.corpusKey(files: [path], engineVersion: "1", analysis: .init())
        var hasher = IndexFileKeyHasher()
        hasher.combine("guideqa index key v\(IndexFileLayout.formatVersion)")
        hasher.combine("1")
        hasher.combine(UInt64(3))
        hasher.combine(IndexFile.engineFingerprint(analysis: .init()))
        hasher.combine(UInt64(1))
        hasher.combine(path)
        try Data(contentsOf: URL(fileURLWithPath: path)).withUnsafeBytes { hasher.combine($0) }
        #expect(key == hasher.value)
    }

    static func offset(ofLine line: Int, in bytes: [UInt8]) -> Int? {
        var current = 1
        if line == 1 { return 0 }
        for (i, byte) in bytes.enumerated() where byte == 0x0A {
            current += 1
            if current == line { return i + 1 }
        }
        return nil
    }
}
