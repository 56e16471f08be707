import ArgumentParser
import Foundation
import GuideQA

struct ReplCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repl",
        abstract: "Ask questions interactively (the default). Type :help for commands.",
        discussion: """
            On a terminal: line editing, history (GUIDEQA_HISTORY, else $XDG_STATE_HOME/guideqa/history), \
            Tab completion, follow-up questions. With standard input not a terminal, each line is one \
            turn of the same conversation (meta-commands included), with no prompt.
            """
    )

    @OptionGroup var engineFlags: EngineFlags
    @OptionGroup var output: OutputFlags

    @Option(help: ArgumentHelp("History file (default: $GUIDEQA_HISTORY, else $XDG_STATE_HOME/guideqa/history).", valueName: "path"))
    var historyFile: String?

    func run() throws {
        try reportingFailures {
            let engine = try engineFlags.makeEngine()
            var session = ReplSession(engine: engine, printer: AnswerPrinter(engine: engine, output: output))
            let interactive = Terminal.stdinIsTTY && Terminal.stdoutIsTTY
            var reader: any LineReader = PlainLineReader()
            if interactive {
                let completion = LazyCompletion(corpus: engine.corpus)
                let history = HistoryFile(path: historyFile ?? HistoryFile.defaultPath(), limit: 1000)
                if let editor = EditLineReader(prompt: "guideqa> ", history: history, completer: completion.complete) {
                    reader = editor
                }
                let corpus = engine.corpus
                print("GuideQA \(GuideQAVersion.string): \(corpus.passages.count) passages from \(corpus.documents.count) documents. "
                      + "Ask a question, or type :help.")
            }
            if !interactive { Interrupt.install() }
            // Piped text output: a blank line between turns (as `ask` does), not after the last.
            var separateNextTurn = false
            loop: while !Interrupt.requested {
                switch reader.read() {
                case .eof:
                    if interactive { print("") }
                    break loop
                case .interrupted:
                    continue
                case .line(let line):
                    reader.remember(line)
                    let printsSomething = !line.trimmingCharacters(in: .whitespaces).isEmpty && !MetaCommand.isQuit(line)
                    if !interactive && !output.json && printsSomething {
                        if separateNextTurn { print("") }
                        separateNextTurn = true
                    }
                    if session.handle(line) == .quit { break loop }
                    if interactive { print("") }
                }
            }
            reader.finish()
            Interrupt.exitIfRequested()
        }
    }
}
