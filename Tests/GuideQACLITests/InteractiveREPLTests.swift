import Foundation
import Testing

/// The REPL on a pseudo-terminal, as a user at a terminal sees it (issue 2).
/// Assertions are on the program's own output lines, not on libedit's echo.
@Suite struct InteractiveREPLTests {
    static let question = "Are MAS and HLH the same condition?"
    static let followUp = "How is it treated?"

    /// Screen lines as one string, with the wrapping undone (runs of blanks become one space).
    static func flat(_ lines: [String]) -> String {
        lines.joined(separator: " ").split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    @Test func questionFollowUpCiteAndWhy() throws {
        let session = try PTYSession()
        let banner = try session.expect(PTYSession.prompt)
        #expect(banner.hasPrefix("GuideQA "), "banner: \(banner.debugDescription)")
        try session.waitForRawMode()

        let first = try session.turn(Self.question)
        #expect(first.first?.hasPrefix("1. ") == true, "\(first)")
        // The first passage is wrapped at 80 columns: join its lines before searching.
        #expect(Self.flat(first).contains("MAS is one subtype of secondary HLH"), "\(first)")
        #expect(first.contains("References"))
        #expect(!first.contains { $0.hasPrefix("(following up on:") }, "a first question has no context")

        let second = try session.turn(Self.followUp)
        #expect(second.first == "(following up on: MAS, HLH)", "\(second)")
        #expect(second.contains { $0.hasPrefix("1. ") })
        #expect(Self.flat(second).contains("treat"), "the follow-up is about treatment")

        let cite = try session.turn(":cite 1")
        #expect(cite.first?.hasPrefix("[1] ") == true, "\(cite)")
        #expect(cite.contains("Cited by:"), "\(cite)")

        let why = try session.turn(":why 1")
        #expect(why.first?.hasPrefix("Passage 1: ") == true, "\(why)")
        #expect(why.contains { $0.contains("= score") }, "\(why)")
        #expect(why.contains { $0.contains("idf") }, "\(why)")
        #expect(why.contains("Context terms: mas, hlh"), "\(why)")

        session.send("\u{04}")                             // Ctrl-D on an empty line
        #expect(session.waitForExit() == 0)
    }

    @Test func tabCompletesCorpusWordsAndMetaCommands() throws {
        let session = try PTYSession()
        try session.expectPrompt()
        session.send("methylpred\t")
        try session.expect("methylprednisolone ")          // the completed word, and a space
        session.send("\u{03}")                             // discard it
        try session.expect("^C\r\n")
        try session.expectPrompt()

        session.send(":so\t")
        try session.expect(":sources ")
        let sources = try session.turn("")                 // Enter runs the completed command
        #expect(sources.first?.contains(" documents, ") == true && sources.first?.hasSuffix(" references:") == true,
                "\(sources)")
        #expect(sources.contains { $0.contains("HScore for reactive hemophagocytic syndrome") })

        session.send("\u{04}")
        #expect(session.waitForExit() == 0)
    }

    @Test func ctrlCDiscardsAHalfTypedLine() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("guideqa-hist-\(UUID().uuidString)")
        let historyFile = home.path
        defer { try? FileManager.default.removeItem(atPath: historyFile) }
        let session = try PTYSession(historyFile: historyFile)
        try session.expectPrompt()
        session.send("What is ferr")
        try session.expect("ferr")
        session.send("\u{03}")
        // The line ends with ^C (TERM=dumb redraws it, prompt included), and a fresh
        // prompt follows at once: nothing was answered in between.
        try session.expect("ferr^C\r\n")
        #expect(try session.expect(PTYSession.prompt) == PTYSession.prompt)
        try session.waitForRawMode()
        #expect(try session.turn(":history") == ["No questions yet in this conversation."])

        session.send("\u{04}")
        #expect(session.waitForExit() == 0)
        let saved = (try? String(contentsOfFile: historyFile, encoding: .utf8)) ?? ""
        #expect(!saved.contains("ferr"), "history file: \(saved.debugDescription)")
        #expect(saved.contains(":history"), "history file: \(saved.debugDescription)")
    }

    @Test func ctrlDOnAnEmptyLineExitsZero() throws {
        let session = try PTYSession()
        try session.expectPrompt()
        session.send("\u{04}")
        #expect(session.waitForExit() == 0)
    }

    @Test func historyCarriesOverToTheNextRun() throws {
        let historyFile = FileManager.default.temporaryDirectory
            .appendingPathComponent("guideqa-hist-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: historyFile) }

        let first = try PTYSession(historyFile: historyFile)
        try first.expectPrompt()
        _ = try first.turn(Self.question)
        first.send(":q\r")
        #expect(first.waitForExit() == 0)
        let saved = try String(contentsOfFile: historyFile, encoding: .utf8)
        #expect(saved.components(separatedBy: "\n").contains(Self.question), "\(saved.debugDescription)")

        // Second run, same file: Up Up (past ":q") recalls the question, Enter answers it.
        let second = try PTYSession(historyFile: historyFile)
        try second.expectPrompt()
        second.send("\u{1b}[A\u{1b}[A")
        try second.expect(Self.question)
        let answer = try second.turn("")
        #expect(Self.flat(answer).contains("MAS is one subtype of secondary HLH"), "\(answer)")
        second.send(":quit\r")
        #expect(second.waitForExit() == 0)
    }

    @Test func unknownCommandNamesTheNearestOne() throws {
        let session = try PTYSession()
        try session.expectPrompt()
        let lines = try session.turn(":histry")
        #expect(lines.count == 1, "\(lines)")
        #expect(lines.first?.contains(":history") == true, "\(lines)")
        session.send("\u{04}")
        #expect(session.waitForExit() == 0)
    }

    @Test(arguments: [":quit", ":q", ":exit", "  :QUIT  "])
    func quitCommandsExitZero(command: String) throws {
        let session = try PTYSession()
        try session.expectPrompt()
        session.send(command + "\r")
        #expect(session.waitForExit() == 0)
        #expect(!session.transcript.contains("Unknown command"))
    }
}
