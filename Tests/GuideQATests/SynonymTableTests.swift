import Testing
@testable import GuideQA

/// Names found in a question: longest first, consecutive words (one stopword between
/// allowed), left to right, and every other name of the group offered.
@Suite struct SynonymTableTests {
    let analyzer = Analyzer()

    private func tokens(_ question: String) -> [(term: String, position: Int32)] {
        analyzer.analyze(question).map { ($0.term, $0.position) }
    }

    @Test func theLongestNameWinsAndTheRestOfItsGroupIsOffered() {
        let table = SynonymTable(vocabulary: Vocabulary(groups: [
            ["macrophage activation syndrome", "MAS", "HLH-MAS"],
            ["macrophage", "histiocyte"],
            ["Dercum disease", "adiposis dolorosa"],
        ]), analyzer: analyzer)
        #expect(table.groupCount == 3)
        let found = table.matches(in: tokens("Is macrophage activation syndrome the same as Dercum disease?"))
        #expect(found.map(\.matched) == [analyzer.terms("macrophage activation syndrome"), analyzer.terms("Dercum disease")])
        #expect(found[0].alternatives == [analyzer.terms("MAS"), analyzer.terms("HLH-MAS")])
        #expect(found[1].alternatives == [analyzer.terms("adiposis dolorosa")])
        // The shorter name where the longer one is broken off.
        #expect(table.matches(in: tokens("macrophage counts")).map(\.matched) == [analyzer.terms("macrophage")])
        #expect(table.matches(in: tokens("nothing named here")).isEmpty)
    }

    @Test func namesAreConsecutiveWordsWithAtMostOneStopwordBetween() {
        let table = SynonymTable(vocabulary: Vocabulary(groups: [["disease heart", "cardiopathy"]]), analyzer: analyzer)
        #expect(table.matches(in: tokens("a disease of the heart")).isEmpty)    // two stopwords between
        #expect(table.matches(in: tokens("disease of heart")).count == 1)
        #expect(table.matches(in: tokens("disease heart")).count == 1)
        #expect(table.matches(in: tokens("heart disease")).isEmpty)
    }

    /// The matching as it was first written (arrays of strings, a dictionary by first
    /// term), kept as the reference the flat table must agree with.
    private func reference(_ groups: [[String]], _ terms: [(term: String, position: Int32)]) -> [SynonymTable.Match] {
        var phrases: [[String]] = [], phraseGroup: [Int] = [], members: [[Int]] = []
        for names in groups {
            var distinct: [[String]] = []
            for name in names {
                let t = analyzer.terms(name)
                if !t.isEmpty, t.count <= 12, !distinct.contains(t) { distinct.append(t) }
            }
            guard distinct.count > 1 else { continue }
            members.append(Array(phrases.count..<(phrases.count + distinct.count)))
            phrases += distinct
            phraseGroup += Array(repeating: members.count - 1, count: distinct.count)
        }
        var byFirst: [String: [Int]] = [:]
        for (i, phrase) in phrases.enumerated() { byFirst[phrase[0], default: []].append(i) }
        for key in byFirst.keys { byFirst[key] = byFirst[key]!.enumerated().sorted {
            phrases[$0.element].count > phrases[$1.element].count
                || (phrases[$0.element].count == phrases[$1.element].count && $0.offset < $1.offset) }.map(\.element) }
        var result: [SynonymTable.Match] = []
        var i = 0
        while i < terms.count {
            let best = (byFirst[terms[i].term] ?? []).first { candidate in
                let phrase = phrases[candidate]
                guard i + phrase.count <= terms.count else { return false }
                return phrase.indices.allSatisfy { k in
                    terms[i + k].term == phrase[k] && (k == 0 || terms[i + k].position - terms[i + k - 1].position <= 2)
                }
            }
            if let best {
                result.append(SynonymTable.Match(matched: phrases[best],
                                                 alternatives: members[phraseGroup[best]].filter { $0 != best }.map { phrases[$0] }))
                i += phrases[best].count
            } else {
                i += 1
            }
        }
        return result
    }

    @Test func randomNamesAndQuestionsMatchAsTheReferenceDoes() {
        let words = ["acute", "kidney", "injury", "of", "the", "renal", "failure", "syndrome", "fever", "periodic",
                     "familial", "mediterranean", "x", "linked", "b", "cell", "adult"]
        var generator = FuzzRegressionTests.PRNG(state: 11)
        func phrase(_ most: Int) -> String {
            (0..<(Int(generator.next() % UInt64(most)) + 1)).map { _ in words[Int(generator.next() % UInt64(words.count))] }
                .joined(separator: " ")
        }
        for round in 0..<40 {
            let groups = (0..<20).map { _ in (0..<(Int(generator.next() % 3) + 1)).map { _ in phrase(4) } }
            let table = SynonymTable(vocabulary: Vocabulary(groups: groups), analyzer: analyzer)
            for _ in 0..<25 {
                let question = tokens(phrase(12))
                #expect(table.matches(in: question) == reference(groups, question), "round \(round)")
            }
        }
    }
}
