import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a program and reports its peak resident memory and when it started and ended,
/// from a process of its own.
///
/// Linux carries a process's peak RSS across `exec`, and `posix_spawn` children start
/// inside their parent's address space: a child spawned by a benchmark that holds a
/// million passages "peaks" at the benchmark's size before it has read a byte. Started
/// from this small process instead, the measured program's peak is its own. The
/// program's output passes through untouched; one last line follows,
/// `@@peak-rss KB spawn NS exit NS`: `CLOCK_MONOTONIC` (one clock for every process on
/// the machine) just before the program was spawned and just after it ended, so that
/// the caller times the program alone, not this launcher's own start (~15 ms).
struct ChildMemoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "child-memory",
        abstract: "Run a program; print its peak resident memory after its output (used by run).",
        shouldDisplay: false
    )

    @Argument(parsing: .captureForPassthrough, help: "The program and its arguments.")
    var command: [String]

    func run() throws {
        let words = command.first == "--" ? Array(command.dropFirst()) : command
        guard let executable = words.first else { throw ValidationError("no program to run") }
        let argv: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = MonotonicClock.now()
        let status = posix_spawn(&pid, executable, nil, nil, argv, environ)
        guard status == 0 else {
            throw ValidationError("cannot start \(executable): \(String(cString: strerror(status)))")
        }
        var exitStatus: Int32 = 0
        var usage = rusage()
        while wait4(pid, &exitStatus, 0, &usage) < 0 && errno == EINTR {}
        let ended = MonotonicClock.now()
        print("\n@@peak-rss \(usage.ru_maxrss) spawn \(spawned) exit \(ended)")
        let exited = exitStatus & 0x7f == 0
        throw ExitCode(exited ? (exitStatus >> 8) & 0xff : 1)
    }
}
