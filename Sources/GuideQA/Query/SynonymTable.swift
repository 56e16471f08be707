/// Analyzed synonym groups, ready to match against a question's tokens.
///
/// Expansion happens at query time only, never at index time too (as FTS5's docs
/// warn, expanding in both places double-counts): the index holds the corpus's own
/// words, and a question naming "Dercum disease" also searches "adiposis dolorosa"
/// at reduced weight. Query time keeps the index independent of the vocabulary, so
/// editing the vocabulary needs no re-indexing.
public struct SynonymTable: Sendable {
    /// Analyzed phrases, and which group each belongs to.
    private let phrases: [[String]]
    private let phraseGroup: [Int]
    private let groups: [[Int]]          // group → phrase indices
    /// First term → phrases starting with it, longest first.
    private let byFirstTerm: [String: [Int]]

    public init(vocabulary: Vocabulary, analyzer: Analyzer) {
        var phrases: [[String]] = []
        var phraseGroup: [Int] = []
        var groups: [[Int]] = []
        for names in vocabulary.groups {
            var distinct: [[String]] = []
            for name in names {
                let terms = analyzer.terms(name)
                if !terms.isEmpty, terms.count <= 12, !distinct.contains(terms) { distinct.append(terms) }
            }
            guard distinct.count > 1 else { continue }   // one name after analysis: nothing to expand
            groups.append(Array(phrases.count..<(phrases.count + distinct.count)))
            phrases += distinct
            phraseGroup += Array(repeating: groups.count - 1, count: distinct.count)
        }
        var byFirst: [String: [Int]] = [:]
        for (i, phrase) in phrases.enumerated() { byFirst[phrase[0], default: []].append(i) }
        for key in byFirst.keys { byFirst[key]?.sort { phrases[$0].count > phrases[$1].count } }
        self.phrases = phrases
        self.phraseGroup = phraseGroup
        self.groups = groups
        self.byFirstTerm = byFirst
    }

    public var groupCount: Int { groups.count }

    /// A match of a known name in the question, and the other names of its group.
    public struct Match: Sendable, Equatable {
        public var matched: [String]
        public var alternatives: [[String]]
    }

    /// Longest matches, left to right, over consecutive question terms.
    public func matches(in terms: [(term: String, position: Int32)]) -> [Match] {
        var result: [Match] = []
        var i = 0
        while i < terms.count {
            var best: Int?
            for candidate in byFirstTerm[terms[i].term] ?? [] where matchesAt(i, phrases[candidate], terms) {
                best = candidate
                break
            }
            if let best {
                let group = groups[phraseGroup[best]]
                let alternatives = group.filter { $0 != best }.map { phrases[$0] }
                result.append(Match(matched: phrases[best], alternatives: alternatives))
                i += phrases[best].count
            } else {
                i += 1
            }
        }
        return result
    }

    private func matchesAt(_ start: Int, _ phrase: [String], _ terms: [(term: String, position: Int32)]) -> Bool {
        guard start + phrase.count <= terms.count else { return false }
        for k in 0..<phrase.count {
            if terms[start + k].term != phrase[k] { return false }
            // Consecutive words only (a stopword gap of one is allowed: "disease of the heart").
            if k > 0 && terms[start + k].position - terms[start + k - 1].position > 2 { return false }
        }
        return true
    }
}
