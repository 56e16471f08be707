/// Analyzed synonym groups, ready to match against a question's tokens.
///
/// Expansion happens at query time only, never at index time too (as FTS5's docs
/// warn, expanding in both places double-counts): the index holds the corpus's own
/// words, and a question naming "Dercum disease" also searches "adiposis dolorosa"
/// at reduced weight. Query time keeps the index independent of the vocabulary, so
/// editing the vocabulary needs no re-indexing.
///
/// Phrases are held as term numbers end to end in one array, and the phrases that
/// start with a term as one run of another: a common first word ("malignant" opens
/// about 200 names) is tried against the question by comparing numbers in memory
/// read in order, where an array per phrase cost a cache miss per candidate.
public struct SynonymTable: Sendable {
    /// Term text → number, for the terms of every phrase.
    private let termNumbers: ByteKeyTable
    private let termTexts: [String]
    /// Phrase i is `phraseTerms[phraseStart[i]..<phraseStart[i + 1]]`.
    private let phraseTerms: [Int32]
    private let phraseStart: [Int32]
    private let phraseGroup: [Int32]
    private let groups: [Range<Int32>]     // group → its phrases, consecutive
    /// The phrases starting with term t, longest first:
    /// `byFirstTerm[firstStart[t]..<firstStart[t + 1]]`.
    private let byFirstTerm: [Int32]
    private let firstStart: [Int32]

    public init(vocabulary: Vocabulary, analyzer: Analyzer) {
        var numbers = ByteKeyTable()
        var texts: [String] = []
        var phraseTerms: [Int32] = [], phraseStart: [Int32] = [0], phraseGroup: [Int32] = []
        var groups: [Range<Int32>] = []
        for names in vocabulary.groups {
            var distinct: [[String]] = []
            for name in names {
                let terms = analyzer.terms(name)
                if !terms.isEmpty, terms.count <= 12, !distinct.contains(terms) { distinct.append(terms) }
            }
            guard distinct.count > 1 else { continue }   // one name after analysis: nothing to expand
            let first = Int32(phraseStart.count - 1)
            for phrase in distinct {
                for term in phrase {
                    let number = numbers.id(term)
                    if Int(number) == texts.count { texts.append(term) }
                    phraseTerms.append(number)
                }
                phraseStart.append(Int32(phraseTerms.count))
                phraseGroup.append(Int32(groups.count))
            }
            groups.append(first..<Int32(phraseStart.count - 1))
        }
        // Phrases by first term, each term's run longest first, ties in phrase order.
        let phraseCount = phraseStart.count - 1
        let first = { (i: Int) in phraseTerms[Int(phraseStart[i])] }
        let length = { (i: Int) in phraseStart[i + 1] - phraseStart[i] }
        let byFirstTerm = (0..<phraseCount).sorted { (first($0), -length($0), $0) < (first($1), -length($1), $1) }
            .map(Int32.init)
        var firstStart = [Int32](repeating: 0, count: texts.count + 1)
        for i in 0..<phraseCount { firstStart[Int(first(i)) + 1] += 1 }
        for t in 0..<texts.count { firstStart[t + 1] += firstStart[t] }
        termNumbers = numbers
        termTexts = texts
        self.phraseTerms = phraseTerms
        self.phraseStart = phraseStart
        self.phraseGroup = phraseGroup
        self.groups = groups
        self.byFirstTerm = byFirstTerm
        self.firstStart = firstStart
    }

    public var groupCount: Int { groups.count }

    /// A match of a known name in the question, and the other names of its group.
    public struct Match: Sendable, Equatable {
        public var matched: [String]
        public var alternatives: [[String]]
    }

    /// Longest matches, left to right, over consecutive question terms; of names equally
    /// long, the one first in the vocabulary.
    public func matches(in terms: [(term: String, position: Int32)]) -> [Match] {
        matchedPhrases(in: terms).map { best in
            Match(matched: phrase(best), alternatives: alternatives(ofPhrase: best).map(phrase))
        }
    }

    /// How many names (phrases) the table holds: phrase numbers are 0..<phraseCount.
    var phraseCount: Int { phraseStart.count - 1 }

    /// The other names of a phrase's group, in vocabulary order.
    func alternatives(ofPhrase i: Int) -> [Int] {
        groups[Int(phraseGroup[i])].lazy.map { Int($0) }.filter { $0 != i }
    }

    /// `matches(in:)` as phrase numbers: the planner reads the names and their
    /// alternatives only for a match it expands (most matches are names the corpus uses
    /// in its headings, which it does not expand).
    func matchedPhrases(in terms: [(term: String, position: Int32)]) -> [Int] {
        // Each question term's number (-1: in no phrase), found once.
        var numbers = [Int32](repeating: -1, count: terms.count)
        var any = false
        for (k, term) in terms.enumerated() {
            if let number = termNumbers.find(term.term) {
                numbers[k] = number
                any = true
            }
        }
        guard any else { return [] }
        var result: [Int] = []
        var i = 0
        while i < terms.count {
            var best: Int?
            if numbers[i] >= 0 {
                let first = Int(numbers[i])
                for candidate in byFirstTerm[Int(firstStart[first])..<Int(firstStart[first + 1])]
                where matchesAt(i, Int(candidate), numbers, terms) {
                    best = Int(candidate)
                    break
                }
            }
            if let best {
                result.append(best)
                i += Int(phraseStart[best + 1] - phraseStart[best])
            } else {
                i += 1
            }
        }
        return result
    }

    /// A phrase's terms.
    func phrase(_ i: Int) -> [String] {
        phraseTerms[Int(phraseStart[i])..<Int(phraseStart[i + 1])].map { termTexts[Int($0)] }
    }

    private func matchesAt(_ start: Int, _ phrase: Int, _ numbers: [Int32],
                           _ terms: [(term: String, position: Int32)]) -> Bool {
        let from = Int(phraseStart[phrase]), count = Int(phraseStart[phrase + 1]) - from
        guard start + count <= terms.count else { return false }
        for k in 0..<count {
            if numbers[start + k] != phraseTerms[from + k] { return false }
            // Consecutive words only (a stopword gap of one is allowed: "disease of the heart").
            if k > 0 && terms[start + k].position - terms[start + k - 1].position > 2 { return false }
        }
        return true
    }
}
