import Testing
@testable import GuideQA

@Suite struct ParallelIndexTests {
    /// Above 4,000 passages the index is built in per-core slices and joined; the result
    /// must be identical, array for array, to one sequential build.
    @Test func slicedBuildEqualsSequentialBuild() throws {
        let words = ["fever", "ferritin", "IL-18", "cytopenias", "treated", "treatment", "HLH-2004", "µg/L",
                     "macrophage", "activation", "syndrome", "the", "of", "α", "splenomegaly", "rash"]
        var passages: [(String, String, String)] = []
        for i in 0..<5_000 {
            let length = 3 + (i * 7) % 11
            let text = (0..<length).map { words[(i * 13 + $0 * 5 + $0 * $0) % words.count] }.joined(separator: " ")
                + " unique\(i % 997)"
            passages.append(("p\(i)", "Title \(i % 17)", text))
        }
        let corpus = try MiniCorpus.jsonl(passages)
        let analyzer = Analyzer()
        let parallel = InvertedIndex(corpus: corpus, analyzer: analyzer)
        var body = FieldIndexBuilder()
        for passage in corpus.passages { body.addPassage(passage.text, analyzer: analyzer) }
        let sequential = body.build()
        #expect(parallel.body.terms == sequential.terms)
        #expect(parallel.body.postingStart == sequential.postingStart)
        #expect(parallel.body.postingPassages == sequential.postingPassages)
        #expect(parallel.body.postingFrequencies == sequential.postingFrequencies)
        #expect(parallel.body.positionStart == sequential.positionStart)
        #expect(parallel.body.positions == sequential.positions)
        #expect(parallel.body.lengths == sequential.lengths)
        #expect(parallel.body.totalLength == sequential.totalLength)
    }
}
