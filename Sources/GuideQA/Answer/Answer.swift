/// One turn's answer, ready to render: the passages in rank order, each with its
/// citations renumbered across the answer, the references those numbers stand for,
/// and the disclaimer.
///
/// A value with no formatting in it: `TextRenderer` and `JSONRenderer` decide how it
/// looks, so the REPL, `ask` and `check` all see the same answer.
public struct Answer: Sendable {
    public struct Item: Sendable {
        /// 1-based position among the passages shown for the question (continues across `:more`).
        public var rank: Int
        /// Index into `Corpus.passages`.
        public var passageIndex: Int
        public var passage: Passage
        public var documentTitle: String
        public var score: Double
        /// Answer-wide citation numbers, in the passage's citing order.
        public var citations: [Int]
        public var matchedTerms: [String]
    }

    public struct CitedReference: Sendable {
        /// The number the answer uses (first appearance = 1).
        public var number: Int
        /// Index into `Corpus.references`.
        public var referenceIndex: Int
        public var text: String
    }

    public var question: String
    public var items: [Item]
    public var references: [CitedReference]
    public var disclaimer: String
    /// Words carried from earlier turns into this question, as the user wrote them.
    public var contextTerms: [String]
    /// The plan that produced the answer (for `:why` and JSON).
    public var plan: QueryPlan
    /// How many ranked passages this answer and those before it (`:more`) have consumed,
    /// shown or held back by the no-answer floor: where the next page starts.
    public var rankedThrough: Int

    public var isEmpty: Bool { items.isEmpty }

    /// Shown in place of passages when nothing answers the question.
    public static let noAnswerText = "Nothing in the corpus answers this question."
}
