import ArgumentParser
import Foundation
import GuideQA

struct ReplCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repl",
        abstract: "Ask questions interactively (the default). Type :help for commands."
    )

    @OptionGroup var engineFlags: EngineFlags
    @OptionGroup var output: OutputFlags

    func run() throws {
        try reportingFailures {
            let engine = try engineFlags.makeEngine()
            let printer = AnswerPrinter(engine: engine, output: output)
            var conversation = Conversation()
            while let line = readLine(strippingNewline: true) {
                printer.print(engine.answer(line, in: &conversation))
            }
        }
    }
}
