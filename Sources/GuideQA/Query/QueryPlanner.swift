/// Turns a question, in the context of its conversation, into a `QueryPlan`, and
/// says how the conversation moves on.
///
/// The context model is entity tracking with historical query expansion (after Lin
/// et al., "Query Reformulation using Query History for Passage Retrieval in
/// Conversational Search", 2020):
/// - A question's *topical* words are its terms that the corpus knows and that are
///   not question vocabulary ("treated", "symptoms": see `QuestionVocabulary`).
/// - A question is a *follow-up* when it points back ("it", "this"), opens as a
///   continuation ("And in adults?", "What about …"), or has no topical word of its
///   own. A follow-up gets the topic's terms at `contextWeight`, and the previous
///   follow-up's own words at half that.
/// - Any other question starts a new topic: its topical words. So "What is cytokine
///   release syndrome?" is answered on its own, whatever came before.
public struct QueryPlanner: Sendable {
    public let analyzer: Analyzer
    public let index: InvertedIndex
    /// Weight of carried topic terms (the user's own words weigh 1).
    public var contextWeight: Double
    /// At most this many distinct terms of a question are searched (a pasted page
    /// still gets an answer, in bounded time).
    public static let maximumTerms = 256

    /// The question vocabulary and the intents' triggers, analyzed.
    private let lexicon: QuestionLexicon

    /// Weight of each answer word an intent adds ("outlook" → "prognosis", …).
    public var intentWeight: Double
    /// Weight of each term of a synonym added for a name in the question.
    public var synonymWeight: Double
    /// The synonym table, and which of its names the corpus's headings use (built in the
    /// background when the planner is made).
    private let synonymState: Background<SynonymState?>
    private struct SynonymState: Sendable {
        let table: SynonymTable
        let headingNames: HeadingNameMemo
    }
    /// The synonym table (built in the background when the planner is made).
    public var synonyms: SynonymTable? { synonymState.value?.table }
    /// Each intent's answer terms, analyzed (the lexicon knows which terms trigger it).
    private let intents: [[String]]
    private let definitionTerms: [String]

    public init(analyzer: Analyzer, index: InvertedIndex, contextWeight: Double = 0.9,
                synonyms: @escaping @Sendable () -> SynonymTable? = { nil }, intentWeight: Double = 0,
                synonymWeight: Double = 0) {
        self.analyzer = analyzer
        self.index = index
        self.contextWeight = contextWeight
        self.synonymState = Background {
            synonyms().map { SynonymState(table: $0, headingNames: HeadingNameMemo(phrases: $0.phraseCount)) }
        }
        self.intentWeight = intentWeight
        self.synonymWeight = synonymWeight
        lexicon = QuestionLexicon(generic: QuestionVocabulary.generic.flatMap { analyzer.terms($0) },
                                  triggers: QuestionIntent.rules.map { $0.triggers.flatMap { analyzer.terms($0) } })
        definitionTerms = Array(Set(QuestionIntent.definitionWords.flatMap { analyzer.terms($0) })).sorted()
        intents = QuestionIntent.rules.map { Array(Set($0.answerWords.flatMap { analyzer.terms($0) })).sorted() }
    }

    /// Adds intent answer words and synonyms of names in the question, at low weight.
    /// - Parameter fired: the intents (bits) the question's terms trigger.
    private func expand(_ question: String, _ tokens: [Token], fired: UInt64, into terms: inout [QueryPlan.Term],
                        seen: inout TermSet) {
        if intentWeight > 0 {
            func add(_ answerTerms: [String]) {
                for term in answerTerms where seen.insert(term) {
                    terms.append(QueryPlan.Term(text: term, weight: intentWeight, origin: .expansion))
                }
            }
            if fired != 0 {
                var rest = fired
                while rest != 0 {
                    add(intents[rest.trailingZeroBitCount])
                    rest &= rest &- 1
                }
            } else if Self.opens(Self.words(question, first: 2), withAnyOf: QuestionIntent.definitionOpenings) {
                add(definitionTerms)
            }
        }
        if synonymWeight > 0, let state = synonymState.value {
            let synonyms = state.table, headingNames = state.headingNames
            var ordered: [(term: String, position: Int32)] = []
            ordered.reserveCapacity(tokens.count)
            var lastPosition: Int32 = -1
            for token in tokens where token.position != lastPosition {
                ordered.append((token.term, token.position))
                lastPosition = token.position
            }
            // A name the corpus itself uses in a heading needs no other names: expanding it
            // only adds words that match other topics.
            for match in synonyms.matchedPhrases(in: ordered)
            where !headingNames.isNamed(match, compute: { namedInHeadings(synonyms.phrase(match)) }) {
                let covers = synonyms.phrase(match)
                for alternative in synonyms.alternatives(ofPhrase: match).prefix(Self.maximumAlternatives) {
                    for term in synonyms.phrase(alternative) where seen.insert(term) {
                        terms.append(QueryPlan.Term(text: term, weight: synonymWeight, origin: .synonym, covers: covers))
                    }
                }
            }
        }
    }

    /// Whether some passage's heading (document title or section) holds all the phrase's terms.
    func namedInHeadings(_ phrase: [String]) -> Bool {
        let field = index.heading
        var lists: [ArraySlice<Int32>] = []
        for term in phrase {
            guard let id = field.termID(term) else { return false }
            lists.append(field.postingPassages[field.postingRange(id)])
        }
        // Intersect sorted posting lists, shortest first.
        lists.sort { $0.count < $1.count }
        guard let shortest = lists.first else { return false }
        var cursors = lists.map { $0.startIndex }
        candidates: for passage in shortest {
            for k in 1..<lists.count {
                while cursors[k] < lists[k].endIndex && lists[k][cursors[k]] < passage { cursors[k] += 1 }
                guard cursors[k] < lists[k].endIndex else { return false }
                if lists[k][cursors[k]] != passage { continue candidates }
            }
            return true
        }
        return false
    }

    /// At most this many other names are searched for one name in a question.
    static let maximumAlternatives = 4

    /// The plan for `question`, the conversation after it, and the carried words to show.
    public func plan(_ question: String, in conversation: Conversation) -> (QueryPlan, Conversation, [String]) {
        let tokens = analyzer.analyze(question)
        var seen = TermSet()
        var terms: [QueryPlan.Term] = []
        terms.reserveCapacity(2 * tokens.count + 16)
        var topical: [Token] = []
        topical.reserveCapacity(tokens.count)
        var fired: UInt64 = 0
        for token in tokens {
            let entry = lexicon.entry(token.term)
            fired |= entry.intents
            if isTopical(token.term, entry) { topical.append(token) }
            guard seen.count < Self.maximumTerms && seen.insert(token.term) else { continue }
            var term = QueryPlan.Term(text: token.term, weight: 1, origin: .question, position: token.position)
            term.asksKind = entry.generic
            terms.append(term)
        }
        expand(question, tokens, fired: fired, into: &terms, seen: &seen)
        var next = conversation
        next.questions.append(question)

        guard !conversation.topic.isEmpty, isFollowUp(question, topicalCount: topical.count) else {
            // A new topic (or the first question).
            var topicSeen = TermSet()
            next.topic = topical.filter { topicSeen.insert($0.term) }
                .map { Conversation.CarriedTerm(term: $0.term, weight: 1) }
            next.topicPhrases = Self.phrases(topical, in: question)
            next.subtopic = []
            return (QueryPlan(terms: terms), next, [])
        }

        // A follow-up: carry the topic (and, once, the last follow-up's own words).
        for carried in conversation.topic where !seen.contains(carried.term) {
            seen.insert(carried.term)
            terms.append(QueryPlan.Term(text: carried.term, weight: contextWeight * carried.weight, origin: .context))
        }
        for carried in conversation.subtopic where !seen.contains(carried.term) {
            seen.insert(carried.term)
            terms.append(QueryPlan.Term(text: carried.term, weight: contextWeight * carried.weight * 0.5,
                                        origin: .context))
        }
        var subSeen = TermSet()
        next.subtopic = topical.filter { subSeen.insert($0.term) }
            .map { Conversation.CarriedTerm(term: $0.term, weight: 1) }
        return (QueryPlan(terms: terms), next, conversation.topicPhrases)
    }

    /// A term that names what a question is about: known to the corpus, not question
    /// vocabulary (`entry`: what the lexicon knows of it).
    private func isTopical(_ term: String, _ entry: QuestionLexicon.Entry) -> Bool {
        !entry.generic
            && !Self.isNumeric(term)   // "grade 4" names no topic
            && (index.body.termID(term) != nil || index.heading.termID(term) != nil)
    }

    /// Digits and points only ("4", "2.5"); ASCII terms are read as bytes.
    static func isNumeric(_ term: String) -> Bool {
        let utf8 = term.utf8
        if utf8.allSatisfy({ $0 < 0x80 }) { return utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E } }
        return term.allSatisfy { $0.isNumber || $0 == "." }
    }

    private func isFollowUp(_ question: String, topicalCount: Int) -> Bool {
        if topicalCount == 0 { return true }
        let words = Self.words(question)
        if words.contains(where: { QuestionVocabulary.anaphors.contains($0) }) { return true }
        return Self.opens(words, withAnyOf: QuestionVocabulary.continuations)
    }

    /// The question's words, lower-cased, apostrophes kept ("it's").
    /// - Parameter first: at most this many (the openings need two, not the whole question).
    static func words(_ question: String, first limit: Int = .max) -> [String] {
        if question.utf8.allSatisfy({ $0 < 0x80 }) { return asciiWords(question.utf8, first: limit) }
        // A typographic apostrophe is rare: replacing it only when present keeps
        // Foundation's string search off the path of every question.
        let text = question.utf8.contains(0xE2) ? question.replacingOccurrences(of: "\u{2019}", with: "'") : question
        return text.lowercased().split(maxSplits: limit, whereSeparator: { !($0.isLetter || $0 == "'") })
            .prefix(limit).map(String.init)
    }

    /// `words` for ASCII text, where a letter is A–Z or a–z: bytes, not Characters.
    private static func asciiWords(_ utf8: String.UTF8View, first limit: Int) -> [String] {
        var words: [String] = []
        var word: [UInt8] = []
        for byte in utf8 {
            let lower = byte | 0x20
            if (lower >= 0x61 && lower <= 0x7A) || byte == 0x27 {
                word.append(byte == 0x27 ? byte : lower)
            } else if !word.isEmpty {
                words.append(String(decoding: word, as: UTF8.self))
                if words.count == limit { return words }
                word.removeAll(keepingCapacity: true)
            }
        }
        if !word.isEmpty && words.count < limit { words.append(String(decoding: word, as: UTF8.self)) }
        return words
    }

    /// Whether the question's first words (as `words(_:)` splits them) are one of `openings`.
    static func opens(_ words: [String], withAnyOf openings: [[String]]) -> Bool {
        openings.contains { opening in
            words.count >= opening.count && Array(words.prefix(opening.count)) == opening
        }
    }

    /// Runs of adjacent topical words, as the user typed them ("cytokine release syndrome").
    static func phrases(_ tokens: [Token], in question: String) -> [String] {
        let utf8 = question.utf8
        var phrases: [String] = []
        var start: Int32 = -1, end: Int32 = -1, lastPosition: Int32 = -10
        func close() {
            if start >= 0 {
                let from = utf8.index(utf8.startIndex, offsetBy: Int(start))
                phrases.append(String(decoding: utf8[from..<utf8.index(from, offsetBy: Int(end - start))], as: UTF8.self))
            }
        }
        for token in tokens {
            if token.position == lastPosition { end = max(end, token.end); continue }   // colocated
            if token.position == lastPosition + 1 && start >= 0 {
                end = token.end
            } else {
                close()
                start = token.start
                end = token.end
            }
            lastPosition = token.position
        }
        close()
        guard phrases.count > 1 else { return phrases }
        var seen = TermSet()
        return phrases.filter { seen.insert($0.lowercased()) }
    }
}
