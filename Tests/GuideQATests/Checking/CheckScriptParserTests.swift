import Foundation
import Testing
@testable import GuideQA

@Suite struct CheckScriptParserTests {
    @Test func parsesConversationsTurnsAndEveryExpectationKind() throws {
        let script = try CheckFixture.parse("""
            # a comment

            conversation: first
            > What is ferritin?
              rank 1: ferritin/thresholds/1
              top 3: Ferritin guide › Thresholds
              top 2: ferritin > Thresholds
              contains: above 10000
              not contains: platelets
              cites: Ferritin paper
            > :reset
            > And treatment?
              no answer
            conversation:
            > Platelets?
            """)
        #expect(script.conversations.map(\.name) == ["first", "conversation 2"])
        #expect(script.turnCount == 3)
        #expect(script.expectationCount == 7)
        let kinds = script.conversations[0].turns[0].expectations.map(\.kind)
        #expect(kinds == [
            .rank(1, PassageReference(.id("ferritin/thresholds/1"))),
            .top(3, PassageReference(.section(document: "Ferritin guide", path: ["Thresholds"]), separator: "›")),
            .top(2, PassageReference(.section(document: "ferritin", path: ["Thresholds"]), separator: ">")),
            .contains("above 10000"), .notContains("platelets"), .cites("Ferritin paper"),
        ])
        #expect(script.conversations[0].turns[0].expectations[0].location == SourceLocation(file: "t.qa", line: 5))
        guard case .reset(let at) = script.conversations[0].steps[1] else {
            Issue.record("expected :reset as the second step")
            return
        }
        #expect(at.line == 11)
    }

    @Test func valuesMayContainColonsAndCRLFIsAccepted() throws {
        let script = try CheckFixture.parse("> q\r\n  rank 1: doc › Practical algorithm: step one\r\n")
        #expect(script.lineEnding == "\r\n")
        #expect(script.conversations[0].turns[0].expectations[0].kind
                == .rank(1, PassageReference(.section(document: "doc", path: ["Practical algorithm: step one"]))))
    }

    @Test func unknownDirectiveNamesFileAndLine() throws {
        let error = try #require(CheckFixture.error("> q\n  rnak 1: x\n"))
        #expect(error.kind == .unknownDirective("rnak 1"))
        #expect(error.description.hasPrefix("t.qa:2: unknown directive 'rnak 1'; expected '> question'"))
        #expect(CheckFixture.error("> q\nfoo bar\n")?.kind == .unknownDirective("foo bar"))
    }

    @Test func expectationBeforeAnyQuestionIsRefused() throws {
        let error = try #require(CheckFixture.error("# header\nconversation: c\nrank 1: x\n> q\n"))
        #expect(error.location == SourceLocation(file: "t.qa", line: 3))
        #expect(error.description
                == "t.qa:3: expectation 'rank 1: x' comes before any question; put it under the '> question' it checks")
    }

    @Test func expectationAfterResetIsRefused() {
        #expect(CheckFixture.error("> q\n> :reset\nno answer\n")?.kind == .expectationAfterMetaCommand("no answer"))
    }

    @Test func otherMetaCommandsAreRefused() {
        let error = CheckFixture.error("> q\n> :more\n")
        #expect(error?.kind == .unsupportedMetaCommand(":more"))
        #expect(error?.description.contains("only ':reset' is") == true)
    }

    @Test func badValuesAreRefusedWithTheFix() {
        #expect(CheckFixture.error("> q\ncontains:\n")?.kind == .missingValue("contains"))
        #expect(CheckFixture.error("> q\nno answer: yes\n")?.kind == .unexpectedValue("no answer"))
        #expect(CheckFixture.error("> q\ntop 0: x\n")?.kind == .badCount("top 0"))
        #expect(CheckFixture.error("> q\nrank one: x\n")?.kind == .badCount("rank one"))
        #expect(CheckFixture.error("> q\nrank 1: doc ›  \n")?.kind == .badPassageReference("doc ›"))
        #expect(CheckFixture.error(">   \n")?.kind == .emptyQuestion)
    }

    @Test func scriptsWithoutQuestionsAreRefused() {
        #expect(CheckFixture.error("# only comments\n\n")?.kind == .noQuestions)
        #expect(CheckFixture.error("> q\nconversation: empty\n")?.kind == .emptyConversation("empty"))
    }

    @Test func filesThatAreNotTextAreRefused() throws {
        var nul = Data("> q\n".utf8)
        nul.append(contentsOf: [0x6E, 0x00, 0x0A])
        #expect(throws: CheckScriptError(.containsNUL, at: SourceLocation(file: "bin.qa", line: 2))) {
            try CheckScriptParser.parse(data: nul, file: "bin.qa")
        }
        var latin1 = Data("> q\n> caf".utf8)
        latin1.append(0xE9)
        #expect(throws: CheckScriptError(.invalidUTF8, at: SourceLocation(file: "l.qa", line: 2))) {
            try CheckScriptParser.parse(data: latin1, file: "l.qa")
        }
        #expect(throws: CheckScriptError(.noQuestions, at: SourceLocation(file: "e.qa", line: 0))) {
            try CheckScriptParser.parse(data: Data(), file: "e.qa")
        }
    }

    @Test func foldersExpandToSortedScripts() throws {
        let dir = try MiniCorpus.folder(["b.qa": "> q\n", "a.qa": "> q\n", "sub/c.qa": "> q\n",
                                         "notes.md": "x", ".hidden.qa": "> q\n"])
        #expect(try CheckScriptFiles.expand([dir]) == [dir + "/a.qa", dir + "/b.qa", dir + "/sub/c.qa"])
        #expect(throws: CheckScriptError(.notQAFile, at: SourceLocation(file: dir + "/notes.md", line: 0))) {
            try CheckScriptFiles.expand([dir + "/notes.md"])
        }
        let empty = try MiniCorpus.folder(["x.txt": "x"])
        #expect(throws: CheckScriptError(.noScripts, at: SourceLocation(file: empty, line: 0))) {
            try CheckScriptFiles.expand([empty])
        }
    }
}
