import Testing
@testable import GuideQA

/// `normalizeASCII` (the byte path for ASCII words that are not plain) against the
/// `String` chain it mirrors: the same terms, offsets and width for every word.
@Suite struct TermNormalizerASCIITests {
    /// Per test (the suite is made anew for each): libstemmer is not thread-safe.
    private let normalizers = [
        TermNormalizer(stemmer: SnowballStemmer(), keepStopwords: false),
        TermNormalizer(stemmer: nil, keepStopwords: true),
    ]

    private func viaBytes(_ normalizer: TermNormalizer, _ word: String) -> [String] {
        var word = word
        let result = word.withUTF8 { normalizer.normalize(bytes: $0) }
        return result.terms.map { "\($0.text)@\($0.offset)" } + ["width \(result.width)"]
    }

    private func viaString(_ normalizer: TermNormalizer, _ word: String) -> [String] {
        let result = normalizer.normalize(word)
        return result.terms.map { "\($0.text)@\($0.offset)" } + ["width \(result.width)"]
    }

    static let trickyWords = [
        "IL-18", "il-1/il-6", "HLH-2004", "sIL-2R", "T-cell", "x-rays", "follow-up", "anti-IL-1",
        "IFN-gamma", "10^9/L", "ng/mL", "mg/kg/day", "1g/day", "and/or", "Leukemia/Other", "50,000/L",
        "1/3", "2,400", "1.5", "3.1mg", "10mg", "1g", "5days", "7-10", "2-3g", "A-1-b", "a--b", "-a",
        "b-", "--", "1,", "1,,2", "12.5,3", "Still's", "patient's", "patients'", "doesn't", "'s", "S'S",
        "ALL'S", "Sjogren's-like", "CD34", "S100A12", "M3", "4th", "COVID-19", "mg/", "/mg", "1/", "mm3",
        "m2", "10^9", "^9", "1^2/l", "g/l/h", "1/mg", "a/b/c", "IL-1/IL-6/TNF", "ment", "treatment",
        "treatment-related", "well-being", "the-of-and", "re-treated", "h", "hr/day", "u/l", "iu/ml",
    ]

    @Test(arguments: trickyWords)
    func trickyWordGivesTheSameTerms(_ word: String) {
        for normalizer in normalizers {
            #expect(viaBytes(normalizer, word) == viaString(normalizer, word))
        }
    }

    @Test func theByteWayIsTaken() {
        // Otherwise the comparison above would compare the String chain with itself.
        var probe = "IL-18"
        let word = probe.withUTF8 { Array($0) }
        let direct = word.withUnsafeBufferPointer { normalizers[0].normalizeASCII($0) }
        #expect(direct.terms.map(\.text) == ["il-18"])
        #expect(probe.withUTF8 { normalizers[0].normalize(bytes: $0) }.terms == direct.terms)
    }

    @Test func everyWordOfTheDefaultCorpusGivesTheSameTerms() throws {
        let corpus = try CorpusLoader.load(path: MiniCorpus.defaultCorpusPath)
        var seen = Set<String>()
        for passage in corpus.passages {
            var text = passage.text
            text.withUTF8 { bytes in
                WordTokenizer.words(in: bytes) { start, end in
                    seen.insert(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
                }
            }
        }
        let notPlain = seen.filter { word in !word.utf8.allSatisfy { ($0 | 0x20) &- 97 < 26 } && !word.utf8.allSatisfy { $0 &- 48 < 10 } }
        #expect(notPlain.count > 50)
        for word in notPlain.sorted() {
            for normalizer in normalizers {
                #expect(viaBytes(normalizer, word) == viaString(normalizer, word), "\(word)")
            }
        }
    }

    @Test func randomASCIIWordsGiveTheSameTerms() {
        let pieces = ["a", "b", "s", "g", "l", "mg", "ml", "day", "il", "the", "cell", "treatment", "1", "2", "0",
                      "-", "-", "/", "/", "'", "'s", ".", ",", "^", "A", "S", "G", "MG", "x"]
        var state: UInt64 = 42
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        var split = 0
        for _ in 0..<5_000 {
            let word = (0..<(1 + next() % 7)).map { _ in pieces[next() % pieces.count] }.joined()
            for normalizer in normalizers {
                let bytes = viaBytes(normalizer, word)
                #expect(bytes == viaString(normalizer, word), "\(word)")
                if bytes.count > 2 { split += 1 }
            }
        }
        #expect(split > 1_000)   // many of them split into several terms
    }
}
