import CLibEditShim
#if canImport(Glibc)
import Glibc
#endif

/// A libedit line editor: prompt, Emacs keys, in-memory history, Tab completion,
/// Ctrl-C that discards the line, Ctrl-D on an empty line as end of input.
///
/// Ctrl-C is a key binding (ISIG is off while editing), not a signal handler: a
/// signal can arrive while libedit is not blocked in `read()` and be lost, a key
/// cannot. Persisting history is the caller's job (see `HistoryFile`), so that the
/// file can be merged and written atomically. Not `Sendable`: libedit is
/// single-threaded, so create and use one editor on one thread.
public final class LineEditor {
    /// What one call to `readLine()` produced.
    public enum Input: Equatable, Sendable { case line(String), interrupted, eof }

    /// Returns the completions of `word` (the text before the cursor back to the last blank).
    public typealias Completer = (_ word: String, _ lineBeforeWord: String) -> [String]

    private let el: OpaquePointer
    private let hist: OpaquePointer
    private var promptCString: UnsafeMutablePointer<CChar>
    fileprivate let completer: Completer
    fileprivate var interrupted = false

    /// Fails when libedit cannot set up the terminal.
    public init?(program: String, prompt: String, history: [String], historySize: Int,
                 completer: @escaping Completer) {
        // libedit decodes keys with LC_CTYPE; in the "C" locale it drops non-ASCII input.
        let loc = setlocale(LC_CTYPE, "").map { String(cString: $0) }
        if loc == nil || loc == "C" || loc == "POSIX" { setlocale(LC_CTYPE, "C.UTF-8") }

        guard let el = cedit_init(program) else { return nil }
        guard let hist = history_init() else { el_end(el); return nil }
        self.el = el
        self.hist = hist
        self.promptCString = strdup(prompt)
        self.completer = completer

        cedit_history_setsize(hist, Int32(historySize))
        cedit_history_setunique(hist, 1)
        for line in history { cedit_history_enter(hist, line) }

        cedit_set_editor(el, "emacs")
        cedit_set_history(el, hist)
        cedit_set_clientdata(el, Unmanaged.passUnretained(self).toOpaque())
        cedit_set_prompt(el, lineEditorPrompt)
        cedit_add_function(el, "guideqa-complete", "Complete a word", lineEditorComplete)
        cedit_bind(el, "^I", "guideqa-complete")
        cedit_setty(el, "-isig")
        cedit_add_function(el, "guideqa-interrupt", "Discard the line", lineEditorInterrupt)
        cedit_bind(el, "^C", "guideqa-interrupt")
        // Reverse incremental search, as in readline.
        cedit_bind(el, "^R", "em-inc-search-prev")
    }

    deinit {
        el_end(el)
        history_end(hist)
        free(promptCString)
    }

    public var prompt: String {
        get { String(cString: promptCString) }
        set { free(promptCString); promptCString = strdup(newValue) }
    }

    /// Blocks until a line, Ctrl-C or Ctrl-D.
    public func readLine() -> Input {
        interrupted = false
        var count: Int32 = 0
        guard let raw = el_gets(el, &count), count > 0 else { return .eof }
        if interrupted { return .interrupted }
        var line = String(decoding: UnsafeRawBufferPointer(start: raw, count: Int(count)), as: UTF8.self)
        if line.hasSuffix("\n") { line.removeLast() }
        return .line(line)
    }

    /// Adds a line to the in-memory history (Up arrow, Ctrl-R).
    public func addHistory(_ line: String) {
        var line = Substring(line)
        while line.last?.isWhitespace == true { line.removeLast() }
        guard !line.isEmpty else { return }
        cedit_history_enter(hist, String(line))
    }

    fileprivate static func from(_ el: OpaquePointer?) -> LineEditor? {
        guard let el, let raw = cedit_get_clientdata(el) else { return nil }
        return Unmanaged<LineEditor>.fromOpaque(raw).takeUnretainedValue()
    }
    fileprivate var promptPointer: UnsafeMutablePointer<CChar> { promptCString }
}

// C callbacks capture nothing; the editor comes from EL_CLIENTDATA.
private let lineEditorPrompt: @convention(c) (OpaquePointer?) -> UnsafeMutablePointer<CChar>? = { el in
    LineEditor.from(el)?.promptPointer
}

private let lineEditorInterrupt: @convention(c) (OpaquePointer?, Int32) -> UInt8 = { el, _ in
    guard let el, let editor = LineEditor.from(el), let info = el_line(el) else { return UInt8(CC_ERROR) }
    editor.interrupted = true
    _ = el_cursor(el, Int32(info.pointee.lastchar - info.pointee.cursor))
    _ = el_insertstr(el, "^C")
    el_push(el, "\n")
    return UInt8(CC_REFRESH)
}

private let lineEditorComplete: @convention(c) (OpaquePointer?, Int32) -> UInt8 = { el, _ in
    guard let el, let editor = LineEditor.from(el), let info = el_line(el),
          let start = info.pointee.buffer, let cursor = info.pointee.cursor
    else { return UInt8(CC_ERROR) }
    let before = String(decoding: UnsafeRawBufferPointer(start: start, count: cursor - start), as: UTF8.self)
    let word = String(before.reversed().prefix { !$0.isWhitespace }.reversed())
    let head = String(before.dropLast(word.count))
    let matches = editor.completer(word, head)
    guard let first = matches.first else { return UInt8(CC_REFRESH_BEEP) }
    if matches.count == 1 {
        _ = el_insertstr(el, String(first.dropFirst(word.count)) + " ")
        return UInt8(CC_REFRESH)
    }
    let common = matches.dropFirst().reduce(first) { a, b in String(zip(a, b).prefix { $0 == $1 }.map(\.0)) }
    if common.count > word.count {
        _ = el_insertstr(el, String(common.dropFirst(word.count)))
        return UInt8(CC_REFRESH)
    }
    let shown = matches.prefix(40)
    print("\n" + shown.joined(separator: "  ") + (matches.count > shown.count ? "  …" : ""))
    cedit_flush_stdout()
    return UInt8(CC_REDISPLAY)
}
