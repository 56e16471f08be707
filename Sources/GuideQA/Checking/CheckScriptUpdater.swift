/// Golden mode (`guideqa check --update`): rewrites a script's expectations from the
/// answers the engine gives today, touching as few lines as possible.
///
/// The rules, which `docs/check-format.md` repeats for script authors:
/// - Comments, blank lines, questions, `conversation:` lines and every expectation
///   that *passes* are kept byte for byte, so the diff shows only what changed.
/// - A failing `rank N:` becomes `rank N:` with the passage now at rank N; a failing
///   `top N: P` becomes `top R: P` when P is still ranked (at R), else `top N:` with
///   the passage now at rank N. Either becomes `no answer` when nothing answers. A
///   passage is written the way the line wrote it (id, or document › section).
/// - A failing `no answer` becomes `rank 1:` with today's first passage.
/// - A failing `cites:` becomes one `cites:` line per reference of today's answer
///   that no passing `cites:` line of the turn already covers (full reference text),
///   or is dropped when there is none.
/// - A failing `contains:` or `not contains:` is dropped: the tool cannot know what
///   text you meant, so the deletion shows in the diff for you to review.
/// - A question with no expectations gets one: `rank 1: <id>` or `no answer`.
/// - Lines that would repeat another line of the same turn are not written twice.
public enum CheckScriptUpdater {
    public struct Outcome: Sendable, Equatable {
        /// The new script text.
        public var text: String
        public var rewritten = 0
        public var dropped = 0
        public var added = 0

        public var changed: Bool { rewritten + dropped + added > 0 }
    }

    public static func update(_ script: CheckScript, from report: ScriptReport) -> Outcome {
        var replacements: [Int: [String]] = [:]     // 0-based line → its new lines
        var insertions: [Int: [String]] = [:]       // 0-based line → lines added after it
        var outcome = Outcome(text: "")
        let indent = defaultIndent(script)

        for turn in report.turns {
            let answer = turn.answer
            if turn.checks.isEmpty {
                insertions[turn.turn.location.line - 1] = [indent + pin(answer)]
                outcome.added += 1
                continue
            }
            var written = Set(turn.checks.filter(\.passed).map { TextMatch.fold($0.expectation.source) })
            let coveredCites = turn.checks.filter(\.passed).compactMap { check -> String? in
                if case .cites(let text) = check.expectation.kind { return text } else { return nil }
            }
            for check in turn.checks where !check.passed {
                let index = check.expectation.location.line - 1
                guard script.lines.indices.contains(index) else { continue }
                let original = script.lines[index]
                let lead = String(original.prefix { $0 == " " || $0 == "\t" })
                var new = replacement(for: check.expectation.kind, answer: answer, coveredCites: coveredCites)
                new = new.filter { written.insert(TextMatch.fold($0)).inserted }
                replacements[index] = new.map { lead + $0 }
                if new.isEmpty {
                    outcome.dropped += 1
                } else {
                    outcome.rewritten += 1
                    outcome.added += new.count - 1
                }
            }
        }

        var lines: [String] = []
        for (index, line) in script.lines.enumerated() {
            lines += replacements[index] ?? [line]
            lines += insertions[index] ?? []
        }
        outcome.text = lines.joined(separator: script.lineEnding) + (script.endsWithNewline ? script.lineEnding : "")
        return outcome
    }

    /// The line(s) that state today's answer in place of a failing expectation.
    private static func replacement(for kind: Expectation.Kind, answer: AnswerSnapshot,
                                     coveredCites: [String]) -> [String] {
        switch kind {
        case .rank(let n, let reference):
            guard let first = answer.ranked.first else { return ["no answer"] }
            guard let at = answer.ranked.dropFirst(n - 1).first else {
                return ["top \(n): " + write(answer.ranked.last ?? first, like: reference)]
            }
            return ["rank \(n): " + write(at, like: reference)]
        case .top(let n, let reference):
            guard !answer.isEmpty else { return ["no answer"] }
            if let found = answer.ranked.first(where: { $0.matches(reference) }) {
                return ["top \(found.rank): " + write(found, like: reference)]
            }
            let at = answer.ranked[min(n, answer.ranked.count) - 1]
            return ["top \(n): " + write(at, like: reference)]
        case .noAnswer:
            return [pin(answer)]
        case .cites:
            return answer.references
                .filter { reference in !coveredCites.contains { TextMatch.contains(reference, $0) } }
                .map { "cites: " + $0.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        case .contains, .notContains:
            return []
        }
    }

    /// The expectation that pins an answer: its first passage, or `no answer`.
    private static func pin(_ answer: AnswerSnapshot) -> String {
        answer.ranked.first.map { "rank 1: " + $0.id } ?? "no answer"
    }

    /// A passage written in the style of `reference`: an id, or document › trailing headings.
    static func write(_ passage: AnswerSnapshot.Passage, like reference: PassageReference) -> String {
        guard case .section(let document, let path) = reference.form, !passage.section.isEmpty else {
            return passage.id
        }
        let name = TextMatch.fold(document) == TextMatch.fold(passage.documentTitle)
            ? passage.documentTitle : passage.documentID
        let headings = passage.section.suffix(min(path.count, passage.section.count))
        return ([name] + headings).joined(separator: " \(reference.separator) ")
    }

    /// The indentation of the script's first expectation line, or two spaces.
    private static func defaultIndent(_ script: CheckScript) -> String {
        for conversation in script.conversations {
            for turn in conversation.turns {
                if let line = turn.expectations.first?.location.line, script.lines.indices.contains(line - 1) {
                    return String(script.lines[line - 1].prefix { $0 == " " || $0 == "\t" })
                }
            }
        }
        return "  "
    }
}
