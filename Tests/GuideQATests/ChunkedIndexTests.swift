import Testing
@testable import GuideQA

/// The parallel build cuts the corpus into chunks, packs each into a segment and merges
/// them once (`InvertedIndex`, `IndexWorker`, `SegmentWriter`, `FieldIndex.merging`).
/// However it is cut and however many threads run, the index must be the one the plain
/// sequential `FieldIndexBuilder` gives, array for array, in both fields.
@Suite struct ChunkedIndexTests {
    /// Words that take every path of the analysis: plain, capitalized, stopwords, long
    /// (over 8 bytes), hyphenated codes with colocated parts, units, numbers, Greek, accents.
    static let words = ["fever", "Ferritin", "IL-18", "cytopenias", "treated", "treatment", "HLH-2004", "µg/L",
                        "macrophage", "activation", "syndrome", "the", "of", "α", "splenomegaly", "rash",
                        "and/or", "1g", "2,400", "T-cell", "Naïve", "hemophagocytic", "lymphohistiocytosis",
                        "patients'", "IFN-γ", "10⁹/L", "sIL-2R", "Still's", "THE", "Of"]

    static func corpus(passages: Int, emptyEvery: Int = 0) throws -> Corpus {
        var rows: [(String, String, String)] = []
        for i in 0..<passages {
            let length = 1 + (i * 7) % 23
            var text = (0..<length).map { words[(i * 13 + $0 * 5 + $0 * $0) % words.count] }.joined(separator: " ")
                + " unique\(i % 997) word\(i)"
            if emptyEvery > 0 && i % emptyEvery == 0 { text = "the of and . , ;" }
            rows.append(("p\(i)", "Title \(i % 17) \(words[i % words.count])", text))
        }
        return try MiniCorpus.jsonl(rows)
    }

    static func expectEqual(_ a: FieldIndex, _ b: FieldIndex) {
        #expect(a.terms == b.terms)
        #expect(a.terms.indices.allSatisfy { a.termID(a.terms[$0]) == b.termID(a.terms[$0]) })
        #expect(a.postingStart == b.postingStart)
        #expect(a.postingPassages == b.postingPassages)
        #expect(a.postingFrequencies == b.postingFrequencies)
        #expect(a.positionStart == b.positionStart)
        #expect(a.positions == b.positions)
        #expect(a.lengths == b.lengths)
        #expect(a.totalLength == b.totalLength)
    }

    static func sequential(_ corpus: Corpus, _ analyzer: Analyzer) -> (FieldIndex, FieldIndex) {
        var body = FieldIndexBuilder()
        var heading = FieldIndexBuilder()
        for passage in corpus.passages {
            body.addPassage(passage.text, analyzer: analyzer)
            heading.addPassage(InvertedIndex.headingText(of: passage, in: corpus), analyzer: analyzer)
        }
        return (body.build(), heading.build())
    }

    @Test(arguments: [(1, nil), (1, 200), (2, 200), (3, 1_000), (2, 1)] as [(Int, Int?)])
    func chunkedBuildEqualsOneShotBuild(threads: Int, chunkBytes: Int?) throws {
        let corpus = try Self.corpus(passages: 1_500, emptyEvery: 97)
        let analyzer = Analyzer()
        let chunked = InvertedIndex(corpus: corpus, analyzer: analyzer, chunkBytes: chunkBytes, threads: threads)
        let (body, heading) = Self.sequential(corpus, analyzer)
        Self.expectEqual(chunked.body, body)
        Self.expectEqual(chunked.heading, heading)
    }

    /// A large field is laid out one band of terms at a time (`TermBands`): cut into a
    /// few bands or into as many as there may be, the index is the same.
    @Test(arguments: [(2, 4_000), (3, 1)] as [(Int, Int)])
    func bandedMergeEqualsOneShotBuild(threads: Int, bandBytes: Int) throws {
        let corpus = try Self.corpus(passages: 1_500, emptyEvery: 97)
        let analyzer = Analyzer()
        let banded = InvertedIndex(corpus: corpus, analyzer: analyzer, chunkBytes: 300, threads: threads,
                                   bandBytes: bandBytes)
        let (body, heading) = Self.sequential(corpus, analyzer)
        Self.expectEqual(banded.body, body)
        Self.expectEqual(banded.heading, heading)
        // 4 terms of 64 output bytes: cut into 16 bands of 16 bytes, not into 4 of 64 (too few to pay for the cut).
        #expect(TermBands(postingTotals: [10, 10, 10, 10], positionByteTotals: [9, 9, 9, 9], targetBytes: 16).count == 16)
        #expect(TermBands(postingTotals: [10, 10, 10, 10], positionByteTotals: [9, 9, 9, 9], targetBytes: 64).count == 1)
        #expect(TermBands(postingTotals: [10, 10, 10, 10], positionByteTotals: [9, 9, 9, 9], targetBytes: 28,
                          parts: 4).count == 12)
    }

    @Test func chunkBoundsCoverEveryPassageOnce() throws {
        let corpus = try Self.corpus(passages: 300)
        for target in [1, 100, 5_000, 1 << 30] {
            let bounds = InvertedIndex.chunkBounds(corpus, targetBytes: target)
            #expect(bounds.first == 0 && bounds.last == 300)
            #expect(zip(bounds, bounds.dropFirst()).allSatisfy { $0 < $1 })
        }
    }

    @Test func emptyCorpusTextsGiveEmptyPostings() throws {
        let corpus = try MiniCorpus.jsonl([("a", "The", "the of"), ("b", "Of", "and")])
        let index = InvertedIndex(corpus: corpus, analyzer: Analyzer(), chunkBytes: 1, threads: 2)
        #expect(index.body.terms.isEmpty)
        #expect(index.body.lengths == [0, 0])
        #expect(index.body.positionStart == [0])
    }

    @Test func withoutStemmingOrStopwordsTheBuildsAgreeToo() throws {
        let corpus = try Self.corpus(passages: 400)
        let analyzer = Analyzer(options: .init(stemming: false, stopwords: false))
        let chunked = InvertedIndex(corpus: corpus, analyzer: analyzer, chunkBytes: 300, threads: 2)
        let (body, heading) = Self.sequential(corpus, analyzer)
        Self.expectEqual(chunked.body, body)
        Self.expectEqual(chunked.heading, heading)
    }
}
