import Testing
@testable import GuideQA

/// The harvester's ASCII fast path against its Unicode rules (the behaviour the
/// vocabulary was defined by): the same pairs, in the same order, on any text.
@Suite struct AbbreviationHarvesterTests {
    private func fast(_ text: String) -> [String] {
        AbbreviationHarvester.definitions(in: text).map { "\($0.0) = \($0.1)" }
    }

    private func unicode(_ text: String) -> [String] {
        AbbreviationHarvester.definitions(in: text, asciiFastPath: false).map { "\($0.0) = \($0.1)" }
    }

    @Test func plainDefinitionsAreFound() {
        #expect(fast("Macrophage activation syndrome (MAS) is rare.") == ["MAS = Macrophage activation syndrome"])
        // The shortest run of words that holds the letters in order, trimmed of punctuation.
        #expect(fast("Patients with macrophage activation syndrome, (MAS) and more") ==
                ["MAS = macrophage activation syndrome"])
        #expect(fast("the soluble interleukin-2 receptor (sIL-2R) level") == ["sIL-2R = soluble interleukin-2 receptor"])
        #expect(fast("Interleukin 6 (IL6) and the HLH-2004 criteria (HLH-2004)") ==
                ["IL6 = Interleukin 6", "HLH-2004 = HLH-2004 criteria"])
        #expect(fast("(MAS) at the start, and unclosed at the end: activation syndrome (AS") == [])
    }

    /// Each input here takes the fast path, or must leave it: where a byte-level
    /// reading would split words, count or compare characters differently.
    static let trickyTexts: [String] = [
        "Macrophage activation syndrome (MAS)",
        "Macrophage Activation Syndrome (MAS).",
        "(MAS) macrophage activation syndrome",
        "macrophage activation syndrome (MAS",
        "interleukin (IL (IL-6)) levels, ((AB)) and (a (BC) and (A(B)C)",
        "T-cell lymphoma (TCL); the A-B form (A-B); anti-TNF (TNF-a)",
        "twelve letters (ABCDEFGHIJKL) and thirteen (ABCDEFGHIJKLM) and ten (ABCDEFGHIJ)",
        "foo bar - (FB), foo bar -- (FB) and foo ... (FO)",
        "foo\tbar baz (FB) and foo  bar   baz\n\n(FBB)",
        "x (AB1) 2 (12) y (A1)",
        "a b c d e f g h i j k l m n o p q r s t u v w x y z (ABCDEFGHIJ)",
        // Non-ASCII in the short form, in the long form, next to the words read.
        "interferon-γ (IFN-γ) and tumour necrosis factor-α (TNF-α)",
        "élévation du potassium artériel (EPA) and Ärzte Bund (ÄB)",
        "naïve T cells (NTC) in Sjögren syndrome (SS2)",
        "İstanbul Izmir Ankara (IIA)",
        "🩸 blood count (BC) and blood 🩸 count (BC2)",
        // A prepend character joins the space after it: the words split elsewhere.
        "\u{0600} foo bar (FB)",
        "foo \u{0600} bar baz (FB)",
        "\u{0600} fever a b c (FB)",   // the fourth word back, the last one read, starts after it
        // CR LF is one character, not a separator.
        "Fever\r\nBlood Count (FBC)",
        "Fever\rBlood Count (FBC)",
        // A combining mark after a space joins it.
        "Fever \u{0301}Blood Count (FBC)",
        "Fever  \u{0301}Blood Count (FBC)",
        // The Kelvin sign lower-cases to an ASCII "k".
        "\u{212A}appa Beta (KB)",
        // The 200-byte window starting inside a two-byte character.
        "é" + "a" + String(repeating: "z", count: 196) + "b (AB)",
        "é " + "a" + String(repeating: "z", count: 196) + "b (AB)",
        "é" + String(repeating: "word ", count: 40) + "alpha beta (AB)",
    ]

    @Test(arguments: trickyTexts)
    func fastPathEqualsUnicodeRules(_ text: String) {
        #expect(fast(text) == unicode(text))
    }

    @Test func trickyTextsReallyAreTricky() {
        // Non-empty on purpose: a fast path that found nothing would pass the test above.
        #expect(unicode("naïve T cells (NTC) in Sjögren syndrome (SS2)") == ["NTC = naïve T cells"])
        #expect(unicode("Fever\r\nBlood Count (FBC)") == ["FBC = Fever\r\nBlood Count"])
        #expect(unicode("\u{0600} foo bar (FB)") == [])   // "\u{0600} foo" is one word
        #expect(unicode("\u{0600} fever a b c (FB)") == [])
        #expect(unicode("Fever  \u{0301}Blood Count (FBC)") == ["FBC = Fever  \u{0301}Blood Count"])
        #expect(unicode("\u{212A}appa Beta (KB)") == ["KB = \u{212A}appa Beta"])
        #expect(unicode("é" + "a" + String(repeating: "z", count: 196) + "b (AB)") == [])   // "\u{FFFD}az…b"
        #expect(unicode("é " + "a" + String(repeating: "z", count: 196) + "b (AB)").count == 1)   // starts at " "
    }

    @Test func randomTextsGiveTheSamePairs() {
        // Text made of the pieces the rules are sensitive to, from a fixed seed.
        let pieces = ["(", ")", " ", " ", " ", "\n", "\r", "\t", ",", ".", "-", "A", "B", "C", "1", "2",
                      "a", "b", "c", "ab", "Abc", "bca", "é", "γ", "İ", "\u{0600}", "\u{0301}", "🩸", "(AB)",
                      "(ABC)", "(A-1)", "(a1B2)", "(ABCDEFGHIJ)"]
        var state: UInt64 = 20_240_601
        func next() -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int(truncatingIfNeeded: (z ^ (z >> 31)) >> 1)
        }
        var found = 0
        for _ in 0..<3_000 {
            let text = (0..<(next() % 60)).map { _ in pieces[next() % pieces.count] }.joined()
            let expected = unicode(text)
            #expect(fast(text) == expected, "\(text.debugDescription)")
            found += expected.count
        }
        #expect(found > 100)   // the texts do define abbreviations
    }

    @Test func defaultCorpusGivesTheSamePairs() throws {
        let corpus = try CorpusLoader.load(path: MiniCorpus.defaultCorpusPath)
        var found = 0
        for passage in corpus.passages {
            let expected = unicode(passage.text)
            #expect(fast(passage.text) == expected, "\(passage.id)")
            found += expected.count
        }
        #expect(found > 20)
    }

    @Test func parallelHarvestEqualsSequentialUnicodeHarvest() {
        // Enough texts for the parallel path; short forms defined with one to three long
        // forms (three are dropped as ambiguous), on the fast path and off it.
        var texts: [String] = []
        for i in 0..<2_500 {
            let n = i % 700
            let second = ["beta", "beta", "boat", "bear"][i / 700]
            texts.append("word \(i): alpha \(second) \(n) (AB\(n)) and naïve beta \(i % 5) (NB\(i % 5))")
        }
        let harvested = AbbreviationHarvester.harvest(texts)
        let reference = AbbreviationHarvester.vocabulary(
            from: texts.flatMap { AbbreviationHarvester.definitions(in: $0, asciiFastPath: false) })
        #expect(harvested.groups == reference.groups)
        // AB0…AB399 have three long forms (dropped), AB400…AB699 two; NB0…NB4 one.
        #expect(harvested.groups.count == 300 + 5)
        #expect(harvested.groups.first == ["AB400", "alpha beta 400", "alpha boat 400"])
    }
}
