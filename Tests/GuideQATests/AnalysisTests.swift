import Testing
@testable import GuideQA

@Suite struct AnalysisTests {
    @Test func medicalTokensStayWhole() {
        assertAnalyzes("IL-18", ["il-18"])
        assertAnalyzes("S100A12 and CD25", ["s100a12", "cd25"])
        assertAnalyzes("sIL-2R", ["sil-2r", "sil"])
        assertAnalyzes("HLH-2004 criteria", ["hlh-2004", "hlh", "criteria"])
    }

    @Test func greekLettersAreSpelledOut() {
        let analyzer = Analyzer()
        #expect(analyzer.terms("IFN-γ") == analyzer.terms("IFN-gamma"))
        #expect(analyzer.terms("IFN-γ") == ["ifn", "gamma"])
        #expect(analyzer.terms("TNFα") == analyzer.terms("TNF-alpha"))
    }

    @Test func caseDiacriticsAndWidthFold() {
        assertAnalyzes("Anémie", ["anemi"])
        assertAnalyzes("ＦＥＲＲＩＴＩＮ", ["ferritin"])     // full-width letters (NFKC)
        assertAnalyzes("Still’s disease", ["still", "diseas"])
    }

    @Test func numbersWithUnits() {
        let analyzer = Analyzer()
        #expect(analyzer.terms("1g/day") == ["1", "g/day"])
        #expect(analyzer.terms("1g/day") == analyzer.terms("1 g/day"))
        #expect(analyzer.terms("ferritin > 5000 ng/mL") == ["ferritin", "5000", "ng/ml"])
        #expect(analyzer.terms("2,400 U/mL") == ["2400", "u/ml"])
        #expect(analyzer.terms("1.5 g/L") == ["1.5", "g/l"])
        #expect(analyzer.terms("500 µg/L") == ["500", "ug/l"])
    }

    @Test func stopwordsGoAndStemsMeet() {
        assertAnalyzes("What are the treatments?", ["treat"])
        let analyzer = Analyzer()
        #expect(analyzer.terms("treated") == analyzer.terms("treatment"))
        #expect(analyzer.terms("cytopenias") == ["cytopenia"])
    }

    @Test func hyphenatedWordsWithoutDigitsSplit() {
        assertAnalyzes("T-cell/NK-cell lymphoma", ["t", "cell", "nk", "cell", "lymphoma"])
    }

    @Test func tokensKeepPositionsAndByteRanges() {
        let text = "Ferritin and IL-18 rise"
        let tokens = Analyzer().analyze(text)
        #expect(tokens.map(\.term) == ["ferritin", "il-18", "rise"])
        #expect(tokens.map(\.position) == [0, 2, 3])          // "and" leaves a gap
        let bytes = Array(text.utf8)
        #expect(tokens.map { String(decoding: bytes[Int($0.start)..<Int($0.end)], as: UTF8.self) }
                == ["Ferritin", "IL-18", "rise"])
    }

    @Test func colocatedPartsSharePosition() {
        let tokens = Analyzer().analyze("HLH-2004 criteria")
        #expect(tokens.map(\.position) == [0, 0, 1])
    }

    @Test func oddInputNeverCrashes() {
        let analyzer = Analyzer()
        #expect(analyzer.terms("").isEmpty)
        #expect(analyzer.terms("   \t\n").isEmpty)
        #expect(analyzer.terms("?!.,;:-/").isEmpty)
        #expect(analyzer.terms("the of and").isEmpty)
        #expect(analyzer.terms("😀 fever 🤒") == ["fever"])
        #expect(analyzer.terms("\u{1B}[31mfever\u{1B}[0m\u{07}") == ["fever"])          // CSI colours
        #expect(analyzer.terms("\u{1B}]8;;http://x.example\u{07}ferritin\u{1B}]8;;\u{1B}\\") == ["ferritin"])  // OSC 8
        #expect(analyzer.terms("حمى fever") == ["حمى", "fever"])
        #expect(analyzer.terms("e\u{301}tude") == ["etud"])   // combining accent folds
        let long = String(repeating: "ferritin ", count: 100_000)
        #expect(analyzer.analyze(long).count == 100_000)
    }

    @Test func rememberedWordsGiveWhatAFreshAnalysisGives() {
        // The analyzer remembers each distinct word's terms; the second sighting must give
        // the same terms, positions and byte ranges as analyzing it anew.
        let words = ChunkedIndexTests.words + ["and", "mg/kg/day", "a-b-c", "hlh-2004-x", "γ-globulin", "ﬁbrosis"]
        let text = (0..<400).map { words[($0 * 7 + $0 / 3) % words.count] }.joined(separator: " ")
        let analyzer = Analyzer()
        let first = analyzer.analyze(text)
        let second = analyzer.analyze(text)
        let normalizer = TermNormalizer(stemmer: SnowballStemmer(), keepStopwords: false)
        var expected: [Token] = []
        var bytes = text
        bytes.withUTF8 { utf8 in
            var position: Int32 = 0
            WordTokenizer.words(in: utf8) { start, end in
                let result = normalizer.normalize(String(decoding: UnsafeBufferPointer(rebasing: utf8[start..<end]), as: UTF8.self))
                for term in result.terms {
                    expected.append(Token(term: term.text, position: position + term.offset, start: Int32(start), end: Int32(end)))
                }
                position += result.width
            }
        }
        #expect(expected.count > 300)
        #expect(first == expected)
        #expect(second == expected)
    }
}
