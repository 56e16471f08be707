/// What a conversation has established so far: its current topic, and the words of
/// the last follow-up that may matter for the next one.
///
/// A value, passed into each turn and returned changed, so answers are deterministic
/// and a conversation is trivially copied, reset or replayed (REPL, piped input and
/// `check` scripts share this one model). Never shared across conversations.
public struct Conversation: Sendable, Equatable {
    /// A term carried into later questions, with the words the user typed for it.
    public struct CarriedTerm: Sendable, Equatable {
        public var term: String
        public var weight: Double
    }

    /// The questions asked, oldest first.
    public internal(set) var questions: [String] = []
    /// The topic's terms (from the last question that named a topic of its own).
    public internal(set) var topic: [CarriedTerm] = []
    /// The topic as the user wrote it, for "(following up on: …)".
    public internal(set) var topicPhrases: [String] = []
    /// Own words of the last follow-up, carried once more at reduced weight.
    public internal(set) var subtopic: [CarriedTerm] = []

    public init() {}

    public var isEmpty: Bool { questions.isEmpty }
}
