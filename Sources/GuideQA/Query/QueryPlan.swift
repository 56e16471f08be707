/// What the ranker searches for: analyzed terms with weights and where they came from.
///
/// The planner decides the weights (the user's own words count fully; words carried
/// from earlier turns or added as synonyms count less); the ranker only sums.
public struct QueryPlan: Sendable, Equatable {
    public enum Origin: String, Sendable, Codable {
        /// Typed by the user in this question.
        case question
        /// Carried from earlier turns of the conversation.
        case context
        /// Another name for words of the question (synonym or abbreviation): scored like the
        /// question's own words, at lower weight, and it covers the words it stands for.
        case synonym
        /// Words that answers of the question's kind use (intent expansion): they only
        /// refine the order of passages that match the question itself.
        case expansion
    }

    public struct Term: Sendable, Equatable {
        public var text: String
        public var weight: Double
        public var origin: Origin
        /// Position in the question (for phrase matching); nil for carried or added terms.
        public var position: Int32?
        /// For a synonym: the question's terms it is another name for.
        public var covers: [String]
        /// A word that asks for a kind of answer ("treated", "symptoms") rather than naming
        /// a topic: it counts half toward how much of the question a passage covers, so
        /// the no-answer floor does not turn on a corpus's choice of phrasing.
        public var asksKind = false

        public init(text: String, weight: Double, origin: Origin, position: Int32? = nil, covers: [String] = []) {
            self.text = text
            self.weight = weight
            self.origin = origin
            self.position = position
            self.covers = covers
        }
    }

    public var terms: [Term]

    public init(terms: [Term]) {
        self.terms = terms
    }

    /// The question's own terms (no context, no expansion).
    public var questionTerms: [Term] { terms.filter { $0.origin == .question } }

    public var isEmpty: Bool { terms.isEmpty }
}
