/// What a check run found: per script, per conversation, per turn, every expectation
/// with its outcome. A value with no formatting; the reporters (text, TAP, JUnit) and
/// `CheckScriptUpdater` read it.
public struct CheckReport: Sendable {
    public var scripts: [ScriptReport]

    public init(scripts: [ScriptReport]) { self.scripts = scripts }

    /// Every check in order: script, conversation, turn, line.
    public var checks: [CheckResult] { scripts.flatMap(\.checks) }
    public var passed: Int { scripts.reduce(0) { $0 + $1.passed } }
    public var failed: Int { scripts.reduce(0) { $0 + $1.failed } }
    public var turnCount: Int { scripts.reduce(0) { $0 + $1.turns.count } }

    /// The last line of every run: `N passed, M failed`.
    public var summary: String { "\(passed) passed, \(failed) failed" }
}

public struct ScriptReport: Sendable {
    public var file: String
    public var turns: [TurnReport]
    /// Wall time to answer and check the script's turns.
    public var duration: Duration

    public var checks: [CheckResult] { turns.flatMap(\.checks) }
    public var passed: Int { checks.count { $0.passed } }
    public var failed: Int { checks.count { !$0.passed } }
}

/// One question's answer (as far as checks see it) and the outcome of its expectations.
public struct TurnReport: Sendable {
    public var turn: CheckTurn
    public var conversation: String
    /// 1-based position of the question in its conversation.
    public var number: Int
    public var answer: AnswerSnapshot
    public var checks: [CheckResult]
}

/// The parts of an `Answer` that expectations look at, in corpus terms.
public struct AnswerSnapshot: Sendable {
    public struct Passage: Sendable {
        /// 1-based position in the answer: `rank 1` is the first passage shown.
        public var rank: Int
        public var id: String
        public var documentID: String
        public var documentTitle: String
        public var section: [String]
        public var text: String

        /// Whether `reference` names this passage.
        public func matches(_ reference: PassageReference) -> Bool {
            reference.matches(id: id, documentID: documentID, documentTitle: documentTitle, section: section)
        }

        /// "rank. id (Document › Section)", for failure messages.
        public var label: String {
            let place = ([documentID] + section).joined(separator: " › ")
            return "\(rank). \(id)" + (place == id ? "" : "  (\(place))")
        }
    }

    /// Ranked passages: the shown ones, then any more a `rank N`/`top N` needed.
    public var ranked: [Passage]
    /// How many passages the answer shows (`--top`): `contains` and `cites` look only at these.
    public var shownCount: Int
    /// Reference texts of the shown passages, in the answer's citation order.
    public var references: [String]
    /// Words carried over from earlier turns.
    public var contextTerms: [String]

    public var shown: ArraySlice<Passage> { ranked.prefix(shownCount) }
    public var isEmpty: Bool { ranked.isEmpty }
}

/// One expectation and its outcome.
public struct CheckResult: Sendable {
    public var expectation: Expectation
    /// The question it checks, and its conversation, for messages.
    public var question: String
    public var conversation: String
    /// Nil when the expectation holds.
    public var failure: CheckFailure?

    public var passed: Bool { failure == nil }
}

/// Why an expectation failed: a one-line message, then what was expected and what the
/// answer gave, line by line (printed as a `-`/`+` diff).
public struct CheckFailure: Sendable, Equatable {
    public var message: String
    public var expected: [String]
    public var actual: [String]

    public init(message: String, expected: [String], actual: [String]) {
        self.message = message
        self.expected = expected
        self.actual = actual
    }
}
