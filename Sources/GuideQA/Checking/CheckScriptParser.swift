import Foundation

/// Parses `.qa` check scripts (format: `docs/check-format.md`).
///
/// The format is line-oriented, so every line means one thing and an error always has
/// one line to point at:
///
///     # comment                        conversation: name
///     > question  |  > :reset          rank N: passage    top N: passage
///     contains: text    not contains: text    cites: reference    no answer
///
/// Leading whitespace is ignored (indent expectations under their question if you like).
/// Parsing stops at the first error, which names the file and line.
public enum CheckScriptParser {
    /// The meta-commands a script may use; others are refused (they have no answer to check).
    public static let metaCommands: Set<String> = [":reset"]

    /// Reads and parses the script at `path`, named `display` in messages.
    public static func parse(contentsOf path: String, display: String? = nil) throws(CheckScriptError) -> CheckScript {
        let name = display ?? path
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            if !FileManager.default.fileExists(atPath: path) {
                throw CheckScriptError(.notFound, at: SourceLocation(file: name, line: 0))
            }
            throw CheckScriptError(.unreadable(TextFile.reasonText(error)), at: SourceLocation(file: name, line: 0))
        }
        return try parse(data: data, file: name)
    }

    /// Parses script bytes; refuses what is not UTF-8 text.
    public static func parse(data: Data, file: String) throws(CheckScriptError) -> CheckScript {
        guard !data.isEmpty else { throw CheckScriptError(.noQuestions, at: SourceLocation(file: file, line: 0)) }
        let text: String
        do {
            text = try TextFile.decode(data, display: file)
        } catch {
            switch error.kind {
            case .containsNUL: throw CheckScriptError(.containsNUL, at: error.location)
            case .invalidUTF8: throw CheckScriptError(.invalidUTF8, at: error.location)
            default: throw CheckScriptError(.noQuestions, at: error.location)
            }
        }
        return try parse(text: text, file: file)
    }

    /// Parses script text.
    public static func parse(text: String, file: String) throws(CheckScriptError) -> CheckScript {
        var body = text
        if body.hasPrefix("\u{FEFF}") { body.removeFirst() }
        let crlf = body.contains("\r\n")
        // "\r\n" is one Character in Swift, so both terminators are named.
        var lines = body.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
            .map(String.init)
        let endsWithNewline = lines.last == ""
        if endsWithNewline { lines.removeLast() }
        if crlf { lines = lines.map { $0.hasSuffix("\r") ? String($0.dropLast()) : $0 } }

        var state = State(file: file)
        for (index, line) in lines.enumerated() {
            try state.read(line, number: index + 1)
        }
        let conversations = try state.finish()
        return CheckScript(file: file, lines: lines, lineEnding: crlf ? "\r\n" : "\n",
                           endsWithNewline: endsWithNewline, conversations: conversations)
    }

    /// The parser's position: the conversations so far and what a next expectation attaches to.
    private struct State {
        let file: String
        var conversations: [CheckConversation] = []
        /// The open conversation (not yet in `conversations`).
        var current: CheckConversation?
        /// The open turn (not yet in `current.steps`).
        var turn: CheckTurn?
        /// Set after a meta-command line, for a precise error if an expectation follows.
        var afterMetaCommand = false

        init(file: String) { self.file = file }

        mutating func read(_ raw: String, number: Int) throws(CheckScriptError) {
            let at = SourceLocation(file: file, line: number)
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { return }

            if line.hasPrefix(">") {
                let question = line.dropFirst().trimmingCharacters(in: .whitespaces)
                guard !question.isEmpty else { throw CheckScriptError(.emptyQuestion, at: at) }
                closeTurn()
                if current == nil {
                    current = CheckConversation(name: "conversation \(conversations.count + 1)", location: at)
                }
                if question.hasPrefix(":") {
                    let command = String(question.split(separator: " ").first ?? "").lowercased()
                    guard CheckScriptParser.metaCommands.contains(command),
                          question.split(separator: " ").count == 1 else {
                        throw CheckScriptError(.unsupportedMetaCommand(question), at: at)
                    }
                    current?.steps.append(.reset(at))
                    afterMetaCommand = true
                } else {
                    turn = CheckTurn(question: question, location: at)
                    afterMetaCommand = false
                }
                return
            }

            let (key, value) = CheckScriptParser.split(line)
            let words = key.lowercased().split(whereSeparator: \.isWhitespace)
            let directive = words.joined(separator: " ")
            if directive == "conversation" {
                closeConversation()
                let name = value ?? ""
                current = CheckConversation(
                    name: name.isEmpty ? "conversation \(conversations.count + 1)" : name, location: at)
                afterMetaCommand = false
                return
            }
            let kind = try CheckScriptParser.expectation(directive: directive, words: words, value: value, at: at, line: line)
            guard turn != nil else {
                throw CheckScriptError(afterMetaCommand ? .expectationAfterMetaCommand(line)
                                                         : .expectationBeforeQuestion(line), at: at)
            }
            turn?.expectations.append(Expectation(kind: kind, location: at, source: line))
        }

        mutating func finish() throws(CheckScriptError) -> [CheckConversation] {
            closeConversation()
            guard conversations.contains(where: { !$0.turns.isEmpty }) else {
                throw CheckScriptError(.noQuestions, at: SourceLocation(file: file, line: 0))
            }
            if let empty = conversations.first(where: { $0.turns.isEmpty }) {
                throw CheckScriptError(.emptyConversation(empty.name), at: empty.location)
            }
            return conversations
        }

        private mutating func closeTurn() {
            if let turn { current?.steps.append(.ask(turn)) }
            turn = nil
        }

        private mutating func closeConversation() {
            closeTurn()
            if let current { conversations.append(current) }
            current = nil
        }
    }

    /// `key: value` at the first colon; a line without a colon is all key.
    private static func split(_ line: String) -> (String, String?) {
        guard let colon = line.firstIndex(of: ":") else { return (line, nil) }
        let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        return (String(line[..<colon]), value)
    }

    private static func expectation(directive: String, words: [Substring], value: String?, at: SourceLocation,
                                    line: String) throws(CheckScriptError) -> Expectation.Kind {
        func text() throws(CheckScriptError) -> String {
            guard let value, !value.isEmpty else { throw CheckScriptError(.missingValue(directive), at: at) }
            return value
        }
        switch directive {
        case "no answer":
            if let value, !value.isEmpty { throw CheckScriptError(.unexpectedValue(directive), at: at) }
            return .noAnswer
        case "contains":
            return .contains(try text())
        case "not contains":
            return .notContains(try text())
        case "cites":
            return .cites(try text())
        default:
            break
        }
        guard words.count == 2, words[0] == "rank" || words[0] == "top" else {
            throw CheckScriptError(.unknownDirective(value == nil ? line : directive), at: at)
        }
        guard let count = Int(words[1]), (1...1000).contains(count) else {
            throw CheckScriptError(.badCount(directive), at: at)
        }
        let written = try text()
        guard let reference = PassageReference(parsing: written) else {
            throw CheckScriptError(.badPassageReference(written), at: at)
        }
        return words[0] == "rank" ? .rank(count, reference) : .top(count, reference)
    }
}
