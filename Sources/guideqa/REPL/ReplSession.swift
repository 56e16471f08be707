import Foundation
import GuideQA

/// One interactive conversation: the engine, the conversation context, the last
/// answer (for `:cite`, `:why`, `:more`, `:refs`) and what to print.
///
/// The same session serves the terminal and piped input; only the line reader and
/// the printer's styling differ, so both give the same answers for the same turns.
struct ReplSession {
    let engine: Engine
    let printer: AnswerPrinter
    var conversation = Conversation()
    var lastAnswer: Answer?
    /// Every passage shown for the last question, across `:more` (for `:cite` and `:why`).
    var shownItems: [Answer.Item] = []

    /// What a line asks the loop to do next.
    enum Outcome { case next, quit }

    mutating func handle(_ rawLine: String) -> Outcome {
        let line = rawLine.trimmingCharacters(in: .whitespaces)
        if line.isEmpty { return .next }
        if line.hasPrefix(":") { return runCommand(line) }
        let answer = engine.answer(line, in: &conversation)
        lastAnswer = answer
        shownItems = answer.items
        printer.print(answer)
        return .next
    }

    private mutating func runCommand(_ line: String) -> Outcome {
        let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        let name = words[0]
        let arguments = Array(words.dropFirst())
        guard let command = MetaCommand.named(name) else {
            let suggestion = MetaCommand.nearest(to: name).map { " Did you mean \($0.name)?" } ?? ""
            say("Unknown command \(TerminalSafe.sanitize(name)).\(suggestion) Type :help for the list.")
            return .next
        }
        return command.run(&self, arguments)
    }

    /// Prints a line of REPL output (not an answer).
    func say(_ text: String) {
        if printer.output.json {
            print(JSONValue.object([("message", .string(text))]).serialized())
        } else {
            print(text)
        }
    }
}
