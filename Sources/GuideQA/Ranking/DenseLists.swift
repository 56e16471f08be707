import Foundation

/// A long posting list as a bitmap over the passages, with each word's count of the
/// postings before it: whether a passage holds the term, and where its posting is,
/// in two loads and a population count.
///
/// Why: `finish` asks the lists it did not walk (the common words of a question, and
/// the intent expansions such as "symptom" or "treatment") about the passages it
/// finishes, a few hundred per question, in corpus order. In a list of thousands, a
/// search from the last place found steps past every posting in between; it was the
/// largest single cost of a median question ranking every match. Only lists that
/// cover at least `1 / densityDivisor` of the passages get a directory: there a
/// directory costs at most `16 × densityDivisor / 64` bytes a posting.
final class DenseList: @unchecked Sendable {
    /// Per 64 passages: which hold the term, and how many postings come before them.
    struct Word {
        var bits: UInt64
        var before: UInt32
    }

    let words: UnsafeMutablePointer<Word>
    let wordCount: Int

    /// The directory of `passages[range]` (ascending, below `passageCount`).
    init(_ passages: UnsafePointer<Int32>, _ range: Range<Int>, passageCount: Int) {
        wordCount = (passageCount + 63) >> 6
        words = .allocate(capacity: max(1, wordCount))
        words.initialize(repeating: Word(bits: 0, before: 0), count: max(1, wordCount))
        // A list is ascending (a loaded index's postings were checked on load), so its ends
        // bound every passage in it: a posting outside the passages stops the program
        // rather than write past the directory.
        precondition(range.isEmpty || (passages[range.lowerBound] >= 0 && Int(passages[range.upperBound - 1]) < passageCount),
                     "a posting list holds a passage outside the index")
        for p in range {
            let passage = Int(passages[p])
            words[passage >> 6].bits |= 1 << UInt64(passage & 63)
        }
        var before: UInt32 = 0
        for w in 0..<wordCount {
            words[w].before = before
            before &+= UInt32(words[w].bits.nonzeroBitCount)
        }
    }

    deinit { words.deallocate() }

    var byteCount: Int { wordCount * MemoryLayout<Word>.stride }

    /// What a cursor reads: the words, and the list's first posting.
    struct View {
        let words: UnsafePointer<Word>
        let first: Int

        /// The index of the passage's posting, or nil when the list does not hold it.
        @inline(__always)
        func posting(_ passage: Int) -> Int? {
            let word = words[passage >> 6]
            let bit: UInt64 = 1 &<< UInt64(passage & 63)
            guard word.bits & bit != 0 else { return nil }
            return first &+ Int(word.before) &+ (word.bits & (bit &- 1)).nonzeroBitCount
        }
    }
}

/// The directories of one index's long lists, per field and list, made the first time a
/// query looks passages up in such a list (a cursor of `finish`, a proximity pair's
/// word) and kept for the engine's life, within a budget.
///
/// A query looks up a dozen lists or two; an open-addressed table of list keys (at most
/// half full) costs a multiply and a probe where `Dictionary` hashed each key with SipHash.
final class DenseLists: @unchecked Sendable {
    /// Lists holding at least one passage in this many get a directory (of 8, 32 and
    /// 128, 32 took the fewest instructions and cache misses on the eval set).
    static let densityDivisor = 32
    /// Past this many bytes of directories, lists are searched as before. A directory
    /// takes a quarter byte a passage (250 KB at a million passages); all 4,766 eval
    /// questions made 1.5 MB of them, and the budget keeps a million-passage engine well
    /// inside its 2 GB.
    static let defaultBudget = 64 << 20
    let budget: Int
    /// The index's passages: every directory has a bit for each.
    let passageCount: Int

    private let lock = NSLock()
    /// Key + 1 (0: empty slot), and the directory's words.
    private var keys = [UInt64](repeating: 0, count: 64)
    private var found = [UnsafePointer<DenseList.Word>?](repeating: nil, count: 64)
    /// Keeps the directories alive.
    private var owned: [DenseList] = []
    private var bytes = 0

    init(passageCount: Int, budget: Int = DenseLists.defaultBudget) {
        self.passageCount = passageCount
        self.budget = budget
    }

    /// Whether a list of `count` postings gets a directory.
    func qualifies(_ count: Int) -> Bool {
        count >= 64 && count * Self.densityDivisor >= passageCount
    }

    /// The directory of one term's list in one field (0: body, 1: heading; a list is
    /// known by where it starts), made now if it is not yet; nil when the list is too
    /// sparse for one, or past the budget.
    func view(field: Int, _ passages: UnsafePointer<Int32>, _ range: Range<Int>) -> DenseList.View? {
        guard qualifies(range.count) else { return nil }
        let code = (UInt64(field) << 48 | UInt64(range.lowerBound)) &+ 1
        lock.lock()
        let known = found[slot(code)]
        let full = bytes >= budget
        lock.unlock()
        if let known { return DenseList.View(words: known, first: range.lowerBound) }
        guard !full else { return nil }
        let made = DenseList(passages, range, passageCount: passageCount)
        lock.lock()
        defer { lock.unlock() }
        let i = slot(code)
        if let other = found[i] { return DenseList.View(words: other, first: range.lowerBound) }
        keys[i] = code
        found[i] = UnsafePointer(made.words)
        owned.append(made)
        bytes += made.byteCount
        if owned.count * 2 > keys.count { grow() }
        return DenseList.View(words: made.words, first: range.lowerBound)
    }

    /// Where `code` is, or the empty slot where it would go.
    private func slot(_ code: UInt64) -> Int {
        let mask = keys.count - 1
        var i = Int(truncatingIfNeeded: (code &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
        while keys[i] != 0 && keys[i] != code { i = (i + 1) & mask }
        return i
    }

    private func grow() {
        let old = zip(keys, found).filter { $0.0 != 0 }
        keys = [UInt64](repeating: 0, count: keys.count * 2)
        found = [UnsafePointer<DenseList.Word>?](repeating: nil, count: keys.count)
        for (code, words) in old {
            let i = slot(code)
            keys[i] = code
            found[i] = words
        }
    }
}
