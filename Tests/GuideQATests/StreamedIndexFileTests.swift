import Foundation
import Testing
@testable import GuideQA

/// The index file is written as a stream (sections hashed and written as they are made,
/// the header last): whether they go to memory or to a file, the bytes must be the same,
/// decode to the index they came from and encode to themselves again; a failed write
/// must leave no file behind.
@Suite struct StreamedIndexFileTests {
    static func encoding(_ corpus: Corpus, _ index: InvertedIndex, key: UInt64 = 7) throws -> IndexFile.Encoding {
        try IndexFile.encoding(corpus: corpus, index: index, harvested: Vocabulary.harvested(from: corpus),
                               engineVersion: IndexFileTests.version, analysis: Analyzer.Options(), corpusKey: key)
    }

    static func corpora() throws -> [(String, Corpus)] {
        [
            ("default corpus", try CorpusLoader.load(path: MiniCorpus.defaultCorpusPath)),
            ("jsonl with empty and non-ASCII texts",
             try MiniCorpus.jsonl([("a", "Title A", "Ferritin (FER) is high"), ("b", "Title A", "Ünïcode ✓ β-2 10 mg/kg"),
                                   ("c", "Other", "the of"), ("d", "Other", String(repeating: "fever ", count: 400))])),
            ("chunked corpus", try ChunkedIndexTests.corpus(passages: 1_500, emptyEvery: 97)),
        ]
    }

    /// Small stream pieces and many chunks and bands: a section cut at the wrong place
    /// fails its checksum or its decoding, a misplaced value the comparison.
    @Test func streamedBytesDecodeToTheIndexTheyCameFrom() throws {
        for (name, corpus) in try Self.corpora() {
            let index = InvertedIndex(corpus: corpus, analyzer: Analyzer(), chunkBytes: 2_000, threads: 2, bandBytes: 4_000)
            let bytes = try Self.encoding(corpus, index).bytes()
            #expect(try IndexFile.encode(corpus: corpus, index: index, harvested: Vocabulary.harvested(from: corpus),
                                         engineVersion: IndexFileTests.version, analysis: Analyzer.Options(),
                                         corpusKey: 7) == bytes, "\(name)")
            let contents = try IndexFile.decode(bytes, expecting: IndexFileTests.expectation(key: 7))
            #expect(contents.corpus.passages == corpus.passages, "\(name)")
            #expect(contents.corpus.references == corpus.references, "\(name)")
            ChunkedIndexTests.expectEqual(contents.index.body, index.body)
            ChunkedIndexTests.expectEqual(contents.index.heading, index.heading)
            // Loaded, its columns read in place from the bytes, it encodes to the same bytes.
            #expect(try IndexFile.encoding(corpus: contents.corpus, index: contents.index, harvested: contents.harvested,
                                           engineVersion: IndexFileTests.version, analysis: Analyzer.Options(),
                                           corpusKey: 7).bytes() == bytes, "\(name)")
        }
    }

    @Test func fileWrittenAsAStreamEqualsTheBytes() throws {
        let corpus = try CorpusLoader.load(path: MiniCorpus.defaultCorpusPath)
        let index = InvertedIndex(corpus: corpus, analyzer: Analyzer())
        let path = try MiniCorpus.folder([:]) + "/index.gqx"
        let written = try Self.encoding(corpus, index).write(to: path)
        let file = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(written == file.count)
        #expect(Array(file) == (try Self.encoding(corpus, index).bytes()))
        // The file loads and answers as the index it came from.
        let contents = try IndexFile.load(path: path, expecting: IndexFileTests.expectation(key: 7))
        #expect(contents.corpus.passages == corpus.passages)
        #expect(try FileManager.default.contentsOfDirectory(atPath: (path as NSString).deletingLastPathComponent)
                == ["index.gqx"])
    }

    @Test func failedWriteLeavesNoFile() throws {
        let corpus = try MiniCorpus.jsonl([("a", "T", "ferritin")])
        let folder = try MiniCorpus.folder([:])
        let missing = folder + "/no/such/folder/index.gqx"
        #expect(throws: AtomicFile.WriteError.self) {
            try Self.encoding(corpus, InvertedIndex(corpus: corpus, analyzer: Analyzer())).write(to: missing)
        }
        // A write that fails half-way (the body throws) removes its temporary file and keeps the old file.
        let path = folder + "/old.gqx"
        try Data("old".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: AtomicFile.WriteError.self) {
            try AtomicFile.write(to: path) { (output: AtomicFile.Output) throws(AtomicFile.WriteError) in
                try withBytes(of: [UInt8](repeating: 1, count: 100)) { (raw: UnsafeRawBufferPointer) throws(AtomicFile.WriteError) in
                    try output.write(raw)
                }
                throw AtomicFile.WriteError(errno: ENOSPC)
            }
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["old.gqx"])
    }

    @Test func overwriteReplacesBytesWrittenEarlier() throws {
        let path = try MiniCorpus.folder([:]) + "/f"
        try AtomicFile.write(to: path) { (output: AtomicFile.Output) throws(AtomicFile.WriteError) in
            try withBytes(of: Array("0000abcd".utf8)) { (raw: UnsafeRawBufferPointer) throws(AtomicFile.WriteError) in
                try output.write(raw)
            }
            try withBytes(of: Array("xy".utf8)) { (raw: UnsafeRawBufferPointer) throws(AtomicFile.WriteError) in
                try output.overwrite(raw, at: 1)
            }
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "0xy0abcd")
    }

    /// Streaming XXH64 over any split of the input equals the one-shot hash (stripes of 32
    /// bytes cross the pieces' edges; inputs shorter than a stripe take the short path).
    @Test func streamingXXH64EqualsOneShot() {
        var generator = SystemRandomNumberGenerator()
        for length in [0, 1, 31, 32, 33, 63, 64, 100, 1_000, 4_099] {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let expected = IndexFileChecksum.xxh64(bytes)
            for _ in 0..<20 {
                var stream = XXH64Stream()
                var at = 0
                bytes.withUnsafeBytes { raw in
                    while at < length {
                        let piece = Int.random(in: 0...min(70, length - at), using: &generator)
                        stream.update(UnsafeRawBufferPointer(rebasing: raw[at..<at + piece]))
                        at += piece
                    }
                }
                #expect(stream.value == expected, "length \(length)")
                #expect(stream.count == length)
            }
        }
    }

    @Test func postingChunksAreWhereTheStreamPutsThem() throws {
        let corpus = try ChunkedIndexTests.corpus(passages: 1_500)
        let field = InvertedIndex(corpus: corpus, analyzer: Analyzer()).body
        // A chunk every 64 postings here: the varint lengths counted ahead must match the bytes written.
        let chunks = IndexFileWriter.postingChunks(field, every: 64)
        var stream = IndexFileByteWriter()
        var offsets: [Int] = []
        for t in 0..<field.terms.count {
            if let chunk = chunks.first(where: { $0.term == t }) {
                #expect(chunk.posting == field.postingRange(Int32(t)).lowerBound)
                offsets.append(stream.count)
            }
            let range = field.postingRange(Int32(t))
            stream.varint(range.count)
            var previous: Int32 = 0
            for p in range {
                stream.varint(field.postingPassages[p] - previous)
                previous = field.postingPassages[p]
            }
        }
        #expect(chunks.count > 10)
        #expect(chunks.map(\.offset) == offsets)
    }
}
