import Foundation
import LineEditing

/// Where the REPL's lines come from: libedit on a terminal, plain lines otherwise.
protocol LineReader {
    mutating func read() -> LineEditor.Input
    /// Records a line the user entered (history).
    mutating func remember(_ line: String)
    /// Persists what is worth keeping; called once at the end.
    mutating func finish()
}

/// Standard input that is not a terminal: no prompt, no echo, no editing codes.
struct PlainLineReader: LineReader {
    mutating func read() -> LineEditor.Input {
        guard let line = readLine(strippingNewline: true) else { return .eof }
        return .line(line.hasSuffix("\r") ? String(line.dropLast()) : line)
    }
    mutating func remember(_ line: String) {}
    mutating func finish() {}
}

/// libedit with a persistent, merged history file.
struct EditLineReader: LineReader {
    private let editor: LineEditor
    private let history: HistoryFile
    private var newEntries: [String] = []

    init?(prompt: String, history: HistoryFile, completer: @escaping LineEditor.Completer) {
        let (entries, problem) = history.load()
        if let problem { Terminal.error("guideqa: warning: \(problem)") }
        guard let editor = LineEditor(program: "guideqa", prompt: prompt, history: entries,
                                      historySize: history.limit, completer: completer) else { return nil }
        self.editor = editor
        self.history = history
    }

    mutating func read() -> LineEditor.Input { editor.readLine() }

    mutating func remember(_ line: String) {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, newEntries.last != trimmed else { return }
        editor.addHistory(trimmed)
        newEntries.append(trimmed)
    }

    mutating func finish() {
        do {
            try history.save(appending: newEntries)
        } catch {
            Terminal.error("guideqa: warning: could not save history to \(history.path) (\(error.localizedDescription))")
        }
        newEntries = []
    }
}
