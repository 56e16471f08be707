import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Issue 7: every bad input of docs/reliability.md's table, through the real binary, one
/// test (or argument) per row, in the table's order. Each is either answered (exit 0) or
/// refused with one line on stderr naming the file (and line) and nothing on stdout.
@Suite struct BadInputTests {
    // MARK: - Helpers

    static let good = """
        ---
        title: Ferritin in hemophagocytic lymphohistiocytosis
        updated: 2024-01-01
        ---

        ## Ferritin

        Ferritin above 500 µg/L is one of the diagnostic criteria. [1]

        ## References

        1. Author A. A title. A journal. 2020.

        """

    /// A fresh folder holding `files` (name → bytes).
    static func folder(_ files: [String: Data] = [:]) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gqa-bad-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for (name, data) in files {
            let path = dir + "/" + name
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try data.write(to: URL(fileURLWithPath: path))
        }
        return dir
    }

    static func folder(text files: [String: String]) throws -> String {
        try folder(files.mapValues { Data($0.utf8) })
    }

    static func ask(corpus: String, _ question: String = "ferritin") throws -> BinaryRunner.Result {
        try BinaryRunner.run(["ask", "--no-cache", "--corpus", corpus, question])
    }

    /// Refused: exit 2, nothing on stdout, exactly one line on stderr that names the file and
    /// says `message`.
    static func expectRefused(_ result: BinaryRunner.Result, _ location: String, _ message: String,
                              sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status == 2, "status \(result.status): \(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stdout.isEmpty, "no partial answer: \(result.stdout.prefix(200))", sourceLocation: sourceLocation)
        #expect(result.stderr.hasPrefix("guideqa: error: \(location): \(message)"),
                "\(result.stderr.prefix(400).debugDescription)", sourceLocation: sourceLocation)
        #expect(result.stderr.filter { $0 == "\n" }.count == 1 && result.stderr.hasSuffix("\n"),
                "one line: \(result.stderr.prefix(400).debugDescription)", sourceLocation: sourceLocation)
        #expect(!result.stderr.contains("Fatal error") && !result.stderr.contains("Stack dump"),
                sourceLocation: sourceLocation)
    }

    /// Answered: exit 0, stderr empty, one JSON object per question.
    static func askJSON(_ questions: Data, corpus: String? = nil) throws -> [[String: Any]] {
        let result = try BinaryRunner.run(["ask", "--json"] + (corpus.map { ["--no-cache", "--corpus", $0] } ?? []),
                                          stdinData: questions)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty, "\(result.stderr.prefix(300))")
        return try result.stdout.split(separator: "\n").map { try JSONObject.parse(String($0)) }
    }

    static let nothing = "Nothing in the corpus answers this question."

    // MARK: - Corpus

    @Test func corpusInvalidUTF8() throws {
        var bytes = Data(Self.good.utf8)
        bytes.append(contentsOf: [0x0A, 0xC3, 0x28, 0x0A])           // line 14: a broken two-byte sequence
        let dir = try Self.folder(["g.md": bytes])
        Self.expectRefused(try Self.ask(corpus: dir), dir + "/g.md:14", "is not valid UTF-8; re-save the file as UTF-8")
    }

    @Test func corpusNULBytes() throws {
        let dir = try Self.folder(["g.md": Data("---\ntitle: x\u{0}y\n".utf8)])
        Self.expectRefused(try Self.ask(corpus: dir), dir + "/g.md:2", "contains a NUL byte, so it is not a text file")
    }

    /// What "at once" means for these inputs: seconds, not minutes (quadratic work on
    /// them took minutes). A debug build under a parallel suite on two cores took 6 s for
    /// what takes 3 s alone, so the bound leaves room for a busy machine.
    static let promptly: TimeInterval = 15

    /// 50 MB on one line, no newline anywhere: refused at once (no header), not parsed for minutes.
    @Test func corpusFiftyMegabyteSingleLineDocument() throws {
        let line = String(repeating: "ferritin fever splenomegaly ", count: 50 * 1024 * 1024 / 28)
        let dir = try Self.folder(["big.md": Data(line.utf8)])
        let start = Date()
        Self.expectRefused(try Self.ask(corpus: dir), dir + "/big.md:1", "must start with a header")
        #expect(Date().timeIntervalSince(start) < Self.promptly)
    }

    /// One JSONL passage of 5 MB on one line: loaded, indexed and answered (50 MB takes
    /// about 13 s in a debug build, too long for the suite; see docs/reliability.md).
    @Test func corpusFiveMegabyteSingleLineJSONL() throws {
        let text = String(repeating: "ferritin fever splenomegaly ", count: 5 * 1024 * 1024 / 28)
        let line = #"{"id": "big", "title": "Big", "text": "\#(text)", "source": "S."}"#
        let dir = try Self.folder(["big.jsonl": Data(line.utf8)])
        let result = try BinaryRunner.run(["ask", "--json", "--top", "1", "--no-cache", "--corpus", dir + "/big.jsonl",
                                           "ferritin"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try JSONObject.parse(result.stdout)
        #expect(object["answered"] as? Bool == true)
    }

    @Test func corpusPassageOfHundredThousandWords() throws {
        let words = (0..<100_000).map { $0 % 1000 == 0 ? "ferritin" : "word\($0 % 5000)" }.joined(separator: " ")
        let document = Self.good.replacingOccurrences(of: "Ferritin above 500 µg/L is one of the diagnostic criteria.",
                                                      with: words + ".")
        let dir = try Self.folder(text: ["long.md": document])
        let objects = try Self.askJSON(Data("ferritin\n".utf8), corpus: dir)
        #expect(objects.count == 1)
        #expect(objects.first?["answered"] as? Bool == true)
    }

    @Test func corpusEmptyFolder() throws {
        let dir = try Self.folder()
        Self.expectRefused(try Self.ask(corpus: dir), dir, "holds no guideline documents (*.md or *.jsonl)")
    }

    @Test func corpusFolderWithNoGuidelineFiles() throws {
        let dir = try Self.folder(text: ["notes.txt": "ferritin [1]", "data.csv": "a,b", ".hidden.md": Self.good])
        Self.expectRefused(try Self.ask(corpus: dir), dir, "holds no guideline documents (*.md or *.jsonl)")
    }

    /// Tests run as root in CI, where chmod 000 stops nothing; a FIFO named like a
    /// document is unreadable for everyone (and reading it would block forever).
    @Test func corpusUnreadableFileFIFO() throws {
        let dir = try Self.folder(text: ["a.md": Self.good])
        #expect(mkfifo(dir + "/b.md", 0o644) == 0)
        Self.expectRefused(try Self.ask(corpus: dir), dir + "/b.md", "cannot be read (not a regular file)")
        Self.expectRefused(try Self.ask(corpus: dir + "/b.md"), dir + "/b.md", "cannot be read (not a regular file)")
    }

    /// The same row for an ordinary user: a file without read permission.
    @Test(.enabled(if: geteuid() != 0, "root reads any file; the FIFO case stands in"))
    func corpusUnreadableFilePermissions() throws {
        let dir = try Self.folder(text: ["a.md": Self.good])
        #expect(chmod(dir + "/a.md", 0) == 0)
        Self.expectRefused(try Self.ask(corpus: dir), dir + "/a.md", "cannot be read (")
    }

    @Test func corpusSymbolicLinkLoop() throws {
        let dir = try Self.folder(text: ["a.md": Self.good])
        #expect(symlink(dir + "/y.md", dir + "/x.md") == 0)
        #expect(symlink(dir + "/x.md", dir + "/y.md") == 0)
        Self.expectRefused(try Self.ask(corpus: dir), dir + "/x.md", "cannot be read (a symbolic link that leads nowhere, or in a loop)")
        Self.expectRefused(try Self.ask(corpus: dir + "/x.md"), dir + "/x.md", "cannot be read (a symbolic link that leads nowhere, or in a loop)")
    }

    @Test func corpusCitationToMissingReference() throws {
        let dir = try Self.folder(text: ["g.md": Self.good.replacingOccurrences(of: "criteria. [1]", with: "criteria. [1, 7]")])
        Self.expectRefused(try Self.ask(corpus: dir), dir + "/g.md:8", "citation [7] has no reference 7")
    }

    @Test func corpusReferenceNeverCited() throws {
        let dir = try Self.folder(text: ["g.md": Self.good + "2. Never cited. 2021.\n"])
        Self.expectRefused(try Self.ask(corpus: dir), dir + "/g.md:13", "reference 2 is never cited")
    }

    @Test func corpusDuplicatePassageIDs() throws {
        let line = #"{"id": "x1", "text": "Ferritin is high.", "source": "S."}"#
        let dir = try Self.folder(text: ["c.jsonl": line + "\n" + line + "\n"])
        Self.expectRefused(try Self.ask(corpus: dir), dir + "/c.jsonl:2",
                           "duplicate passage id 'x1' (first at \(dir)/c.jsonl:1)")
    }

    @Test func corpusJSONLTruncatedLastLine() throws {
        let dir = try Self.folder(text: ["c.jsonl": #"{"id": "x1", "text": "Ferritin is high.", "source": "S."}"# + "\n"
                                       + #"{"id": "x2", "text": "Ferr"#])
        Self.expectRefused(try Self.ask(corpus: dir), dir + "/c.jsonl:2", "line is not a valid JSON object (")
    }

    @Test func corpusJSONLWrongType() throws {
        let dir = try Self.folder(text: ["c.jsonl": #"{"id": "x1", "text": 5, "source": "S."}"# + "\n"])
        Self.expectRefused(try Self.ask(corpus: dir), dir + "/c.jsonl:1", #"field "text" must be a string"#)
    }

    @Test func corpusSameDocumentTwiceUnderTwoNames() throws {
        let dir = try Self.folder(text: ["a.md": Self.good, "b.md": Self.good])
        Self.expectRefused(try Self.ask(corpus: dir), dir + "/b.md", "document 'b' has the same content as \(dir)/a.md")
    }

    // MARK: - Questions (the shipped corpus)

    @Test(arguments: [("empty", ""), ("whitespace only", " \t  "), ("only stopwords", "what is the of and a to it"),
                      ("only punctuation", "?!.,;:-()[]{}\"'…")])
    func questionWithNothingToSearchIsNoAnswer(_ row: String, _ question: String) throws {
        let result = try BinaryRunner.run(["ask", question])
        #expect(result.status == 0, "\(row)")
        #expect(result.stderr.isEmpty, "\(row): \(result.stderr)")
        #expect(result.stdout.hasPrefix(Self.nothing + "\n"), "\(row): \(result.stdout.prefix(200))")
    }

    @Test func questionOfOneMegabyte() throws {
        let question = String(repeating: "ferritin fever splenomegaly ", count: (1 << 20) / 28)
        let start = Date()
        let objects = try Self.askJSON(Data((question + "\n").utf8))
        #expect(objects.count == 1)
        #expect(objects.first?["answered"] as? Bool == true)
        #expect(Date().timeIntervalSince(start) < Self.promptly)
    }

    @Test func questionOfTenThousandDistinctWords() throws {
        // Real corpus words first (so the first 256 distinct terms find something), then 10,000 made-up ones.
        let question = "ferritin splenomegaly " + (0..<10_000).map { "zq\(String($0, radix: 26))x" }.joined(separator: " ")
        let start = Date()
        let objects = try Self.askJSON(Data((question + "\n").utf8))
        #expect(objects.count == 1)
        #expect(objects.first?["question"] as? String == question)
        #expect(Date().timeIntervalSince(start) < Self.promptly)
    }

    @Test func questionInvalidUTF8OnStandardInput() throws {
        var input = Data("What does ferritin ".utf8)
        input.append(contentsOf: [0xFF, 0xC3, 0x28, 0xED, 0xA0, 0x80])    // never valid; a lone surrogate
        input.append(contentsOf: Data(" suggest?\n".utf8))
        let objects = try Self.askJSON(input)
        #expect(objects.count == 1)
        let question = try #require(objects.first?["question"] as? String)
        #expect(question.hasPrefix("What does ferritin \u{FFFD}"), "\(question.debugDescription)")
        #expect(objects.first?["answered"] as? Bool == true)
    }

    /// Control characters in a question separate words like spaces, and whole escape
    /// sequences (`ESC [2J`, `ESC [31m`, an OSC 8 link) are skipped by the tokenizer, so a
    /// pasted coloured question is answered like the plain one. Exit 0, and on a pty with
    /// TERM=xterm the only escapes printed are GuideQA's own SGR styles.
    @Test func questionControlAndEscapeSequences() throws {
        let bare = "ferritin \u{07}\u{1B}\u{08}\u{7F}\u{9B} fever"
        let sequences = "\u{1B}[2J\u{1B}]8;;http://evil.example\u{1B}\\ferritin\u{1B}]8;;\u{1B}\\ \u{1B}[31mfever\u{1B}[0m"
        let objects = try Self.askJSON(Data((bare + "\n" + sequences + "\n").utf8))
        #expect(objects.map { $0["answered"] as? Bool } == [true, true])
        #expect(objects.map { $0["question"] as? String } == [bare, sequences], "JSON escapes them, losslessly")
        for question in [bare, sequences] {
            let session = try PTYSession(["ask", question], environment: ["TERM": "xterm"])
            #expect(session.waitForExit() == 0)
            Self.expectOnlyOwnEscapes(session.transcript)
        }
    }

    @Test func questionRightToLeftAndCombiningCharacters() throws {
        let questions = ["What does fe\u{0301}rri\u{0308}tin suggest?",            // combining accents fold away
                         "\u{202E}ferritin\u{202C} fever \u{2067}\u{2069}",          // RLO override, isolates
                         "\u{0641}\u{064A}\u{0631}\u{064A}\u{062A}\u{064A}\u{0646}"]   // Arabic only: not in the corpus
        let objects = try Self.askJSON(Data(questions.map { $0 + "\n" }.joined().utf8))
        #expect(objects.map { $0["answered"] as? Bool } == [true, true, false])
        let text = try BinaryRunner.run(["ask", questions[1]])
        #expect(text.status == 0)
        #expect(!text.stdout.unicodeScalars.contains { (0x202A...0x202E).contains($0.value) || (0x2066...0x2069).contains($0.value) },
                "bidi controls neutralized")
    }

    @Test func questionEmoji() throws {
        let objects = try Self.askJSON(Data("ferritin 🩸 fever 🤒👨‍👩‍👧\n😀😀😀\n".utf8))
        // Emoji are not words: the first question is answered, the emoji-only one is not.
        #expect(objects.map { $0["answered"] as? Bool } == [true, false])
    }

    // MARK: - Check scripts

    static func check(_ script: Data) throws -> (BinaryRunner.Result, String) {
        let dir = try Self.folder(["s.qa": script])
        return (try BinaryRunner.run(["check", dir + "/s.qa"]), dir + "/s.qa")
    }

    @Test func scriptUnknownDirective() throws {
        let (result, file) = try Self.check(Data("> What is the HScore?\n  contains: HScore\n  frobnicate: x\n".utf8))
        Self.expectRefused(result, file + ":3", "unknown directive 'frobnicate'")
    }

    @Test func scriptExpectationBeforeAnyQuestion() throws {
        let (result, file) = try Self.check(Data("# c\n  contains: HScore\n> What is the HScore?\n".utf8))
        Self.expectRefused(result, file + ":2", "expectation 'contains: HScore' comes before any question")
    }

    /// The format has no blocks to leave open: a question at the very end (no newline, no
    /// expectations) is a complete turn, and an empty `conversation:` at the end is named.
    @Test func scriptUnterminatedBlockDoesNotExist() throws {
        let (ok, _) = try Self.check(Data("> What is the HScore?\n  contains: HScore\n> How is it computed?".utf8))
        #expect(ok.status == 0, "\(ok.stdout)\(ok.stderr)")
        #expect(ok.stdout.hasSuffix("1 passed, 0 failed\n"), "\(ok.stdout)")
        let (dangling, file) = try Self.check(Data("> What is the HScore?\n  contains: HScore\nconversation: later\n".utf8))
        Self.expectRefused(dangling, file + ":3", "conversation 'later' asks no questions")
    }

    @Test(arguments: [("NUL bytes", Data([0x3E, 0x20, 0x71, 0x0A, 0x00, 0x01, 0x02]), ":2", "contains a NUL byte"),
                      ("not UTF-8", Data([0x3E, 0x20, 0x71, 0x0A, 0x0A, 0xFF, 0xFE, 0x0A]), ":3", "is not valid UTF-8")])
    func scriptNotText(_ row: String, _ bytes: Data, _ line: String, _ message: String) throws {
        let (result, file) = try Self.check(bytes)
        Self.expectRefused(result, file + line, message)
    }

    // MARK: - Terminal output

    /// Everything GuideQA prints on a terminal: escapes only as its own SGR styles (ESC [ digits;… m).
    static func expectOnlyOwnEscapes(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let v = scalars[i].value
            if v == 0x1B {
                var j = i + 1
                let ok = j < scalars.count && scalars[j] == "["
                j += 1
                while j < scalars.count, ("0"..."9").contains(scalars[j]) || scalars[j] == ";" { j += 1 }
                #expect(ok && j < scalars.count && scalars[j] == "m",
                        "a foreign escape sequence at \(i): \(String(String.UnicodeScalarView(scalars[i..<min(scalars.count, i + 12)])).debugDescription)",
                        sourceLocation: sourceLocation)
                i = j + 1
                continue
            }
            #expect(v >= 0x20 || v == 0x0A || v == 0x0D || v == 0x09 || v == 0x08, "control U+\(String(v, radix: 16)) at \(i)",
                    sourceLocation: sourceLocation)
            #expect(!(0x80...0x9F).contains(v) && !(0x202A...0x202E).contains(v) && !(0x2066...0x2069).contains(v),
                    "C1 or bidi control U+\(String(v, radix: 16))", sourceLocation: sourceLocation)
            i += 1
        }
    }

    /// A corpus passage with an OSC 8 hyperlink, a title-setting OSC, a screen clear, a bell and
    /// a bidi override, printed by `ask` on a pty with TERM=xterm: all shown as placeholders.
    @Test func corpusControlCharactersNeverReachTheTerminal() throws {
        let hostile = "Ferritin \u{1B}]8;;http://evil.example\u{1B}\\click here\u{1B}]8;;\u{1B}\\ is high"
            + " \u{1B}]0;pwned\u{07}\u{1B}[2J\u{07}\u{08} \u{202E}gnp.exe\u{202C} \u{9B}31m. [1]"
        let document = Self.good.replacingOccurrences(of: "Ferritin above 500 µg/L is one of the diagnostic criteria. [1]",
                                                      with: hostile)
            .replacingOccurrences(of: "## Ferritin", with: "## Ferritin \u{1B}[5mblink\u{1B}[0m")
        let dir = try Self.folder(text: ["g.md": document])
        let session = try PTYSession(["ask", "--no-cache", "--corpus", dir, "ferritin"], environment: ["TERM": "xterm"])
        #expect(session.waitForExit() == 0)
        let screen = session.transcript
        #expect(screen.contains("click here"), "\(screen.debugDescription)")
        #expect(screen.contains("␛]8;;http://evil.example␛\\"), "OSC 8 shown as text: \(screen.debugDescription)")
        #expect(screen.contains("␇"))
        #expect(screen.utf8.contains(0x1B), "styled (control case)")
        Self.expectOnlyOwnEscapes(screen)
    }
}
