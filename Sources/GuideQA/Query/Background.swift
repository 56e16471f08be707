import Foundation

/// A value computed on another thread from the moment it is created, waited for only
/// when first read.
///
/// The synonym table takes tens of milliseconds to analyze; building it while the REPL
/// shows its prompt, instead of before, keeps the prompt instant.
final class Background<Value: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var result: Value?

    init(_ make: @escaping @Sendable () -> Value) {
        DispatchQueue.global(qos: .userInitiated).async {
            let value = make()
            self.lock.lock()
            self.result = value
            self.lock.unlock()
            self.done.signal()
        }
    }

    var value: Value {
        lock.lock()
        if let result {
            lock.unlock()
            return result
        }
        lock.unlock()
        done.wait()
        done.signal()   // later readers pass straight through
        lock.lock()
        defer { lock.unlock() }
        // The worker stores before it signals, so the value is there.
        guard let result else { preconditionFailure("background value signalled before it was stored") }
        return result
    }
}
