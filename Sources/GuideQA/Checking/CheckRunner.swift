import Foundation

/// Runs check scripts through one `Engine`, exactly as the REPL would answer them.
///
/// Each conversation starts with an empty `Conversation` and threads it through
/// `Engine.answer(_:in:top:)` turn by turn; `> :reset` replaces it with an empty one.
/// Nothing carries from one conversation (or script) to the next. The engine is built
/// once by the caller, so a script of thousands of turns costs only their answers.
public struct CheckRunner: Sendable {
    public let engine: Engine
    /// Passage ids in the corpus, to tell "not ranked" from "no such passage".
    private let passageIDs: Set<String>

    public init(engine: Engine) {
        self.engine = engine
        passageIDs = Set(engine.corpus.passages.map(\.id))
    }

    public func run(_ scripts: [CheckScript]) -> CheckReport {
        CheckReport(scripts: scripts.map(run))
    }

    public func run(_ script: CheckScript) -> ScriptReport {
        let clock = ContinuousClock()
        let start = clock.now
        var turns: [TurnReport] = []
        var known: [PassageReference: Bool] = [:]
        for conversation in script.conversations {
            var context = Conversation()
            var number = 0
            for step in conversation.steps {
                switch step {
                case .reset:
                    context = Conversation()
                case .ask(let turn):
                    number += 1
                    let answer = snapshot(turn, context: &context)
                    let checks = turn.expectations.map { expectation in
                        CheckResult(expectation: expectation, question: turn.question, conversation: conversation.name,
                                    failure: check(expectation.kind, against: answer, known: &known))
                    }
                    turns.append(TurnReport(turn: turn, conversation: conversation.name, number: number,
                                            answer: answer, checks: checks))
                }
            }
        }
        return ScriptReport(file: script.file, turns: turns, duration: clock.now - start)
    }

    /// Answers a turn, ranking deep enough for its `rank N`/`top N` expectations.
    private func snapshot(_ turn: CheckTurn, context: inout Conversation) -> AnswerSnapshot {
        let shown = engine.options.top
        let depth = turn.expectations.reduce(shown) { deepest, expectation in
            switch expectation.kind {
            case .rank(let n, _), .top(let n, _): return max(deepest, n)
            default: return deepest
            }
        }
        let answer = engine.answer(turn.question, in: &context, top: depth)
        // `rank` is the position in the answer (the engine's own numbers skip passages under the floor).
        let ranked = answer.items.enumerated().map { position, item in
            AnswerSnapshot.Passage(rank: position + 1, id: item.passage.id,
                                   documentID: engine.corpus.document(of: item.passage).id,
                                   documentTitle: item.documentTitle, section: item.passage.section,
                                   text: item.passage.text)
        }
        let cited = Set(answer.items.prefix(shown).flatMap(\.citations))
        let references = answer.references.filter { cited.contains($0.number) }.map(\.text)
        return AnswerSnapshot(ranked: ranked, shownCount: shown, references: references,
                              contextTerms: answer.contextTerms)
    }

    private func check(_ kind: Expectation.Kind, against answer: AnswerSnapshot,
                       known: inout [PassageReference: Bool]) -> CheckFailure? {
        switch kind {
        case .rank(let n, let reference):
            if let at = answer.ranked.dropFirst(n - 1).first, at.matches(reference) { return nil }
            return passageFailure("rank \(n)", reference, answer, known: &known)
        case .top(let n, let reference):
            if answer.ranked.prefix(n).contains(where: { $0.matches(reference) }) { return nil }
            return passageFailure("top \(n)", reference, answer, known: &known)
        case .contains(let text):
            if answer.shown.contains(where: { TextMatch.contains($0.text, text) }) { return nil }
            return CheckFailure(
                message: "no passage shown contains \"\(text)\"",
                expected: ["a passage containing \"\(text)\""],
                actual: answer.isEmpty ? ["no answer"] : answer.shown.map { $0.label + ": " + Self.excerpt($0.text) })
        case .notContains(let text):
            let offending = answer.shown.filter { TextMatch.contains($0.text, text) }
            if offending.isEmpty { return nil }
            return CheckFailure(
                message: "a passage shown contains \"\(text)\"",
                expected: ["no passage containing \"\(text)\""],
                actual: offending.map { $0.label + ": " + Self.excerpt($0.text, around: text) })
        case .cites(let text):
            if answer.references.contains(where: { TextMatch.contains($0, text) }) { return nil }
            return CheckFailure(
                message: "no reference of the answer matches \"\(text)\"",
                expected: ["a reference containing \"\(text)\""],
                actual: answer.references.isEmpty ? ["no references"]
                    : answer.references.enumerated().map { "[\($0.offset + 1)] " + Self.excerpt($0.element) })
        case .noAnswer:
            if answer.isEmpty { return nil }
            return CheckFailure(message: "expected no answer, but passages were shown",
                                expected: ["no answer"], actual: Self.ranking(answer))
        }
    }

    private func passageFailure(_ place: String, _ reference: PassageReference, _ answer: AnswerSnapshot,
                                known: inout [PassageReference: Bool]) -> CheckFailure {
        let exists: Bool
        if let cached = known[reference] {
            exists = cached
        } else {
            exists = isInCorpus(reference)
            known[reference] = exists
        }
        guard exists else {
            return CheckFailure(message: "\(reference) names no passage in the corpus; fix the id or section",
                                expected: ["\(place): \(reference)"], actual: ["no such passage in the corpus"])
        }
        var message = "\(reference) is not at \(place)"
        if let found = answer.ranked.first(where: { $0.matches(reference) }) {
            message += " (it is at rank \(found.rank))"
        } else if !answer.isEmpty {
            message += " (not among the \(answer.ranked.count) ranked)"
        }
        return CheckFailure(message: message, expected: ["\(place): \(reference)"], actual: Self.ranking(answer))
    }

    private func isInCorpus(_ reference: PassageReference) -> Bool {
        if case .id(let id) = reference.form { return passageIDs.contains(id) }
        let corpus = engine.corpus
        return corpus.passages.contains { passage in
            let document = corpus.document(of: passage)
            return reference.matches(id: passage.id, documentID: document.id, documentTitle: document.title,
                                     section: passage.section)
        }
    }

    /// The ranked passages, one line each, or "no answer".
    private static func ranking(_ answer: AnswerSnapshot) -> [String] {
        answer.isEmpty ? ["no answer (\(Answer.noAnswerText))"] : answer.ranked.map(\.label)
    }

    /// A short piece of a passage: its start, or the words around `needle`.
    static func excerpt(_ text: String, around needle: String? = nil, limit: Int = 100) -> String {
        let folded = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        guard folded.count > limit else { return folded }
        if let needle, let range = folded.range(of: TextMatch.fold(needle), options: .caseInsensitive) {
            let start = folded.index(range.lowerBound, offsetBy: -limit / 3, limitedBy: folded.startIndex)
                ?? folded.startIndex
            let end = folded.index(start, offsetBy: limit, limitedBy: folded.endIndex) ?? folded.endIndex
            return (start == folded.startIndex ? "" : "…") + folded[start..<end] + (end == folded.endIndex ? "" : "…")
        }
        return folded.prefix(limit) + "…"
    }
}
