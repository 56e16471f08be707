/// A parsed `.qa` check script: conversations of turns, each turn a question with the
/// expectations its answer must meet, every part located by file and line.
///
/// The model keeps the file's lines as read, so `CheckScriptUpdater` can rewrite a few
/// expectation lines and leave comments, blank lines and layout exactly as they were.
/// The format itself is documented in `docs/check-format.md`.
public struct CheckScript: Sendable {
    /// The path as the user gave it (used in every message).
    public var file: String
    /// The file's lines without their line terminators, for `--update`.
    public var lines: [String]
    /// "\r\n" when the file used CRLF line endings, else "\n".
    public var lineEnding: String
    /// Whether the last line ended with a line terminator.
    public var endsWithNewline: Bool
    public var conversations: [CheckConversation]

    public init(file: String, lines: [String], lineEnding: String = "\n", endsWithNewline: Bool = true,
                conversations: [CheckConversation]) {
        self.file = file
        self.lines = lines
        self.lineEnding = lineEnding
        self.endsWithNewline = endsWithNewline
        self.conversations = conversations
    }

    /// Questions asked in the script (meta-commands not counted).
    public var turnCount: Int { conversations.reduce(0) { $0 + $1.turns.count } }
    /// Expectations in the script: what `N passed, M failed` counts.
    public var expectationCount: Int {
        conversations.reduce(0) { $0 + $1.turns.reduce(0) { $0 + $1.expectations.count } }
    }
}

/// A run of turns sharing follow-up context; context never crosses conversations.
public struct CheckConversation: Sendable {
    /// From the `conversation:` line, or "conversation N" when the script has none.
    public var name: String
    /// The `conversation:` line, or the first turn of an unnamed conversation.
    public var location: SourceLocation
    public var steps: [CheckStep]

    public init(name: String, location: SourceLocation, steps: [CheckStep] = []) {
        self.name = name
        self.location = location
        self.steps = steps
    }

    /// The question turns, in order.
    public var turns: [CheckTurn] {
        steps.compactMap { if case .ask(let turn) = $0 { return turn } else { return nil } }
    }
}

/// One line of a conversation: a question, or a meta-command.
public enum CheckStep: Sendable {
    case ask(CheckTurn)
    /// `> :reset`: drops the context, as in the REPL.
    case reset(SourceLocation)
}

/// A question and what its answer must satisfy.
public struct CheckTurn: Sendable {
    public var question: String
    public var location: SourceLocation
    public var expectations: [Expectation]

    public init(question: String, location: SourceLocation, expectations: [Expectation] = []) {
        self.question = question
        self.location = location
        self.expectations = expectations
    }
}

/// One expectation line: the unit that passes or fails.
public struct Expectation: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// `rank N: passage`: the passage is exactly at rank N.
        case rank(Int, PassageReference)
        /// `top N: passage`: the passage is at rank N or better.
        case top(Int, PassageReference)
        /// `contains: text`: some shown passage contains the text.
        case contains(String)
        /// `not contains: text`: no shown passage contains the text.
        case notContains(String)
        /// `cites: text`: some reference of the answer contains the text.
        case cites(String)
        /// `no answer`: nothing in the corpus answers the question.
        case noAnswer
    }

    public var kind: Kind
    public var location: SourceLocation
    /// The line as written, without surrounding whitespace (for messages).
    public var source: String

    public init(kind: Kind, location: SourceLocation, source: String) {
        self.kind = kind
        self.location = location
        self.source = source
    }
}
