import Foundation
import Testing

/// The REPL with standard input not a terminal: each line is one turn of one
/// conversation, with no prompt and no terminal codes (issue 3).
@Suite struct PipedREPLTests {
    static let turns = ["Are MAS and HLH the same condition?", "How is it treated?"]
    static var input: String { turns.map { $0 + "\n" }.joined() }

    @Test func turnsAreAnsweredWithoutPromptOrEscapes() throws {
        let result = try BinaryRunner.run([], stdin: Self.input)
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        #expect(!result.stdout.contains("guideqa>"))
        #expect(!result.stdout.contains("GuideQA 0"), "no banner when piped")
        #expect(!result.stdout.utf8.contains(0x1B), "no escape sequences when piped")
        #expect(!result.stdout.contains("\r"))
        #expect(result.stdout.contains("MAS is one subtype of secondary HLH"))
        let lines = result.stdout.components(separatedBy: "\n")
        #expect(lines.filter { $0 == "(following up on: MAS, HLH)" }.count == 1, "\(result.stdout)")
    }

    @Test func jsonGivesOneObjectPerTurnWithTheCarriedContext() throws {
        let result = try BinaryRunner.run(["--json"], stdin: Self.input)
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 2, "\(result.stdout)")
        let objects = try lines.map { try JSONObject.parse(String($0)) }
        #expect(objects.map { $0["question"] as? String } == Self.turns)
        #expect(objects.first?["context"] as? [String] == [])
        #expect(objects.last?["context"] as? [String] == ["MAS", "HLH"])
        #expect(objects.allSatisfy { ($0["passages"] as? [Any])?.isEmpty == false })
    }

    @Test func metaCommandsWorkPiped() throws {
        let input = [Self.turns[0], ":history", ":reset", Self.turns[1], ":histry", ":cite 1"].map { $0 + "\n" }.joined()
        let result = try BinaryRunner.run(["--json"], stdin: input)
        #expect(result.status == 0)
        let objects = try result.stdout.split(separator: "\n").map { try JSONObject.parse(String($0)) }
        try #require(objects.count == 6, "\(result.stdout)")
        #expect(objects[1]["message"] as? String == "  1. \(Self.turns[0])")
        #expect(objects[2]["message"] as? String == "(new conversation)")
        #expect(objects[3]["question"] as? String == Self.turns[1])
        #expect(objects[3]["context"] as? [String] == [], ":reset drops the follow-up context")
        #expect((objects[4]["message"] as? String)?.contains("Did you mean :history?") == true)
        #expect((objects[5]["message"] as? String)?.hasPrefix("[1] ") == true)

        let text = try BinaryRunner.run([], stdin: ":history\n:cite 1\n:why 1\n:refs\n:more\n:q\nHow is it treated?\n")
        #expect(text.status == 0)
        #expect(text.stdout.components(separatedBy: "\n").filter { !$0.isEmpty } == [
            "No questions yet in this conversation.",
            "No answer yet: ask a question first.",
            "No answer yet: ask a question first.",
            "No answer yet: ask a question first.",
            "No answer yet: ask a question first.",
        ], "every command answers, and nothing after :q runs")
    }

    /// `:more` numbers its references afresh; `:cite N` then means the new answer's [N],
    /// and "Cited by" lists every shown passage that cites that same reference.
    /// (Several page sizes, so that some page 2 numbers its references unlike page 1.)
    @Test(arguments: 1...6)
    func citeAfterMoreListsThePassagesCitingThatReference(top: Int) throws {
        let input = "\(Self.turns[0])\n:more\n:cite 1\n"
        let result = try BinaryRunner.run(["--json", "--top", String(top)], stdin: input)
        #expect(result.status == 0)
        let objects = try result.stdout.split(separator: "\n").map { try JSONObject.parse(String($0)) }
        try #require(objects.count == 3, "\(result.stdout)")
        func citing(_ answer: [String: Any], _ text: String) -> [Int] {
            let references = answer["references"] as? [[String: Any]] ?? []
            guard let number = references.first(where: { $0["text"] as? String == text })?["number"] as? Int else { return [] }
            return (answer["passages"] as? [[String: Any]] ?? []).compactMap {
                ($0["citations"] as? [Int])?.contains(number) == true ? $0["rank"] as? Int : nil
            }
        }
        let page2References = try #require(objects[1]["references"] as? [[String: Any]])
        let cited = try #require(page2References.first?["text"] as? String)
        let expected = citing(objects[0], cited) + citing(objects[1], cited)
        let message = try #require(objects[2]["message"] as? String)
        let lines = message.components(separatedBy: "\n")
        #expect(lines.first?.hasPrefix("[1] ") == true)
        let shown = lines.drop { $0 != "Cited by:" }.dropFirst().compactMap { line in
            Int(line.trimmingCharacters(in: .whitespaces).prefix { $0.isNumber })
        }
        #expect(shown == expected, "\(message)")
    }

    /// The same turns give the same answer text piped and on a terminal.
    @Test(arguments: [["--width", "100"], []])
    func pipedAnswersMatchInteractiveAnswers(flags: [String]) throws {
        let session = try PTYSession(flags)
        try session.expectPrompt()
        let blocks = try Self.turns.map { try session.turn($0) }
        session.send("\u{04}")
        #expect(session.waitForExit() == 0)

        let piped = try BinaryRunner.run(flags, stdin: Self.input)
        #expect(piped.status == 0)
        let interactive = blocks.map { $0.joined(separator: "\n") }.joined(separator: "\n\n") + "\n"
        if flags.isEmpty {
            // On the 80-column terminal text is wrapped, piped it is not: compare the words.
            #expect(Self.words(piped.stdout) == Self.words(interactive))
            #expect(piped.stdout.components(separatedBy: "\n").filter(\.isEmpty).count
                    == interactive.components(separatedBy: "\n").filter(\.isEmpty).count,
                    "same blank lines between passages and turns")
        } else {
            #expect(piped.stdout == interactive)
        }
    }

    static func words(_ text: String) -> [Substring] {
        text.split(whereSeparator: \.isWhitespace)
    }
}

/// `JSONSerialization` for one object, as `[String: Any]`.
enum JSONObject {
    struct NotAnObject: Error, CustomStringConvertible {
        let text: String
        var description: String { "not a JSON object: \(text.prefix(200).debugDescription)" }
    }

    static func parse(_ text: String) throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw NotAnObject(text: text)
        }
        return object
    }
}
