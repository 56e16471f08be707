import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `guideqa ask`, run as a user or a script runs it.
@Suite struct AskCommandTests {
    static let question = "Are MAS and HLH the same condition?"

    /// The disclaimer as `--json` reports it (one source of truth for the text checks).
    static func disclaimer() throws -> String {
        let result = try BinaryRunner.run(["ask", "--json", "What is the HScore?"])
        return try JSONObject.parse(result.stdout)["disclaimer"] as? String ?? "<no disclaimer>"
    }

    @Test func answersWithNumberedCitationsReferencesAndTheDisclaimer() throws {
        let result = try BinaryRunner.run(["ask", Self.question])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        let lines = result.stdout.components(separatedBy: "\n")
        // Not a terminal, so not wrapped: the first passage is line 1 (heading) and line 2 (text).
        try #require(lines.count > 2)
        #expect(lines[0].hasPrefix("1. "))
        #expect(lines[1].contains("subtype of secondary HLH"), "\(lines[1])")
        #expect(lines[1].hasSuffix("[1]"))
        #expect(lines.contains("References"))
        #expect(lines.contains { $0.hasPrefix("[1] ") })
        let disclaimer = try Self.disclaimer()
        #expect(disclaimer.contains("healthcare professionals"))
        #expect(result.stdout.hasSuffix(disclaimer + "\n"), "the disclaimer is the last line")
        // The references are numbered 1…n, and exactly those numbers are cited in the passages.
        let references = lines.compactMap { line -> Int? in
            guard line.hasPrefix("["), let close = line.firstIndex(of: "]") else { return nil }
            return Int(line[line.index(after: line.startIndex)..<close])
        }
        #expect(references == Array(1...max(1, references.count)), "\(result.stdout)")
        let cited = lines.filter { $0.hasPrefix("   ") }.flatMap { line -> [Int] in
            guard line.hasSuffix("]"), let open = line.lastIndex(of: "[") else { return [] }
            return line[line.index(after: open)..<line.index(before: line.endIndex)]
                .split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        }
        #expect(Set(cited) == Set(references), "\(result.stdout)")
    }

    @Test func jsonHasTheDocumentedKeys() throws {
        let result = try BinaryRunner.run(["ask", "--json", Self.question])
        #expect(result.status == 0)
        #expect(result.stdout.split(separator: "\n").count == 1, "one object on one line")
        let object = try JSONObject.parse(result.stdout)
        #expect(Set(object.keys).isSuperset(of: ["question", "passages", "references", "disclaimer"]))
        #expect(object["question"] as? String == Self.question)
        let passages = try #require(object["passages"] as? [[String: Any]])
        try #require(!passages.isEmpty)
        for (index, passage) in passages.enumerated() {
            #expect(Set(passage.keys).isSuperset(of: ["rank", "id", "document", "section", "text", "score", "citations"]))
            #expect(passage["rank"] as? Int == index + 1)
            #expect(passage["score"] as? Double != nil)
            #expect(passage["citations"] as? [Int] != nil)
        }
        #expect((passages[0]["text"] as? String)?.contains("subtype of secondary HLH") == true)
        let references = try #require(object["references"] as? [[String: Any]])
        #expect(references.map { $0["number"] as? Int } == Array(1...references.count).map { $0 })
        #expect(references.allSatisfy { ($0["text"] as? String)?.isEmpty == false })
        let cited = Set(passages.flatMap { $0["citations"] as? [Int] ?? [] })
        #expect(cited == Set(1...references.count), "every reference is cited and every citation listed")
        #expect((object["disclaimer"] as? String)?.isEmpty == false)
    }

    @Test func withoutAQuestionEachStdinLineIsAnsweredOnItsOwn() throws {
        let input = "\(Self.question)\nHow is it treated?\n"
        let json = try BinaryRunner.run(["ask", "--json"], stdin: input)
        #expect(json.status == 0)
        let objects = try json.stdout.split(separator: "\n").map { try JSONObject.parse(String($0)) }
        #expect(objects.count == 2)
        #expect(objects.map { $0["question"] as? String } == [Self.question, "How is it treated?"])
        #expect(objects.last?["context"] as? [String] == [], "ask carries no context between lines")

        let text = try BinaryRunner.run(["ask"], stdin: input)
        #expect(text.status == 0)
        let disclaimer = try Self.disclaimer()
        #expect(text.stdout.components(separatedBy: disclaimer).count == 3, "two answers, two disclaimers")
        #expect(!text.stdout.contains("(following up on:"))
        #expect(text.stdout.contains(disclaimer + "\n\n1. "), "a blank line between answers")
    }

    @Test func offTopicQuestionSaysNothingAnswersIt() throws {
        let result = try BinaryRunner.run(["ask", "What is the capital of France?"])
        #expect(result.status == 0)
        let lines = result.stdout.components(separatedBy: "\n").filter { !$0.isEmpty }
        #expect(lines.first == "Nothing in the corpus answers this question.")
        #expect(!result.stdout.contains("References"))
        #expect(lines.last == (try Self.disclaimer()))
    }

    @Test func pipedOutputHasNoEscapeBytes() throws {
        for environment in [["TERM": "xterm-256color"], ["TERM": "xterm-256color", "NO_COLOR": "1"]] {
            let result = try BinaryRunner.run(["ask", Self.question], environment: environment)
            #expect(result.status == 0)
            #expect(!result.stdout.utf8.contains(0x1B), "\(environment)")
        }
    }

    /// On a terminal answers are styled, unless NO_COLOR is set (no-color.org) or TERM=dumb.
    @Test func terminalOutputIsStyledUnlessNoColor() throws {
        func screen(_ environment: [String: String]) throws -> String {
            let session = try PTYSession(["ask", Self.question], environment: environment)
            #expect(session.waitForExit() == 0)
            return session.transcript
        }
        let styled = try screen(["TERM": "xterm-256color"])
        #expect(styled.utf8.contains(0x1B), "styled on a colour terminal (control case)")
        #expect(!(try screen(["TERM": "xterm-256color", "NO_COLOR": "1"])).utf8.contains(0x1B))
        #expect(!(try screen(["TERM": "dumb"])).utf8.contains(0x1B))
    }

    @Test func unknownFlagIsAUsageError() throws {
        let result = try BinaryRunner.run(["ask", "--no-such-flag", Self.question])
        #expect(result.status == 64)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("Unknown option '--no-such-flag'"), "\(result.stderr)")
        #expect(result.stderr.contains("Usage: guideqa ask"))
    }

    @Test func missingCorpusIsAnError() throws {
        let result = try BinaryRunner.run(["ask", "--corpus", "/nonexistent/guideqa-corpus", Self.question])
        #expect(result.status != 0)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("/nonexistent/guideqa-corpus"), "\(result.stderr)")
    }

    @Test func malformedCorpusIsAOneLineErrorWithExitStatus2() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("guideqa-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("bad.md")
        try """
            ---
            title: A guideline with a bad citation
            updated: 2020-01-01
            ---

            ## Ferritin

            Ferritin above 500 µg/L is one of the criteria. [1]

            Ferritin above 10,000 µg/L is very suggestive. [7]

            ## References

            1. A reference.
            """.write(to: file, atomically: true, encoding: .utf8)
        let result = try BinaryRunner.run(["ask", "--corpus", folder.path, "ferritin"])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 2 && lines[1].isEmpty, "one line: \(result.stderr.debugDescription)")
        #expect(result.stderr.contains("\(file.path):10: citation [7] has no reference 7; "), "\(result.stderr)")
    }

    @Test(arguments: ["", "   ", "\t"])
    func emptyQuestionsAreRefusedCleanly(question: String) throws {
        let result = try BinaryRunner.run(["ask", question])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        #expect(result.stdout.hasPrefix("Nothing in the corpus answers this question.\n"), "\(result.stdout)")
    }

    @Test func aOneMegabyteQuestionOnStdinIsAnswered() throws {
        let question = String(repeating: "ferritin triglycerides ", count: 1 << 20 / 23)
        let result = try BinaryRunner.run(["ask", "--json"], stdin: question + "\n")
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        let object = try JSONObject.parse(result.stdout)
        #expect((object["question"] as? String)?.utf8.count == question.utf8.count)
        #expect((object["passages"] as? [Any])?.isEmpty == false)
    }

    @Test func blankAndWhitespaceLinesOnStdinGetAnAnswerEach() throws {
        let result = try BinaryRunner.run(["ask", "--json"], stdin: "\n   \n\(Self.question)\r\n")
        #expect(result.status == 0)
        let objects = try result.stdout.split(separator: "\n").map { try JSONObject.parse(String($0)) }
        #expect(objects.map { $0["question"] as? String } == ["", "   ", Self.question])
        #expect(objects.map { $0["answered"] as? Bool } == [false, false, true])
    }

    @Test func helpVersionAndCompletionScript() throws {
        let help = try BinaryRunner.run(["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("USAGE: guideqa"))
        #expect(help.stdout.contains("ask"))
        let askHelp = try BinaryRunner.run(["ask", "--help"])
        #expect(askHelp.status == 0)
        #expect(askHelp.stdout.contains("--corpus <path>"))

        let version = try BinaryRunner.run(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout.range(of: #"^\d+\.\d+\.\d+\n$"#, options: .regularExpression) != nil, "\(version.stdout)")

        let completion = try BinaryRunner.run(["--generate-completion-script", "bash"])
        #expect(completion.status == 0)
        #expect(completion.stdout.hasPrefix("#!/bin/bash"))
        #expect(completion.stdout.contains("complete -o filenames -F _guideqa guideqa")
                || completion.stdout.contains("complete") && completion.stdout.contains("_guideqa"))
    }

    /// `guideqa ask … | head -1`: the reader goes away after one line. No error message.
    @Test func earlyCloseOfStdoutPrintsNoError() throws {
        let process = Process()
        process.executableURL = BinaryRunner.binary
        process.arguments = ["ask"]
        process.environment = ["PATH": "/usr/bin:/bin", "HOME": FileManager.default.temporaryDirectory.path,
                               "LC_ALL": "C.UTF-8"]
        let questions = try Self.manyQuestionsFile()
        defer { try? FileManager.default.removeItem(atPath: questions) }
        let input = try #require(FileHandle(forReadingAtPath: questions))
        let output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Read the first line, then close the read end, as `head -1` does.
        var first = Data()
        while !first.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            first.append(chunk)
        }
        try output.fileHandleForReading.close()
        let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let deadline = Date().addingTimeInterval(30)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }   // SIGTERM is blocked (inherited mask)
        process.waitUntilExit()
        #expect(String(decoding: first, as: UTF8.self).hasPrefix("1. "))
        #expect(errorText.isEmpty, "stderr: \(errorText.debugDescription)")
        // Ended by SIGPIPE (as `head` users expect) or a clean exit; not a crash or an error status.
        let status = process.terminationReason == .exit ? process.terminationStatus : 128 + process.terminationStatus
        #expect(status == 0 || status == 128 + SIGPIPE, "status \(status)")
    }

    /// 2,000 questions: far more output than a pipe buffer holds.
    static func manyQuestionsFile() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("guideqa-many-\(UUID().uuidString)").path
        try String(repeating: question + "\n", count: 2000).write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// The shared evaluation corpus (../shared/eval next to the repository), when present.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: evalFolder.appendingPathComponent("corpus.jsonl").path)))
    func fiftyQuestionsOnTheEvalCorpusInOneProcess() throws {
        let queries = try String(contentsOf: Self.evalFolder.appendingPathComponent("queries-dev.jsonl"), encoding: .utf8)
        let questions = try queries.split(separator: "\n").prefix(50).map {
            try JSONObject.parse(String($0))["question"] as? String ?? ""
        }
        try #require(questions.count == 50 && questions.allSatisfy { !$0.isEmpty && !$0.contains("\n") })
        let corpus = Self.evalFolder.appendingPathComponent("corpus.jsonl").path
        let result = try BinaryRunner.run(["ask", "--json", "--corpus", corpus],
                                          stdin: questions.map { $0 + "\n" }.joined())
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty, "\(result.stderr.prefix(500))")
        let objects = try result.stdout.split(separator: "\n").map { try JSONObject.parse(String($0)) }
        #expect(objects.count == 50)
        #expect(objects.map { $0["question"] as? String ?? "" } == questions)
        #expect(objects.filter { $0["answered"] as? Bool == true }.count >= 25, "most eval questions find passages")
    }

    static var evalFolder: URL {
        BinaryRunner.repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/eval")
    }
}
