import ArgumentParser
import GuideQA

@main
struct GuideQACommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "guideqa",
        abstract: "Answers clinical questions from a local corpus of guideline text, with citations.",
        discussion: """
            With no subcommand, starts an interactive session (or, with standard input not a \
            terminal, answers each input line as one turn of a conversation).
            """,
        version: GuideQAVersion.string,
        subcommands: [ReplCommand.self, AskCommand.self, EvalCommand.self, CheckCommand.self, IndexCommand.self],
        defaultSubcommand: ReplCommand.self
    )
}
