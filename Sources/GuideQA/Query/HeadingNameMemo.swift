import Foundation

/// Whether each phrase of one synonym table is a name some heading of the corpus uses,
/// worked out the first time a question matches the phrase and remembered.
///
/// The answer depends on the index and the synonym table alone, and most questions
/// match such a name ("Tucker syndrome" is a document's title): intersecting the
/// heading lists of its words for every question cost more than the rest of expanding it.
/// Made with the table it remembers for (`QueryPlanner`), so phrase numbers always fit.
final class HeadingNameMemo: @unchecked Sendable {
    private let lock = NSLock()
    /// By phrase number: 0 not known yet, 1 no, 2 yes.
    private var known: [UInt8]

    init(phrases: Int) {
        known = [UInt8](repeating: 0, count: phrases)
    }

    /// Whether phrase `phrase` is named in a heading; `compute` decides the first time.
    func isNamed(_ phrase: Int, compute: () -> Bool) -> Bool {
        lock.lock()
        let value = known[phrase]
        lock.unlock()
        if value != 0 { return value == 2 }
        let named = compute()
        lock.lock()
        known[phrase] = named ? 2 : 1
        lock.unlock()
        return named
    }
}
