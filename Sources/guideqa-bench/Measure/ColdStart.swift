import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Time to the first answer from a cold process: spawn a program, and take the wall
/// time from just before `posix_spawn` to the first byte it writes on standard output
/// (the answer is printed in one piece once it is ranked), then wait for it to exit.
///
/// The program is started through `guideqa-bench child-memory`, a small process of its
/// own, which reports the program's peak resident memory after its output: what the
/// user's process really needs, with nothing of the benchmark's own memory in it
/// (Linux would carry the benchmark's peak into a child it spawned directly). It also
/// reports when it spawned the program and when the program ended (`CLOCK_MONOTONIC`,
/// the same clock in every process), and the times are taken from that spawn: the
/// launcher's own start, a Swift process of its own, is not the program's.
struct ColdStart: Sendable {
    struct Run: Sendable {
        /// Seconds from the program's spawn to the first byte on standard output.
        let firstOutput: Double
        /// Seconds from the program's spawn to its end.
        let exit: Double
        /// The child's peak resident set, bytes.
        let peakResident: Int
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    let executable: String
    let arguments: [String]
    /// Standard input from /dev/null (a REPL then starts, finds no input and ends); the
    /// program may print nothing, and `exit` is the figure to read.
    var emptyInput = false

    /// Spawns the program `runs` times (one after the other) and returns every run.
    func measure(runs: Int) throws(Failure) -> [Run] {
        var result: [Run] = []
        for _ in 0..<max(1, runs) { result.append(try runOnce()) }
        return result
    }

    private func runOnce() throws(Failure) -> Run {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw Failure(description: "pipe() failed: \(String(cString: strerror(errno)))") }
        let (readEnd, writeEnd) = (fds[0], fds[1])
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, writeEnd, 1)
        if emptyInput { posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0) }
        posix_spawn_file_actions_addclose(&actions, readEnd)
        posix_spawn_file_actions_addclose(&actions, writeEnd)

        let bench = CommandLine.arguments[0].hasPrefix("/") ? CommandLine.arguments[0]
            : FileManager.default.currentDirectoryPath + "/" + CommandLine.arguments[0]
        let words = [bench, "child-memory", "--", executable] + arguments
        let argv: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let start = MonotonicClock.now()
        let status = posix_spawn(&pid, bench, &actions, nil, argv, environ)
        close(writeEnd)
        guard status == 0 else {
            close(readEnd)
            throw Failure(description: "cannot start \(executable): \(String(cString: strerror(status)))")
        }

        var firstOutput: UInt64?
        var buffer = [UInt8](repeating: 0, count: 65_536)
        var tail: [UInt8] = []
        var total = 0
        while true {
            let count = buffer.withUnsafeMutableBytes { read(readEnd, $0.baseAddress, $0.count) }
            if count > 0 {
                if firstOutput == nil { firstOutput = MonotonicClock.now() }
                total += count
                tail = Array((tail + buffer[0..<count]).suffix(256))
            } else if count == 0 || errno != EINTR {
                break
            }
        }
        close(readEnd)

        var exitStatus: Int32 = 0
        while waitpid(pid, &exitStatus, 0) < 0 && errno == EINTR {}
        // WIFEXITED/WEXITSTATUS are macros Swift cannot import.
        let exited = exitStatus & 0x7f == 0
        let code = (exitStatus >> 8) & 0xff
        guard exited, code == 0 else {
            throw Failure(description: "\(executable) failed (wait status \(exitStatus))")
        }
        // The last line is child-memory's report: kilobytes (Linux's ru_maxrss unit), then
        // the clock at the program's spawn and at its end.
        let text = String(decoding: tail, as: UTF8.self)
        guard let marker = text.range(of: "\n@@peak-rss ", options: .backwards) else {
            throw Failure(description: "\(executable): no report from child-memory")
        }
        let report = text[marker.upperBound...].split(whereSeparator: \.isWhitespace)
        guard report.count == 5, report[1] == "spawn", report[3] == "exit", let kilobytes = Int(report[0]),
              let spawned = UInt64(report[2]), let ended = UInt64(report[4]), spawned >= start, ended >= spawned else {
            throw Failure(description: "\(executable): unreadable report from child-memory: \(text[marker.upperBound...])")
        }
        // The program's own output is what came before the report; a REPL given no input
        // may print nothing, and its figure is `exit`.
        let printed = total - text.utf8.distance(from: marker.lowerBound, to: text.endIndex)
        guard let firstOutput, printed > 0 || emptyInput else {
            throw Failure(description: "\(executable) printed nothing")
        }
        // One clock for both processes: the first byte was read here after the spawn there.
        let seconds = { (t: UInt64) in Double(t - spawned) / 1e9 }
        return Run(firstOutput: seconds(firstOutput), exit: seconds(ended), peakResident: kilobytes * 1024)
    }
}
