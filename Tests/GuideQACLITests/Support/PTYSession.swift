import Foundation
#if canImport(Glibc)
import Glibc
#endif

enum PTYError: Error, CustomStringConvertible {
    case openpty(Int32)
    case timeout(waitingFor: String, transcript: String)
    case exited(waitingFor: String, transcript: String)

    var description: String {
        switch self {
        case .openpty(let code): return "openpty failed: errno \(code)"
        case .timeout(let needle, let transcript):
            return "timed out waiting for \(needle.debugDescription); transcript:\n\(transcript.debugDescription)"
        case .exited(let needle, let transcript):
            return "the program ended before \(needle.debugDescription); transcript:\n\(transcript.debugDescription)"
        }
    }
}

/// Runs the `guideqa` binary with stdin, stdout and stderr on a fresh 24×80 pseudo-terminal,
/// with `TERM=dumb`, `LC_ALL=C.UTF-8`, and `HOME`/`GUIDEQA_HISTORY` in a temporary folder
/// (tests never touch the real home).
///
/// Technique from shared/notes/swift-libedit.md §3: libedit prints the prompt *before* it
/// puts the terminal in raw mode, so after each prompt wait until `ICANON` is off
/// (`expectPrompt()`), or typed keys land in cooked mode (double echo, ^C lost).
/// Assert on the program's own output lines (`turn(_:)`), not on echoed input.
final class PTYSession {
    static let prompt = "guideqa> "

    let process = Process()
    private let master: Int32
    /// Everything the child wrote, for failure messages.
    private(set) var transcript = ""
    /// Output not yet consumed by `expect`, as bytes (a read can split a UTF-8 character).
    private var unread: [UInt8] = []

    /// - Parameters:
    ///   - arguments: arguments after the binary (none: the REPL).
    ///   - historyFile: GUIDEQA_HISTORY; nil gives a fresh file in a new temporary folder.
    ///   - environment: extra variables, or overrides (`["TERM": "xterm"]`).
    init(_ arguments: [String] = [], historyFile: String? = nil, environment: [String: String] = [:]) throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("guideqa-pty-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        var env = [
            "PATH": "/usr/bin:/bin",
            "HOME": home,
            "XDG_STATE_HOME": home + "/state",
            "TERM": "dumb",
            "LC_ALL": "C.UTF-8",
            "GUIDEQA_HISTORY": historyFile ?? home + "/history",
        ]
        // Sanitizer settings of the test run (ASAN_OPTIONS, TSAN_OPTIONS, …) reach the binary too.
        for (key, value) in ProcessInfo.processInfo.environment where key.hasSuffix("SAN_OPTIONS") { env[key] = value }
        env.merge(environment) { _, new in new }

        var master: Int32 = -1, slave: Int32 = -1
        var size = winsize(ws_row: 24, ws_col: 80, ws_xpixel: 0, ws_ypixel: 0)
        guard openpty(&master, &slave, nil, nil, &size) == 0 else { throw PTYError.openpty(errno) }
        // Tests run in parallel: keep other tests' children from inheriting this pty.
        _ = fcntl(master, F_SETFD, FD_CLOEXEC)
        _ = fcntl(slave, F_SETFD, FD_CLOEXEC)
        let slaveHandle = FileHandle(fileDescriptor: slave, closeOnDealloc: true)
        process.executableURL = BinaryRunner.binary
        process.arguments = arguments
        process.environment = env
        process.standardInput = slaveHandle
        process.standardOutput = slaveHandle
        process.standardError = slaveHandle
        do {
            try process.run()
        } catch {
            close(master)
            throw error
        }
        try slaveHandle.close()          // only the child keeps the slave open
        self.master = master
    }

    deinit {
        kill()
        close(master)
    }

    /// SIGKILL, not `terminate()`: the child inherits the test thread's blocked signal
    /// mask, SIGTERM included, so SIGTERM would leave it running and the wait would hang.
    func kill() {
        guard process.isRunning else { return }
        _ = Glibc.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// Writes keys to the terminal: "\r" is Enter, "\u{03}" Ctrl-C, "\u{04}" Ctrl-D, "\t" Tab.
    func send(_ text: String) {
        let bytes = Array(text.utf8)
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = write(master, raw.baseAddress! + offset, raw.count - offset)
                if n <= 0 { return }
                offset += n
            }
        }
    }

    /// Reads until `needle` appears after the previous match; returns the text up to and
    /// including it. Throws on timeout or when the program ends first.
    @discardableResult
    func expect(_ needle: String, timeout: Double = 4) throws -> String {
        let wanted = Array(needle.utf8)
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let end = Self.find(wanted, in: unread) {
                let text = String(decoding: unread[..<end], as: UTF8.self)
                unread.removeFirst(end)
                return text
            }
            let left = deadline.timeIntervalSinceNow
            guard left > 0 else { throw PTYError.timeout(waitingFor: needle, transcript: transcript) }
            do {
                _ = try readChunk(timeoutMilliseconds: Int32(max(1, left * 1000)))
            } catch {
                throw PTYError.exited(waitingFor: needle, transcript: transcript)
            }
        }
    }

    /// Expects the prompt, then waits for raw mode: call before typing.
    func expectPrompt(timeout: Double = 4) throws {
        try expect(Self.prompt, timeout: timeout)
        try waitForRawMode()
    }

    /// Types `line` and Enter, waits for the next prompt (and raw mode), and returns the
    /// program's output lines in between: the echoed input line is dropped, and so is the
    /// blank line the REPL prints after each turn.
    func turn(_ line: String) throws -> [String] {
        send(line + "\r")
        let text = try expect(Self.prompt)
        try waitForRawMode()
        var lines = text.components(separatedBy: "\r\n")
        lines.removeFirst()                  // the echo of the typed line
        if lines.last == Self.prompt { lines.removeLast() }   // the new prompt (after "\r\n")
        if lines.last == "" { lines.removeLast() }            // the REPL's blank line after a turn
        return lines
    }

    /// libedit prints the prompt before it switches the tty to raw mode: wait until it has.
    func waitForRawMode(timeout: Double = 4) throws {
        let deadline = Date().addingTimeInterval(timeout)
        var t = termios()
        while Date() < deadline {
            if tcgetattr(master, &t) == 0 && t.c_lflag & tcflag_t(ICANON) == 0 { return }
            usleep(2_000)
        }
        throw PTYError.timeout(waitingFor: "raw mode", transcript: transcript)
    }

    /// Waits for the program to end, draining its output; nil on timeout (then it is killed).
    /// A death by signal returns 128 + the signal number, as a shell reports it.
    func waitForExit(timeout: Double = 4) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline {
            _ = try? readChunk(timeoutMilliseconds: 20)
        }
        if process.isRunning {
            kill()
            return nil
        }
        while (try? readChunk(timeoutMilliseconds: 0)) == true {}
        return process.terminationReason == .exit ? process.terminationStatus : 128 + process.terminationStatus
    }

    /// Everything not consumed by `expect` yet (after `waitForExit`: the tail of the output).
    var remainingOutput: String { String(decoding: unread, as: UTF8.self) }

    /// One read from the terminal into `unread`; false when nothing came in time.
    private func readChunk(timeoutMilliseconds: Int32) throws -> Bool {
        var fds = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        guard poll(&fds, 1, timeoutMilliseconds) > 0 else { return false }
        var buffer = [UInt8](repeating: 0, count: 8192)
        let n = read(master, &buffer, buffer.count)
        // EIO once the child has closed the terminal.
        guard n > 0 else { throw PTYError.exited(waitingFor: "more output", transcript: transcript) }
        unread += buffer[..<n]
        transcript += String(decoding: buffer[..<n], as: UTF8.self)
        return true
    }

    /// The index just past the first occurrence of `needle` in `haystack`.
    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count else { return needle.isEmpty ? 0 : nil }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if haystack[start..<(start + needle.count)].elementsEqual(needle) { return start + needle.count }
        }
        return nil
    }
}
