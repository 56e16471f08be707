import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Ctrl-C (SIGINT) during a batch of questions on standard input (`ask` with no
/// question, the piped REPL): the answer being composed is finished and printed whole,
/// the batch stops, and the program exits 130 (128 + SIGINT, as a shell reports it).
///
/// The handler only sets a flag, checked between questions. It is installed without
/// `SA_RESTART`, so a read waiting for the next line returns at once. The interactive
/// REPL does not use it: there Ctrl-C is libedit's key binding (discard the line).
enum Interrupt {
    nonisolated(unsafe) private static var flag: sig_atomic_t = 0

    /// True once SIGINT has arrived.
    static var requested: Bool { flag != 0 }

    static func install() {
        flag = 0                       // initialized before the handler can touch it
        var action = sigaction()
        #if os(Linux)
        action.__sigaction_handler.sa_handler = { _ in Interrupt.flag = 1 }
        #else
        action.__sigaction_u.__sa_handler = { _ in Interrupt.flag = 1 }
        #endif
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
        // A parent may have left SIGINT blocked (or a test runner's thread mask inherited).
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }

    /// Flushes what was printed and exits 130, if SIGINT has arrived.
    static func exitIfRequested() {
        guard requested else { return }
        fflush(nil)                    // every output stream, stdout included
        Terminal.error("guideqa: interrupted")
        exit(130)
    }
}
