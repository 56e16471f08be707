import Foundation

/// `withUnsafeBytes` for a body that throws a typed error. The standard library's is
/// `rethrows`, which widens the error to `any Error`; the writers here keep theirs
/// (`AtomicFile.WriteError`) so that their callers can tell I/O failures apart.
func withBytes<E: Error>(of data: some ContiguousBytes, _ body: (UnsafeRawBufferPointer) throws(E) -> Void) throws(E) {
    var failure: E?
    data.withUnsafeBytes { raw in
        do throws(E) { try body(raw) } catch { failure = error }
    }
    if let failure { throw failure }
}
