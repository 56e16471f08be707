import ArgumentParser
import Foundation
import GuideQA

struct AskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ask",
        abstract: "Answer one question, or each line of standard input, and exit.",
        discussion: """
            With no QUESTION, reads questions from standard input, one per line, and answers \
            each on its own (no conversation context between lines). Exit status: 0 answered \
            (even "nothing in the corpus answers"), 2 the corpus cannot be loaded, 130 \
            interrupted by Ctrl-C (the answers printed so far are complete).
            """
    )

    @OptionGroup var engineFlags: EngineFlags
    @OptionGroup var output: OutputFlags

    @Argument(help: "The question (several words are joined with spaces).")
    var question: [String] = []

    func run() throws {
        try reportingFailures {
            let engine = try engineFlags.makeEngine()
            let printer = AnswerPrinter(engine: engine, output: output)
            if !question.isEmpty {
                printer.print(engine.answer(question.joined(separator: " ")))
                return
            }
            Interrupt.install()
            var first = true
            while !Interrupt.requested, let line = readLine(strippingNewline: true) {
                if !output.json && !first { printer.separator() }
                first = false
                printer.print(engine.answer(line))
            }
            Interrupt.exitIfRequested()
        }
    }
}
