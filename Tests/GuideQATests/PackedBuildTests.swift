import Testing
@testable import GuideQA

/// The build writes each field in its final compact form (one frequency byte a posting,
/// positions packed with a checkpoint every 16 postings), from segments that hold their
/// postings as varints and are laid out band by band. Held here to the plain sequential
/// builder and to an engine over its fields.
@Suite struct PackedBuildTests {
    /// Each posting's positions as the ranker reads them (from its checkpoint), against
    /// the sequential builder's flat arrays: checks the checkpoints the merge wrote, which
    /// decoding the whole stream from its start does not read.
    static func expectPositionsPerPosting(_ built: FieldIndex, _ reference: FieldIndex) {
        let start = reference.positionStart, positions = reference.positions
        #expect(built.postingPassages.count == reference.postingPassages.count)
        var mismatches = 0
        for p in 0..<min(built.postingPassages.count, reference.postingPassages.count)
        where Array(built.positions(ofPosting: p)) != Array(positions[Int(start[p])..<Int(start[p + 1])]) {
            mismatches += 1
        }
        #expect(mismatches == 0)
    }

    @Test(arguments: [(1, nil), (2, nil), (2, 3_000), (2, 1)] as [(Int, Int?)])
    func everyPostingsPositionsReadFromItsCheckpoint(threads: Int, bandBytes: Int?) throws {
        let corpus = try ChunkedIndexTests.corpus(passages: 1_500, emptyEvery: 97)
        let analyzer = Analyzer()
        let built = InvertedIndex(corpus: corpus, analyzer: analyzer, chunkBytes: 500, threads: threads,
                                  bandBytes: bandBytes)
        let (body, heading) = ChunkedIndexTests.sequential(corpus, analyzer)
        Self.expectPositionsPerPosting(built.body, body)
        Self.expectPositionsPerPosting(built.heading, heading)
    }

    /// Frequencies of 255 and more go to the column's overflow list; passages with such a
    /// term fall into several chunks, threads and bands here.
    @Test func largeFrequenciesSurviveChunksAndBands() throws {
        var rows: [(String, String, String)] = []
        for i in 0..<120 {
            let repeats = [1, 254, 255, 256, 300, 1_000][i % 6]
            rows.append(("p\(i)", "Title \(i % 5)",
                         String(repeating: "ferritin ", count: repeats) + "fever word\(i) " + String(repeating: "rash ", count: i % 7)))
        }
        let corpus = try MiniCorpus.jsonl(rows)
        let analyzer = Analyzer()
        let built = InvertedIndex(corpus: corpus, analyzer: analyzer, chunkBytes: 3_000, threads: 2, bandBytes: 500)
        let (body, heading) = ChunkedIndexTests.sequential(corpus, analyzer)
        ChunkedIndexTests.expectEqual(built.body, body)
        ChunkedIndexTests.expectEqual(built.heading, heading)
        Self.expectPositionsPerPosting(built.body, body)
        // Byte for byte as the file stores them: a 255 must be listed apart even though a
        // byte of 255 without its entry would still read as 255.
        #expect(built.body.postingFrequencies.storedBytes.elementsEqual(body.postingFrequencies.storedBytes))
        #expect(built.body.packedPositions.storedBytes.elementsEqual(body.packedPositions.storedBytes))
        #expect(built.body.frequency(of: "ferritin", in: 4) == 300)
        #expect(built.body.frequency(of: "ferritin", in: 5) == 1_000)
        #expect(built.body.positions(of: "ferritin", in: 5).count == 1_000)
    }

    /// A word whose terms come out of order within one passage still gets its positions
    /// stored ascending (as the sequential builder sorts them), not as a negative gap.
    @Test func positionsGivenOutOfOrderAreStoredAscending() {
        var writer = SegmentWriter()
        var table = ByteKeyTable(capacity: 4)
        let term = table.id("ferritin")
        let other = table.id("fever")
        for position: Int32 in [5, 3, 9] { writer.append(term: term, position: position) }
        writer.append(term: other, position: 4)
        writer.endPassage()
        let store = SegmentStore(count: 1)
        store.store(0, writer.seal(worker: 0, termCount: table.count))
        let field = FieldIndex.merging(store, termTables: [table])
        #expect(Array(field.positions(of: "ferritin", in: 0)) == [3, 5, 9])
        #expect(Array(field.positions(of: "fever", in: 0)) == [4])
        #expect(field.frequency(of: "ferritin", in: 0) == 3)
    }

    /// An engine over the built (packed) index answers as one over the sequential
    /// builder's fields: same ranking, same proximity bonus, same explanations.
    @Test func builtIndexAnswersAsTheSequentialOne() throws {
        let corpus = try CorpusLoader.load(path: MiniCorpus.defaultCorpusPath)
        let analyzer = Analyzer()
        let built = try Engine(corpus: corpus, index: InvertedIndex(corpus: corpus, analyzer: analyzer, chunkBytes: 20_000,
                                                                     threads: 2, bandBytes: 10_000), analyzer: analyzer)
        let (body, heading) = ChunkedIndexTests.sequential(corpus, analyzer)
        let reference = try Engine(corpus: corpus, index: InvertedIndex(body: body, heading: heading), analyzer: analyzer)
        for question in IndexFileTests.questions + ["hemophagocytic lymphohistiocytosis criteria", "macrophage activation"] {
            let a = built.answer(question, top: 8), b = reference.answer(question, top: 8)
            #expect(JSONRenderer.render(a) == JSONRenderer.render(b), "\(question)")
            for item in a.items {
                #expect(built.explain(a.plan, passage: item.passageIndex) == reference.explain(b.plan, passage: item.passageIndex))
            }
        }
    }
}
