/// The analyzed terms of the question vocabulary and of the intents' triggers, with
/// what each says about a question: one probe per question term answers "does it ask
/// for a kind of answer" and "which intents does it trigger".
///
/// A question's terms were looked up in a `Set<String>` twice and a
/// `[String: [Int]]` once; each look-up hashes with SipHash, which cost more than
/// the rest of reading the question. `ByteKeyTable` hashes the bytes in a few
/// multiplications.
struct QuestionLexicon: Sendable {
    /// What the lexicon knows of one term.
    struct Entry: Sendable {
        /// Question vocabulary ("treated", "symptoms"): asks for a kind of answer.
        var generic = false
        /// Bit k: the term triggers intent k.
        var intents: UInt64 = 0
    }

    private var numbers = ByteKeyTable(capacity: 512)
    private var entries: [Entry] = []

    /// - Parameters:
    ///   - generic: the question vocabulary's terms.
    ///   - triggers: for each intent (at most 64), the terms that trigger it.
    init(generic: [String], triggers: [[String]]) {
        precondition(triggers.count <= 64, "an intent's bit is one of 64")
        for term in generic { update(term) { $0.generic = true } }
        for (k, terms) in triggers.enumerated() {
            for term in terms { update(term) { $0.intents |= 1 << UInt64(k) } }
        }
    }

    private mutating func update(_ term: String, _ change: (inout Entry) -> Void) {
        let number = Int(numbers.id(term))
        if number == entries.count { entries.append(Entry()) }
        change(&entries[number])
    }

    /// What the lexicon knows of `term` (nothing: an empty entry).
    func entry(_ term: String) -> Entry {
        numbers.find(term).map { entries[Int($0)] } ?? Entry()
    }
}
