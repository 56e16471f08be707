import Foundation
import Testing
@testable import GuideQA

/// The vocabulary TSV reader's byte path against its `Character` rules: the same groups,
/// in the same order, for any text.
@Suite struct VocabularyTSVTests {
    private func both(_ text: String) -> (fast: [[String]], characters: [[String]]) {
        (VocabularyTSV.groups(in: text), VocabularyTSV.groups(in: text, asciiFastPath: false))
    }

    @Test func shippedTablesGiveTheSameGroups() throws {
        let folder = URL(fileURLWithPath: MiniCorpus.defaultCorpusPath).deletingLastPathComponent()
            .appendingPathComponent("Vocabulary")
        var total = 0
        for file in ["disease-synonyms.tsv", "abbreviations.tsv"] {
            let text = try TextFile.read(folder.appendingPathComponent(file).path, display: file)
            let (fast, characters) = both(text)
            #expect(fast == characters, "\(file)")
            total += fast.count
        }
        #expect(total > 5_000)
    }

    static let trickyTexts = [
        "# comment\tA\tB\nDOID:1\tmacrophage activation syndrome\tMAS | HLH-MAS\n",
        "DOID:1 x\tname\tother\n",                 // a first column with a space is a name
        "a:b\tname\n",                             // one name left: no group
        "  A  \t  B | C |  | D \t\t\tE\n\n\n",
        "A\tB\r\nC\tD\r\n",                        // CR LF: one Character, the text is one line
        "A\tB\rC\tD\n",
        "Sjögren syndrome\tSjogren | SS\n#é\tx\tY\n",
        "A |\u{301} B\tC\n",                       // a combining mark joins the bar
        "A\t\u{301}B\n",
        "\u{0600}A\tB\n",
        "x:y\t\u{00A0}A\tB\u{00A0}\n",             // no-break spaces are not blanks
        "#\u{301}A\tB\n",                          // "#́" is no comment mark
        "", "\n\n", "A", "A\tB", "|\t|\n",
    ]

    @Test(arguments: trickyTexts)
    func trickyTextGivesTheSameGroups(_ text: String) {
        let (fast, characters) = both(text)
        #expect(fast == characters)
    }

    @Test func trickyTextsAreReadAsTheFormatSays() {
        #expect(VocabularyTSV.groups(in: "# comment\tA\tB\nDOID:1\tmacrophage activation syndrome\tMAS | HLH-MAS\n")
                == [["macrophage activation syndrome", "MAS", "HLH-MAS"]])
        #expect(VocabularyTSV.groups(in: "A\tB\r\nC\tD\r\n") == [["A", "B\r\nC", "D\r\n"]])
        #expect(VocabularyTSV.groups(in: "A |\u{301} B\tC\n") == [["A |\u{301} B", "C"]])
        #expect(VocabularyTSV.groups(in: "#\u{301}A\tB\n") == [["#\u{301}A", "B"]])
    }

    @Test func randomTextsGiveTheSameGroups() {
        let pieces = ["A", "b", "name", " ", " ", "\t", "\t", "|", "|", ":", "#", "\n", "\n", "\r", "é", "\u{301}",
                      "\u{00A0}", "DOID:12", " | "]
        var state: UInt64 = 5
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        var groups = 0
        for _ in 0..<3_000 {
            let text = (0..<(next() % 50)).map { _ in pieces[next() % pieces.count] }.joined()
            let (fast, characters) = both(text)
            #expect(fast == characters, "\(text.debugDescription)")
            groups += characters.count
        }
        #expect(groups > 1_000)
    }
}
