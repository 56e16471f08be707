/// The human form of a check run: each failing check with its file and line, the
/// question, and a `-` expected / `+` answer diff; then `N passed, M failed` alone on
/// the last line. Passing checks print nothing, so a clean run is one line.
///
/// All script and corpus text passes `TerminalSafe`: a script may hold anything.
public enum TextCheckReporter {
    public static func render(_ report: CheckReport) -> String {
        var out = ""
        for script in report.scripts {
            for turn in script.turns {
                for check in turn.checks {
                    guard let failure = check.failure else { continue }
                    out += render(failure, of: check, in: turn)
                    out += "\n"
                }
            }
        }
        return out + report.summary + "\n"
    }

    static func render(_ failure: CheckFailure, of check: CheckResult, in turn: TurnReport) -> String {
        let safe = { (text: String) in TerminalSafe.sanitize(text) }
        var lines = ["FAIL \(check.expectation.location): \(safe(check.expectation.source))"]
        lines.append("  \(safe(failure.message))")
        lines.append("  question (\(turn.turn.location), turn \(turn.number) of \(safe(turn.conversation))): "
                     + safe(turn.turn.question))
        if !turn.answer.contextTerms.isEmpty {
            lines.append("  following up on: " + turn.answer.contextTerms.map(safe).joined(separator: ", "))
        }
        lines += failure.expected.map { "  - " + safe($0) }
        lines += failure.actual.map { "  + " + safe($0) }
        return lines.joined(separator: "\n") + "\n"
    }
}
